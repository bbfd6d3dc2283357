"""The browser security headers over HTTP, on the web app's pages and on the API: the same on
each, as local/security_headers.py defines them (and the template's CloudFront policy sends).
A page the API makes itself (Swagger UI, the unsubscribe page) has a stricter policy of its own."""

from __future__ import annotations

import httpx
import pytest

from slsplay.local.security_headers import security_headers
from tests.support.server import Server

pytestmark = pytest.mark.served

HTML = {"Accept": "text/html"}


def directives(policy: str) -> dict[str, str]:
    return dict(directive.split(" ", 1) for directive in policy.split("; "))


def assert_secured(answer: httpx.Response, server: Server) -> None:
    """The site's headers, with the media origins of the server's backend."""
    policy = directives(answer.headers["content-security-policy"])
    media = policy["img-src"].split()[1:]
    if server.process is not None:  # local: media on the runtime's origin, or moto's bucket
        assert media == ([] if server.aws_endpoint is None else [server.aws_endpoint])
    assert {name: answer.headers.get(name) for name in security_headers()} == security_headers(
        media
    )


@pytest.mark.parametrize(
    ("path", "headers"),
    [("/", {}), ("/meetups", HTML), ("/rsvp/some-token", HTML)],
    ids=["start", "page", "answer-page"],
)
def test_the_web_apps_pages_carry_the_security_headers(
    api: httpx.Client, server: Server, path: str, headers: dict[str, str]
) -> None:
    answer = api.get(path, headers=headers)

    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert_secured(answer, server)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/openapi.json", 200),
        ("POST", "/api/auth/guest", 201),
        ("GET", "/api/me", 401),  # API Gateway's own refusal
        ("GET", "/api/no-such-route", 404),
        ("GET", "/.well-known/jwks.json", 200),
    ],
)
def test_the_apis_answers_carry_the_security_headers(
    api: httpx.Client, server: Server, method: str, path: str, status: int
) -> None:
    answer = api.request(method, path)

    assert answer.status_code == status
    assert_secured(answer, server)


@pytest.mark.parametrize("path", ["/api/docs", "/api/unsubscribe/no-such-token"])
def test_a_page_the_api_makes_keeps_its_own_stricter_policy(api: httpx.Client, path: str) -> None:
    answer = api.get(path, headers=HTML)
    policy = directives(answer.headers["content-security-policy"])

    assert answer.headers["content-type"].startswith("text/html")
    assert policy["default-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert all(source.startswith("'sha256-") for source in policy["style-src"].split())
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["x-content-type-options"] == "nosniff"
