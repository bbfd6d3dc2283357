"""Organizer insights: the record of each thing that happened to a meetup's invitees (the
analytics history kept for SQL), and the fact the change feed hands the analytics consumer.

One schema, ``COLUMNS``, describes the history wherever it lives: the Glue table that
Firehose converts records with (template.yaml), the Parquet files written locally and the
``events`` view DuckDB reads them through. A record names its invitee by a pseudonym (an
HMAC of the address under a stage secret), never by the address.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from slsplay.domain.events import DomainEvent

# (column, Glue/Athena type), in the files' order; ``dt`` (YYYY-MM-DD, UTC) partitions them.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "string"),
    ("kind", "string"),
    ("occurred_at", "timestamp"),
    ("meetup_id", "string"),
    ("organizer_id", "string"),
    ("invitee", "string"),
    ("detail", "string"),
    ("amount_minor", "bigint"),
    ("currency", "string"),
)
PARTITION_COLUMN = ("dt", "string")

INVITATION_CREATED = "invitation_created"
EMAIL_SENT = "email_sent"
INVITATION_OPENED = "invitation_opened"
ANSWERED = "answered"  # detail: attending, declined, waiting, seat_offered, seat_taken
REMINDER_SENT = "reminder_sent"  # detail: the lead in hours
JOIN_OPENED = "join_opened"
TICKET_SOLD = "ticket_sold"
TICKET_REFUNDED = "ticket_refunded"
PUBLIC_PAGE_VIEWED = "public_page_viewed"
JOINED_FROM_SEARCH = "joined_from_search"
KINDS = (
    INVITATION_CREATED,
    EMAIL_SENT,
    INVITATION_OPENED,
    ANSWERED,
    REMINDER_SENT,
    JOIN_OPENED,
    TICKET_SOLD,
    TICKET_REFUNDED,
    PUBLIC_PAGE_VIEWED,
    JOINED_FROM_SEARCH,
)

# The answers an organizer's funnel counts as they stand now, by their detail.
CURRENT_ANSWERS = ("attending", "declined", "waiting")
# The invitation email's mail purpose: what "emailed" counts.
INVITATION_MAIL = "invitation"


@dataclass(frozen=True)
class ActivityNoted(DomainEvent):
    """Something an organizer's insights count happened (see ``KINDS``), as the change feed
    saw it; the analytics consumer counts it and keeps its record.

    It carries the invitee's address (``email``), as the other events on the queues do: the
    consumer turns it into a pseudonym before anything is kept. ``previous`` is the answer
    an answer replaced; ``first`` says it is the invitee's first answer; ``starts_at`` is the
    meetup's start as the change knew it (for what followed each reminder).
    """

    name: ClassVar[str] = "activity_noted"
    kind: str
    occurred_at: datetime
    meetup_id: str
    email: str | None = None
    detail: str | None = None
    amount_minor: int | None = None
    currency: str | None = None
    previous: str | None = None
    first: bool = False
    starts_at: datetime | None = None


@dataclass(frozen=True)
class AnalyticsRecord:
    """One row of the analytics history, as ``COLUMNS`` declares it."""

    event_id: str
    kind: str
    occurred_at: datetime
    meetup_id: str
    organizer_id: str
    invitee: str | None
    detail: str | None
    amount_minor: int | None
    currency: str | None

    @property
    def dt(self) -> str:
        """The day (UTC) whose partition holds the record."""
        return self.occurred_at.astimezone(UTC).strftime("%Y-%m-%d")

    def as_row(self) -> dict[str, Any]:
        """The record by column name, ``occurred_at`` as a UTC instant."""
        row = {name: getattr(self, name) for name, _ in COLUMNS}
        row["occurred_at"] = self.occurred_at.astimezone(UTC)
        return row


def pseudonym(email: str, secret: bytes) -> str:
    """The invitee's id in the history: an HMAC of the lower-cased address, never reversible
    without the stage's secret, the same for one address across meetups."""
    return hmac.new(secret, email.strip().lower().encode(), hashlib.sha256).hexdigest()[:32]


def record_of(fact: ActivityNoted, organizer_id: str, secret: bytes) -> AnalyticsRecord:
    """The history's record of ``fact``, its invitee pseudonymous."""
    return AnalyticsRecord(
        event_id=fact.id,
        kind=fact.kind,
        occurred_at=fact.occurred_at,
        meetup_id=fact.meetup_id,
        organizer_id=organizer_id,
        invitee=None if fact.email is None else pseudonym(fact.email, secret),
        detail=fact.detail,
        amount_minor=fact.amount_minor,
        currency=fact.currency,
    )


def answer_detail(answer: str) -> str:
    """An invitation's stored answer as the history names it (``waitlisted``: ``waiting``)."""
    return "waiting" if answer == "waitlisted" else answer


def hour_of(moment: datetime) -> str:
    """The UTC hour a moment falls in: ``2026-12-07T10:00:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:00:00Z")


def reminders_before(
    moment: datetime, starts_at: datetime | None, leads: tuple[int, ...]
) -> list[int]:
    """The reminder leads (hours) whose time had come at ``moment`` for a meetup starting at
    ``starts_at``: an answer or a join then followed those reminders."""
    if starts_at is None:
        return []
    return [lead for lead in leads if moment >= starts_at - timedelta(hours=lead)]
