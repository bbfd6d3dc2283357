"""Bad input on every route of the template, over HTTP: JSON nested thousands deep, control
characters and lone surrogates in bodies, paths and query strings, bodies of the wrong type,
bodies past API Gateway's 10 MB (by their length, or streamed).
Nothing answers 5xx; each refusal is a problem document that names the field at fault."""

from __future__ import annotations

import base64
import importlib
import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import httpx
import pytest

from slsplay.handlers.http import build_resolver
from slsplay.local.routes import Route, http_api_routes
from slsplay.local.template import Stack
from tests.support.api import bearer, sign_up
from tests.support.server import Server

pytestmark = pytest.mark.served

ROUTES = sorted(http_api_routes(Stack.load()).all(), key=lambda route: route.key)
GRAPHQL = "/api/graphql"
# NUL, ESC (a terminal's colours), NEL (C1, raw in UTF-8), and a lone surrogate (JSON only).
NOT_TEXT = {"nul": "\x00", "esc": "\x1b[31m", "nel": "\x85", "surrogate": "\ud800"}
IN_URLS = {kind: text for kind, text in NOT_TEXT.items() if kind != "surrogate"}
DEEP = 5_000


@cache
def body_routes() -> frozenset[tuple[str, str]]:
    """The routes whose function reads a JSON body, as their handlers declare them."""
    found = {("POST", GRAPHQL)}
    for module_name in ("auth", "meetups", "payments"):
        module = importlib.import_module(f"slsplay.handlers.{module_name}")
        routers = getattr(module, "ROUTERS", None) or [module.router]
        app = build_resolver(*routers)
        found |= {
            (route.method, route.openapi_path)
            for route in (*app._static_routes, *app._dynamic_routes)
            if route.dependant.body_params
        }
    return frozenset(found)


def reads_a_body(route: Route) -> bool:
    return (route.method, route.path) in body_routes()


def test_the_routes_that_read_a_body_are_known_from_their_handlers() -> None:
    assert {("POST", "/api/auth/signup"), ("PATCH", "/api/meetups/{id}")} <= body_routes()
    assert body_routes() <= {(route.method, route.path) for route in ROUTES}


@pytest.fixture(scope="module")
def auth(api: httpx.Client) -> dict[str, str]:
    return bearer(sign_up(api, "Prober")["access_token"])


def url_of(route: Route, value: str = "x") -> str:
    return re.sub(r"\{[^}]+\}", value, route.path)


def send(
    api: httpx.Client, route: Route, auth: dict[str, str], body: str | None = None, **options: Any
) -> httpx.Response:
    headers = {**auth, "Content-Type": "application/json"} if body is not None else auth
    return api.request(
        route.method, options.pop("url", url_of(route)), content=body, headers=headers, **options
    )


def assert_refused(answer: httpx.Response, status: int, code: str, fields: list[str]) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["code"] == code
    assert [e["field"] for e in problem.get("errors", [])] == fields


def routes_with_bodies() -> Iterator[Route]:
    return (route for route in ROUTES if route.method in ("POST", "PATCH", "PUT", "DELETE"))


@pytest.mark.parametrize("route", list(routes_with_bodies()), ids=lambda r: r.key)
def test_json_nested_thousands_deep_is_refused_as_unreadable(
    api: httpx.Client, auth: dict[str, str], route: Route
) -> None:
    answer = send(api, route, auth, '{"a":' * DEEP + "1" + "}" * DEEP)

    assert answer.status_code < 500, answer.text
    if reads_a_body(route):
        assert_refused(answer, 400, "nesting_too_deep", [])


@pytest.mark.parametrize("kind", NOT_TEXT)
@pytest.mark.parametrize("route", list(routes_with_bodies()), ids=lambda r: r.key)
def test_a_string_of_a_body_that_is_not_text_is_refused_by_its_path(
    api: httpx.Client, auth: dict[str, str], route: Route, kind: str
) -> None:
    probe = {"probe": ["fine", f"bad {NOT_TEXT[kind]} text"]}
    body = {"query": "{ viewer { id } }", "variables": probe} if route.path == GRAPHQL else probe

    answer = send(api, route, auth, json.dumps(body))

    assert answer.status_code < 500, answer.text
    if reads_a_body(route):
        path = "variables.probe[1]" if route.path == GRAPHQL else "probe[1]"
        assert_refused(answer, 422, "invalid_input", [path])


@pytest.mark.parametrize("route", [r for r in ROUTES if reads_a_body(r)], ids=lambda r: r.key)
def test_a_body_of_the_wrong_type_is_refused(
    api: httpx.Client, auth: dict[str, str], route: Route
) -> None:
    answer = send(api, route, auth, json.dumps(["an", "array"]))

    assert answer.status_code in (400, 422), answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("kind", IN_URLS)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.key)
