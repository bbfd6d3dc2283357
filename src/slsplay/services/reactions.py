"""What the product does when something happened: each domain event the notifier receives,
and the use case it calls for (emails, the waiting list's seats, refunds; the emails to many
invitees at once a page and a group at a time, see ``group_mail.py``).

``react`` looks the event's class up in one table; an event nothing reacts to is an error,
so that a message sent to the wrong queue ends in its dead-letter queue, not in silence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slsplay.domain.events import (
    AccountMailRequested,
    ChangeNoticesDue,
    DomainEvent,
    InvitationAdded,
    InvitationsDue,
    MediaTimedOut,
    MeetupCancelled,
    MeetupDomainEvent,
    MeetupPublished,
    MeetupRescheduled,
    MeetupStartingSoon,
    PagedMeetupEvent,
    RemindersDue,
    RsvpChanged,
    SeatOffered,
    SeatsAdded,
    TicketRefunded,
)
from slsplay.ports import MAX_BATCH, Queue
from slsplay.services import answers, attending, group_mail, notifications, tickets
from slsplay.services.group_mail import GroupMail
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


def queue_reminders(ports: ReactionPorts) -> int:
    """Queue the reminders of the meetups starting soon (the reminders job, every 15
    minutes): a message per meetup and lead, gone through as pages of attendees."""
    now = ports.mail.clock.now()
    due = [
        MeetupStartingSoon(f"{meetup.id}-{hours}h", meetup.id, now, lead_hours=hours)
        for meetup, hours in group_mail.starting_soon(ports.mail)
    ]
    _queue(ports, due)
    return len(due)


def _page(
    ports: ReactionPorts,
    cause: PagedMeetupEvent,
    mail: GroupMail,
    group: Callable[[str, tuple[str, ...]], MeetupDomainEvent],
) -> None:
    """Queue a page of the invitees ``mail`` is for, a message per group of them (``group``
    makes it from its id and addresses), then a message for the next page.

    Each group is then one run and its own retry, and no run holds (or outlasts its timeout
    on) more than a page or a group, however many are invited. A page gone through twice
    queues the same groups again, with the same ids; each invitee gets the email once all
    the same.
    """
    emails, following = group_mail.invitees_page(ports.mail, cause.meetup_id, mail, cause.cursor)
    per_message = group_mail.PER_MESSAGE
    events: list[DomainEvent] = []
    for start in range(0, len(emails), per_message):
        addresses = tuple(emails[start : start + per_message])
        seed = "\n".join((cause.id, *addresses))
        events.append(group(hashlib.sha256(seed.encode()).hexdigest()[:32], addresses))
    if following is not None:
        events.append(cause.next_page(following))
    _queue(ports, events)


def _queue(ports: ReactionPorts, events: Sequence[DomainEvent]) -> None:
    messages = [(json.dumps(event.to_message()), {"event": event.name}) for event in events]
    for start in range(0, len(messages), MAX_BATCH):
        ports.queue.send_batch(messages[start : start + MAX_BATCH])


def _invite_all(ports: ReactionPorts, published: MeetupPublished) -> None:
    def group(event_id: str, emails: tuple[str, ...]) -> InvitationsDue:
        return InvitationsDue(event_id, published.meetup_id, published.occurred_at, emails)

    _page(ports, published, group_mail.INVITATIONS, group)
    _place_in_lists(ports, published)


def _invite_group(ports: ReactionPorts, due: InvitationsDue) -> None:
    group_mail.email_group(ports.mail, due.meetup_id, group_mail.INVITATIONS, due.emails)


def _tell_new_time(ports: ReactionPorts, moved: MeetupRescheduled) -> None:
    _tell_change(ports, moved, moved.previous_start)
    _place_in_lists(ports, moved)


def _place_in_lists(ports: ReactionPorts, cause: PagedMeetupEvent) -> None:
    """The page of invitations ``cause`` goes through, put at the meetup's start in each
    invitee's own list ("My meetups"): a draft's start may have changed before publishing,
    a published meetup's when it moves."""
    attending.place_invitations(ports.mail, cause.meetup_id, cause.cursor, group_mail.PAGE)


def _call_off(ports: ReactionPorts, cancelled: MeetupCancelled) -> None:
    _tell_change(ports, cancelled, None)
    if cancelled.cursor is None:  # once, with the first page
        _refund_tickets(ports, cancelled.meetup_id)


def _tell_change(
    ports: ReactionPorts, change: PagedMeetupEvent, previous_start: datetime | None
) -> None:
    def group(event_id: str, emails: tuple[str, ...]) -> ChangeNoticesDue:
        return ChangeNoticesDue(
            event_id, change.meetup_id, change.occurred_at, change.id, previous_start, emails
        )

    _page(ports, change, group_mail.change_notice(change.id, previous_start), group)


def _notify_group(ports: ReactionPorts, due: ChangeNoticesDue) -> None:
    notice = group_mail.change_notice(due.cause, due.previous_start)
    group_mail.email_group(ports.mail, due.meetup_id, notice, due.emails)


def _remind_all(ports: ReactionPorts, soon: MeetupStartingSoon) -> None:
    def group(event_id: str, emails: tuple[str, ...]) -> RemindersDue:
        return RemindersDue(event_id, soon.meetup_id, soon.occurred_at, soon.lead_hours, emails)

    _page(ports, soon, group_mail.reminder(soon.lead_hours), group)


def _remind_group(ports: ReactionPorts, due: RemindersDue) -> None:
    reminder = group_mail.reminder(due.lead_hours)
    group_mail.email_group(ports.mail, due.meetup_id, reminder, due.emails)


def _send_account_mail(ports: ReactionPorts, asked: AccountMailRequested) -> None:
    notifications.on_account_mail(ports.mail, asked.id, asked.purpose, asked.email, asked.secret)


def _invite(ports: ReactionPorts, added: InvitationAdded) -> None:
    notifications.on_invitation_added(ports.mail, added.meetup_id, added.email)


def _confirm_answer(ports: ReactionPorts, changed: RsvpChanged) -> None:
    if changed.freed_a_seat:
        _seat_those_waiting(ports, changed.meetup_id)
    notifications.on_rsvp_changed(ports.mail, changed.id, changed.meetup_id, changed.email)


def _seat(ports: ReactionPorts, added: SeatsAdded) -> None:
    _seat_those_waiting(ports, added.meetup_id)


def _offer_seat(ports: ReactionPorts, offered: SeatOffered) -> None:
    notifications.on_seat_offered(ports.mail, offered.id, offered.meetup_id, offered.email)


def _tell_refund(ports: ReactionPorts, refunded: TicketRefunded) -> None:
    notifications.on_ticket_refunded(ports.mail, refunded.id, refunded.meetup_id, refunded.email)


def _tell_media_timed_out(ports: ReactionPorts, timed_out: MediaTimedOut) -> None:
    notifications.on_media_timed_out(ports.mail, timed_out.meetup_id, timed_out.media_id)


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
    MeetupPublished: _invite_all,
    InvitationsDue: _invite_group,
    ChangeNoticesDue: _notify_group,
    MeetupStartingSoon: _remind_all,
    RemindersDue: _remind_group,
    InvitationAdded: _invite,
    RsvpChanged: _confirm_answer,
    MeetupRescheduled: _tell_new_time,
    MeetupCancelled: _call_off,
    SeatsAdded: _seat,
    SeatOffered: _offer_seat,
    TicketRefunded: _tell_refund,
    MediaTimedOut: _tell_media_timed_out,
}
