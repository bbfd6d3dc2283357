"""Paid meetups in the web app, at phone size: the organizer sets up payouts and sells tickets,
the invitee sees the fees, pays on the (local) provider's checkout and gets a ticket."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e import demo
from tests.e2e.conftest import PHONE, TIMEOUT_MS
from tests.support.server import Server

PAYING_CARD = "4242 4242 4242 4242"
DECLINED_CARD = "4000 0000 0000 0002"
NON_REFUNDABLE = "Tickets are non-refundable. If the organizer cancels, you are refunded in full."


@pytest.fixture
def invitee_page(browser: Browser, server: Server) -> Iterator[Page]:
    """A second person's phone: storage of its own, so the organizer's session is not theirs."""
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        base_url=server.url,
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def sign_in(page: Page, api: demo.GraphQL, email: str) -> None:
    """Sign ``page`` in as that account, as the web app keeps a session."""
    demo.sign_in_browser(page, api.base_url, email)


def open_checkout(page: Page, link: str) -> None:
    """From the answer link, see the fees, then go to the provider's checkout."""
    page.goto(link)
    expect(page.get_by_role("heading", name="Will you be there?")).to_be_visible()
    page.get_by_role("button", name="Attend — pay 21.00 EUR").click()
    expect(page).to_have_url(re.compile(r"/_payments/checkout/"))


def pay(page: Page, card: str) -> None:
    page.get_by_label("Card number").fill(card)
    page.get_by_role("button", name=re.compile(r"^Pay\b")).click()


