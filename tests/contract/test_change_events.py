"""The change feed of every store becomes the same domain events, with ids that replay stably."""

from __future__ import annotations

from datetime import timedelta

from slsplay.domain.events import (
    InvitationAdded,
    MediaTimedOut,
    MeetupCancelled,
    MeetupChanged,
    MeetupPublished,
    MeetupRescheduled,
    RsvpChanged,
)
from slsplay.domain.invitations import Answer
from slsplay.domain.media import Media, MediaKind
from slsplay.ports import Change, ItemStore
from slsplay.services import answers, media, meetups
from slsplay.services.bundles import StoreAndClock
from slsplay.store.changes import events_of
from slsplay.store.repositories import MediaRepository
from tests.support.clock import START, FakeClock
from tests.support.meetups import signed_up

ORGANIZER = "organizer-1"


def all_changes(store: ItemStore) -> list[Change]:
    changes: list[Change] = []
    position = None
    while True:
        batch = store.changes(after=position, limit=50)
        if not batch.changes:
            return changes
        changes += batch.changes
        position = batch.position


def test_a_meetups_life_becomes_the_events_consumers_act_on(store: ItemStore) -> None:
    clock = FakeClock()
    meetup_id = meetups.plan_meetup(
        StoreAndClock(store, clock),
        ORGANIZER,
        {
            "title": "Launch",
            "starts_at": START + timedelta(days=3),
            "timezone": "Europe/Berlin",
            "duration_minutes": 60,
            "join_url": "https://meet.example.com/l",
        },
    ).meetup.id
    meetups.invite_people(
        StoreAndClock(store, clock), ORGANIZER, meetup_id, [{"email": "ann@example.com"}]
    )
    meetups.edit_meetup(
        StoreAndClock(store, clock), ORGANIZER, meetup_id, {"title": "Launch night"}
    )
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), meetup_id)
    meetups.invite_people(
        StoreAndClock(store, clock), ORGANIZER, meetup_id, [{"email": "bob@example.com"}]
    )
    answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "ann@example.com", Answer.ATTENDING
    )
    answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "ann@example.com", Answer.ATTENDING
    )
    meetups.edit_meetup(
        StoreAndClock(store, clock), ORGANIZER, meetup_id, {"starts_at": START + timedelta(days=4)}
    )
    meetups.cancel_meetup(StoreAndClock(store, clock), ORGANIZER, meetup_id)

    # What the notifier hears of (the search index hears of attendance too: see below).
    events = [
        event
        for change in all_changes(store)
        for event in events_of(change)
        if not isinstance(event, MeetupChanged)
    ]

    assert [(type(e), getattr(e, "email", None)) for e in events] == [
        (InvitationAdded, "ann@example.com"),
        (MeetupPublished, None),
        (InvitationAdded, "bob@example.com"),
        (RsvpChanged, "ann@example.com"),
        (MeetupRescheduled, None),
        (MeetupCancelled, None),
    ]
    rescheduled = events[4]
    assert isinstance(rescheduled, MeetupRescheduled)
    assert (rescheduled.previous_start, rescheduled.new_start) == (
        START + timedelta(days=3),
        START + timedelta(days=4),
    )
    assert all(e.meetup_id == meetup_id for e in events)


def test_reading_the_same_changes_again_gives_the_same_event_ids(store: ItemStore) -> None:
    clock = FakeClock()
    meetup_id = meetups.plan_meetup(
        StoreAndClock(store, clock),
        ORGANIZER,
        {
            "title": "Replay",
            "starts_at": START + timedelta(days=3),
            "timezone": "UTC",
            "duration_minutes": 30,
            "join_url": "https://meet.example.com/r",
        },
    ).meetup.id
    meetups.invite_people(
        StoreAndClock(store, clock), ORGANIZER, meetup_id, [{"email": "ann@example.com"}]
    )
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), meetup_id)

    first = [e.id for c in all_changes(store) for e in events_of(c)]
    again = [e.id for c in all_changes(store) for e in events_of(c)]

    assert first == again
    assert len(set(first)) == len(first) == 2


def test_the_search_index_hears_of_every_change_of_a_public_meetup_and_of_attendance(
    store: ItemStore,
) -> None:
    clock = FakeClock()
    public = meetups.plan_meetup(
        StoreAndClock(store, clock),
        ORGANIZER,
        {
            "title": "Open house",
            "starts_at": START + timedelta(days=3),
            "timezone": "UTC",
            "duration_minutes": 30,
            "join_url": "https://meet.example.com/o",
            "visibility": "public",
        },
    ).meetup.id
    meetups.invite_people(
        StoreAndClock(store, clock), ORGANIZER, public, [{"email": "ann@example.com"}]
    )
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), public)
    answers.answer_invitation(
        StoreAndClock(store, clock), public, "ann@example.com", Answer.ATTENDING
    )
    meetups.edit_meetup(StoreAndClock(store, clock), ORGANIZER, public, {"visibility": "private"})
    meetups.edit_meetup(StoreAndClock(store, clock), ORGANIZER, public, {"title": "Closed house"})

    changed = [e for c in all_changes(store) for e in events_of(c) if isinstance(e, MeetupChanged)]

    # Planned, published, the attendance, and made private; not the private edit after.
    assert len(changed) == 4
    assert {e.meetup_id for e in changed} == {public}


def test_media_failed_for_taking_too_long_tells_the_organizer_and_a_rejection_does_not(
    store: ItemStore,
) -> None:
    clock = FakeClock()
    meetup_id = meetups.plan_meetup(
        StoreAndClock(store, clock),
        ORGANIZER,
        {
            "title": "Screening",
            "starts_at": START + timedelta(days=3),
            "timezone": "Europe/Berlin",
            "duration_minutes": 60,
            "join_url": "https://meet.example.com/s",
        },
    ).meetup.id
    repository = MediaRepository(store)
    stalled, rejected = (
        Media.request(
            media_id=media_id,
            meetup_id=meetup_id,
            kind=MediaKind.VIDEO,
            content_type="video/mp4",
            size=5000,
            now=clock.now(),
        )
        for media_id in ("stalled", "rejected")
    )
    for item in (stalled, rejected):
        repository.add(item)
        read_version = item.version
        item.start_processing(clock.now())
        repository.save(item, read_version)
    read_version = rejected.version
    rejected.fail("The file is not a video.", clock.now())
    repository.save(rejected, read_version)
    clock.advance(hours=3)
    assert media.fail_stalled(StoreAndClock(store, clock)) == 1

    timed_out = [
        event
        for change in all_changes(store)
        for event in events_of(change)
        if isinstance(event, MediaTimedOut)
    ]

    assert [(e.meetup_id, e.media_id) for e in timed_out] == [(meetup_id, "stalled")]
