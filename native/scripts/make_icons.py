"""Make the native app's icons (icons/, named in pyproject.toml's Briefcase config) from the
web app's: the same mark on a phone's home screen, a Mac's dock and a Linux menu."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

NATIVE = Path(__file__).resolve().parents[1]
SOURCE = NATIVE.parent / "web" / "public" / "icon-512.png"
ICONS = NATIVE / "icons"
NAME = "slsplay"
LINUX_SIZES = (16, 32, 64, 128, 256, 512)
ANDROID_SIZES = (48, 72, 96, 144, 192)
# Android's adaptive icon is a foreground layer whose middle two thirds always show.
ADAPTIVE_SIZES = (108, 162, 216, 324, 432)


def resized(image: Image.Image, size: int) -> Image.Image:
    """The icon at ``size`` pixels square."""
    return image.resize((size, size), Image.Resampling.LANCZOS)


def round_(image: Image.Image, size: int) -> Image.Image:
    """The icon cut to a circle (Android's round launcher icon)."""
    mask = Image.new("L", (size * 4, size * 4), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, size * 4 - 1, size * 4 - 1), fill=255)
    cut = resized(image, size)
    cut.putalpha(mask.resize((size, size), Image.Resampling.LANCZOS))
    return cut


def adaptive(image: Image.Image, size: int) -> Image.Image:
    """The icon in the safe middle of an adaptive icon's foreground layer."""
    layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    inner = round(size * 2 / 3)
    offset = (size - inner) // 2
    layer.paste(resized(image, inner), (offset, offset))
    return layer


def main() -> None:
    """Write every icon Briefcase's macOS, Linux and Android builds ask for."""
    ICONS.mkdir(exist_ok=True)
    source = Image.open(SOURCE).convert("RGBA")
    for size in LINUX_SIZES:
        resized(source, size).save(ICONS / f"{NAME}-{size}.png", optimize=True)
    for size in ANDROID_SIZES:
        resized(source, size).save(ICONS / f"{NAME}-square-{size}.png", optimize=True)
        round_(source, size).save(ICONS / f"{NAME}-round-{size}.png", optimize=True)
    for size in ADAPTIVE_SIZES:
        adaptive(source, size).save(ICONS / f"{NAME}-adaptive-{size}.png", optimize=True)
    # Pillow writes each size an .icns holds, scaled from this one.
    source.save(ICONS / f"{NAME}.icns", format="ICNS")


if __name__ == "__main__":
    main()
