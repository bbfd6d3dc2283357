"""Where the analytics history goes: the append-only records that SQL reports read.

In the cloud a Kinesis Data Firehose delivery stream, which writes them to S3 as Parquet by
day; locally Parquet files of the same layout in the data directory. A record may be put
more than once (a retried batch): reports count distinct ``event_id``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from slsplay.domain.analytics import AnalyticsRecord


class AnalyticsHistory(Protocol):
    """The analytics history, as its writer sees it."""

    def put(self, records: Sequence[AnalyticsRecord]) -> None:
        """Append the records (all of them, or raise: the caller puts them again)."""
        ...

    def expire(self, before: date) -> int:
        """Remove the days before ``before``; answers how many (the cloud's bucket expires
        them by its lifecycle rule: nothing to do there)."""
        ...
