"""Draw the web app's PNG icons (192 and 512 px) into web/public, matching favicon.svg."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

PUBLIC = Path(__file__).resolve().parents[1] / "web" / "public"
VIOLET = (91, 33, 182)
AMBER = (251, 191, 36)
WHITE = (255, 255, 255)


def icon(size: int) -> Image.Image:
    """The icon at ``size`` px: drawn at 4x and scaled down for smooth edges."""
    big = size * 4
    unit = big / 64
    image = Image.new("RGB", (big, big), VIOLET)  # full bleed: safe as a maskable icon
    draw = ImageDraw.Draw(image)
    # Head, shoulders and a spark, inside the central safe zone.
    draw.ellipse([(32 - 9) * unit, (27 - 9) * unit, (32 + 9) * unit, (27 + 9) * unit], fill=WHITE)
    draw.pieslice([16 * unit, 38 * unit, 48 * unit, 66 * unit], 180, 360, fill=WHITE)
    draw.rectangle([16 * unit, 51 * unit, 48 * unit, 52 * unit], fill=VIOLET)
    draw.ellipse([43 * unit, 15 * unit, 51 * unit, 23 * unit], fill=AMBER)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    PUBLIC.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        icon(size).save(PUBLIC / f"icon-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
