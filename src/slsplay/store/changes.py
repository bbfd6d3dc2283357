"""From committed item changes (the table's stream) to the domain events consumers act on,
and to the measures of the product's metrics.

Only this module and ``records`` know the stored format; the stream handler calls
``events_of`` on each change and forwards what it returns, and counts what ``measures_of``
returns. A measure counted from a committed change counts what did happen, once, whichever
function or retry made it happen.
"""

from __future__ import annotations

import hashlib

from slsplay.domain.events import (
    CoverChanged,
    DomainEvent,
    InvitationAdded,
    MediaRemoved,
    MediaTimedOut,
    MeetupCancelled,
    MeetupChanged,
    MeetupPublished,
    MeetupRescheduled,
    RsvpChanged,
    SeatOffered,
    SeatsAdded,
    TicketRefunded,
)
from slsplay.domain.media import MediaStatus
from slsplay.domain.meetup_details import Visibility
from slsplay.domain.meetups import MeetupStatus
from slsplay.domain.tickets import TicketStatus
from slsplay.ports import Change, Item, Measure
from slsplay.store import records


def _event_id(name: str, change: Change, version: object) -> str:
    # From the item and the version the change produced, not from the stream position:
    # the same change read twice, or read from another backend's stream, has the same id.
    seed = f"{name}|{change.key.pk}|{change.key.sk}|{version}"
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


def events_of(change: Change) -> list[DomainEvent]:
    """The domain events one change stands for (most changes stand for none)."""
    return _events(change) + _search_events(change) + _cover_events(change)


def _cover_events(change: Change) -> list[DomainEvent]:
    # The public page shows the cover: a new one, or none, is news for the edge cache.
    old, new = change.old_image or {}, change.new_image or {}
    if (new or old).get("type") != records.COVER_TYPE or old.get("id") == new.get("id"):
        return []
    meetup_id = change.key.pk.removeprefix("MEETUP#")
    event_id = _event_id(CoverChanged.name, change, f"{old.get('id')}|{new.get('id')}")
    return [CoverChanged(event_id, meetup_id, change.at)]


def _search_events(change: Change) -> list[DomainEvent]:
    # What the search index must hear of: any change of a public meetup (becoming or
    # ceasing to be one included, and its deletion), and any change of attendance (the
    # counts do not say whether their meetup is public: the indexer reads it).
    old, new = change.old_image or {}, change.new_image or {}
    kind = (new or old).get("type")
    public = Visibility.PUBLIC.value
    if kind == records.MEETUP_TYPE and public in (old.get("visibility"), new.get("visibility")):
        version = new.get("version", old.get("version"))
    elif kind == records.COUNTS_TYPE and old and new and old["attending"] != new["attending"]:
        version = f"{new.get('attending')}|{change.at.isoformat()}"
    else:
        return []
    meetup_id = change.key.pk.removeprefix("MEETUP#")
    event_id = _event_id(MeetupChanged.name, change, version)
    return [MeetupChanged(event_id, meetup_id, change.at)]


def _events(change: Change) -> list[DomainEvent]:
    item = change.new_image or change.old_image or {}
    kind = item.get("type")
    if kind == records.MEETUP_TYPE and change.new_image is not None:
        return _meetup_events(change, change.old_image, change.new_image)
    if kind == records.INVITATION_TYPE and change.new_image is not None:
        return _invitation_events(change, change.old_image, change.new_image)
    if kind == records.TICKET_TYPE and change.new_image is not None:
        return _ticket_events(change, change.old_image, change.new_image)
    if kind == records.MEDIA_TYPE and change.new_image is None and change.old_image is not None:
        media = records.media_from_item(change.old_image)
        event_id = _event_id(MediaRemoved.name, change, change.old_image.get("version"))
        return [MediaRemoved(event_id, media.meetup_id, change.at, media_id=media.id)]
    if kind == records.MEDIA_TYPE and change.new_image is not None:
        return _media_events(change, change.old_image, change.new_image)
    return []


def _media_events(change: Change, old: Item | None, new: Item) -> list[DomainEvent]:
    media = records.media_from_item(new)
    was_timed_out = old is not None and records.media_from_item(old).timed_out
    if not media.timed_out or was_timed_out:
        return []
    event_id = _event_id(MediaTimedOut.name, change, new.get("version"))
    return [MediaTimedOut(event_id, media.meetup_id, change.at, media_id=media.id)]


