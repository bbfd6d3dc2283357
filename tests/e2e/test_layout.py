"""Every main screen fits a 360 px wide phone (no horizontal scrolling), and passes axe-core's
WCAG 2.1 A and AA checks there (labels, names, contrast, landmarks...)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e import demo
from tests.support.server import Server

PHONE_WIDTH = 360
AXE = Path(__file__).resolve().parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def sign_in_as(page: Page, server: Server) -> dict[str, str]:
    """An organizer with a published meetup (a photo, invitees, an answer), signed in here."""
    api, email = demo.sign_up(server, "Maximilian Longname-Organizer")
    meetup = demo.create_meetup(
        api,
        title="An exceptionally long meetup title that should wrap nicely on small phones",
        description="Some **Markdown**, a [link](https://example.com/a/really/long/path/that/"
        "goes/on/and/on/without/any/spaces/at/all) and `code`.",
    )
    demo.upload_photo(api, meetup["id"], demo.jpeg(1280, 720))
    invitee = demo.unique_email("a-very-long-invitee-address-indeed")
    demo.invite(api, meetup["id"], (invitee, "Bartholomew Invitee"), ("b@example.com", None))
    demo.publish(api, meetup["id"])
    link = demo.wait_for_invitation_mail(server, invitee)
    demo.sign_in_browser(page, server.url, email)
    return {"meetup": meetup["meetupId"], "answer": link}


def assert_fits(page: Page, screen: str) -> None:
    """No horizontal scrolling, and nothing axe-core finds against WCAG 2.1 AA."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{screen} is {width} px wide at {PHONE_WIDTH} px"
    # Evaluated, not added as a script tag: the page's Content-Security-Policy refuses inline
    # script, as it should.
    page.evaluate(AXE.read_text())
    violations: list[dict[str, Any]] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}})
              .then(r => r.violations.map(v => ({
                  id: v.id, help: v.help, targets: v.nodes.map(n => n.target.join(" "))})))""",
        WCAG_AA,
    )
    assert violations == [], f"{screen}: " + "; ".join(
        f"{v['id']} ({v['help']}): {', '.join(v['targets'][:3])}" for v in violations
    )


def test_public_screens_fit_a_phone(page: Page) -> None:
    for path, heading in [
        ("/", "Small rooms. Big names. Zero hassle."),
        ("/signup", "Create your account"),
        ("/login", "Log in"),
        ("/login?error=id_token_signature", "Log in"),
        ("/forgot-password", "Forgot your password?"),
        ("/reset/unknown-token", "Choose a new password"),
        ("/verify/unknown-token", "This confirmation link does not work"),
        ("/signin/complete?code=unknown", "Signing in did not work"),
        ("/discover", "Discover meetups"),
        ("/rsvp/unknown-token", "This invitation link does not work"),
        ("/nowhere", "Page not found"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        assert_fits(page, path)


def test_organizer_screens_fit_a_phone(page: Page, server: Server) -> None:
    ids = sign_in_as(page, server)
    meetup = ids["meetup"]
    screens = [
        ("/meetups", page.get_by_role("heading", name="My meetups")),
        ("/meetups/new", page.get_by_role("heading", name="New meetup")),
        (f"/meetups/{meetup}", page.get_by_role("heading", name="Organizer tools")),
        (f"/meetups/{meetup}/edit", page.get_by_role("heading", name="Edit meetup")),
        (f"/meetups/{meetup}/invite", page.get_by_role("list", name="Invitations")),
        (f"/meetups/{meetup}/attendees", page.get_by_role("heading", name="Attendees")),
        ("/balance", page.get_by_role("heading", name="Payouts")),
    ]
    for path, ready in screens:
        page.goto(path)
        expect(ready).to_be_visible()
        assert_fits(page, path)
    # The create form with every error shown.
    page.goto("/meetups/new")
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_text("Title is required")).to_be_visible()
    assert_fits(page, "/meetups/new with errors")

    page.goto(ids["answer"])
    expect(page.get_by_role("heading", name="Will you be there?")).to_be_visible()
    assert_fits(page, "the answer page")
    page.get_by_role("button", name="I'm attending").click()
    expect(page.get_by_role("heading", name="You're in!")).to_be_visible()
    assert_fits(page, "the answer page, answered")


def test_paid_meetup_screens_fit_a_phone(page: Page, server: Server) -> None:
    """The price before paying, the ticket, giving it up, and the organizer's balance."""
    api, email = demo.sign_up(server, "Maximilian Longname-Organizer")
    demo.set_up_payouts(server.url, api)
    meetup = demo.create_meetup(
        api,
        title="An exceptionally long paid masterclass title that should wrap on small phones",
        price={"amountMinor": 123456, "currency": "EUR"},
    )
    invitee = demo.unique_email("a-very-long-invitee-address-indeed")
    demo.invite(api, meetup["id"], (invitee, "Bartholomew Invitee"))
    demo.publish(api, meetup["id"])
    link = demo.wait_for_invitation_mail(server, invitee)

    page.goto(link)
    expect(page.get_by_role("button", name=re.compile(r"^Attend — pay"))).to_be_visible()
    assert_fits(page, "the answer page of a paid meetup")
    page.get_by_role("button", name=re.compile(r"^Attend — pay")).click()
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile(r"^Pay\b")).click()
    expect(page.locator(".ticket-code")).to_be_visible()
    assert_fits(page, "the ticket")
    page.get_by_role("button", name="Give up my ticket").click()
    expect(page.get_by_role("dialog", name="Give up your ticket?")).to_be_visible()
    assert_fits(page, "giving up a ticket")

    demo.sign_in_browser(page, server.url, email)
    page.goto("/balance")
    expect(page.get_by_role("table", name="History")).to_be_visible()
    assert_fits(page, "/balance with sales")
