"""Domain events: what happened, as the consumers (mail, search, media, analytics) see it.

Each event has an ``id`` derived from the change that caused it, so that a change delivered
twice, or replayed from the stream, yields the same event and consumers can drop repeats.

An event travels on a queue as a message: ``to_message`` writes it, ``from_message`` reads it
back. The type is under ``event``, by the ``name`` each class declares, and every field
follows in its declared order, instants in ISO 8601; queues may hold messages written long
ago, so the format stays as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import datetime
from typing import Any, ClassVar, Self, get_origin, get_type_hints

from slsplay.domain.invitations import Answer

# Every event class by its name on the wire; filled as the classes below are defined.
_BY_NAME: dict[str, type[DomainEvent]] = {}


@dataclass(frozen=True)
class DomainEvent:
    """Something that happened; ``name`` is its type, stable on the wire."""

    name: ClassVar[str]

    id: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "name" in cls.__dict__:  # a kind of event, not a family of them
            if cls.name in _BY_NAME:
                raise TypeError(f"two domain events are called {cls.name!r}")
            _BY_NAME[cls.name] = cls

    def to_message(self) -> dict[str, Any]:
        """The event as JSON-ready data, with its type under ``event``."""
        data = {
            attribute.name: _written(getattr(self, attribute.name)) for attribute in fields(self)
        }
        return {"event": self.name, **data}


def from_message(message: Mapping[str, Any]) -> DomainEvent:
    """The event a queue message carries; ``ValueError`` for one no event class reads."""
    kind = _BY_NAME.get(message.get("event", ""))
    if kind is None:
        raise ValueError(f"not a domain event: {message.get('event')!r}")
    missing = [
        attribute.name
        for attribute in fields(kind)
        if attribute.name not in message
        and attribute.default is MISSING
        and attribute.default_factory is MISSING
    ]
    if missing:
        raise ValueError(f"a {kind.name!r} message lacks {', '.join(missing)}")
    hints = _hints(kind)
    return kind(
        **{
            attribute.name: _read(hints[attribute.name], message[attribute.name])
            for attribute in fields(kind)
            if attribute.name in message
        }
    )


def _hints(kind: type[DomainEvent]) -> dict[str, Any]:
    # Resolving a class's annotations costs milliseconds: once per class, not per message.
    hints = _HINTS.get(kind)
    if hints is None:
        hints = _HINTS[kind] = get_type_hints(kind)
    return hints


_HINTS: dict[type[DomainEvent], dict[str, Any]] = {}


def _written(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _read(kind: Any, value: Any) -> Any:
    # An instant travels as ISO 8601 text, a tuple as a JSON list; every other field as JSON
    # has it.
    if value is None:
        return None
    if kind is datetime or kind == datetime | None:
        return datetime.fromisoformat(value)
    return tuple(value) if get_origin(kind) is tuple else value


@dataclass(frozen=True)
class AccountMailRequested(DomainEvent):
    """An account asked for a link or a code by email (``purpose`` says which)."""

    name: ClassVar[str] = "account_mail"
    occurred_at: datetime
    purpose: str
    email: str
    # The link's token or the code (the table keeps only its hash): never in a log line.
    secret: str = field(repr=False)


@dataclass(frozen=True)
class MeetupDomainEvent(DomainEvent):
    """Something that happened to one meetup."""

    meetup_id: str
    occurred_at: datetime


@dataclass(frozen=True)
class PagedMeetupEvent(MeetupDomainEvent):
    """An event that calls for an email to many of a meetup's invitees.

    They are gone through a page at a time, each page queued as messages for groups of
    invitees and one more for the next page: ``cursor`` says where the page to do next
    starts (``None``: the first).
    """

    cursor: str | None = field(default=None, kw_only=True)

    def to_message(self) -> dict[str, Any]:
        """As the base; the first page's message has no ``cursor`` at all."""
        data = super().to_message()
        if self.cursor is None:
            del data["cursor"]
        return data

    def next_page(self, cursor: str) -> Self:
        """The same event, for the page of invitees that starts at ``cursor``."""
        return replace(self, cursor=cursor)


@dataclass(frozen=True)
class MeetupPublished(PagedMeetupEvent):
    """A draft became visible to its invitees: each is to be invited by email."""

    name: ClassVar[str] = "meetup_published"


