"""Paid tickets in the cloud: Stripe Checkout for the buyer, Stripe Connect for the organizer.

A ticket is sold as a destination charge: the buyer pays ticket and service fee on Stripe's
hosted checkout page, the ticket's price goes on to the organizer's connected (Express)
account, and the service fee stays with the platform as Stripe's application fee. A refund
takes the organizer's share back and gives the fee back too. Connected accounts are paid
out manually: the platform's payout job decides when an organizer receives their balance.

Stripe reports a paid or lapsed checkout by a signed webhook, which ``parse_webhook``
verifies with Stripe's own library and reads in the product's terms.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final

import stripe

from slsplay.ports import (
    CheckoutRequest,
    CheckoutSession,
    InvalidWebhook,
    PaymentEvent,
    PaymentEventKind,
    PaymentFailed,
)

if TYPE_CHECKING:
    from stripe.params import (
        AccountCreateParams,
        AccountLinkCreateParams,
        PayoutCreateParams,
        RefundCreateParams,
    )
    from stripe.params.checkout import (
        SessionCreateParams,
        SessionCreateParamsLineItem,
        SessionCreateParamsPaymentIntentData,
    )

# Stripe refuses a checkout that expires sooner than 30 minutes or later than 24 hours after
# its creation; the margins cover the time between our clock's reading and Stripe's.
_SHORTEST_CHECKOUT_SECONDS: Final = 30 * 60 + 60
_LONGEST_CHECKOUT_SECONDS: Final = 24 * 60 * 60 - 60
WEBHOOK_TOLERANCE_SECONDS: Final = 300  # a signed webhook older than this is a replay
SERVICE_FEE_LINE = "Service fee"

_PAID: Final = {"checkout.session.async_payment_succeeded"}
_EXPIRED: Final = {"checkout.session.expired", "checkout.session.async_payment_failed"}
_COMPLETED: Final = "checkout.session.completed"


class StripePayments:
    """The ``Payments`` port on Stripe's API, through the official library."""

    def __init__(
        self,
        secret_key: str,
        webhook_secret: str,
        *,
        api_base: str | None = None,
        max_network_retries: int = 2,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = stripe.StripeClient(
            secret_key,
            base_addresses={"api": api_base} if api_base is not None else None,
            # Safe to retry: every create carries an idempotency key, so Stripe answers a
            # retried request with the first one's result.
            max_network_retries=max_network_retries,
        )
        self._webhook_secret = webhook_secret
        self._clock = clock

    # -- checkout ---------------------------------------------------------------------------

    def create_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        """A hosted checkout page for one ticket, payable until ``request.expires_at``."""
        currency = request.currency.lower()
        metadata = {"checkout_id": request.checkout_id, "meetup_id": request.meetup_id}
        line_items: list[SessionCreateParamsLineItem] = [
            _line_item(request.title, request.amount_minor, currency)
        ]
        payment_intent_data: SessionCreateParamsPaymentIntentData = {
            "transfer_data": {"destination": request.connected_account},
            "metadata": metadata,
        }
        # A free service fee is no line on the buyer's receipt and no application fee.
        if request.fee_minor:
            line_items.append(_line_item(SERVICE_FEE_LINE, request.fee_minor, currency))
            payment_intent_data["application_fee_amount"] = request.fee_minor
        params: SessionCreateParams = {
            "mode": "payment",
            "line_items": line_items,
            "customer_email": request.email,
            "client_reference_id": request.checkout_id,
            "metadata": metadata,
            "payment_intent_data": payment_intent_data,
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
            "expires_at": self._checkout_expiry(request),
        }
        with _failures(f"creating checkout {request.checkout_id}"):
            session = self._client.v1.checkout.sessions.create(
                params=params, options={"idempotency_key": f"checkout-{request.checkout_id}"}
            )
        url = getattr(session, "url", None)
        if not isinstance(url, str):
            raise PaymentFailed(f"Stripe's checkout session {session.id} has no page to pay on")
        return CheckoutSession(session_id=session.id, url=url)

    def _checkout_expiry(self, request: CheckoutRequest) -> int:
        # Clamped into what Stripe accepts. A checkout kept open longer than asked is closed
        # by the product itself (expire_checkout) when its own deadline passes.
        now = self._clock()
        wanted = math.floor(request.expires_at.timestamp())
        earliest = math.ceil(now) + _SHORTEST_CHECKOUT_SECONDS
        latest = math.floor(now) + _LONGEST_CHECKOUT_SECONDS
        return min(max(wanted, earliest), latest)

    def expire_checkout(self, session_id: str) -> None:
        """Make a checkout unpayable now; nothing happens if it is already paid or expired."""
        sessions = self._client.v1.checkout.sessions
        try:
            sessions.expire(session_id)
        except stripe.InvalidRequestError as e:
            # Stripe answers 400 to a session that is not open, and names no code for it;
            # its status, not the wording of its message, says whether that is the reason.
            if e.http_status == 400:
                with _failures(f"reading checkout session {session_id}"):
                    session = sessions.retrieve(session_id)
                if getattr(session, "status", None) in ("complete", "expired"):
                    return
            raise PaymentFailed(_failure(f"expiring checkout session {session_id}", e)) from e
        except stripe.StripeError as e:
            raise PaymentFailed(_failure(f"expiring checkout session {session_id}", e)) from e

    # -- webhooks ---------------------------------------------------------------------------

    def parse_webhook(self, body: bytes, headers: Mapping[str, str]) -> PaymentEvent:
        """The event a webhook carries, once its signature is checked (``InvalidWebhook``
        otherwise). Header names are matched without regard to case."""
        signature = next(
            (value for name, value in headers.items() if name.lower() == "stripe-signature"),
            None,
        )
        try:
            stripe.WebhookSignature.verify_header(
                body, signature, self._webhook_secret, tolerance=WEBHOOK_TOLERANCE_SECONDS
            )
            event = json.loads(body)
        except (stripe.SignatureVerificationError, ValueError) as e:
            # ValueError: a body that is not UTF-8 or not JSON (JSONDecodeError is one).
            raise InvalidWebhook(f"not a webhook from Stripe: {e}") from e
        return _payment_event(event)

    # -- refunds ----------------------------------------------------------------------------

    def refund(self, payment_ref: str, amount_minor: int, idempotency_key: str) -> str:
        """Give ``amount_minor`` of a payment back to the buyer (the platform's fee included,
        and the organizer's share taken back); answers the refund's id."""
        params: RefundCreateParams = {
            "payment_intent": payment_ref,
            "amount": amount_minor,
            "reverse_transfer": True,
            "refund_application_fee": True,
        }
        with _failures(f"refunding {amount_minor} of {payment_ref}"):
            refund = self._client.v1.refunds.create(
                params=params, options={"idempotency_key": idempotency_key}
            )
        return refund.id

    # -- the organizers' accounts -----------------------------------------------------------

    def create_account(self, user_id: str, email: str, idempotency_key: str) -> str:
        """A connected account for an organizer, paid out only when the platform asks;
        answers its id."""
        params: AccountCreateParams = {
            "type": "express",
            "email": email,
            "metadata": {"user_id": user_id},
            "capabilities": {
                "card_payments": {"requested": True},
                "transfers": {"requested": True},
            },
            # The platform's payout job decides when an organizer is paid.
            "settings": {"payouts": {"schedule": {"interval": "manual"}}},
        }
        with _failures(f"creating the connected account of user {user_id}"):
            account = self._client.v1.accounts.create(
                params=params, options={"idempotency_key": idempotency_key}
            )
        return account.id

    def onboarding_url(self, account_id: str, return_url: str, refresh_url: str) -> str:
        """A one-time page where the organizer gives the provider what it needs to pay them."""
        params: AccountLinkCreateParams = {
            "account": account_id,
            "type": "account_onboarding",
            "return_url": return_url,
            "refresh_url": refresh_url,
        }
        with _failures(f"linking account {account_id} to its onboarding"):
            link = self._client.v1.account_links.create(params=params)
        return link.url

    def account_ready(self, account_id: str) -> bool:
        """Whether the account can take payments and be paid out."""
        with _failures(f"reading account {account_id}"):
            account = self._client.v1.accounts.retrieve(account_id)
        # A StripeObject raises AttributeError for a field its answer left out.
        return (
            getattr(account, "charges_enabled", None) is True
            and getattr(account, "payouts_enabled", None) is True
        )

    def payout(
        self, account_id: str, amount_minor: int, currency: str, idempotency_key: str
    ) -> str:
        """Move ``amount_minor`` of the account's balance to the organizer's bank; answers
        the payout's id."""
        params: PayoutCreateParams = {"amount": amount_minor, "currency": currency.lower()}
        with _failures(f"paying out {amount_minor} {currency} of account {account_id}"):
            # On the connected account itself: its balance, to its bank account.
            payout = self._client.v1.payouts.create(
                params=params,
                options={"idempotency_key": idempotency_key, "stripe_account": account_id},
            )
        return payout.id


def _line_item(name: str, amount_minor: int, currency: str) -> SessionCreateParamsLineItem:
    return {
        "price_data": {
            "currency": currency,
            "unit_amount": amount_minor,
            "product_data": {"name": name},
        },
        "quantity": 1,
    }


def _payment_event(event: Any) -> PaymentEvent:
    # The signature proves the body is Stripe's; its shape is still checked, not assumed.
    if not isinstance(event, dict):
        raise InvalidWebhook("the webhook's body is not a Stripe event")
    event_id, event_type = event.get("id"), event.get("type")
    if not (isinstance(event_id, str) and isinstance(event_type, str)):
        raise InvalidWebhook("the webhook's event has no id or type")
    data = event.get("data")
    session = data.get("object") if isinstance(data, dict) else None
    if not (isinstance(session, dict) and session.get("object") == "checkout.session"):
        return PaymentEvent(event_id=event_id, kind="ignored")
    return PaymentEvent(
        event_id=event_id,
        kind=_kind(event_type, session),
        checkout_id=_text(session.get("client_reference_id"))
        or _text(_mapping(session.get("metadata")).get("checkout_id")),
        session_id=_text(session.get("id")),
        payment_ref=_reference(session.get("payment_intent")),
        amount_minor=_whole(session.get("amount_total")),
        currency=(_text(session.get("currency")) or "").upper(),
    )


def _kind(event_type: str, session: Mapping[str, Any]) -> PaymentEventKind:
    # A completed checkout with a delayed method (a bank debit) is not paid yet: its money is
    # reported later, by async_payment_succeeded or async_payment_failed.
    if event_type in _PAID or (
        event_type == _COMPLETED and session.get("payment_status") == "paid"
    ):
        return "checkout_paid"
    if event_type in _EXPIRED:
        return "checkout_expired"
    return "ignored"


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _whole(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _reference(value: object) -> str | None:
    # An id, or the whole object when the webhook endpoint expands it.
    if isinstance(value, dict):
        return _text(value.get("id"))
    return _text(value)


@contextmanager
def _failures(action: str) -> Iterator[None]:
    """Any Stripe error inside becomes ``PaymentFailed``, saying what was being done."""
    try:
        yield
    except stripe.StripeError as e:
        raise PaymentFailed(_failure(action, e)) from e


def _failure(action: str, error: stripe.StripeError) -> str:
    return f"{action}: {type(error).__name__} (HTTP {error.http_status}): {error}"
