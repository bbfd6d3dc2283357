"""The web app's refresh token, kept in a cookie that no script of the page can read.

A client that sends ``X-Slsplay-Client: web`` (the web app does, on every request) signs in
as any other, but its refresh token does not come in the answer's body: it comes as an
``HttpOnly; Secure; SameSite=Strict`` cookie, which the refresh route reads when the body
holds no token, and which it sets anew as it rotates. The cookie goes to the routes that take
a refresh token only: one copy scoped to ``/api/auth/refresh``, one to ``/api/auth/logout``
(so that logging out can end the sign-in, and clears both). Other clients keep the token in
the body, as ever. A script that made its way into the page can then use a session while the
page is open, but never carry its refresh token away.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aws_lambda_powertools.shared.cookies import Cookie, SameSite

from slsplay.services.auth import REFRESH_LIFETIME

CLIENT_HEADER = "X-Slsplay-Client"
WEB_CLIENT = "web"
NAME = "slsplay_refresh"
PATHS = ("/api/auth/refresh", "/api/auth/logout")


def wanted(headers: Mapping[str, str] | None) -> bool:
    """Whether the request comes from the web app, which keeps its refresh token in a cookie
    (API Gateway hands functions lower-case header names)."""
    return (headers or {}).get(CLIENT_HEADER.lower(), "").strip().lower() == WEB_CLIENT


def issued(refresh_token: str) -> list[Cookie]:
    """The cookies that hold a new refresh token, for as long as it lives."""
    return [_cookie(refresh_token, path, int(REFRESH_LIFETIME.total_seconds())) for path in PATHS]


def cleared() -> list[Cookie]:
    """The cookies that make the browser forget the refresh token."""
    return [_cookie("", path, 0) for path in PATHS]


def sent(cookies: Iterable[str] | None) -> str | None:
    """The refresh token of the request's cookies (an event's ``cookies``), if any."""
    for cookie in cookies or ():
        name, _, value = cookie.partition("=")
        if name.strip() == NAME and value.strip():
            return value.strip()
    return None


def _cookie(value: str, path: str, max_age: int) -> Cookie:
    return Cookie(
        NAME,
        value,
        path=path,
        secure=True,
        http_only=True,
        max_age=max_age,
        same_site=SameSite.STRICT_MODE,
    )
