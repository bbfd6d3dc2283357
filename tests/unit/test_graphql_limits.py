"""The request limits of the GraphQL schema (its depth, size and cost), on small schemas."""

from __future__ import annotations

import strawberry

from slsplay.graphql.limits import MAX_COST, MAX_DEPTH, extensions
from slsplay.graphql.schema import build_schema


@strawberry.type
class Folder:
    name: str

    @strawberry.field
    def parent(self) -> Folder:
        return Folder(name="parent")

    @strawberry.field
    def children(self, first: int = 10) -> list[Folder]:
        return [Folder(name=str(n)) for n in range(first)]


@strawberry.type
class Query:
    @strawberry.field
    def root(self) -> Folder:
        return Folder(name="root")

    @strawberry.field
    def rename(self, to: str) -> Folder:
        return Folder(name=to)


RECURSIVE = strawberry.Schema(query=Query, extensions=extensions(introspection=False))


def nested(depth: int) -> str:
    """``{ root { parent { ... name } } }``, ``depth`` levels under the operation's field."""
    return "{ root " + "{ parent " * (depth - 1) + "{ name }" + " }" * (depth - 1) + " }"


def test_a_query_deeper_than_the_limit_is_refused() -> None:
    assert RECURSIVE.execute_sync(nested(MAX_DEPTH)).errors is None
    refused = RECURSIVE.execute_sync(nested(MAX_DEPTH + 1))
    assert refused.data is None
    assert refused.errors is not None
    assert "exceeds maximum operation depth" in refused.errors[0].message


def test_a_list_inside_a_list_multiplies_the_cost() -> None:
    cheap = RECURSIVE.execute_sync("{ root { children(first: 50) { name } } }")
    costly = RECURSIVE.execute_sync(
        "{ root { children(first: 50) { children(first: 50) { children(first: 50) { name } } } } }"
    )

    assert cheap.errors is None
    assert costly.errors is not None
    assert costly.errors[0].extensions == {"code": "query_too_costly"}
    assert str(MAX_COST) in costly.errors[0].message


def test_introspection_is_refused_where_it_is_switched_off() -> None:
    query = "{ __schema { queryType { name } } }"
    closed = build_schema(extensions(introspection=False)).execute_sync(query)
    opened = build_schema(extensions(introspection=True)).execute_sync(query)

    assert closed.errors is not None
    assert opened.errors is None
    assert opened.data == {"__schema": {"queryType": {"name": "Query"}}}


def test_a_string_written_in_the_query_that_is_not_text_is_refused_naming_its_argument() -> None:
    assert RECURSIVE.execute_sync('{ rename(to: "Zoë\\n\\t🎉") { name } }').errors is None
    refused = RECURSIVE.execute_sync('{ rename(to: "a\\u001b[31m") { name } }')

    assert refused.data is None
    assert refused.errors is not None
    assert refused.errors[0].extensions == {"code": "invalid_input", "field": "to"}
    assert refused.errors[0].message == "to: contains a control character (U+001B)"