def test_invitee_pays_for_a_ticket_and_the_organizer_is_credited(
    page: Page, invitee_page: Page, server: Server
) -> None:
    # The organizer signs up and sets up payouts first.
    page.goto("/signup")
    page.get_by_label("Your name").fill("Olivia Organizer")
    email = demo.unique_email("olivia")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(demo.PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="My meetups")).to_be_visible()
    demo.confirm_address(page, server, email)
    demo.main_menu(page).get_by_role("link", name="Balance").click()
    expect(page.get_by_role("heading", name="Balance")).to_be_visible()
    expect(page.get_by_text("No ticket sold yet", exact=False)).to_be_visible()
    page.get_by_role("button", name="Set up payouts").click()
    # The provider's onboarding sends the organizer back to the balance page.
    expect(page.get_by_text("Payouts are set up", exact=False)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/balance$"))

    # A meetup at 20.00 EUR a ticket, with ten seats.
    demo.main_menu(page).get_by_role("link", name="My meetups").click()
    page.get_by_role("link", name="New meetup").click()
    page.get_by_label("Title").fill("Masterclass: pricing")
    page.get_by_label("Duration (minutes)").fill("60")
    page.get_by_label("Join link").fill("https://meet.example.com/masterclass")
    page.get_by_label("Capacity (optional)").fill("10")
    page.get_by_label("Price (optional)").fill("20.00")
    expect(page.get_by_label("Currency")).to_have_value("EUR")
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_role("heading", name="Masterclass: pricing")).to_be_visible()
    expect(page.get_by_text(re.compile(r"20\.00 EUR · 10 places"))).to_be_visible()
    meetup_url = page.url

    invitee = demo.unique_email("paula")
    page.get_by_role("link", name="Invite people").click()
    page.get_by_label("Email addresses").fill(f"Paula Payer <{invitee}>")
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.get_by_text("1 person invited.")).to_be_visible()
    page.get_by_role("link", name="Masterclass: pricing").click()
    page.get_by_role("button", name="Publish and send invitations").click()
    expect(page.get_by_text("Published!").first).to_be_visible()
    link = demo.wait_for_invitation_mail(server, invitee)

    # The invitee sees what they pay, fee included, before paying; the join link stays hidden.
    invitee_page.goto(link)
    expect(invitee_page.get_by_role("heading", name="Will you be there?")).to_be_visible()
    quote = invitee_page.locator(".quote")
    expect(quote.get_by_role("term")).to_have_text(["Ticket", "Service fee", "Total"])
    expect(quote.get_by_role("definition")).to_have_text(["20.00 EUR", "1.00 EUR", "21.00 EUR"])
    expect(invitee_page.get_by_text(NON_REFUNDABLE)).to_be_visible()
    expect(invitee_page.get_by_text("meet.example.com")).to_have_count(0)
    invitee_page.get_by_role("button", name="Attend — pay 21.00 EUR").click()

    # The provider's checkout, then back on the answer page once the payment is confirmed.
    expect(invitee_page).to_have_url(re.compile(r"/_payments/checkout/"))
    pay(invitee_page, PAYING_CARD)
    expect(invitee_page).to_have_url(re.compile(r"/rsvp/[\w-]+"))
    ticket = invitee_page.get_by_role("region", name="Your ticket")
    expect(ticket).to_be_visible()
    code = ticket.locator(".ticket-code")
    expect(code).to_have_text(re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$"))
    expect(ticket.get_by_role("definition").nth(1)).to_have_text("21.00 EUR")
    expect(ticket.get_by_role("link", name="https://meet.example.com/masterclass")).to_be_visible()
    expect(invitee_page.get_by_text("Payment received, confirming your ticket…")).to_have_count(0)
    ticket_code = code.inner_text()
    invitee_page.reload()
    expect(invitee_page.locator(".ticket-code")).to_have_text(ticket_code)

    # The ticket is emailed.
    mail = demo.wait_for_mail(server, invitee, "ticket")
    assert ticket_code in mail["text"], mail["text"]

    # The organizer sees the attendee, and the sale less the platform's fee.
    page.goto(f"{meetup_url}/attendees")
    expect(page.get_by_role("list", name="Attendees").get_by_text("Paula Payer")).to_be_visible()
    demo.main_menu(page).get_by_role("link", name="Balance").click()
    eur = page.get_by_role("list", name="Balances").get_by_role("listitem")
    expect(eur).to_have_count(1)
    expect(eur.get_by_role("heading")).to_have_text("EUR")
    expect(eur.get_by_role("definition")).to_have_text(["20.00 EUR", "0.00 EUR"])
    rows = page.get_by_role("table", name="History").get_by_role("row")
    expect(rows).to_have_count(3)
    amounts = {
        rows.nth(i).get_by_role("cell").nth(1).inner_text(): rows.nth(i)
        .get_by_role("cell")
        .nth(2)
        .inner_text()
        for i in (1, 2)
    }
    assert amounts == {"Ticket sold": "21.00 EUR", "Service fee": "\u22121.00 EUR"}
    # The money is paid out once the meetup has ended, not before.
    page.get_by_role("button", name="Pay out now").click()
    expect(page.get_by_role("alert")).to_have_text("There is no money available to pay out yet.")


def test_a_declined_card_buys_no_ticket(page: Page, server: Server) -> None:
    api, _ = demo.sign_up(server, "Dieter Decline")
    demo.set_up_payouts(server.url, api)
    meetup = demo.create_meetup(
        api, title="Salon, paid", capacity=5, price={"amountMinor": 2000, "currency": "EUR"}
    )
    invitee = demo.unique_email("dora")
    demo.invite(api, meetup["id"], (invitee, "Dora Declined"))
    demo.publish(api, meetup["id"])
    link = demo.wait_for_invitation_mail(server, invitee)

    open_checkout(page, link)
    pay(page, DECLINED_CARD)
    expect(page.get_by_role("alert")).to_have_text("Your card was declined.")

    page.get_by_role("link", name="Back without paying").click()
    expect(page.get_by_role("heading", name="Salon, paid")).to_be_visible()
    # The seat stays kept for a while, to try another card; there is no ticket.
    expect(page.get_by_text("Your seat is kept until")).to_be_visible()
    expect(page.get_by_role("link", name="Continue to payment")).to_be_visible()
    expect(page.get_by_role("region", name="Your ticket")).to_have_count(0)
    expect(page.locator(".ticket-code")).to_have_count(0)
    expect(page.get_by_text("meet.example.com")).to_have_count(0)


def test_a_paid_meetup_without_payouts_is_not_published(page: Page, server: Server) -> None:
    api, email = demo.sign_up(server, "Nadia Nopayouts")
    meetup = demo.create_meetup(
        api, title="Paid, no payouts", price={"amountMinor": 1500, "currency": "EUR"}
    )
    sign_in(page, api, email)
    page.goto(f"/meetups/{meetup['meetupId']}")
    page.get_by_role("button", name="Publish and send invitations").click()
    expect(page.get_by_role("alert")).to_contain_text("Set up payouts first")
    page.get_by_role("alert").get_by_role("link", name="Set up payouts").click()
    expect(page.get_by_role("heading", name="Balance")).to_be_visible()
    expect(page.get_by_role("button", name="Set up payouts")).to_be_visible()


def test_a_ticket_is_given_up_only_after_a_warning(page: Page, server: Server) -> None:
    api, _ = demo.sign_up(server, "Gerda Gala")
    demo.set_up_payouts(server.url, api)
    meetup = demo.create_meetup(
        api, title="Gala, paid", price={"amountMinor": 2000, "currency": "EUR"}
    )
    invitee = demo.unique_email("gus")
    demo.invite(api, meetup["id"], (invitee, "Gus Giveup"))
    demo.publish(api, meetup["id"])
    link = demo.wait_for_invitation_mail(server, invitee)
    open_checkout(page, link)
    pay(page, PAYING_CARD)
    expect(page.locator(".ticket-code")).to_be_visible()

    page.get_by_role("button", name="Give up my ticket").click()
    dialog = page.get_by_role("dialog", name="Give up your ticket?")
    expect(dialog).to_contain_text("Nothing is refunded")
    dialog.get_by_role("button", name="Keep my ticket").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".ticket-code")).to_be_visible()

    page.get_by_role("button", name="Give up my ticket").click()
    dialog.get_by_role("button", name="Yes, give it up").click()
    expect(page.get_by_role("heading", name="You've declined")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"You gave up ticket \S+; it was not refunded\."))
    ).to_be_visible()
    expect(page.get_by_text("meet.example.com")).to_have_count(0)
