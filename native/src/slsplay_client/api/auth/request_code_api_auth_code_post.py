from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.email_in import EmailIn
from ...models.problem import Problem
from ...models.request_code_api_auth_code_post_response_429 import RequestCodeApiAuthCodePostResponse429
from ...models.request_code_api_auth_code_post_response_500 import RequestCodeApiAuthCodePostResponse500
from typing import cast



def _get_kwargs(
    *,
    body: EmailIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/auth/code",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | RequestCodeApiAuthCodePostResponse429 | RequestCodeApiAuthCodePostResponse500 | None:
    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

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
        response_429 = RequestCodeApiAuthCodePostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = RequestCodeApiAuthCodePostResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem | RequestCodeApiAuthCodePostResponse429 | RequestCodeApiAuthCodePostResponse500]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: EmailIn,

) -> Response[Any | Problem | RequestCodeApiAuthCodePostResponse429 | RequestCodeApiAuthCodePostResponse500]:
    """ Email a 6-digit sign-in code to the address, if an account has it (202 either way; 5 codes an hour
    at most)

    Args:
        body (EmailIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | RequestCodeApiAuthCodePostResponse429 | RequestCodeApiAuthCodePostResponse500]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    body: EmailIn,

) -> Any | Problem | RequestCodeApiAuthCodePostResponse429 | RequestCodeApiAuthCodePostResponse500 | None:
    """ Email a 6-digit sign-in code to the address, if an account has it (202 either way; 5 codes an hour
    at most)

    Args:
        body (EmailIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | RequestCodeApiAuthCodePostResponse429 | RequestCodeApiAuthCodePostResponse500
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: EmailIn,

) -> Response[Any | Problem | RequestCodeApiAuthCodePostResponse429 | RequestCodeApiAuthCodePostResponse500]:
    """ Email a 6-digit sign-in code to the address, if an account has it (202 either way; 5 codes an hour
    at most)

    Args:
        body (EmailIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | RequestCodeApiAuthCodePostResponse429 | RequestCodeApiAuthCodePostResponse500]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: EmailIn,

) -> Any | Problem | RequestCodeApiAuthCodePostResponse429 | RequestCodeApiAuthCodePostResponse500 | None:
    """ Email a 6-digit sign-in code to the address, if an account has it (202 either way; 5 codes an hour
    at most)

    Args:
        body (EmailIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | RequestCodeApiAuthCodePostResponse429 | RequestCodeApiAuthCodePostResponse500
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
