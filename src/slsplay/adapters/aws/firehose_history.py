"""The analytics history in the cloud: records sent to a Kinesis Data Firehose delivery
stream, which converts them to Parquet with the Glue table's schema and writes them to S3
by day (template.yaml's AnalyticsDeliveryStream)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date
from typing import Any

from slsplay.domain.analytics import AnalyticsRecord

MAX_RECORDS = 500  # PutRecordBatch's limit (and 4 MiB, far above 500 records of these)
ATTEMPTS = 5


class HistoryNotDelivered(RuntimeError):
    """Firehose kept refusing some records: the batch is to be put again."""


def firehose_json(record: AnalyticsRecord) -> bytes:
    """One record as the delivery stream reads it: JSON by column, ``occurred_at`` in epoch
    milliseconds (the Hive JSON SerDe's ``millis``), and ``dt``, which partitions it."""
    row = record.as_row()
    row["occurred_at"] = int(record.occurred_at.astimezone(UTC).timestamp() * 1000)
    row["dt"] = record.dt
    return json.dumps(row, separators=(",", ":")).encode() + b"\n"


class FirehoseHistory:
    """``AnalyticsHistory`` on a Firehose delivery stream."""

    def __init__(
        self,
        stream: str,
        client: Callable[[str], Any],
        pause: Callable[[float], None] = time.sleep,
    ) -> None:
        self.stream = stream
        self._client_factory = client
        self._client: Any = None
        self._pause = pause

    def put(self, records: Sequence[AnalyticsRecord]) -> None:
        """Send the records, again those Firehose refused (throttled), with a growing pause."""
        if self._client is None:
            self._client = self._client_factory("firehose")
        for start in range(0, len(records), MAX_RECORDS):
            pending = [{"Data": firehose_json(r)} for r in records[start : start + MAX_RECORDS]]
            for attempt in range(ATTEMPTS):
                answer = self._client.put_record_batch(
                    DeliveryStreamName=self.stream, Records=pending
                )
                if not answer.get("FailedPutCount"):
                    break
                pending = [
                    entry
                    for entry, result in zip(pending, answer["RequestResponses"], strict=True)
                    if result.get("ErrorCode")
                ]
                self._pause(0.1 * 2**attempt)
            else:
                raise HistoryNotDelivered(f"{len(pending)} records refused by {self.stream}")

    def expire(self, before: date) -> int:
        """Nothing: the bucket's lifecycle rule expires the days (AnalyticsRetentionDays)."""
        return 0
