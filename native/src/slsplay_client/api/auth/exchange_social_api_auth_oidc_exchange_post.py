from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.exchange_in import ExchangeIn
from ...models.exchange_social_api_auth_oidc_exchange_post_response_429 import ExchangeSocialApiAuthOidcExchangePostResponse429
from ...models.exchange_social_api_auth_oidc_exchange_post_response_500 import ExchangeSocialApiAuthOidcExchangePostResponse500
from ...models.problem import Problem
from ...models.session_out import SessionOut
from typing import cast



def _get_kwargs(
    *,
    body: ExchangeIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/auth/oidc/exchange",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ExchangeSocialApiAuthOidcExchangePostResponse429 | ExchangeSocialApiAuthOidcExchangePostResponse500 | Problem | SessionOut | None:
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
        response_429 = ExchangeSocialApiAuthOidcExchangePostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = ExchangeSocialApiAuthOidcExchangePostResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ExchangeSocialApiAuthOidcExchangePostResponse429 | ExchangeSocialApiAuthOidcExchangePostResponse500 | Problem | SessionOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ExchangeIn,

) -> Response[ExchangeSocialApiAuthOidcExchangePostResponse429 | ExchangeSocialApiAuthOidcExchangePostResponse500 | Problem | SessionOut]:
    """ Trade the one-time code of a social sign-in for a session (once, within 2 minutes)

    Args:
        body (ExchangeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeSocialApiAuthOidcExchangePostResponse429 | ExchangeSocialApiAuthOidcExchangePostResponse500 | Problem | SessionOut]
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
    body: ExchangeIn,

) -> ExchangeSocialApiAuthOidcExchangePostResponse429 | ExchangeSocialApiAuthOidcExchangePostResponse500 | Problem | SessionOut | None:
    """ Trade the one-time code of a social sign-in for a session (once, within 2 minutes)

    Args:
        body (ExchangeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeSocialApiAuthOidcExchangePostResponse429 | ExchangeSocialApiAuthOidcExchangePostResponse500 | Problem | SessionOut
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ExchangeIn,

) -> Response[ExchangeSocialApiAuthOidcExchangePostResponse429 | ExchangeSocialApiAuthOidcExchangePostResponse500 | Problem | SessionOut]:
    """ Trade the one-time code of a social sign-in for a session (once, within 2 minutes)

    Args:
        body (ExchangeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeSocialApiAuthOidcExchangePostResponse429 | ExchangeSocialApiAuthOidcExchangePostResponse500 | Problem | SessionOut]
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
    body: ExchangeIn,

) -> ExchangeSocialApiAuthOidcExchangePostResponse429 | ExchangeSocialApiAuthOidcExchangePostResponse500 | Problem | SessionOut | None:
    """ Trade the one-time code of a social sign-in for a session (once, within 2 minutes)

    Args:
        body (ExchangeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeSocialApiAuthOidcExchangePostResponse429 | ExchangeSocialApiAuthOidcExchangePostResponse500 | Problem | SessionOut
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