@dataclass(frozen=True)
class InvitationsDue(MeetupDomainEvent):
    """Some invitees of a published meetup are to be emailed their invitations, in one run.

    The invitees of a published meetup are queued in such groups (see ``MeetupPublished``), a
    message each: one run sends a group's emails, with their mail markers claimed and
    confirmed together.
    """

    name: ClassVar[str] = "invitations_due"
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChangeNoticesDue(MeetupDomainEvent):
    """Some of those invited are to be told of a new time (``previous_start``) or, without
    one, of the cancellation that the event ``cause`` records, in one run."""

    name: ClassVar[str] = "change_notices_due"
    cause: str = ""
    previous_start: datetime | None = None
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetupStartingSoon(PagedMeetupEvent):
    """A published meetup starts in ``lead_hours``: its attendees are to be reminded."""

    name: ClassVar[str] = "meetup_starting_soon"
    lead_hours: int = 0


@dataclass(frozen=True)
class RemindersDue(MeetupDomainEvent):
    """Some attendees of a meetup starting in ``lead_hours`` are to be reminded, in one run."""

    name: ClassVar[str] = "reminders_due"
    lead_hours: int = 0
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class InvitationAdded(MeetupDomainEvent):
    """Someone was invited; if the meetup is published, they are to be emailed at once."""

    name: ClassVar[str] = "invitation_added"
    email: str = ""


@dataclass(frozen=True)
class RsvpChanged(MeetupDomainEvent):
    """An invitee answered, or changed their answer."""

    name: ClassVar[str] = "rsvp_changed"
    email: str = ""
    response: str = ""
    previous: str = ""

    @property
    def freed_a_seat(self) -> bool:
        """Whether someone who was attending no longer is."""
        return self.previous == Answer.ATTENDING and self.response != Answer.ATTENDING


@dataclass(frozen=True)
class MeetupRescheduled(PagedMeetupEvent):
    """A published meetup moved; everyone invited is to be told the new time."""

    name: ClassVar[str] = "meetup_rescheduled"
    previous_start: datetime
    new_start: datetime
    version: int = 0


@dataclass(frozen=True)
class MeetupCancelled(PagedMeetupEvent):
    """A published meetup was called off; everyone invited is to be told."""

    name: ClassVar[str] = "meetup_cancelled"


@dataclass(frozen=True)
class SeatsAdded(MeetupDomainEvent):
    """A published meetup's capacity grew (or went): people waiting in line may be seated."""

    name: ClassVar[str] = "seats_added"


@dataclass(frozen=True)
class MeetupChanged(MeetupDomainEvent):
    """A public meetup, or its attendance, changed: the search index is to catch up."""

    name: ClassVar[str] = "meetup_changed"


@dataclass(frozen=True)
class CoverChanged(MeetupDomainEvent):
    """A meetup's cover photo came, went or was replaced: its public page shows another."""

    name: ClassVar[str] = "cover_changed"


@dataclass(frozen=True)
class SeatOffered(MeetupDomainEvent):
    """A freed seat of a paid meetup is kept for someone in line: they are to be told."""

    name: ClassVar[str] = "seat_offered"
    email: str = ""


@dataclass(frozen=True)
class TicketRefunded(MeetupDomainEvent):
    """A ticket's money went back to its buyer: they are to be told."""

    name: ClassVar[str] = "ticket_refunded"
    email: str = ""


@dataclass(frozen=True)
class MediaTimedOut(MeetupDomainEvent):
    """A photo or video was failed for taking too long to process: its organizer is to be
    told, to upload it again."""

    name: ClassVar[str] = "media_timed_out"
    media_id: str = ""


@dataclass(frozen=True)
class MediaRemoved(MeetupDomainEvent):
    """A photo or video was removed, or went with its meetup: its files are to be deleted."""

    name: ClassVar[str] = "media_removed"
    media_id: str = ""


@dataclass(frozen=True)
class ActivityNoted(DomainEvent):
    """Something an organizer's insights count happened (``kind``: one of domain/analytics.py's
    ``KINDS``), as the change feed saw it; the analytics consumer counts it and keeps its
    record.

    It carries the invitee's address (``email``), as the other events on the queues do: the
    consumer turns it into a pseudonym before anything is kept. ``previous`` is the answer
    an answer replaced; ``first`` says it is the invitee's first answer.
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
