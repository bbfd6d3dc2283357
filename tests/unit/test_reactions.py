"""What each domain event the notifier receives sets off: the table of reactions, with the
use cases replaced by recorders (the use cases themselves are tested on a store)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from slsplay.domain.events import (
    AccountMailRequested,
    ChangeNoticesDue,
    DomainEvent,
    InvitationAdded,
    InvitationsDue,
    MediaTimedOut,
    MeetupCancelled,
    MeetupChanged,
    MeetupPublished,
    MeetupRescheduled,
    MeetupStartingSoon,
    RemindersDue,
    RsvpChanged,
    SeatOffered,
    SeatsAdded,
    TicketRefunded,
    from_message,
)
from slsplay.handlers.stream import CONSUMERS
from slsplay.ports import MAX_BATCH
from slsplay.services import answers, attending, group_mail, notifications, reactions, tickets
from slsplay.services.group_mail import GroupMail
from slsplay.services.notifications import MailPorts
from slsplay.services.reactions import REACTIONS, ReactionPorts
from tests.support.clock import FakeClock

AT = datetime(2030, 3, 4, 18, 0, tzinfo=UTC)
MOVED_FROM = datetime(2030, 3, 10, 18, 0, tzinfo=UTC)
# Stand-ins: the recorders below only pass them on.
STORE: Any = "the store"
CLOCK: Any = "the clock"
MAILER: Any = "the mailer"
MAIL = MailPorts(STORE, CLOCK, MAILER, "https://slsplay.example.com", "slsplay@example.com")
PAYMENTS: Any = "the payment ports"


class FakeQueue:
    """Keeps what is sent, in order."""

    name = "notifier"

    def __init__(self) -> None:
        self.sent: list[tuple[str, Mapping[str, str]]] = []
        self.batches: list[int] = []

    def send(self, body: str, attributes: Mapping[str, str] | None = None) -> str:
        self.sent.append((body, dict(attributes or {})))
        return str(len(self.sent))

    def send_batch(self, messages: Sequence[tuple[str, Mapping[str, str]]]) -> list[str]:
        assert 1 <= len(messages) <= MAX_BATCH
        self.batches.append(len(messages))
        return [self.send(body, attributes) for body, attributes in messages]


class Calls:
    """The use cases reached, by name, with the arguments that identify what they act on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made: list[tuple[Any, ...]] = []
        self.sold_tickets = False
        self.pages: dict[str | None, tuple[list[str], str | None]] = {None: ([], None)}
        self.payment_ports_built = 0
        for module, name in [
            (notifications, "on_account_mail"),
            (notifications, "on_invitation_added"),
            (notifications, "on_rsvp_changed"),
            (notifications, "on_seat_offered"),
            (notifications, "on_ticket_refunded"),
            (notifications, "on_media_timed_out"),
            (answers, "promote_from_waiting_list"),
            (tickets, "offer_freed_seats"),
            (tickets, "refund_tickets"),
            (attending, "place_invitations"),
        ]:
            monkeypatch.setattr(module, name, self._recorder(name))
        monkeypatch.setattr(tickets, "has_tickets", lambda store, meetup_id: self.sold_tickets)
        monkeypatch.setattr(group_mail, "invitees_page", self._page)
        monkeypatch.setattr(group_mail, "email_group", self._email_group)

    def _page(
        self, ports: MailPorts, meetup_id: str, mail: GroupMail, cursor: str | None
    ) -> tuple[list[str], str | None]:
        self.made.append(("invitees_page", ports, meetup_id, mail.purpose, mail.extra, cursor))
        return self.pages[cursor]

    def _email_group(
        self, ports: MailPorts, meetup_id: str, mail: GroupMail, emails: Sequence[str]
    ) -> None:
        self.made.append(("email_group", ports, meetup_id, mail.purpose, mail.extra, emails))

    def _recorder(self, name: str) -> Callable[..., None]:
        def record(*args: Any) -> None:
            self.made.append((name, *args))

        return record

    def payment_ports(self) -> Any:
        self.payment_ports_built += 1
        return PAYMENTS


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    return Calls(monkeypatch)


@pytest.fixture
def queue() -> FakeQueue:
    return FakeQueue()


@pytest.fixture
def ports(calls: Calls, queue: FakeQueue) -> ReactionPorts:
    fake: Any = queue
    return ReactionPorts(mail=MAIL, queue=fake, payments=calls.payment_ports)


