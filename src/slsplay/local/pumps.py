"""The local runtime's event sources: the template's stream, queue and schedule wiring, run.

What Lambda's event source mappings, EventBridge and DynamoDB's time to live do in the
cloud, done here in process:

- ``StreamPump``, per function with a ``DynamoDB`` event: reads the local store's change feed
  from its checkpoint, delivers DynamoDB Streams batches in order, one at a time, and honours
  ``ReportBatchItemFailures``, ``BisectBatchOnFunctionError``, ``MaximumRetryAttempts``,
  ``MaximumBatchingWindowInSeconds`` and the ``OnFailure`` destination as the mapping does;
- ``QueuePump``, per function with an ``SQS`` event: receives from the durable SQLite queue
  (with the template queue's visibility timeout and redrive policy), delivers SQS batches
  (gathered for up to ``MaximumBatchingWindowInSeconds``), deletes what succeeded;
- ``Scheduler``, for every ``Schedule``/``ScheduleV2`` event: fires EventBridge Scheduled
  Events at the expression's times (see ``schedules.py`` for what is supported), each run
  in a thread of its own so that a slow job never delays another;
- ``TtlSweeper``, per table whose ``TimeToLiveSpecification`` is enabled: deletes the items
  that expired, every minute, as DynamoDB's TTL process does (within days, in the cloud).

``Pumps`` builds them all from a ``Stack`` and its functions, checks the wiring when it is
made (a bad expression, an unknown queue, or an event source setting the pumps cannot honour
such as ``FilterCriteria`` fails ``slsplay serve`` at startup), and runs each pump in its own
thread. Tests call ``pump_once()`` instead, and inject the clock.

Where AWS retries with backoff, a pump whose step failed waits before the next one (up to
``MAX_BACKOFF_SECONDS``); ``pump_once`` itself never waits. A stream pump keeps its retry
counts in its checkpoint, beside its position: a batch that failed before a restart is
retried only as many more times as ``MaximumRetryAttempts`` has left.

A batching window counts from the oldest record's arrival in the change feed (its
``ApproximateCreationDateTime``): the feed can be read again and again without taking
anything, so the stream pump leaves a short batch there until it is full or old enough. A
queue pump must receive a message to see it, so it holds what it received, as Lambda's poller
does, and counts the window from that first receive; messages held when the runtime stops
show again after their visibility timeout.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, Protocol

from slsplay.adapters.clock import SystemClock
from slsplay.adapters.local.sqlite_queue import SqliteQueue, SqliteQueues
from slsplay.adapters.local.sqlite_store import INDEXABLE_NAME, SqliteItemStore
from slsplay.adapters.queue_limits import MAX_BATCH
from slsplay.bootstrap import QUEUES_FILE, Container
from slsplay.config import Settings
from slsplay.local.checkpoints import Checkpoints
from slsplay.local.functions import InvocationError, LambdaFunction
from slsplay.local.schedules import Schedule, parse_schedule, scheduled_event
from slsplay.local.sqs_events import sqs_event
from slsplay.local.streams import stream_event
from slsplay.local.template import Stack, TemplateError
from slsplay.ports import Change, Clock, ItemStore, Queue, QueueMessage

logger = logging.getLogger("slsplay.local")

POLL_SECONDS = 0.1
MAX_BACKOFF_SECONDS = 5.0
DEFAULT_VISIBILITY_TIMEOUT = 30
# The event source mapping's defaults, where the template sets nothing.
DEFAULT_STREAM_BATCH = 100
DEFAULT_SQS_BATCH = 10
# Lambda's limit on MaximumBatchingWindowInSeconds.
MAX_BATCHING_WINDOW_SECONDS = 300
# One shard locally; a stable id shaped like DynamoDB Streams' own.
LOCAL_SHARD_ID = "shardId-00000001700000000000-00000000"
# How often expired items are looked for, and how many are deleted in one transaction.
TTL_SWEEP_SECONDS = 60.0
TTL_PAGE = 100


class Outcome(Enum):
    """What one step of a pump did, which tells its thread how long to wait."""

    WORKED = "worked"  # go on at once
    IDLE = "idle"  # nothing to do: poll again after a while
    FAILED = "failed"  # the function failed: retry after a backoff


class Pump(Protocol):
    """One event source: a step at a time, run by a thread or by a test."""

    name: str

    def pump_once(self) -> Outcome:
        """Deliver at most one batch (or fire what is due)."""
        ...

    def idle_wait(self) -> float:
        """Seconds to wait after an idle step."""
        ...


# -- the template's queues ------------------------------------------------------------------


@dataclass(frozen=True)
class QueueSpec:
    """An ``AWS::SQS::Queue`` of the template, with its redrive policy."""

    logical_id: str
    name: str
    arn: str
    url: str
    visibility_timeout: int = DEFAULT_VISIBILITY_TIMEOUT
    dead_letter: str | None = None  # the dead-letter queue's logical id
    max_receive_count: int | None = None


def queue_specs(stack: Stack) -> dict[str, QueueSpec]:
    """Every queue of the template by logical id, redrive policies resolved."""
    raw = {
        logical_id: stack.properties(logical_id)
        for logical_id in stack.resources("AWS::SQS::Queue")
    }
    arns = {str(stack.get_att(logical_id, "Arn")): logical_id for logical_id in raw}
    specs = {}
    for logical_id, properties in raw.items():
        policy = properties.get("RedrivePolicy")
        if isinstance(policy, str):  # CloudFormation also takes it as a JSON string
            policy = json.loads(policy)
        dead_letter, max_receives = None, None
        if policy:
            target = str(policy.get("deadLetterTargetArn"))
            if target not in arns:
                raise TemplateError(
                    f"{logical_id}'s dead-letter queue {target} is not in the template"
                )
            dead_letter, max_receives = arns[target], int(policy["maxReceiveCount"])
        specs[logical_id] = QueueSpec(
            logical_id=logical_id,
            name=stack.physical_name(logical_id),
            arn=str(stack.get_att(logical_id, "Arn")),
            url=str(stack.ref(logical_id)),
            visibility_timeout=int(properties.get("VisibilityTimeout", DEFAULT_VISIBILITY_TIMEOUT)),
            dead_letter=dead_letter,
            max_receive_count=max_receives,
        )
    return specs


# -- what functions answer ------------------------------------------------------------------


def failed_items(payload: str, identifiers: Sequence[str]) -> list[str] | None:
    """The ``batchItemFailures`` identifiers of a ``ReportBatchItemFailures`` answer.

    ``[]`` when the batch succeeded (no answer, ``{}``, an empty or null list); ``None`` when
    Lambda would count the whole batch as failed: an answer that is not an object, or an
    identifier that is missing, empty or not one of the batch's.
    """
    answer = json.loads(payload)
    if answer is None:
        return []
    if not isinstance(answer, dict):
        return None
    failures = answer.get("batchItemFailures")
    if failures is None:
        return []
    if not isinstance(failures, list):
        return None
    known = set(identifiers)
    failed = []
    for failure in failures:
        identifier = failure.get("itemIdentifier") if isinstance(failure, dict) else None
        if not isinstance(identifier, str) or identifier not in known:
            return None
        failed.append(identifier)
    return failed


# -- DynamoDB Streams -----------------------------------------------------------------------


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
        starting_position: str = "TRIM_HORIZON",
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
        self.on_failure = on_failure
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

    def pump_once(self) -> Outcome:
        """Deliver the next batch (or the retry of a failed one) and act on the answer."""
        if not self._work:
            batch = self.store.changes(self.position, self.batch_size).changes
            if not batch or self._gathering(batch):
                return Outcome.IDLE
            self._work = [batch]
        batch = self._work[0]
        event = stream_event(batch, stream_arn=self.stream_arn, region=self.function.config.region)
        try:
            payload = self.function.invoke(event)
        except InvocationError as e:
            logger.warning("%s: the function failed: %s", self.name, e)
            return self._batch_failed(batch, "Unhandled")
        if not self.report_failures:
            self._delivered(batch)
            return Outcome.WORKED
        failed = failed_items(payload, [change.position for change in batch])
        if failed is None:
            logger.warning("%s: the function's batchItemFailures are invalid", self.name)
            return self._batch_failed(batch, None)
        if not failed:
            self._delivered(batch)
            return Outcome.WORKED
        # Lambda checkpoints before the lowest failed sequence number and retries from it.
        first = min(index for index, change in enumerate(batch) if change.position in failed)
        if first:
            self._delivered(batch[:first], keep_rest=True)
        rest = batch[first:]
        self._work[0] = rest
        return self._retry_or_discard(rest, None)

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
        logger.error(
            "%s: batch %s failed %d times; skipped%s",
            self.name,
            _span(batch),
            attempts,
            " and sent to the on-failure destination" if self.on_failure else "",
        )
        if self.on_failure is not None:
            self.on_failure.send(json.dumps(self._failure_record(batch, attempts, error)))
        self._delivered(batch)
        return Outcome.FAILED

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
            "timestamp": _iso(self.clock.now(), milliseconds=True),
            "DDBStreamBatchInfo": {
                "shardId": LOCAL_SHARD_ID,
                "startSequenceNumber": batch[0].position,
                "endSequenceNumber": batch[-1].position,
                "approximateArrivalOfFirstRecord": _iso(batch[0].at),
                "approximateArrivalOfLastRecord": _iso(batch[-1].at),
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


# -- SQS ------------------------------------------------------------------------------------


class QueuePump:
    """One queue into one function, as an SQS event source mapping does."""

    def __init__(
        self,
        function: LambdaFunction,
        event_name: str,
        *,
        queue: Queue,
        queue_arn: str,
        clock: Clock,
        batch_size: int = DEFAULT_SQS_BATCH,
        batching_window: float = 0.0,
        report_failures: bool = False,
    ) -> None:
        self.function = function
        self.name = f"{function.config.logical_id}.{event_name}"
        self.queue = queue
        self.queue_arn = queue_arn
        self.clock = clock
        self.batch_size = batch_size
        self.batching_window = timedelta(seconds=batching_window)
        self.report_failures = report_failures
        # Received and waiting for the batch to fill, by message id (a message shown again
        # while held replaces its older receipt), and since when the batch has been gathering.
        self._held: dict[str, QueueMessage] = {}
        self._held_since: datetime | None = None

    def idle_wait(self) -> float:
        """How often an empty queue is polled."""
        return POLL_SECONDS

    def pump_once(self) -> Outcome:
        """Receive a batch (gathered for the batching window), deliver it, delete successes."""
        messages = self._gather()
        if not messages:
            return Outcome.IDLE
        event = sqs_event(messages, queue_arn=self.queue_arn, region=self.function.config.region)
        try:
            payload = self.function.invoke(event)
        except InvocationError:
            # Every message shows again when its visibility timeout ends, as on SQS.
            return Outcome.FAILED
        failed: list[str] = []
        if self.report_failures:
            answered = failed_items(payload, [message.message_id for message in messages])
            if answered is None:
                logger.warning("%s: the function's batchItemFailures are invalid", self.name)
                return Outcome.FAILED
            failed = answered
        deleted = 0
        for message in messages:
            if message.message_id not in failed:
                self.queue.delete(message.receipt_handle)
                deleted += 1
        if failed:
            logger.warning("%s: %d of %d messages failed", self.name, len(failed), len(messages))
        return Outcome.WORKED if deleted else Outcome.FAILED

    def _gather(self) -> list[QueueMessage]:
        """The batch to deliver now: full, or gathered for the window; empty while gathering."""
        while len(self._held) < self.batch_size:
            received = self.queue.receive(min(MAX_BATCH, self.batch_size - len(self._held)))
            if not received:
                break
            self._held.update((message.message_id, message) for message in received)
        if not self._held:
            return []
        now = self.clock.now()
        if self._held_since is None:
            self._held_since = now
        if len(self._held) < self.batch_size and now < self._held_since + self.batching_window:
            return []
        messages = list(self._held.values())
        self._held, self._held_since = {}, None
        return messages


# -- schedules ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduledTarget:
    """A function's ``Schedule``/``ScheduleV2`` event."""

    function: LambdaFunction
    event_name: str
    schedule: Schedule
    rule_arn: str
    input: Any = None  # the template's Input, sent instead of the Scheduled Event

    @property
    def key(self) -> str:
        """Its name among the checkpoints."""
        return f"schedule/{self.function.config.logical_id}.{self.event_name}"


