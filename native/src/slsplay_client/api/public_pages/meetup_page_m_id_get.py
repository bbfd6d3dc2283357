from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.meetup_page_m_id_get_response_429 import MeetupPageMIdGetResponse429
from ...models.meetup_page_m_id_get_response_500 import MeetupPageMIdGetResponse500
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/m/{id}".format(id=quote(str(id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | MeetupPageMIdGetResponse429 | MeetupPageMIdGetResponse500 | Problem | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 301:
        response_301 = cast(Any, None)
        return response_301

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
        response_429 = MeetupPageMIdGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = MeetupPageMIdGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | MeetupPageMIdGetResponse429 | MeetupPageMIdGetResponse500 | Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,

) -> Response[Any | MeetupPageMIdGetResponse429 | MeetupPageMIdGetResponse500 | Problem | str]:
    """ A public meetup's page (anyone): share tags, JSON-LD, and Join in the app

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | MeetupPageMIdGetResponse429 | MeetupPageMIdGetResponse500 | Problem | str]
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
    client: AuthenticatedClient | Client,

) -> Any | MeetupPageMIdGetResponse429 | MeetupPageMIdGetResponse500 | Problem | str | None:
    """ A public meetup's page (anyone): share tags, JSON-LD, and Join in the app

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | MeetupPageMIdGetResponse429 | MeetupPageMIdGetResponse500 | Problem | str
     """


    return sync_detailed(
        id=id,
client=client,

    ).parsed

async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,

) -> Response[Any | MeetupPageMIdGetResponse429 | MeetupPageMIdGetResponse500 | Problem | str]:
    """ A public meetup's page (anyone): share tags, JSON-LD, and Join in the app

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | MeetupPageMIdGetResponse429 | MeetupPageMIdGetResponse500 | Problem | str]
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
    client: AuthenticatedClient | Client,

) -> Any | MeetupPageMIdGetResponse429 | MeetupPageMIdGetResponse500 | Problem | str | None:
    """ A public meetup's page (anyone): share tags, JSON-LD, and Join in the app

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | MeetupPageMIdGetResponse429 | MeetupPageMIdGetResponse500 | Problem | str
     """


    return (await asyncio_detailed(
        id=id,
client=client,

    )).parsed
