"""A meetup's photos and videos: what may be uploaded, and each upload's way to ``ready``.

The organizer asks to upload one file of a declared kind, type and size; the client sends it
straight to storage with a ticket; a worker then checks and converts it into renditions
(image widths, video resolutions, a stream, a poster). Status: ``uploading`` ->
``processing`` -> ``ready``, or ``failed`` with a reason a person can read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from slsplay.domain.errors import Conflict, PayloadTooLarge, UnsupportedMediaType, field_error


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


# Enough for a cover, a few photos and a couple of videos; a refused request leaves nothing.
MAX_PER_MEETUP = 20
# A meetup's video is a teaser or a greeting, not the recording of an event.
MAX_VIDEO_SECONDS = 10 * 60
# An upload ticket lasts 15 minutes; one not used by then (and a little after, for an upload
# started at its last moment) is abandoned, and its media item is no longer shown.
ABANDONED_AFTER = timedelta(minutes=30)
# A photo is processed in seconds, a video's conversion (ten minutes of video at most) ends
# well within the hour: one still processing after this was lost on its way (a run that
# kept failing, a conversion's end never delivered) and is failed, for its organizer to
# upload it again.
PROCESSING_LIMIT = timedelta(hours=2)
TIMED_OUT_REASON = "Processing took too long. Upload the file again."
STREAM_TYPE = "application/vnd.apple.mpegurl"


class MediaRejected(Exception):
    """An upload that cannot be shown; ``reason`` is for the organizer to read.

    ``detail`` is for the logs (a tool's own words), never for people.
    """

    def __init__(self, reason: str, detail: str | None = None) -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(reason)


def media_prefix(meetup_id: str, media_id: str) -> str:
    """Where one upload's files live in storage: its original and every rendition."""
    return f"meetups/{meetup_id}/media/{media_id}/"


def check_duration(seconds: float) -> None:
    """Refuse a video longer than the product takes (``MediaRejected``)."""
    if seconds > MAX_VIDEO_SECONDS:
        minutes = MAX_VIDEO_SECONDS // 60
        raise MediaRejected(f"The video is longer than {minutes} minutes.", f"{seconds:.1f} s")


def check_upload(kind: MediaKind, content_type: str, size: int) -> None:
    """Refuse a declared upload the product does not take: 415 for the type, 413 for size,
    422 for an empty file (storage's upload form could not even take it)."""
    if content_type.split(";", maxsplit=1)[0].strip().lower() not in CONTENT_TYPES[kind]:
        raise UnsupportedMediaType("media_type_unsupported")
    if size < 1:
        raise field_error("size", "must be at least 1 byte")
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
    # Failed for taking longer than PROCESSING_LIMIT, not for what the file is.
    timed_out: bool = False
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
        return media_prefix(self.meetup_id, self.id)

    @property
    def upload_key(self) -> str:
        """The storage key the client uploads the original to."""
        return f"{self.prefix}original"

    def key_of(self, rendition: Rendition) -> str:
        """The storage key of one rendition."""
        return f"{self.prefix}{rendition.name}"

    @property
    def stream(self) -> Rendition | None:
        """A video's HLS playlist, once it is ready."""
        return next((r for r in self.renditions if r.content_type == STREAM_TYPE), None)

    @property
    def poster(self) -> Rendition | None:
        """A video's still image, once it is ready."""
        if self.kind is not MediaKind.VIDEO:
            return None
        return next((r for r in self.renditions if r.content_type == "image/jpeg"), None)

    def shown_to_organizer(self, now: datetime) -> bool:
        """Whether the organizer still sees it: all but an upload that never came."""
        waited = now - self.created_at
        return not (self.status is MediaStatus.UPLOADING and waited > ABANDONED_AFTER)

    @property
    def is_cover_candidate(self) -> bool:
        """A ready photo may be the meetup's cover."""
        return self.kind is MediaKind.PHOTO and self.status is MediaStatus.READY

    @property
    def shown_to_guests(self) -> bool:
        """Invitees and the public see only what is ready."""
        return self.status is MediaStatus.READY

    def start_processing(self, now: datetime) -> bool:
        """The upload arrived; False when it was processed already (a late redelivery).

        A redelivery of one being processed starts it again: that is how a run cut short
        (a crash, a timeout) is retried, and processing again writes the same files.
        """
        if self.status in (MediaStatus.READY, MediaStatus.FAILED):
            return False
        self._move(MediaStatus.PROCESSING, now)
        return True

    def stalled(self, now: datetime) -> bool:
        """Whether it has been processing for ``PROCESSING_LIMIT`` or longer."""
        return self.status is MediaStatus.PROCESSING and now - self.updated_at >= PROCESSING_LIMIT

    def time_out(self, now: datetime) -> None:
        """Processing took too long: failed, for the organizer to upload it again."""
        self.fail(TIMED_OUT_REASON, now)
        self.timed_out = True

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
