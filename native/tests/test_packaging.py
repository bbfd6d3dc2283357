"""The Briefcase configuration (pyproject.toml) as each platform's build reads it: the app's
id and name, its sources, network as its only permission, and icons at every size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from briefcase.config import AppConfig, parse_config
from briefcase.console import Console
from PIL import Image

NATIVE = Path(__file__).resolve().parents[1]
TOGA = "0.5.4"


def configured(platform: str, output_format: str) -> tuple[AppConfig, dict[str, Any]]:
    """The app's merged configuration for a platform, and its raw settings."""
    _, apps = parse_config(
        NATIVE / "pyproject.toml", platform=platform, output_format=output_format, console=Console()
    )
    settings = apps["slsplay-app"]
    return AppConfig(**settings), settings


@pytest.mark.parametrize(
    ("platform", "output_format", "backend"),
    [
        ("macOS", "app", "toga-cocoa"),
        ("android", "gradle", "toga-android"),
        ("linux", "system", "toga-gtk"),
    ],
)
def test_each_platform_builds_the_same_app_with_its_toga_backend(
    platform: str, output_format: str, backend: str
) -> None:
    app, _ = configured(platform, output_format)

    assert app.bundle_identifier == "dev.slsplay.slsplay-app"
    assert app.formal_name == "slsplay"
    assert app.module_name == "slsplay_app"
    assert f"{backend}=={TOGA}" in app.requires
    assert f"toga-core=={TOGA}" in app.requires
    for source in app.sources:
        assert (NATIVE / source / "__init__.py").is_file(), source
    assert {Path(source).name for source in app.sources} == {"slsplay_app", "slsplay_client"}


def test_the_app_asks_for_the_network_only() -> None:
    _, mac = configured("macOS", "app")
    _, android = configured("android", "gradle")

    assert mac.get("entitlement") == {"com.apple.security.network.client": True}
    assert android.get("permission") == {"android.permission.INTERNET": True}
    for settings in (mac, android, configured("linux", "system")[1]):
        # Briefcase's cross-platform permissions (camera, location, photos...): none.
        assert not {k: v for k, v in (settings.get("permission") or {}).items() if "." not in k}


LINUX_SIZES = (16, 32, 64, 128, 256, 512)
ANDROID_SIZES = (48, 72, 96, 144, 192)
ADAPTIVE_SIZES = (108, 162, 216, 324, 432)


def test_the_icons_are_there_at_every_size_a_build_asks_for() -> None:
    app, _ = configured("linux", "system")
    base = NATIVE / str(app.icon)
    expected = {
        **{f"{base}-{size}.png": size for size in LINUX_SIZES},
        **{f"{base}-square-{size}.png": size for size in ANDROID_SIZES},
        **{f"{base}-round-{size}.png": size for size in ANDROID_SIZES},
        **{f"{base}-adaptive-{size}.png": size for size in ADAPTIVE_SIZES},
    }

    for path, size in expected.items():
        with Image.open(path) as icon:
            assert icon.size == (size, size), path
    with Image.open(f"{base}.icns") as mac_icon:
        assert mac_icon.format == "ICNS"
        assert (512, 512, 2) in mac_icon.info["sizes"]  # a Retina dock's 1024 pixels
