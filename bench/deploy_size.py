"""What a deploy ships: the unzipped size of the dependencies layer and of each function's
code, as `sam build` left them in .aws-sam/build, against Lambda's limit.

Run: `make size` (builds first, then prints this and bench/import_time.py's table), or
.venv/bin/python bench/deploy_size.py [--build-dir .aws-sam/build] [--top 12]

Lambda counts a function's code and its layers, unzipped, against 250 MB (MiB, in fact),
and a cold start reads them; the zipped size is what a deploy uploads. Sizes are of regular
files (links not followed), in MB of 10^6 bytes; the zip is made in memory at the default
compression level, as `sam deploy` packs them.
"""

from __future__ import annotations

import argparse
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from slsplay.local.template import load_template

ROOT = Path(__file__).resolve().parents[1]
# Lambda's quota on a function's code and layers, unzipped: 262,144,000 bytes.
UNZIPPED_LIMIT = 262_144_000
LAYER = "DependenciesLayer"
MB = 1_000_000


@dataclass(frozen=True)
class Size:
    """The files of one built artifact: how many, their bytes, and zipped."""

    files: int
    unzipped: int
    zipped: int


def measure(directory: Path) -> Size:
    """The size of a built directory's files, unzipped and zipped."""
    files = unzipped = 0
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder, _, names in os.walk(directory):
            for name in names:
                path = Path(folder) / name
                if path.is_symlink() or not path.is_file():
                    continue
                files += 1
                unzipped += path.stat().st_size
                archive.write(path, path.relative_to(directory))
    return Size(files, unzipped, buffer.tell())


def package_sizes(directory: Path) -> dict[str, int]:
    """The bytes of each top-level entry of a layer's ``python/`` folder (a package, or a
    distribution's metadata and compiled libraries, named as they are)."""
    sizes: dict[str, int] = {}
    for entry in directory.iterdir():
        paths = [entry] if entry.is_file() else entry.rglob("*")
        sizes[entry.name] = sum(
            p.stat().st_size for p in paths if p.is_file() and not p.is_symlink()
        )
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", type=Path, default=ROOT / ".aws-sam" / "build")
    parser.add_argument("--top", type=int, default=12, help="the layer's largest entries to list")
    args = parser.parse_args()
    build: Path = args.build_dir
    if not (build / LAYER).is_dir():
        parser.error(f"no {LAYER} in {build}: run `make build` first")
    resources = load_template(ROOT / "template.yaml")["Resources"]
    functions = sorted(
        name
        for name, resource in resources.items()
        if resource["Type"] == "AWS::Serverless::Function"
    )
    layer = measure(build / LAYER)
    print(f"unzipped (and zipped) size of what `sam build` left in {build}, MB of 10^6 bytes")
    print(f"{'artifact':<20} {'files':>6} {'unzipped':>9} {'zipped':>7} {'with layer':>10}")
    print(f"{LAYER:<20} {layer.files:>6} {layer.unzipped / MB:>9.1f} {layer.zipped / MB:>7.1f}")
    largest = 0
    for name in functions:
        if not (build / name).is_dir():
            print(f"{name:<20} not built")
            continue
        code = measure(build / name)
        total = code.unzipped + layer.unzipped
        largest = max(largest, total)
        print(
            f"{name:<20} {code.files:>6} {code.unzipped / MB:>9.1f} {code.zipped / MB:>7.1f}"
            f" {total / MB:>10.1f}"
        )
    print(
        f"\nlargest function with the layer: {largest / MB:.1f} MB of Lambda's 250 MiB "
        f"({UNZIPPED_LIMIT / MB:.1f} MB): {largest / UNZIPPED_LIMIT:.0%}"
    )
    sizes = sorted(package_sizes(build / LAYER / "python").items(), key=lambda e: -e[1])
    listed = ", ".join(f"{name} {size / MB:.1f}" for name, size in sizes[: args.top])
    print(f"the layer's largest entries (MB): {listed}")


if __name__ == "__main__":
    main()
