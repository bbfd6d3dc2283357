from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.meetup_out import MeetupOut
from ...models.meetup_update import MeetupUpdate
from ...models.problem import Problem
from ...models.update_meetup_api_meetups_id_patch_apply_to import check_update_meetup_api_meetups_id_patch_apply_to
from ...models.update_meetup_api_meetups_id_patch_apply_to import UpdateMeetupApiMeetupsIdPatchApplyTo
from ...models.update_meetup_api_meetups_id_patch_response_401 import UpdateMeetupApiMeetupsIdPatchResponse401
from ...models.update_meetup_api_meetups_id_patch_response_429 import UpdateMeetupApiMeetupsIdPatchResponse429
from ...models.update_meetup_api_meetups_id_patch_response_500 import UpdateMeetupApiMeetupsIdPatchResponse500
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: str,
    *,
    body: MeetupUpdate,
    apply_to: UpdateMeetupApiMeetupsIdPatchApplyTo | Unset = 'this',
    if_match: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match



    

    params: dict[str, Any] = {}

    json_apply_to: str | Unset = UNSET
    if not isinstance(apply_to, Unset):
        json_apply_to = apply_to

    params["apply_to"] = json_apply_to


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/meetups/{id}".format(id=quote(str(id), safe=""),),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MeetupOut | Problem | UpdateMeetupApiMeetupsIdPatchResponse401 | UpdateMeetupApiMeetupsIdPatchResponse429 | UpdateMeetupApiMeetupsIdPatchResponse500 | None:
    if response.status_code == 200:
        response_200 = MeetupOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = UpdateMeetupApiMeetupsIdPatchResponse401.from_dict(response.json())



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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())



        return response_412

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
        response_429 = UpdateMeetupApiMeetupsIdPatchResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = UpdateMeetupApiMeetupsIdPatchResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[MeetupOut | Problem | UpdateMeetupApiMeetupsIdPatchResponse401 | UpdateMeetupApiMeetupsIdPatchResponse429 | UpdateMeetupApiMeetupsIdPatchResponse500]:
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
    body: MeetupUpdate,
    apply_to: UpdateMeetupApiMeetupsIdPatchApplyTo | Unset = 'this',
    if_match: None | str | Unset = UNSET,

) -> Response[MeetupOut | Problem | UpdateMeetupApiMeetupsIdPatchResponse401 | UpdateMeetupApiMeetupsIdPatchResponse429 | UpdateMeetupApiMeetupsIdPatchResponse500]:
    """ Change some fields (If-Match: the version you saw, or 412)

    Args:
        id (str):
        apply_to (UpdateMeetupApiMeetupsIdPatchApplyTo | Unset): An occurrence of a series: this
            one, or this and all future. Default: 'this'.
        if_match (None | str | Unset): The ETag of the version you saw, or *: 409 if it changed
            since.
        body (MeetupUpdate): Only the fields present change; ``null`` clears capacity or price.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeetupOut | Problem | UpdateMeetupApiMeetupsIdPatchResponse401 | UpdateMeetupApiMeetupsIdPatchResponse429 | UpdateMeetupApiMeetupsIdPatchResponse500]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,
apply_to=apply_to,
if_match=if_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: MeetupUpdate,
    apply_to: UpdateMeetupApiMeetupsIdPatchApplyTo | Unset = 'this',
    if_match: None | str | Unset = UNSET,

) -> MeetupOut | Problem | UpdateMeetupApiMeetupsIdPatchResponse401 | UpdateMeetupApiMeetupsIdPatchResponse429 | UpdateMeetupApiMeetupsIdPatchResponse500 | None:
    """ Change some fields (If-Match: the version you saw, or 412)

    Args:
        id (str):
        apply_to (UpdateMeetupApiMeetupsIdPatchApplyTo | Unset): An occurrence of a series: this
            one, or this and all future. Default: 'this'.
        if_match (None | str | Unset): The ETag of the version you saw, or *: 409 if it changed
            since.
        body (MeetupUpdate): Only the fields present change; ``null`` clears capacity or price.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeetupOut | Problem | UpdateMeetupApiMeetupsIdPatchResponse401 | UpdateMeetupApiMeetupsIdPatchResponse429 | UpdateMeetupApiMeetupsIdPatchResponse500
     """


    return sync_detailed(
        id=id,
client=client,
body=body,
apply_to=apply_to,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: MeetupUpdate,
    apply_to: UpdateMeetupApiMeetupsIdPatchApplyTo | Unset = 'this',
    if_match: None | str | Unset = UNSET,

) -> Response[MeetupOut | Problem | UpdateMeetupApiMeetupsIdPatchResponse401 | UpdateMeetupApiMeetupsIdPatchResponse429 | UpdateMeetupApiMeetupsIdPatchResponse500]:
    """ Change some fields (If-Match: the version you saw, or 412)

    Args:
        id (str):
        apply_to (UpdateMeetupApiMeetupsIdPatchApplyTo | Unset): An occurrence of a series: this
            one, or this and all future. Default: 'this'.
        if_match (None | str | Unset): The ETag of the version you saw, or *: 409 if it changed
            since.
        body (MeetupUpdate): Only the fields present change; ``null`` clears capacity or price.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeetupOut | Problem | UpdateMeetupApiMeetupsIdPatchResponse401 | UpdateMeetupApiMeetupsIdPatchResponse429 | UpdateMeetupApiMeetupsIdPatchResponse500]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,
apply_to=apply_to,
if_match=if_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: MeetupUpdate,
    apply_to: UpdateMeetupApiMeetupsIdPatchApplyTo | Unset = 'this',
    if_match: None | str | Unset = UNSET,

) -> MeetupOut | Problem | UpdateMeetupApiMeetupsIdPatchResponse401 | UpdateMeetupApiMeetupsIdPatchResponse429 | UpdateMeetupApiMeetupsIdPatchResponse500 | None:
    """ Change some fields (If-Match: the version you saw, or 412)

    Args:
        id (str):
        apply_to (UpdateMeetupApiMeetupsIdPatchApplyTo | Unset): An occurrence of a series: this
            one, or this and all future. Default: 'this'.
        if_match (None | str | Unset): The ETag of the version you saw, or *: 409 if it changed
            since.
        body (MeetupUpdate): Only the fields present change; ``null`` clears capacity or price.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeetupOut | Problem | UpdateMeetupApiMeetupsIdPatchResponse401 | UpdateMeetupApiMeetupsIdPatchResponse429 | UpdateMeetupApiMeetupsIdPatchResponse500
     """


    return (await asyncio_detailed(
        id=id,
client=client,
body=body,
apply_to=apply_to,
if_match=if_match,

    )).parsed
