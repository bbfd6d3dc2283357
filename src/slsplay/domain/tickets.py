"""Tickets to paid meetups, and the organizer's ledger of what they earn.

A ticket starts **held**: the buyer is at the provider's checkout and a seat is kept for
them for 15 minutes. The provider's webhook makes it **paid** (the invitee then attends)
or, unpaid, it **lapses** and the seat goes back. A paid ticket is non-refundable: its
holder may decline, and keeps nothing but the decision (**forfeited**). Only the organizer
cancelling the meetup gives the money back (**refunded**).

The buyer pays the price plus the platform's service fee, shown before paying; the
organizer receives the price. Every movement of an organizer's money is an entry of their
ledger, and their balance is the sum of the entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from slsplay.domain.errors import Conflict
from slsplay.domain.money import Price

# The platform's service fee, paid by the buyer on top of the price: 5 %, rounded half up.
FEE_BASIS_POINTS = 500
# How long a seat is kept for someone at checkout.
CHECKOUT_HOLD = timedelta(minutes=15)
# How long a freed seat of a paid meetup is offered to the first in line before the next.
OFFER_HOLD = timedelta(hours=24)


@dataclass(frozen=True)
class Quote:
    """What one ticket costs the buyer, shown before they pay."""

    price: Price
    fee_minor: int

    @classmethod
    def of(cls, price: Price) -> Quote:
        """The quote for a ticket at ``price``."""
        return cls(price, (price.amount_minor * FEE_BASIS_POINTS + 5_000) // 10_000)

    @property
    def total_minor(self) -> int:
        """Price plus fee: what the buyer pays."""
        return self.price.amount_minor + self.fee_minor

    @property
    def fee(self) -> Price | None:
        """The fee as a price (``None`` when there is none)."""
        return Price(self.fee_minor, self.price.currency) if self.fee_minor else None

    @property
    def total(self) -> Price:
        """The total as a price."""
        return Price(self.total_minor, self.price.currency)


class TicketStatus(StrEnum):
    """Where a ticket stands; ``paid``, ``forfeited`` and ``refunded`` hold money."""

    HELD = "held"
    PAID = "paid"
    LAPSED = "lapsed"
    FORFEITED = "forfeited"
    REFUNDED = "refunded"


@dataclass
class Ticket:
    """One invitee's ticket to one paid meetup, from checkout to refund."""

    id: str
    meetup_id: str
    organizer_id: str
    email: str
    code: str
    amount_minor: int
    fee_minor: int
    currency: str
    created_at: datetime
    expires_at: datetime  # of the hold
    status: TicketStatus = TicketStatus.HELD
    session_id: str | None = None
    checkout_url: str | None = None
    payment_ref: str | None = None
    paid_at: datetime | None = None
    refunded_at: datetime | None = None
    refund_ref: str | None = None
    # A seat offered to someone on the waiting list (kept for them for 24 hours).
    offered: bool = False
    version: int = 1

    @classmethod
    def hold(
        cls,
        *,
        ticket_id: str,
        code: str,
        meetup_id: str,
        organizer_id: str,
        email: str,
        quote: Quote,
        now: datetime,
        offered: bool = False,
    ) -> Ticket:
        """A new ticket keeping a seat while its buyer pays (``offered``: a freed seat kept
        for the first in line)."""
        return cls(
            id=ticket_id,
            meetup_id=meetup_id,
            organizer_id=organizer_id,
            email=email,
            code=code,
            amount_minor=quote.price.amount_minor,
            fee_minor=quote.fee_minor,
            currency=quote.price.currency,
            created_at=now,
            expires_at=now + (OFFER_HOLD if offered else CHECKOUT_HOLD),
            offered=offered,
        )

    @property
    def total_minor(self) -> int:
        """What the buyer pays (or paid)."""
        return self.amount_minor + self.fee_minor

    @property
    def holds_seat(self) -> bool:
        """Whether a seat is kept for this ticket without it being paid yet."""
        return self.status is TicketStatus.HELD

    @property
    def shown_code(self) -> str | None:
        """The code its holder sees: only once the ticket was paid for."""
        return None if self.status in (TicketStatus.HELD, TicketStatus.LAPSED) else self.code

    @property
    def is_paid(self) -> bool:
        """Whether the buyer's money is with the platform and the organizer (not refunded)."""
        return self.status in (TicketStatus.PAID, TicketStatus.FORFEITED)

    def opened(self, session_id: str, url: str) -> None:
        """Record the provider's checkout the buyer pays on."""
        self.session_id = session_id
        self.checkout_url = url
        self.version += 1

    def pay(self, payment_ref: str, amount_minor: int, currency: str, now: datetime) -> None:
        """The provider says the buyer paid; a held or lapsed ticket becomes paid."""
        if self.is_paid or self.status is TicketStatus.REFUNDED:
            raise Conflict("ticket_already_paid", "That ticket is already paid.")
        if (amount_minor, currency) != (self.total_minor, self.currency):
            raise Conflict("payment_mismatch", "The payment does not match the ticket's price.")
        self.status = TicketStatus.PAID
        self.payment_ref = payment_ref
        self.paid_at = now
        self.version += 1

    def lapse(self) -> None:
        """The hold ended unpaid: the seat goes back."""
        if self.status is not TicketStatus.HELD:
            raise Conflict("ticket_not_held", "That ticket no longer holds a seat.")
        self.status = TicketStatus.LAPSED
        self.version += 1

    def forfeit(self) -> None:
        """Its holder declined: the seat goes back, the money stays (non-refundable)."""
        if self.status is not TicketStatus.PAID:
            raise Conflict("ticket_not_paid", "That ticket is not paid.")
        self.status = TicketStatus.FORFEITED
        self.version += 1

    def refund(self, refund_ref: str, now: datetime) -> None:
        """The money went back to the buyer in full (the meetup was cancelled)."""
        if not self.is_paid:
            raise Conflict("ticket_not_paid", "That ticket is not paid.")
        self.status = TicketStatus.REFUNDED
        self.refund_ref = refund_ref
        self.refunded_at = now
        self.version += 1


