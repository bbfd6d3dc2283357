"""The edge-cache consumer's decisions on every store: a public page is invalidated when what
it shows changes, once, and never for an answer that moves no step of places left, nor for a
meetup that never had a page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from slsplay.domain.invitations import Answer
from slsplay.ports import Clock, ItemStore
from slsplay.services import answers, meetups
from slsplay.services.bundles import StoreAndClock
from slsplay.services.public_pages import refresh_edge
from tests.support.clock import START, FakeClock
from tests.support.meetups import signed_up

ORGANIZER = "organizer-1"


@dataclass
class FakeEdge:
    """The edge cache, keeping the batches it is asked to invalidate."""

    batches: list[list[str]] = field(default_factory=list)

    def invalidate(self, paths: Sequence[str]) -> None:
        self.batches.append(list(paths))


@dataclass
class EdgeBundle:
    store: ItemStore
    clock: Clock
    edge_cache: FakeEdge


def planned(store: ItemStore, clock: FakeClock, **values: object) -> str:
    ports = StoreAndClock(store, clock)
    view = meetups.plan_meetup(
        ports,
        ORGANIZER,
        {
            "title": "Open house",
            "starts_at": START + timedelta(days=3),
            "timezone": "UTC",
            "duration_minutes": 30,
            "join_url": "https://meet.example.com/o",
            "capacity": 100,
            **values,
        },
    )
    return view.meetup.id


def test_a_public_page_is_invalidated_when_what_it_shows_changes_and_only_then(
    store: ItemStore,
) -> None:
    clock, edge = FakeClock(), FakeEdge()
    ports = EdgeBundle(store, clock, edge)
    meetup_id = planned(store, clock, visibility="public")
    meetups.invite_people(
        StoreAndClock(store, clock), ORGANIZER, meetup_id, [{"email": "ann@example.com"}]
    )
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), meetup_id)

    assert refresh_edge(ports, [meetup_id, meetup_id]) == [f"/m/{meetup_id}*"]
    assert refresh_edge(ports, [meetup_id]) == []  # nothing shown changed since
    answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "ann@example.com", Answer.ATTENDING
    )
    assert refresh_edge(ports, [meetup_id]) == []  # 99 places left: the same step
    meetups.edit_meetup(StoreAndClock(store, clock), ORGANIZER, meetup_id, {"title": "New"})
    assert refresh_edge(ports, [meetup_id]) == [f"/m/{meetup_id}*"]
    meetups.edit_meetup(
        StoreAndClock(store, clock), ORGANIZER, meetup_id, {"visibility": "private"}
    )
    assert refresh_edge(ports, [meetup_id]) == [f"/m/{meetup_id}*"]  # its page is gone
    assert refresh_edge(ports, [meetup_id]) == []
    assert len(edge.batches) == 3


def test_a_meetup_that_never_had_a_page_invalidates_nothing(store: ItemStore) -> None:
    clock, edge = FakeClock(), FakeEdge()
    private = planned(store, clock)
    draft = planned(store, clock, visibility="public")

    assert refresh_edge(EdgeBundle(store, clock, edge), [private, draft, "no-such-meetup"]) == []
    assert edge.batches == []
