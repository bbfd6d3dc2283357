"""The Stripe adapter of the payment port, talking through Stripe's own library to a fake.

``StripeFake`` serves the endpoints the adapter calls over real HTTP, so what is checked here
is what goes over the wire: the form fields, the idempotency keys, the connected account a
request acts on, and the key it is signed with. The webhooks are signed as Stripe signs
them, which the last tests prove with Stripe's own library.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import stripe

from slsplay.adapters.stripe_payments import StripePayments
from slsplay.ports import CheckoutRequest, InvalidWebhook, PaymentFailed, Payments
from tests.support.stripe_fake import SECRET_KEY, StripeFake, decode_form, sign

WEBHOOK_SECRET = "whsec_slsplayTestSecret0000000000000000"
ORGANIZER_ACCOUNT = "acct_1SlsplayOrganizer"
CHECKOUT_ID = "01JP4C0Q5W8E2R6T9Y3U7I1O4P"
MEETUP_ID = "01JP3M8Z6Q4R7T2V9X1C5B8N0D"
MINUTE = 60
HOUR = 60 * MINUTE


@pytest.fixture
def now() -> int:
    """The moment the test runs, frozen: the adapter, the fake and Stripe's library agree
    on it to within the test's run time (the library checks a webhook's age by the wall
    clock)."""
    return int(time.time())


@pytest.fixture
def fake(now: int) -> Iterator[StripeFake]:
    with StripeFake(clock=lambda: now) as served:
        yield served


@pytest.fixture
def payments(fake: StripeFake, now: int) -> Payments:
    """The adapter under test, typed as the port it must implement."""
    return StripePayments(SECRET_KEY, WEBHOOK_SECRET, api_base=fake.url, clock=lambda: now)


def ticket(now: int, **changes: Any) -> CheckoutRequest:
    """One VIP seat at 25.00 EUR plus a 1.50 EUR service fee, payable for two hours."""
    request = CheckoutRequest(
        checkout_id=CHECKOUT_ID,
        meetup_id=MEETUP_ID,
        title="Rust in Production: VIP seat",
        email="ada@example.com",
        amount_minor=2500,
        fee_minor=150,
        currency="EUR",
        connected_account=ORGANIZER_ACCOUNT,
        expires_at=datetime.fromtimestamp(now, UTC) + timedelta(hours=2),
        success_url="https://slsplay.example/checkout/done",
        cancel_url="https://slsplay.example/checkout/cancelled",
    )
    return replace(request, **changes)


def in_minutes(now: int, minutes: float) -> datetime:
    return datetime.fromtimestamp(now, UTC) + timedelta(minutes=minutes)


def paid_session(fake: StripeFake, payments: Payments, now: int) -> dict[str, Any]:
    session = payments.create_checkout(ticket(now))
    return fake.complete(session.session_id)


# -- checkout -------------------------------------------------------------------------------


def test_a_checkout_sells_the_ticket_and_the_fee_for_the_organizers_account(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = payments.create_checkout(ticket(now))

    (sent,) = fake.requests_to("POST", "/v1/checkout/sessions")
    params = sent.params
    assert params["mode"] == "payment"
    assert params["line_items"] == [
        {
            "price_data": {
                "currency": "eur",
                "unit_amount": "2500",
                "product_data": {"name": "Rust in Production: VIP seat"},
            },
            "quantity": "1",
        },
        {
            "price_data": {
                "currency": "eur",
                "unit_amount": "150",
                "product_data": {"name": "Service fee"},
            },
            "quantity": "1",
        },
    ]
    assert params["customer_email"] == "ada@example.com"
    assert params["client_reference_id"] == CHECKOUT_ID
    metadata = {"checkout_id": CHECKOUT_ID, "meetup_id": MEETUP_ID}
    assert params["metadata"] == metadata
    assert params["payment_intent_data"] == {
        "application_fee_amount": "150",
        "transfer_data": {"destination": ORGANIZER_ACCOUNT},
        "metadata": metadata,
    }
    assert params["success_url"] == "https://slsplay.example/checkout/done"
    assert params["cancel_url"] == "https://slsplay.example/checkout/cancelled"
    assert params["expires_at"] == str(now + 2 * HOUR)
    assert sent.header("Idempotency-Key") == f"checkout-{CHECKOUT_ID}"
    assert sent.header("Authorization") == f"Bearer {SECRET_KEY}"
    assert sent.header("Stripe-Account") is None  # a destination charge is the platform's

    stored = fake.sessions[session.session_id]
    assert session.session_id.startswith("cs_test_")
    assert session.url == stored["url"]
    assert session.url.startswith("https://checkout.stripe.com/")
    assert stored["amount_total"] == 2650


def test_a_checkout_asked_to_close_in_15_minutes_stays_open_the_30_stripe_requires(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    payments.create_checkout(ticket(now, expires_at=in_minutes(now, 15)))

    (sent,) = fake.requests_to("POST", "/v1/checkout/sessions")
    assert int(sent.params["expires_at"]) >= now + 30 * MINUTE
    assert int(sent.params["expires_at"]) <= now + 32 * MINUTE


def test_a_checkout_asked_to_stay_open_for_days_closes_within_stripes_24_hours(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    payments.create_checkout(ticket(now, expires_at=in_minutes(now, 3 * 24 * 60)))

    (sent,) = fake.requests_to("POST", "/v1/checkout/sessions")
    assert now + 23 * HOUR <= int(sent.params["expires_at"]) < now + 24 * HOUR


def test_a_free_service_fee_is_neither_a_line_nor_an_application_fee(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    payments.create_checkout(ticket(now, fee_minor=0))

    (sent,) = fake.requests_to("POST", "/v1/checkout/sessions")
    (line,) = sent.params["line_items"]
    assert line["price_data"]["unit_amount"] == "2500"
    assert "application_fee_amount" not in sent.params["payment_intent_data"]
    assert sent.params["payment_intent_data"]["transfer_data"] == {"destination": ORGANIZER_ACCOUNT}


def test_a_retried_checkout_creates_one_session(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    first = payments.create_checkout(ticket(now))
    again = payments.create_checkout(ticket(now))

    assert again == first
    assert list(fake.sessions) == [first.session_id]
    assert len(fake.requests_to("POST", "/v1/checkout/sessions")) == 2


def test_a_checkout_id_reused_for_another_price_is_refused(payments: Payments, now: int) -> None:
    payments.create_checkout(ticket(now))

    with pytest.raises(PaymentFailed, match="IdempotencyError") as failure:
        payments.create_checkout(ticket(now, amount_minor=9900))
    assert isinstance(failure.value.__cause__, stripe.IdempotencyError)


def test_expiring_an_open_checkout_closes_it(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = payments.create_checkout(ticket(now))

    payments.expire_checkout(session.session_id)

    assert fake.sessions[session.session_id]["status"] == "expired"
    assert len(fake.requests_to("POST", f"/v1/checkout/sessions/{session.session_id}/expire")) == 1


def test_expiring_a_paid_checkout_changes_nothing(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = paid_session(fake, payments, now)

    payments.expire_checkout(session["id"])

    assert fake.sessions[session["id"]]["status"] == "complete"
    assert fake.sessions[session["id"]]["payment_status"] == "paid"


def test_expiring_a_checkout_twice_changes_nothing_the_second_time(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = payments.create_checkout(ticket(now))
    payments.expire_checkout(session.session_id)

    payments.expire_checkout(session.session_id)

    assert fake.sessions[session.session_id]["status"] == "expired"


def test_expiring_a_checkout_stripe_does_not_know_fails(payments: Payments) -> None:
    with pytest.raises(PaymentFailed, match="cs_test_unknown"):
        payments.expire_checkout("cs_test_unknown")


# -- refunds --------------------------------------------------------------------------------


def test_a_refund_takes_the_organizers_share_and_the_fee_back_from_them(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = paid_session(fake, payments, now)

    refund_id = payments.refund(session["payment_intent"], 2650, "refund-ticket-1")

    (sent,) = fake.requests_to("POST", "/v1/refunds")
    assert sent.params == {
        "payment_intent": session["payment_intent"],
        "amount": "2650",
        "reverse_transfer": "true",
        "refund_application_fee": "true",
    }
    assert sent.header("Idempotency-Key") == "refund-ticket-1"
    assert refund_id.startswith("re_")
    assert fake.refunds[refund_id]["amount"] == 2650


def test_a_retried_refund_gives_the_money_back_once(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = paid_session(fake, payments, now)

    first = payments.refund(session["payment_intent"], 2650, "refund-ticket-1")
    again = payments.refund(session["payment_intent"], 2650, "refund-ticket-1")

    assert again == first
    assert list(fake.refunds) == [first]


def test_refunding_more_than_was_paid_fails(fake: StripeFake, payments: Payments, now: int) -> None:
    session = paid_session(fake, payments, now)

    with pytest.raises(PaymentFailed, match="greater than unrefunded amount"):
        payments.refund(session["payment_intent"], 5000, "refund-ticket-1")


# -- the organizers' accounts ---------------------------------------------------------------


def test_an_organizers_account_is_paid_out_only_when_the_platform_asks(
    fake: StripeFake, payments: Payments
) -> None:
    account_id = payments.create_account("user-1", "grace@example.com", "account-user-1")

    (sent,) = fake.requests_to("POST", "/v1/accounts")
    assert sent.params == {
        "type": "express",
        "email": "grace@example.com",
        "metadata": {"user_id": "user-1"},
        "capabilities": {
            "card_payments": {"requested": "true"},
            "transfers": {"requested": "true"},
        },
        "settings": {"payouts": {"schedule": {"interval": "manual"}}},
    }
    assert sent.header("Idempotency-Key") == "account-user-1"
    assert account_id.startswith("acct_")
    assert account_id in fake.accounts


def test_a_retried_account_creation_creates_one_account(
    fake: StripeFake, payments: Payments
) -> None:
    first = payments.create_account("user-1", "grace@example.com", "account-user-1")
    again = payments.create_account("user-1", "grace@example.com", "account-user-1")

    assert again == first
    assert list(fake.accounts) == [first]


def test_the_organizer_is_sent_to_stripes_onboarding(fake: StripeFake, payments: Payments) -> None:
    account_id = payments.create_account("user-1", "grace@example.com", "account-user-1")

    url = payments.onboarding_url(
        account_id, "https://slsplay.example/payouts/done", "https://slsplay.example/payouts"
    )

    (sent,) = fake.requests_to("POST", "/v1/account_links")
    assert sent.params == {
        "account": account_id,
        "type": "account_onboarding",
        "return_url": "https://slsplay.example/payouts/done",
        "refresh_url": "https://slsplay.example/payouts",
    }
    assert url.startswith(f"https://connect.stripe.com/setup/e/{account_id}/")


@pytest.mark.parametrize(
    ("charges_enabled", "payouts_enabled", "ready"),
    [(True, True, True), (True, False, False), (False, True, False), (False, False, False)],
)
def test_an_account_is_ready_only_when_it_can_take_payments_and_be_paid_out(
    fake: StripeFake,
    payments: Payments,
    charges_enabled: bool,
    payouts_enabled: bool,
    ready: bool,
) -> None:
    account_id = payments.create_account("user-1", "grace@example.com", "account-user-1")
    fake.onboard(account_id, charges_enabled=charges_enabled, payouts_enabled=payouts_enabled)

    assert payments.account_ready(account_id) is ready


def test_an_account_that_has_not_been_onboarded_is_not_ready(
    payments: Payments,
) -> None:
    account_id = payments.create_account("user-1", "grace@example.com", "account-user-1")

    assert payments.account_ready(account_id) is False


def test_asking_about_an_account_stripe_does_not_know_fails(payments: Payments) -> None:
    with pytest.raises(PaymentFailed, match="No such account") as failure:
        payments.account_ready("acct_unknown")
    assert isinstance(failure.value.__cause__, stripe.InvalidRequestError)


def test_a_payout_draws_on_the_organizers_own_balance(fake: StripeFake, payments: Payments) -> None:
    account_id = payments.create_account("user-1", "grace@example.com", "account-user-1")

    payout_id = payments.payout(account_id, 2500, "EUR", "payout-2030-03")

    (sent,) = fake.requests_to("POST", "/v1/payouts")
    assert sent.params == {"amount": "2500", "currency": "eur"}
    assert sent.header("Stripe-Account") == account_id
    assert sent.header("Idempotency-Key") == "payout-2030-03"
    assert payout_id.startswith("po_")
    assert fake.payouts[payout_id]["account"] == account_id


def test_a_retried_payout_pays_once(fake: StripeFake, payments: Payments) -> None:
    account_id = payments.create_account("user-1", "grace@example.com", "account-user-1")

    first = payments.payout(account_id, 2500, "EUR", "payout-2030-03")
    again = payments.payout(account_id, 2500, "EUR", "payout-2030-03")

    assert again == first
    assert list(fake.payouts) == [first]


# -- failures -------------------------------------------------------------------------------


def test_a_wrong_secret_key_is_a_payment_failure(fake: StripeFake, now: int) -> None:
    payments = StripePayments(
        "sk_test_51WrongKey000000000000000000", WEBHOOK_SECRET, api_base=fake.url
    )

    with pytest.raises(PaymentFailed, match="AuthenticationError") as failure:
        payments.create_checkout(ticket(now))

    assert isinstance(failure.value.__cause__, stripe.AuthenticationError)
    assert failure.value.__cause__.http_status == 401
    assert fake.sessions == {}


def test_stripe_out_of_reach_is_a_payment_failure(fake: StripeFake, now: int) -> None:
    # The fake's port, once it has stopped serving: nothing listens there.
    with StripeFake() as stopped:
        address = stopped.url
    payments = StripePayments(SECRET_KEY, WEBHOOK_SECRET, api_base=address, max_network_retries=0)

    with pytest.raises(PaymentFailed, match="APIConnectionError"):
        payments.create_checkout(ticket(now))


# -- webhooks -------------------------------------------------------------------------------


def test_a_paid_checkout_is_reported_with_everything_a_refund_needs(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = paid_session(fake, payments, now)
    body, headers = fake.webhook("checkout.session.completed", session["id"], WEBHOOK_SECRET)

    event = payments.parse_webhook(body, headers)

    assert event.kind == "checkout_paid"
    assert event.event_id == json.loads(body)["id"]
    assert event.event_id.startswith("evt_")
    assert event.checkout_id == CHECKOUT_ID
    assert event.session_id == session["id"]
    assert event.payment_ref == session["payment_intent"]
    assert event.payment_ref is not None
    assert event.payment_ref.startswith("pi_")
    assert event.amount_minor == 2650
    assert event.currency == "EUR"


def test_a_delayed_payment_that_succeeds_is_a_paid_checkout(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = payments.create_checkout(ticket(now))
    fake.complete(session.session_id)
    body, headers = fake.webhook(
        "checkout.session.async_payment_succeeded", session.session_id, WEBHOOK_SECRET
    )

    event = payments.parse_webhook(body, headers)

    assert (event.kind, event.checkout_id, event.amount_minor) == (
        "checkout_paid",
        CHECKOUT_ID,
        2650,
    )


def test_a_paid_checkout_is_found_by_its_metadata_when_it_has_no_reference(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = paid_session(fake, payments, now)
    fake.sessions[session["id"]]["client_reference_id"] = None
    body, headers = fake.webhook("checkout.session.completed", session["id"], WEBHOOK_SECRET)

    assert payments.parse_webhook(body, headers).checkout_id == CHECKOUT_ID


@pytest.mark.parametrize(
    "event_type", ["checkout.session.expired", "checkout.session.async_payment_failed"]
)
def test_a_checkout_that_can_no_longer_be_paid_is_reported_expired(
    fake: StripeFake, payments: Payments, now: int, event_type: str
) -> None:
    session = payments.create_checkout(ticket(now))
    body, headers = fake.webhook(event_type, session.session_id, WEBHOOK_SECRET)

    event = payments.parse_webhook(body, headers)

    assert event.kind == "checkout_expired"
    assert (event.checkout_id, event.session_id) == (CHECKOUT_ID, session.session_id)


def test_a_completed_checkout_whose_money_is_still_on_its_way_is_ignored(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = payments.create_checkout(ticket(now))
    fake.complete(session.session_id, paid=False)
    body, headers = fake.webhook("checkout.session.completed", session.session_id, WEBHOOK_SECRET)

    assert payments.parse_webhook(body, headers).kind == "ignored"


@pytest.mark.parametrize("event_type", ["checkout.session.created", "payment_intent.succeeded"])
def test_other_events_are_ignored(
    fake: StripeFake, payments: Payments, now: int, event_type: str
) -> None:
    session = payments.create_checkout(ticket(now))
    body, headers = fake.webhook(event_type, session.session_id, WEBHOOK_SECRET)

    event = payments.parse_webhook(body, headers)

    assert event.kind == "ignored"
    assert event.event_id == json.loads(body)["id"]


def test_an_event_about_something_other_than_a_checkout_is_ignored(
    payments: Payments, now: int
) -> None:
    body = json.dumps(
        {
            "id": "evt_1Payout",
            "object": "event",
            "type": "payout.paid",
            "data": {"object": {"id": "po_1", "object": "payout", "amount": 2500}},
        }
    ).encode()

    event = payments.parse_webhook(body, {"Stripe-Signature": sign(body, WEBHOOK_SECRET, now)})

    assert (event.event_id, event.kind, event.checkout_id) == ("evt_1Payout", "ignored", None)


def test_the_signature_header_is_found_whatever_its_case(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = paid_session(fake, payments, now)
    body, headers = fake.webhook("checkout.session.completed", session["id"], WEBHOOK_SECRET)

    lowered = {name.lower(): value for name, value in headers.items()}

    assert payments.parse_webhook(body, lowered).kind == "checkout_paid"


def test_a_webhook_whose_body_was_changed_is_refused(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = paid_session(fake, payments, now)
    body, headers = fake.webhook("checkout.session.completed", session["id"], WEBHOOK_SECRET)
    tampered = body.replace(b'"amount_total": 2650', b'"amount_total": 1')
    assert tampered != body

    with pytest.raises(InvalidWebhook):
        payments.parse_webhook(tampered, headers)


def test_a_webhook_signed_with_another_secret_is_refused(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = paid_session(fake, payments, now)
    body, headers = fake.webhook("checkout.session.completed", session["id"], "whsec_other")

    with pytest.raises(InvalidWebhook):
        payments.parse_webhook(body, headers)


def test_a_webhook_older_than_five_minutes_is_refused_as_a_replay(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = paid_session(fake, payments, now)
    body, headers = fake.webhook(
        "checkout.session.completed", session["id"], WEBHOOK_SECRET, timestamp=now - 5 * 60 - 1
    )

    with pytest.raises(InvalidWebhook, match="tolerance"):
        payments.parse_webhook(body, headers)


def test_a_webhook_without_a_signature_is_refused(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = paid_session(fake, payments, now)
    body, headers = fake.webhook("checkout.session.completed", session["id"], WEBHOOK_SECRET)
    del headers["Stripe-Signature"]

    with pytest.raises(InvalidWebhook):
        payments.parse_webhook(body, headers)


@pytest.mark.parametrize("body", [b"not json", b"\xff\xfe{}", b"[]", b'{"object": "event"}'])
def test_a_signed_body_that_is_not_a_stripe_event_is_refused(
    payments: Payments, now: int, body: bytes
) -> None:
    headers = {"Stripe-Signature": sign(body, WEBHOOK_SECRET, now)}

    with pytest.raises(InvalidWebhook):
        payments.parse_webhook(body, headers)


# -- the fake itself ------------------------------------------------------------------------


def test_the_fakes_webhooks_are_signed_as_stripe_signs_them(
    fake: StripeFake, payments: Payments, now: int
) -> None:
    session = paid_session(fake, payments, now)
    body, headers = fake.webhook("checkout.session.completed", session["id"], WEBHOOK_SECRET)

    assert stripe.WebhookSignature.verify_header(
        body, headers["Stripe-Signature"], WEBHOOK_SECRET, tolerance=300
    )
    assert headers["Stripe-Signature"] == stripe.WebhookSignature.generate_signature_header(
        body.decode(), WEBHOOK_SECRET, timestamp=now
    )
    event = stripe.Webhook.construct_event(body, headers["Stripe-Signature"], WEBHOOK_SECRET)
    assert event.type == "checkout.session.completed"


def test_the_fake_reads_stripes_form_encoding_into_nested_fields() -> None:
    pairs = [
        ("mode", "payment"),
        ("line_items[0][price_data][unit_amount]", "2500"),
        ("line_items[0][quantity]", "1"),
        ("line_items[1][price_data][unit_amount]", "150"),
        ("metadata[checkout_id]", CHECKOUT_ID),
    ]

    assert decode_form(pairs) == {
        "mode": "payment",
        "line_items": [
            {"price_data": {"unit_amount": "2500"}, "quantity": "1"},
            {"price_data": {"unit_amount": "150"}},
        ],
        "metadata": {"checkout_id": CHECKOUT_ID},
    }


def test_the_fake_stops_serving_when_its_block_ends(now: int) -> None:
    with StripeFake() as fake:
        payments = StripePayments(
            SECRET_KEY, WEBHOOK_SECRET, api_base=fake.url, max_network_retries=0
        )
        payments.create_checkout(ticket(now))

    with pytest.raises(PaymentFailed, match="APIConnectionError"):
        payments.create_checkout(ticket(now, checkout_id="another"))