EVENTS_AND_USE_CASES: list[tuple[DomainEvent, list[tuple[Any, ...]]]] = [
    (
        AccountMailRequested("r1", AT, "verify", "ann@example.com", "s3cr3t"),
        [("on_account_mail", MAIL, "r1", "verify", "ann@example.com", "s3cr3t")],
    ),
    (
        InvitationAdded("e1", "m1", AT, "ann@example.com"),
        [("on_invitation_added", MAIL, "m1", "ann@example.com")],
    ),
    (
        MeetupPublished("e9", "m1", AT),
        [
            ("invitees_page", MAIL, "m1", "invitation", {}, None),
            ("place_invitations", MAIL, "m1", None, group_mail.PAGE),
        ],
    ),
    (
        InvitationsDue("e8", "m1", AT, ("ann@example.com", "bob@example.com")),
        [("email_group", MAIL, "m1", "invitation", {}, ("ann@example.com", "bob@example.com"))],
    ),
    (
        RsvpChanged("e2", "m1", AT, "ann@example.com", response="attending", previous="none"),
        [("on_rsvp_changed", MAIL, "e2", "m1", "ann@example.com")],
    ),
    (
        MeetupRescheduled("e3", "m1", AT, previous_start=MOVED_FROM, new_start=AT, version=4),
        [
            ("invitees_page", MAIL, "m1", "change-e3", {"previous_start": MOVED_FROM}, None),
            ("place_invitations", MAIL, "m1", None, group_mail.PAGE),
        ],
    ),
    (
        ChangeNoticesDue("g1", "m1", AT, "e3", MOVED_FROM, ("ann@example.com",)),
        [
            (
                "email_group",
                MAIL,
                "m1",
                "change-e3",
                {"previous_start": MOVED_FROM},
                ("ann@example.com",),
            )
        ],
    ),
    (
        ChangeNoticesDue("g2", "m1", AT, "e7", None, ("ann@example.com",)),
        [("email_group", MAIL, "m1", "change-e7", {}, ("ann@example.com",))],
    ),
    (
        MeetupStartingSoon("m1-24h", "m1", AT, lead_hours=24),
        [("invitees_page", MAIL, "m1", "reminder-24h", {"lead": timedelta(hours=24)}, None)],
    ),
    (
        RemindersDue("g3", "m1", AT, 1, ("ann@example.com",)),
        [
            (
                "email_group",
                MAIL,
                "m1",
                "reminder-1h",
                {"lead": timedelta(hours=1)},
                ("ann@example.com",),
            )
        ],
    ),
    (
        SeatsAdded("e4", "m1", AT),
        [
            ("promote_from_waiting_list", MAIL, "m1"),
            ("offer_freed_seats", MAIL, "m1"),
        ],
    ),
    (
        SeatOffered("e5", "m1", AT, "bob@example.com"),
        [("on_seat_offered", MAIL, "e5", "m1", "bob@example.com")],
    ),
    (
        TicketRefunded("e6", "m1", AT, "bob@example.com"),
        [("on_ticket_refunded", MAIL, "e6", "m1", "bob@example.com")],
    ),
    (
        MeetupCancelled("e7", "m1", AT),
        [("invitees_page", MAIL, "m1", "change-e7", {}, None)],
    ),
    (
        MediaTimedOut("e10", "m1", AT, media_id="x1"),
        [("on_media_timed_out", MAIL, "m1", "x1")],
    ),
]


@pytest.mark.parametrize(
    ("event", "use_cases"),
    EVENTS_AND_USE_CASES,
    ids=[event.name for event, _ in EVENTS_AND_USE_CASES],
)
def test_each_event_reaches_its_use_case(
    ports: ReactionPorts, calls: Calls, event: DomainEvent, use_cases: list[tuple[Any, ...]]
) -> None:
    reactions.react(ports, event)

    assert calls.made == use_cases


def test_every_event_the_notifier_is_sent_has_a_reaction() -> None:
    tested = {type(event) for event, _ in EVENTS_AND_USE_CASES}
    # Account mail comes from the sign-in service, meetups starting soon from the reminders
    # job, groups of invitees from the pages gone through.
    queued_elsewhere = {
        AccountMailRequested,
        MeetupStartingSoon,
        InvitationsDue,
        ChangeNoticesDue,
        RemindersDue,
    }

    assert set(CONSUMERS["NOTIFIER"]) | queued_elsewhere == set(REACTIONS) == tested


def test_an_event_nothing_reacts_to_is_refused(ports: ReactionPorts) -> None:
    with pytest.raises(ValueError, match="meetup_changed"):
        reactions.react(ports, MeetupChanged("e", "m1", AT))


def test_an_attendee_who_stops_attending_frees_their_seat_for_those_waiting(
    ports: ReactionPorts, calls: Calls
) -> None:
    reactions.react(
        ports,
        RsvpChanged("e2", "m1", AT, "ann@example.com", response="declined", previous="attending"),
    )

    assert [call[0] for call in calls.made] == [
        "promote_from_waiting_list",
        "offer_freed_seats",
        "on_rsvp_changed",
    ]


