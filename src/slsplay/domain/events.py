"""Domain events: what happened to a meetup, as the consumers (mail, search, counters) see it.

Each event has an ``id`` derived from the change that caused it, so that a change delivered
twice, or replayed from the stream, yields the same event and consumers can drop repeats.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, ClassVar


@dataclass(frozen=True)
class DomainEvent:
    """Something that happened; ``name`` is its type, stable on the wire."""

    name: ClassVar[str] = "domain_event"

    id: str
    meetup_id: str
    occurred_at: datetime

    def to_message(self) -> dict[str, Any]:
        """The event as JSON-ready data, with its type under ``event``."""
        data = asdict(self)
        data["occurred_at"] = self.occurred_at.isoformat()
        return {"event": self.name, **data}


@dataclass(frozen=True)
class MeetupPublished(DomainEvent):
    """A draft became visible to its invitees: each is to be invited by email."""

    name: ClassVar[str] = "meetup_published"


@dataclass(frozen=True)
class InvitationAdded(DomainEvent):
    """Someone was invited; if the meetup is published, they are to be emailed at once."""

    name: ClassVar[str] = "invitation_added"
    email: str = ""


@dataclass(frozen=True)
class RsvpChanged(DomainEvent):
    """An invitee answered, or changed their answer."""

    name: ClassVar[str] = "rsvp_changed"
    email: str = ""
    response: str = ""
    previous: str = ""


@dataclass(frozen=True)
class MeetupRescheduled(DomainEvent):
    """A published meetup moved; everyone invited is to be told the new time."""

    name: ClassVar[str] = "meetup_rescheduled"
    previous_start: datetime | None = None
    new_start: datetime | None = None
    version: int = 0

    def to_message(self) -> dict[str, Any]:
        """As the base, with both starts in ISO 8601."""
        data = super().to_message()
        for key in ("previous_start", "new_start"):
            moment = getattr(self, key)
            data[key] = None if moment is None else moment.isoformat()
        return data


@dataclass(frozen=True)
class MeetupCancelled(DomainEvent):
    """A published meetup was called off; everyone invited is to be told."""

    name: ClassVar[str] = "meetup_cancelled"


@dataclass(frozen=True)
class SeatsAdded(DomainEvent):
    """A published meetup's capacity grew (or went): people waiting in line may be seated."""

    name: ClassVar[str] = "seats_added"


@dataclass(frozen=True)
class MeetupChanged(DomainEvent):
    """A public meetup, or its attendance, changed: the search index is to catch up."""

    name: ClassVar[str] = "meetup_changed"


@dataclass(frozen=True)
class SeatOffered(DomainEvent):
    """A freed seat of a paid meetup is kept for someone in line: they are to be told."""

    name: ClassVar[str] = "seat_offered"
    email: str = ""


@dataclass(frozen=True)
class TicketRefunded(DomainEvent):
    """A ticket's money went back to its buyer: they are to be told."""

    name: ClassVar[str] = "ticket_refunded"
    email: str = ""


@dataclass(frozen=True)
class MediaRemoved(DomainEvent):
    """A photo or video was removed, or went with its meetup: its files are to be deleted."""

    name: ClassVar[str] = "media_removed"
    media_id: str = ""
