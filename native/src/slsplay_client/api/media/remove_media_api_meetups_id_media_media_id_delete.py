from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.remove_media_api_meetups_id_media_media_id_delete_response_401 import RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401
from ...models.remove_media_api_meetups_id_media_media_id_delete_response_429 import RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429
from ...models.remove_media_api_meetups_id_media_media_id_delete_response_500 import RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500
from typing import cast



def _get_kwargs(
    id: str,
    media_id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/meetups/{id}/media/{media_id}".format(id=quote(str(id), safe=""),media_id=quote(str(media_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500 | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401.from_dict(response.json())



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
        response_429 = RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    media_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[Any | Problem | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500]:
    """ Remove a photo or video (its files follow)

    Args:
        id (str):
        media_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500]
     """


    kwargs = _get_kwargs(
        id=id,
media_id=media_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: str,
    media_id: str,
    *,
    client: AuthenticatedClient,

) -> Any | Problem | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500 | None:
    """ Remove a photo or video (its files follow)

    Args:
        id (str):
        media_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500
     """


    return sync_detailed(
        id=id,
media_id=media_id,
client=client,

    ).parsed

async def asyncio_detailed(
    id: str,
    media_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[Any | Problem | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500]:
    """ Remove a photo or video (its files follow)

    Args:
        id (str):
        media_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500]
     """


    kwargs = _get_kwargs(
        id=id,
media_id=media_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: str,
    media_id: str,
    *,
    client: AuthenticatedClient,

) -> Any | Problem | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500 | None:
    """ Remove a photo or video (its files follow)

    Args:
        id (str):
        media_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429 | RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500
     """


    return (await asyncio_detailed(
        id=id,
media_id=media_id,
client=client,

    )).parsed
