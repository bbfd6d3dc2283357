"""The real clock."""

from __future__ import annotations

from datetime import UTC, datetime


class SystemClock:
    """The current instant from the operating system, in UTC."""

    def now(self) -> datetime:
        """Now."""
        return datetime.now(UTC)
