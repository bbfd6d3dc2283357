"""Domain events on the wire: each reads back from its queue message as it was, and the
messages keep the exact text queues may already hold."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from slsplay.domain.events import (
    DomainEvent,
    MeetupPublished,
    MeetupRescheduled,
    RsvpChanged,
    from_message,
)

# One message of every kind, exactly as the stream function, the fan-out and the sign-in
# service have always written them.
MESSAGES = [
    '{"event": "account_mail", "id": "r1", "occurred_at": "2030-03-04T18:00:00.250000+00:00",'
    ' "purpose": "verify", "email": "ann@example.com", "secret": "s3cr3t"}',
    '{"event": "meetup_published", "id": "e1", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00"}',
    '{"event": "meetup_published", "id": "e1", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00", "cursor": "page-2"}',
    '{"event": "invitation_added", "id": "e2", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00", "email": "ann@example.com"}',
    '{"event": "rsvp_changed", "id": "e3", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00", "email": "ann@example.com",'
    ' "response": "declined", "previous": "attending"}',
    '{"event": "meetup_rescheduled", "id": "e4", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00",'
    ' "previous_start": "2030-03-10T18:00:00+00:00",'
    ' "new_start": "2030-03-11T19:30:00+00:00", "version": 7}',
    '{"event": "meetup_cancelled", "id": "e5", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00"}',
    '{"event": "seats_added", "id": "e6", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00"}',
    '{"event": "meetup_changed", "id": "e7", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00"}',
    '{"event": "cover_changed", "id": "e7c", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00"}',
    '{"event": "seat_offered", "id": "e8", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00", "email": "bob@example.com"}',
    '{"event": "ticket_refunded", "id": "e9", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00", "email": "bob@example.com"}',
    '{"event": "media_removed", "id": "e10", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00", "media_id": "x1"}',
    '{"event": "media_timed_out", "id": "e15", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00", "media_id": "x1"}',
    '{"event": "invitations_due", "id": "e11", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00",'
    ' "emails": ["ann@example.com", "bob@example.com"]}',
    '{"event": "meetup_cancelled", "id": "e5", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00", "cursor": "page-2"}',
    '{"event": "change_notices_due", "id": "e12", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00", "cause": "e4",'
    ' "previous_start": "2030-03-10T18:00:00+00:00", "emails": ["ann@example.com"]}',
    '{"event": "change_notices_due", "id": "e13", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00", "cause": "e5",'
    ' "previous_start": null, "emails": ["ann@example.com"]}',
    '{"event": "meetup_starting_soon", "id": "m1-24h", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00", "lead_hours": 24}',
    '{"event": "reminders_due", "id": "e14", "meetup_id": "m1",'
    ' "occurred_at": "2030-03-04T18:00:00.250000+00:00", "lead_hours": 1,'
    ' "emails": ["ann@example.com"]}',
    '{"event": "activity_noted", "id": "f1", "kind": "answered",'
    ' "occurred_at": "2030-03-04T18:00:00+00:00", "meetup_id": "m1", "email": "ann@example.com",'
    ' "detail": "attending", "amount_minor": null, "currency": null, "previous": "declined",'
    ' "first": false}',
]


def _kinds(base: type[DomainEvent]) -> set[type[DomainEvent]]:
    found: set[type[DomainEvent]] = set()
    for kind in base.__subclasses__():
        found |= _kinds(kind)
        if "name" in kind.__dict__:
            found.add(kind)
    return found


@pytest.mark.parametrize("text", MESSAGES, ids=lambda text: json.loads(text)["event"])
def test_every_message_reads_back_as_an_event_that_writes_the_same_text(text: str) -> None:
    event = from_message(json.loads(text))

    assert json.dumps(event.to_message()) == text
    assert from_message(event.to_message()) == event


def test_every_kind_of_domain_event_has_a_message_above() -> None:
    assert {json.loads(text)["event"] for text in MESSAGES} == {k.name for k in _kinds(DomainEvent)}


def test_instants_read_back_as_instants() -> None:
    event = from_message(json.loads(MESSAGES[5]))
    assert isinstance(event, MeetupRescheduled)

    assert event.occurred_at == datetime(2030, 3, 4, 18, 0, 0, 250000, tzinfo=UTC)
    assert event.previous_start == datetime(2030, 3, 10, 18, 0, tzinfo=UTC)


def test_the_next_page_of_a_fan_out_is_the_same_event_with_its_cursor() -> None:
    first = from_message(json.loads(MESSAGES[1]))
    assert isinstance(first, MeetupPublished)

    assert first.cursor is None
    assert json.dumps(first.next_page("page-2").to_message()) == MESSAGES[2]


def test_an_account_emails_secret_stays_out_of_its_description() -> None:
    event = from_message(json.loads(MESSAGES[0]))

    assert "s3cr3t" not in repr(event)


@pytest.mark.parametrize(
    ("previous", "response", "freed"),
    [
        ("attending", "declined", True),
        ("attending", "attending", False),
        ("none", "declined", False),
    ],
)
def test_an_answer_frees_a_seat_only_when_someone_attending_stops(
    previous: str, response: str, freed: bool
) -> None:
    changed = RsvpChanged("e", "m", datetime.now(UTC), "a@x", response=response, previous=previous)

    assert changed.freed_a_seat is freed


@pytest.mark.parametrize(
    "message",
    [
        {"event": "no_such_event", "id": "x", "meetup_id": "m"},
        {"id": "x", "meetup_id": "m"},
        {"event": "invitation_added", "id": "x", "email": "ann@example.com"},
    ],
    ids=["unknown kind", "no kind", "missing fields"],
)
def test_a_message_no_event_reads_is_refused(message: dict[str, str]) -> None:
    with pytest.raises(ValueError, match=r"not a domain event|lacks"):
        from_message(message)
