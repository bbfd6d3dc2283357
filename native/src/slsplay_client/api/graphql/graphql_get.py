from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.graphql_answer_out import GraphqlAnswerOut
from ...models.graphql_get_response_429 import GraphqlGetResponse429
from ...models.graphql_get_response_500 import GraphqlGetResponse500
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    query: str,
    variables: str | Unset = UNSET,
    operation_name: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["query"] = query

    params["variables"] = variables

    params["operationName"] = operation_name


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/graphql",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> GraphqlAnswerOut | GraphqlGetResponse429 | GraphqlGetResponse500 | Problem | None:
    if response.status_code == 200:
        response_200 = GraphqlAnswerOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 405:
        response_405 = Problem.from_dict(response.json())



        return response_405

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
        response_429 = GraphqlGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = GraphqlGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[GraphqlAnswerOut | GraphqlGetResponse429 | GraphqlGetResponse500 | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    query: str,
    variables: str | Unset = UNSET,
    operation_name: str | Unset = UNSET,

) -> Response[GraphqlAnswerOut | GraphqlGetResponse429 | GraphqlGetResponse500 | Problem]:
    """ A GraphQL query in the query string (mutations only by POST: 405)

    Args:
        query (str):
        variables (str | Unset):
        operation_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GraphqlAnswerOut | GraphqlGetResponse429 | GraphqlGetResponse500 | Problem]
     """


    kwargs = _get_kwargs(
        query=query,
variables=variables,
operation_name=operation_name,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    query: str,
    variables: str | Unset = UNSET,
    operation_name: str | Unset = UNSET,

) -> GraphqlAnswerOut | GraphqlGetResponse429 | GraphqlGetResponse500 | Problem | None:
    """ A GraphQL query in the query string (mutations only by POST: 405)

    Args:
        query (str):
        variables (str | Unset):
        operation_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GraphqlAnswerOut | GraphqlGetResponse429 | GraphqlGetResponse500 | Problem
     """


    return sync_detailed(
        client=client,
query=query,
variables=variables,
operation_name=operation_name,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    query: str,
    variables: str | Unset = UNSET,
    operation_name: str | Unset = UNSET,

) -> Response[GraphqlAnswerOut | GraphqlGetResponse429 | GraphqlGetResponse500 | Problem]:
    """ A GraphQL query in the query string (mutations only by POST: 405)

    Args:
        query (str):
        variables (str | Unset):
        operation_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GraphqlAnswerOut | GraphqlGetResponse429 | GraphqlGetResponse500 | Problem]
     """


    kwargs = _get_kwargs(
        query=query,
variables=variables,
operation_name=operation_name,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    query: str,
    variables: str | Unset = UNSET,
    operation_name: str | Unset = UNSET,

) -> GraphqlAnswerOut | GraphqlGetResponse429 | GraphqlGetResponse500 | Problem | None:
    """ A GraphQL query in the query string (mutations only by POST: 405)

    Args:
        query (str):
        variables (str | Unset):
        operation_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GraphqlAnswerOut | GraphqlGetResponse429 | GraphqlGetResponse500 | Problem
     """


    return (await asyncio_detailed(
        client=client,
query=query,
variables=variables,
operation_name=operation_name,

    )).parsed
