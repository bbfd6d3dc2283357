from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.create_meetup_api_meetups_post_response_401 import CreateMeetupApiMeetupsPostResponse401
from ...models.create_meetup_api_meetups_post_response_429 import CreateMeetupApiMeetupsPostResponse429
from ...models.create_meetup_api_meetups_post_response_500 import CreateMeetupApiMeetupsPostResponse500
from ...models.meetup_create import MeetupCreate
from ...models.meetup_out import MeetupOut
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    *,
    body: MeetupCreate,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/meetups",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CreateMeetupApiMeetupsPostResponse401 | CreateMeetupApiMeetupsPostResponse429 | CreateMeetupApiMeetupsPostResponse500 | MeetupOut | Problem | None:
    if response.status_code == 201:
        response_201 = MeetupOut.from_dict(response.json())



        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = CreateMeetupApiMeetupsPostResponse401.from_dict(response.json())



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
        response_429 = CreateMeetupApiMeetupsPostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = CreateMeetupApiMeetupsPostResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CreateMeetupApiMeetupsPostResponse401 | CreateMeetupApiMeetupsPostResponse429 | CreateMeetupApiMeetupsPostResponse500 | MeetupOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: MeetupCreate,

) -> Response[CreateMeetupApiMeetupsPostResponse401 | CreateMeetupApiMeetupsPostResponse429 | CreateMeetupApiMeetupsPostResponse500 | MeetupOut | Problem]:
    """ Plan a meetup (a draft)

    Args:
        body (MeetupCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateMeetupApiMeetupsPostResponse401 | CreateMeetupApiMeetupsPostResponse429 | CreateMeetupApiMeetupsPostResponse500 | MeetupOut | Problem]
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
    client: AuthenticatedClient,
    body: MeetupCreate,

) -> CreateMeetupApiMeetupsPostResponse401 | CreateMeetupApiMeetupsPostResponse429 | CreateMeetupApiMeetupsPostResponse500 | MeetupOut | Problem | None:
    """ Plan a meetup (a draft)

    Args:
        body (MeetupCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateMeetupApiMeetupsPostResponse401 | CreateMeetupApiMeetupsPostResponse429 | CreateMeetupApiMeetupsPostResponse500 | MeetupOut | Problem
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: MeetupCreate,

) -> Response[CreateMeetupApiMeetupsPostResponse401 | CreateMeetupApiMeetupsPostResponse429 | CreateMeetupApiMeetupsPostResponse500 | MeetupOut | Problem]:
    """ Plan a meetup (a draft)

    Args:
        body (MeetupCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateMeetupApiMeetupsPostResponse401 | CreateMeetupApiMeetupsPostResponse429 | CreateMeetupApiMeetupsPostResponse500 | MeetupOut | Problem]
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
    client: AuthenticatedClient,
    body: MeetupCreate,

) -> CreateMeetupApiMeetupsPostResponse401 | CreateMeetupApiMeetupsPostResponse429 | CreateMeetupApiMeetupsPostResponse500 | MeetupOut | Problem | None:
    """ Plan a meetup (a draft)

    Args:
        body (MeetupCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateMeetupApiMeetupsPostResponse401 | CreateMeetupApiMeetupsPostResponse429 | CreateMeetupApiMeetupsPostResponse500 | MeetupOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
