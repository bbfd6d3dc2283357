from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.media_in import MediaIn
from ...models.media_upload_out import MediaUploadOut
from ...models.problem import Problem
from ...models.request_upload_api_meetups_id_media_post_response_401 import RequestUploadApiMeetupsIdMediaPostResponse401
from ...models.request_upload_api_meetups_id_media_post_response_429 import RequestUploadApiMeetupsIdMediaPostResponse429
from ...models.request_upload_api_meetups_id_media_post_response_500 import RequestUploadApiMeetupsIdMediaPostResponse500
from typing import cast



def _get_kwargs(
    id: str,
    *,
    body: MediaIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/meetups/{id}/media".format(id=quote(str(id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MediaUploadOut | Problem | RequestUploadApiMeetupsIdMediaPostResponse401 | RequestUploadApiMeetupsIdMediaPostResponse429 | RequestUploadApiMeetupsIdMediaPostResponse500 | None:
    if response.status_code == 201:
        response_201 = MediaUploadOut.from_dict(response.json())



        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = RequestUploadApiMeetupsIdMediaPostResponse401.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

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
        response_429 = RequestUploadApiMeetupsIdMediaPostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = RequestUploadApiMeetupsIdMediaPostResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[MediaUploadOut | Problem | RequestUploadApiMeetupsIdMediaPostResponse401 | RequestUploadApiMeetupsIdMediaPostResponse429 | RequestUploadApiMeetupsIdMediaPostResponse500]:
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
    body: MediaIn,

) -> Response[MediaUploadOut | Problem | RequestUploadApiMeetupsIdMediaPostResponse401 | RequestUploadApiMeetupsIdMediaPostResponse429 | RequestUploadApiMeetupsIdMediaPostResponse500]:
    """ Upload a photo or video: a ticket to POST the file straight to storage

    Args:
        id (str):
        body (MediaIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MediaUploadOut | Problem | RequestUploadApiMeetupsIdMediaPostResponse401 | RequestUploadApiMeetupsIdMediaPostResponse429 | RequestUploadApiMeetupsIdMediaPostResponse500]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: MediaIn,

) -> MediaUploadOut | Problem | RequestUploadApiMeetupsIdMediaPostResponse401 | RequestUploadApiMeetupsIdMediaPostResponse429 | RequestUploadApiMeetupsIdMediaPostResponse500 | None:
    """ Upload a photo or video: a ticket to POST the file straight to storage

    Args:
        id (str):
        body (MediaIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MediaUploadOut | Problem | RequestUploadApiMeetupsIdMediaPostResponse401 | RequestUploadApiMeetupsIdMediaPostResponse429 | RequestUploadApiMeetupsIdMediaPostResponse500
     """


    return sync_detailed(
        id=id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: MediaIn,

) -> Response[MediaUploadOut | Problem | RequestUploadApiMeetupsIdMediaPostResponse401 | RequestUploadApiMeetupsIdMediaPostResponse429 | RequestUploadApiMeetupsIdMediaPostResponse500]:
    """ Upload a photo or video: a ticket to POST the file straight to storage

    Args:
        id (str):
        body (MediaIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MediaUploadOut | Problem | RequestUploadApiMeetupsIdMediaPostResponse401 | RequestUploadApiMeetupsIdMediaPostResponse429 | RequestUploadApiMeetupsIdMediaPostResponse500]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: MediaIn,

) -> MediaUploadOut | Problem | RequestUploadApiMeetupsIdMediaPostResponse401 | RequestUploadApiMeetupsIdMediaPostResponse429 | RequestUploadApiMeetupsIdMediaPostResponse500 | None:
    """ Upload a photo or video: a ticket to POST the file straight to storage

    Args:
        id (str):
        body (MediaIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MediaUploadOut | Problem | RequestUploadApiMeetupsIdMediaPostResponse401 | RequestUploadApiMeetupsIdMediaPostResponse429 | RequestUploadApiMeetupsIdMediaPostResponse500
     """


    return (await asyncio_detailed(
        id=id,
client=client,
body=body,

    )).parsed
