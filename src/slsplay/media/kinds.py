"""What an uploaded file is, by its first bytes, and how a refusal of it reads.

The kinds, types and size limits a meetup takes, and the check of a declared upload (415 for
the type, 413 for the size), are the domain's: ``slsplay.domain.media`` (``MediaKind``,
``CONTENT_TYPES``, ``MAX_BYTES``, ``check_upload``). This module adds what is known only
once the bytes arrived: what they are (``sniff``), whether that is what the organizer said
(``check_claim``), and the description of a file made from them (``MediaFile``).

Pure: no I/O, so that it can join the domain.
"""

from __future__ import annotations

from dataclasses import dataclass

from slsplay.domain.media import CONTENT_TYPES, MediaKind, MediaRejected, Rendition

# Enough for every signature below: JPEG 3, PNG 8, WebP 12, an ISO BMFF 'ftyp' box with a
# few compatible brands, EBML 4.
SNIFF_BYTES = 64

__all__ = ["MediaFile", "MediaRejected", "check_claim", "describe", "kind_of", "sniff"]

DESCRIPTIONS = {
    "image/jpeg": "a JPEG image",
    "image/png": "a PNG image",
    "image/webp": "a WebP image",
    "video/mp4": "an MP4 video",
    "video/quicktime": "a MOV video",
    "video/webm": "a WebM video",
}

# MP4 and QuickTime MOV are one container (ISO BMFF grew out of QuickTime), read by the same
# demuxer; phones and editors write either brand under either extension. A file of one that
# was declared as the other is what it claims to be.
_CONTAINER = {"video/mp4": "isobmff", "video/quicktime": "isobmff"}

# Major or compatible brands of an 'ftyp' box that mean an MP4 video (3GP is MP4 too).
_MP4_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso7", b"iso8", b"iso9",
    b"mp41", b"mp42", b"mp71", b"avc1", b"hvc1", b"M4V ", b"M4VH", b"M4VP", b"dash",
    b"MSNV", b"XAVC", b"f4v ", b"NDAS", b"3gp4", b"3gp5", b"3gp6", b"3g2a",
}  # fmt: skip
# HEIF and AVIF photos (and their image sequences) are ISO BMFF too, but not videos.
_IMAGE_BRANDS = {
    b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"mif2", b"msf1",
    b"avif", b"avis",
}  # fmt: skip
# QuickTime files older than the 'ftyp' box open with one of these atoms instead.
_OLD_QUICKTIME_ATOMS = {b"moov", b"mdat", b"wide"}


@dataclass(frozen=True)
class MediaFile:
    """One file made from an upload: its path under the output directory, type and size."""

    name: str  # "w960.webp", "720p.mp4", "hls/index.m3u8", "hls/segment-000.ts", "poster.jpg"
    content_type: str
    size_bytes: int
    width: int | None = None
    height: int | None = None

    def rendition(self) -> Rendition:
        """The domain's record of it, as a meetup lists its media."""
        return Rendition(self.name, self.content_type, self.width, self.height)


def kind_of(content_type: str) -> MediaKind | None:
    """The kind a meetup takes files of ``content_type`` as, if any."""
    for kind, types in CONTENT_TYPES.items():
        if content_type in types:
            return kind
    return None


def describe(content_type: str) -> str:
    """How a person calls a file of ``content_type``: "a JPEG image"."""
    return DESCRIPTIONS.get(content_type, f"a file of type {content_type}")


def sniff(first_bytes: bytes) -> str | None:
    """The content type the file's magic bytes say, among those a meetup takes; else None."""
    head = first_bytes
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # EBML: WebM, or Matroska, which reads the same
        return "video/webm"
    if head[4:8] == b"ftyp":
        return _iso_bmff_type(head)
    if head[4:8] in _OLD_QUICKTIME_ATOMS:
        return "video/quicktime"
    return None


def _iso_bmff_type(head: bytes) -> str | None:
    major = head[8:12]
    if major == b"qt  ":
        return "video/quicktime"
    if major in _IMAGE_BRANDS:
        return None
    if major in _MP4_BRANDS:
        return "video/mp4"
    # An unknown major brand: a compatible one may still say MP4. They follow the minor
    # version, four bytes each, to the end of the box (or of what was read).
    box_end = min(int.from_bytes(head[:4], "big"), len(head))
    compatible = {head[i : i + 4] for i in range(16, box_end - 3, 4)}
    if compatible & _MP4_BRANDS and not compatible & _IMAGE_BRANDS:
        return "video/mp4"
    return None


def check_claim(content_type: str, first_bytes: bytes) -> str:
    """The type the file is, when it is what ``content_type`` says; else MediaRejected."""
    found = sniff(first_bytes)
    if found is None or _CONTAINER.get(found, found) != _CONTAINER.get(content_type, content_type):
        raise MediaRejected(f"The file is not {describe(content_type)}.")
    return found
