"""A meetup's photos and videos: each upload's state and the signed links to its renditions."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from slsplay.domain.media import Media as DomainMedia
from slsplay.graphql.context import Context
from slsplay.graphql.relay import to_global_id
from slsplay.services import media
from slsplay.services.media import MediaWithLinks


@strawberry.enum
class MediaKindChoice(Enum):
    PHOTO = "photo"
    VIDEO = "video"


@strawberry.enum
class MediaStatus(Enum):
    UPLOADING = "uploading"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


@strawberry.type
class Rendition:
    name: str
    content_type: str
    width: int | None
    height: int | None
    url: str = strawberry.field(description="Signed; works for an hour (HTTP ranges too).")


@strawberry.type
class Media:
    id: strawberry.ID
    media_id: str = strawberry.field(description="Its own id, as REST routes take it.")
    kind: MediaKindChoice
    status: MediaStatus
    reason: str | None
    content_type: str
    size: int
    duration_seconds: float | None
    renditions: list[Rendition]
    stream_url: str | None = strawberry.field(description="A video's HLS playlist, signed.")
    poster_url: str | None
    created_at: datetime
    updated_at: datetime


def to_media(shown: MediaWithLinks) -> Media:
    """A photo or video with its signed links, as the schema shows it."""
    item = shown.media
    renditions = [
        Rendition(
            name=r.name,
            content_type=r.content_type,
            width=r.width,
            height=r.height,
            url=shown.urls[r.name],
        )
        for r in item.renditions
    ]
    return Media(
        id=to_global_id("Media", f"{item.meetup_id}/{item.id}"),
        media_id=item.id,
        kind=MediaKindChoice(item.kind.value),
        status=MediaStatus(item.status.value),
        reason=item.reason,
        content_type=item.content_type,
        size=item.size,
        duration_seconds=item.duration_seconds,
        renditions=renditions,
        stream_url=shown.stream_url,
        poster_url=shown.poster_url,
        created_at=item.created_at,
        updated_at=item.updated_at,
    )


def shown_media(context: Context, items: tuple[DomainMedia, ...]) -> list[Media]:
    """Photos and videos with links signed for this request."""
    return [to_media(s) for s in media.links_for(context.app, items, context.signer, context.now)]
