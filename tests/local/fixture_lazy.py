"""A handler module that remembers the environment it was imported in."""

from __future__ import annotations

import os
from typing import Any

ENVIRONMENT_AT_IMPORT = {name: os.environ.get(name) for name in ("SLSPLAY_BACKEND", "LAZY_WORD")}


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Answers with the environment its module saw when it was imported."""
    return {"imported_with": ENVIRONMENT_AT_IMPORT}
