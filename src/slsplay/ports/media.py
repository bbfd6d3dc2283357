"""The media bucket and the processing of uploads: the photos and videos of a meetup."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from slsplay.domain.media import Media, Rendition

UPLOAD_EXPIRES_IN = 15 * 60
DOWNLOAD_EXPIRES_IN = 5 * 60


@dataclass(frozen=True)
class UploadTicket:
    """What a browser needs to upload one file: POST ``url`` with ``fields``, then ``file``."""

    url: str
    fields: dict[str, str]


@dataclass(frozen=True)
class StoredObject:
    """What the storage knows about a stored file."""

    key: str
    size: int
    content_type: str
    etag: str  # without quotes; the MD5 of the content for a file sent in one piece


class ByteStream(Protocol):
    """A binary stream being read (a file, or the body of an S3 object)."""

    def read(self, size: int = -1, /) -> bytes:
        """Up to ``size`` bytes (all that is left when negative); ``b""`` at the end."""
        ...


class ObjectNotFound(LookupError):
    """No file is stored under that key."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"no media file is stored at {key!r}")


class InvalidKey(ValueError):
    """A key the storage does not take (see ``check_key``)."""


class MediaStorage(Protocol):
    """The media bucket: direct uploads and downloads, and the worker's reads and writes."""

    def upload_ticket(
        self, key: str, content_type: str, max_bytes: int, expires_in: int = UPLOAD_EXPIRES_IN
    ) -> UploadTicket:
        """A form that uploads one file to exactly ``key``, with exactly ``content_type``, of
        1 to ``max_bytes`` bytes, within ``expires_in`` seconds; nothing else."""
        ...

    def download_url(
        self, key: str, expires_in: int = DOWNLOAD_EXPIRES_IN, filename: str | None = None
    ) -> str:
        """A URL that fetches the file (HTTP ranges included) for ``expires_in`` seconds; with
        ``filename``, browsers save it under that name instead of showing it."""
        ...

    def stat(self, key: str) -> StoredObject | None:
        """What is stored at ``key``, or ``None``."""
        ...

    def open(self, key: str) -> AbstractContextManager[ByteStream]:
        """The file as a stream, for reading its start or all of it without holding it."""
        ...

    def read(self, key: str) -> bytes:
        """The whole file, for small ones (a photo); ``ObjectNotFound`` when missing."""
        ...

    def download_to(self, key: str, path: Path) -> None:
        """Copy the file to a local path (a video, for ffmpeg), never whole in memory."""
        ...

    def put(self, key: str, data: bytes | Path, content_type: str) -> None:
        """Store bytes, or the file at a local path (streamed), at ``key``, replacing any."""
        ...

    def delete_prefix(self, prefix: str) -> int:
        """Delete every file whose key starts with ``prefix`` (as S3 lists: a string prefix,
        so ``a/b`` takes ``a/bc`` too; end it with ``/`` for one folder); answers how many."""
        ...


@dataclass(frozen=True)
class Processed:
    """What processing an upload made: the renditions to show, and a video's length."""

    renditions: tuple[Rendition, ...]
    duration_seconds: float | None = None


@dataclass(frozen=True)
class ConversionEnded:
    """How work left going on elsewhere ended, for the media item it was for."""

    meetup_id: str
    media_id: str
    processed: Processed | None  # None: it failed, for ``reason``
    reason: str | None = None  # for the organizer
    detail: str | None = None  # the converter's own words on a failure, for the logs


class MediaProcessor(Protocol):
    """Turns an upload into what is shown: Pillow for photos; ffmpeg, or MediaConvert, for
    videos."""

    def process(self, media: Media) -> Processed | None:
        """Check that the file at ``media.upload_key`` is what it claims, and make its
        renditions beside it (``media.key_of``), with no metadata of the original.

        ``None`` when the work goes on elsewhere and ends with a completion event (a
        MediaConvert job). ``MediaRejected`` for a file that cannot be shown; any other
        error is the machine's, and the upload is worth trying again.
        """
        ...

    def conversion_ended(self, notice: Mapping[str, Any]) -> ConversionEnded:
        """Read the notice that work ``process`` left going on elsewhere has ended (for
        MediaConvert, its job's state change on EventBridge); ``ValueError`` for another."""
        # A processor that finishes within the invocation has nothing going on elsewhere.
        raise ValueError(f"{type(self).__name__} leaves no work going on elsewhere")
