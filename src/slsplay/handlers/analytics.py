"""The analytics function: counts what the change feed noted for the organizers' insights,
and appends each batch's records to the analytics history (Firehose, or Parquet locally).

Each message of its queue is an ``activity_noted`` domain event; a batch's are counted
together, in as few transactions as the table allows. Counting is idempotent by the event's
id, so a message delivered twice, or a batch retried after its history failed to go out,
counts once; the history takes repeats (reports count distinct ids). A message
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

from slsplay.domain.events import ActivityNoted, from_message
from slsplay.handlers.context import container
from slsplay.handlers.logs import entry_point, step
from slsplay.services import insights

processor = BatchProcessor(event_type=EventType.SQS)


@entry_point
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Lambda entry point for the analytics queue."""
    facts: list[ActivityNoted] = []

    def read(record: SQSRecord) -> None:
        # A message that is not a fact fails alone; the others are counted together.
        fact = from_message(json.loads(record.body))
        if not isinstance(fact, ActivityNoted):
            raise ValueError(f"the analytics function does not take {fact.name!r}")
        facts.append(fact)

    result = process_partial_response(
        event=event, record_handler=read, processor=processor, context=context
    )
    # Raising from here on fails the whole batch: it comes again, counts nothing twice, and
    # puts its records again.
    deps = container()
    with step("analytics.count", None):
        kept = insights.count_activities(deps, facts)
        insights.keep_history(deps, kept)
    return dict(result)
