"""Paid meetups through slsplay serve and its local payment provider: checkout, the signed
webhook, the ticket email, the ledger, a declined card, webhooks repeated and out of order,
a ticket given up (not refunded), and a cancellation (every ticket refunded).

In every test the organizer's ledger sums to the money of the tickets sold, less the fees
and the refunds."""

from __future__ import annotations

import hmac
import json
import re
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from slsplay.adapters import webhook_signatures
from tests.support.api import answer_link, bearer, new_meetup, sign_up_organizer
from tests.support.server import Server, address
from tests.support.waiting import eventually

pytestmark = pytest.mark.served

PRICE = {"amount_minor": 2000, "currency": "EUR"}
PAYS, DECLINED = "4242 4242 4242 4242", "4000 0000 0000 0002"


def organizer_who_can_be_paid(api: httpx.Client, server: Server) -> tuple[str, dict[str, str]]:
    """A new organizer who set up payouts (locally: one click, straight back)."""
    token = sign_up_organizer(api, server)["access_token"]
    auth = bearer(token)
    onboarding = api.post("/api/me/payout-account", headers=auth)
    assert onboarding.status_code == 200, onboarding.text
    back = api.get(onboarding.json()["onboarding_url"])
    assert back.status_code == 303
    assert back.headers["location"] == "/balance"
    return token, auth


def paid_meetup(
    api: httpx.Client, server: Server, guests: list[str], capacity: int = 10
) -> tuple[dict[str, str], dict[str, Any], dict[str, str]]:
    """A published paid meetup and each guest's answer link token."""
    token, auth = organizer_who_can_be_paid(api, server)
    meetup = new_meetup(api, token, title="Wine tasting", price=PRICE, capacity=capacity)
    api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        headers=auth,
        json={"invitees": [{"email": g} for g in guests]},
    )
    published = api.post(f"/api/meetups/{meetup['id']}/publish", headers=auth)
    assert published.status_code == 200, published.text
    links = {g: answer_link(api, token, meetup["id"], g) for g in guests}
    return auth, meetup, links


def checkout(api: httpx.Client, link: str) -> dict[str, Any]:
    """Start the checkout of one invitee: a seat is held."""
    started = api.post(f"/api/rsvp/{link}/checkout")
    assert started.status_code == 201, started.text
    answer: dict[str, Any] = started.json()
    return answer


def pay(api: httpx.Client, checkout_url: str, card: str = PAYS) -> httpx.Response:
    """Pay on the local provider's checkout page, as a buyer's browser does."""
    page = api.get(checkout_url)
    assert page.status_code == 200
    return api.post(checkout_url, data={"card_number": card})


def ticket_of(api: httpx.Client, link: str) -> dict[str, Any]:
    """The invitee's view of their ticket."""
    seen: dict[str, Any] = api.get(f"/api/rsvp/{link}").json()
    return seen


def paid_ticket(api: httpx.Client, link: str) -> dict[str, Any]:
    """Wait for the provider's webhook to make the ticket paid."""

    def paid() -> dict[str, Any] | None:
        """the ticket paid and its buyer attending"""
        # The invitation and its ticket are two reads: a poll may see one before the other.
        seen = ticket_of(api, link)
        done = (seen["ticket"] or {}).get("status") == "paid"
        return seen if done and seen["invitation"]["response"] == "attending" else None

    found: dict[str, Any] = eventually(paid)
    return found


def mail_to(server: Server, to: str, subject: str) -> Callable[[], list[dict[str, Any]]]:
    """A check for an email with this subject to this address."""

    def found() -> list[dict[str, Any]]:
        return [m for m in server.mail() if m["to"] == to and m["subject"] == subject]

    found.__doc__ = f"{subject!r} emailed to {to}"
    return found


def assert_ledger_matches_tickets(
    api: httpx.Client, auth: dict[str, str], tickets: list[dict[str, Any]]
) -> dict[str, Any]:
    """The balance is the money of tickets sold, less the fees and the refunds."""
    statement: dict[str, Any] = api.get("/api/me/balance", headers=auth).json()
    kept = sum(
        t["total"]["amount_minor"] - 100 for t in tickets if t["status"] in ("paid", "forfeited")
    )
    total = sum(e["amount"]["amount_minor"] for e in statement["entries"])
    assert total == kept
    listed = {b["currency"]: b["total"]["amount_minor"] for b in statement["balances"]}
    assert listed.get("EUR", 0) == kept
    return statement


