from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.join_by_link_api_rsvp_token_join_get_response_429 import JoinByLinkApiRsvpTokenJoinGetResponse429
from ...models.join_by_link_api_rsvp_token_join_get_response_500 import JoinByLinkApiRsvpTokenJoinGetResponse500
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    token: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/rsvp/{token}/join".format(token=quote(str(token), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | JoinByLinkApiRsvpTokenJoinGetResponse429 | JoinByLinkApiRsvpTokenJoinGetResponse500 | Problem | None:
    if response.status_code == 200:
        response_200 = response.json()
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
        response_429 = JoinByLinkApiRsvpTokenJoinGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = JoinByLinkApiRsvpTokenJoinGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | JoinByLinkApiRsvpTokenJoinGetResponse429 | JoinByLinkApiRsvpTokenJoinGetResponse500 | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,

) -> Response[Any | JoinByLinkApiRsvpTokenJoinGetResponse429 | JoinByLinkApiRsvpTokenJoinGetResponse500 | Problem]:
    """ An attendee's way in: to the join link (its first use counts as joined)

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | JoinByLinkApiRsvpTokenJoinGetResponse429 | JoinByLinkApiRsvpTokenJoinGetResponse500 | Problem]
     """


    kwargs = _get_kwargs(
        token=token,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,

) -> Any | JoinByLinkApiRsvpTokenJoinGetResponse429 | JoinByLinkApiRsvpTokenJoinGetResponse500 | Problem | None:
    """ An attendee's way in: to the join link (its first use counts as joined)

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | JoinByLinkApiRsvpTokenJoinGetResponse429 | JoinByLinkApiRsvpTokenJoinGetResponse500 | Problem
     """


    return sync_detailed(
        token=token,
client=client,

    ).parsed

async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,

) -> Response[Any | JoinByLinkApiRsvpTokenJoinGetResponse429 | JoinByLinkApiRsvpTokenJoinGetResponse500 | Problem]:
    """ An attendee's way in: to the join link (its first use counts as joined)

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | JoinByLinkApiRsvpTokenJoinGetResponse429 | JoinByLinkApiRsvpTokenJoinGetResponse500 | Problem]
     """


    kwargs = _get_kwargs(
        token=token,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,

) -> Any | JoinByLinkApiRsvpTokenJoinGetResponse429 | JoinByLinkApiRsvpTokenJoinGetResponse500 | Problem | None:
    """ An attendee's way in: to the join link (its first use counts as joined)

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | JoinByLinkApiRsvpTokenJoinGetResponse429 | JoinByLinkApiRsvpTokenJoinGetResponse500 | Problem
     """


    return (await asyncio_detailed(
        token=token,
client=client,

    )).parsed
