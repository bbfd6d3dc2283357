from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.graphql_answer_out import GraphqlAnswerOut
from ...models.graphql_post_response_429 import GraphqlPostResponse429
from ...models.graphql_post_response_500 import GraphqlPostResponse500
from ...models.graphql_request import GraphqlRequest
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    *,
    body: GraphqlRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/graphql",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> GraphqlAnswerOut | GraphqlPostResponse429 | GraphqlPostResponse500 | Problem | None:
    if response.status_code == 200:
        response_200 = GraphqlAnswerOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



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
        response_429 = GraphqlPostResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = GraphqlPostResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[GraphqlAnswerOut | GraphqlPostResponse429 | GraphqlPostResponse500 | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: GraphqlRequest,

) -> Response[GraphqlAnswerOut | GraphqlPostResponse429 | GraphqlPostResponse500 | Problem]:
    """ The web app's API: queries and mutations (web/schema.graphql)

    Args:
        body (GraphqlRequest): A GraphQL request over HTTP (POST; GET takes the same as query
            parameters).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GraphqlAnswerOut | GraphqlPostResponse429 | GraphqlPostResponse500 | Problem]
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
    client: AuthenticatedClient,
    body: GraphqlRequest,

) -> GraphqlAnswerOut | GraphqlPostResponse429 | GraphqlPostResponse500 | Problem | None:
    """ The web app's API: queries and mutations (web/schema.graphql)

    Args:
        body (GraphqlRequest): A GraphQL request over HTTP (POST; GET takes the same as query
            parameters).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GraphqlAnswerOut | GraphqlPostResponse429 | GraphqlPostResponse500 | Problem
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: GraphqlRequest,

) -> Response[GraphqlAnswerOut | GraphqlPostResponse429 | GraphqlPostResponse500 | Problem]:
    """ The web app's API: queries and mutations (web/schema.graphql)

    Args:
        body (GraphqlRequest): A GraphQL request over HTTP (POST; GET takes the same as query
            parameters).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GraphqlAnswerOut | GraphqlPostResponse429 | GraphqlPostResponse500 | Problem]
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
    client: AuthenticatedClient,
    body: GraphqlRequest,

) -> GraphqlAnswerOut | GraphqlPostResponse429 | GraphqlPostResponse500 | Problem | None:
    """ The web app's API: queries and mutations (web/schema.graphql)

    Args:
        body (GraphqlRequest): A GraphQL request over HTTP (POST; GET takes the same as query
            parameters).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GraphqlAnswerOut | GraphqlPostResponse429 | GraphqlPostResponse500 | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