class EntryKind(StrEnum):
    """What moved an organizer's money."""

    SALE = "sale"  # + what the buyer paid
    PLATFORM_FEE = "platform_fee"  # - the platform's service fee
    REFUND = "refund"  # - what went back to the buyer
    FEE_REFUND = "fee_refund"  # + the fee the platform gave back with it
    PAYOUT = "payout"  # - what went to the organizer's bank


@dataclass(frozen=True)
class LedgerEntry:
    """One movement of an organizer's money; entries are only ever appended.

    ``available_at``: when the money may be paid out (a sale's, once its meetup ended and
    can no longer be cancelled and refunded).
    """

    id: str
    organizer_id: str
    kind: EntryKind
    amount_minor: int  # signed: + credits the organizer, - debits
    currency: str
    recorded_at: datetime
    available_at: datetime
    meetup_id: str | None = None
    ticket_id: str | None = None
    ref: str | None = None  # the provider's payment, refund or payout


def sale_entries(ticket: Ticket, available_at: datetime, now: datetime) -> list[LedgerEntry]:
    """A paid ticket: the buyer's money in, the platform's fee out."""
    entries = [_entry(ticket, EntryKind.SALE, ticket.total_minor, available_at, now)]
    if ticket.fee_minor:
        entries.append(_entry(ticket, EntryKind.PLATFORM_FEE, -ticket.fee_minor, available_at, now))
    return entries


def refund_entries(ticket: Ticket, available_at: datetime, now: datetime) -> list[LedgerEntry]:
    """A refunded ticket: the buyer's money out, the platform's fee back: the sale reversed.

    The entries become available when the sale's do, so that the two cancel out.
    """
    entries = [_entry(ticket, EntryKind.REFUND, -ticket.total_minor, available_at, now)]
    if ticket.fee_minor:
        entries.append(_entry(ticket, EntryKind.FEE_REFUND, ticket.fee_minor, available_at, now))
    return entries


def payout_entry(
    organizer_id: str, amount_minor: int, currency: str, ref: str, now: datetime
) -> LedgerEntry:
    """Money moved to the organizer's bank."""
    return LedgerEntry(
        id=f"{EntryKind.PAYOUT}-{ref}",
        organizer_id=organizer_id,
        kind=EntryKind.PAYOUT,
        amount_minor=-amount_minor,
        currency=currency,
        recorded_at=now,
        available_at=now,
        ref=ref,
    )


def _entry(
    ticket: Ticket, kind: EntryKind, amount: int, available_at: datetime, now: datetime
) -> LedgerEntry:
    # One entry of each kind per ticket: its id is derived, so a retry cannot add another.
    return LedgerEntry(
        id=f"{kind}-{ticket.id}",
        organizer_id=ticket.organizer_id,
        kind=kind,
        amount_minor=amount,
        currency=ticket.currency,
        recorded_at=now,
        available_at=available_at,
        meetup_id=ticket.meetup_id,
        ticket_id=ticket.id,
        ref=ticket.refund_ref if kind in (EntryKind.REFUND, EntryKind.FEE_REFUND) else None,
    )


@dataclass(frozen=True)
class Balance:
    """An organizer's money in one currency: all of it, and what may be paid out now."""

    currency: str
    total_minor: int = 0
    available_minor: int = 0


def balances(entries: Iterable[LedgerEntry], now: datetime) -> list[Balance]:
    """The sum of the entries, per currency (sorted by code)."""
    by_currency: dict[str, Balance] = {}
    for entry in entries:
        balance = by_currency.get(entry.currency, Balance(entry.currency))
        available = entry.amount_minor if entry.available_at <= now else 0
        by_currency[entry.currency] = replace(
            balance,
            total_minor=balance.total_minor + entry.amount_minor,
            available_minor=balance.available_minor + available,
        )
    return [by_currency[code] for code in sorted(by_currency)]
