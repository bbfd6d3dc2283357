"""Tickets to paid meetups and the organizer's ledger: the rules, without storage."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slsplay.domain.errors import Conflict
from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.meetups import MeetupCounts
from slsplay.domain.money import MAX_AMOUNT_MINOR, Price
from slsplay.domain.tickets import (
    CHECKOUT_HOLD,
    OFFER_HOLD,
    EntryKind,
    Quote,
    Ticket,
    TicketStatus,
    balances,
    payout_entry,
    refund_entries,
    sale_entries,
)
from tests.support.clock import START
from tests.support.meetups import account, published

EUR_20 = Price(2000, "EUR")


def ticket(**changes: object) -> Ticket:
    return Ticket.hold(
        ticket_id="t-1",
        code="7KQ2-M9XD",
        meetup_id="m-1",
        organizer_id="o-1",
        email="ann@example.com",
        quote=Quote.of(EUR_20),
        now=START,
        **changes,  # type: ignore[arg-type]
    )


def invitation(response: Answer = Answer.NONE) -> Invitation:
    return Invitation("i-1", "m-1", "ann@example.com", None, START, response=response)


def test_the_buyer_pays_the_price_and_a_five_percent_fee_rounded_half_up() -> None:
    quote = Quote.of(EUR_20)

    assert (quote.fee_minor, quote.total_minor) == (100, 2100)
    assert Quote.of(Price(10, "EUR")).fee_minor == 1  # 0.5 cent rounds up
    assert Quote.of(Price(9, "EUR")).fee_minor == 0
    assert Quote.of(Price(9, "EUR")).fee is None
    assert Quote.of(Price(1000, "JPY")).total == Price(1050, "JPY")


@given(st.integers(min_value=1, max_value=MAX_AMOUNT_MINOR))
def test_the_fee_is_never_more_than_five_percent_and_a_half_minor_unit(amount: int) -> None:
    fee = Quote.of(Price(amount, "EUR")).fee_minor

    assert 0 <= fee * 10_000 <= amount * 500 + 5_000


def test_a_checkout_holds_a_seat_for_15_minutes_and_an_offer_for_a_day() -> None:
    assert ticket().expires_at == START + CHECKOUT_HOLD == START + timedelta(minutes=15)
    assert ticket(offered=True).expires_at == START + OFFER_HOLD == START + timedelta(hours=24)
    assert ticket().holds_seat


def test_a_paid_ticket_is_paid_once_and_only_for_its_price() -> None:
    held = ticket()
    with pytest.raises(Conflict) as mismatch:
        held.pay("pi_1", 2000, "EUR", START)  # the fee is missing
    assert mismatch.value.code == "payment_mismatch"

    held.pay("pi_1", 2100, "EUR", START)

    assert held.status is TicketStatus.PAID
    assert held.is_paid
    assert not held.holds_seat
    with pytest.raises(Conflict):
        held.pay("pi_1", 2100, "EUR", START)


def test_a_lapsed_ticket_can_still_be_paid_and_a_paid_one_cannot_lapse() -> None:
    lapsed = ticket()
    lapsed.lapse()
    lapsed.pay("pi_1", 2100, "EUR", START)  # the provider took the money after all
    assert lapsed.status is TicketStatus.PAID
    with pytest.raises(Conflict):
        lapsed.lapse()


def test_only_money_taken_is_forfeited_or_refunded() -> None:
    held = ticket()
    with pytest.raises(Conflict):
        held.forfeit()
    with pytest.raises(Conflict):
        held.refund("re_1", START)
    held.pay("pi_1", 2100, "EUR", START)
    held.forfeit()
    assert held.is_paid  # forfeited: the money stays
    held.refund("re_1", START)  # a cancellation refunds even a ticket given up
    assert held.status is TicketStatus.REFUNDED
    assert not held.is_paid


def test_a_sale_and_its_refund_sum_to_nothing_and_a_sale_alone_to_the_price() -> None:
    paid = ticket()
    paid.pay("pi_1", 2100, "EUR", START)
    ends = START + timedelta(days=7)

    sale = sale_entries(paid, ends, START)
    paid.refund("re_1", START)
    refund = refund_entries(paid, ends, START)

    assert [(e.kind, e.amount_minor) for e in sale] == [
        (EntryKind.SALE, 2100),
        (EntryKind.PLATFORM_FEE, -100),
    ]
    assert sum(e.amount_minor for e in sale) == 2000
    assert sum(e.amount_minor for e in sale + refund) == 0
    assert {e.available_at for e in sale + refund} == {ends}


def test_a_balance_is_available_once_its_meetup_ended_and_payouts_take_it() -> None:
    paid = ticket()
    paid.pay("pi_1", 2100, "EUR", START)
    ends = START + timedelta(days=7)
    entries = sale_entries(paid, ends, START)

    (before,) = balances(entries, START)
    (after,) = balances(entries, ends)
    payout = payout_entry("o-1", after.available_minor, "EUR", "po_1", ends)
    (settled,) = balances([*entries, payout], ends)

    assert (before.total_minor, before.available_minor) == (2000, 0)
    assert (after.total_minor, after.available_minor) == (2000, 2000)
    assert (settled.total_minor, settled.available_minor) == (0, 0)


def test_balances_are_kept_apart_by_currency() -> None:
    eur, jpy = (
        ticket(),
        Ticket.hold(
            ticket_id="t-2",
            code="AAAA-BBBB",
            meetup_id="m-2",
            organizer_id="o-1",
            email="bo@example.com",
            quote=Quote.of(Price(3000, "JPY")),
            now=START,
        ),
    )
    eur.pay("pi_1", 2100, "EUR", START)
    jpy.pay("pi_2", 3150, "JPY", START)

    found = balances(sale_entries(eur, START, START) + sale_entries(jpy, START, START), START)

    assert [(b.currency, b.total_minor) for b in found] == [("EUR", 2000), ("JPY", 3000)]


def test_attending_a_paid_meetup_goes_through_checkout_unless_it_is_full() -> None:
    meetup = published(price={"amount_minor": 2000, "currency": "EUR"}, capacity=1)
    now = START + timedelta(hours=1)

    with pytest.raises(Conflict) as refused:
        meetup.answer(invitation(), Answer.ATTENDING, now, MeetupCounts())
    assert refused.value.code == "checkout_required"
    held = meetup.hold_seat(invitation(), now, MeetupCounts())
    assert (held.held, held.taken) == (1, 1)
    waiting = invitation()
    after = meetup.answer(waiting, Answer.ATTENDING, now, held)  # the one seat is held
    assert waiting.response is Answer.WAITLISTED
    assert after.waitlisted == 1
    with pytest.raises(Conflict):
        meetup.hold_seat(invitation(), now, held)


def test_a_paid_ticket_seats_its_buyer_on_the_held_seat_or_a_free_one() -> None:
    meetup = published(price={"amount_minor": 2000, "currency": "EUR"}, capacity=1)
    now = START + timedelta(hours=1)
    buyer = invitation()

    after = meetup.admit(buyer, now, MeetupCounts(held=1), held=True)

    assert buyer.response is Answer.ATTENDING
    assert (after.held, after.attending) == (0, 1)
    with pytest.raises(Conflict) as full:
        meetup.admit(invitation(), now, after, held=False)
    assert full.value.code == "capacity_reached"


def test_declining_with_a_paid_ticket_needs_the_buyer_to_give_it_up() -> None:
    meetup = published(price={"amount_minor": 2000, "currency": "EUR"})
    now = START + timedelta(hours=1)
    attending = invitation(Answer.ATTENDING)
    counts = MeetupCounts(attending=1)

    with pytest.raises(Conflict) as refused:
        meetup.answer(attending, Answer.DECLINED, now, counts)
    assert refused.value.code == "ticket_not_refundable"
    after = meetup.answer(attending, Answer.DECLINED, now, counts, forfeit_ticket=True)
    assert (after.attending, after.declined) == (0, 1)


def test_a_paid_meetup_is_published_only_when_its_organizer_can_be_paid() -> None:
    from tests.support.meetups import draft  # noqa: PLC0415

    meetup = draft(price={"amount_minor": 2000, "currency": "EUR"})
    with pytest.raises(Conflict) as refused:
        meetup.publish(account(meetup.organizer_id), START)
    assert refused.value.code == "payout_account_required"
    meetup.publish(account(meetup.organizer_id), START, organizer_can_be_paid=True)
