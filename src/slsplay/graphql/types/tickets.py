"""Paid meetups: what a ticket costs before paying, and an invitee's ticket after."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from slsplay.domain.meetups import Meetup as DomainMeetup
from slsplay.domain.tickets import Quote as DomainQuote
from slsplay.domain.tickets import Ticket as DomainTicket
from slsplay.graphql.types.money import Price, to_price


@strawberry.enum
class TicketState(Enum):
    HELD = "held"
    PAID = "paid"
    LAPSED = "lapsed"
    FORFEITED = "forfeited"
    REFUNDED = "refunded"


@strawberry.type(description="What a ticket to a paid meetup costs, shown before paying.")
class Quote:
    price: Price
    fee: Price | None = strawberry.field(description="The platform's service fee, on top.")
    total: Price


def to_quote(meetup: DomainMeetup) -> Quote | None:
    """A paid meetup's price, fee and total; ``None`` for a free one."""
    if meetup.details.price is None:
        return None
    quote = DomainQuote.of(meetup.details.price)
    currency = quote.price.currency
    return Quote(
        price=to_price(quote.price.amount_minor, currency),
        fee=to_price(quote.fee_minor, currency) if quote.fee_minor else None,
        total=to_price(quote.total_minor, currency),
    )


@strawberry.type(description="An invitee's ticket: being paid at checkout, paid, or after.")
class Ticket:
    id: strawberry.ID
    status: TicketState
    code: str | None = strawberry.field(description="The ticket's short code, once paid.")
    total: Price
    checkout_url: str | None = strawberry.field(description="Where to pay, while held.")
    expires_at: datetime | None = strawberry.field(description="When the held seat goes back.")
    paid_at: datetime | None


def to_ticket(ticket: DomainTicket | None) -> Ticket | None:
    """An invitee's ticket as they may see it: where to pay only while the seat is held."""
    if ticket is None:
        return None
    held = ticket.holds_seat
    return Ticket(
        id=strawberry.ID(ticket.id),
        status=TicketState(ticket.status.value),
        code=ticket.shown_code,
        total=to_price(ticket.total_minor, ticket.currency),
        checkout_url=ticket.checkout_url if held else None,
        expires_at=ticket.expires_at if held else None,
        paid_at=ticket.paid_at,
    )
