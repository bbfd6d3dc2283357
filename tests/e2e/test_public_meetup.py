"""A public meetup's own page at phone size: a visitor joins it by signing up on the way and
lands back on it; its emoji-heavy title renders, and its calendar file parses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.e2e import demo
from tests.support.server import Server

# Characters of two UTF-16 units each, and a sequence joined by ZWJ: the calendar file's
# 75-octet folding falls inside them.
TITLE = "🎉🎸 Launch party 🚀🚀🚀 with 👩🏽‍💻 founders 🌍🌎🌏 " + "🍕" * 20


def test_a_visitor_signs_up_on_the_way_to_join_and_adds_it_to_a_calendar(
    page: Page, server: Server, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    organizer, _ = demo.sign_up(server, "Olga Organizer")
    meetup = demo.create_meetup(
        organizer, title=TITLE, description="Bring 🎈 and 🎁. " * 12, visibility="PUBLIC"
    )
    demo.publish(organizer, meetup["id"])
    here = f"/meetups/{meetup['meetupId']}"

    page.goto(here)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="← Discover meetups")).to_be_visible()
    page.get_by_role("button", name=f"Join {TITLE}").click()
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    page.get_by_label("Your name").fill("Vic Visitor")
    page.get_by_label("Email").fill(demo.unique_email("vic"))
    page.get_by_label("Password").fill(demo.PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(here)}$"))

    page.get_by_role("button", name=f"Join {TITLE}").click()
    expect(page).to_have_url(re.compile(r"/rsvp/[\w-]+$"))
    expect(page.get_by_text("You joined · hosted by Olga Organizer")).to_be_visible()
    page.get_by_role("button", name="I'm attending").click()
    expect(page.get_by_role("heading", name="You're in!")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download .ics").click()
    saved = tmp_path / "meetup.ics"
    download.value.save_as(saved)
    (event,) = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == TITLE
    assert str(event["location"]) == "https://meet.example.com/fireside"
    assert request.node.page_errors == []
