"""The few HTML pages the API itself serves, for links in emails opened in a browser.

Everything else a person sees is the web app; these exist because an email's unsubscribe
link must work on its own, without the app (RFC 8058), and because a public meetup's page
must show its title, picture and time to link previews and search engines, which run no
JavaScript (``public=True``: cached at the edge, and indexed).

Each page, and Swagger UI (``with_own_policy``), sends a Content-Security-Policy of its own,
stricter than the site's (``local/security_headers.py``, which does not replace it): nothing
loads but the page's own inline styles and scripts, each named by its hash.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import Response

if TYPE_CHECKING:
    from aws_lambda_powertools.event_handler import APIGatewayHttpResolver
    from jinja2 import Environment

HTML = "text/html; charset=utf-8"
_INLINE = re.compile(r"<(script|style)(?:\s[^>]*)?>(.*?)</\1>", re.DOTALL | re.IGNORECASE)


@functools.cache
def _templates() -> Environment:
    # jinja2 loads with the first page: the meetups function serves pages on one route only.
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape  # noqa: PLC0415

    return Environment(
        loader=PackageLoader("slsplay.handlers", "pages"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
    )


# A public page: browsers keep it a minute, the edge ten (the change feed invalidates it
# sooner), and the edge may answer with a stale copy for a day while it fetches a fresh one.
PUBLIC_CACHE = "public, max-age=60, s-maxage=600, stale-while-revalidate=86400"


def page(
    name: str, status: HTTPStatus = HTTPStatus.OK, *, public: bool = False, **context: Any
) -> Response[str]:
    """The page ``name``.html rendered with ``context`` (autoescaped), as an HTML answer:
    private and unindexed, or (``public``) cacheable by anyone and indexed."""
    body = _templates().get_template(f"{name}.html").render(**context)
    headers = {"Content-Security-Policy": _pages_policy(f"{name}.html")}
    if public:
        headers["Cache-Control"] = PUBLIC_CACHE
    else:
        headers |= {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
    return Response(status_code=status, content_type=HTML, body=body, headers=headers)


def own_policy(html: str) -> str:
    """A policy that lets ``html`` run its own inline scripts and styles, and nothing else but
    images and calls of the site. Only for HTML whose every inline block is the product's:
    any script that made its way in would be allowed with the rest."""
    allowed: dict[str, list[str]] = {"script": [], "style": []}
    for tag, content in _INLINE.findall(html):
        if not content:
            continue  # a script with a source, or nothing to run
        digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
        allowed[tag.lower()].append(f"'sha256-{digest}'")
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {_sources(allowed['script'])}",
            f"style-src {_sources(allowed['style'])}",
            "img-src 'self' data:",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        ]
    )


def with_own_policy(
    app: APIGatewayHttpResolver, next_middleware: Callable[..., Response[Any]]
) -> Response[Any]:
    """Middleware: an HTML answer of a route gets ``own_policy`` (Swagger UI's page, made of
    its bundled script and style and the API's own document, never of a request's input)."""
    response = next_middleware(app)
    if str(response.content_type).startswith("text/html") and isinstance(response.body, str):
        response.headers["Content-Security-Policy"] = own_policy(response.body)
    return response


_EXTENDS = re.compile(r"""{%\s*extends\s+["']([^"']+)["']\s*%}""")


@functools.cache
def _pages_policy(name: str) -> str:
    """The policy of one page: the inline blocks its template and those it extends hold
    (never what the page is rendered with)."""
    loader = _templates().loader
    assert loader is not None
    sources = []
    while name:
        source = loader.get_source(_templates(), name)[0]
        sources.append(source)
        extended = _EXTENDS.search(source)
        name = extended.group(1) if extended else ""
    return own_policy("".join(sources))


def _sources(hashes: Iterable[str]) -> str:
    return " ".join(dict.fromkeys(hashes)) or "'none'"
