"""A meetup's photos and videos: upload tickets, processing, removal, and who sees what.

The organizer asks for a ticket (``request_upload``) and the browser sends the file
straight to storage with it. Storage then announces the upload (an S3 notification, from
the local runtime locally) and the media function processes it (``upload_arrived``); a
video converted by MediaConvert ends later, with its job's completion event
(``conversion_ended``). An upload whose processing never ends (a run that kept failing, a
completion event never delivered) is failed by a scheduled sweep (``fail_stalled``), and the
change feed tells its organizer.

Files are private. Whoever may see a meetup gets short-lived signed URLs for its media's
renditions (``links_for``); an HLS stream is served through ``stream_file``, which signs
each segment its playlists name, since one signed URL cannot cover a folder of segments.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from slsplay.domain.errors import Conflict, NotFound, VersionConflict
from slsplay.domain.media import (
    MAX_PER_MEETUP,
    PROCESSING_LIMIT,
    STREAM_TYPE,
    Media,
    MediaKind,
    MediaRejected,
    MediaStatus,
    check_duration,
    media_prefix,
)
from slsplay.ids import new_id
from slsplay.ports import (
    MediaProcessor,
    MediaStorage,
    Processed,
    UploadTicket,
)
from slsplay.services.bundles import StorePorts
from slsplay.store.repositories import MediaRepository, MeetupRepository

# How long the URLs in a meetup's JSON work: long enough to watch a video to its end.
VIEW_EXPIRES_IN = 60 * 60
_UPLOAD_KEY = re.compile(r"^meetups/([A-Za-z0-9_-]+)/media/([A-Za-z0-9_-]+)/original$")


class MediaPorts(StorePorts, Protocol):
    """The media use cases' bundle: the table and the time, the bucket, the processor."""

    @property
    def media(self) -> MediaStorage:
        """Where uploads and their renditions are stored."""
        ...

    @property
    def media_processor(self) -> MediaProcessor:
        """What turns an upload into what is shown."""
        ...


# -- the organizer's side -------------------------------------------------------------------


def request_upload(
    ports: MediaPorts,
    actor_id: str,
    meetup_id: str,
    *,
    kind: MediaKind,
    content_type: str,
    size: int,
) -> tuple[Media, UploadTicket]:
    """A new upload of a declared kind, type and size, and the ticket that sends it."""
    now = ports.clock.now()
    meetup, _ = MeetupRepository(ports.store).get(meetup_id)
    if not meetup.visible_to(actor_id):
        raise NotFound("meetup_not_found")
    meetup.ensure_media_allowed(actor_id, now)
    repository = MediaRepository(ports.store)
    if len(repository.of_meetup(meetup_id)) >= MAX_PER_MEETUP:
        raise Conflict("media_limit_reached")
    media = Media.request(
        media_id=new_id(),
        meetup_id=meetup_id,
        kind=kind,
        content_type=content_type,
        size=size,
        now=now,
    )
    repository.add(media)
    # The ticket takes exactly the declared type, and at most the declared size.
    return media, ports.media.upload_ticket(media.upload_key, media.content_type, media.size)


def media_of_organizer(ports: StorePorts, actor_id: str, meetup_id: str, media_id: str) -> Media:
    """One of the organizer's uploads, in whatever state it is."""
    meetup, _ = MeetupRepository(ports.store).get(meetup_id)
    if not meetup.is_organizer(actor_id):
        raise NotFound("media_not_found")
    return MediaRepository(ports.store).get(meetup_id, media_id)


def remove_media(ports: StorePorts, actor_id: str, meetup_id: str, media_id: str) -> None:
    """Remove a photo or video; its files are deleted after, by the media function."""
    media = media_of_organizer(ports, actor_id, meetup_id, media_id)
    MediaRepository(ports.store).remove(media)


def covers_of(ports: StorePorts, meetup_ids: Sequence[str]) -> dict[str, Media]:
    """The covers (first ready photos) of up to 100 meetups that have one, in one request."""
    return MediaRepository(ports.store).covers_of(meetup_ids)


def media_of_meetups(ports: StorePorts, meetup_ids: Sequence[str]) -> dict[str, tuple[Media, ...]]:
    """The photos and videos of up to 100 meetups, oldest first, by meetup, for whoever may
    see them, in batch reads (as many requests for 100 meetups as for one)."""
    found = MediaRepository(ports.store).of_meetups(meetup_ids)
    return {meetup_id: tuple(media) for meetup_id, media in found.items()}


