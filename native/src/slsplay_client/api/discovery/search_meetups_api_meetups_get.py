from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.meetups_page import MeetupsPage
from ...models.problem import Problem
from ...models.search_meetups_api_meetups_get_category import check_search_meetups_api_meetups_get_category
from ...models.search_meetups_api_meetups_get_category import SearchMeetupsApiMeetupsGetCategory
from ...models.search_meetups_api_meetups_get_response_429 import SearchMeetupsApiMeetupsGetResponse429
from ...models.search_meetups_api_meetups_get_response_500 import SearchMeetupsApiMeetupsGetResponse500
from ...models.search_meetups_api_meetups_get_sort import check_search_meetups_api_meetups_get_sort
from ...models.search_meetups_api_meetups_get_sort import SearchMeetupsApiMeetupsGetSort
from ...types import UNSET, Unset
from typing import cast
from typing import Literal, cast



def _get_kwargs(
    *,
    visibility: Literal['public'] | Unset = 'public',
    q: None | str | Unset = UNSET,
    category: SearchMeetupsApiMeetupsGetCategory | Unset = UNSET,
    starts_after: None | str | Unset = UNSET,
    starts_before: None | str | Unset = UNSET,
    created_after: None | str | Unset = UNSET,
    created_before: None | str | Unset = UNSET,
    closes_before: None | str | Unset = UNSET,
    sort: SearchMeetupsApiMeetupsGetSort | Unset = UNSET,
    limit: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["visibility"] = visibility

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_category: str | Unset = UNSET
    if not isinstance(category, Unset):
        json_category = category

    params["category"] = json_category

    json_starts_after: None | str | Unset
    if isinstance(starts_after, Unset):
        json_starts_after = UNSET
    else:
        json_starts_after = starts_after
    params["starts_after"] = json_starts_after

    json_starts_before: None | str | Unset
    if isinstance(starts_before, Unset):
        json_starts_before = UNSET
    else:
        json_starts_before = starts_before
    params["starts_before"] = json_starts_before

    json_created_after: None | str | Unset
    if isinstance(created_after, Unset):
        json_created_after = UNSET
    else:
        json_created_after = created_after
    params["created_after"] = json_created_after

    json_created_before: None | str | Unset
    if isinstance(created_before, Unset):
        json_created_before = UNSET
    else:
        json_created_before = created_before
    params["created_before"] = json_created_before

    json_closes_before: None | str | Unset
    if isinstance(closes_before, Unset):
        json_closes_before = UNSET
    else:
        json_closes_before = closes_before
    params["closes_before"] = json_closes_before

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort

    params["sort"] = json_sort

    json_limit: None | str | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    else:
        json_limit = limit
    params["limit"] = json_limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/meetups",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MeetupsPage | Problem | SearchMeetupsApiMeetupsGetResponse429 | SearchMeetupsApiMeetupsGetResponse500 | None:
    if response.status_code == 200:
        response_200 = MeetupsPage.from_dict(response.json())



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
        response_429 = SearchMeetupsApiMeetupsGetResponse429.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = SearchMeetupsApiMeetupsGetResponse500.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[MeetupsPage | Problem | SearchMeetupsApiMeetupsGetResponse429 | SearchMeetupsApiMeetupsGetResponse500]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    visibility: Literal['public'] | Unset = 'public',
    q: None | str | Unset = UNSET,
    category: SearchMeetupsApiMeetupsGetCategory | Unset = UNSET,
    starts_after: None | str | Unset = UNSET,
    starts_before: None | str | Unset = UNSET,
    created_after: None | str | Unset = UNSET,
    created_before: None | str | Unset = UNSET,
    closes_before: None | str | Unset = UNSET,
    sort: SearchMeetupsApiMeetupsGetSort | Unset = UNSET,
    limit: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,

) -> Response[MeetupsPage | Problem | SearchMeetupsApiMeetupsGetResponse429 | SearchMeetupsApiMeetupsGetResponse500]:
    """ Search public meetups (anyone): words, category, time windows, an order, pages

    Args:
        visibility (Literal['public'] | Unset): Only public meetups are listed here. Default:
            'public'.
        q (None | str | Unset): Words; each also matches as a prefix.
        category (SearchMeetupsApiMeetupsGetCategory | Unset):
        starts_after (None | str | Unset): ISO 8601 with an offset.
        starts_before (None | str | Unset):
        created_after (None | str | Unset):
        created_before (None | str | Unset):
        closes_before (None | str | Unset): Answers close by then.
        sort (SearchMeetupsApiMeetupsGetSort | Unset): soonest, newest, closing, popular or
            relevance (with words)
        limit (None | str | Unset): 1 to 50 (default 20)
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeetupsPage | Problem | SearchMeetupsApiMeetupsGetResponse429 | SearchMeetupsApiMeetupsGetResponse500]
     """


    kwargs = _get_kwargs(
        visibility=visibility,
q=q,
category=category,
starts_after=starts_after,
starts_before=starts_before,
created_after=created_after,
created_before=created_before,
closes_before=closes_before,
sort=sort,
limit=limit,
cursor=cursor,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    visibility: Literal['public'] | Unset = 'public',
    q: None | str | Unset = UNSET,
    category: SearchMeetupsApiMeetupsGetCategory | Unset = UNSET,
    starts_after: None | str | Unset = UNSET,
    starts_before: None | str | Unset = UNSET,
    created_after: None | str | Unset = UNSET,
    created_before: None | str | Unset = UNSET,
    closes_before: None | str | Unset = UNSET,
    sort: SearchMeetupsApiMeetupsGetSort | Unset = UNSET,
    limit: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,

) -> MeetupsPage | Problem | SearchMeetupsApiMeetupsGetResponse429 | SearchMeetupsApiMeetupsGetResponse500 | None:
    """ Search public meetups (anyone): words, category, time windows, an order, pages

    Args:
        visibility (Literal['public'] | Unset): Only public meetups are listed here. Default:
            'public'.
        q (None | str | Unset): Words; each also matches as a prefix.
        category (SearchMeetupsApiMeetupsGetCategory | Unset):
        starts_after (None | str | Unset): ISO 8601 with an offset.
        starts_before (None | str | Unset):
        created_after (None | str | Unset):
        created_before (None | str | Unset):
        closes_before (None | str | Unset): Answers close by then.
        sort (SearchMeetupsApiMeetupsGetSort | Unset): soonest, newest, closing, popular or
            relevance (with words)
        limit (None | str | Unset): 1 to 50 (default 20)
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeetupsPage | Problem | SearchMeetupsApiMeetupsGetResponse429 | SearchMeetupsApiMeetupsGetResponse500
     """


    return sync_detailed(
        client=client,
visibility=visibility,
q=q,
category=category,
starts_after=starts_after,
starts_before=starts_before,
created_after=created_after,
created_before=created_before,
closes_before=closes_before,
sort=sort,
limit=limit,
cursor=cursor,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    visibility: Literal['public'] | Unset = 'public',
    q: None | str | Unset = UNSET,
    category: SearchMeetupsApiMeetupsGetCategory | Unset = UNSET,
    starts_after: None | str | Unset = UNSET,
    starts_before: None | str | Unset = UNSET,
    created_after: None | str | Unset = UNSET,
    created_before: None | str | Unset = UNSET,
    closes_before: None | str | Unset = UNSET,
    sort: SearchMeetupsApiMeetupsGetSort | Unset = UNSET,
    limit: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,

) -> Response[MeetupsPage | Problem | SearchMeetupsApiMeetupsGetResponse429 | SearchMeetupsApiMeetupsGetResponse500]:
    """ Search public meetups (anyone): words, category, time windows, an order, pages

    Args:
        visibility (Literal['public'] | Unset): Only public meetups are listed here. Default:
            'public'.
        q (None | str | Unset): Words; each also matches as a prefix.
        category (SearchMeetupsApiMeetupsGetCategory | Unset):
        starts_after (None | str | Unset): ISO 8601 with an offset.
        starts_before (None | str | Unset):
        created_after (None | str | Unset):
        created_before (None | str | Unset):
        closes_before (None | str | Unset): Answers close by then.
        sort (SearchMeetupsApiMeetupsGetSort | Unset): soonest, newest, closing, popular or
            relevance (with words)
        limit (None | str | Unset): 1 to 50 (default 20)
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeetupsPage | Problem | SearchMeetupsApiMeetupsGetResponse429 | SearchMeetupsApiMeetupsGetResponse500]
     """


    kwargs = _get_kwargs(
        visibility=visibility,
q=q,
category=category,
starts_after=starts_after,
starts_before=starts_before,
created_after=created_after,
created_before=created_before,
closes_before=closes_before,
sort=sort,
limit=limit,
cursor=cursor,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    visibility: Literal['public'] | Unset = 'public',
    q: None | str | Unset = UNSET,
    category: SearchMeetupsApiMeetupsGetCategory | Unset = UNSET,
    starts_after: None | str | Unset = UNSET,
    starts_before: None | str | Unset = UNSET,
    created_after: None | str | Unset = UNSET,
    created_before: None | str | Unset = UNSET,
    closes_before: None | str | Unset = UNSET,
    sort: SearchMeetupsApiMeetupsGetSort | Unset = UNSET,
    limit: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,

) -> MeetupsPage | Problem | SearchMeetupsApiMeetupsGetResponse429 | SearchMeetupsApiMeetupsGetResponse500 | None:
    """ Search public meetups (anyone): words, category, time windows, an order, pages

    Args:
        visibility (Literal['public'] | Unset): Only public meetups are listed here. Default:
            'public'.
        q (None | str | Unset): Words; each also matches as a prefix.
        category (SearchMeetupsApiMeetupsGetCategory | Unset):
        starts_after (None | str | Unset): ISO 8601 with an offset.
        starts_before (None | str | Unset):
        created_after (None | str | Unset):
        created_before (None | str | Unset):
        closes_before (None | str | Unset): Answers close by then.
        sort (SearchMeetupsApiMeetupsGetSort | Unset): soonest, newest, closing, popular or
            relevance (with words)
        limit (None | str | Unset): 1 to 50 (default 20)
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeetupsPage | Problem | SearchMeetupsApiMeetupsGetResponse429 | SearchMeetupsApiMeetupsGetResponse500
     """


    return (await asyncio_detailed(
        client=client,
visibility=visibility,
q=q,
category=category,
starts_after=starts_after,
starts_before=starts_before,
created_after=created_after,
created_before=created_before,
closes_before=closes_before,
sort=sort,
limit=limit,
cursor=cursor,

    )).parsed
