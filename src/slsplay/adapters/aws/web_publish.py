"""Publishing the built web app: ``web/dist`` into the stage's web bucket, behind CloudFront.

``make deploy`` runs ``python -m slsplay.adapters.aws.web_publish STACK`` after the stack (the
stage's stack, as ``slsplay.ops.stages`` reads its name from samconfig.toml): it reads the
stack's outputs (``WebBucketName``, ``WebDistributionId``), uploads every file with its content
type and a cache lifetime fit for it, and asks CloudFront to drop its copies of the files that
keep their names between builds.

- Vite's hashed assets (``assets/``) never change under their name: cached for a year.
- ``index.html``, the manifest and the service files keep their names: ``no-cache`` (browsers
  and CloudFront check for a newer one each time), and CloudFront's copies are invalidated.
- Files of earlier builds are left in place: a page still open in a browser keeps working.
"""

from __future__ import annotations

import mimetypes
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
DEFAULT_DIST = Path(__file__).resolve().parents[4] / "web" / "dist"
_TYPES = {
    ".webmanifest": "application/manifest+json",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}


@dataclass(frozen=True)
class Published:
    """What one publication did."""

    uploaded: int
    invalidation_id: str | None


def content_type(path: Path) -> str:
    """The Content-Type to store a built file with."""
    known = _TYPES.get(path.suffix.lower())
    if known is not None:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    kind = guessed or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


def cache_control(key: str) -> str:
    """How long browsers and CloudFront may keep a file (see the module's docstring)."""
    return IMMUTABLE if key.startswith("assets/") else REVALIDATE


def publish(
    dist: Path, bucket: str, distribution_id: str, client: Callable[[str], Any]
) -> Published:
    """Upload ``dist`` to ``bucket`` and invalidate what keeps its name on ``distribution_id``."""
    if not (dist / "index.html").is_file():
        raise FileNotFoundError(f"{dist} has no index.html: build the web app first")
    s3 = client("s3")
    renamed_never: list[str] = []
    uploaded = 0
    # Assets first, index.html last: a browser never gets a page whose scripts are not there.
    files = sorted(
        (path for path in dist.rglob("*") if path.is_file()),
        key=lambda path: (path.name == "index.html", str(path)),
    )
    for path in files:
        key = path.relative_to(dist).as_posix()
        s3.put_object(
            Bucket=bucket,
            Key=key,
            Body=path.read_bytes(),
            ContentType=content_type(path),
            CacheControl=cache_control(key),
        )
        uploaded += 1
        if cache_control(key) == REVALIDATE:
            renamed_never.append(f"/{key}")
    if not renamed_never:
        return Published(uploaded, None)
    answer = client("cloudfront").create_invalidation(
        DistributionId=distribution_id,
        InvalidationBatch={
            "Paths": {"Quantity": len(renamed_never) + 1, "Items": ["/", *renamed_never]},
            "CallerReference": f"slsplay-web-{time.time_ns()}",
        },
    )
    return Published(uploaded, str(answer["Invalidation"]["Id"]))


def stack_outputs(stack: str, client: Callable[[str], Any]) -> dict[str, str]:
    """The outputs of a deployed stack, by key."""
    (described,) = client("cloudformation").describe_stacks(StackName=stack)["Stacks"]
    return {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}


def main(argv: list[str]) -> int:
    """``python -m slsplay.adapters.aws.web_publish STACK [DIST]``."""
    import boto3  # noqa: PLC0415  (a deploy's tool, not a function's)

    if len(argv) not in (1, 2):
        print("usage: python -m slsplay.adapters.aws.web_publish STACK [DIST]", file=sys.stderr)
        return 2

    def client(service: str) -> Any:  # the deployer's own credentials and region
        return boto3.client(service)  # type: ignore[call-overload]

    dist = Path(argv[1]) if len(argv) == 2 else DEFAULT_DIST
    outputs = stack_outputs(argv[0], client)
    published = publish(dist, outputs["WebBucketName"], outputs["WebDistributionId"], client)
    print(
        f"uploaded {published.uploaded} files to {outputs['WebBucketName']}; "
        f"CloudFront invalidation {published.invalidation_id}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