class Scheduler:
    """Fires every schedule of the template at its times, by the injected clock.

    Each firing runs in a thread of its own, as each EventBridge firing is an invocation of
    its own: a slow job never delays another schedule, and a run that outlasts its period
    overlaps the next run of the same job, as on Lambda (jobs are idempotent for that
    reason). Overlaps stay few: every run ends within its function's ``Timeout``.

    Each schedule's next due time is a checkpoint, moved past a time once the run for it has
    ended: after a restart a time that passed while the runtime was down, or whose run the
    stop cut short, fires once, late, then the schedule goes on from now (EventBridge never
    misses a time; it is never down). A job's failure is logged and not retried.
    """

    name = "scheduler"

    def __init__(
        self,
        targets: Sequence[ScheduledTarget],
        *,
        checkpoints: Checkpoints,
        clock: Clock,
        account_id: str,
        region: str,
    ) -> None:
        self.targets = list(targets)
        self.checkpoints = checkpoints
        self.clock = clock
        self.account_id = account_id
        self.region = region
        self._due: dict[str, tuple[datetime, datetime]] = {}  # key: (due, anchor)
        self._running: dict[threading.Thread, tuple[ScheduledTarget, datetime]] = {}
        self._lock = threading.Lock()  # over _due, _running and the checkpoints they save
        now = clock.now()
        for target in self.targets:
            saved = checkpoints.get(target.key)
            state = json.loads(saved) if saved else {}
            if state.get("expression") == target.schedule.expression:
                due = datetime.fromisoformat(state["due"])
                anchor = datetime.fromisoformat(state["anchor"])
            else:
                anchor = now
                due = target.schedule.next_after(now, anchor)
                self._save(target, due, anchor)
            self._due[target.key] = (due, anchor)

    def due(self, target: ScheduledTarget) -> datetime:
        """When ``target`` fires next."""
        return self._due[target.key][0]

    def idle_wait(self) -> float:
        """Until the next due time, at most a second (the clock may be a test's)."""
        soonest = min((due for due, _ in self._due.values()), default=None)
        if soonest is None:
            return 1.0
        return min(1.0, max(0.01, (soonest - self.clock.now()).total_seconds()))

    def pump_once(self) -> Outcome:
        """Start a run of every schedule that is due, once each; never waits for one."""
        fired = False
        for target in self.targets:
            with self._lock:
                due, anchor = self._due[target.key]
                now = self.clock.now()
                if due > now:
                    continue
                following = target.schedule.next_after(max(due, now), anchor)
                self._due[target.key] = (following, anchor)
                run = threading.Thread(
                    target=self._run,
                    args=(target, due),
                    name=f"job-{target.function.name}",
                    daemon=True,  # as the functions' own threads: a stuck job cannot hang exit
                )
                self._running[run] = (target, due)
            run.start()
            fired = True
        return Outcome.WORKED if fired else Outcome.IDLE

    def wait(self, timeout: float | None = None) -> bool:
        """Wait up to ``timeout`` seconds for the runs started so far; True if all ended."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._lock:
                runs = list(self._running)
            if not runs:
                return True
            for run in runs:
                run.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
                if run.is_alive():
                    return False

    def fire(self, target: ScheduledTarget, at: datetime) -> str:
        """Invoke ``target``'s function with the event of its schedule for ``at``."""
        event = target.input
        if event is None:
            event = scheduled_event(
                rule_arn=target.rule_arn, at=at, account_id=self.account_id, region=self.region
            )
        logger.info("%s: scheduled run for %s", target.function.name, _iso(at))
        return target.function.invoke(event)

    def _run(self, target: ScheduledTarget, due: datetime) -> None:
        """One firing, in its own thread; then the schedule's checkpoint moves on."""
        try:
            self.fire(target, due)
        except InvocationError:
            logger.error("%s: the scheduled run at %s failed", target.function.name, _iso(due))
        except Exception:
            logger.exception("%s: the scheduled run at %s failed", target.function.name, _iso(due))
        finally:
            with self._lock:
                del self._running[threading.current_thread()]
                # Not past a time whose run (of the same schedule) is still going.
                pending = [at for t, at in self._running.values() if t.key == target.key]
                following, anchor = self._due[target.key]
                try:
                    self._save(target, min([*pending, following]), anchor)
                except Exception:  # closed by a stop that gave up waiting: fired again later
                    logger.exception("%s: the schedule's place was not saved", target.key)

    def _save(self, target: ScheduledTarget, due: datetime, anchor: datetime) -> None:
        state = {"expression": target.schedule.expression, "due": due.isoformat()}
        self.checkpoints.put(target.key, json.dumps(state | {"anchor": anchor.isoformat()}))


