from typing import Literal

RsvpInResponse = Literal['attending', 'declined']

RSVP_IN_RESPONSE_VALUES: set[RsvpInResponse] = { 'attending', 'declined',  }

def check_rsvp_in_response(value: str) -> RsvpInResponse:
    if value in RSVP_IN_RESPONSE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RSVP_IN_RESPONSE_VALUES!r}")
