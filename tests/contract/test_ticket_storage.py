"""Paid meetups' use cases on every store adapter, with the local payment provider: seats held
and given back, payments admitted once, refunds, payouts, and the ledger in step with the
tickets in every test."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

import pytest

from slsplay.adapters.local.local_payments import LocalPayments
from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.domain.errors import Conflict
from slsplay.domain.invitations import Answer
from slsplay.domain.tickets import Ticket, TicketStatus
from slsplay.ports import ItemStore
from slsplay.services import answers, meetups, tickets, views
from slsplay.services.bundles import StoreAndClock
from slsplay.services.tickets import PaymentPorts
from slsplay.store.repositories import InvitationRepository, MeetupRepository
from slsplay.store.schema import TABLE
from slsplay.store.tickets import LedgerRepository, PayoutAccountRepository
from tests.support.clock import START, FakeClock
from tests.support.meetups import signed_up

ORGANIZER = "organizer-1"
PRICE = {"amount_minor": 2000, "currency": "EUR"}
BASE = "https://slsplay.example.com"


class Provider:
    """The local provider, its webhooks kept to be delivered when the test says."""

    def __init__(self, path: Path, clock: FakeClock) -> None:
        self.webhooks: list[tuple[bytes, Mapping[str, str]]] = []
        self.payments = LocalPayments(path, BASE, "a test webhook key", clock, deliver=self._keep)

    def _keep(self, body: bytes, headers: Mapping[str, str]) -> None:
        self.webhooks.append((body, dict(headers)))

    def deliver_all(self, ports: PaymentPorts) -> None:
        """Hand every webhook sent so far to the product, as the route would."""
        while self.webhooks:
            body, headers = self.webhooks.pop(0)
            tickets.handle_payment_event(ports, self.payments.parse_webhook(body, headers))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def provider(tmp_path: Path, clock: FakeClock) -> Provider:
    return Provider(tmp_path / "payments.db", clock)


@pytest.fixture
def ports(store: ItemStore, clock: FakeClock, provider: Provider) -> PaymentPorts:
    return PaymentPorts(store, clock, provider.payments, BASE)


def paid_meetup(
    ports: PaymentPorts, guests: list[str], **changes: object
) -> tuple[str, dict[str, str]]:
    """A published paid meetup by an organizer who can be paid, and each guest's link."""
    store, clock = ports.store, ports.clock
    account = ports.payments.create_account(ORGANIZER, "org@example.com", "acct-test")
    PayoutAccountRepository(store).add(ORGANIZER, account)
    values = {
        "title": "Wine tasting",
        "starts_at": START + timedelta(days=7),
        "timezone": "Europe/Berlin",
        "duration_minutes": 90,
        "join_url": "https://meet.example.com/wine",
        "price": PRICE,
        **changes,
    }
    meetup_id = meetups.plan_meetup(StoreAndClock(store, clock), ORGANIZER, values).meetup.id
    meetups.invite_people(
        StoreAndClock(store, clock), ORGANIZER, meetup_id, [{"email": g} for g in guests]
    )
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), meetup_id)
    meetup, _ = MeetupRepository(store).get(meetup_id)
    links = {
        g: answers.mint_answer_token(
            StoreAndClock(store, clock), meetup, InvitationRepository(store).get(meetup_id, g)
        )
        for g in guests
    }
    return meetup_id, links


def pay(provider: Provider, ports: PaymentPorts, ticket: Ticket | None) -> None:
    """The buyer pays on the checkout page and the provider's webhook arrives."""
    assert ticket is not None
    assert ticket.session_id is not None
    provider.payments.pay(ticket.session_id, "4242 4242 4242 4242")
    provider.deliver_all(ports)


def assert_ledger_matches_tickets(ports: PaymentPorts, meetup_id: str) -> None:
    """The organizer's balance is the money of tickets sold, less fees and refunds."""
    kept = sum(t.amount_minor for t in tickets.tickets_of_meetup(ports, meetup_id) if t.is_paid)
    entries = list(LedgerRepository(ports.store).entries_of(ORGANIZER))
    assert sum(e.amount_minor for e in entries) == kept