# -- time to live ---------------------------------------------------------------------------


class TtlSweeper:
    """A table's time to live: deletes the items that expired, a page at a time.

    DynamoDB does it in the background, typically within a few days of the expiry; this does
    it within a minute (``TTL_SWEEP_SECONDS``), by the pumps' clock. Readers must not count
    on either: an expired item not yet deleted is still read, here as in the cloud.
    """

    def __init__(
        self,
        table: str,
        *,
        store: SqliteItemStore,
        attribute: str,
        clock: Clock,
        page_size: int = TTL_PAGE,
    ) -> None:
        self.name = f"ttl.{table}"
        self.store = store
        self.attribute = attribute
        self.clock = clock
        self.page_size = page_size

    def idle_wait(self) -> float:
        """How often the table is looked at for expired items."""
        return TTL_SWEEP_SECONDS

    def pump_once(self) -> Outcome:
        """Delete a page of expired items; a full page means there may be more."""
        deleted = self.store.delete_expired(self.clock.now(), self.page_size, self.attribute)
        if deleted:
            logger.info("%s: %d expired items deleted", self.name, deleted)
        return Outcome.WORKED if deleted == self.page_size else Outcome.IDLE


# -- all of them ----------------------------------------------------------------------------


class Pumps:
    """The template's event sources, checked when made, run in threads or step by step."""

    def __init__(
        self,
        stack: Stack,
        functions: dict[str, LambdaFunction],
        *,
        data_dir: str | Path,
        clock: Clock | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.stack = stack
        self.functions = functions
        self.data_dir = Path(data_dir)
        # The backend the functions run on: the pumps read its change feed and its queues.
        self.settings = settings or Settings(backend="local", data_dir=self.data_dir)
        self.clock: Clock = clock or SystemClock()
        self.queue_specs = queue_specs(stack)
        self._streams: list[dict[str, Any]] = []
        self._consumers: list[dict[str, Any]] = []
        self.schedules: list[ScheduledTarget] = []
        for logical_id, function in functions.items():
            events = stack.properties(logical_id).get("Events") or {}
            for event_name, event in events.items():
                kind = event.get("Type")
                properties = event.get("Properties") or {}
                if properties.get("Enabled") is False or properties.get("State") == "DISABLED":
                    continue
                if kind in _EVENT_PROPERTIES:
                    _check_properties(f"{logical_id}.{event_name}", kind, properties)
                if kind == "DynamoDB":
                    self._streams.append(self._stream_source(function, event_name, properties))
                elif kind == "SQS":
                    self._consumers.append(self._sqs_source(function, event_name, properties))
                elif kind in ("Schedule", "ScheduleV2"):
                    self.schedules.append(self._schedule(function, event_name, kind, properties))
        self.ttl_attributes = self._ttl_attributes()
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()

    # -- the pumps --------------------------------------------------------------------------

    @cached_property
    def adapters(self) -> Container:
        """The backend's adapters, as the functions have them."""
        return Container(self.settings)

    @cached_property
    def store(self) -> ItemStore:
        """The store whose change feed the stream pumps read: SQLite's, or DynamoDB Streams."""
        return self.adapters.store

    @cached_property
    def queues(self) -> SqliteQueues:
        """The template's queues, in the data directory's queue file."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return SqliteQueues(self.data_dir / QUEUES_FILE, self.clock)

    @cached_property
    def checkpoints(self) -> Checkpoints:
        """Where the stream pumps and the scheduler keep their place."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return Checkpoints(self.data_dir / QUEUES_FILE)

    def queue(self, logical_id: str) -> Queue:
        """A template queue, with its visibility timeout and redrive policy (SQS's own, on
        the AWS backend)."""
        if self.settings.backend == "aws":
            return self.adapters.queue(self.queue_specs[logical_id].url)
        return self._sqlite_queue(logical_id)

    def _sqlite_queue(self, logical_id: str) -> SqliteQueue:
        spec = self.queue_specs[logical_id]
        dead_letter = self._sqlite_queue(spec.dead_letter) if spec.dead_letter else None
        return self.queues.queue(
            spec.name,
            dead_letter=dead_letter,
            max_receive_count=spec.max_receive_count,
            visibility_timeout=spec.visibility_timeout,
        )

    def find_queue(self, name: str) -> QueueSpec:
        """A template queue by logical id or name (case-insensitive)."""
        wanted = name.lower()
        for spec in self.queue_specs.values():
            if wanted in (spec.logical_id.lower(), spec.name.lower()):
                return spec
        known = ", ".join(spec.logical_id for spec in self.queue_specs.values()) or "none"
        raise LookupError(f"no queue {name!r} in the template (queues: {known})")

    @cached_property
    def stream_pumps(self) -> list[StreamPump]:
        """One per ``DynamoDB`` event of a function."""
        pumps = []
        for source in self._streams:
            options = dict(source)
            destination = options.pop("on_failure")
            pumps.append(
                StreamPump(
                    **options,
                    store=self.store,
                    checkpoints=self.checkpoints,
                    clock=self.clock,
                    on_failure=self.queue(destination) if destination else None,
                )
            )
        return pumps

    @cached_property
    def queue_pumps(self) -> list[QueuePump]:
        """One per ``SQS`` event of a function."""
        return [
            QueuePump(
                source["function"],
                source["event_name"],
                queue=self.queue(source["queue"]),
                queue_arn=self.queue_specs[source["queue"]].arn,
                clock=self.clock,
                batch_size=source["batch_size"],
                batching_window=source["batching_window"],
                report_failures=source["report_failures"],
            )
            for source in self._consumers
        ]

    @cached_property
    def scheduler(self) -> Scheduler:
        """Every schedule of the template."""
        return Scheduler(
            self.schedules,
            checkpoints=self.checkpoints,
            clock=self.clock,
            account_id=self.stack.account_id,
            region=self.stack.region,
        )

    @cached_property
    def ttl_sweepers(self) -> list[TtlSweeper]:
        """One per table whose time to live is enabled."""
        if not self.ttl_attributes:
            return []
        store = self.store
        if not isinstance(store, SqliteItemStore):
            return []  # an AWS endpoint's tables expire items themselves, or not at all
        # The local runtime keeps one table: each sweeper looks after it, by its attribute.
        return [
            TtlSweeper(table, store=store, attribute=attribute, clock=self.clock)
            for table, attribute in self.ttl_attributes.items()
        ]

    def all(self) -> list[Pump]:
        """Every pump, built (and their files opened) on first use."""
        pumps: list[Pump] = [*self.stream_pumps, *self.queue_pumps]
        if self.schedules:
            pumps.append(self.scheduler)
        pumps += self.ttl_sweepers
        return pumps

    def pump_once(self) -> int:
        """One step of every pump; answers how many did some work."""
        return sum(pump.pump_once() is Outcome.WORKED for pump in self.all())

    # -- jobs -------------------------------------------------------------------------------

    def job(self, name: str) -> ScheduledTarget:
        """A scheduled function by logical id, name, or kebab-case (``attendee-list``)."""
        wanted = name.strip().lower()
        for target in self.schedules:
            if wanted in _job_names(target.function):
                return target
        known = ", ".join(sorted({_kebab(t.function.config.logical_id) for t in self.schedules}))
        raise LookupError(f"no scheduled job {name!r} in the template (jobs: {known or 'none'})")

    def run_job(self, name: str) -> str:
        """Fire a scheduled job now, as its schedule would; answers the function's result."""
        return self.scheduler.fire(self.job(name), self.clock.now().replace(microsecond=0))

    # -- threads ----------------------------------------------------------------------------

    def start(self) -> None:
        """Run every pump in a background thread of its own."""
        if self._threads:
            return
        self._stopping.clear()
        for pump in self.all():
            thread = threading.Thread(
                target=_run, args=(pump, self._stopping), name=f"pump-{pump.name}", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 15.0) -> None:
        """Stop the threads, wait for the scheduled runs under way, then close the files.

        Each thread finishes the batch in hand and saves its place; each wait is bounded by
        ``timeout`` seconds (a scheduled run by its function's ``Timeout`` too).
        """
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout)
            if thread.is_alive():
                logger.warning("%s did not stop within %.0f s", thread.name, timeout)
        self._threads.clear()
        scheduler: Scheduler | None = self.__dict__.get("scheduler")
        if scheduler is not None and not scheduler.wait(timeout):
            logger.warning("scheduled runs were still going after %.0f s", timeout)
        self.close()

    def close(self) -> None:
        """Close the files the pumps opened."""
        for name in ("store", "queues", "checkpoints"):
            opened = self.__dict__.get(name)
            if opened is not None:
                opened.close()

    # -- reading the template ---------------------------------------------------------------

    def _stream_source(
        self, function: LambdaFunction, event_name: str, properties: dict[str, Any]
    ) -> dict[str, Any]:
        stream = str(properties.get("Stream"))
        tables = self.stack.resources("AWS::DynamoDB::Table")
        if not any(self.stack.get_att(table, "StreamArn") == stream for table in tables):
            raise TemplateError(f"{function.name}.{event_name}: {stream} is no table's stream")
        retries = int(properties.get("MaximumRetryAttempts", -1))
        on_failure = (properties.get("DestinationConfig") or {}).get("OnFailure") or {}
        destination = on_failure.get("Destination")
        starting_position = str(properties.get("StartingPosition", "TRIM_HORIZON"))
        if starting_position not in ("TRIM_HORIZON", "LATEST"):
            raise TemplateError(
                f"{function.config.logical_id}.{event_name}: StartingPosition"
                f" {starting_position} is not one DynamoDB Streams take (TRIM_HORIZON, LATEST)"
            )
        return {
            "function": function,
            "event_name": event_name,
            "stream_arn": stream,
            "batch_size": int(properties.get("BatchSize", DEFAULT_STREAM_BATCH)),
            "batching_window": _batching_window(function, event_name, properties),
            "bisect": bool(properties.get("BisectBatchOnFunctionError", False)),
            "max_retries": None if retries < 0 else retries,
            "report_failures": "ReportBatchItemFailures"
            in (properties.get("FunctionResponseTypes") or []),
            "on_failure": self._queue_by_arn(destination, function) if destination else None,
            "starting_position": starting_position,
        }

    def _sqs_source(
        self, function: LambdaFunction, event_name: str, properties: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "function": function,
            "event_name": event_name,
            "queue": self._queue_by_arn(properties.get("Queue"), function),
            "batch_size": int(properties.get("BatchSize", DEFAULT_SQS_BATCH)),
            "batching_window": _batching_window(function, event_name, properties),
            "report_failures": "ReportBatchItemFailures"
            in (properties.get("FunctionResponseTypes") or []),
        }

    def _schedule(
        self, function: LambdaFunction, event_name: str, kind: str, properties: dict[str, Any]
    ) -> ScheduledTarget:
        where = f"{function.config.logical_id}.{event_name}"
        if kind == "Schedule":
            expression, zone = properties.get("Schedule"), None
            rule = (
                properties.get("Name")
                or f"{self.stack.name}-{function.config.logical_id}{event_name}"
            )
            arn = self._arn("events", f"rule/{rule}")
        else:
            expression, zone = (
                properties.get("ScheduleExpression"),
                properties.get("ScheduleExpressionTimezone"),
            )
            rule = (
                properties.get("Name")
                or f"{self.stack.name}-{function.config.logical_id}{event_name}"
            )
            group = properties.get("GroupName", "default")
            arn = self._arn("scheduler", f"schedule/{group}/{rule}")
        if not isinstance(expression, str):
            raise TemplateError(f"{where}: the schedule has no expression")
        try:
            schedule = parse_schedule(expression, zone)
        except TemplateError as e:
            raise TemplateError(f"{where}: {e}") from e
        raw_input = properties.get("Input")
        return ScheduledTarget(
            function=function,
            event_name=event_name,
            schedule=schedule,
            rule_arn=arn,
            input=json.loads(raw_input) if isinstance(raw_input, str) else None,
        )

    def _ttl_attributes(self) -> dict[str, str]:
        """The TTL attribute of each table whose ``TimeToLiveSpecification`` is enabled."""
        attributes = {}
        for table in self.stack.resources("AWS::DynamoDB::Table"):
            spec = self.stack.properties(table).get("TimeToLiveSpecification") or {}
            if str(spec.get("Enabled", False)).lower() != "true":
                continue
            attribute = spec.get("AttributeName")
            if not isinstance(attribute, str) or not INDEXABLE_NAME.fullmatch(attribute):
                raise TemplateError(
                    f"{table}: the time-to-live attribute {attribute!r} is not one the local"
                    " table can index (letters, digits and _)"
                )
            attributes[table] = attribute
        return attributes

    def _arn(self, service: str, resource: str) -> str:
        return f"arn:aws:{service}:{self.stack.region}:{self.stack.account_id}:{resource}"

    def _queue_by_arn(self, arn: Any, function: LambdaFunction) -> str:
        for spec in self.queue_specs.values():
            if spec.arn == arn:
                return spec.logical_id
        raise TemplateError(f"{function.name}: {arn} is not a queue of the template")


