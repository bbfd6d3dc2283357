from typing import Literal

MeetupOutStatus = Literal['cancelled', 'draft', 'published']

MEETUP_OUT_STATUS_VALUES: set[MeetupOutStatus] = { 'cancelled', 'draft', 'published',  }

def check_meetup_out_status(value: str) -> MeetupOutStatus:
    if value in MEETUP_OUT_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEETUP_OUT_STATUS_VALUES!r}")
