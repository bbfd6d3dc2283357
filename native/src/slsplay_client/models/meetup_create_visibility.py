from typing import Literal

MeetupCreateVisibility = Literal['private', 'public']

MEETUP_CREATE_VISIBILITY_VALUES: set[MeetupCreateVisibility] = { 'private', 'public',  }

def check_meetup_create_visibility(value: str) -> MeetupCreateVisibility:
    if value in MEETUP_CREATE_VISIBILITY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEETUP_CREATE_VISIBILITY_VALUES!r}")