def delete_files(ports: MediaPorts, meetup_id: str, media_id: str) -> int:
    """Delete every file of a removed photo or video (safe to repeat); answers how many."""
    return ports.media.delete_prefix(media_prefix(meetup_id, media_id))


# -- processing -----------------------------------------------------------------------------


def media_of_upload(key: str) -> tuple[str, str] | None:
    """The (meetup id, media id) an uploaded original's storage key names, if it is one."""
    found = _UPLOAD_KEY.match(key)
    return None if found is None else (found.group(1), found.group(2))


def upload_arrived(ports: MediaPorts, key: str) -> Media | None:
    """Process the original stored at ``key``; ``None`` when no upload waits for it.

    A file that cannot be shown ends ``failed`` with its reason; any other error is raised,
    to be retried, and leaves the item ``processing`` for the retry to take up.
    """
    ids = media_of_upload(key)
    if ids is None:
        return None
    repository = MediaRepository(ports.store)
    try:
        media = repository.get(*ids)
    except NotFound:
        return None  # removed (or its meetup deleted) before it arrived
    read_version = media.version
    if not media.start_processing(ports.clock.now()):
        return media  # processed already: a notification delivered twice
    repository.save(media, read_version)
    try:
        processed = ports.media_processor.process(media)
    except MediaRejected as rejected:
        return _end(ports, repository, media, None, rejected.reason)
    if processed is None:
        return media  # a job converts it; its completion event ends it
    return _end(ports, repository, media, processed, None)


def conversion_ended(
    ports: StorePorts,
    meetup_id: str,
    media_id: str,
    *,
    processed: Processed | None,
    reason: str | None,
) -> Media | None:
    """A conversion job finished (``processed``) or failed (``reason``); ``None`` when the
    upload is gone meanwhile."""
    repository = MediaRepository(ports.store)
    try:
        media = repository.get(meetup_id, media_id)
    except NotFound:
        return None
    if media.status is not MediaStatus.PROCESSING:
        return media  # the event delivered twice, or a job of an earlier attempt
    if processed is not None and processed.duration_seconds is not None:
        # MediaConvert converts a video before its length is known: too long, it is refused.
        try:
            check_duration(processed.duration_seconds)
        except MediaRejected as rejected:
            processed, reason = None, rejected.reason
    return _end(ports, repository, media, processed, reason)


def fail_stalled(ports: StorePorts) -> int:
    """Fail every upload processing for ``PROCESSING_LIMIT`` or longer (the stalled-media
    job); answers how many. Each one's organizer is emailed by the notifier, which hears of
    it from the change feed."""
    now = ports.clock.now()
    repository = MediaRepository(ports.store)
    failed = 0
    for media in repository.processing_started_by(now - PROCESSING_LIMIT):
        if not media.stalled(now):
            continue  # keyed to the second, and read eventually consistent: not yet, or no more
        read_version = media.version
        media.time_out(now)
        try:
            repository.save(media, read_version)
        except VersionConflict:
            continue  # it ended, or started again, meanwhile: that stands
        failed += 1
    return failed


def _end(
    ports: StorePorts,
    repository: MediaRepository,
    media: Media,
    processed: Processed | None,
    reason: str | None,
) -> Media:
    read_version = media.version
    if processed is not None:
        media.finish(processed.renditions, ports.clock.now(), processed.duration_seconds)
    else:
        media.fail(reason or "The file could not be processed.", ports.clock.now())
    try:
        repository.save(media, read_version)
    except VersionConflict:
        # Another delivery of the same upload ended it first; its outcome stands.
        return repository.get(media.meetup_id, media.id)
    if media.is_cover_candidate:
        repository.offer_cover(media)  # the first ready photo is the cover
    return media


# -- who sees what --------------------------------------------------------------------------


@dataclass(frozen=True)
class MediaWithLinks:
    """A photo or video as one viewer gets it: signed URLs for each rendition."""

    media: Media
    urls: dict[str, str]  # by rendition name
    stream_url: str | None = None  # a video's HLS playlist, through ``stream_file``

    @property
    def poster_url(self) -> str | None:
        """A video's still image."""
        poster = self.media.poster
        return None if poster is None else self.urls[poster.name]


