"""The token-signing key on a laptop: a PEM file in the data directory, made on first use."""

from __future__ import annotations

import os
from pathlib import Path

from slsplay.adapters.tokens import new_signing_key


def signing_key_file(path: Path) -> bytes:
    """The key in ``path``, created (readable by its owner only) if there is none yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = new_signing_key()
    try:
        # O_EXCL: when two processes start at once, exactly one key is written.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(descriptor, "wb") as f:
        f.write(key)
    return key
