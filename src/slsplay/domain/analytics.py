"""Organizer insights: the record of each thing that happened to a meetup's invitees (the
analytics history kept for SQL), made from the ``ActivityNoted`` facts of the change feed.

One schema, ``COLUMNS``, describes the history wherever it lives: the Glue table that
Firehose converts records with (template.yaml), the Parquet files written locally and the
``events`` view DuckDB reads them through. A record names its invitee by a pseudonym (an
HMAC of the address under a stage secret), never by the address.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from slsplay.domain.events import ActivityNoted

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

# The reminders to attendees, in hours before the start (the notifier sends them; the
# insights count what followed each).
REMINDER_LEADS = (24, 1)
# The organizer's funnel, in its order.
FUNNEL_FIELDS = (
    "invited",
    "emailed",
    "opened",
    "answered",
    "attending",
    "declined",
    "waiting",
    "joined",
)


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
    return hmac.new(secret, email.strip().lower().encode(), "sha256").hexdigest()[:32]


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


@dataclass(frozen=True)
class ReminderCounts:
    """One reminder: when it first went out, to how many, and what followed it."""

    lead_hours: int
    sent_at: datetime
    sent: int
    answered_after: int
    joined_after: int


@dataclass(frozen=True)
class InsightCounts:
    """Everything the insights of one meetup show, as counted so far."""

    funnel: dict[str, int]
    answers_by_hour: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    reminders: list[ReminderCounts] = field(default_factory=list)
    # (day, currency, tickets, amount_minor), by day then currency
    revenue_by_day: list[tuple[str, str, int, int]] = field(default_factory=list)
