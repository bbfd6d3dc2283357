from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.answer_invitation_api_rsvp_token_post_response_429 import AnswerInvitationApiRsvpTokenPostResponse429
from ...models.answer_invitation_api_rsvp_token_post_response_500 import AnswerInvitationApiRsvpTokenPostResponse500
from ...models.problem import Problem
from ...models.rsvp_in import RsvpIn
from ...models.rsvp_out import RsvpOut
from typing import cast



def _get_kwargs(
    token: str,
    *,
    body: RsvpIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/rsvp/{token}".format(token=quote(str(token), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AnswerInvitationApiRsvpTokenPostResponse429 | AnswerInvitationApiRsvpTokenPostResponse500 | Problem | RsvpOut | None:
    if response.status_code == 200:
        response_200 = RsvpOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

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
        response_429 = AnswerInvitationApiRsvpTokenPostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = AnswerInvitationApiRsvpTokenPostResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AnswerInvitationApiRsvpTokenPostResponse429 | AnswerInvitationApiRsvpTokenPostResponse500 | Problem | RsvpOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: RsvpIn,

) -> Response[AnswerInvitationApiRsvpTokenPostResponse429 | AnswerInvitationApiRsvpTokenPostResponse500 | Problem | RsvpOut]:
    """ Answer: attending or declined (until the start; a paid meetup: checkout)

    Args:
        token (str):
        body (RsvpIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnswerInvitationApiRsvpTokenPostResponse429 | AnswerInvitationApiRsvpTokenPostResponse500 | Problem | RsvpOut]
     """


    kwargs = _get_kwargs(
        token=token,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: RsvpIn,

) -> AnswerInvitationApiRsvpTokenPostResponse429 | AnswerInvitationApiRsvpTokenPostResponse500 | Problem | RsvpOut | None:
    """ Answer: attending or declined (until the start; a paid meetup: checkout)

    Args:
        token (str):
        body (RsvpIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnswerInvitationApiRsvpTokenPostResponse429 | AnswerInvitationApiRsvpTokenPostResponse500 | Problem | RsvpOut
     """


    return sync_detailed(
        token=token,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: RsvpIn,

) -> Response[AnswerInvitationApiRsvpTokenPostResponse429 | AnswerInvitationApiRsvpTokenPostResponse500 | Problem | RsvpOut]:
    """ Answer: attending or declined (until the start; a paid meetup: checkout)

    Args:
        token (str):
        body (RsvpIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnswerInvitationApiRsvpTokenPostResponse429 | AnswerInvitationApiRsvpTokenPostResponse500 | Problem | RsvpOut]
     """


    kwargs = _get_kwargs(
        token=token,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: RsvpIn,

) -> AnswerInvitationApiRsvpTokenPostResponse429 | AnswerInvitationApiRsvpTokenPostResponse500 | Problem | RsvpOut | None:
    """ Answer: attending or declined (until the start; a paid meetup: checkout)

    Args:
        token (str):
        body (RsvpIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnswerInvitationApiRsvpTokenPostResponse429 | AnswerInvitationApiRsvpTokenPostResponse500 | Problem | RsvpOut
     """


    return (await asyncio_detailed(
        token=token,
client=client,
body=body,

    )).parsed
