from typing import Literal

RsvpInScope = Literal['series', 'this']

RSVP_IN_SCOPE_VALUES: set[RsvpInScope] = { 'series', 'this',  }

def check_rsvp_in_scope(value: str) -> RsvpInScope:
    if value in RSVP_IN_SCOPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RSVP_IN_SCOPE_VALUES!r}")