def test_a_cancelled_meetup_that_sold_tickets_refunds_them_after_telling_everyone(
    ports: ReactionPorts, calls: Calls
) -> None:
    calls.sold_tickets = True

    reactions.react(ports, MeetupCancelled("e7", "m1", AT))

    assert calls.made == [
        ("invitees_page", MAIL, "m1", "change-e7", {}, None),
        ("refund_tickets", PAYMENTS, "m1"),
    ]


def test_a_cancelled_meetup_refunds_with_its_first_page_only(
    ports: ReactionPorts, calls: Calls
) -> None:
    calls.sold_tickets = True
    calls.pages["page-2"] = ([], None)

    reactions.react(ports, MeetupCancelled("e7", "m1", AT, cursor="page-2"))

    assert [call[0] for call in calls.made] == ["invitees_page"]


def test_a_cancelled_meetup_without_tickets_never_loads_the_payment_provider(
    ports: ReactionPorts, calls: Calls
) -> None:
    reactions.react(ports, MeetupCancelled("e7", "m1", AT))

    assert calls.payment_ports_built == 0


def test_a_published_meetup_queues_its_invitees_in_groups_then_the_next_page(
    ports: ReactionPorts, calls: Calls, queue: FakeQueue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(group_mail, "PER_MESSAGE", 10)
    invitees = [f"guest{n}@example.com" for n in range(23)]
    calls.pages[None] = (invitees, "page-2")

    reactions.react(ports, MeetupPublished("e1", "m1", AT))

    assert queue.batches == [4]  # three groups and the next page, in one request
    *groups, (next_page, next_attributes) = queue.sent
    read = [from_message(json.loads(body)) for body, _ in groups]
    assert all(isinstance(due, InvitationsDue) for due in read)
    assert [list(due.emails) for due in read if isinstance(due, InvitationsDue)] == [
        invitees[0:10],
        invitees[10:20],
        invitees[20:23],
    ]
    assert len({due.id for due in read}) == 3
    assert all(attributes == {"event": "invitations_due"} for _, attributes in groups)
    assert from_message(json.loads(next_page)) == MeetupPublished("e1", "m1", AT, cursor="page-2")
    assert next_attributes == {"event": "meetup_published"}
    # The invitations are sent when their own messages arrive.
    assert [call[0] for call in calls.made] == ["invitees_page", "place_invitations"]


def test_a_page_gone_through_twice_queues_the_same_groups(
    ports: ReactionPorts, calls: Calls, queue: FakeQueue
) -> None:
    calls.pages[None] = ([f"guest{n}@example.com" for n in range(12)], None)

    reactions.react(ports, MeetupPublished("e1", "m1", AT))
    first = list(queue.sent)
    reactions.react(ports, MeetupPublished("e1", "m1", AT))

    assert queue.sent == first + first


def test_the_last_page_of_invitees_queues_no_page_after_it(
    ports: ReactionPorts, calls: Calls, queue: FakeQueue
) -> None:
    calls.pages["page-2"] = (["ann@example.com"], None)

    reactions.react(ports, MeetupPublished("e1", "m1", AT, cursor="page-2"))

    assert [json.loads(body)["event"] for body, _ in queue.sent] == ["invitations_due"]


def test_a_change_queues_its_notices_in_groups_that_name_it(
    ports: ReactionPorts, calls: Calls, queue: FakeQueue
) -> None:
    calls.pages[None] = (["ann@example.com", "bob@example.com"], None)

    reactions.react(
        ports, MeetupRescheduled("e3", "m1", AT, previous_start=MOVED_FROM, new_start=AT)
    )

    (due,) = [from_message(json.loads(body)) for body, _ in queue.sent]
    assert isinstance(due, ChangeNoticesDue)
    assert (due.cause, due.previous_start, due.emails) == (
        "e3",
        MOVED_FROM,
        ("ann@example.com", "bob@example.com"),
    )


def test_the_reminders_job_queues_a_message_per_meetup_and_lead(
    calls: Calls, queue: FakeQueue, monkeypatch: pytest.MonkeyPatch
) -> None:
    soon: Any = [(SimpleNamespace(id="m1"), 24), (SimpleNamespace(id="m2"), 1)]
    monkeypatch.setattr(group_mail, "starting_soon", lambda mail: soon)
    mail = replace(MAIL, clock=FakeClock(AT))
    fake: Any = queue

    assert reactions.queue_reminders(ReactionPorts(mail, fake, calls.payment_ports)) == 2

    assert [from_message(json.loads(body)) for body, _ in queue.sent] == [
        MeetupStartingSoon("m1-24h", "m1", AT, lead_hours=24),
        MeetupStartingSoon("m2-1h", "m2", AT, lead_hours=1),
    ]
