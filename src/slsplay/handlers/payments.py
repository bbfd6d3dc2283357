"""The payments function: checkout for paid meetups, the provider's webhooks, and the
organizer's balance, payout account and payouts."""

from __future__ import annotations

import functools
from http import HTTPStatus

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from slsplay.domain.errors import MESSAGES
from slsplay.handlers.context import payment_ports
from slsplay.handlers.http import (
    SECURED,
    build_resolver,
    caller,
    lambda_handler,
    model_content,
    problem,
    problems,
)
from slsplay.handlers.lazy import models
from slsplay.handlers.presenters import checkout_started_out, entry_out, statement_out
from slsplay.ports import InvalidWebhook
from slsplay.services import tickets

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
TAGS = ["payments"]


@router.post(
    "/api/rsvp/<token>/checkout",
    responses={
        **problems(404, 409, 503, success=201),
        200: {"description": "No checkout: the meetup is full, and the invitee waits in line"},
    },
    tags=["answers"],
    status_code=201,
    summary="Attend a paid meetup: a seat kept for 15 minutes and the provider's checkout",
)
def start_checkout(token: str) -> Response[models.CheckoutStartedOut]:
    ports = payment_ports()
    started = tickets.start_checkout(ports, token)
    out = checkout_started_out(started, ports.clock.now())
    # 200: no checkout, a place on the waiting list
    status = 200 if started.ticket is None else 201
    return Response(status, "application/json", out)


@router.post(
    "/api/payments/webhook",
    responses={
        **problems(400, 503),
        200: {"description": "OK", "content": {"application/json": model_content("WebhookOut")}},
    },
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
    return statement_out(tickets.statement_of(ports, caller(router).user_id))


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
    return models.PayoutsOut(payouts=[entry_out(e) for e in paid])


ROUTERS = (router,)
handler = lambda_handler(functools.partial(build_resolver, *ROUTERS))
