"""The change feed into one function, as a DynamoDB Streams event source mapping delivers it.

``StreamPump`` reads the store's change feed from its checkpoint and delivers DynamoDB Streams
batches in order, one at a time, honouring ``ReportBatchItemFailures``,
``BisectBatchOnFunctionError``, ``MaximumRetryAttempts``, ``MaximumBatchingWindowInSeconds``
and the ``OnFailure`` destination as the mapping does. It keeps its retry counts in its
checkpoint, beside its position: a batch that failed before a restart is retried only as many
more times as ``MaximumRetryAttempts`` has left.

A batching window counts from the oldest record's arrival in the change feed (its
``ApproximateCreationDateTime``): the feed can be read again and again without taking
anything, so the pump leaves a short batch there until it is full or old enough.

Where it differs from AWS: one shard, so one batch at a time (``ParallelizationFactor`` is
not needed to keep each item's records in order, and is not used).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from datetime import UTC, timedelta
from typing import Any

from slsplay.local.backend import Checkpoints
from slsplay.local.chaos import Chaos
from slsplay.local.delivery import POLL_SECONDS, Outcome, failed_items, iso_time
from slsplay.local.environments import InvocationError
from slsplay.local.filters import EventFilter
from slsplay.local.functions import LambdaFunction
from slsplay.local.streams import stream_event
from slsplay.ports import Change, Clock, FailedBatches, ItemStore, Queue

logger = logging.getLogger("slsplay.local")

DEFAULT_STREAM_BATCH = 100
# One shard locally; a stable id shaped like DynamoDB Streams' own.
LOCAL_SHARD_ID = "shardId-00000001700000000000-00000000"


class StreamPump:
    """The change feed into one function, as a DynamoDB Streams event source mapping does."""

    def __init__(
        self,
        function: LambdaFunction,
        event_name: str,
        *,
        store: ItemStore,
        checkpoints: Checkpoints,
        stream_arn: str,
        clock: Clock,
        batch_size: int = DEFAULT_STREAM_BATCH,
        batching_window: float = 0.0,
        bisect: bool = False,
        max_retries: int | None = None,
        report_failures: bool = False,
        on_failure: Queue | None = None,
        failed_batches: FailedBatches | None = None,
        starting_position: str = "TRIM_HORIZON",
        event_filter: EventFilter | None = None,
        chaos: Chaos | None = None,
    ) -> None:
        self.function = function
        self.name = f"{function.config.logical_id}.{event_name}"
        self.store = store
        self.checkpoints = checkpoints
        self.stream_arn = stream_arn
        self.clock = clock
        self.batch_size = batch_size
        self.batching_window = timedelta(seconds=batching_window)
        self.bisect = bisect
        self.max_retries = max_retries  # None: retry until it works, as -1 does
        self.report_failures = report_failures
        # The OnFailure destination: a queue (or topic) gets the failure's record, a bucket
        # the batch itself as well.
        self.on_failure = on_failure
        self.failed_batches = failed_batches
        # The mapping's UUID, as its failed batches' keys carry it.
        self.mapping_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{function.config.arn}#{event_name}")
        self.event_filter = event_filter
        self.chaos = chaos
        self._checkpoint = f"stream/{self.name}"
        # Failed invocations per record position, for the records after the position.
        self._failures_checkpoint = f"{self._checkpoint}/failures"
        saved = checkpoints.get(self._checkpoint)
        if saved is None and starting_position == "LATEST":
            saved = self._end_of_feed()
            if saved is not None:
                checkpoints.put(self._checkpoint, saved)
        self.position: str | None = saved
        # Consecutive sub-batches still to deliver, in order (a bisected batch is two).
        self._work: list[list[Change]] = []
        counts = checkpoints.get(self._failures_checkpoint)
        self._failures: dict[str, int] = json.loads(counts) if counts else {}

    def idle_wait(self) -> float:
        """How often an idle stream is polled."""
        return POLL_SECONDS

    def quiet(self) -> bool:
        """Whether every change of the feed has been delivered."""
        return not self._work and not self.store.changes(self.position, 1).changes

    def pump_once(self) -> Outcome:
        """Deliver the next batch (or the retry of a failed one) and act on the answer."""
        if not self._work:
            page = self.store.changes(self.position, self.batch_size).changes
            if not page or self._gathering(page):
                return Outcome.IDLE
            batch = self._passing(page)
            if not batch:
                self._delivered(page, keep_rest=True)  # none passes the filter: past it, unseen
                return Outcome.WORKED
            self._work = [batch]
        batch = self._work[0]
        event = self._event(batch)
        try:
            payload = self.function.invoke(event)
        except InvocationError as e:
            logger.warning("%s: the function failed: %s", self.name, e)
            return self._batch_failed(batch, "Unhandled")
        if self.chaos is not None and self.chaos.lose_answer():
            logger.info("%s: chaos: the answer for %s is lost", self.name, _span(batch))
            return self._batch_failed(batch, "Unhandled")
        if not self.report_failures:
            return self._succeeded(batch, event)
        failed = failed_items(payload, [change.position for change in batch])
        if failed is None:
            logger.warning("%s: the function's batchItemFailures are invalid", self.name)
            return self._batch_failed(batch, None)
        if not failed:
            return self._succeeded(batch, event)
        # Lambda checkpoints before the lowest failed sequence number and retries from it.
        first = min(index for index, change in enumerate(batch) if change.position in failed)
        if first:
            self._delivered(batch[:first], keep_rest=True)
        rest = batch[first:]
        self._work[0] = rest
        return self._retry_or_discard(rest, None)

    def _event(self, batch: list[Change]) -> dict[str, Any]:
        return stream_event(batch, stream_arn=self.stream_arn, region=self.function.config.region)

    def _passing(self, page: list[Change]) -> list[Change]:
        """The records of ``page`` that pass the mapping's filter (Lambda drops the others)."""
        if self.event_filter is None:
            return page
        records = self._event(page)["Records"]
        return [
            change
            for change, record in zip(page, records, strict=True)
            if self.event_filter.matches_stream_record(record)
        ]

    def _succeeded(self, batch: list[Change], event: dict[str, Any]) -> Outcome:
        """Checkpoint past the batch; with chaos, deliver it once more (as a shard's retry
        after a lost checkpoint would), whatever comes of that."""
        self._delivered(batch)
        if self.chaos is not None and self.chaos.again():
            logger.info("%s: chaos: %s delivered again", self.name, _span(batch))
            try:
                self.function.invoke(event)
            except InvocationError as e:
                logger.warning("%s: the repeated delivery failed: %s", self.name, e)
        return Outcome.WORKED

    def _gathering(self, batch: list[Change]) -> bool:
        """Whether a new batch waits to fill: short, and its oldest record within the window."""
        if not self.batching_window or len(batch) >= self.batch_size:
            return False
        return self.clock.now() < batch[0].at + self.batching_window

    def _batch_failed(self, batch: list[Change], error_type: str | None) -> Outcome:
        if self.bisect and len(batch) > 1:
            # Splitting does not count as a retry; each half is retried on its own.
            half = len(batch) // 2
            self._work[0:1] = [batch[:half], batch[half:]]
            logger.warning("%s: batch %s failed; split in two", self.name, _span(batch))
            return Outcome.FAILED
        return self._retry_or_discard(batch, error_type or "Unhandled")

    def _retry_or_discard(self, batch: list[Change], error: str | None) -> Outcome:
        attempts = 0
        for change in batch:
            self._failures[change.position] = self._failures.get(change.position, 0) + 1
            attempts = max(attempts, self._failures[change.position])
        if self.max_retries is None or attempts <= self.max_retries:
            logger.warning("%s: batch %s failed; retrying", self.name, _span(batch))
            self.checkpoints.put(self._failures_checkpoint, json.dumps(self._failures))
            return Outcome.FAILED
        destination = self.failed_batches or self.on_failure
        logger.error(
            "%s: batch %s failed %d times; skipped%s",
            self.name,
            _span(batch),
            attempts,
            f" and sent to {destination.name}" if destination else "",
        )
        if destination is not None:
            self._send_failure(batch, attempts, error)
        self._delivered(batch)
        return Outcome.FAILED

    def replay_failed(self, limit: int = 100) -> tuple[int, int]:
        """Deliver the batches kept in the failure bucket again, as they were first sent;
        forget those the function now takes whole. Answers (replayed, still failing)."""
        if self.failed_batches is None:
            raise LookupError(f"{self.name} keeps no failed batches (its destination is no bucket)")
        replayed = failing = 0
        for failed in self.failed_batches.batches(limit):
            try:
                payload = self.function.invoke(dict(failed.payload))
            except InvocationError as e:
                logger.warning("%s: %s failed again: %s", self.name, failed.key, e)
                failing += 1
                continue
            records = failed.payload.get("Records", [])
            identifiers = [record["dynamodb"]["SequenceNumber"] for record in records]
            if self.report_failures and failed_items(payload, identifiers) != []:
                logger.warning("%s: %s failed again, in part", self.name, failed.key)
                failing += 1
                continue
            self.failed_batches.remove(failed.key)
            replayed += 1
        return replayed, failing

    def _send_failure(self, batch: list[Change], attempts: int, error: str | None) -> None:
        """What Lambda sends the on-failure destination: to a queue (or topic) the record of
        the failure alone, pointing into the stream; to a bucket the batch itself as well."""
        record = self._failure_record(batch, attempts, error)
        if self.failed_batches is not None:
            now = self.clock.now().astimezone(UTC)
            key = (
                f"aws/lambda/{self.mapping_id}/{LOCAL_SHARD_ID}/{now:%Y/%m/%d}/"
                f"{now:%Y-%m-%dT%H.%M.%S}-{uuid.uuid4()}"
            )
            self.failed_batches.add(key, record, self._event(batch))
        elif self.on_failure is not None:
            self.on_failure.send(json.dumps(record))

    def _delivered(self, batch: list[Change], *, keep_rest: bool = False) -> None:
        """Checkpoint past ``batch`` (saved before anything moves on in memory)."""
        last = batch[-1].position
        done = {change.position for change in batch}
        failures = {position: n for position, n in self._failures.items() if position not in done}
        self.checkpoints.put_many(
            {
                self._checkpoint: last,
                self._failures_checkpoint: json.dumps(failures) if failures else None,
            }
        )
        self.position = last
        self._failures = failures
        if not keep_rest:
            self._work.pop(0)

    def _failure_record(
        self, batch: list[Change], attempts: int, error: str | None
    ) -> dict[str, Any]:
        """What Lambda sends an on-failure destination about a stream batch it gave up on."""
        response: dict[str, Any] = {"statusCode": 200, "executedVersion": "$LATEST"}
        if error is not None:
            response["functionError"] = error
        return {
            "requestContext": {
                "requestId": str(uuid.uuid4()),
                "functionArn": self.function.config.arn,
                "condition": "RetryAttemptsExhausted",
                "approximateInvokeCount": attempts,
            },
            "responseContext": response,
            "version": "1.0",
            "timestamp": iso_time(self.clock.now(), milliseconds=True),
            "DDBStreamBatchInfo": {
                "shardId": LOCAL_SHARD_ID,
                "startSequenceNumber": batch[0].position,
                "endSequenceNumber": batch[-1].position,
                "approximateArrivalOfFirstRecord": iso_time(batch[0].at),
                "approximateArrivalOfLastRecord": iso_time(batch[-1].at),
                "batchSize": len(batch),
                "streamArn": self.stream_arn,
            },
        }

    def _end_of_feed(self) -> str | None:
        position = None
        while True:
            page = self.store.changes(position, 1000)
            if not page.changes:
                return position
            position = page.position


def _span(batch: Sequence[Change]) -> str:
    return f"{batch[0].position}..{batch[-1].position}"
