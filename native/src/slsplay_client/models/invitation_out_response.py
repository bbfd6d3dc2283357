from typing import Literal

InvitationOutResponse = Literal['attending', 'declined', 'none', 'waitlisted']

INVITATION_OUT_RESPONSE_VALUES: set[InvitationOutResponse] = { 'attending', 'declined', 'none', 'waitlisted',  }

def check_invitation_out_response(value: str) -> InvitationOutResponse:
    if value in INVITATION_OUT_RESPONSE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INVITATION_OUT_RESPONSE_VALUES!r}")
