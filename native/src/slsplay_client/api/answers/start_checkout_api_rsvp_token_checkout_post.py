from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.checkout_started_out import CheckoutStartedOut
from ...models.problem import Problem
from ...models.start_checkout_api_rsvp_token_checkout_post_response_429 import StartCheckoutApiRsvpTokenCheckoutPostResponse429
from ...models.start_checkout_api_rsvp_token_checkout_post_response_500 import StartCheckoutApiRsvpTokenCheckoutPostResponse500
from typing import cast



def _get_kwargs(
    token: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/rsvp/{token}/checkout".format(token=quote(str(token), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CheckoutStartedOut | Problem | StartCheckoutApiRsvpTokenCheckoutPostResponse429 | StartCheckoutApiRsvpTokenCheckoutPostResponse500 | None:
    if response.status_code == 200:
        response_200 = CheckoutStartedOut.from_dict(response.json())



        return response_200

    if response.status_code == 201:
        response_201 = CheckoutStartedOut.from_dict(response.json())



        return response_201

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
        response_429 = StartCheckoutApiRsvpTokenCheckoutPostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = StartCheckoutApiRsvpTokenCheckoutPostResponse500.from_dict(response.json())



        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CheckoutStartedOut | Problem | StartCheckoutApiRsvpTokenCheckoutPostResponse429 | StartCheckoutApiRsvpTokenCheckoutPostResponse500]:
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

) -> Response[CheckoutStartedOut | Problem | StartCheckoutApiRsvpTokenCheckoutPostResponse429 | StartCheckoutApiRsvpTokenCheckoutPostResponse500]:
    """ Attend a paid meetup: a seat kept for 15 minutes and the provider's checkout

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CheckoutStartedOut | Problem | StartCheckoutApiRsvpTokenCheckoutPostResponse429 | StartCheckoutApiRsvpTokenCheckoutPostResponse500]
     """


    kwargs = _get_kwargs(
        token=token,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,

) -> CheckoutStartedOut | Problem | StartCheckoutApiRsvpTokenCheckoutPostResponse429 | StartCheckoutApiRsvpTokenCheckoutPostResponse500 | None:
    """ Attend a paid meetup: a seat kept for 15 minutes and the provider's checkout

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CheckoutStartedOut | Problem | StartCheckoutApiRsvpTokenCheckoutPostResponse429 | StartCheckoutApiRsvpTokenCheckoutPostResponse500
     """


    return sync_detailed(
        token=token,
client=client,

    ).parsed

async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,

) -> Response[CheckoutStartedOut | Problem | StartCheckoutApiRsvpTokenCheckoutPostResponse429 | StartCheckoutApiRsvpTokenCheckoutPostResponse500]:
    """ Attend a paid meetup: a seat kept for 15 minutes and the provider's checkout

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CheckoutStartedOut | Problem | StartCheckoutApiRsvpTokenCheckoutPostResponse429 | StartCheckoutApiRsvpTokenCheckoutPostResponse500]
     """


    kwargs = _get_kwargs(
        token=token,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,

) -> CheckoutStartedOut | Problem | StartCheckoutApiRsvpTokenCheckoutPostResponse429 | StartCheckoutApiRsvpTokenCheckoutPostResponse500 | None:
    """ Attend a paid meetup: a seat kept for 15 minutes and the provider's checkout

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CheckoutStartedOut | Problem | StartCheckoutApiRsvpTokenCheckoutPostResponse429 | StartCheckoutApiRsvpTokenCheckoutPostResponse500
     """


    return (await asyncio_detailed(
        token=token,
client=client,

    )).parsed
