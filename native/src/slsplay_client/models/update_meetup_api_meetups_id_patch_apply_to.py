from typing import Literal

UpdateMeetupApiMeetupsIdPatchApplyTo = Literal['following', 'this']

UPDATE_MEETUP_API_MEETUPS_ID_PATCH_APPLY_TO_VALUES: set[UpdateMeetupApiMeetupsIdPatchApplyTo] = { 'following', 'this',  }

def check_update_meetup_api_meetups_id_patch_apply_to(value: str) -> UpdateMeetupApiMeetupsIdPatchApplyTo:
    if value in UPDATE_MEETUP_API_MEETUPS_ID_PATCH_APPLY_TO_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {UPDATE_MEETUP_API_MEETUPS_ID_PATCH_APPLY_TO_VALUES!r}")
