"""Every main screen fits a 360 px wide phone: no horizontal scrolling, the header on one row,
no select that cuts its choice off, no error in the console; and passes axe-core's WCAG 2.1 A
and AA checks there (labels, names, contrast, landmarks...)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e import demo
from tests.support.server import Server
from tests.support.waiting import eventually

PHONE_WIDTH = 360
AXE = Path(__file__).resolve().parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# What a link that does not work answers (an unknown or spent token): the browser logs it.
REFUSED = re.compile(r"^Failed to load resource: the server responded with a status of 4\d\d")

# The page header's visible controls (not a meetup's own header inside main), each with its box:
# one row when they all overlap vertically.
HEADER_CONTROLS = """() => [...document.querySelectorAll("header")]
    .filter(h => !h.closest("main, article, section, aside, nav"))
    .flatMap(h => [...h.querySelectorAll("a, button")])
    .filter(e => e.getClientRects().length > 0)
    .map(e => { const r = e.getBoundingClientRect();
                return {name: e.textContent.trim(), top: r.top, bottom: r.bottom}; })"""

# Each select whose chosen option's text is wider than the room the select gives it.
CUT_SELECTS = """() => [...document.querySelectorAll("select")]
    .filter(s => s.getClientRects().length > 0 && s.selectedIndex >= 0)
    .map(s => {
        const style = getComputedStyle(s);
        const probe = document.createElement("span");
        probe.style.font = style.font;
        probe.style.whiteSpace = "pre";
        probe.textContent = s.options[s.selectedIndex].text;
        document.body.append(probe);
        const text = probe.getBoundingClientRect().width;
        probe.remove();
        // The arrow takes about the size of the font at the right.
        const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.fontSize);
        return {label: s.labels[0]?.textContent ?? s.name, text, room};
    })
    .filter(s => s.text > s.room)"""


def sign_in_as(page: Page, server: Server) -> dict[str, str]:
    """An organizer with a published meetup (a photo, invitees, an answer), signed in here."""
    api, email = demo.sign_up(server, "Maximilian Longname-Organizer")
    meetup = demo.create_meetup(
        api,
        title="An exceptionally long meetup title that should wrap nicely on small phones",
        description="Some **Markdown**, a [link](https://example.com/a/really/long/path/that/"
        "goes/on/and/on/without/any/spaces/at/all) and `code`.",
    )
    demo.upload_media(api, meetup["id"], demo.jpeg(1280, 720))
    invitee = demo.unique_email("a-very-long-invitee-address-indeed")
    demo.invite(api, meetup["id"], (invitee, "Bartholomew Invitee"), ("b@example.com", None))
    demo.publish(api, meetup["id"])
    link = demo.wait_for_invitation_mail(server, invitee)
    demo.sign_in_browser(page, server.url, email)
    return {"meetup": meetup["meetupId"], "answer": link}


def assert_fits(
    page: Page, screen: str, errors: list[str] | None = None, *, refused: bool = False
) -> None:
    """No horizontal scrolling, a header of one row, no select cut off, no console error since
    the last screen when given ``errors`` (but the refusal of a link that does not work, when
    ``refused``), and nothing axe-core finds against WCAG 2.1 AA."""
    # Every request of the screen answered, so that its errors are its own.
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{screen} is {width} px wide at {PHONE_WIDTH} px"
    controls: list[dict[str, Any]] = page.evaluate(HEADER_CONTROLS)
    assert controls, f"{screen}: no control in the header"
    first_row_bottom = min(c["bottom"] for c in controls)
    below = [c["name"] for c in controls if c["top"] >= first_row_bottom]
    assert below == [], f"{screen}: the header wraps onto a second row: {below}"
    cut: list[dict[str, Any]] = page.evaluate(CUT_SELECTS)
    assert cut == [], f"{screen}: selects too narrow for their choice: {cut}"
    if errors is not None:
        unexpected = [e for e in errors if not (refused and REFUSED.match(e))]
        errors.clear()
        assert unexpected == [], f"{screen} logged errors: {unexpected}"
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


def test_public_screens_fit_a_phone(page: Page, console_errors: list[str]) -> None:
    for path, heading, refused in [
        ("/", "Small rooms. Big names. Zero hassle.", False),
        ("/signup", "Create your account", False),
        ("/login", "Log in", False),
        ("/login?error=id_token_signature", "Log in", False),
        ("/forgot-password", "Forgot your password?", False),
        ("/reset/unknown-token", "Choose a new password", False),
        ("/verify/unknown-token", "This confirmation link does not work", True),
        ("/signin/complete?code=unknown", "Signing in did not work", True),
        ("/discover", "Discover meetups", False),
        ("/rsvp/unknown-token", "This invitation link does not work", True),
        ("/nowhere", "Page not found", False),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        assert_fits(page, path, console_errors, refused=refused)


def test_organizer_screens_fit_a_phone(
    page: Page, server: Server, console_errors: list[str]
) -> None:
    ids = sign_in_as(page, server)
    eventually(server.quiet)  # the invitations have reached the Insights' counters
    meetup = ids["meetup"]
    screens = [
        ("/meetups", page.get_by_role("heading", name="My meetups")),
        ("/meetups/new", page.get_by_role("heading", name="New meetup")),
        (f"/meetups/{meetup}", page.get_by_role("heading", name="Organizer tools")),
        (f"/meetups/{meetup}/edit", page.get_by_role("heading", name="Edit meetup")),
        (f"/meetups/{meetup}/invite", page.get_by_role("list", name="Invitations")),
        (f"/meetups/{meetup}/attendees", page.get_by_role("heading", name="Attendees")),
        # Invited, emailed: the funnel has numbers (answers come at the end of this test).
        (f"/meetups/{meetup}/insights", page.get_by_role("heading", name="Funnel")),
        ("/balance", page.get_by_role("heading", name="Payouts")),
    ]
    for path, ready in screens:
        page.goto(path)
        expect(ready).to_be_visible()
        assert_fits(page, path, console_errors)
    # The create form with every error shown.
    page.goto("/meetups/new")
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_text("Title is required")).to_be_visible()
    assert_fits(page, "/meetups/new with errors", console_errors)

    page.goto(ids["answer"])
    expect(page.get_by_role("heading", name="Will you be there?")).to_be_visible()
    assert_fits(page, "the answer page", console_errors)
    page.get_by_role("button", name="I'm attending").click()
    expect(page.get_by_role("heading", name="You're in!")).to_be_visible()
    assert_fits(page, "the answer page, answered", console_errors)


def test_paid_meetup_screens_fit_a_phone(
    page: Page, server: Server, console_errors: list[str]
) -> None:
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
    assert_fits(page, "the answer page of a paid meetup", console_errors)
    page.get_by_role("button", name=re.compile(r"^Attend — pay")).click()
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile(r"^Pay\b")).click()
    expect(page.locator(".ticket-code")).to_be_visible()
    assert_fits(page, "the ticket", console_errors)
    page.get_by_role("button", name="Give up my ticket").click()
    expect(page.get_by_role("dialog", name="Give up your ticket?")).to_be_visible()
    assert_fits(page, "giving up a ticket", console_errors)

    demo.sign_in_browser(page, server.url, email)
    page.goto("/balance")
    expect(page.get_by_role("table", name="History")).to_be_visible()
    assert_fits(page, "/balance with sales", console_errors)

    # The Insights of a paid meetup, once the sale has gone through the change feed.
    eventually(server.quiet)
    page.goto(f"/meetups/{meetup['meetupId']}/insights")
    expect(page.get_by_role("heading", name="Tickets and revenue")).to_be_visible()
    assert_fits(page, "Insights of a paid meetup", console_errors)


def test_the_menu_opens_closes_on_escape_and_after_a_link(page: Page, server: Server) -> None:
    """At phone width the header's links fold behind one button that says whether it is open;
    Escape closes it and gives focus back to it, and following a link closes it."""
    _, email = demo.sign_up(server, "Mia Menu")
    demo.sign_in_browser(page, server.url, email)
    page.goto("/meetups")
    menu = page.get_by_role("button", name="Menu", exact=True)
    nav = page.get_by_role("navigation", name="Main")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Balance")).to_be_hidden()

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    balance = nav.get_by_role("link", name="Balance")
    expect(balance).to_be_visible()
    balance.focus()
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(balance).to_be_hidden()

    menu.click()
    nav.get_by_role("link", name="Balance").click()
    expect(page.get_by_role("heading", name="Balance")).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")


def test_the_meetup_form_lines_its_fields_up(page: Page, server: Server) -> None:
    """Fields side by side start at the same height, whatever hint one of them has."""
    _, email = demo.sign_up(server, "Fern Form")
    demo.sign_in_browser(page, server.url, email)
    page.goto("/meetups/new")
    price, currency = page.get_by_label("Price (optional)"), page.get_by_label("Currency")
    expect(price).to_be_visible()
    price_box, currency_box = price.bounding_box(), currency.bounding_box()
    assert price_box is not None
    assert currency_box is not None
    assert currency_box["y"] == price_box["y"], (price_box, currency_box)
    assert currency_box["height"] == price_box["height"], (price_box, currency_box)