def test_a_payment_admits_the_buyer_and_credits_the_organizer(
    ports: PaymentPorts, provider: Provider
) -> None:
    meetup_id, links = paid_meetup(ports, ["ann@example.com"], capacity=5)

    started = tickets.start_checkout(ports, links["ann@example.com"])
    counts = views.view_meetup(ports, meetup_id, ORGANIZER).counts
    assert (counts.held, counts.attending) == (1, 0)
    pay(provider, ports, started.ticket)

    invitation, view = answers.open_answer_link(ports, links["ann@example.com"])
    ticket = answers.ticket_of(ports, invitation)
    assert invitation.response is Answer.ATTENDING
    assert ticket is not None
    assert ticket.status is TicketStatus.PAID
    assert (view.counts.held, view.counts.attending) == (0, 1)
    assert_ledger_matches_tickets(ports, meetup_id)


def test_a_repeated_payment_webhook_changes_nothing(
    ports: PaymentPorts, provider: Provider
) -> None:
    meetup_id, links = paid_meetup(ports, ["ann@example.com"])
    started = tickets.start_checkout(ports, links["ann@example.com"])
    assert started.ticket is not None
    assert started.ticket.session_id is not None
    provider.payments.pay(started.ticket.session_id, "4242424242424242")
    body, headers = provider.webhooks[0]

    for _ in range(3):
        tickets.handle_payment_event(ports, provider.payments.parse_webhook(body, headers))

    assert views.view_meetup(ports, meetup_id, ORGANIZER).counts.attending == 1
    assert len(list(LedgerRepository(ports.store).entries_of(ORGANIZER))) == 2
    assert_ledger_matches_tickets(ports, meetup_id)


def test_a_hold_past_its_time_is_ended_by_the_job_and_its_seat_comes_back(
    ports: PaymentPorts, provider: Provider, clock: FakeClock
) -> None:
    meetup_id, links = paid_meetup(ports, ["ann@example.com", "bob@example.com"], capacity=1)
    held = tickets.start_checkout(ports, links["ann@example.com"])
    waiting = tickets.start_checkout(ports, links["bob@example.com"])
    assert waiting.ticket is None
    assert waiting.invitation.response is Answer.WAITLISTED

    clock.advance(minutes=14)
    assert tickets.end_lapsed_holds(ports) == 0
    clock.advance(minutes=2)
    assert tickets.end_lapsed_holds(ports) == 1
    provider.deliver_all(ports)  # the provider's own "expired", after the job's

    assert held.ticket is not None
    session = provider.payments.session(held.ticket.session_id or "")
    assert session is not None
    assert session.status == "expired"
    counts = views.view_meetup(ports, meetup_id, ORGANIZER).counts
    assert (counts.held, counts.attending) == (0, 0)
    # The one in line now goes through checkout on the freed seat, and pays.
    pay(provider, ports, tickets.start_checkout(ports, links["bob@example.com"]).ticket)
    counts = views.view_meetup(ports, meetup_id, ORGANIZER).counts
    assert (counts.attending, counts.waitlisted) == (1, 0)
    assert_ledger_matches_tickets(ports, meetup_id)


def test_giving_up_a_paid_ticket_frees_the_seat_and_refunds_nothing(
    ports: PaymentPorts, provider: Provider
) -> None:
    meetup_id, links = paid_meetup(ports, ["ann@example.com"])
    pay(provider, ports, tickets.start_checkout(ports, links["ann@example.com"]).ticket)

    with pytest.raises(Conflict) as refused:
        answers.answer_by_link(ports, links["ann@example.com"], Answer.DECLINED)
    assert refused.value.code == "ticket_not_refundable"
    invitation, view = answers.answer_by_link(
        ports, links["ann@example.com"], Answer.DECLINED, forfeit_ticket=True
    )

    ticket = answers.ticket_of(ports, invitation)
    assert ticket is not None
    assert ticket.status is TicketStatus.FORFEITED
    assert view.counts.attending == 0
    assert provider.payments.records("re_local") == []
    assert_ledger_matches_tickets(ports, meetup_id)


def test_cancelling_refunds_every_ticket_once(ports: PaymentPorts, provider: Provider) -> None:
    guests = ["ann@example.com", "bob@example.com", "cy@example.com"]
    meetup_id, links = paid_meetup(ports, guests)
    for guest in guests[:2]:
        pay(provider, ports, tickets.start_checkout(ports, links[guest]).ticket)
    tickets.start_checkout(ports, links["cy@example.com"])  # still at checkout
    meetups.cancel_meetup(ports, ORGANIZER, meetup_id)

    assert tickets.refund_tickets(ports, meetup_id) == 2
    assert tickets.refund_tickets(ports, meetup_id) == 0  # a repeated run
    provider.deliver_all(ports)

    statuses = sorted(t.status for t in tickets.tickets_of_meetup(ports, meetup_id))
    assert statuses == [TicketStatus.LAPSED, TicketStatus.REFUNDED, TicketStatus.REFUNDED]
    assert len(provider.payments.records("re_local")) == 2
    assert_ledger_matches_tickets(ports, meetup_id)
    statement = tickets.statement_of(ports, ORGANIZER)
    assert [b.total_minor for b in statement.balances] == [0]


