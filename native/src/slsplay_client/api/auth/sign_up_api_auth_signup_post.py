from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.session_out import SessionOut
from ...models.sign_up_api_auth_signup_post_response_429 import SignUpApiAuthSignupPostResponse429
from ...models.sign_up_api_auth_signup_post_response_500 import SignUpApiAuthSignupPostResponse500
from ...models.signup_in import SignupIn
from typing import cast



def _get_kwargs(
    *,
    body: SignupIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/auth/signup",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SessionOut | SignUpApiAuthSignupPostResponse429 | SignUpApiAuthSignupPostResponse500 | None:
    if response.status_code == 201:
        response_201 = SessionOut.from_dict(response.json())



        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = SignUpApiAuthSignupPostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = SignUpApiAuthSignupPostResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SessionOut | SignUpApiAuthSignupPostResponse429 | SignUpApiAuthSignupPostResponse500]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SignupIn,

) -> Response[Problem | SessionOut | SignUpApiAuthSignupPostResponse429 | SignUpApiAuthSignupPostResponse500]:
    """ Sign up; with a guest's token as bearer, the guest's meetups move to the account

     Answers alike whether or not the address has an account. A new address is then proved by the link
    emailed to it; an address that has an account stays with it (this new account can neither prove nor
    act as it), and its holder is emailed that someone tried, with a link to choose a new password.

    Args:
        body (SignupIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SessionOut | SignUpApiAuthSignupPostResponse429 | SignUpApiAuthSignupPostResponse500]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    body: SignupIn,

) -> Problem | SessionOut | SignUpApiAuthSignupPostResponse429 | SignUpApiAuthSignupPostResponse500 | None:
    """ Sign up; with a guest's token as bearer, the guest's meetups move to the account

     Answers alike whether or not the address has an account. A new address is then proved by the link
    emailed to it; an address that has an account stays with it (this new account can neither prove nor
    act as it), and its holder is emailed that someone tried, with a link to choose a new password.

    Args:
        body (SignupIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SessionOut | SignUpApiAuthSignupPostResponse429 | SignUpApiAuthSignupPostResponse500
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SignupIn,

) -> Response[Problem | SessionOut | SignUpApiAuthSignupPostResponse429 | SignUpApiAuthSignupPostResponse500]:
    """ Sign up; with a guest's token as bearer, the guest's meetups move to the account

     Answers alike whether or not the address has an account. A new address is then proved by the link
    emailed to it; an address that has an account stays with it (this new account can neither prove nor
    act as it), and its holder is emailed that someone tried, with a link to choose a new password.

    Args:
        body (SignupIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SessionOut | SignUpApiAuthSignupPostResponse429 | SignUpApiAuthSignupPostResponse500]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SignupIn,

) -> Problem | SessionOut | SignUpApiAuthSignupPostResponse429 | SignUpApiAuthSignupPostResponse500 | None:
    """ Sign up; with a guest's token as bearer, the guest's meetups move to the account

     Answers alike whether or not the address has an account. A new address is then proved by the link
    emailed to it; an address that has an account stays with it (this new account can neither prove nor
    act as it), and its holder is emailed that someone tried, with a link to choose a new password.

    Args:
        body (SignupIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SessionOut | SignUpApiAuthSignupPostResponse429 | SignUpApiAuthSignupPostResponse500
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
