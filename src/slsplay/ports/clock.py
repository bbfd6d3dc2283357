"""Where the current instant comes from: services and the domain never read the system
clock themselves."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """Where the current instant comes from (a test moves it by hand)."""

    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...
