"""The notifier function: domain events from its queue in, email out.

Each message is one domain event. A failure is reported for that message alone
(``batchItemFailures``); SQS shows it again after the visibility timeout and, after five
receives, moves it to the dead-letter queue. When every message of a batch fails, the
invocation fails instead (Powertools' default): the same retries, and an error in the
function's metrics, which the template's alarm watches.
"""

from __future__ import annotations

import json
import math
import os
from datetime import datetime
from typing import Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from slsplay.adapters.queue_limits import MAX_BATCH
from slsplay.domain.events import InvitationAdded
from slsplay.handlers.context import container, mail_ports
from slsplay.handlers.logs import entry_point
from slsplay.ports import Queue
from slsplay.services import answers, notifications, tickets

processor = BatchProcessor(event_type=EventType.SQS)


def deliver(record: SQSRecord) -> None:
    """Send what one domain event calls for; a failure fails this record alone."""
    try:
        dispatch(json.loads(record.body))
    except notifications.ClaimHeld as held:
        # Back when the claim can be taken over, rather than a whole visibility timeout on.
        seconds = max(1, math.ceil(held.retry_in.total_seconds()))
        _queue().change_visibility(record.receipt_handle, seconds)
        raise


def dispatch(event: dict[str, Any]) -> None:
    """Act on one domain event."""
    name = event["event"]
    if name == "account_mail":
        notifications.on_account_mail(
            mail_ports(), event["id"], event["purpose"], event["email"], event["secret"]
        )
        return
    meetup_id = event["meetup_id"]
    if name == "meetup_published":
        fan_out(event)
    elif name == "invitation_added":
        notifications.on_invitation_added(mail_ports(), meetup_id, event["email"])
    elif name == "rsvp_changed":
        if event.get("previous") == "attending" and event.get("response") != "attending":
            _seat_those_waiting(meetup_id)
        notifications.on_rsvp_changed(mail_ports(), event["id"], meetup_id, event["email"])
    elif name == "meetup_rescheduled":
        previous = datetime.fromisoformat(event["previous_start"])
        notifications.on_meetup_changed(mail_ports(), event["id"], meetup_id, previous)
    elif name == "seats_added":
        _seat_those_waiting(meetup_id)
    elif name == "seat_offered":
        notifications.on_seat_offered(mail_ports(), event["id"], meetup_id, event["email"])
    elif name == "ticket_refunded":
        notifications.on_ticket_refunded(mail_ports(), event["id"], meetup_id, event["email"])
    elif name == "meetup_cancelled":
        notifications.on_meetup_changed(mail_ports(), event["id"], meetup_id, None)
        _refund_tickets(meetup_id)
    else:
        raise ValueError(f"no notifier for {name!r}")


def _seat_those_waiting(meetup_id: str) -> None:
    # A seat freed up. On a free meetup the first in line get it (their own answers' events
    # then send their confirmations); on a paid one it is offered to them, to pay for.
    ports = mail_ports()
    answers.promote_from_waiting_list(ports.store, ports.clock, meetup_id)
    tickets.offer_freed_seats(ports.store, ports.clock, meetup_id)


def _refund_tickets(meetup_id: str) -> None:
    # Only a meetup that sold tickets loads the payment provider (and its keys).
    if answers.has_tickets(mail_ports().store, meetup_id):
        from slsplay.handlers.context import payment_ports  # noqa: PLC0415

        tickets.refund_tickets(payment_ports(), meetup_id)


def _queue() -> Queue:
    return container().queue(os.environ["SLSPLAY_QUEUE_URL_NOTIFIER"])


def fan_out(event: dict[str, Any]) -> None:
    """Queue one message per invitee of a page of the list, then one for the next page.

    Each invitation is then its own retry, and no run holds (or outlasts its timeout on)
    more than a page, however many are invited. A repeated page queues its invitees again;
    the notifier sends each invitation once all the same.
    """
    queue = _queue()
    meetup_id = event["meetup_id"]
    emails, following = notifications.uninvited_page(mail_ports(), meetup_id, event.get("cursor"))
    attributes = {"event": "invitation_added"}
    occurred_at = datetime.fromisoformat(event["occurred_at"])
    invitations = [
        InvitationAdded(event["id"], meetup_id, occurred_at, email).to_message() for email in emails
    ]
    messages = [(json.dumps(invitation), attributes) for invitation in invitations]
    for start in range(0, len(messages), MAX_BATCH):
        queue.send_batch(messages[start : start + MAX_BATCH])
    if following is not None:
        queue.send(json.dumps({**event, "cursor": following}), {"event": event["event"]})


@entry_point
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Lambda entry point for the notifier's queue."""
    result = process_partial_response(
        event=event, record_handler=deliver, processor=processor, context=context
    )
    return dict(result)
