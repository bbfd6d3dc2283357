"""A public meetup's share image: what a link preview shows (Open Graph's 1200 x 630).

The cover photo fills the picture, cropped to its middle and darkened at the bottom, under
the title and the date in white; a meetup with no cover gets a plain dark background. The
font is the one Pillow bundles (drawn by FreeType at any size), so no font file is shipped.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont, ImageOps

from slsplay.domain.public_pages import SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH

SIZE = (SHARE_IMAGE_WIDTH, SHARE_IMAGE_HEIGHT)
BACKGROUND = (29, 29, 31)
MARGIN = 64
TITLE_SIZE = 64
DATE_SIZE = 36
TITLE_LINES = 3


def share_image_png(title: str, date: str, cover: bytes | None) -> bytes:
    """The share image of a meetup titled ``title`` on ``date``, over its ``cover`` photo."""
    canvas = Image.new("RGB", SIZE, BACKGROUND)
    if cover is not None:
        with Image.open(io.BytesIO(cover)) as photo:
            fitted = ImageOps.fit(photo.convert("RGB"), SIZE, Image.Resampling.LANCZOS)
        shade = Image.linear_gradient("L").resize(SIZE).point(lambda v: int(v * 0.8))
        canvas = Image.composite(Image.new("RGB", SIZE, (0, 0, 0)), fitted, shade)
    draw = ImageDraw.Draw(canvas)
    title_font = ImageFont.load_default(size=TITLE_SIZE)
    date_font = ImageFont.load_default(size=DATE_SIZE)
    lines = _wrapped(draw, title, title_font, SHARE_IMAGE_WIDTH - 2 * MARGIN)
    y = SHARE_IMAGE_HEIGHT - MARGIN - DATE_SIZE - 24 - len(lines) * (TITLE_SIZE + 12)
    for line in lines:
        draw.text((MARGIN, y), line, font=title_font, fill="white")
        y += TITLE_SIZE + 12
    draw.text((MARGIN, y + 24), date, font=date_font, fill=(230, 230, 230))
    out = io.BytesIO()
    canvas.save(out, "PNG", optimize=True)
    return out.getvalue()


def _wrapped(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    width: int,
) -> list[str]:
    """``text`` in lines no wider than ``width``, at most ``TITLE_LINES`` (the last cut short)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    if len(lines) > TITLE_LINES:
        lines = [*lines[: TITLE_LINES - 1], lines[TITLE_LINES - 1] + "…"]
    return lines
