from typing import Literal

RsvpInvitationOutResponse = Literal['attending', 'declined', 'none', 'waitlisted']

RSVP_INVITATION_OUT_RESPONSE_VALUES: set[RsvpInvitationOutResponse] = { 'attending', 'declined', 'none', 'waitlisted',  }

def check_rsvp_invitation_out_response(value: str) -> RsvpInvitationOutResponse:
    if value in RSVP_INVITATION_OUT_RESPONSE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RSVP_INVITATION_OUT_RESPONSE_VALUES!r}")
