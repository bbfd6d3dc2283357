"""What an operator sees of the functions at work: their log, one JSON object a line
(Powertools Logger), as CloudWatch Logs Insights reads them; their traces in X-Ray
(Powertools Tracer); the count of failures by use case (an EMF line in the same log).

Every handler logs through ``logger`` and is wrapped in ``entry_point``: its entries then
carry the invocation (function, request id, cold start) and the correlation id of the
request the work comes of. An API request's id is its ``X-Correlation-Id`` header when that
is a valid one, else API Gateway's request id; a schedule's is its event's id. A consumer of
a stream or a queue runs each record as a ``step``, under the id its record carries (see
``ports/observability.py`` for how the id travels). The service is POWERTOOLS_SERVICE_NAME
(template.yaml); POWERTOOLS_DEV=true indents the JSON for people to read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from aws_lambda_powertools import Logger, Tracer

from slsplay.ports import CORRELATION_ATTRIBUTE, Measure, correlation, valid_correlation_id

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

Result = TypeVar("Result")
Handler = Callable[[dict[str, Any], Any], Result]

logger = Logger()

FAILURES = "Failures"  # a metric, by UseCase: what failed (a route, a domain event, a job)
CORRELATION_REQUEST_HEADER = "x-correlation-id"  # API Gateway gives header names lower-cased
# X-Ray names take letters, digits, spaces and some symbols; a route's braces are not among them.
_NOT_IN_SEGMENT_NAMES = str.maketrans("", "", "{}")


@functools.cache
def tracer() -> Tracer | None:
    """This process's tracer, or None where tracing is off (outside Lambda, locally, or
    POWERTOOLS_TRACE_DISABLED): built on the first invocation, and only where it traces."""
    # Powertools' own rule, asked before building a Tracer: one loads the X-Ray SDK even when
    # disabled (some 200 ms of a cold start). Only botocore is patched, so that each AWS SDK
    # call is a subsegment: patching everything X-Ray knows would import each such library.
    if Tracer._is_tracer_disabled():
        return None
    return Tracer(patch_modules=("botocore",))


def entry_point(handler: Handler[Result]) -> Handler[Result]:
    """``handler`` with the invocation's Lambda context and correlation id in every log entry
    it makes, traced, and its failures counted."""
    with_context: Handler[Result] = logger.inject_lambda_context(handler)
    name = f"{handler.__module__.rsplit('.', 1)[-1]}.{handler.__name__}"

    @functools.cache
    def traced() -> Handler[Result]:
        active = tracer()
        if active is None:
            return with_context
        # Not the response: it may hold tokens or people's addresses.
        return active.capture_lambda_handler(with_context, capture_response=False)

    @functools.wraps(handler)
    def entry(event: dict[str, Any], context: Any) -> Result:
        if context is None:  # called outside Lambda (a test, a script): no invocation to name
            return handler(event, context)
        route = event.get("routeKey") if "requestContext" in event else None
        # A batch's records each name their own use case and request (see ``step``).
        use_case = None if "Records" in event else route or name
        with step(use_case, _correlation_id_of(event)):
            result = traced()(event, context)
            if route is not None and isinstance(result, Mapping):
                # What API Gateway's access log says too, but with the correlation id.
                status = result.get("statusCode", 0)
                logger.info("request answered", extra={"route": route, "status": status})
                if status >= 500:
                    count_failure(route)
        return result

    return entry


@contextmanager
def step(
    use_case: str | None,
    correlation_id: str | None,
    retried: tuple[type[Exception], ...] = (),
) -> Iterator[None]:
    """Run a piece of work (an invocation, or one record of a batch) under its request's
    correlation id: in the log entries, the items it writes, the messages and emails it
    sends, and its trace's annotations. A failure is counted for ``use_case`` (if given),
    unless it is one of ``retried``: errors that ask for a retry by design, not failures."""
    with ExitStack() as work:
        work.enter_context(correlation(correlation_id))
        # As ``logger.set_correlation_id`` does, but for this thread alone: the local runtime
        # may run functions in threads of one process.
        previous = logger.thread_safe_get_current_keys().get(CORRELATION_ATTRIBUTE)
        logger.thread_safe_append_keys(**{CORRELATION_ATTRIBUTE: correlation_id})
        work.callback(logger.thread_safe_append_keys, **{CORRELATION_ATTRIBUTE: previous})
        active = tracer()
        if active is not None and use_case is not None:
            named = use_case.translate(_NOT_IN_SEGMENT_NAMES)
            segment = work.enter_context(active.provider.in_subsegment(f"## {named}"))
            if correlation_id is not None:
                segment.put_annotation(key=CORRELATION_ATTRIBUTE, value=correlation_id)
        try:
            yield
        except retried:
            raise
        except Exception:
            if use_case is not None:
                count_failure(use_case)
            raise


def carried(value: object) -> str | None:
    """``value`` if it is a correlation id (as a record carries one), else None."""
    return value if isinstance(value, str) and valid_correlation_id(value) else None


def message_attribute(record: SQSRecord, name: str) -> str | None:
    """A queue message's attribute ``name`` (None: it has none)."""
    attribute = record.message_attributes[name]
    return None if attribute is None else attribute.string_value


def carried_by(record: SQSRecord) -> str | None:
    """The correlation id a queue message carries, if any."""
    return carried(message_attribute(record, CORRELATION_ATTRIBUTE))


def count_failure(use_case: str) -> None:
    """Count one failure of ``use_case`` in the product's metrics."""
    from slsplay.handlers.context import container  # noqa: PLC0415  (only once something fails)

    container().metrics.count(Measure(FAILURES, dimensions={"UseCase": use_case}))


def _correlation_id_of(event: Mapping[str, Any]) -> str | None:
    """The correlation id an invocation's event gives: an API request's (its caller's, if
    valid, else API Gateway's request id), or an EventBridge event's id; None for a batch."""
    if "requestContext" in event:
        asked = (event.get("headers") or {}).get(CORRELATION_REQUEST_HEADER)
        return carried(asked) or carried(event["requestContext"].get("requestId"))
    if "detail-type" in event:
        return carried(event.get("id"))
    return None