# -- what the pumps honour of an event source mapping's settings -----------------------------

# The properties each event type may have (SAM refuses others), and how the pumps take each:
# None when they do as Lambda does; else a check of the value, which answers nothing when
# the value asks for nothing the pumps leave out, else ("refused", why) for a setting they
# cannot honour (an error at startup) or ("ignored", why) for one whose absence changes
# nothing a function could notice (a line in the log).
_Verdict = tuple[Literal["refused", "ignored"], str] | None


def _refuse_filters(value: Any) -> _Verdict:
    if not (value or {}).get("Filters"):
        return None
    return "refused", "the pumps deliver every record; filters would drop some in the cloud"


def _refuse_tumbling_window(value: Any) -> _Verdict:
    if int(value) == 0:
        return None
    return "refused", "the pumps keep no window state between invocations"


def _refuse_record_age(value: Any) -> _Verdict:
    if int(value) == -1:
        return None
    return "refused", "the pumps never skip a record for its age"


def _refuse_timestamp(value: Any) -> _Verdict:
    return "refused", "DynamoDB Streams start at TRIM_HORIZON or LATEST only"


def _parallelization(value: Any) -> _Verdict:
    if int(value) <= 1:
        return None
    # Lambda keeps each item's records in order across its batches, as one batch at a time does.
    return "ignored", "one batch at a time locally, each item's records in order as in the cloud"


