"""The local runtime's event sources: the template's stream, queue and schedule wiring, run.

What Lambda's event source mappings, EventBridge and DynamoDB's time to live do in the
cloud, done here beside the functions; each source in a module of its own:

- ``stream_pump.py``: the table's change feed into the ``DynamoDB`` events' functions;
- ``queue_pump.py``: the template's queues into the ``SQS`` events' functions;
- ``scheduler.py``: ``Schedule``/``ScheduleV2`` events, fired at their times;
- ``ttl.py``: the tables' time to live.

``Pumps`` builds them all from a ``Stack`` and its functions, checks the wiring when it is
made (a bad expression, an unknown queue, or an event source setting the pumps cannot honour
fails ``slsplay serve`` at startup, naming it), and runs each pump in threads of its own.
Tests call ``pump_once()`` instead, and inject the clock.

Where AWS retries with backoff, a pump whose step failed waits before the next one (up to
``MAX_BACKOFF_SECONDS``); ``pump_once`` itself never waits.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable
from functools import cached_property
from typing import Any, Literal

from slsplay.local.backend import Checkpoints, RuntimeBackend
from slsplay.local.chaos import Chaos
from slsplay.local.delivery import MAX_BACKOFF_SECONDS, POLL_SECONDS, Outcome, Pump
from slsplay.local.filters import EventFilter, FilterError
from slsplay.local.functions import LambdaFunction
from slsplay.local.queue_pump import DEFAULT_SQS_BATCH, QueuePump, QueueSpec, queue_specs
from slsplay.local.scheduler import ScheduledTarget, Scheduler
from slsplay.local.schedules import parse_schedule
from slsplay.local.stream_pump import DEFAULT_STREAM_BATCH, StreamPump
from slsplay.local.template import Stack, TemplateError
from slsplay.local.ttl import TtlSweeper
from slsplay.ports import MAX_BATCH, Clock, FailedBatches, ItemStore, Queue

logger = logging.getLogger("slsplay.local")

# Lambda's limits on MaximumBatchingWindowInSeconds, an SQS mapping's BatchSize and its
# ScalingConfig.MaximumConcurrency.
MAX_BATCHING_WINDOW_SECONDS = 300
MAX_SQS_BATCH = 10000
MAX_SQS_CONCURRENCY = 1000


class Pumps:
    """The template's event sources, checked when made, run in threads or step by step."""

    def __init__(
        self,
        stack: Stack,
        functions: dict[str, LambdaFunction],
        *,
        backend: RuntimeBackend,
        chaos: Chaos | None = None,
    ) -> None:
        self.stack = stack
        self.chaos = chaos
        self.functions = functions
        # The backend the functions run on: the pumps read its change feed and its queues,
        # by its clock (a test's, or the system's).
        self.backend = backend
        self.clock: Clock = backend.clock
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

    @property
    def store(self) -> ItemStore:
        """The store whose change feed the stream pumps read: SQLite's, or DynamoDB Streams."""
        return self.backend.store

    @property
    def checkpoints(self) -> Checkpoints:
        """Where the stream pumps and the scheduler keep their place."""
        return self.backend.checkpoints

    def queue(self, logical_id: str) -> Queue:
        """A template queue, with its visibility timeout and redrive policy."""
        spec = self.queue_specs[logical_id]
        return self.backend.queue(
            spec.name,
            spec.url,
            visibility_timeout=spec.visibility_timeout,
            dead_letter=self.queue(spec.dead_letter) if spec.dead_letter else None,
            max_receive_count=spec.max_receive_count,
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
            queue, bucket = options.pop("failure_queue"), options.pop("failure_bucket")
            pumps.append(
                StreamPump(
                    **options,
                    store=self.store,
                    checkpoints=self.checkpoints,
                    clock=self.clock,
                    on_failure=self.queue(queue) if queue else None,
                    failed_batches=self.failed_batches(bucket) if bucket else None,
                    chaos=self.chaos,
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
                concurrency=source["concurrency"],
                event_filter=source["event_filter"],
                chaos=self.chaos,
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
            chaos=self.chaos,
        )

    @cached_property
    def ttl_sweepers(self) -> list[TtlSweeper]:
        """One per table whose time to live is enabled."""
        store = self.backend.expiring() if self.ttl_attributes else None
        if store is None:
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

    def quiet(self) -> bool:
        """Whether every event source has delivered all it had, and nothing is under way:
        what a test waits for before it checks that something did not happen."""
        return all(pump.quiet() for pump in self.all())

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
        """Run every pump in background threads: one each, a queue's up to its concurrency."""
        if self._threads:
            return
        self._stopping.clear()
        for pump in self.all():
            for poller in range(getattr(pump, "concurrency", 1)):
                thread = threading.Thread(
                    target=_run,
                    args=(pump, self._stopping),
                    name=f"pump-{pump.name}-{poller}",
                    daemon=True,
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
        """Close the files and connections the pumps opened."""
        self.backend.close()

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
            **self._failure_destination(destination, function),
            "starting_position": starting_position,
            "event_filter": _event_filter(function, event_name, properties),
        }

    def _sqs_source(
        self, function: LambdaFunction, event_name: str, properties: dict[str, Any]
    ) -> dict[str, Any]:
        where = f"{function.config.logical_id}.{event_name}"
        queue = self._queue_by_arn(properties.get("Queue"), function)
        spec = self.queue_specs[queue]
        # What Lambda refuses when the mapping is created, refused here at startup alike.
        if spec.visibility_timeout < function.config.timeout:
            raise TemplateError(
                f"{where}: {spec.logical_id}'s visibility timeout ({spec.visibility_timeout} s)"
                f" is less than {function.config.logical_id}'s timeout"
                f" ({function.config.timeout:g} s): Lambda refuses such a mapping, since a"
                " message would show again while its batch still runs"
            )
        batch_size = int(properties.get("BatchSize", DEFAULT_SQS_BATCH))
        batching_window = _batching_window(function, event_name, properties)
        if not 1 <= batch_size <= MAX_SQS_BATCH:
            raise TemplateError(f"{where}: BatchSize {batch_size}; Lambda takes 1 to 10000")
        if batch_size > MAX_BATCH and batching_window < 1:
            raise TemplateError(
                f"{where}: BatchSize {batch_size} needs MaximumBatchingWindowInSeconds of at"
                f" least 1: Lambda refuses a batch over {MAX_BATCH} without a batching window"
            )
        maximum = (properties.get("ScalingConfig") or {}).get("MaximumConcurrency")
        if maximum is not None and not 2 <= int(maximum) <= MAX_SQS_CONCURRENCY:
            raise TemplateError(
                f"{where}: ScalingConfig.MaximumConcurrency {maximum}; Lambda takes 2 to"
                f" {MAX_SQS_CONCURRENCY}"
            )
        # Lambda's pollers scale up to the maximum, within the function's concurrency.
        concurrency = min(int(maximum or function.concurrency), function.concurrency)
        return {
            "function": function,
            "event_name": event_name,
            "queue": queue,
            "batch_size": batch_size,
            "batching_window": batching_window,
            "report_failures": "ReportBatchItemFailures"
            in (properties.get("FunctionResponseTypes") or []),
            "concurrency": concurrency,
            "event_filter": _event_filter(function, event_name, properties),
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
            expiring = self.backend.expiring()
            if not isinstance(attribute, str) or (
                expiring is not None and not expiring.can_expire_by(attribute)
            ):
                raise TemplateError(
                    f"{table}: the time-to-live attribute {attribute!r} is not one the local"
                    " table can index (letters, digits and _)"
                )
            attributes[table] = attribute
        return attributes

    def _arn(self, service: str, resource: str) -> str:
        return f"arn:aws:{service}:{self.stack.region}:{self.stack.account_id}:{resource}"

    def _failure_destination(self, arn: Any, function: LambdaFunction) -> dict[str, str | None]:
        """A stream mapping's OnFailure destination: a template queue, or a bucket."""
        if arn is None:
            return {"failure_queue": None, "failure_bucket": None}
        for bucket in self.stack.resources("AWS::S3::Bucket"):
            if self.stack.get_att(bucket, "Arn") == arn:
                return {"failure_queue": None, "failure_bucket": self.stack.physical_name(bucket)}
        return {"failure_queue": self._queue_by_arn(arn, function), "failure_bucket": None}

    def failed_batches(self, bucket: str) -> FailedBatches:
        """The bucket where a stream mapping keeps the batches it gave up on."""
        return self.backend.failed_batches(bucket)

    def find_stream(self, name: str) -> StreamPump | None:
        """A stream mapping by its name (``StreamFunction.TableChanges``), its function's
        logical id or name, or its failure bucket's logical id or name (case-insensitive)."""
        buckets = {
            self.stack.physical_name(logical_id): logical_id
            for logical_id in self.stack.resources("AWS::S3::Bucket")
        }
        for pump in self.stream_pumps:
            config = pump.function.config
            names = {pump.name, config.logical_id, config.name}
            if pump.failed_batches is not None:
                bucket = pump.failed_batches.name
                names |= {bucket, buckets.get(bucket, bucket)}
            if name.lower() in {known.lower() for known in names}:
                return pump
        return None

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
_SettingCheck = tuple[Literal["refused", "ignored"], str] | None


def _refuse_tumbling_window(value: Any) -> _SettingCheck:
    if int(value) == 0:
        return None
    return "refused", "the pumps keep no window state between invocations"


def _refuse_record_age(value: Any) -> _SettingCheck:
    if int(value) == -1:
        return None
    return "refused", "the pumps never skip a record for its age"


def _refuse_timestamp(value: Any) -> _SettingCheck:
    return "refused", "DynamoDB Streams start at TRIM_HORIZON or LATEST only"


def _parallelization(value: Any) -> _SettingCheck:
    if int(value) <= 1:
        return None
    # Lambda keeps each item's records in order across its batches, as one batch at a time does.
    return "ignored", "one batch at a time locally, each item's records in order as in the cloud"


_EVENT_PROPERTIES: dict[str, dict[str, Callable[[Any], _SettingCheck] | None]] = {
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
        "FilterCriteria": None,
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
        "FilterCriteria": None,
        "ScalingConfig": None,
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


def _event_filter(
    function: LambdaFunction, event_name: str, properties: dict[str, Any]
) -> EventFilter | None:
    try:
        return EventFilter.from_criteria(properties.get("FilterCriteria"))
    except FilterError as e:
        raise TemplateError(
            f"{function.config.logical_id}.{event_name}: FilterCriteria: {e}"
        ) from e


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
