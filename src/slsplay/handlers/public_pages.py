"""The public pages function: a public meetup's own page at ``/m/{id}``, and its share image.

Both are made to be cached at the edge (``pages.PUBLIC_CACHE``) and revalidated by browsers
(an ``ETag`` of what the page shows; ``If-None-Match`` answers 304). The readable address
``/m/{slug}--{id}`` redirects (301) to ``/m/{id}``. A draft, a private meetup and an unknown
id get the same 404 page, so the address tells nothing of a meetup that is not public.
"""

from __future__ import annotations

import base64
import functools
import json
from http import HTTPStatus
from typing import TYPE_CHECKING

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from slsplay.domain.errors import NotFound
from slsplay.domain.public_pages import (
    EventStatus,
    event_json_ld,
    meetup_id_of,
    share_image_path,
    share_tags,
)
from slsplay.handlers import pages
from slsplay.handlers.context import container
from slsplay.handlers.http import TEXT_BODY, build_resolver, lambda_handler, problems
from slsplay.handlers.lazy import LazyModule

if TYPE_CHECKING:
    from slsplay.services import public_pages
else:  # Markdown, the sanitiser and the page's facts load with the first request
    public_pages = LazyModule("slsplay.services.public_pages")

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
TAGS = ["public pages"]
PNG = "image/png"
STATUS_TEXT = {
    EventStatus.CANCELLED: "This meetup is cancelled.",
    EventStatus.RESCHEDULED: "This meetup has a new time.",
}


def _described(success: str, content_type: str) -> dict[int, OpenAPIResponse]:
    described: dict[int, OpenAPIResponse] = {
        **problems(404),
        200: {"description": success, "content": {content_type: TEXT_BODY}},
        304: {"description": "Not modified since the copy whose ETag was given"},
    }
    # Not public, or no such meetup: a page for a browser, as the API's other pages.
    described[404]["content"][pages.HTML] = TEXT_BODY
    return described


PAGE_ANSWERS = _described("The meetup's page, with share tags and schema.org JSON-LD", pages.HTML)
PAGE_ANSWERS[301] = {"description": "The readable address: the page's canonical one is given"}
IMAGE_ANSWERS = _described("The meetup's share image (PNG, 1200 x 630)", PNG)


def _not_found() -> Response[str]:
    # Cached as the page would be: the change feed invalidates it when a meetup goes public.
    return pages.page("not_found", HTTPStatus.NOT_FOUND, public=True, title="No such meetup")


def _not_modified(etag: str) -> bool:
    asked = router.current_event.headers.get("if-none-match") or ""
    return etag in {tag.strip().removeprefix("W/") for tag in asked.split(",")}


def _unchanged(etag: str) -> Response[str]:
    return Response(
        HTTPStatus.NOT_MODIFIED, None, "", {"ETag": etag, "Cache-Control": pages.PUBLIC_CACHE}
    )


@router.get(
    "/m/<id>",
    responses=PAGE_ANSWERS,
    tags=TAGS,
    summary="A public meetup's page (anyone): share tags, JSON-LD, and Join in the app",
)
def meetup_page(id: str) -> Response[str]:
    deps = container()
    meetup_id, readable = meetup_id_of(id)
    try:
        if readable:  # only once the meetup is known to have a page: no hint of the others
            location = public_pages.page_of(deps, meetup_id).path
            headers = {"Location": location, "Cache-Control": pages.PUBLIC_CACHE}
            return Response(HTTPStatus.MOVED_PERMANENTLY, None, "", headers)
        rendered = public_pages.rendered_page(deps, meetup_id)
    except NotFound:
        return _not_found()
    page = rendered.page
    etag = f'"{rendered.fingerprint}"'
    if _not_modified(etag):
        return _unchanged(etag)
    base = deps.settings.public_url
    url, image_url = f"{base}{page.path}", f"{base}{share_image_path(page.meetup_id)}"
    described = {"url": url, "image_url": image_url, "summary": rendered.summary}
    # Inside a <script> element, "<" is written as its JSON escape: no "</script>" ends it.
    json_ld = json.dumps(event_json_ld(page, **described)).replace("<", "\\u003c")
    answer = pages.page(
        "meetup",
        public=True,
        page=page,
        rendered=rendered,
        url=url,
        image_url=image_url,
        tags=share_tags(page, **described),
        json_ld=json_ld,
        notice=STATUS_TEXT.get(page.status),
        open=page.status is not EventStatus.CANCELLED and not page.sold_out,
        app_url=f"{base}/meetups/{page.meetup_id}",
    )
    answer.headers["ETag"] = etag
    answer.headers["Link"] = f'<{url}>; rel="canonical"'
    return answer


@router.get(
    "/m/<id>/share.png",
    responses=IMAGE_ANSWERS,
    tags=TAGS,
    summary="A public meetup's share image (anyone): its cover photo, title and date",
)
def share_image(id: str) -> Response[str]:
    try:
        image, fingerprint = public_pages.share_image(container(), id)
    except NotFound:
        return _not_found()
    etag = f'"{fingerprint}"'
    if _not_modified(etag):
        return _unchanged(etag)
    headers = {"ETag": etag, "Cache-Control": pages.PUBLIC_CACHE}
    # Base64 text, said to be so: a bytes body would be decoded as UTF-8 by the response
    # validation (for JSON) before Powertools encodes it.
    answer = Response(HTTPStatus.OK, PNG, base64.b64encode(image).decode(), headers)
    answer.base64_encoded = True
    return answer


ROUTERS = (router,)
handler = lambda_handler(functools.partial(build_resolver, *ROUTERS))