def _scaling(value: Any) -> _Verdict:
    return "ignored", "one batch at a time locally, which any maximum concurrency allows"


_EVENT_PROPERTIES: dict[str, dict[str, Callable[[Any], _Verdict] | None]] = {
    "DynamoDB": {
        "Stream": None,
        "StartingPosition": None,
        "StartingPositionTimestamp": _refuse_timestamp,
        "BatchSize": None,
        "MaximumBatchingWindowInSeconds": None,
        "BisectBatchOnFunctionError": None,
        "MaximumRetryAttempts": None,
        "FunctionResponseTypes": None,
        "DestinationConfig": None,
        "Enabled": None,
        "FilterCriteria": _refuse_filters,
        "TumblingWindowInSeconds": _refuse_tumbling_window,
        "MaximumRecordAgeInSeconds": _refuse_record_age,
        "ParallelizationFactor": _parallelization,
        "KmsKeyArn": None,  # encrypts filter criteria at rest: nothing to do here
        "MetricsConfig": None,  # the mapping's CloudWatch metrics: nothing to do here
    },
    "SQS": {
        "Queue": None,
        "BatchSize": None,
        "MaximumBatchingWindowInSeconds": None,
        "FunctionResponseTypes": None,
        "Enabled": None,
        "FilterCriteria": _refuse_filters,
        "ScalingConfig": _scaling,
        "KmsKeyArn": None,
        "MetricsConfig": None,
    },
}


