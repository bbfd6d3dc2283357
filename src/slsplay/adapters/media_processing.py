"""Processing uploads where the function runs: Pillow for photos, ffmpeg for videos.

``FfmpegMediaProcessor`` is the local one: it converts a video inside the invocation.
In the cloud, photos are made the same way (``process_photo``) and videos are left to
MediaConvert (``slsplay.adapters.aws.mediaconvert.MediaConvertProcessor``).

Every file is checked for what it claims to be by its first bytes before anything decodes
it; originals are copied into a scratch directory that goes when the work ends, and each
rendition is stored beside the original.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from slsplay.domain.media import MAX_BYTES, Media, MediaKind, MediaRejected
from slsplay.media.kinds import SNIFF_BYTES, MediaFile, check_claim
from slsplay.ports import MediaProcessor, MediaStorage, ObjectNotFound, Processed

_GONE = "The upload could not be found; send it again."


def check_upload_claim(storage: MediaStorage, media: Media) -> None:
    """Refuse an upload that is missing, too large, or not what its type says (by its first
    bytes), before anything decodes it."""
    stored = storage.stat(media.upload_key)
    if stored is None:
        raise MediaRejected(_GONE, f"no object at {media.upload_key}")
    if stored.size > MAX_BYTES[media.kind]:  # the ticket's limit; checked again all the same
        raise MediaRejected("The file is too large.", f"{stored.size} bytes")
    with storage.open(media.upload_key) as body:
        check_claim(media.content_type, body.read(SNIFF_BYTES))


def process_photo(storage: MediaStorage, media: Media, scratch: Path) -> Processed:
    """Make and store the photo's variants (widths, WebP and JPEG, no metadata)."""
    from slsplay.media.images import make_variants  # noqa: PLC0415  (Pillow, for photos only)

    check_upload_claim(storage, media)
    source = scratch / "original"
    _download(storage, media, source)
    files = make_variants(source, media.content_type, scratch / "out")
    _store(storage, media, scratch / "out", files)
    return Processed(tuple(file.rendition() for file in files))


class FfmpegMediaProcessor(MediaProcessor):
    """Photos and videos processed inside the invocation: ffmpeg converts the videos."""

    def __init__(self, storage: MediaStorage, scratch_dir: Path | None = None) -> None:
        self.storage = storage
        self.scratch_dir = scratch_dir

    def process(self, media: Media) -> Processed:
        with tempfile.TemporaryDirectory(prefix="slsplay-media-", dir=self.scratch_dir) as tmp:
            scratch = Path(tmp)
            if media.kind is MediaKind.PHOTO:
                return process_photo(self.storage, media, scratch)
            return self._video(media, scratch)

    def _video(self, media: Media, scratch: Path) -> Processed:
        from slsplay.media.videos import probe, transcode  # noqa: PLC0415

        check_upload_claim(self.storage, media)
        source = scratch / "original"
        _download(self.storage, media, source)
        done = transcode(source, scratch / "out", probe(source))
        _store(self.storage, media, scratch / "out", done.files)
        renditions = tuple(file.rendition() for file in done.outputs)
        return Processed(renditions, done.duration)


def _download(storage: MediaStorage, media: Media, path: Path) -> None:
    try:
        storage.download_to(media.upload_key, path)
    except ObjectNotFound as e:  # deleted between the check and the copy
        raise MediaRejected(_GONE, str(e)) from e


def _store(storage: MediaStorage, media: Media, out_dir: Path, files: list[MediaFile]) -> None:
    for file in files:
        storage.put(media.key_of(file.rendition()), out_dir / file.name, file.content_type)
