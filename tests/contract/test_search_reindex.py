"""The search index's rebuild from the table (``discovery.reindex_public``), on each item
store: every public meetup from now on written whole, private ones removed, and a run
resumed from any position it gave does exactly what was left to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from slsplay.ports import IndexedMeetup, ItemStore
from slsplay.services import discovery, meetups
from slsplay.services.bundles import StoreAndClock
from tests.support.clock import START, FakeClock
from tests.support.meetups import ORGANIZER, meetup_values, signed_up


@dataclass
class RecordingIndex:
    """A search index that records what it was told, in order."""

    told: list[tuple[str, str]] = field(default_factory=list)

    def upsert(self, meetup: IndexedMeetup, *, rewrite: bool = False) -> None:
        self.told.append(("rewrite" if rewrite else "upsert", meetup.meetup_id))

    def remove(self, meetup_id: str) -> None:
        self.told.append(("remove", meetup_id))


@dataclass(frozen=True)
class Ports:
    store: ItemStore
    clock: FakeClock
    search: RecordingIndex


def published(ports: Ports, hours: float, visibility: str = "public") -> str:
    """A published meetup starting ``hours`` after now."""
    details = meetup_values(starts_at=START + timedelta(hours=hours), visibility=visibility)
    bundle = StoreAndClock(ports.store, ports.clock)
    meetup_id = meetups.plan_meetup(bundle, ORGANIZER, details).meetup.id
    meetups.publish_meetup(bundle, signed_up(ports.store), meetup_id)
    return meetup_id


@pytest.fixture
def ports(store: ItemStore) -> Ports:
    signed_up(store)
    return Ports(store, FakeClock(), RecordingIndex())


def test_every_public_meetup_from_now_on_is_written_whole_and_a_private_one_removed(
    ports: Ports,
) -> None:
    # Five on the first day (a page of two, then two, then one), none the next, two after.
    first_day = [published(ports, hours) for hours in (1, 2, 3, 4)]
    private = published(ports, 5, visibility="private")
    later = [published(ports, 49), published(ports, 50)]
    until = (START + timedelta(days=3)).date()

    pages = list(discovery.reindex_public(ports, discovery.reindex_position(START), until, page=2))

    assert ports.search.told == [
        *[("rewrite", meetup_id) for meetup_id in first_day],
        ("remove", private),
        *[("rewrite", meetup_id) for meetup_id in later],
    ]
    assert [(page.day.day - START.day, page.read, page.listed) for page in pages] == [
        (0, 2, 2),
        (0, 2, 2),
        (0, 1, 0),
        (1, 0, 0),
        (2, 2, 2),
        (2, 0, 0),  # a full page leaves the day open: one more Query finds it done
        (3, 0, 0),
    ]


def test_a_run_resumed_from_any_position_it_gave_does_exactly_the_rest(ports: Ports) -> None:
    for hours in (1, 1, 2, 26, 27, 28, 75):  # two at the same instant: told apart by id
        published(ports, hours)
    until = (START + timedelta(days=4)).date()
    start = discovery.reindex_position(START)
    pages = list(discovery.reindex_public(ports, start, until, page=2))
    everything = list(ports.search.told)

    for page in pages:
        assert discovery.valid_reindex_position(page.position)
        done = sum(p.read for p in pages[: pages.index(page) + 1])
        ports.search.told.clear()
        list(discovery.reindex_public(ports, page.position, until, page=2))
        assert ports.search.told == everything[done:], page.position