@dataclass(frozen=True)
class StreamSigner:
    """Signs and checks the paths of HLS streams: ``/api/media/{meetup}/{media}/{grant}/``.

    A grant is ``{expires}.{signature}``, an HMAC of the media and the expiry; every file
    under the path is covered, so a playlist's relative URLs inherit it.
    """

    secret: bytes
    base_url: str

    def url(self, media: Media, name: str, expires_at: datetime) -> str:
        expires = str(int(expires_at.timestamp()))
        grant = f"{expires}.{self._signature(media.meetup_id, media.id, expires)}"
        return f"{self.base_url}/api/media/{media.meetup_id}/{media.id}/{grant}/{name}"

    def check(self, meetup_id: str, media_id: str, grant: str, now: datetime) -> None:
        expires, _, signature = grant.partition(".")
        expected = self._signature(meetup_id, media_id, expires)
        if not expires.isdigit() or not hmac.compare_digest(expected, signature):
            raise NotFound("media_not_found")
        if now.timestamp() > int(expires):
            raise NotFound("media_not_found", "This link to the video has expired; reload.")

    def _signature(self, meetup_id: str, media_id: str, expires: str) -> str:
        message = f"stream|{meetup_id}|{media_id}|{expires}".encode()
        digest = hmac.digest(self.secret, message, hashlib.sha256)
        return base64.urlsafe_b64encode(digest[:18]).decode()


def shown_to(media: tuple[Media, ...], *, organizer: bool, now: datetime) -> tuple[Media, ...]:
    """What a viewer sees of a meetup's media: the organizer sees uploads in every state."""
    if organizer:
        return tuple(m for m in media if m.shown_to_organizer(now))
    return tuple(m for m in media if m.shown_to_guests)


def links_for(
    ports: MediaPorts,
    media: tuple[Media, ...],
    signer: Callable[[], StreamSigner],
    now: datetime,
) -> list[MediaWithLinks]:
    """Signed URLs of each ready rendition, valid for ``VIEW_EXPIRES_IN``. ``signer`` is
    asked for only when a video has a stream (its key may take a call to fetch)."""
    expires_at = now + timedelta(seconds=VIEW_EXPIRES_IN)
    shown = []
    for item in media:
        urls = {
            r.name: ports.media.download_url(item.key_of(r), VIEW_EXPIRES_IN)
            for r in item.renditions
            if r.content_type != STREAM_TYPE
        }
        stream, stream_url = item.stream, None
        if stream is not None:
            stream_url = urls[stream.name] = signer().url(item, stream.name, expires_at)
        shown.append(MediaWithLinks(item, urls, stream_url))
    return shown


def stream_file(
    ports: MediaPorts,
    signer: StreamSigner,
    now: datetime,
    *,
    meetup_id: str,
    media_id: str,
    grant: str,
    name: str,
) -> str:
    """A playlist of a video's HLS stream, its segments' URLs signed for the viewer.

    Playlists it names stay relative, so that players ask for them here, with the grant.
    """
    signer.check(meetup_id, media_id, grant, now)
    media = MediaRepository(ports.store).get(meetup_id, media_id)
    stream = media.stream
    folder = posixpath.dirname(stream.name) if stream is not None else None
    path = posixpath.normpath(name)
    if (
        folder is None
        or not path.endswith(".m3u8")
        or path.startswith(("/", "../"))
        or posixpath.dirname(path) != folder
    ):
        raise NotFound("media_not_found")
    text = ports.media.read(f"{media.prefix}{path}").decode("utf-8")

    def sign(uri: str) -> str:
        if "://" in uri or uri.endswith(".m3u8"):
            return uri
        target = posixpath.normpath(posixpath.join(folder, uri))
        return ports.media.download_url(f"{media.prefix}{target}", VIEW_EXPIRES_IN)

    return rewrite_playlist(text, sign)


_URI_ATTRIBUTE = re.compile(r'URI="([^"]*)"')


def rewrite_playlist(text: str, sign: Callable[[str], str]) -> str:
    """An HLS playlist with each URI it names (lines, and ``URI=`` attributes) through ``sign``."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            lines.append(line)
        elif stripped.startswith("#"):
            lines.append(_URI_ATTRIBUTE.sub(lambda m: f'URI="{sign(m.group(1))}"', line))
        else:
            lines.append(sign(stripped))
    return "\n".join(lines) + "\n"
