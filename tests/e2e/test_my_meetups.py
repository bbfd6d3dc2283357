"""An attendee's home at phone size: a person finds in "My meetups" the public meetup they
joined, with their answer, next to the private one they were invited to by email, and goes
back to its answer page from there."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import demo
from tests.support.server import Server


def test_a_person_finds_a_meetup_they_joined_in_my_meetups(
    page: Page, server: Server, request: pytest.FixtureRequest
) -> None:
    organizer, _ = demo.sign_up(server, "Olga Organizer")
    public = demo.create_meetup(organizer, title="Rooftop jazz", visibility="PUBLIC")
    demo.publish(organizer, public["id"])
    _, email = demo.sign_up(server, "Mia Member")
    sooner = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    private = demo.create_meetup(organizer, title="Board dinner", startsAt=sooner.isoformat())
    demo.invite(organizer, private["id"], (email.upper(), "Mia"))
    demo.publish(organizer, private["id"])
    demo.sign_in_browser(page, server.url, email)

    page.goto(f"/meetups/{public['meetupId']}")
    # The session is back: the header's menu (folded at phone width) offers to log out.
    expect(demo.main_menu(page).get_by_role("button", name="Log out")).to_be_visible()
    page.get_by_role("button", name="Menu", exact=True).click()
    page.get_by_role("button", name="Join Rooftop jazz").click()
    expect(page).to_have_url(re.compile(r"/rsvp/[\w-]+$"))
    page.get_by_role("button", name="I'm attending").click()
    expect(page.get_by_role("heading", name="You're in!")).to_be_visible()

    page.goto("/meetups")
    mine = page.get_by_role("list", name="Meetups I attend or am invited to")
    rows = mine.get_by_role("listitem")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Board dinner")
    expect(rows.nth(0)).to_contain_text("No answer yet")
    expect(rows.nth(1)).to_contain_text("Rooftop jazz")
    expect(rows.nth(1)).to_contain_text("Attending")
    expect(rows.nth(1)).to_contain_text("Hosted by Olga Organizer")

    mine.get_by_role("button", name="Rooftop jazz").click()
    expect(page).to_have_url(re.compile(r"/rsvp/[\w-]+$"))
    expect(page.get_by_role("heading", name="Rooftop jazz")).to_be_visible()
    assert request.node.page_errors == []
