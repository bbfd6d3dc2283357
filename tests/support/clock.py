"""A clock that tests move by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

START = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)


class FakeClock:
    """Stands still until told to move."""

    def __init__(self, now: datetime = START) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment
