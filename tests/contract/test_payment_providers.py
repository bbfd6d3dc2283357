"""The two payment providers behind the port agree: a checkout paid on either is announced
by a webhook signed in Stripe's scheme, which the product reads the same way, and which a
tampered body or another key fails on both."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import stripe

from slsplay.adapters.local.local_payments import SIGNATURE_HEADER, LocalPayments
from slsplay.adapters.stripe_payments import StripePayments
from slsplay.ports import CheckoutRequest, InvalidWebhook, Payments
from tests.support.clock import FakeClock
from tests.support.stripe_fake import SECRET_KEY, StripeFake

WEBHOOK_KEY = "whsec_contract"


@dataclass
class Provider:
    """A provider under test, and how its buyer pays and its webhook is read."""

    payments: Payments
    pay: Callable[[str], tuple[bytes, Mapping[str, str]]]  # a session paid: its webhook


@pytest.fixture(params=["local", "stripe"])
def provider(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Provider]:
    if request.param == "local":
        sent: list[tuple[bytes, Mapping[str, str]]] = []
        clock = FakeClock(datetime.now(UTC))
        local = LocalPayments(
            tmp_path / "payments.db",
            "http://127.0.0.1:8000",
            WEBHOOK_KEY,
            clock,
            deliver=lambda body, headers: sent.append((body, headers)),
        )

        def pay_locally(session_id: str) -> tuple[bytes, Mapping[str, str]]:
            local.pay(session_id, "4242 4242 4242 4242")
            return sent[-1]

        yield Provider(local, pay_locally)
        return
    with StripeFake() as fake:
        payments = StripePayments(SECRET_KEY, WEBHOOK_KEY, api_base=fake.url)

        def pay_on_stripe(session_id: str) -> tuple[bytes, Mapping[str, str]]:
            fake.complete(session_id)
            return fake.webhook("checkout.session.completed", session_id, WEBHOOK_KEY)

        yield Provider(payments, pay_on_stripe)


def request() -> CheckoutRequest:
    return CheckoutRequest(
        checkout_id="m-1_t-1",
        meetup_id="m-1",
        title="Wine tasting",
        email="ann@example.com",
        amount_minor=2000,
        fee_minor=100,
        currency="EUR",
        connected_account="acct_1",
        expires_at=datetime.now(UTC) + timedelta(minutes=15),
        success_url="https://slsplay.example.com/rsvp/x?checkout=paid",
        cancel_url="https://slsplay.example.com/rsvp/x",
    )


def test_a_paid_checkout_is_announced_as_the_same_event_by_both(provider: Provider) -> None:
    session = provider.payments.create_checkout(request())

    body, headers = provider.pay(session.session_id)
    event = provider.payments.parse_webhook(body, headers)

    assert event.kind == "checkout_paid"
    assert (event.checkout_id, event.session_id) == ("m-1_t-1", session.session_id)
    assert (event.amount_minor, event.currency) == (2100, "EUR")
    assert event.payment_ref


def test_a_tampered_webhook_or_another_key_is_refused_by_both(provider: Provider) -> None:
    session = provider.payments.create_checkout(request())
    body, headers = provider.pay(session.session_id)

    with pytest.raises(InvalidWebhook):
        provider.payments.parse_webhook(body.replace(b"2100", b"9100"), headers)
    with pytest.raises(InvalidWebhook):
        provider.payments.parse_webhook(body, {})


def test_the_local_providers_signature_is_one_stripes_library_accepts(tmp_path: Path) -> None:
    sent: list[tuple[bytes, Mapping[str, str]]] = []
    local = LocalPayments(
        tmp_path / "payments.db",
        "http://127.0.0.1:8000",
        WEBHOOK_KEY,
        FakeClock(datetime.now(UTC)),
        deliver=lambda body, headers: sent.append((body, headers)),
    )
    session = local.create_checkout(request())
    local.pay(session.session_id, "4242424242424242")
    body, headers = sent[0]

    assert stripe.WebhookSignature.verify_header(
        body.decode(), headers[SIGNATURE_HEADER], WEBHOOK_KEY, tolerance=300
    )
