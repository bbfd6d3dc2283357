"""A meetup's photos and videos on the HTTP API (routes of the meetups function).

Uploads go straight to storage: ``POST /api/meetups/{id}/media`` answers a presigned-POST
shaped ticket. Files are private; the meetup's JSON carries signed URLs for its viewer, and
a video's HLS stream is served under ``/api/media/...`` with a signed grant in its path.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from slsplay.domain.media import STREAM_TYPE, Media, MediaKind
from slsplay.handlers.context import container, stream_signer
from slsplay.handlers.http import SECURED, TEXT_BODY, caller, problems
from slsplay.handlers.lazy import models
from slsplay.handlers.presenters import media_out
from slsplay.services import media
from slsplay.services.media import MediaWithLinks
from slsplay.services.views import MeetupView

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
TAGS = ["media"]


def shown_media(view: MeetupView, *, organizer: bool) -> list[MediaWithLinks]:
    """A meetup's media as one viewer sees them, with URLs signed for them."""
    now = container().clock.now()
    return _shown(media.shown_to(view.media, organizer=organizer, now=now))


def _shown(items: tuple[Media, ...]) -> list[MediaWithLinks]:
    deps = container()
    return media.links_for(deps, items, stream_signer, deps.clock.now())


@router.post(
    "/api/meetups/<id>/media",
    responses=problems(403, 404, 409, secured=True, success=201),
    tags=TAGS,
    security=SECURED,
    status_code=201,
    summary="Upload a photo or video: a ticket to POST the file straight to storage",
)
def request_upload(id: str, body: models.MediaIn) -> Response[models.MediaUploadOut]:
    deps = container()
    item, ticket = media.request_upload(
        deps,
        caller(router).user_id,
        id,
        kind=MediaKind(body.kind),
        content_type=body.content_type,
        size=body.size,
    )
    out = models.MediaUploadOut(
        media=media_out(MediaWithLinks(item, {})),
        upload=models.UploadOut(url=ticket.url, fields=ticket.fields),
    )
    return Response(201, "application/json", out)


@router.get(
    "/api/meetups/<id>/media/<media_id>",
    responses=problems(404, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="One upload, in whatever state it is (for the organizer to follow)",
)
def get_media(id: str, media_id: str) -> models.MediaOut:
    item = media.media_of_organizer(container(), caller(router).user_id, id, media_id)
    (shown,) = _shown((item,))
    return media_out(shown)


@router.delete(
    "/api/meetups/<id>/media/<media_id>",
    responses=problems(404, 409, secured=True, empty_success=204),
    tags=TAGS,
    security=SECURED,
    status_code=204,
    summary="Remove a photo or video (its files follow)",
)
def remove_media(id: str, media_id: str) -> Response[None]:
    media.remove_media(container(), caller(router).user_id, id, media_id)
    return Response(204)


@router.get(
    "/api/media/<meetup_id>/<media_id>/<grant>/<folder>/<name>",
    responses={
        **problems(404),
        200: {"description": "An HLS playlist", "content": {STREAM_TYPE: TEXT_BODY}},
    },
    tags=TAGS,
    summary="A video's HLS playlist, its segments signed (the grant comes in stream_url)",
)
def stream(meetup_id: str, media_id: str, grant: str, folder: str, name: str) -> Response[Any]:
    deps = container()
    playlist = media.stream_file(
        deps,
        stream_signer(),
        deps.clock.now(),
        meetup_id=meetup_id,
        media_id=media_id,
        grant=grant,
        name=f"{folder}/{name}",
    )
    # The segments' URLs expire: a player may keep the playlist a minute, no shared cache.
    headers = {"Cache-Control": "private, max-age=60"}
    return Response(200, STREAM_TYPE, playlist, headers=headers)