def test_an_invitee_pays_and_gets_a_ticket_by_email_and_the_organizer_is_credited(
    server: Server,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    buyer = address("ann")
    auth, meetup, links = paid_meetup(api, server, [buyer])
    link = links[buyer]

    seen = ticket_of(api, link)
    assert seen["quote"] == {
        "price": {"amount_minor": 2000, "currency": "EUR", "display": "20.00 EUR"},
        "fee": {"amount_minor": 100, "currency": "EUR", "display": "1.00 EUR"},
        "total": {"amount_minor": 2100, "currency": "EUR", "display": "21.00 EUR"},
    }
    refused = api.post(f"/api/rsvp/{link}", json={"response": "attending"})
    assert refused.status_code == 409
    assert refused.json()["code"] == "checkout_required"

    started = checkout(api, link)
    assert started["ticket"]["status"] == "held"
    assert started["checkout"]["url"] == started["ticket"]["checkout_url"]
    again = checkout(api, link)  # asking again keeps the same checkout
    assert again["checkout"]["url"] == started["checkout"]["url"]

    paid = pay(api, started["checkout"]["url"])
    assert paid.status_code == 303
    assert paid.headers["location"].endswith(f"/rsvp/{link}?checkout=paid")
    seen = paid_ticket(api, link)
    code = seen["ticket"]["code"]
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    assert seen["invitation"]["response"] == "attending"
    assert seen["meetup"]["join_url"] == "https://meet.example.com/board"

    def ticket_mail() -> list[dict[str, Any]]:
        """the ticket emailed"""
        return [
            m
            for m in server.mail()
            if m["to"] == buyer and m["subject"] == "Your ticket for Wine tasting"
        ]

    mail = eventually(ticket_mail)
    assert code in mail[0]["text"]
    assert "non-refundable" in mail[0]["text"]
    listed = api.get(f"/api/meetups/{meetup['id']}/attendees", headers=auth).json()
    assert [a["email"] for a in listed["attendees"]] == [buyer]
    statement = assert_ledger_matches_tickets(api, auth, [seen["ticket"]])
    assert sorted(e["kind"] for e in statement["entries"]) == ["platform_fee", "sale"]
    assert statement["balances"][0]["available"]["amount_minor"] == 0  # until it ended


def test_a_declined_card_gives_no_ticket(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    buyer = address("bob")
    auth, _, links = paid_meetup(api, server, [buyer])
    started = checkout(api, links[buyer])

    declined = pay(api, started["checkout"]["url"], DECLINED)

    assert declined.status_code == 402
    assert "Your card was declined." in declined.text
    seen = ticket_of(api, links[buyer])
    assert seen["ticket"]["status"] == "held"
    assert seen["invitation"]["response"] == "none"
    assert_ledger_matches_tickets(api, auth, [])


def deliver(
    api: httpx.Client, server: Server, checkout_id: str, kind: str, event_id: str
) -> httpx.Response:
    """Post a webhook as the local provider does, signed with its key (derived from the
    server's signing key, as the server derives it)."""
    secret = hmac.digest(server.signing_key(), b"slsplay local payment webhooks", "sha256").hex()
    body = json.dumps(
        {
            "id": event_id,
            "kind": kind,
            "checkout_id": checkout_id,
            "payment_ref": f"pi_local_{event_id}",
            "amount_minor": 2100,
            "currency": "EUR",
        }
    ).encode()
    signature = webhook_signatures.sign(body, secret, int(time.time()))
    return api.post(
        "/api/payments/webhook",
        content=body,
        headers={"Payment-Signature": signature, "Content-Type": "application/json"},
    )


def test_webhooks_delivered_twice_and_out_of_order_change_the_ticket_once(
    server: Server,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    buyer = address("cid")
    auth, meetup, links = paid_meetup(api, server, [buyer])
    started = checkout(api, links[buyer])
    checkout_id = f"{meetup['id']}_{started['ticket']['id']}"

    forged = api.post(
        "/api/payments/webhook",
        content=b'{"id": "evt_x", "kind": "checkout_paid"}',
        headers={"Payment-Signature": "t=1,v1=00", "Content-Type": "application/json"},
    )
    assert forged.status_code == 400
    assert forged.json()["code"] == "invalid_webhook"

    assert deliver(api, server, checkout_id, "checkout_paid", "evt_1").status_code == 200
    assert deliver(api, server, checkout_id, "checkout_paid", "evt_1").status_code == 200
    # An expiry sent before the payment, delivered after it.
    assert deliver(api, server, checkout_id, "checkout_expired", "evt_0").status_code == 200

    seen = ticket_of(api, links[buyer])
    assert seen["ticket"]["status"] == "paid"
    assert seen["invitation"]["response"] == "attending"
    assert seen["meetup"]["counts"]["attending"] == 1
    statement = assert_ledger_matches_tickets(api, auth, [seen["ticket"]])
    assert len(statement["entries"]) == 2


def test_an_expired_checkout_frees_the_seat_and_a_payment_arriving_after_it_went_is_refunded(
    server: Server,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    late, other = address("dee"), address("eve")
    auth, meetup, links = paid_meetup(api, server, [late, other], capacity=1)
    held = checkout(api, links[late])
    full = api.post(f"/api/rsvp/{links[other]}/checkout")
    assert full.status_code == 200
    assert full.json()["checkout"] is None
    assert full.json()["invitation"]["response"] == "waitlisted"  # the one seat is held
    checkout_id = f"{meetup['id']}_{held['ticket']['id']}"

    # The provider says the checkout expired; its page is still open in the buyer's tab.
    deliver(api, server, checkout_id, "checkout_expired", "evt_late_0")
    assert ticket_of(api, links[late])["ticket"]["status"] == "lapsed"
    pay(api, checkout(api, links[other])["checkout"]["url"])  # the freed seat, taken
    paid_ticket(api, links[other])
    assert pay(api, held["checkout"]["url"]).status_code == 303  # the late payment

    def refunded() -> dict[str, Any] | None:
        """the late payment refunded"""
        seen = ticket_of(api, links[late])
        return seen if seen["ticket"]["status"] == "refunded" else None

    seen = eventually(refunded)
    assert seen["invitation"]["response"] == "none"
    eventually(mail_to(server, late, "Refunded: Wine tasting"))
    assert seen["meetup"]["counts"]["attending"] == 1
    tickets = [seen["ticket"], ticket_of(api, links[other])["ticket"]]
    assert_ledger_matches_tickets(api, auth, tickets)


def test_a_ticket_given_up_is_not_refunded_and_a_cancellation_refunds_every_ticket(
    server: Server,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    ann, bea = address("fox"), address("gil")
    auth, meetup, links = paid_meetup(api, server, [ann, bea])
    for guest in (ann, bea):
        pay(api, checkout(api, links[guest])["checkout"]["url"])
        paid_ticket(api, links[guest])

    refused = api.post(f"/api/rsvp/{links[ann]}", json={"response": "declined"})
    assert refused.status_code == 409
    assert refused.json()["code"] == "ticket_not_refundable"
    given_up = api.post(
        f"/api/rsvp/{links[ann]}", json={"response": "declined", "forfeit_ticket": True}
    )
    assert given_up.status_code == 200, given_up.text
    assert given_up.json()["ticket"]["status"] == "forfeited"
    tickets = [ticket_of(api, links[g])["ticket"] for g in (ann, bea)]
    assert_ledger_matches_tickets(api, auth, tickets)  # nothing refunded: 2 x 20.00 EUR

    api.post(f"/api/meetups/{meetup['id']}/cancel", headers=auth)

    def refunded() -> list[dict[str, Any]]:
        """both tickets refunded"""
        seen = [ticket_of(api, links[g])["ticket"] for g in (ann, bea)]
        return seen if all(t["status"] == "refunded" for t in seen) else []

    tickets = eventually(refunded)
    for guest in (ann, bea):
        eventually(mail_to(server, guest, "Refunded: Wine tasting"))
    statement = assert_ledger_matches_tickets(api, auth, tickets)
    kinds = sorted(e["kind"] for e in statement["entries"])
    assert kinds == sorted(["sale", "platform_fee", "refund", "fee_refund"] * 2)


def test_a_paid_meetup_is_published_only_by_an_organizer_who_can_be_paid(
    server: Server,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    meetup = new_meetup(api, token, price=PRICE)

    refused = api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(token))

    assert refused.status_code == 409
    assert refused.json()["code"] == "payout_account_required"


def test_a_seat_given_up_is_offered_to_the_first_in_line_who_pays_for_it(
    server: Server,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    ann, bob = address("hap"), address("ike")
    auth, _, links = paid_meetup(api, server, [ann, bob], capacity=1)
    pay(api, checkout(api, links[ann])["checkout"]["url"])
    paid_ticket(api, links[ann])
    assert api.post(f"/api/rsvp/{links[bob]}/checkout").json()["checkout"] is None  # in line

    api.post(f"/api/rsvp/{links[ann]}", json={"response": "declined", "forfeit_ticket": True})

    (offer,) = eventually(mail_to(server, bob, "A seat is free for you: Wine tasting"))
    assert "21.00 EUR" in offer["text"]
    seen = ticket_of(api, links[bob])
    assert seen["ticket"]["status"] == "held"
    assert seen["invitation"]["response"] == "waitlisted"
    pay(api, checkout(api, links[bob])["checkout"]["url"])
    seen = paid_ticket(api, links[bob])
    tickets = [ticket_of(api, links[ann])["ticket"], seen["ticket"]]
    assert_ledger_matches_tickets(api, auth, tickets)  # two sold, none refunded


def test_graphql_shows_the_quote_the_ticket_and_the_balance_and_takes_a_forfeit(
    server: Server,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    buyer = address("jay")
    auth, _, links = paid_meetup(api, server, [buyer])
    link = links[buyer]
    pay(api, checkout(api, link)["checkout"]["url"])
    paid_ticket(api, link)

    def gql(query: str, variables: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
        answer = api.post(
            "/api/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert "errors" not in answer.json(), answer.text
        return answer.json()["data"]

    page = gql(
        """query($token: String!) { invitation(token: $token) {
             quote { price { display } fee { display } total { amountMinor display } }
             ticket { status code total { display } checkoutUrl } } }""",
        {"token": link},
    )["invitation"]
    assert page["quote"] == {
        "price": {"display": "20.00 EUR"},
        "fee": {"display": "1.00 EUR"},
        "total": {"amountMinor": 2100, "display": "21.00 EUR"},
    }
    rest = ticket_of(api, link)["ticket"]
    assert page["ticket"] == {
        "status": "PAID",
        "code": rest["code"],
        "total": {"display": "21.00 EUR"},
        "checkoutUrl": None,
    }
    balance = gql(
        "{ myBalance { balances { currency total { display } available { display } }"
        " entries { kind amount { display } } payoutAccountId } }",
        {},
        auth,
    )["myBalance"]
    assert balance["balances"] == [
        {"currency": "EUR", "total": {"display": "20.00 EUR"}, "available": {"display": "0.00 EUR"}}
    ]
    assert sorted((e["kind"], e["amount"]["display"]) for e in balance["entries"]) == [
        ("PLATFORM_FEE", "-1.00 EUR"),
        ("SALE", "21.00 EUR"),
    ]
    assert balance["payoutAccountId"]

    answer = """mutation($token: String!, $forfeit: Boolean!) {
        respondToInvitation(token: $token, response: DECLINED, forfeitTicket: $forfeit) {
          invitation { response } userErrors { code } } }"""
    refused = gql(answer, {"token": link, "forfeit": False})["respondToInvitation"]
    assert refused["userErrors"] == [{"code": "ticket_not_refundable"}]
    given_up = gql(answer, {"token": link, "forfeit": True})["respondToInvitation"]
    assert given_up["invitation"] == {"response": "DECLINED"}
    assert ticket_of(api, link)["ticket"]["status"] == "forfeited"
