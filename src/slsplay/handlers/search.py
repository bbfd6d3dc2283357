"""The search function: keeps the index of public meetups in step with the table.

Each message of its queue is a ``meetup_changed`` domain event; the function reads the meetup
as it is now and adds, replaces or removes it in the index, so repeats and changes delivered
out of order do no harm. A failure is reported for that message alone; after five receives
SQS moves it to the dead-letter queue, which an alarm watches.
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

from slsplay.domain.events import MeetupChanged, from_message
from slsplay.handlers.context import container
from slsplay.handlers.logs import carried_by, entry_point, step
from slsplay.services import discovery

processor = BatchProcessor(event_type=EventType.SQS)


def reindex(record: SQSRecord) -> None:
    """Bring the index in line with one meetup."""
    with step("search.reindex", carried_by(record)):
        event = from_message(json.loads(record.body))
        if not isinstance(event, MeetupChanged):
            raise ValueError(f"the search function does not take {event.name!r}")
        deps = container()
        discovery.index_meetup(deps, event.meetup_id)


@entry_point
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Lambda entry point for the search queue."""
    result = process_partial_response(
        event=event, record_handler=reindex, processor=processor, context=context
    )
    return dict(result)
