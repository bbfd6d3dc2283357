"""A meetup's cover photo, made fit to show: checked, turned upright, stripped, resized.

``make_variants`` decodes the upload with only the format it claims to be, refuses one too
large to decode safely, applies the camera's EXIF orientation, and writes each width of
``WIDTHS`` it can fill (never upscaled) as WebP and as a JPEG fallback.

Nothing of the original's metadata is written: no EXIF (so no GPS location, camera serial or
time), no XMP, no comments. Colour profiles are converted, not kept: pixels tagged with an
ICC profile (Display P3 from phones, Adobe RGB from cameras) are converted to sRGB, and the
variants carry no profile, since browsers take untagged images as sRGB. The colours stay
right everywhere, and a profile's own text (a device or a person's name) does not leak.
An animated WebP or PNG becomes a still of its first frame.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from slsplay.media.kinds import MediaFile, MediaRejected, describe

WIDTHS = (320, 960, 1920)
# A 48-megapixel phone photo passes; decoding one costs ~150 MB (RGB) at most, and less for
# a JPEG, which is decoded at the smallest scale that still fills the widest variant.
MAX_PIXELS = 50_000_000
WEBP_QUALITY = 80
JPEG_QUALITY = 85

_PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
# EXIF orientations that turn the picture a quarter: its stored width is its shown height.
_QUARTER_TURNS = {5, 6, 7, 8}
_ORIENTATION_TAG = 0x0112


def make_variants(source: bytes | Path, content_type: str, out_dir: Path) -> list[MediaFile]:
    """Write the photo's variants into ``out_dir``, narrowest first, WebP before JPEG."""
    image = _decode(source, content_type)
    try:
        upright = ImageOps.exif_transpose(image)
    finally:
        image.close()
    widths = variant_widths(upright.width)
    largest = _to_srgb(_resize(upright, widths[-1]))
    out_dir.mkdir(parents=True, exist_ok=True)
    files: list[MediaFile] = []
    # Each width is made from the next wider one: fewer pixels to filter, the same result.
    current = largest
    for width in reversed(widths):
        current = _resize(current, width)
        files[:0] = [
            _save(current, out_dir / f"w{width}.webp", "image/webp", _webp),
            _save(_flatten(current), out_dir / f"w{width}.jpg", "image/jpeg", _jpeg),
        ]
    return files


def variant_widths(source_width: int) -> list[int]:
    """The widths made from a photo this wide: those it can fill, else its own as the widest."""
    filled = [width for width in WIDTHS if width <= source_width]
    if len(filled) < len(WIDTHS) and source_width not in filled:
        filled.append(source_width)
    return filled


def _decode(source: bytes | Path, content_type: str) -> Image.Image:
    pil_format = _PIL_FORMATS.get(content_type)
    if pil_format is None:
        raise MediaRejected(f"The file is not a photo: {describe(content_type)}.")
    not_it = f"The file is not {describe(content_type)}."
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        # Pillow's own bomb check warns from ~89 megapixels and only fails from twice that;
        # ours is stricter, but the warning must not slip through to the caller.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Only the claimed format's parser sees the bytes: no guessing among Pillow's
            # dozens of formats for an untrusted file.
            image = Image.open(stream, formats=[pil_format])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise MediaRejected(_too_many_pixels(), str(e)) from e
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        raise MediaRejected(not_it, str(e)) from e
    try:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise MediaRejected(_too_many_pixels(), f"{width}x{height}")
        if pil_format == "JPEG":
            _decode_smaller(image)
        # Decode every pixel now: a truncated or corrupt file fails here, not half-written.
        image.load()
    except MediaRejected:
        image.close()
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as e:
        image.close()
        raise MediaRejected(not_it, str(e)) from e
    return image


def _too_many_pixels() -> str:
    return f"The photo has too many pixels: up to {MAX_PIXELS // 1_000_000} megapixels are taken."


def _decode_smaller(image: Image.Image) -> None:
    """Let the JPEG decoder scale down (by 1/2, 1/4 or 1/8) while still filling WIDTHS[-1]."""
    width, height = image.size
    exif = image.getexif()
    if exif.get(_ORIENTATION_TAG) in _QUARTER_TURNS:
        # The widest variant's width is taken from the stored height once turned upright.
        width, height = height, width
    if width <= WIDTHS[-1]:
        return
    scale = WIDTHS[-1] / width
    shown = (WIDTHS[-1], max(1, round(height * scale)))
    stored = shown[::-1] if exif.get(_ORIENTATION_TAG) in _QUARTER_TURNS else shown
    image.draft(image.mode, stored)


def _resize(image: Image.Image, width: int) -> Image.Image:
    if image.width == width:
        return image
    height = max(1, round(image.height * width / image.width))
    if image.mode == "RGBA":
        # Filter with premultiplied alpha, so transparent pixels' colour does not bleed in.
        resized = image.convert("RGBa").resize((width, height), Image.Resampling.LANCZOS)
        return resized.convert("RGBA")
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA", "La", "RGBa"} or (
        image.mode == "P" and "transparency" in image.info
    )


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB or RGBA pixels in sRGB, converted from the image's ICC profile if it has one."""
    mode = "RGBA" if _has_alpha(image) else "RGB"
    icc = image.info.get("icc_profile")
    if icc:
        if image.mode not in {"RGB", "RGBA", "CMYK", "L"}:
            image = image.convert(mode)
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(
                image, profile, ImageCms.createProfile("sRGB"), outputMode=mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: its pixels are taken as sRGB, as a browser would
        else:
            if converted is not None:
                return converted
    return image.convert(mode)


def _flatten(image: Image.Image) -> Image.Image:
    """The image on white, for JPEG, which has no transparency."""
    if image.mode != "RGBA":
        return image
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image.getchannel("A"))
    return flat


def _webp(image: Image.Image, path: Path) -> None:
    image.save(path, "WEBP", quality=WEBP_QUALITY, method=4, exif=b"", xmp=b"", icc_profile=b"")


def _jpeg(image: Image.Image, path: Path) -> None:
    image.save(
        path,
        "JPEG",
        quality=JPEG_QUALITY,
        optimize=True,
        progressive=True,
        exif=b"",
        icc_profile=None,
    )


def _save(
    image: Image.Image,
    path: Path,
    content_type: str,
    write: Callable[[Image.Image, Path], None],
) -> MediaFile:
    # Resizing copies the original's info (EXIF, XMP, profile, comments); nothing of it is
    # written, whatever a Pillow version would carry over by default.
    image.info = {}
    write(image, path)
    return MediaFile(path.name, content_type, path.stat().st_size, image.width, image.height)