def _check_properties(where: str, kind: str, properties: dict[str, Any]) -> None:
    """Refuse, naming it, an event source setting the pumps would otherwise silently ignore."""
    known = _EVENT_PROPERTIES[kind]
    for name, value in properties.items():
        if name not in known:
            raise TemplateError(f"{where}: {name} is not a property of a {kind} event")
        check = known[name]
        verdict = check(value) if check is not None else None
        if verdict is None:
            continue
        outcome, why = verdict
        if outcome == "refused":
            raise TemplateError(f"{where}: {name} is not supported by the local runtime: {why}")
        logger.info("%s: %s is ignored by the local runtime: %s", where, name, why)


def _batching_window(
    function: LambdaFunction, event_name: str, properties: dict[str, Any]
) -> float:
    window = float(properties.get("MaximumBatchingWindowInSeconds", 0))
    if not 0 <= window <= MAX_BATCHING_WINDOW_SECONDS:
        raise TemplateError(
            f"{function.config.logical_id}.{event_name}: MaximumBatchingWindowInSeconds is"
            f" {window:g}; Lambda takes 0 to {MAX_BATCHING_WINDOW_SECONDS}"
        )
    return window


def _run(pump: Pump, stopping: threading.Event) -> None:
    """A pump's thread: step until stopped; an error is logged and backed off, never fatal."""
    failures = 0
    while not stopping.is_set():
        try:
            outcome = pump.pump_once()
        except Exception:
            logger.exception("%s: the pump failed", pump.name)
            outcome = Outcome.FAILED
        if outcome is Outcome.WORKED:
            failures = 0
            continue
        if outcome is Outcome.IDLE:
            failures = 0
            wait = pump.idle_wait()
        else:
            failures += 1
            wait = min(MAX_BACKOFF_SECONDS, POLL_SECONDS * 2 ** min(failures - 1, 10))
        stopping.wait(wait)


def _kebab(logical_id: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", logical_id).lower()


def _job_names(function: LambdaFunction) -> set[str]:
    logical = _kebab(function.config.logical_id)
    short = re.sub(r"-(job|function)$", "", logical)
    return {function.config.logical_id.lower(), function.name.lower(), logical, short}


def _span(batch: Sequence[Change]) -> str:
    return f"{batch[0].position}..{batch[-1].position}"


def _iso(at: datetime, *, milliseconds: bool = False) -> str:
    text = at.astimezone(UTC).isoformat(timespec="milliseconds" if milliseconds else "seconds")
    return text.replace("+00:00", "Z")
