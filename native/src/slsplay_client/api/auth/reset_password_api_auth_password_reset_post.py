from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.reset_in import ResetIn
from ...models.reset_password_api_auth_password_reset_post_response_429 import ResetPasswordApiAuthPasswordResetPostResponse429
from ...models.reset_password_api_auth_password_reset_post_response_500 import ResetPasswordApiAuthPasswordResetPostResponse500
from ...models.session_out import SessionOut
from typing import cast



def _get_kwargs(
    *,
    body: ResetIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/auth/password/reset",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ResetPasswordApiAuthPasswordResetPostResponse429 | ResetPasswordApiAuthPasswordResetPostResponse500 | SessionOut | None:
    if response.status_code == 200:
        response_200 = SessionOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

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
        response_429 = ResetPasswordApiAuthPasswordResetPostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = ResetPasswordApiAuthPasswordResetPostResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ResetPasswordApiAuthPasswordResetPostResponse429 | ResetPasswordApiAuthPasswordResetPostResponse500 | SessionOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ResetIn,

) -> Response[Problem | ResetPasswordApiAuthPasswordResetPostResponse429 | ResetPasswordApiAuthPasswordResetPostResponse500 | SessionOut]:
    """ Set a new password with the emailed link's token (once); other sign-ins end

    Args:
        body (ResetIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ResetPasswordApiAuthPasswordResetPostResponse429 | ResetPasswordApiAuthPasswordResetPostResponse500 | SessionOut]
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
    body: ResetIn,

) -> Problem | ResetPasswordApiAuthPasswordResetPostResponse429 | ResetPasswordApiAuthPasswordResetPostResponse500 | SessionOut | None:
    """ Set a new password with the emailed link's token (once); other sign-ins end

    Args:
        body (ResetIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ResetPasswordApiAuthPasswordResetPostResponse429 | ResetPasswordApiAuthPasswordResetPostResponse500 | SessionOut
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ResetIn,

) -> Response[Problem | ResetPasswordApiAuthPasswordResetPostResponse429 | ResetPasswordApiAuthPasswordResetPostResponse500 | SessionOut]:
    """ Set a new password with the emailed link's token (once); other sign-ins end

    Args:
        body (ResetIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ResetPasswordApiAuthPasswordResetPostResponse429 | ResetPasswordApiAuthPasswordResetPostResponse500 | SessionOut]
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
    body: ResetIn,

) -> Problem | ResetPasswordApiAuthPasswordResetPostResponse429 | ResetPasswordApiAuthPasswordResetPostResponse500 | SessionOut | None:
    """ Set a new password with the emailed link's token (once); other sign-ins end

    Args:
        body (ResetIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ResetPasswordApiAuthPasswordResetPostResponse429 | ResetPasswordApiAuthPasswordResetPostResponse500 | SessionOut
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
