from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.pay_out_api_me_payouts_post_response_401 import PayOutApiMePayoutsPostResponse401
from ...models.pay_out_api_me_payouts_post_response_429 import PayOutApiMePayoutsPostResponse429
from ...models.pay_out_api_me_payouts_post_response_500 import PayOutApiMePayoutsPostResponse500
from ...models.payouts_out import PayoutsOut
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    
) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/me/payouts",
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PayOutApiMePayoutsPostResponse401 | PayOutApiMePayoutsPostResponse429 | PayOutApiMePayoutsPostResponse500 | PayoutsOut | Problem | None:
    if response.status_code == 200:
        response_200 = PayoutsOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = PayOutApiMePayoutsPostResponse401.from_dict(response.json())



        return response_401

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
        response_429 = PayOutApiMePayoutsPostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = PayOutApiMePayoutsPostResponse500.from_dict(response.json())



        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PayOutApiMePayoutsPostResponse401 | PayOutApiMePayoutsPostResponse429 | PayOutApiMePayoutsPostResponse500 | PayoutsOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,

) -> Response[PayOutApiMePayoutsPostResponse401 | PayOutApiMePayoutsPostResponse429 | PayOutApiMePayoutsPostResponse500 | PayoutsOut | Problem]:
    """ Pay out the available balance now

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PayOutApiMePayoutsPostResponse401 | PayOutApiMePayoutsPostResponse429 | PayOutApiMePayoutsPostResponse500 | PayoutsOut | Problem]
     """


    kwargs = _get_kwargs(
        
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,

) -> PayOutApiMePayoutsPostResponse401 | PayOutApiMePayoutsPostResponse429 | PayOutApiMePayoutsPostResponse500 | PayoutsOut | Problem | None:
    """ Pay out the available balance now

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PayOutApiMePayoutsPostResponse401 | PayOutApiMePayoutsPostResponse429 | PayOutApiMePayoutsPostResponse500 | PayoutsOut | Problem
     """


    return sync_detailed(
        client=client,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,

) -> Response[PayOutApiMePayoutsPostResponse401 | PayOutApiMePayoutsPostResponse429 | PayOutApiMePayoutsPostResponse500 | PayoutsOut | Problem]:
    """ Pay out the available balance now

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PayOutApiMePayoutsPostResponse401 | PayOutApiMePayoutsPostResponse429 | PayOutApiMePayoutsPostResponse500 | PayoutsOut | Problem]
     """


    kwargs = _get_kwargs(
        
    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,

) -> PayOutApiMePayoutsPostResponse401 | PayOutApiMePayoutsPostResponse429 | PayOutApiMePayoutsPostResponse500 | PayoutsOut | Problem | None:
    """ Pay out the available balance now

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PayOutApiMePayoutsPostResponse401 | PayOutApiMePayoutsPostResponse429 | PayOutApiMePayoutsPostResponse500 | PayoutsOut | Problem
     """


    return (await asyncio_detailed(
        client=client,

    )).parsed