def test_a_query_parameter_that_is_not_text_is_refused_by_name(
    api: httpx.Client, auth: dict[str, str], route: Route, kind: str
) -> None:
    params = {"probe": IN_URLS[kind]}
    if route.path == GRAPHQL and route.method == "GET":
        params["query"] = "{ viewer { id } }"

    answer = send(api, route, auth, params=params)

    assert_refused(answer, 422, "invalid_input", ["probe"])


@pytest.mark.parametrize("kind", IN_URLS)
@pytest.mark.parametrize("route", [r for r in ROUTES if "{" in r.path], ids=lambda r: r.key)
def test_a_path_parameter_that_is_not_text_is_refused_by_name(
    api: httpx.Client, auth: dict[str, str], route: Route, kind: str
) -> None:
    escaped = "".join(f"%{byte:02X}" for byte in f"x{IN_URLS[kind]}".encode())

    answer = send(api, route, auth, url=url_of(route, escaped))

    assert_refused(answer, 422, "invalid_input", re.findall(r"\{([^}]+)\}", route.path))


def test_graphql_variables_nested_thousands_deep_are_refused_as_unreadable(
    api: httpx.Client,
) -> None:
    variables = '{"a":' + "[" * DEEP + "]" * DEEP + "}"  # short enough for a URL
    posted = api.post(
        GRAPHQL,
        content=f'{{"query": "{{ viewer {{ id }} }}", "variables": {variables}}}',
        headers={"Content-Type": "application/json"},
    )
    asked = api.get(GRAPHQL, params={"query": "{ viewer { id } }", "variables": variables})

    assert_refused(posted, 400, "nesting_too_deep", [])
    assert_refused(asked, 400, "nesting_too_deep", [])


def test_a_string_written_in_a_graphql_query_that_is_not_text_is_refused_by_argument(
    api: httpx.Client,
) -> None:
    query = (
        'mutation { signUp(input: {email: "zoe@example.com", password: "long enough words",'
        ' name: "Zo\\u001be"}) { session { accessToken } } }'
    )

    answer = api.post(GRAPHQL, json={"query": query})

    assert answer.status_code == 200
    (error,) = answer.json()["errors"]
    assert error["extensions"] == {"code": "invalid_input", "field": "input.name"}


def test_a_cursor_of_json_nested_thousands_deep_is_refused_by_name(
    api: httpx.Client, auth: dict[str, str]
) -> None:
    # Cursors are the product's own base64 JSON, read back: no parameter check sees inside.
    deep = base64.urlsafe_b64encode(b"[" * DEEP + b"]" * DEEP).decode()
    listed = api.get("/api/me/meetups", params={"cursor": deep}, headers=auth)
    paged = api.post(
        GRAPHQL,
        json={"query": f'{{ myMeetups(first: 2, after: "{deep}") {{ nodes {{ id }} }} }}'},
        headers=auth,
    )

    assert_refused(listed, 422, "invalid_input", ["cursor"])
    assert [e["extensions"]["code"] for e in paged.json()["errors"]] == ["invalid_input"]


# API Gateway's limit on a request's payload: a body past it never reaches a function.
PAYLOAD_LIMIT = 10 * 1024 * 1024
MB = 1024 * 1024


def streamed(size: int, sent: list[int]) -> Iterator[bytes]:
    """A body of ``size`` bytes sent in chunks (``Transfer-Encoding: chunked``), counting
    what the server let through in ``sent``."""
    chunk = b"a" * MB
    while sum(sent) < size:
        part = chunk[: min(MB, size - sum(sent))]
        sent.append(len(part))
        yield part


def assert_too_large(answer: httpx.Response, server: Server) -> None:
    assert answer.status_code == 413, answer.text
    if server.process is not None:  # the local runtime; a deployed API Gateway has its own
        assert_refused(answer, 413, "payload_too_large", [])


@pytest.mark.parametrize("route", list(routes_with_bodies()), ids=lambda r: r.key)
def test_a_body_past_the_payload_limit_is_refused_by_its_length_before_it_is_read(
    api: httpx.Client, auth: dict[str, str], route: Route, server: Server
) -> None:
    answer = send(api, route, auth, "a" * (PAYLOAD_LIMIT + 1))

    assert_too_large(answer, server)


@pytest.mark.parametrize("size", [PAYLOAD_LIMIT + 1, 50 * MB], ids=["10MB+1", "50MB"])
def test_a_streamed_body_is_refused_as_it_passes_the_payload_limit_and_the_server_stays_up(
    api: httpx.Client, server: Server, size: int
) -> None:
    sent: list[int] = []
    headers = {"Content-Type": "application/json"}

    with_length = api.post("/api/auth/login", content=b"a" * size, headers=headers)
    chunked = api.post("/api/auth/login", content=streamed(size, sent), headers=headers)

    assert_too_large(with_length, server)
    assert_too_large(chunked, server)
    if size > 2 * PAYLOAD_LIMIT:  # the rest was never read: the client could not send it
        assert sum(sent) < size
    assert api.get("/api/openapi.json").status_code == 200
    assert api.post("/api/auth/guest").status_code == 201
