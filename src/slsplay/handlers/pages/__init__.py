"""The few HTML pages the API itself serves, for links in emails opened in a browser.

Everything else a person sees is the web app; these exist because an email's unsubscribe
link must work on its own, without the app (RFC 8058).
"""

from __future__ import annotations

import functools
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import Response

if TYPE_CHECKING:
    from jinja2 import Environment

HTML = "text/html; charset=utf-8"


@functools.cache
def _templates() -> Environment:
    # jinja2 loads with the first page: the meetups function serves pages on one route only.
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape  # noqa: PLC0415

    return Environment(
        loader=PackageLoader("slsplay.handlers", "pages"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
    )


def page(name: str, status: HTTPStatus = HTTPStatus.OK, **context: Any) -> Response[str]:
    """The page ``name``.html rendered with ``context`` (autoescaped), as an HTML answer."""
    body = _templates().get_template(f"{name}.html").render(**context)
    return Response(
        status_code=status,
        content_type=HTML,
        body=body,
        headers={"Cache-Control": "no-store", "X-Robots-Tag": "noindex"},
    )
