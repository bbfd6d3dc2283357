"""The adapters of this Lambda process, shared by every handler in it and built on first use."""

from __future__ import annotations

import functools

from slsplay.bootstrap import Container, bootstrap


@functools.cache
def container() -> Container:
    """This process's adapters, built on the first invocation (never at import)."""
    return bootstrap()
