"""What an uploaded file is by its first bytes, and the sizes its renditions are made at."""

from __future__ import annotations

import pytest

from slsplay.domain.media import MediaKind
from slsplay.media.images import variant_widths
from slsplay.media.kinds import MediaRejected, check_claim, kind_of, sniff
from slsplay.media.videos import rendition_sizes


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = b"ftyp" + major + b"\x00\x00\x02\x00" + b"".join(compatible)
    return (len(body) + 4).to_bytes(4, "big") + body + b"\x00\x00\x00\x08free"


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 "
MP4 = ftyp(b"isom", b"isom", b"iso2", b"avc1", b"mp41")
MOV = ftyp(b"qt  ", b"qt  ")
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm"


@pytest.mark.parametrize(
    ("first_bytes", "content_type"),
    [
        (JPEG, "image/jpeg"),
        (PNG, "image/png"),
        (WEBP, "image/webp"),
        (MP4, "video/mp4"),
        (ftyp(b"mp42", b"mp42", b"isom"), "video/mp4"),
        (ftyp(b"M4V ", b"M4V ", b"M4A "), "video/mp4"),
        (ftyp(b"XYZ1", b"mp42", b"isom"), "video/mp4"),  # an unknown brand, MP4-compatible
        (MOV, "video/quicktime"),
        (b"\x00\x00\x00\x08wide\x00\x00\x00\x00mdat", "video/quicktime"),  # before 'ftyp'
        (WEBM, "video/webm"),
    ],
)
def test_each_accepted_type_is_known_by_its_magic_bytes(
    first_bytes: bytes, content_type: str
) -> None:
    assert sniff(first_bytes) == content_type


@pytest.mark.parametrize(
    "first_bytes",
    [
        b"",
        b"\xff\xd8",  # too short to tell
        b"GIF89a\x01\x00\x01\x00",
        b"%PDF-1.7\n",
        b"#EXTM3U\n#EXT-X-VERSION:3\n",  # a playlist that would make ffmpeg open other files
        b"hello, this is only text, renamed to .mp4\n",
        b"RIFF\x24\x00\x00\x00WAVEfmt ",  # RIFF, but sound
        ftyp(b"heic", b"mif1", b"heic"),  # an iPhone photo is ISO BMFF, not a video
        ftyp(b"avif", b"avif", b"mif1", b"miaf"),
        ftyp(b"XYZ1", b"mif1", b"iso8"),  # an unknown image brand among the compatible ones
    ],
)
def test_other_files_are_not_taken_for_an_accepted_type(first_bytes: bytes) -> None:
    assert sniff(first_bytes) is None


def test_a_file_that_is_what_it_claims_passes_the_check() -> None:
    assert check_claim("image/png", PNG) == "image/png"


def test_mp4_and_mov_are_one_container_whichever_was_declared() -> None:
    assert check_claim("video/quicktime", MP4) == "video/mp4"
    assert check_claim("video/mp4", MOV) == "video/quicktime"


@pytest.mark.parametrize(
    ("content_type", "first_bytes", "reason"),
    [
        ("image/jpeg", PNG, "The file is not a JPEG image."),
        ("image/webp", JPEG, "The file is not a WebP image."),
        ("video/mp4", b"just text", "The file is not an MP4 video."),
        ("video/webm", MP4, "The file is not a WebM video."),
        ("video/quicktime", ftyp(b"heic", b"mif1"), "The file is not a MOV video."),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_with_a_readable_reason(
    content_type: str, first_bytes: bytes, reason: str
) -> None:
    with pytest.raises(MediaRejected) as refused:
        check_claim(content_type, first_bytes)

    assert refused.value.reason == reason


def test_each_accepted_type_belongs_to_one_kind() -> None:
    assert [kind_of(t) for t in ("image/webp", "video/quicktime", "image/gif")] == [
        MediaKind.PHOTO,
        MediaKind.VIDEO,
        None,
    ]


@pytest.mark.parametrize(
    ("source_width", "widths"),
    [
        (4000, [320, 960, 1920]),
        (1920, [320, 960, 1920]),
        (1000, [320, 960, 1000]),
        (960, [320, 960]),
        (500, [320, 500]),
        (200, [200]),
    ],
)
def test_a_photo_is_made_at_the_widths_it_can_fill_and_never_upscaled(
    source_width: int, widths: list[int]
) -> None:
    assert variant_widths(source_width) == widths


@pytest.mark.parametrize(
    ("source", "sizes"),
    [
        ((1920, 1080), [(1280, 720), (854, 480)]),
        ((1280, 720), [(1280, 720), (854, 480)]),
        ((1080, 1920), [(720, 1280), (480, 854)]),  # portrait: the short side counts
        ((1024, 600), [(1024, 600), (820, 480)]),  # between the two: its own size, and 480p
        ((640, 360), [(640, 360)]),  # smaller than 480p: only its own size
        ((853, 480), [(852, 480)]),  # even dimensions, never a pixel more
        ((321, 181), [(320, 180)]),
        ((1281, 721), [(1280, 720), (852, 480)]),
    ],
)
def test_a_video_is_made_at_720p_and_480p_or_its_own_smaller_size(
    source: tuple[int, int], sizes: list[tuple[int, int]]
) -> None:
    assert rendition_sizes(*source) == sizes
