"""The edge cache in front of the public pages (CloudFront in the cloud, the local runtime's
emulation locally): what the product may ask of it is to forget paths."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

# CloudFront takes up to 15 wildcard paths in progress at once; a batch of ours stays far
# below it, and one request carries them all.
MAX_INVALIDATION_PATHS = 15


class EdgeCache(Protocol):
    """Where copies of the public pages are kept close to readers."""

    def invalidate(self, paths: Sequence[str]) -> None:
        """Forget every copy under ``paths`` (a trailing ``*`` is a wildcard), in one batch."""
        ...
