"""Money as the web app shows it: prices, and an organizer's balances and ledger."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from slsplay.domain.money import CURRENCIES, display
from slsplay.services.tickets import Statement as DomainStatement

# The ISO 4217 codes a price may be in (the domain's list), named as written: EUR.
Currency = Enum("Currency", [(c, c) for c in sorted(CURRENCIES)])  # type: ignore[misc]  # members from the domain's list
strawberry.enum(Currency, description="An ISO 4217 currency a price may be in.")


@strawberry.type
class Price:
    amount_minor: int
    currency: str
    display: str


def to_price(amount_minor: int, currency: str) -> Price:
    """An amount with the way a person reads it."""
    return Price(
        amount_minor=amount_minor, currency=currency, display=display(amount_minor, currency)
    )


@strawberry.enum
class LedgerEntryKind(Enum):
    SALE = "sale"
    PLATFORM_FEE = "platform_fee"
    REFUND = "refund"
    FEE_REFUND = "fee_refund"
    PAYOUT = "payout"


@strawberry.type
class Balance:
    currency: str
    total: Price
    available: Price = strawberry.field(description="What may be paid out now.")


@strawberry.type
class LedgerEntry:
    id: strawberry.ID
    kind: LedgerEntryKind
    amount: Price
    meetup_id: str | None
    recorded_at: datetime
    available_at: datetime


@strawberry.type(description="An organizer's money: balances, latest entries, payout account.")
class Statement:
    balances: list[Balance]
    entries: list[LedgerEntry]
    payout_account_id: str | None


def to_statement(statement: DomainStatement) -> Statement:
    """An organizer's balances, latest entries and payout account, as the schema shows them."""
    return Statement(
        balances=[
            Balance(
                currency=b.currency,
                total=to_price(b.total_minor, b.currency),
                available=to_price(b.available_minor, b.currency),
            )
            for b in statement.balances
        ],
        entries=[
            LedgerEntry(
                id=strawberry.ID(e.id),
                kind=LedgerEntryKind(e.kind.value),
                amount=to_price(e.amount_minor, e.currency),
                meetup_id=e.meetup_id,
                recorded_at=e.recorded_at,
                available_at=e.available_at,
            )
            for e in statement.entries
        ],
        payout_account_id=statement.account_id,
    )
