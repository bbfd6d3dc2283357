"""The payment provider: tickets sold through a hosted checkout, organizers paid out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol


@dataclass(frozen=True)
class CheckoutRequest:
    """One ticket to sell through the provider's hosted checkout page.

    The buyer pays ``amount_minor + fee_minor``; the organizer's connected account receives
    ``amount_minor``, and ``fee_minor`` stays with the platform (Stripe's application fee).
    ``checkout_id`` is ours: the idempotency key of the create, and what the provider's
    webhook hands back.
    """

    checkout_id: str
    meetup_id: str
    title: str
    email: str
    amount_minor: int
    fee_minor: int
    currency: str  # ISO 4217, upper case
    connected_account: str
    expires_at: datetime
    success_url: str
    cancel_url: str

    @property
    def total_minor(self) -> int:
        """What the buyer pays."""
        return self.amount_minor + self.fee_minor


@dataclass(frozen=True)
class CheckoutSession:
    """The provider's checkout for a request: its id and the page the buyer goes to."""

    session_id: str
    url: str


PaymentEventKind = Literal["checkout_paid", "checkout_expired", "ignored"]


@dataclass(frozen=True)
class PaymentEvent:
    """A verified webhook from the provider, in the product's terms.

    ``checkout_paid``: the buyer paid the checkout (``payment_ref`` names the payment, for
    a refund); ``checkout_expired``: it can no longer be paid; ``ignored``: anything else.
    """

    event_id: str
    kind: PaymentEventKind
    checkout_id: str | None = None
    session_id: str | None = None
    payment_ref: str | None = None
    amount_minor: int = 0
    currency: str = ""


class InvalidWebhook(ValueError):
    """A webhook whose signature, age or body does not check out: it is not the provider's."""


class PaymentFailed(RuntimeError):
    """The provider refused or failed a call; the message says why, for the logs."""


class Payments(Protocol):
    """The payment provider: hosted checkout, signed webhooks, refunds, and the organizers'
    connected accounts and payouts. Stripe in the cloud, a local provider offline.

    Every create takes an idempotency key, so a retried call never charges, refunds or pays
    twice.
    """

    def create_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        """A hosted checkout page for one ticket, payable until ``request.expires_at``."""
        ...

    def expire_checkout(self, session_id: str) -> None:
        """Make a checkout unpayable now; nothing happens if it is already paid or expired."""
        ...

    def parse_webhook(self, body: bytes, headers: Mapping[str, str]) -> PaymentEvent:
        """The event a webhook carries, once its signature is checked (``InvalidWebhook``
        otherwise). Header names are matched without regard to case."""
        ...

    def refund(self, payment_ref: str, amount_minor: int, idempotency_key: str) -> str:
        """Give ``amount_minor`` of a payment back to the buyer (the platform's fee included,
        and the organizer's share taken back); answers the refund's id."""
        ...

    def create_account(self, user_id: str, email: str, idempotency_key: str) -> str:
        """A connected account for an organizer, paid out only when the platform asks;
        answers its id."""
        ...

    def onboarding_url(self, account_id: str, return_url: str, refresh_url: str) -> str:
        """A one-time page where the organizer gives the provider what it needs to pay them."""
        ...

    def account_ready(self, account_id: str) -> bool:
        """Whether the account can take payments and be paid out."""
        ...

    def payout(
        self, account_id: str, amount_minor: int, currency: str, idempotency_key: str
    ) -> str:
        """Move ``amount_minor`` of the account's balance to the organizer's bank; answers
        the payout's id."""
        ...
