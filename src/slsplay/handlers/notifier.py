"""The notifier function: domain events from its queue in, what each calls for out (emails,
seats for those waiting, refunds: ``services/reactions.py`` has the table).

Each message is one domain event. A failure is reported for that message alone
(``batchItemFailures``); SQS shows it again after the visibility timeout and, after five
receives, moves it to the dead-letter queue. When every message of a batch fails, the
invocation fails instead (Powertools' default): the same retries, and an error in the
function's metrics, which the template's alarm watches. A message is begun only with the
time to finish it: the rest of a batch near the Timeout goes back to the queue at once.
Each runs under the correlation id its message carries, which the emails it sends carry on.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from slsplay.domain.events import from_message
from slsplay.handlers.context import reaction_ports
from slsplay.handlers.lazy import LazyModule
from slsplay.handlers.logs import carried_by, entry_point, logger, message_attribute, step

if TYPE_CHECKING:
    from slsplay.services import notifications, reactions
else:
    # With the first message: the mails' templates, calendars and Markdown (jinja2,
    # icalendar, markdown-it) cost the import some 90 ms of CPU.
    notifications = LazyModule("slsplay.services.notifications")
    reactions = LazyModule("slsplay.services.reactions")

processor = BatchProcessor(event_type=EventType.SQS)


# A message is begun only with this much of the run's Timeout left: its longest work (a
# group of emails, see PER_MESSAGE in services/group_mail.py) fits in it. One cut off by the
# Timeout midway would leave its claimed emails to wait out their claims, and some of them
# sent twice.
TIME_FOR_A_MESSAGE_MS = 3_000


class OutOfTime(RuntimeError):
    """Too little of the run's time is left to begin this message."""


def deliver(record: SQSRecord, lambda_context: Any) -> None:
    """Do what one domain event calls for; a failure fails this record alone."""
    ports = reaction_ports()
    if lambda_context.get_remaining_time_in_millis() < TIME_FOR_A_MESSAGE_MS:
        # Back at once, for the next run, rather than a visibility timeout on.
        ports.queue.change_visibility(record.receipt_handle, 0)
        raise OutOfTime(record.message_id)
    # Every producer names the event in an attribute: a message that cannot be read is a
    # failure of its use case too.
    use_case = f"notifier.{message_attribute(record, 'event') or 'unknown'}"
    try:
        with step(use_case, carried_by(record), retried=(notifications.ClaimHeld,)):
            event = from_message(json.loads(record.body))
            reactions.react(ports, event)
            logger.info("domain event handled", extra={"event": event.name, "event_id": event.id})
    except notifications.ClaimHeld as held:
        # Back soon rather than a whole visibility timeout on (see look_again_in).
        receives = int(record.attributes.approximate_receive_count)
        seconds = max(1, math.ceil(held.look_again_in(receives).total_seconds()))
        ports.queue.change_visibility(record.receipt_handle, seconds)
        raise


@entry_point
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Lambda entry point for the notifier's queue."""
    result = process_partial_response(
        event=event, record_handler=deliver, processor=processor, context=context
    )
    return dict(result)
