"""The payments function: checkout for paid meetups, the provider's webhooks, and the
organizer's balance, payout account and payouts."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from slsplay.domain.errors import MESSAGES
from slsplay.handlers import models
from slsplay.handlers.context import payment_ports
from slsplay.handlers.http import SECURED, build_resolver, caller, lambda_handler, problem, problems
from slsplay.handlers.meetups import answer_json
from slsplay.handlers.presenters import balance_json, entry_json
from slsplay.ports import InvalidWebhook
from slsplay.services import tickets

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
TAGS = ["payments"]


@router.post(
    "/api/rsvp/<token>/checkout",
    responses=problems(404, 409, 503),
    tags=["answers"],
    status_code=201,
    summary="Attend a paid meetup: a seat kept for 15 minutes and the provider's checkout",
)
def start_checkout(token: str) -> Response[models.CheckoutStartedOut]:
    ports = payment_ports()
    started = tickets.start_checkout(ports, token)
    # Without the meetup's media: the buyer is on their way to pay (and this function signs
    # no URLs of the media bucket).
    body: dict[str, Any] = answer_json(
        started.invitation, started.view, ticket=started.ticket, with_media=False
    )
    ticket = started.ticket
    body["checkout"] = (
        None
        if ticket is None
        else {"url": ticket.checkout_url, "expires_at": ticket.expires_at.isoformat()}
    )
    out = models.CheckoutStartedOut.model_validate(body)
    status = 200 if ticket is None else 201  # 200: no checkout, a place on the waiting list
    return Response(status, "application/json", out.model_dump(mode="json"))  # type: ignore[arg-type]


@router.post(
    "/api/payments/webhook",
    responses=problems(400, 503),
    tags=TAGS,
    summary="The payment provider's signed webhook (checkout paid or expired)",
)
def payment_webhook() -> Response[str]:
    # Typed str, not WebhookOut: a refusal is a problem document, which the response
    # validation would take for a malformed answer.
    ports = payment_ports()
    event = router.current_event
    body = (event.decoded_body or "").encode()
    try:
        payment = ports.payments.parse_webhook(body, dict(event.headers))
    except InvalidWebhook:
        return problem(HTTPStatus.BAD_REQUEST, "invalid_webhook", MESSAGES["invalid_webhook"])
    tickets.handle_payment_event(ports, payment)
    return Response(200, "application/json", models.WebhookOut(received=True).model_dump_json())


@router.get(
    "/api/me/balance",
    responses=problems(secured=True),
    tags=TAGS,
    security=SECURED,
    summary="The organizer's balance per currency and latest ledger entries",
)
def my_balance() -> models.StatementOut:
    ports = payment_ports()
    statement = tickets.statement_of(ports.store, ports.clock, caller(router).user_id)
    account = statement.account_id
    return models.StatementOut.model_validate(
        {
            "balances": [balance_json(b) for b in statement.balances],
            "entries": [entry_json(e) for e in statement.entries],
            "payout_account": None if account is None else {"id": account},
        }
    )


@router.post(
    "/api/me/payout-account",
    responses=problems(409, 503, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="Set up how the organizer is paid: the provider's onboarding page",
)
def payout_account() -> models.OnboardingOut:
    url = tickets.payout_account(payment_ports(), caller(router).user_id)
    return models.OnboardingOut(onboarding_url=url)


@router.post(
    "/api/me/payouts",
    responses=problems(409, 503, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="Pay out the available balance now",
)
def pay_out() -> models.PayoutsOut:
    paid = tickets.pay_out_now(payment_ports(), caller(router).user_id)
    return models.PayoutsOut.model_validate({"payouts": [entry_json(e) for e in paid]})


ROUTERS = (router,)
app = build_resolver(*ROUTERS)
handler = lambda_handler(app)
