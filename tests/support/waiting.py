"""Waiting for what the event-driven tier does in the background: poll, never sleep blind."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

# A deadline only bounds how long a failure takes to show: on a busy machine (make test runs
# two checks at a time on two cores) the tier can take several times its usual seconds.
DEADLINE_SECONDS = 60


def eventually(check: Callable[[], Any], seconds: float = DEADLINE_SECONDS) -> Any:
    """Poll ``check`` until it answers something truthy, or fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds:g} s: {check.__doc__}")
        time.sleep(0.1)
