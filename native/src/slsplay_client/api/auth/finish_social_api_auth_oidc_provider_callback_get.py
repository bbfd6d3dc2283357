from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.finish_social_api_auth_oidc_provider_callback_get_response_429 import FinishSocialApiAuthOidcProviderCallbackGetResponse429
from ...models.finish_social_api_auth_oidc_provider_callback_get_response_500 import FinishSocialApiAuthOidcProviderCallbackGetResponse500
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    provider: str,
    *,
    code: None | str | Unset = UNSET,
    state: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_code: None | str | Unset
    if isinstance(code, Unset):
        json_code = UNSET
    else:
        json_code = code
    params["code"] = json_code

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    else:
        json_state = state
    params["state"] = json_state

    json_error: None | str | Unset
    if isinstance(error, Unset):
        json_error = UNSET
    else:
        json_error = error
    params["error"] = json_error


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/auth/oidc/{provider}/callback".format(provider=quote(str(provider), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | FinishSocialApiAuthOidcProviderCallbackGetResponse429 | FinishSocialApiAuthOidcProviderCallbackGetResponse500 | Problem | None:
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
        response_429 = FinishSocialApiAuthOidcProviderCallbackGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = FinishSocialApiAuthOidcProviderCallbackGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | FinishSocialApiAuthOidcProviderCallbackGetResponse429 | FinishSocialApiAuthOidcProviderCallbackGetResponse500 | Problem]:
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
    code: None | str | Unset = UNSET,
    state: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,

) -> Response[Any | FinishSocialApiAuthOidcProviderCallbackGetResponse429 | FinishSocialApiAuthOidcProviderCallbackGetResponse500 | Problem]:
    """ Where the provider returns: the web app's next page, with a one-time code

    Args:
        provider (str):
        code (None | str | Unset):
        state (None | str | Unset):
        error (None | str | Unset): The provider's refusal.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | FinishSocialApiAuthOidcProviderCallbackGetResponse429 | FinishSocialApiAuthOidcProviderCallbackGetResponse500 | Problem]
     """


    kwargs = _get_kwargs(
        provider=provider,
code=code,
state=state,
error=error,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    code: None | str | Unset = UNSET,
    state: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,

) -> Any | FinishSocialApiAuthOidcProviderCallbackGetResponse429 | FinishSocialApiAuthOidcProviderCallbackGetResponse500 | Problem | None:
    """ Where the provider returns: the web app's next page, with a one-time code

    Args:
        provider (str):
        code (None | str | Unset):
        state (None | str | Unset):
        error (None | str | Unset): The provider's refusal.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | FinishSocialApiAuthOidcProviderCallbackGetResponse429 | FinishSocialApiAuthOidcProviderCallbackGetResponse500 | Problem
     """


    return sync_detailed(
        provider=provider,
client=client,
code=code,
state=state,
error=error,

    ).parsed

async def asyncio_detailed(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    code: None | str | Unset = UNSET,
    state: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,

) -> Response[Any | FinishSocialApiAuthOidcProviderCallbackGetResponse429 | FinishSocialApiAuthOidcProviderCallbackGetResponse500 | Problem]:
    """ Where the provider returns: the web app's next page, with a one-time code

    Args:
        provider (str):
        code (None | str | Unset):
        state (None | str | Unset):
        error (None | str | Unset): The provider's refusal.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | FinishSocialApiAuthOidcProviderCallbackGetResponse429 | FinishSocialApiAuthOidcProviderCallbackGetResponse500 | Problem]
     """


    kwargs = _get_kwargs(
        provider=provider,
code=code,
state=state,
error=error,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    code: None | str | Unset = UNSET,
    state: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,

) -> Any | FinishSocialApiAuthOidcProviderCallbackGetResponse429 | FinishSocialApiAuthOidcProviderCallbackGetResponse500 | Problem | None:
    """ Where the provider returns: the web app's next page, with a one-time code

    Args:
        provider (str):
        code (None | str | Unset):
        state (None | str | Unset):
        error (None | str | Unset): The provider's refusal.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | FinishSocialApiAuthOidcProviderCallbackGetResponse429 | FinishSocialApiAuthOidcProviderCallbackGetResponse500 | Problem
     """


    return (await asyncio_detailed(
        provider=provider,
client=client,
code=code,
state=state,
error=error,

    )).parsed
