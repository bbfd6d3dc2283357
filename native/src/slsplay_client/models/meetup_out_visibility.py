from typing import Literal

MeetupOutVisibility = Literal['private', 'public']

MEETUP_OUT_VISIBILITY_VALUES: set[MeetupOutVisibility] = { 'private', 'public',  }

def check_meetup_out_visibility(value: str) -> MeetupOutVisibility:
    if value in MEETUP_OUT_VISIBILITY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEETUP_OUT_VISIBILITY_VALUES!r}")
