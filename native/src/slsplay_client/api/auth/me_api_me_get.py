from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.me_api_me_get_response_401 import MeApiMeGetResponse401
from ...models.me_api_me_get_response_429 import MeApiMeGetResponse429
from ...models.me_api_me_get_response_500 import MeApiMeGetResponse500
from ...models.problem import Problem
from ...models.user_out import UserOut
from typing import cast



def _get_kwargs(
    
) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/me",
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MeApiMeGetResponse401 | MeApiMeGetResponse429 | MeApiMeGetResponse500 | Problem | UserOut | None:
    if response.status_code == 200:
        response_200 = UserOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = MeApiMeGetResponse401.from_dict(response.json())



        return response_401

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
        response_429 = MeApiMeGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = MeApiMeGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[MeApiMeGetResponse401 | MeApiMeGetResponse429 | MeApiMeGetResponse500 | Problem | UserOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,

) -> Response[MeApiMeGetResponse401 | MeApiMeGetResponse429 | MeApiMeGetResponse500 | Problem | UserOut]:
    """ Who the access token belongs to

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeApiMeGetResponse401 | MeApiMeGetResponse429 | MeApiMeGetResponse500 | Problem | UserOut]
     """


    kwargs = _get_kwargs(
        
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,

) -> MeApiMeGetResponse401 | MeApiMeGetResponse429 | MeApiMeGetResponse500 | Problem | UserOut | None:
    """ Who the access token belongs to

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeApiMeGetResponse401 | MeApiMeGetResponse429 | MeApiMeGetResponse500 | Problem | UserOut
     """


    return sync_detailed(
        client=client,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,

) -> Response[MeApiMeGetResponse401 | MeApiMeGetResponse429 | MeApiMeGetResponse500 | Problem | UserOut]:
    """ Who the access token belongs to

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeApiMeGetResponse401 | MeApiMeGetResponse429 | MeApiMeGetResponse500 | Problem | UserOut]
     """


    kwargs = _get_kwargs(
        
    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,

) -> MeApiMeGetResponse401 | MeApiMeGetResponse429 | MeApiMeGetResponse500 | Problem | UserOut | None:
    """ Who the access token belongs to

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeApiMeGetResponse401 | MeApiMeGetResponse429 | MeApiMeGetResponse500 | Problem | UserOut
     """


    return (await asyncio_detailed(
        client=client,

    )).parsed
