from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.resend_verification_api_auth_verify_resend_post_response_401 import ResendVerificationApiAuthVerifyResendPostResponse401
from ...models.resend_verification_api_auth_verify_resend_post_response_429 import ResendVerificationApiAuthVerifyResendPostResponse429
from ...models.resend_verification_api_auth_verify_resend_post_response_500 import ResendVerificationApiAuthVerifyResendPostResponse500
from typing import cast



def _get_kwargs(
    
) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/auth/verify/resend",
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | ResendVerificationApiAuthVerifyResendPostResponse401 | ResendVerificationApiAuthVerifyResendPostResponse429 | ResendVerificationApiAuthVerifyResendPostResponse500 | None:
    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = ResendVerificationApiAuthVerifyResendPostResponse401.from_dict(response.json())



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
        response_429 = ResendVerificationApiAuthVerifyResendPostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = ResendVerificationApiAuthVerifyResendPostResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem | ResendVerificationApiAuthVerifyResendPostResponse401 | ResendVerificationApiAuthVerifyResendPostResponse429 | ResendVerificationApiAuthVerifyResendPostResponse500]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,

) -> Response[Any | Problem | ResendVerificationApiAuthVerifyResendPostResponse401 | ResendVerificationApiAuthVerifyResendPostResponse429 | ResendVerificationApiAuthVerifyResendPostResponse500]:
    """ Email the signed-in account a new verification link

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ResendVerificationApiAuthVerifyResendPostResponse401 | ResendVerificationApiAuthVerifyResendPostResponse429 | ResendVerificationApiAuthVerifyResendPostResponse500]
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

) -> Any | Problem | ResendVerificationApiAuthVerifyResendPostResponse401 | ResendVerificationApiAuthVerifyResendPostResponse429 | ResendVerificationApiAuthVerifyResendPostResponse500 | None:
    """ Email the signed-in account a new verification link

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ResendVerificationApiAuthVerifyResendPostResponse401 | ResendVerificationApiAuthVerifyResendPostResponse429 | ResendVerificationApiAuthVerifyResendPostResponse500
     """


    return sync_detailed(
        client=client,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,

) -> Response[Any | Problem | ResendVerificationApiAuthVerifyResendPostResponse401 | ResendVerificationApiAuthVerifyResendPostResponse429 | ResendVerificationApiAuthVerifyResendPostResponse500]:
    """ Email the signed-in account a new verification link

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ResendVerificationApiAuthVerifyResendPostResponse401 | ResendVerificationApiAuthVerifyResendPostResponse429 | ResendVerificationApiAuthVerifyResendPostResponse500]
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

) -> Any | Problem | ResendVerificationApiAuthVerifyResendPostResponse401 | ResendVerificationApiAuthVerifyResendPostResponse429 | ResendVerificationApiAuthVerifyResendPostResponse500 | None:
    """ Email the signed-in account a new verification link

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ResendVerificationApiAuthVerifyResendPostResponse401 | ResendVerificationApiAuthVerifyResendPostResponse429 | ResendVerificationApiAuthVerifyResendPostResponse500
     """


    return (await asyncio_detailed(
        client=client,

    )).parsed
