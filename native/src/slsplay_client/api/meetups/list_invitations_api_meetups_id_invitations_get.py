from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.invitations_out import InvitationsOut
from ...models.list_invitations_api_meetups_id_invitations_get_response_401 import ListInvitationsApiMeetupsIdInvitationsGetResponse401
from ...models.list_invitations_api_meetups_id_invitations_get_response_429 import ListInvitationsApiMeetupsIdInvitationsGetResponse429
from ...models.list_invitations_api_meetups_id_invitations_get_response_500 import ListInvitationsApiMeetupsIdInvitationsGetResponse500
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: str,
    *,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

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
        "url": "/api/meetups/{id}/invitations".format(id=quote(str(id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> InvitationsOut | ListInvitationsApiMeetupsIdInvitationsGetResponse401 | ListInvitationsApiMeetupsIdInvitationsGetResponse429 | ListInvitationsApiMeetupsIdInvitationsGetResponse500 | Problem | None:
    if response.status_code == 200:
        response_200 = InvitationsOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = ListInvitationsApiMeetupsIdInvitationsGetResponse401.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

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
        response_429 = ListInvitationsApiMeetupsIdInvitationsGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = ListInvitationsApiMeetupsIdInvitationsGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[InvitationsOut | ListInvitationsApiMeetupsIdInvitationsGetResponse401 | ListInvitationsApiMeetupsIdInvitationsGetResponse429 | ListInvitationsApiMeetupsIdInvitationsGetResponse500 | Problem]:
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
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> Response[InvitationsOut | ListInvitationsApiMeetupsIdInvitationsGetResponse401 | ListInvitationsApiMeetupsIdInvitationsGetResponse429 | ListInvitationsApiMeetupsIdInvitationsGetResponse500 | Problem]:
    """ Who is invited and what each answered

    Args:
        id (str):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvitationsOut | ListInvitationsApiMeetupsIdInvitationsGetResponse401 | ListInvitationsApiMeetupsIdInvitationsGetResponse429 | ListInvitationsApiMeetupsIdInvitationsGetResponse500 | Problem]
     """


    kwargs = _get_kwargs(
        id=id,
cursor=cursor,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> InvitationsOut | ListInvitationsApiMeetupsIdInvitationsGetResponse401 | ListInvitationsApiMeetupsIdInvitationsGetResponse429 | ListInvitationsApiMeetupsIdInvitationsGetResponse500 | Problem | None:
    """ Who is invited and what each answered

    Args:
        id (str):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvitationsOut | ListInvitationsApiMeetupsIdInvitationsGetResponse401 | ListInvitationsApiMeetupsIdInvitationsGetResponse429 | ListInvitationsApiMeetupsIdInvitationsGetResponse500 | Problem
     """


    return sync_detailed(
        id=id,
client=client,
cursor=cursor,
limit=limit,

    ).parsed

async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> Response[InvitationsOut | ListInvitationsApiMeetupsIdInvitationsGetResponse401 | ListInvitationsApiMeetupsIdInvitationsGetResponse429 | ListInvitationsApiMeetupsIdInvitationsGetResponse500 | Problem]:
    """ Who is invited and what each answered

    Args:
        id (str):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvitationsOut | ListInvitationsApiMeetupsIdInvitationsGetResponse401 | ListInvitationsApiMeetupsIdInvitationsGetResponse429 | ListInvitationsApiMeetupsIdInvitationsGetResponse500 | Problem]
     """


    kwargs = _get_kwargs(
        id=id,
cursor=cursor,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> InvitationsOut | ListInvitationsApiMeetupsIdInvitationsGetResponse401 | ListInvitationsApiMeetupsIdInvitationsGetResponse429 | ListInvitationsApiMeetupsIdInvitationsGetResponse500 | Problem | None:
    """ Who is invited and what each answered

    Args:
        id (str):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvitationsOut | ListInvitationsApiMeetupsIdInvitationsGetResponse401 | ListInvitationsApiMeetupsIdInvitationsGetResponse429 | ListInvitationsApiMeetupsIdInvitationsGetResponse500 | Problem
     """


    return (await asyncio_detailed(
        id=id,
client=client,
cursor=cursor,
limit=limit,

    )).parsed
