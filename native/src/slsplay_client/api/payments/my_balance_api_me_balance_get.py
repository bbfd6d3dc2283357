from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.my_balance_api_me_balance_get_response_401 import MyBalanceApiMeBalanceGetResponse401
from ...models.my_balance_api_me_balance_get_response_429 import MyBalanceApiMeBalanceGetResponse429
from ...models.my_balance_api_me_balance_get_response_500 import MyBalanceApiMeBalanceGetResponse500
from ...models.problem import Problem
from ...models.statement_out import StatementOut
from typing import cast



def _get_kwargs(
    
) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/me/balance",
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MyBalanceApiMeBalanceGetResponse401 | MyBalanceApiMeBalanceGetResponse429 | MyBalanceApiMeBalanceGetResponse500 | Problem | StatementOut | None:
    if response.status_code == 200:
        response_200 = StatementOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = MyBalanceApiMeBalanceGetResponse401.from_dict(response.json())



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
        response_429 = MyBalanceApiMeBalanceGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = MyBalanceApiMeBalanceGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[MyBalanceApiMeBalanceGetResponse401 | MyBalanceApiMeBalanceGetResponse429 | MyBalanceApiMeBalanceGetResponse500 | Problem | StatementOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,

) -> Response[MyBalanceApiMeBalanceGetResponse401 | MyBalanceApiMeBalanceGetResponse429 | MyBalanceApiMeBalanceGetResponse500 | Problem | StatementOut]:
    """ The organizer's balance per currency and latest ledger entries

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MyBalanceApiMeBalanceGetResponse401 | MyBalanceApiMeBalanceGetResponse429 | MyBalanceApiMeBalanceGetResponse500 | Problem | StatementOut]
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

) -> MyBalanceApiMeBalanceGetResponse401 | MyBalanceApiMeBalanceGetResponse429 | MyBalanceApiMeBalanceGetResponse500 | Problem | StatementOut | None:
    """ The organizer's balance per currency and latest ledger entries

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MyBalanceApiMeBalanceGetResponse401 | MyBalanceApiMeBalanceGetResponse429 | MyBalanceApiMeBalanceGetResponse500 | Problem | StatementOut
     """


    return sync_detailed(
        client=client,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,

) -> Response[MyBalanceApiMeBalanceGetResponse401 | MyBalanceApiMeBalanceGetResponse429 | MyBalanceApiMeBalanceGetResponse500 | Problem | StatementOut]:
    """ The organizer's balance per currency and latest ledger entries

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MyBalanceApiMeBalanceGetResponse401 | MyBalanceApiMeBalanceGetResponse429 | MyBalanceApiMeBalanceGetResponse500 | Problem | StatementOut]
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

) -> MyBalanceApiMeBalanceGetResponse401 | MyBalanceApiMeBalanceGetResponse429 | MyBalanceApiMeBalanceGetResponse500 | Problem | StatementOut | None:
    """ The organizer's balance per currency and latest ledger entries

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MyBalanceApiMeBalanceGetResponse401 | MyBalanceApiMeBalanceGetResponse429 | MyBalanceApiMeBalanceGetResponse500 | Problem | StatementOut
     """


    return (await asyncio_detailed(
        client=client,

    )).parsed
