from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.payment_webhook_api_payments_webhook_post_response_429 import PaymentWebhookApiPaymentsWebhookPostResponse429
from ...models.payment_webhook_api_payments_webhook_post_response_500 import PaymentWebhookApiPaymentsWebhookPostResponse500
from ...models.problem import Problem
from ...models.webhook_out import WebhookOut
from typing import cast



def _get_kwargs(
    
) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/payments/webhook",
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PaymentWebhookApiPaymentsWebhookPostResponse429 | PaymentWebhookApiPaymentsWebhookPostResponse500 | Problem | WebhookOut | None:
    if response.status_code == 200:
        response_200 = WebhookOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

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
        response_429 = PaymentWebhookApiPaymentsWebhookPostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = PaymentWebhookApiPaymentsWebhookPostResponse500.from_dict(response.json())



        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PaymentWebhookApiPaymentsWebhookPostResponse429 | PaymentWebhookApiPaymentsWebhookPostResponse500 | Problem | WebhookOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,

) -> Response[PaymentWebhookApiPaymentsWebhookPostResponse429 | PaymentWebhookApiPaymentsWebhookPostResponse500 | Problem | WebhookOut]:
    """ The payment provider's signed webhook (checkout paid or expired)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaymentWebhookApiPaymentsWebhookPostResponse429 | PaymentWebhookApiPaymentsWebhookPostResponse500 | Problem | WebhookOut]
     """


    kwargs = _get_kwargs(
        
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,

) -> PaymentWebhookApiPaymentsWebhookPostResponse429 | PaymentWebhookApiPaymentsWebhookPostResponse500 | Problem | WebhookOut | None:
    """ The payment provider's signed webhook (checkout paid or expired)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaymentWebhookApiPaymentsWebhookPostResponse429 | PaymentWebhookApiPaymentsWebhookPostResponse500 | Problem | WebhookOut
     """


    return sync_detailed(
        client=client,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,

) -> Response[PaymentWebhookApiPaymentsWebhookPostResponse429 | PaymentWebhookApiPaymentsWebhookPostResponse500 | Problem | WebhookOut]:
    """ The payment provider's signed webhook (checkout paid or expired)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaymentWebhookApiPaymentsWebhookPostResponse429 | PaymentWebhookApiPaymentsWebhookPostResponse500 | Problem | WebhookOut]
     """


    kwargs = _get_kwargs(
        
    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,

) -> PaymentWebhookApiPaymentsWebhookPostResponse429 | PaymentWebhookApiPaymentsWebhookPostResponse500 | Problem | WebhookOut | None:
    """ The payment provider's signed webhook (checkout paid or expired)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaymentWebhookApiPaymentsWebhookPostResponse429 | PaymentWebhookApiPaymentsWebhookPostResponse500 | Problem | WebhookOut
     """


    return (await asyncio_detailed(
        client=client,

    )).parsed