def test_the_payout_job_pays_what_is_available_once_the_meetup_ended(
    ports: PaymentPorts, provider: Provider, clock: FakeClock
) -> None:
    _, links = paid_meetup(ports, ["ann@example.com", "bob@example.com"])
    for link in links.values():
        pay(provider, ports, tickets.start_checkout(ports, link).ticket)
    assert tickets.pay_out_due(ports) == {}  # nothing is available before the end

    clock.advance(days=8)
    assert tickets.pay_out_due(ports) == {ORGANIZER: 1}
    assert tickets.pay_out_due(ports) == {ORGANIZER: 0}

    payouts = provider.payments.records("po_local")
    assert [p["amount_minor"] for p in payouts] == [4000]
    statement = tickets.statement_of(ports, ORGANIZER)
    assert [(b.total_minor, b.available_minor) for b in statement.balances] == [(0, 0)]


def test_many_people_racing_for_three_seats_get_three_holds(
    tmp_path: Path, clock: FakeClock
) -> None:
    # Real concurrent writers need SQLite: moto does not serialise transactions across threads.
    store = SqliteItemStore(tmp_path / "slsplay.db", TABLE)
    provider = Provider(tmp_path / "payments.db", clock)
    ports = PaymentPorts(store, clock, provider.payments, BASE)
    guests = [f"guest{n}@example.com" for n in range(12)]
    meetup_id, links = paid_meetup(ports, guests, capacity=3)
    barrier = threading.Barrier(len(guests))
    outcomes: list[tickets.Checkout] = []

    def race(guest: str) -> None:
        barrier.wait()
        outcomes.append(tickets.start_checkout(ports, links[guest]))

    threads = [threading.Thread(target=race, args=(g,)) for g in guests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    held = [o for o in outcomes if o.ticket is not None]
    waiting = [o for o in outcomes if o.invitation.response is Answer.WAITLISTED]
    assert (len(held), len(waiting)) == (3, 9)
    counts = views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).counts
    assert (counts.held, counts.waitlisted) == (3, 9)
    store.close()


def test_a_freed_seat_is_offered_to_the_first_in_line_for_a_day_then_to_the_next(
    ports: PaymentPorts, provider: Provider, clock: FakeClock
) -> None:
    guests = ["ann@example.com", "bob@example.com", "cy@example.com"]
    meetup_id, links = paid_meetup(ports, guests, capacity=1)
    pay(provider, ports, tickets.start_checkout(ports, links["ann@example.com"]).ticket)
    for guest in guests[1:]:
        assert tickets.start_checkout(ports, links[guest]).ticket is None  # in line
    answers.answer_by_link(ports, links["ann@example.com"], Answer.DECLINED, forfeit_ticket=True)

    (offer,) = tickets.offer_freed_seats(ports, meetup_id)
    assert (offer.email, offer.offered) == ("bob@example.com", True)
    assert offer.expires_at == clock.now() + timedelta(hours=24)
    assert tickets.offer_freed_seats(ports, meetup_id) == []  # the seat is kept
    clock.advance(hours=25)
    assert tickets.end_lapsed_holds(ports) == 1
    (second,) = tickets.offer_freed_seats(ports, meetup_id)
    assert second.email == "cy@example.com"  # bob had his turn

    opened = tickets.start_checkout(ports, links["cy@example.com"])
    assert opened.ticket is not None
    assert opened.ticket.id == second.id
    pay(provider, ports, opened.ticket)
    counts = views.view_meetup(ports, meetup_id, ORGANIZER).counts
    assert (counts.attending, counts.held, counts.waitlisted) == (1, 0, 1)
    waiting = answers.waiting_list_of(ports, ORGANIZER, meetup_id)
    assert [w.email for w in waiting] == ["bob@example.com"]
    assert_ledger_matches_tickets(ports, meetup_id)
