"""Relay's conventions for the web app's client: global ids, ``node``, and paged connections.

A global id names an object across types (``base64("Meetup:01J...")``). A connection hands
out a page of edges, each with a cursor that resumes right after it, over the one cursor per
page that the store and the search index give.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from slsplay.domain.errors import FieldError, InvalidInput, NotFound, field_error

Item = TypeVar("Item")
NodeT = TypeVar("NodeT")
MAX_PAGE = 50  # meetups per page


def to_global_id(type_name: str, local_id: str) -> strawberry.ID:
    """``base64("Meetup:01J...")``, as Relay's servers write them."""
    return strawberry.ID(base64.b64encode(f"{type_name}:{local_id}".encode()).decode())


def from_global_id(global_id: str) -> tuple[str, str]:
    """The type name and local id of a global id; ``NotFound`` for anything else."""
    try:
        type_name, _, local_id = base64.b64decode(global_id, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError) as e:
        raise NotFound("not_found", "There is no such object.") from e
    if not type_name or not local_id:
        raise NotFound("not_found", "There is no such object.")
    return type_name, local_id


def local_meetup_id(global_id: str) -> str:
    """The meetup's own id in a meetup's global id; ``NotFound`` for any other id."""
    type_name, local_id = from_global_id(global_id)
    if type_name != "Meetup":
        raise NotFound("meetup_not_found")
    return local_id


@strawberry.interface(description="An object with a global id (Relay).")
class Node:
    id: strawberry.ID


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None
    has_previous_page: bool = False
    start_cursor: str | None = None


# Generic so that each node type's edge and connection get Relay's names (``MeetupEdge``).
@strawberry.type
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo

    @strawberry.field
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]


def connection(
    page: Sequence[Item],
    node: Callable[[Item], NodeT],
    *,
    start: str | None,
    skip: int,
    following: str | None,
    after: str | None,
) -> Connection[NodeT]:
    """A page read from a store or index cursor ``start``, less its first ``skip`` items,
    each made a node by ``node``; ``following`` is the store's cursor after the page."""
    edges = [
        Edge(cursor=edge_cursor(start, skip + n + 1), node=node(item))
        for n, item in enumerate(page[skip:])
    ]
    if edges and following is not None:  # the last edge resumes where the store does
        edges[-1].cursor = edge_cursor(following, 0)
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=following is not None,
            end_cursor=edges[-1].cursor if edges else None,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
        ),
    )


def page_size(first: int, most: int) -> int:
    """``first`` as a page's size; refused on the field when it is not from 1 to ``most``."""
    if not 1 <= first <= most:
        raise field_error("first", f"must be from 1 to {most}")
    return first


def edge_cursor(after: str | None, skip: int) -> str:
    """A cursor that resumes after the ``skip``-th item of the page that ``after`` starts.

    The store hands out one cursor per page; each edge's is that page's start and a count.
    """
    data = json.dumps({"after": after, "skip": skip}, separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode()).decode()


def _bad_cursor() -> InvalidInput:
    return InvalidInput([FieldError("after", "is not a cursor this list handed out")])


def read_edge_cursor(cursor: str | None) -> tuple[str | None, int]:
    """The store's page cursor and the count to skip that an edge's cursor holds."""
    if cursor is None:
        return None, 0
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        after, skip = data["after"], int(data["skip"])
    except (binascii.Error, ValueError, KeyError, TypeError, RecursionError) as e:
        raise _bad_cursor() from e
    if (after is not None and not isinstance(after, str)) or not 0 <= skip <= MAX_PAGE:
        raise _bad_cursor()
    return after, skip
