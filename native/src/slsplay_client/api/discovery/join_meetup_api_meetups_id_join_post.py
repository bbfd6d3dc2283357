from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.join_meetup_api_meetups_id_join_post_response_401 import JoinMeetupApiMeetupsIdJoinPostResponse401
from ...models.join_meetup_api_meetups_id_join_post_response_429 import JoinMeetupApiMeetupsIdJoinPostResponse429
from ...models.join_meetup_api_meetups_id_join_post_response_500 import JoinMeetupApiMeetupsIdJoinPostResponse500
from ...models.joined_out import JoinedOut
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/meetups/{id}/join".format(id=quote(str(id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> JoinMeetupApiMeetupsIdJoinPostResponse401 | JoinMeetupApiMeetupsIdJoinPostResponse429 | JoinMeetupApiMeetupsIdJoinPostResponse500 | JoinedOut | Problem | None:
    if response.status_code == 200:
        response_200 = JoinedOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = JoinMeetupApiMeetupsIdJoinPostResponse401.from_dict(response.json())



        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())



        return response_409

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
        response_429 = JoinMeetupApiMeetupsIdJoinPostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = JoinMeetupApiMeetupsIdJoinPostResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[JoinMeetupApiMeetupsIdJoinPostResponse401 | JoinMeetupApiMeetupsIdJoinPostResponse429 | JoinMeetupApiMeetupsIdJoinPostResponse500 | JoinedOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,

) -> Response[JoinMeetupApiMeetupsIdJoinPostResponse401 | JoinMeetupApiMeetupsIdJoinPostResponse429 | JoinMeetupApiMeetupsIdJoinPostResponse500 | JoinedOut | Problem]:
    """ Join a public meetup: an answer link of your own (then answer, or check out)

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JoinMeetupApiMeetupsIdJoinPostResponse401 | JoinMeetupApiMeetupsIdJoinPostResponse429 | JoinMeetupApiMeetupsIdJoinPostResponse500 | JoinedOut | Problem]
     """


    kwargs = _get_kwargs(
        id=id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: str,
    *,
    client: AuthenticatedClient,

) -> JoinMeetupApiMeetupsIdJoinPostResponse401 | JoinMeetupApiMeetupsIdJoinPostResponse429 | JoinMeetupApiMeetupsIdJoinPostResponse500 | JoinedOut | Problem | None:
    """ Join a public meetup: an answer link of your own (then answer, or check out)

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JoinMeetupApiMeetupsIdJoinPostResponse401 | JoinMeetupApiMeetupsIdJoinPostResponse429 | JoinMeetupApiMeetupsIdJoinPostResponse500 | JoinedOut | Problem
     """


    return sync_detailed(
        id=id,
client=client,

    ).parsed

async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,

) -> Response[JoinMeetupApiMeetupsIdJoinPostResponse401 | JoinMeetupApiMeetupsIdJoinPostResponse429 | JoinMeetupApiMeetupsIdJoinPostResponse500 | JoinedOut | Problem]:
    """ Join a public meetup: an answer link of your own (then answer, or check out)

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JoinMeetupApiMeetupsIdJoinPostResponse401 | JoinMeetupApiMeetupsIdJoinPostResponse429 | JoinMeetupApiMeetupsIdJoinPostResponse500 | JoinedOut | Problem]
     """


    kwargs = _get_kwargs(
        id=id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,

) -> JoinMeetupApiMeetupsIdJoinPostResponse401 | JoinMeetupApiMeetupsIdJoinPostResponse429 | JoinMeetupApiMeetupsIdJoinPostResponse500 | JoinedOut | Problem | None:
    """ Join a public meetup: an answer link of your own (then answer, or check out)

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JoinMeetupApiMeetupsIdJoinPostResponse401 | JoinMeetupApiMeetupsIdJoinPostResponse429 | JoinMeetupApiMeetupsIdJoinPostResponse500 | JoinedOut | Problem
     """


    return (await asyncio_detailed(
        id=id,
client=client,

    )).parsed
