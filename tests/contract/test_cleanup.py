"""The daily clean-up, on each store: abandoned guest drafts go, nothing else does."""

from __future__ import annotations

from datetime import timedelta

import pytest

from slsplay.domain.errors import VersionConflict
from slsplay.domain.users import User
from slsplay.ports import Delete, ItemStore, Key, Put
from slsplay.services import meetups
from slsplay.services.bundles import StoreAndClock
from slsplay.services.cleanup import Cleaned, clean_up
from slsplay.store import records, repositories
from slsplay.store.repositories import MeetupRepository, UserRepository
from tests.support.clock import START, FakeClock
from tests.support.meetups import signed_up


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def person(store: ItemStore, user_id: str, *, guest: bool) -> str:
    user = (
        User.guest(user_id=user_id, now=START)
        if guest
        else User.register(user_id=user_id, email=f"{user_id}@example.com", name="Ada", now=START)
    )
    UserRepository(store).add(user)
    return user_id


def draft(store: ItemStore, clock: FakeClock, organizer: str, invitees: int = 3) -> str:
    values = {
        "title": "Dinner",
        "starts_at": clock.now() + timedelta(days=90),
        "timezone": "UTC",
        "duration_minutes": 60,
        "join_url": "https://meet.example.com/d",
    }
    meetup_id = meetups.plan_meetup(StoreAndClock(store, clock), organizer, values).meetup.id
    people = [{"email": f"p{n}@example.com"} for n in range(invitees)]
    meetups.invite_people(StoreAndClock(store, clock), organizer, meetup_id, people)
    return meetup_id


def exists(store: ItemStore, meetup_id: str) -> bool:
    return bool(store.query(f"MEETUP#{meetup_id}").items)


def test_a_guests_draft_untouched_for_30_days_goes_with_everything_under_it_and_the_guest(
    store: ItemStore, clock: FakeClock
) -> None:
    guest = person(store, "guest-1", guest=True)
    abandoned = draft(store, clock, guest, invitees=120)
    clock.advance(days=30, seconds=1)

    assert clean_up(StoreAndClock(store, clock)) == Cleaned(guest_drafts=1, guests=1)

    assert not exists(store, abandoned)
    assert UserRepository(store).find(guest) is None
    assert clean_up(StoreAndClock(store, clock)) == Cleaned()  # a second run finds nothing


def test_a_draft_touched_within_30_days_an_accounts_draft_and_a_published_meetup_stay(
    store: ItemStore, clock: FakeClock
) -> None:
    guest = person(store, "guest-1", guest=True)
    account = person(store, "ada", guest=False)
    old_guest_draft = draft(store, clock, guest)
    accounts_draft = draft(store, clock, account)
    published = draft(store, clock, account)
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, account), published)
    clock.advance(days=20)
    meetups.edit_meetup(
        StoreAndClock(store, clock), guest, old_guest_draft, {"title": "Dinner, again"}
    )
    clock.advance(days=15)

    assert clean_up(StoreAndClock(store, clock)) == Cleaned()

    assert all(exists(store, m) for m in (old_guest_draft, accounts_draft, published))
    assert UserRepository(store).find(guest) is not None


def test_a_guest_keeps_their_account_while_a_recent_draft_remains(
    store: ItemStore, clock: FakeClock
) -> None:
    guest = person(store, "guest-1", guest=True)
    abandoned = draft(store, clock, guest)
    clock.advance(days=25)
    recent = draft(store, clock, guest)
    clock.advance(days=6)

    assert clean_up(StoreAndClock(store, clock)) == Cleaned(guest_drafts=1)

    assert not exists(store, abandoned)
    assert exists(store, recent)
    assert UserRepository(store).find(guest) is not None


def test_drafts_of_a_run_missed_for_days_are_caught_up(store: ItemStore, clock: FakeClock) -> None:
    guest = person(store, "guest-1", guest=True)
    abandoned = draft(store, clock, guest)
    clock.advance(days=36)

    assert clean_up(StoreAndClock(store, clock)).guest_drafts == 1
    assert not exists(store, abandoned)


def test_a_deletion_a_stopped_process_left_half_done_is_finished(
    store: ItemStore, clock: FakeClock
) -> None:
    account = person(store, "ada", guest=False)
    meetup_id = draft(store, clock, account)
    # Only the first step of a deletion: the meetup gone, its marker written.
    store.transact(
        [
            Delete(Key(f"MEETUP#{meetup_id}", "MEETUP")),
            Put(records.purge_marker_item(meetup_id, clock.now())),
        ]
    )
    clock.advance(days=1)

    assert clean_up(StoreAndClock(store, clock)) == Cleaned(purges_finished=1)
    assert not exists(store, meetup_id)


def test_the_clean_up_leaves_alone_a_draft_changed_while_it_runs(
    store: ItemStore, clock: FakeClock
) -> None:
    guest = person(store, "guest-1", guest=True)
    meetup_id = draft(store, clock, guest)
    stale, _ = MeetupRepository(store).get(meetup_id)
    meetups.edit_meetup(StoreAndClock(store, clock), guest, meetup_id, {"title": "Dinner, again"})

    with pytest.raises(VersionConflict):
        MeetupRepository(store).delete(stale, clock.now())
    assert exists(store, meetup_id)


def test_a_deletion_too_large_for_one_request_is_finished_by_the_clean_up(
    store: ItemStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repositories, "PURGE_BATCHES_NOW", 1)
    account = person(store, "ada", guest=False)
    meetup_id = draft(store, clock, account, invitees=150)

    meetups.delete_meetup(StoreAndClock(store, clock), account, meetup_id)

    left = store.query(f"MEETUP#{meetup_id}", limit=100).items
    assert 0 < len(left) < 150  # a batch went, the rest waits for the clean-up
    assert clean_up(StoreAndClock(store, clock)) == Cleaned(purges_finished=1)
    assert not exists(store, meetup_id)
