"""A meetup's photos and videos: what may be uploaded, and each upload's way to ready."""

from __future__ import annotations

from datetime import timedelta

import pytest

from slsplay.domain.errors import Conflict, InvalidInput, PayloadTooLarge, UnsupportedMediaType
from slsplay.domain.media import MB, Media, MediaKind, MediaStatus, Rendition
from tests.support.clock import START


def upload(
    kind: MediaKind = MediaKind.PHOTO, content_type: str = "image/jpeg", size: int = MB
) -> Media:
    return Media.request(
        media_id="m1", meetup_id="e1", kind=kind, content_type=content_type, size=size, now=START
    )


@pytest.mark.parametrize(
    ("kind", "content_type", "size"),
    [
        (MediaKind.PHOTO, "image/jpeg", 10 * MB),
        (MediaKind.PHOTO, "image/png", 1),
        (MediaKind.PHOTO, "IMAGE/WEBP; charset=binary", 1),
        (MediaKind.VIDEO, "video/mp4", 200 * MB),
        (MediaKind.VIDEO, "video/quicktime", 1),
        (MediaKind.VIDEO, "video/webm", 1),
    ],
)
def test_photos_and_videos_of_the_taken_types_and_sizes_may_be_uploaded(
    kind: MediaKind, content_type: str, size: int
) -> None:
    media = upload(kind, content_type, size)

    assert media.status is MediaStatus.UPLOADING
    assert media.content_type == content_type.split(";", maxsplit=1)[0].lower()
    assert media.upload_key == "meetups/e1/media/m1/original"


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [
        (MediaKind.PHOTO, "image/gif"),
        (MediaKind.PHOTO, "video/mp4"),
        (MediaKind.VIDEO, "image/jpeg"),
        (MediaKind.VIDEO, "application/octet-stream"),
    ],
)
def test_another_type_is_refused_as_unsupported(kind: MediaKind, content_type: str) -> None:
    with pytest.raises(UnsupportedMediaType, match="JPEG, PNG or WebP"):
        upload(kind, content_type)


@pytest.mark.parametrize(
    ("kind", "content_type", "size"),
    [(MediaKind.PHOTO, "image/png", 10 * MB + 1), (MediaKind.VIDEO, "video/mp4", 200 * MB + 1)],
)
def test_a_file_over_the_limit_is_refused_as_too_large(
    kind: MediaKind, content_type: str, size: int
) -> None:
    with pytest.raises(PayloadTooLarge, match="10 MB"):
        upload(kind, content_type, size)


@pytest.mark.parametrize("size", [0, -1])
def test_an_empty_file_is_refused_naming_its_size(size: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        upload(MediaKind.PHOTO, "image/png", size)

    assert [e.field for e in refused.value.errors] == ["size"]


def test_an_upload_is_processed_until_ready_then_never_again() -> None:
    media = upload()

    assert media.start_processing(START + timedelta(seconds=5))
    # Delivered again while processing: a run cut short, started again.
    assert media.start_processing(START + timedelta(seconds=6))
    renditions = (Rendition("w320.webp", "image/webp", 320, 240),)
    media.finish(renditions, START + timedelta(seconds=7))

    assert media.status is MediaStatus.READY
    assert media.key_of(renditions[0]) == "meetups/e1/media/m1/w320.webp"
    assert not media.start_processing(START + timedelta(seconds=8))


def test_a_file_that_is_not_what_it_claims_fails_with_a_reason() -> None:
    media = upload(MediaKind.VIDEO, "video/mp4")
    media.start_processing(START)

    media.fail("The file is not a video.", START)

    assert (media.status, media.reason) == (MediaStatus.FAILED, "The file is not a video.")
    with pytest.raises(Conflict):
        media.finish((), START)


def test_an_upload_that_never_came_is_no_longer_shown_to_the_organizer() -> None:
    waiting, arrived = upload(), upload()
    arrived.start_processing(START + timedelta(minutes=1))

    later = START + timedelta(minutes=31)
    assert waiting.shown_to_organizer(START + timedelta(minutes=29))
    assert not waiting.shown_to_organizer(later)
    assert arrived.shown_to_organizer(later)
    assert not arrived.shown_to_guests
