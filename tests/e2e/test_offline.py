"""The installed app with the network off: once a signed-in person has loaded "My meetups" and
an answer page, the service worker serves the app and the app shows their upcoming meetups and
that answer page from its last copy, marked offline, after a reload without any network."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import demo
from tests.support.server import Server


def test_my_meetups_read_offline_after_a_reload(
    page: Page, server: Server, request: pytest.FixtureRequest
) -> None:
    organizer, _ = demo.sign_up(server, "Olga Organizer")
    dinner = demo.create_meetup(organizer, title="Board dinner")
    _, email = demo.sign_up(server, "Mia Member")
    demo.invite(organizer, dinner["id"], (email, "Mia"))
    demo.publish(organizer, dinner["id"])
    demo.sign_in_browser(page, server.url, email)

    page.goto("/meetups")
    mine = page.get_by_role("list", name="Meetups I attend or am invited to")
    mine.get_by_role("button", name="Board dinner").click()
    expect(page).to_have_url(re.compile(r"/rsvp/[\w-]+$"))
    expect(page.get_by_role("heading", name="Will you be there?")).to_be_visible()
    page.go_back()
    expect(mine.get_by_role("listitem")).to_contain_text("Board dinner")
    # The worker has precached the app shell once it controls the page.
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    # The server's own pages stay the server's: never the app's cached index.html.
    docs = page.goto("/api/docs")
    assert docs is not None
    assert not docs.from_service_worker
    page.goto("/meetups")
    expect(mine.get_by_role("listitem")).to_contain_text("Board dinner")

    page.context.set_offline(True)
    reloaded = page.reload()
    assert reloaded is not None
    assert reloaded.from_service_worker
    row = mine.get_by_role("listitem")
    expect(row).to_contain_text("Board dinner")
    expect(row).to_contain_text("No answer yet")
    offline = page.get_by_role("status").filter(has_text="Offline, as of")
    expect(offline.first).to_be_visible()

    mine.get_by_role("button", name="Board dinner").click()
    expect(page).to_have_url(re.compile(r"/rsvp/[\w-]+$"))
    expect(page.get_by_role("heading", name="Board dinner")).to_be_visible()
    expect(offline).to_be_visible()
    # Answers need the server: no buttons that cannot work offline.
    expect(page.get_by_role("button", name="I'm attending")).to_have_count(0)
    assert request.node.page_errors == []
