from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.authorize_out import AuthorizeOut
from ...models.problem import Problem
from ...models.start_social_api_auth_oidc_provider_start_get_response_429 import StartSocialApiAuthOidcProviderStartGetResponse429
from ...models.start_social_api_auth_oidc_provider_start_get_response_500 import StartSocialApiAuthOidcProviderStartGetResponse500
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    provider: str,
    *,
    next_: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_next_: None | str | Unset
    if isinstance(next_, Unset):
        json_next_ = UNSET
    else:
        json_next_ = next_
    params["next"] = json_next_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/auth/oidc/{provider}/start".format(provider=quote(str(provider), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | AuthorizeOut | Problem | StartSocialApiAuthOidcProviderStartGetResponse429 | StartSocialApiAuthOidcProviderStartGetResponse500 | None:
    if response.status_code == 200:
        response_200 = AuthorizeOut.from_dict(response.json())



        return response_200

    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

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
        response_429 = StartSocialApiAuthOidcProviderStartGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = StartSocialApiAuthOidcProviderStartGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | AuthorizeOut | Problem | StartSocialApiAuthOidcProviderStartGetResponse429 | StartSocialApiAuthOidcProviderStartGetResponse500]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    next_: None | str | Unset = UNSET,

) -> Response[Any | AuthorizeOut | Problem | StartSocialApiAuthOidcProviderStartGetResponse429 | StartSocialApiAuthOidcProviderStartGetResponse500]:
    """ Begin signing in at a provider (authorization code with PKCE, state and nonce)

    Args:
        provider (str):
        next_ (None | str | Unset): A path of this site to return to.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthorizeOut | Problem | StartSocialApiAuthOidcProviderStartGetResponse429 | StartSocialApiAuthOidcProviderStartGetResponse500]
     """


    kwargs = _get_kwargs(
        provider=provider,
next_=next_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    next_: None | str | Unset = UNSET,

) -> Any | AuthorizeOut | Problem | StartSocialApiAuthOidcProviderStartGetResponse429 | StartSocialApiAuthOidcProviderStartGetResponse500 | None:
    """ Begin signing in at a provider (authorization code with PKCE, state and nonce)

    Args:
        provider (str):
        next_ (None | str | Unset): A path of this site to return to.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthorizeOut | Problem | StartSocialApiAuthOidcProviderStartGetResponse429 | StartSocialApiAuthOidcProviderStartGetResponse500
     """


    return sync_detailed(
        provider=provider,
client=client,
next_=next_,

    ).parsed

async def asyncio_detailed(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    next_: None | str | Unset = UNSET,

) -> Response[Any | AuthorizeOut | Problem | StartSocialApiAuthOidcProviderStartGetResponse429 | StartSocialApiAuthOidcProviderStartGetResponse500]:
    """ Begin signing in at a provider (authorization code with PKCE, state and nonce)

    Args:
        provider (str):
        next_ (None | str | Unset): A path of this site to return to.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthorizeOut | Problem | StartSocialApiAuthOidcProviderStartGetResponse429 | StartSocialApiAuthOidcProviderStartGetResponse500]
     """


    kwargs = _get_kwargs(
        provider=provider,
next_=next_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    next_: None | str | Unset = UNSET,

) -> Any | AuthorizeOut | Problem | StartSocialApiAuthOidcProviderStartGetResponse429 | StartSocialApiAuthOidcProviderStartGetResponse500 | None:
    """ Begin signing in at a provider (authorization code with PKCE, state and nonce)

    Args:
        provider (str):
        next_ (None | str | Unset): A path of this site to return to.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthorizeOut | Problem | StartSocialApiAuthOidcProviderStartGetResponse429 | StartSocialApiAuthOidcProviderStartGetResponse500
     """


    return (await asyncio_detailed(
        provider=provider,
client=client,
next_=next_,

    )).parsed
