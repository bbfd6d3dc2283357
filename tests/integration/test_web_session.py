"""The web app's sessions over HTTP: it says so (``X-Slsplay-Client: web``), and its refresh
token then travels only in an HttpOnly, Secure, SameSite=Strict cookie scoped to the routes
that take it, never in a body its scripts read. API clients keep the token in the body."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from slsplay.handlers import refresh_cookie
from tests.support.api import PASSWORD, sign_up

pytestmark = pytest.mark.served

WEB = {refresh_cookie.CLIENT_HEADER: refresh_cookie.WEB_CLIENT}
THIRTY_DAYS = 30 * 24 * 3600


def cookies_set(answer: httpx.Response) -> dict[str, dict[str, str]]:
    """Each refresh cookie the answer sets, by its path: its value and attributes."""
    found = {}
    for header in answer.headers.get_list("set-cookie"):
        pair, *attributes = (part.strip() for part in header.split(";"))
        name, _, value = pair.partition("=")
        assert name == refresh_cookie.NAME
        fields = dict(a.partition("=")[::2] for a in attributes)
        path = fields.pop("Path")
        found[path] = {"value": value, **fields}
    return found


def sent_cookie(token: str) -> dict[str, str]:
    """The Cookie header a browser sends with the refresh cookie (httpx keeps Secure cookies
    off plain http, as it should; the browser at 127.0.0.1 does not)."""
    return {"Cookie": f"{refresh_cookie.NAME}={token}"}


def refreshed(api: httpx.Client, token: str) -> httpx.Response:
    return api.post("/api/auth/refresh", json={}, headers={**WEB, **sent_cookie(token)})


@pytest.fixture
def web_sign_in(api: httpx.Client) -> tuple[dict[str, Any], str]:
    """A web app's session: the answer's body, and the refresh token of its cookie."""
    account = sign_up(api, "Web")
    answer = api.post(
        "/api/auth/login",
        json={"email": account["user"]["email"], "password": PASSWORD},
        headers=WEB,
    )
    assert answer.status_code == 200, answer.text
    return answer.json(), cookies_set(answer)["/api/auth/refresh"]["value"]


def test_the_web_apps_refresh_token_is_a_strict_http_only_cookie_of_the_refresh_route(
    api: httpx.Client,
) -> None:
    answer = api.post("/api/auth/guest", headers=WEB)

    cookies = cookies_set(answer)
    assert answer.status_code == 201
    assert answer.json()["refresh_token"] is None
    assert answer.json()["access_token"]
    assert sorted(cookies) == ["/api/auth/logout", "/api/auth/refresh"]
    for cookie in cookies.values():
        assert cookie == {
            "value": cookies["/api/auth/refresh"]["value"],
            "Max-Age": str(THIRTY_DAYS),
            "HttpOnly": "",
            "Secure": "",
            "SameSite": "Strict",
        }


def test_an_api_client_keeps_its_refresh_token_in_the_body(api: httpx.Client) -> None:
    answer = api.post("/api/auth/guest")

    assert answer.json()["refresh_token"]
    assert answer.headers.get_list("set-cookie") == []


def test_the_refresh_route_reads_the_web_apps_cookie_and_sets_the_next(
    api: httpx.Client, web_sign_in: tuple[dict[str, Any], str]
) -> None:
    session, token = web_sign_in

    answer = refreshed(api, token)
    again = refreshed(api, token)  # a spent token: its sign-in ends

    assert answer.status_code == 200, answer.text
    assert answer.json()["user"] == session["user"]
    assert answer.json()["refresh_token"] is None
    assert cookies_set(answer)["/api/auth/refresh"]["value"] not in ("", token)
    assert again.status_code == 401
    assert refreshed(api, cookies_set(answer)["/api/auth/refresh"]["value"]).status_code == 401


def test_the_web_app_without_a_cookie_is_not_signed_in(api: httpx.Client) -> None:
    answer = api.post("/api/auth/refresh", json={}, headers=WEB)

    assert answer.status_code == 401
    assert answer.json()["code"] == "invalid_token"


def test_logging_out_ends_the_web_apps_sign_in_and_clears_its_cookies(
    api: httpx.Client, web_sign_in: tuple[dict[str, Any], str]
) -> None:
    _, token = web_sign_in

    answer = api.post("/api/auth/logout", json={}, headers={**WEB, **sent_cookie(token)})

    assert answer.status_code == 204
    assert {path: c["value"] for path, c in cookies_set(answer).items()} == {
        "/api/auth/refresh": "",
        "/api/auth/logout": "",
    }
    assert {c["Max-Age"] for c in cookies_set(answer).values()} == {"0"}
    assert refreshed(api, token).status_code == 401


def test_an_api_client_still_names_the_refresh_token_it_refreshes(api: httpx.Client) -> None:
    answer = api.post("/api/auth/refresh", json={})

    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["refresh_token"]


SIGN_IN = (
    """mutation { continueAsGuest { session { accessToken refreshToken } userErrors { code } } }"""
)


def test_graphql_sign_in_from_the_web_app_sets_the_cookie_and_shows_no_refresh_token(
    api: httpx.Client,
) -> None:
    from_web = api.post("/api/graphql", json={"query": SIGN_IN}, headers=WEB)
    from_client = api.post("/api/graphql", json={"query": SIGN_IN})

    web_session = from_web.json()["data"]["continueAsGuest"]["session"]
    assert web_session["refreshToken"] is None
    token = cookies_set(from_web)["/api/auth/refresh"]["value"]
    assert refreshed(api, token).status_code == 200
    assert from_client.json()["data"]["continueAsGuest"]["session"]["refreshToken"]
    assert from_client.headers.get_list("set-cookie") == []
