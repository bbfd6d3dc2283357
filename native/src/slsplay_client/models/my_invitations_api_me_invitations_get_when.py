from typing import Literal

MyInvitationsApiMeInvitationsGetWhen = Literal['past', 'upcoming']

MY_INVITATIONS_API_ME_INVITATIONS_GET_WHEN_VALUES: set[MyInvitationsApiMeInvitationsGetWhen] = { 'past', 'upcoming',  }

def check_my_invitations_api_me_invitations_get_when(value: str) -> MyInvitationsApiMeInvitationsGetWhen:
    if value in MY_INVITATIONS_API_ME_INVITATIONS_GET_WHEN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MY_INVITATIONS_API_ME_INVITATIONS_GET_WHEN_VALUES!r}")
