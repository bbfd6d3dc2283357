from typing import Literal

MeetupOutPhase = Literal['cancelled', 'draft', 'ended', 'live', 'upcoming']

MEETUP_OUT_PHASE_VALUES: set[MeetupOutPhase] = { 'cancelled', 'draft', 'ended', 'live', 'upcoming',  }

def check_meetup_out_phase(value: str) -> MeetupOutPhase:
    if value in MEETUP_OUT_PHASE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEETUP_OUT_PHASE_VALUES!r}")
