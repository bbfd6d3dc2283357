"""The organizer's Insights at phone size: after invitees open their links and answer, the
organizer finds the funnel's numbers and the answers' chart (with its text alternative saying
the same numbers), fitting a 360 px screen, and exports them as CSV."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import demo
from tests.e2e.test_layout import assert_fits
from tests.support.server import Server
from tests.support.waiting import eventually

# Elements of the page that reach past the right edge of the screen (a table or a chart too
# wide), which the page's hidden horizontal overflow would otherwise only cut off.
TOO_WIDE = """() => [...document.querySelectorAll("main *")]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map(e => `${e.tagName.toLowerCase()}.${e.className}`)"""


def test_the_organizer_sees_how_the_invitations_went(
    page: Page, server: Server, console_errors: list[str], request: pytest.FixtureRequest
) -> None:
    organizer, email = demo.sign_up(server, "Olga Organizer")
    meetup = demo.create_meetup(organizer, title="Board dinner")
    invitees = [demo.unique_email(name) for name in ("ada", "ben", "cy", "dee")]
    demo.invite(organizer, meetup["id"], *((address, None) for address in invitees))
    demo.publish(organizer, meetup["id"])
    links = [demo.wait_for_invitation_mail(server, address) for address in invitees]

    # Ada and Ben attend, Cy declines, Dee never opens the email.
    for link, button, answered in [
        (links[0], "I'm attending", "You're in!"),
        (links[1], "I'm attending", "You're in!"),
        (links[2], "I can't make it", "You've declined"),
    ]:
        page.goto(link)
        page.get_by_role("button", name=button).click()
        expect(page.get_by_role("heading", name=answered)).to_be_visible()
    # The counters follow the change feed: once it is quiet, they have counted everything.
    eventually(server.quiet)

    demo.sign_in_browser(page, server.url, email)
    page.goto(f"/meetups/{meetup['meetupId']}")
    page.get_by_role("link", name="Insights").click()
    expect(page.get_by_role("heading", name="Insights", exact=True)).to_be_visible()

    steps = page.get_by_role("list", name="Funnel", exact=True).get_by_role("listitem")
    expect(steps).to_have_text(
        [
            re.compile(r"^Invited\s*4$"),
            re.compile(r"^Emailed\s*4 · 100%$"),
            re.compile(r"^Opened the invitation\s*3 · 75%$"),
            re.compile(r"^Answered\s*3 · 75%$"),
            re.compile(r"^Attending\s*2 · 50%$"),
            re.compile(r"^Joined the meetup\s*0 · 0%$"),
        ]
    )
    aside = page.get_by_role("list", name="Beside the funnel")
    expect(aside).to_contain_text("Declined: 1 (25%)")
    expect(aside).to_contain_text("On the waiting list: 0 (0%)")

    # The chart is drawn, and says the same numbers in words and in its table.
    chart = page.get_by_role("img", name=re.compile(r"^Answers by hour"))
    expect(chart).to_have_accessible_name(
        re.compile(r"2 attending, 1 declined, 0 on the waiting list\.$")
    )
    assert chart.evaluate("canvas => canvas.tagName === 'CANVAS' && canvas.width > 0")
    page.get_by_text("The answers as a table").click()
    table = page.get_by_role("table", name="Answers by hour")
    expect(table).to_be_visible()
    cells = table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].slice(1).map(c => Number(c.textContent)))"
    )
    assert [sum(column) for column in zip(*cells, strict=True)] == [2, 1, 0], cells
    expect(page.get_by_text("No reminder has been sent yet.")).to_be_visible()
    # Not a paid meetup: no tickets, no revenue.
    expect(page.get_by_role("heading", name="Tickets and revenue")).to_have_count(0)

    assert_fits(page, "Insights", console_errors)
    assert page.evaluate(TOO_WIDE) == []

    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    assert download.value.suggested_filename == "board-dinner-insights.csv"
    saved = download.value.path()
    assert saved.read_text().strip(), "the CSV export is empty"
    assert request.node.page_errors == []
