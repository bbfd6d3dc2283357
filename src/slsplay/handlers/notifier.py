"""The notifier function: domain events from its queue in, email out.

Each message is one domain event. A failure is reported for that message alone
(``batchItemFailures``); SQS shows it again after the visibility timeout and, after five
receives, moves it to the dead-letter queue.
"""

from __future__ import annotations

import functools
import json
import os
from datetime import datetime
from typing import Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from slsplay.handlers.context import container
from slsplay.services import notifications
from slsplay.services.notifications import MailPorts

processor = BatchProcessor(event_type=EventType.SQS)


@functools.cache
def ports() -> MailPorts:
    """The adapters email needs, built once per process."""
    app = container()
    return MailPorts(
        store=app.store,
        clock=app.clock,
        mailer=app.mailer,
        base_url=app.settings.public_url,
        mail_from=app.settings.mail_from,
    )


def deliver(record: SQSRecord) -> None:
    """Send what one domain event calls for."""
    event = json.loads(record.body)
    name, meetup_id = event["event"], event["meetup_id"]
    if name == "meetup_published":
        # Fan out: one message per invitee, so that each invitation is its own retry.
        queue = container().queue(os.environ["SLSPLAY_QUEUE_URL_NOTIFIER"])
        for email in notifications.uninvited(ports(), meetup_id):
            follow_up = {"event": "invitation_added", "id": event["id"], "meetup_id": meetup_id}
            queue.send(json.dumps({**follow_up, "email": email}), {"event": "invitation_added"})
    elif name == "invitation_added":
        notifications.on_invitation_added(ports(), meetup_id, event["email"])
    elif name == "rsvp_changed":
        notifications.on_rsvp_changed(ports(), event["id"], meetup_id, event["email"])
    elif name == "meetup_rescheduled":
        previous = datetime.fromisoformat(event["previous_start"])
        notifications.on_meetup_changed(ports(), event["id"], meetup_id, previous)
    elif name == "meetup_cancelled":
        notifications.on_meetup_changed(ports(), event["id"], meetup_id, None)
    else:
        raise ValueError(f"no notifier for {name!r}")


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Lambda entry point for the notifier's queue."""
    result = process_partial_response(
        event=event, record_handler=deliver, processor=processor, context=context
    )
    return dict(result)
