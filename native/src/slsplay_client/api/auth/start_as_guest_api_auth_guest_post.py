from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.session_out import SessionOut
from ...models.start_as_guest_api_auth_guest_post_response_429 import StartAsGuestApiAuthGuestPostResponse429
from ...models.start_as_guest_api_auth_guest_post_response_500 import StartAsGuestApiAuthGuestPostResponse500
from typing import cast



def _get_kwargs(
    
) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/auth/guest",
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SessionOut | StartAsGuestApiAuthGuestPostResponse429 | StartAsGuestApiAuthGuestPostResponse500 | None:
    if response.status_code == 201:
        response_201 = SessionOut.from_dict(response.json())



        return response_201

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
        response_429 = StartAsGuestApiAuthGuestPostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = StartAsGuestApiAuthGuestPostResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SessionOut | StartAsGuestApiAuthGuestPostResponse429 | StartAsGuestApiAuthGuestPostResponse500]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,

) -> Response[Problem | SessionOut | StartAsGuestApiAuthGuestPostResponse429 | StartAsGuestApiAuthGuestPostResponse500]:
    """ Start as a guest (drafts only)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SessionOut | StartAsGuestApiAuthGuestPostResponse429 | StartAsGuestApiAuthGuestPostResponse500]
     """


    kwargs = _get_kwargs(
        
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,

) -> Problem | SessionOut | StartAsGuestApiAuthGuestPostResponse429 | StartAsGuestApiAuthGuestPostResponse500 | None:
    """ Start as a guest (drafts only)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SessionOut | StartAsGuestApiAuthGuestPostResponse429 | StartAsGuestApiAuthGuestPostResponse500
     """


    return sync_detailed(
        client=client,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,

) -> Response[Problem | SessionOut | StartAsGuestApiAuthGuestPostResponse429 | StartAsGuestApiAuthGuestPostResponse500]:
    """ Start as a guest (drafts only)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SessionOut | StartAsGuestApiAuthGuestPostResponse429 | StartAsGuestApiAuthGuestPostResponse500]
     """


    kwargs = _get_kwargs(
        
    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,

) -> Problem | SessionOut | StartAsGuestApiAuthGuestPostResponse429 | StartAsGuestApiAuthGuestPostResponse500 | None:
    """ Start as a guest (drafts only)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SessionOut | StartAsGuestApiAuthGuestPostResponse429 | StartAsGuestApiAuthGuestPostResponse500
     """


    return (await asyncio_detailed(
        client=client,

    )).parsed
