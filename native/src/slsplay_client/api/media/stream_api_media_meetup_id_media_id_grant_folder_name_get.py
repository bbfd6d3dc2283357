from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.stream_api_media_meetup_id_media_id_grant_folder_name_get_response_429 import StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429
from ...models.stream_api_media_meetup_id_media_id_grant_folder_name_get_response_500 import StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500
from typing import cast



def _get_kwargs(
    meetup_id: str,
    media_id: str,
    grant: str,
    folder: str,
    name: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/media/{meetup_id}/{media_id}/{grant}/{folder}/{name}".format(meetup_id=quote(str(meetup_id), safe=""),media_id=quote(str(media_id), safe=""),grant=quote(str(grant), safe=""),folder=quote(str(folder), safe=""),name=quote(str(name), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429 | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500 | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

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
        response_429 = StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429 | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500 | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    meetup_id: str,
    media_id: str,
    grant: str,
    folder: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,

) -> Response[Problem | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429 | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500 | str]:
    """ A video's HLS playlist, its segments signed (the grant comes in stream_url)

    Args:
        meetup_id (str):
        media_id (str):
        grant (str):
        folder (str):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429 | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500 | str]
     """


    kwargs = _get_kwargs(
        meetup_id=meetup_id,
media_id=media_id,
grant=grant,
folder=folder,
name=name,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    meetup_id: str,
    media_id: str,
    grant: str,
    folder: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,

) -> Problem | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429 | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500 | str | None:
    """ A video's HLS playlist, its segments signed (the grant comes in stream_url)

    Args:
        meetup_id (str):
        media_id (str):
        grant (str):
        folder (str):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429 | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500 | str
     """


    return sync_detailed(
        meetup_id=meetup_id,
media_id=media_id,
grant=grant,
folder=folder,
name=name,
client=client,

    ).parsed

async def asyncio_detailed(
    meetup_id: str,
    media_id: str,
    grant: str,
    folder: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,

) -> Response[Problem | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429 | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500 | str]:
    """ A video's HLS playlist, its segments signed (the grant comes in stream_url)

    Args:
        meetup_id (str):
        media_id (str):
        grant (str):
        folder (str):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429 | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500 | str]
     """


    kwargs = _get_kwargs(
        meetup_id=meetup_id,
media_id=media_id,
grant=grant,
folder=folder,
name=name,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    meetup_id: str,
    media_id: str,
    grant: str,
    folder: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,

) -> Problem | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429 | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500 | str | None:
    """ A video's HLS playlist, its segments signed (the grant comes in stream_url)

    Args:
        meetup_id (str):
        media_id (str):
        grant (str):
        folder (str):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429 | StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500 | str
     """


    return (await asyncio_detailed(
        meetup_id=meetup_id,
media_id=media_id,
grant=grant,
folder=folder,
name=name,
client=client,

    )).parsed
