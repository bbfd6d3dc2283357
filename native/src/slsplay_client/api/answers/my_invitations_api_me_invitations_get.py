from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.attending_page import AttendingPage
from ...models.my_invitations_api_me_invitations_get_response_401 import MyInvitationsApiMeInvitationsGetResponse401
from ...models.my_invitations_api_me_invitations_get_response_429 import MyInvitationsApiMeInvitationsGetResponse429
from ...models.my_invitations_api_me_invitations_get_response_500 import MyInvitationsApiMeInvitationsGetResponse500
from ...models.my_invitations_api_me_invitations_get_when import check_my_invitations_api_me_invitations_get_when
from ...models.my_invitations_api_me_invitations_get_when import MyInvitationsApiMeInvitationsGetWhen
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    when: MyInvitationsApiMeInvitationsGetWhen | Unset = 'upcoming',
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 20,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_when: str | Unset = UNSET
    if not isinstance(when, Unset):
        json_when = when

    params["when"] = json_when

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
        "url": "/api/me/invitations",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AttendingPage | MyInvitationsApiMeInvitationsGetResponse401 | MyInvitationsApiMeInvitationsGetResponse429 | MyInvitationsApiMeInvitationsGetResponse500 | Problem | None:
    if response.status_code == 200:
        response_200 = AttendingPage.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = MyInvitationsApiMeInvitationsGetResponse401.from_dict(response.json())



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
        response_429 = MyInvitationsApiMeInvitationsGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = MyInvitationsApiMeInvitationsGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AttendingPage | MyInvitationsApiMeInvitationsGetResponse401 | MyInvitationsApiMeInvitationsGetResponse429 | MyInvitationsApiMeInvitationsGetResponse500 | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    when: MyInvitationsApiMeInvitationsGetWhen | Unset = 'upcoming',
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 20,

) -> Response[AttendingPage | MyInvitationsApiMeInvitationsGetResponse401 | MyInvitationsApiMeInvitationsGetResponse429 | MyInvitationsApiMeInvitationsGetResponse500 | Problem]:
    """ The meetups I am invited to or joined, with my answers: upcoming soonest first

    Args:
        when (MyInvitationsApiMeInvitationsGetWhen | Unset): upcoming: not ended yet, soonest
            first; past: ended, latest first. Default: 'upcoming'.
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttendingPage | MyInvitationsApiMeInvitationsGetResponse401 | MyInvitationsApiMeInvitationsGetResponse429 | MyInvitationsApiMeInvitationsGetResponse500 | Problem]
     """


    kwargs = _get_kwargs(
        when=when,
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
    when: MyInvitationsApiMeInvitationsGetWhen | Unset = 'upcoming',
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 20,

) -> AttendingPage | MyInvitationsApiMeInvitationsGetResponse401 | MyInvitationsApiMeInvitationsGetResponse429 | MyInvitationsApiMeInvitationsGetResponse500 | Problem | None:
    """ The meetups I am invited to or joined, with my answers: upcoming soonest first

    Args:
        when (MyInvitationsApiMeInvitationsGetWhen | Unset): upcoming: not ended yet, soonest
            first; past: ended, latest first. Default: 'upcoming'.
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttendingPage | MyInvitationsApiMeInvitationsGetResponse401 | MyInvitationsApiMeInvitationsGetResponse429 | MyInvitationsApiMeInvitationsGetResponse500 | Problem
     """


    return sync_detailed(
        client=client,
when=when,
cursor=cursor,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    when: MyInvitationsApiMeInvitationsGetWhen | Unset = 'upcoming',
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 20,

) -> Response[AttendingPage | MyInvitationsApiMeInvitationsGetResponse401 | MyInvitationsApiMeInvitationsGetResponse429 | MyInvitationsApiMeInvitationsGetResponse500 | Problem]:
    """ The meetups I am invited to or joined, with my answers: upcoming soonest first

    Args:
        when (MyInvitationsApiMeInvitationsGetWhen | Unset): upcoming: not ended yet, soonest
            first; past: ended, latest first. Default: 'upcoming'.
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttendingPage | MyInvitationsApiMeInvitationsGetResponse401 | MyInvitationsApiMeInvitationsGetResponse429 | MyInvitationsApiMeInvitationsGetResponse500 | Problem]
     """


    kwargs = _get_kwargs(
        when=when,
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
    when: MyInvitationsApiMeInvitationsGetWhen | Unset = 'upcoming',
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 20,

) -> AttendingPage | MyInvitationsApiMeInvitationsGetResponse401 | MyInvitationsApiMeInvitationsGetResponse429 | MyInvitationsApiMeInvitationsGetResponse500 | Problem | None:
    """ The meetups I am invited to or joined, with my answers: upcoming soonest first

    Args:
        when (MyInvitationsApiMeInvitationsGetWhen | Unset): upcoming: not ended yet, soonest
            first; past: ended, latest first. Default: 'upcoming'.
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttendingPage | MyInvitationsApiMeInvitationsGetResponse401 | MyInvitationsApiMeInvitationsGetResponse429 | MyInvitationsApiMeInvitationsGetResponse500 | Problem
     """


    return (await asyncio_detailed(
        client=client,
when=when,
cursor=cursor,
limit=limit,

    )).parsed
