from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.meetups_page import MeetupsPage
from ...models.my_meetups_api_me_meetups_get_response_401 import MyMeetupsApiMeMeetupsGetResponse401
from ...models.my_meetups_api_me_meetups_get_response_429 import MyMeetupsApiMeMeetupsGetResponse429
from ...models.my_meetups_api_me_meetups_get_response_500 import MyMeetupsApiMeMeetupsGetResponse500
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/me/meetups",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MeetupsPage | MyMeetupsApiMeMeetupsGetResponse401 | MyMeetupsApiMeMeetupsGetResponse429 | MyMeetupsApiMeMeetupsGetResponse500 | Problem | None:
    if response.status_code == 200:
        response_200 = MeetupsPage.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = MyMeetupsApiMeMeetupsGetResponse401.from_dict(response.json())



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
        response_429 = MyMeetupsApiMeMeetupsGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = MyMeetupsApiMeMeetupsGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[MeetupsPage | MyMeetupsApiMeMeetupsGetResponse401 | MyMeetupsApiMeMeetupsGetResponse429 | MyMeetupsApiMeMeetupsGetResponse500 | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[MeetupsPage | MyMeetupsApiMeMeetupsGetResponse401 | MyMeetupsApiMeMeetupsGetResponse429 | MyMeetupsApiMeMeetupsGetResponse500 | Problem]:
    """ My meetups, by start

    Args:
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeetupsPage | MyMeetupsApiMeMeetupsGetResponse401 | MyMeetupsApiMeMeetupsGetResponse429 | MyMeetupsApiMeMeetupsGetResponse500 | Problem]
     """


    kwargs = _get_kwargs(
        cursor=cursor,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> MeetupsPage | MyMeetupsApiMeMeetupsGetResponse401 | MyMeetupsApiMeMeetupsGetResponse429 | MyMeetupsApiMeMeetupsGetResponse500 | Problem | None:
    """ My meetups, by start

    Args:
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeetupsPage | MyMeetupsApiMeMeetupsGetResponse401 | MyMeetupsApiMeMeetupsGetResponse429 | MyMeetupsApiMeMeetupsGetResponse500 | Problem
     """


    return sync_detailed(
        client=client,
cursor=cursor,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[MeetupsPage | MyMeetupsApiMeMeetupsGetResponse401 | MyMeetupsApiMeMeetupsGetResponse429 | MyMeetupsApiMeMeetupsGetResponse500 | Problem]:
    """ My meetups, by start

    Args:
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeetupsPage | MyMeetupsApiMeMeetupsGetResponse401 | MyMeetupsApiMeMeetupsGetResponse429 | MyMeetupsApiMeMeetupsGetResponse500 | Problem]
     """


    kwargs = _get_kwargs(
        cursor=cursor,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> MeetupsPage | MyMeetupsApiMeMeetupsGetResponse401 | MyMeetupsApiMeMeetupsGetResponse429 | MyMeetupsApiMeMeetupsGetResponse500 | Problem | None:
    """ My meetups, by start

    Args:
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeetupsPage | MyMeetupsApiMeMeetupsGetResponse401 | MyMeetupsApiMeMeetupsGetResponse429 | MyMeetupsApiMeMeetupsGetResponse500 | Problem
     """


    return (await asyncio_detailed(
        client=client,
cursor=cursor,
limit=limit,

    )).parsed
