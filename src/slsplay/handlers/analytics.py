"""The analytics function: counts what the change feed noted for the organizers' insights,
and appends each batch's records to the analytics history (Firehose, or Parquet locally).

Each message of its queue is an ``activity_noted`` domain event. Counting is idempotent by
the event's id, so a message delivered twice, or a batch retried after its history failed
to go out, counts once; the history takes repeats (reports count distinct ids). A message
that fails is reported alone; after five receives SQS moves it to the dead-letter queue.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from slsplay.domain.analytics import AnalyticsRecord
from slsplay.domain.events import ActivityNoted, from_message
from slsplay.handlers.context import container
from slsplay.handlers.logs import carried_by, entry_point, step
from slsplay.services import insights

processor = BatchProcessor(event_type=EventType.SQS)


@entry_point
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Lambda entry point for the analytics queue."""
    deps = container()
    organizers: dict[str, str] = {}
    kept: list[AnalyticsRecord] = []

    def count(record: SQSRecord) -> None:
        with step("analytics.count", carried_by(record)):
            fact = from_message(json.loads(record.body))
            if not isinstance(fact, ActivityNoted):
                raise ValueError(f"the analytics function does not take {fact.name!r}")
            kept.append(insights.count_activity(deps, fact, organizers))

    result = process_partial_response(
        event=event, record_handler=count, processor=processor, context=context
    )
    # Raising here fails the whole batch: it comes again, counts nothing twice, and puts
    # its records again.
    insights.keep_history(deps, kept)
    return dict(result)
