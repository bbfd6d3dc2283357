"""A person's own list of meetups ("My meetups" of an attendee), on every adapter: the
invitations to their address and the meetups they joined, soonest first, paged, read
through an index (never a scan)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from slsplay.domain.errors import NotFound
from slsplay.domain.users import User
from slsplay.ports import ItemStore
from slsplay.services import attending, discovery, meetups
from slsplay.services.bundles import StoreAndClock
from slsplay.store import records, schema
from slsplay.store.invitee_lists import InviteeListRepository
from slsplay.store.repositories import InvitationRepository, UserRepository
from tests.support.clock import START, FakeClock
from tests.support.meetups import meetup_values, signed_up

ORGANIZER = "organizer-1"
ANN = "ann"  # her account's address: ann@example.com


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def ports(store: ItemStore, clock: FakeClock) -> StoreAndClock:
    signed_up(store, ORGANIZER)
    return StoreAndClock(store, clock)


def invited(
    ports: StoreAndClock,
    title: str,
    in_days: float,
    *,
    email: str = "Ann@Example.com",
    **more: object,
) -> str:
    """A published meetup starting ``in_days`` from now with ``email`` invited."""
    values = meetup_values(title=title, starts_at=START + timedelta(days=in_days), **more)
    meetup_id = meetups.plan_meetup(ports, ORGANIZER, values).meetup.id
    meetups.invite_people(ports, ORGANIZER, meetup_id, [{"email": email}])
    meetups.publish_meetup(ports, ORGANIZER, meetup_id)
    return meetup_id


def ann(store: ItemStore, *, verified: bool = True) -> str:
    UserRepository(store).add(
        User(
            id=ANN,
            name="Ann",
            email="ann@example.com",
            is_guest=False,
            created_at=START,
            email_verified_at=START if verified else None,
        )
    )
    return ANN


def titles(page: list[attending.Attendance]) -> list[str]:
    return [a.view.meetup.details.title for a in page]


def test_an_address_lists_its_invitations_soonest_first_a_page_at_a_time(
    ports: StoreAndClock, store: ItemStore
) -> None:
    later = invited(ports, "Later", 9)
    soonest = invited(ports, "Soonest", 3)
    middle = invited(ports, "Middle", 6)
    invited(ports, "Not hers", 4, email="bob@example.com")
    lists = InviteeListRepository(store)

    first, cursor = lists.page("ann@example.com", since=START, limit=2)
    assert [i.meetup_id for i in first] == [soonest, middle]
    assert cursor is not None
    rest, cursor = lists.page("ann@example.com", since=START, limit=2, cursor=cursor)
    assert [i.meetup_id for i in rest] == [later]
    assert cursor is None
    assert lists.page("ann@example.com", since=START, past=True)[0] == []
    after_the_first = lists.page("ann@example.com", since=START + timedelta(days=4), past=True)
    assert [i.meetup_id for i in after_the_first[0]] == [soonest]


def test_a_person_sees_the_meetups_they_are_invited_to_with_their_answer_and_those_ended_apart(
    ports: StoreAndClock, store: ItemStore, clock: FakeClock
) -> None:
    ann(store)
    first = invited(ports, "Breakfast", 1)
    invited(ports, "Dinner", 2)
    meetups.plan_meetup(ports, ORGANIZER, meetup_values(title="A draft"))
    draft = meetups.plan_meetup(ports, ORGANIZER, meetup_values(title="Draft")).meetup.id
    meetups.invite_people(ports, ORGANIZER, draft, [{"email": "ann@example.com"}])

    upcoming, _ = attending.meetups_attended(ports, ANN)
    assert titles(upcoming) == ["Breakfast", "Dinner"]  # a draft's invitees are not told yet
    assert upcoming[0].invitation.response.value == "none"
    assert upcoming[0].view.organizer_name == "Olga"

    clock.set(START + timedelta(days=1, hours=2))  # the breakfast is over
    assert titles(attending.meetups_attended(ports, ANN)[0]) == ["Dinner"]
    assert titles(attending.meetups_attended(ports, ANN, past=True)[0]) == ["Breakfast"]
    token, meetup = attending.answer_link_of(ports, ANN, first)
    assert token
    assert meetup.id == first


def test_an_unproved_address_shows_only_the_public_meetups_its_account_joined(
    ports: StoreAndClock, store: ItemStore
) -> None:
    ann(store, verified=False)
    private = invited(ports, "Sent to the address", 2)
    public = invited(ports, "Open house", 3, email="bob@example.com", visibility="public")
    discovery.join_public(ports, ANN, public)

    assert titles(attending.meetups_attended(ports, ANN)[0]) == ["Open house"]
    with pytest.raises(NotFound):
        attending.answer_link_of(ports, ANN, private)


def test_a_moved_meetup_takes_its_new_place_in_the_list(
    ports: StoreAndClock, store: ItemStore
) -> None:
    ann(store)
    moved = invited(ports, "Moved", 2)
    invited(ports, "Stays", 5)
    meetups.edit_meetup(ports, ORGANIZER, moved, {"starts_at": START + timedelta(days=8)})

    assert titles(attending.meetups_attended(ports, ANN)[0]) == ["Stays", "Moved"]
    index_order, _ = InviteeListRepository(store).page("ann@example.com", since=START)
    assert [i.meetup_id for i in index_order][-1] == moved


def test_invitations_stored_before_they_carried_the_start_are_placed_by_the_first_read(
    ports: StoreAndClock, store: ItemStore
) -> None:
    ann(store)
    old = invited(ports, "Stored long ago", 4)
    invited(ports, "Recent", 2)
    # As an invitation item was written before it carried its meetup's start.
    item = records.invitation_item(InvitationRepository(store).get(old, "ann@example.com"))
    del item["meetup_starts_at"]
    item["gsi1sk"] = f"{schema.UNPLACED_INVITEE_PREFIX}{old}"
    store.put(item)
    lists = InviteeListRepository(store)
    assert [i.meetup_id for i in lists.unplaced("ann@example.com")] == [old]

    assert titles(attending.meetups_attended(ports, ANN)[0]) == ["Recent", "Stored long ago"]
    assert lists.unplaced("ann@example.com") == []
    placed = InvitationRepository(store).get(old, "ann@example.com")
    assert placed.meetup_starts_at == START + timedelta(days=4)


def test_the_reaction_to_a_move_places_its_invitations_at_the_new_start(
    ports: StoreAndClock, store: ItemStore
) -> None:
    moved = invited(ports, "Moved", 2)
    stays = invited(ports, "Stays", 5)
    meetups.edit_meetup(ports, ORGANIZER, moved, {"starts_at": START + timedelta(days=8)})

    attending.place_invitations(ports, moved, None, limit=100)

    index_order, _ = InviteeListRepository(store).page("ann@example.com", since=START)
    assert [i.meetup_id for i in index_order] == [stays, moved]