def _meetup_events(change: Change, old: Item | None, new: Item) -> list[DomainEvent]:
    meetup = records.meetup_from_item(new)
    before = None if old is None else records.meetup_from_item(old)
    version = new.get("version")
    meetup_id, at = meetup.id, meetup.updated_at
    was = None if before is None else before.status
    if meetup.status is MeetupStatus.PUBLISHED and was is not MeetupStatus.PUBLISHED:
        event_id = _event_id(MeetupPublished.name, change, version)
        return [MeetupPublished(id=event_id, meetup_id=meetup_id, occurred_at=at)]
    if meetup.status is MeetupStatus.CANCELLED and was is MeetupStatus.PUBLISHED:
        event_id = _event_id(MeetupCancelled.name, change, version)
        return [MeetupCancelled(id=event_id, meetup_id=meetup_id, occurred_at=at)]
    events: list[DomainEvent] = []
    if (
        before is not None
        and meetup.status is MeetupStatus.PUBLISHED
        and before.status is MeetupStatus.PUBLISHED
        and _more_seats(before.details.capacity, meetup.details.capacity)
    ):
        event_id = _event_id(SeatsAdded.name, change, version)
        events.append(SeatsAdded(id=event_id, meetup_id=meetup_id, occurred_at=at))
    if (
        before is not None
        and meetup.status is MeetupStatus.PUBLISHED
        and before.status is MeetupStatus.PUBLISHED
        and (before.starts_at, before.ends_at) != (meetup.starts_at, meetup.ends_at)
    ):
        events.append(
            MeetupRescheduled(
                id=_event_id(MeetupRescheduled.name, change, version),
                previous_start=before.starts_at,
                new_start=meetup.starts_at,
                version=meetup.version,
                meetup_id=meetup_id,
                occurred_at=at,
            )
        )
    return events


def _ticket_events(change: Change, old: Item | None, new: Item) -> list[DomainEvent]:
    ticket = records.ticket_from_item(new)
    was = None if old is None else records.ticket_from_item(old).status
    version = new.get("version")
    at = change.at
    if was is None and ticket.offered:
        event_id = _event_id(SeatOffered.name, change, version)
        return [SeatOffered(event_id, ticket.meetup_id, at, email=ticket.email)]
    if was is TicketStatus.HELD and ticket.status is TicketStatus.LAPSED:
        # A hold ended unpaid: its seat is free for those waiting.
        return [SeatsAdded(_event_id(SeatsAdded.name, change, version), ticket.meetup_id, at)]
    if ticket.status is TicketStatus.REFUNDED and was is not TicketStatus.REFUNDED:
        event_id = _event_id(TicketRefunded.name, change, version)
        return [TicketRefunded(event_id, ticket.meetup_id, at, email=ticket.email)]
    return []


def _more_seats(before: int | None, after: int | None) -> bool:
    """Whether a capacity change adds seats (``None``: no limit)."""
    if before is None:
        return False
    return after is None or after > before


def _invitation_events(change: Change, old: Item | None, new: Item) -> list[DomainEvent]:
    invitation = records.invitation_from_item(new)
    version = new.get("version")
    if old is None:
        return [
            InvitationAdded(
                id=_event_id(InvitationAdded.name, change, version),
                meetup_id=invitation.meetup_id,
                occurred_at=invitation.invited_at,
                email=invitation.email,
            )
        ]
    previous = records.invitation_from_item(old)
    if invitation.response is not previous.response and invitation.responded_at is not None:
        return [
            RsvpChanged(
                id=_event_id(RsvpChanged.name, change, version),
                meetup_id=invitation.meetup_id,
                occurred_at=invitation.responded_at,
                email=invitation.email,
                response=invitation.response.value,
                previous=previous.response.value,
            )
        ]
    return []


# The product's metrics (template.yaml's dashboard shows them), by the change that counts.
INVITATIONS_SENT = "InvitationsSent"
ANSWERS = "Answers"  # by Answer: attending, declined
TICKETS_SOLD = "TicketsSold"
REFUNDS = "Refunds"
MEDIA_PROCESSED = "MediaProcessed"  # by Outcome: ready, failed


def measures_of(change: Change) -> list[Measure]:
    """The metrics one change counts: an invitation emailed or answered, a ticket paid or
    refunded, a photo or video processed (most changes count none)."""
    old, new = change.old_image, change.new_image
    kind = (new or {}).get("type")
    if new is None or old is None or kind is None:
        return []
    if kind == records.INVITATION_TYPE:
        return _invitation_measures(old, new)
    if kind == records.TICKET_TYPE:
        was, now = old.get("status"), new.get("status")
        if now == TicketStatus.PAID and was != now:
            return [Measure(TICKETS_SOLD)]
        if now == TicketStatus.REFUNDED and was != now:
            return [Measure(REFUNDS)]
        return []
    if kind == records.MEDIA_TYPE:
        was, now = old.get("status"), new.get("status")
        if now in (MediaStatus.READY, MediaStatus.FAILED) and was != now:
            return [Measure(MEDIA_PROCESSED, dimensions={"Outcome": str(now)})]
    return []


def _invitation_measures(old: Item, new: Item) -> list[Measure]:
    measures = []
    if new.get("sent_at") is not None and old.get("sent_at") is None:
        measures.append(Measure(INVITATIONS_SENT))
    before, after = records.invitation_from_item(old), records.invitation_from_item(new)
    if after.response is not before.response and after.responded_at is not None:
        measures.append(Measure(ANSWERS, dimensions={"Answer": after.response.value}))
    return measures
