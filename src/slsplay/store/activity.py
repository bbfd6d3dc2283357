"""What the change feed tells the analytics consumer: the ``ActivityNoted`` facts that one
committed change stands for, and the two marker items that make a visit a table write.

An answer link's first visit and a join link's first use are not otherwise writes: the API
puts a marker for each (``attribute_not_exists``, so only the first lands and only it
reaches the feed). Every other fact reads from items the product writes anyway: an
invitation made or answered, a mail marker confirmed ``sent``, a ticket paid or refunded.

Fact ids are derived from the item and the version the change produced, so a change read
twice yields the same ids, and counters keyed by them count it once.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from slsplay.domain import analytics
from slsplay.domain.events import ActivityNoted
from slsplay.domain.invitations import Answer
from slsplay.domain.tickets import TicketStatus
from slsplay.ports import PK, SK, Change, ConditionFailed, Item, ItemStore, Key
from slsplay.store import records
from slsplay.store.mail_markers import MARKER_TYPE

OPENED_TYPE = "answer_link_opened"
JOIN_OPENED_TYPE = "join_link_opened"
_MEETUP_MAIL = re.compile(r"MAIL#(?P<purpose>[^#]+)#")
_REMINDER = re.compile(r"reminder-(?P<hours>\d+)h")


def opened_key(meetup_id: str, email: str) -> Key:
    """The marker of an invitee's first visit of their answer link."""
    return Key(f"MEETUP#{meetup_id}", f"OPENED#{email}")


def join_opened_key(meetup_id: str, email: str) -> Key:
    """The marker of an attendee's first use of the join link."""
    return Key(f"MEETUP#{meetup_id}", f"JOINLINK#{email}")


def mark_once(store: ItemStore, key: Key, item_type: str, now: datetime) -> bool:
    """Put a first-visit marker unless there is one; answers whether this was the first."""
    item: Item = {PK: key.pk, SK: key.sk, "type": item_type, "at": now.isoformat()}
    try:
        store.put_new(item)
    except ConditionFailed:
        return False
    return True


def _fact_id(kind: str, change: Change, version: object) -> str:
    seed = f"activity|{kind}|{change.key.pk}|{change.key.sk}|{version}"
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


def facts_of(change: Change) -> list[ActivityNoted]:
    """The facts an organizer's insights count that one change stands for (most: none)."""
    new, old = change.new_image, change.old_image
    if new is None:  # removals count nothing: a meetup's history outlives its items
        return []
    kind = new.get("type")
    if kind == records.INVITATION_TYPE:
        return _invitation_facts(change, old, new)
    if kind == MARKER_TYPE and change.key.pk.startswith("MEETUP#"):
        return _mail_facts(change, old, new)
    if kind in (OPENED_TYPE, JOIN_OPENED_TYPE) and old is None:
        return [_visit_fact(change, new)]
    if kind == records.TICKET_TYPE:
        return _ticket_facts(change, old, new)
    return []


def _meetup_id(change: Change) -> str:
    return change.key.pk.removeprefix("MEETUP#")


def _invitation_facts(change: Change, old: Item | None, new: Item) -> list[ActivityNoted]:
    invitation = records.invitation_from_item(new)
    version = new.get("version")
    if old is None:
        kind = analytics.JOINED_FROM_SEARCH if invitation.joined else analytics.INVITATION_CREATED
        return [
            ActivityNoted(
                _fact_id(kind, change, version),
                kind,
                invitation.invited_at,
                invitation.meetup_id,
                email=invitation.email,
                detail="search" if invitation.joined else None,
            )
        ]
    before = records.invitation_from_item(old)
    changed = invitation.response is not before.response
    if not changed or invitation.responded_at is None or invitation.response is Answer.NONE:
        return []
    previous = None if before.response is Answer.NONE else before.response.value
    return [
        ActivityNoted(
            _fact_id(analytics.ANSWERED, change, version),
            analytics.ANSWERED,
            invitation.responded_at,
            invitation.meetup_id,
            email=invitation.email,
            detail=analytics.answer_detail(invitation.response.value),
            previous=None if previous is None else analytics.answer_detail(previous),
            first=before.responded_at is None,
        )
    ]


def _mail_facts(change: Change, old: Item | None, new: Item) -> list[ActivityNoted]:
    if new.get("state") != "sent" or (old or {}).get("state") == "sent":
        return []
    matched = _MEETUP_MAIL.match(change.key.sk)
    if matched is None:
        return []
    purpose = matched["purpose"]
    recipient = change.key.sk[matched.end() :]
    reminder = _REMINDER.fullmatch(purpose)
    kind = analytics.EMAIL_SENT if reminder is None else analytics.REMINDER_SENT
    return [
        ActivityNoted(
            _fact_id(kind, change, "sent"),
            kind,
            datetime.fromisoformat(new["at"]),
            _meetup_id(change),
            email=recipient,
            detail=purpose if reminder is None else reminder["hours"],
        )
    ]


def _visit_fact(change: Change, new: Item) -> ActivityNoted:
    kind = analytics.INVITATION_OPENED if new["type"] == OPENED_TYPE else analytics.JOIN_OPENED
    return ActivityNoted(
        _fact_id(kind, change, "first"),
        kind,
        datetime.fromisoformat(new["at"]),
        _meetup_id(change),
        email=change.key.sk.split("#", 1)[1],
    )


def _ticket_facts(change: Change, old: Item | None, new: Item) -> list[ActivityNoted]:
    ticket = records.ticket_from_item(new)
    was = None if old is None else records.ticket_from_item(old).status
    version = new.get("version")
    at = change.at

    def fact(kind: str, detail: str | None = None, money: bool = False) -> ActivityNoted:
        return ActivityNoted(
            _fact_id(f"{kind}|{detail}", change, version),
            kind,
            at,
            ticket.meetup_id,
            email=ticket.email,
            detail=detail,
            amount_minor=ticket.amount_minor if money else None,
            currency=ticket.currency if money else None,
        )

    if old is None and ticket.offered:
        return [fact(analytics.ANSWERED, "seat_offered")]
    if ticket.status is TicketStatus.PAID and was is not TicketStatus.PAID:
        sold = [fact(analytics.TICKET_SOLD, money=True)]
        return [*sold, fact(analytics.ANSWERED, "seat_taken")] if ticket.offered else sold
    if ticket.status is TicketStatus.REFUNDED and was is not TicketStatus.REFUNDED:
        return [fact(analytics.TICKET_REFUNDED, money=True)]
    return []
