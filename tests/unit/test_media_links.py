"""Signed stream paths and HLS playlists with their segments signed (no I/O)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from slsplay.domain.errors import NotFound
from slsplay.domain.media import Media, MediaKind
from slsplay.services.media import StreamSigner, media_of_upload, rewrite_playlist, shown_to
from tests.support.clock import START

SIGNER = StreamSigner(b"a media url secret of 32 bytes..", "https://app.example.com")


def video(media_id: str = "v1") -> Media:
    return Media.request(
        media_id=media_id,
        meetup_id="m1",
        kind=MediaKind.VIDEO,
        content_type="video/mp4",
        size=1000,
        now=START,
    )


def grant_of(url: str) -> str:
    return url.split("/")[-3]


def test_a_stream_path_works_until_it_expires_for_its_own_media_only() -> None:
    url = SIGNER.url(video(), "hls/index.m3u8", START + timedelta(hours=1))
    assert url.startswith("https://app.example.com/api/media/m1/v1/")
    grant = grant_of(url)

    SIGNER.check("m1", "v1", grant, START + timedelta(minutes=59))
    with pytest.raises(NotFound, match="expired"):
        SIGNER.check("m1", "v1", grant, START + timedelta(hours=1, seconds=1))
    with pytest.raises(NotFound):
        SIGNER.check("m1", "v2", grant, START)  # another video
    expires, _, signature = grant.partition(".")
    with pytest.raises(NotFound):
        SIGNER.check("m1", "v1", f"{int(expires) + 3600}.{signature}", START)  # a longer life
    with pytest.raises(NotFound):
        SIGNER.check("m1", "v1", "not-a-grant", START)


def test_a_playlist_gets_its_segments_signed_and_keeps_its_playlists_relative() -> None:
    playlist = "\n".join(
        [
            "#EXTM3U",
            '#EXT-X-MAP:URI="init.mp4"',
            "#EXTINF:4.0,",
            "segment-000.ts",
            "",
            "#EXT-X-STREAM-INF:BANDWIDTH=1",
            "index_720p.m3u8",
            "#EXT-X-ENDLIST",
        ]
    )

    rewritten = rewrite_playlist(playlist, lambda uri: uri if uri.endswith(".m3u8") else f"S/{uri}")

    assert rewritten.splitlines() == [
        "#EXTM3U",
        '#EXT-X-MAP:URI="S/init.mp4"',
        "#EXTINF:4.0,",
        "S/segment-000.ts",
        "",
        "#EXT-X-STREAM-INF:BANDWIDTH=1",
        "index_720p.m3u8",
        "#EXT-X-ENDLIST",
    ]


def test_an_uploads_key_names_its_media_and_nothing_else_does() -> None:
    assert media_of_upload("meetups/M1/media/X_1/original") == ("M1", "X_1")
    for key in ("meetups/M1/media/X1/w320.webp", "meetups/../media/X1/original", "original"):
        assert media_of_upload(key) is None


def test_the_organizer_sees_every_upload_and_others_only_what_is_ready() -> None:
    waiting, ready, failed = video("a"), video("b"), video("c")
    for item in (ready, failed):
        item.start_processing(START)
    ready.finish((), START)
    failed.fail("The file is not a video.", START)
    items = (waiting, ready, failed)

    assert shown_to(items, organizer=True, now=START) == items
    assert shown_to(items, organizer=False, now=START) == (ready,)
    later = START + timedelta(hours=1)
    assert shown_to(items, organizer=True, now=later) == (ready, failed)  # never came
