from typing import Literal

MeetupUpdateVisibilityType0 = Literal['private', 'public']

MEETUP_UPDATE_VISIBILITY_TYPE_0_VALUES: set[MeetupUpdateVisibilityType0] = { 'private', 'public',  }

def check_meetup_update_visibility_type_0(value: str) -> MeetupUpdateVisibilityType0:
    if value in MEETUP_UPDATE_VISIBILITY_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEETUP_UPDATE_VISIBILITY_TYPE_0_VALUES!r}")
