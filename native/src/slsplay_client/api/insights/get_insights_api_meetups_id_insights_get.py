from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.get_insights_api_meetups_id_insights_get_response_401 import GetInsightsApiMeetupsIdInsightsGetResponse401
from ...models.get_insights_api_meetups_id_insights_get_response_429 import GetInsightsApiMeetupsIdInsightsGetResponse429
from ...models.get_insights_api_meetups_id_insights_get_response_500 import GetInsightsApiMeetupsIdInsightsGetResponse500
from ...models.insights_out import InsightsOut
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/meetups/{id}/insights".format(id=quote(str(id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> GetInsightsApiMeetupsIdInsightsGetResponse401 | GetInsightsApiMeetupsIdInsightsGetResponse429 | GetInsightsApiMeetupsIdInsightsGetResponse500 | InsightsOut | Problem | None:
    if response.status_code == 200:
        response_200 = InsightsOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = GetInsightsApiMeetupsIdInsightsGetResponse401.from_dict(response.json())



        return response_401

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
        response_429 = GetInsightsApiMeetupsIdInsightsGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = GetInsightsApiMeetupsIdInsightsGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[GetInsightsApiMeetupsIdInsightsGetResponse401 | GetInsightsApiMeetupsIdInsightsGetResponse429 | GetInsightsApiMeetupsIdInsightsGetResponse500 | InsightsOut | Problem]:
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

) -> Response[GetInsightsApiMeetupsIdInsightsGetResponse401 | GetInsightsApiMeetupsIdInsightsGetResponse429 | GetInsightsApiMeetupsIdInsightsGetResponse500 | InsightsOut | Problem]:
    """ The organizer's insights: funnel, answers by hour, reminders, revenue by day

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetInsightsApiMeetupsIdInsightsGetResponse401 | GetInsightsApiMeetupsIdInsightsGetResponse429 | GetInsightsApiMeetupsIdInsightsGetResponse500 | InsightsOut | Problem]
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
    client: AuthenticatedClient,

) -> GetInsightsApiMeetupsIdInsightsGetResponse401 | GetInsightsApiMeetupsIdInsightsGetResponse429 | GetInsightsApiMeetupsIdInsightsGetResponse500 | InsightsOut | Problem | None:
    """ The organizer's insights: funnel, answers by hour, reminders, revenue by day

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetInsightsApiMeetupsIdInsightsGetResponse401 | GetInsightsApiMeetupsIdInsightsGetResponse429 | GetInsightsApiMeetupsIdInsightsGetResponse500 | InsightsOut | Problem
     """


    return sync_detailed(
        id=id,
client=client,

    ).parsed

async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,

) -> Response[GetInsightsApiMeetupsIdInsightsGetResponse401 | GetInsightsApiMeetupsIdInsightsGetResponse429 | GetInsightsApiMeetupsIdInsightsGetResponse500 | InsightsOut | Problem]:
    """ The organizer's insights: funnel, answers by hour, reminders, revenue by day

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetInsightsApiMeetupsIdInsightsGetResponse401 | GetInsightsApiMeetupsIdInsightsGetResponse429 | GetInsightsApiMeetupsIdInsightsGetResponse500 | InsightsOut | Problem]
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
    client: AuthenticatedClient,

) -> GetInsightsApiMeetupsIdInsightsGetResponse401 | GetInsightsApiMeetupsIdInsightsGetResponse429 | GetInsightsApiMeetupsIdInsightsGetResponse500 | InsightsOut | Problem | None:
    """ The organizer's insights: funnel, answers by hour, reminders, revenue by day

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetInsightsApiMeetupsIdInsightsGetResponse401 | GetInsightsApiMeetupsIdInsightsGetResponse429 | GetInsightsApiMeetupsIdInsightsGetResponse500 | InsightsOut | Problem
     """


    return (await asyncio_detailed(
        id=id,
client=client,

    )).parsed
