"""A meetup's photos and videos: what may be uploaded, and each upload's way to ``ready``.

The organizer asks to upload one file of a declared kind, type and size; the client sends it
straight to storage with a ticket; a worker then checks and converts it into renditions
(image widths, video resolutions, a stream, a poster). Status: ``uploading`` ->
``processing`` -> ``ready``, or ``failed`` with a reason a person can read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from slsplay.domain.errors import Conflict, PayloadTooLarge, UnsupportedMediaType


class MediaKind(StrEnum):
    """What a file is for."""

    PHOTO = "photo"
    VIDEO = "video"


class MediaStatus(StrEnum):
    """Where an upload is on its way to being shown."""

    UPLOADING = "uploading"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


MB = 1024 * 1024
MAX_BYTES = {MediaKind.PHOTO: 10 * MB, MediaKind.VIDEO: 200 * MB}
CONTENT_TYPES = {
    MediaKind.PHOTO: ("image/jpeg", "image/png", "image/webp"),
    MediaKind.VIDEO: ("video/mp4", "video/quicktime", "video/webm"),
}


def check_upload(kind: MediaKind, content_type: str, size: int) -> None:
    """Refuse a declared upload the product does not take: 415 for the type, 413 for size."""
    if content_type.split(";", maxsplit=1)[0].strip().lower() not in CONTENT_TYPES[kind]:
        raise UnsupportedMediaType("media_type_unsupported")
    if size > MAX_BYTES[kind]:
        raise PayloadTooLarge("media_too_large")


@dataclass(frozen=True)
class Rendition:
    """One file made from the upload: an image width, a video resolution, a stream, a poster."""

    name: str  # "w960.webp", "720p.mp4", "hls/index.m3u8", "poster.jpg"
    content_type: str
    width: int | None = None
    height: int | None = None


@dataclass
class Media:
    """One photo or video of a meetup."""

    id: str
    meetup_id: str
    kind: MediaKind
    content_type: str
    size: int
    created_at: datetime
    updated_at: datetime
    status: MediaStatus = MediaStatus.UPLOADING
    reason: str | None = None
    renditions: tuple[Rendition, ...] = field(default_factory=tuple)
    duration_seconds: float | None = None
    version: int = 1

    @classmethod
    def request(
        cls,
        *,
        media_id: str,
        meetup_id: str,
        kind: MediaKind,
        content_type: str,
        size: int,
        now: datetime,
    ) -> Media:
        """A new upload, once the declared type and size are ones the product takes."""
        check_upload(kind, content_type, size)
        content_type = content_type.split(";", maxsplit=1)[0].strip().lower()
        return cls(media_id, meetup_id, kind, content_type, size, created_at=now, updated_at=now)

    @property
    def prefix(self) -> str:
        """Where its files live in storage: the upload and every rendition."""
        return f"meetups/{self.meetup_id}/media/{self.id}/"

    @property
    def upload_key(self) -> str:
        """The storage key the client uploads the original to."""
        return f"{self.prefix}original"

    def key_of(self, rendition: Rendition) -> str:
        """The storage key of one rendition."""
        return f"{self.prefix}{rendition.name}"

    def start_processing(self, now: datetime) -> bool:
        """The upload arrived; False when it is being or was processed already (a redelivery)."""
        if self.status is not MediaStatus.UPLOADING:
            return False
        self._move(MediaStatus.PROCESSING, now)
        return True

    def finish(
        self, renditions: tuple[Rendition, ...], now: datetime, duration: float | None = None
    ) -> None:
        """Processed: shown from now on."""
        self._ensure_processing()
        self.renditions = renditions
        self.duration_seconds = duration
        self._move(MediaStatus.READY, now)

    def fail(self, reason: str, now: datetime) -> None:
        """Not usable, for ``reason`` (shown to the organizer)."""
        self._ensure_processing()
        self.reason = reason
        self._move(MediaStatus.FAILED, now)

    def _ensure_processing(self) -> None:
        if self.status is not MediaStatus.PROCESSING:
            raise Conflict("media_not_processing", f"The file is {self.status.value}.")

    def _move(self, status: MediaStatus, now: datetime) -> None:
        self.status = status
        self.updated_at = now
        self.version += 1
