"""The stream function: table changes in, domain events out, onto the queue of each consumer.

Records are processed one by one with Powertools' batch utility, so a record that fails is
reported in ``batchItemFailures`` and retried alone (with what follows it), as DynamoDB
Streams' event source mapping does for ``ReportBatchItemFailures``. Each runs under the
correlation id its item was written with, which its events' messages carry on; it also
counts the product's metrics the change stands for (an invitation sent, an answer...).
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

from slsplay.attribute_values import change_from_record
from slsplay.domain.events import (
    ActivityNoted,
    CoverChanged,
    DomainEvent,
    InvitationAdded,
    MediaRemoved,
    MediaTimedOut,
    MeetupCancelled,
    MeetupChanged,
    MeetupPublished,
    MeetupRescheduled,
    RsvpChanged,
    SeatOffered,
    SeatsAdded,
    TicketRefunded,
)
from slsplay.handlers.context import container
from slsplay.handlers.logs import carried, entry_point, logger, step
from slsplay.ports import CORRELATION_ATTRIBUTE, Queue
from slsplay.services import changes

# Which consumer hears of which events; each consumer has its own queue (template.yaml).
CONSUMERS: dict[str, tuple[type[DomainEvent], ...]] = {
    "NOTIFIER": (
        MeetupPublished,
        InvitationAdded,
        RsvpChanged,
        MeetupRescheduled,
        MeetupCancelled,
        SeatsAdded,
        SeatOffered,
        TicketRefunded,
        MediaTimedOut,
    ),
    # The media function's queue also takes the bucket's upload notifications.
    "MEDIA": (MediaRemoved,),
    "SEARCH": (MeetupChanged,),
    # The public pages cached at the edge (a second reader of the same changes).
    "EDGE_CACHE": (MeetupChanged, CoverChanged),
    "ANALYTICS": (ActivityNoted,),
}

processor = BatchProcessor(event_type=EventType.DynamoDBStreams)


def _queue(consumer: str) -> Queue:
    deps = container()
    return deps.queue(deps.settings.queue_url(consumer))


def forward(record: DynamoDBRecord) -> None:
    """Queue the domain events of one change for the consumers that care."""
    raw = record.raw_event
    change = change_from_record(raw, raw["dynamodb"]["SequenceNumber"])
    # A removal carries no id of its own: its old image's is that of an earlier write.
    correlation_id = carried((change.new_image or {}).get(CORRELATION_ATTRIBUTE))
    with step("stream.forward", correlation_id):
        events = [*changes.events_of(change), *changes.activities_of(change)]
        for event in events:
            message = json.dumps(event.to_message())
            for consumer, kinds in CONSUMERS.items():
                if isinstance(event, kinds):
                    _queue(consumer).send(message, {"event": event.name, "event_id": event.id})
        if events:
            logger.info("domain events queued", extra={"events": [e.name for e in events]})
        for measure in changes.measures_of(change):
            container().metrics.count(measure)


@entry_point
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Lambda entry point for the table's stream."""
    result = process_partial_response(
        event=event, record_handler=forward, processor=processor, context=context
    )
    return dict(result)
