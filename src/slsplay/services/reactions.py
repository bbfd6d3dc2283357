"""What the product does when something happened: each domain event the notifier receives,
and the use case it calls for (emails, the waiting list's seats, refunds, the invitations of
a published meetup, in groups).

``react`` looks the event's class up in one table; an event nothing reacts to is an error,
so that a message sent to the wrong queue ends in its dead-letter queue, not in silence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from slsplay.domain.events import (
    AccountMailRequested,
    DomainEvent,
    InvitationAdded,
    InvitationsDue,
    MeetupCancelled,
    MeetupPublished,
    MeetupRescheduled,
    RsvpChanged,
    SeatOffered,
    SeatsAdded,
    TicketRefunded,
)
from slsplay.ports import MAX_BATCH, Queue
from slsplay.services import answers, notifications, tickets
from slsplay.services.notifications import MailPorts
from slsplay.services.tickets import PaymentPorts


@dataclass(frozen=True)
class ReactionPorts:
    """What reacting to domain events needs."""

    mail: MailPorts
    # The notifier's own queue: a published meetup's invitations go through it, in groups.
    queue: Queue
    # Built on first call: only a meetup that sold tickets loads the payment provider (and
    # its keys), when it is cancelled.
    payments: Callable[[], PaymentPorts]


def react(ports: ReactionPorts, event: DomainEvent) -> None:
    """Do what one domain event calls for; ``ValueError`` for an event nothing reacts to."""
    reaction = REACTIONS.get(type(event))
    if reaction is None:
        raise ValueError(f"nothing reacts to {event.name!r}")
    reaction(ports, event)


def fan_out(ports: ReactionPorts, published: MeetupPublished) -> None:
    """Queue the invitations of a page of the list, a message per group of invitees, then a
    message for the next page.

    Each group is then one run and its own retry, and no run holds (or outlasts its timeout
    on) more than a page or a group, however many are invited. A repeated page queues its
    groups again; the notifier sends each invitation once all the same.
    """
    emails, following = notifications.uninvited_page(
        ports.mail, published.meetup_id, published.cursor
    )
    per_message = notifications.INVITATIONS_PER_MESSAGE
    due = [
        _invitations_due(published, emails[start : start + per_message])
        for start in range(0, len(emails), per_message)
    ]
    events: list[DomainEvent] = [*due]
    if following is not None:
        events.append(published.next_page(following))
    messages = [(json.dumps(event.to_message()), {"event": event.name}) for event in events]
    for start in range(0, len(messages), MAX_BATCH):
        ports.queue.send_batch(messages[start : start + MAX_BATCH])


def _invitations_due(published: MeetupPublished, emails: Sequence[str]) -> InvitationsDue:
    # Its id follows from the publish and the addresses: a page gone through twice yields
    # the same events.
    seed = "\n".join((published.id, *emails))
    event_id = hashlib.sha256(seed.encode()).hexdigest()[:32]
    return InvitationsDue(event_id, published.meetup_id, published.occurred_at, tuple(emails))


def _send_account_mail(ports: ReactionPorts, asked: AccountMailRequested) -> None:
    notifications.on_account_mail(ports.mail, asked.id, asked.purpose, asked.email, asked.secret)


def _invite(ports: ReactionPorts, added: InvitationAdded) -> None:
    notifications.on_invitation_added(ports.mail, added.meetup_id, added.email)


def _invite_group(ports: ReactionPorts, due: InvitationsDue) -> None:
    notifications.on_invitations_due(ports.mail, due.meetup_id, due.emails)


def _confirm_answer(ports: ReactionPorts, changed: RsvpChanged) -> None:
    if changed.freed_a_seat:
        _seat_those_waiting(ports, changed.meetup_id)
    notifications.on_rsvp_changed(ports.mail, changed.id, changed.meetup_id, changed.email)


def _tell_new_time(ports: ReactionPorts, moved: MeetupRescheduled) -> None:
    notifications.on_meetup_changed(ports.mail, moved.id, moved.meetup_id, moved.previous_start)


def _call_off(ports: ReactionPorts, cancelled: MeetupCancelled) -> None:
    notifications.on_meetup_changed(ports.mail, cancelled.id, cancelled.meetup_id, None)
    _refund_tickets(ports, cancelled.meetup_id)


def _seat(ports: ReactionPorts, added: SeatsAdded) -> None:
    _seat_those_waiting(ports, added.meetup_id)


def _offer_seat(ports: ReactionPorts, offered: SeatOffered) -> None:
    notifications.on_seat_offered(ports.mail, offered.id, offered.meetup_id, offered.email)


def _tell_refund(ports: ReactionPorts, refunded: TicketRefunded) -> None:
    notifications.on_ticket_refunded(ports.mail, refunded.id, refunded.meetup_id, refunded.email)


def _seat_those_waiting(ports: ReactionPorts, meetup_id: str) -> None:
    # A seat freed up. On a free meetup the first in line get it (their own answers' events
    # then send their confirmations); on a paid one it is offered to them, to pay for.
    answers.promote_from_waiting_list(ports.mail, meetup_id)
    tickets.offer_freed_seats(ports.mail, meetup_id)


def _refund_tickets(ports: ReactionPorts, meetup_id: str) -> None:
    if tickets.has_tickets(ports.mail, meetup_id):
        tickets.refund_tickets(ports.payments(), meetup_id)


# Each reaction takes the event of its key (the table cannot say so to the type checker).
REACTIONS: dict[type[DomainEvent], Callable[[ReactionPorts, Any], None]] = {
    AccountMailRequested: _send_account_mail,
    MeetupPublished: fan_out,
    InvitationsDue: _invite_group,
    InvitationAdded: _invite,
    RsvpChanged: _confirm_answer,
    MeetupRescheduled: _tell_new_time,
    MeetupCancelled: _call_off,
    SeatsAdded: _seat,
    SeatOffered: _offer_seat,
    TicketRefunded: _tell_refund,
}
