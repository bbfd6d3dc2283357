"""The installed app with the network off: once a signed-in person has loaded "My meetups",
the service worker serves the app and the app shows their upcoming meetups from its last copy,
marked offline, after a reload without any network."""

from __future__ import annotations

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
    expect(mine.get_by_role("listitem")).to_contain_text("Board dinner")
    # The worker has precached the app shell once it controls the page.
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    page.context.set_offline(True)
    page.reload()
    mine = page.get_by_role("list", name="Meetups I attend or am invited to")
    expect(mine.get_by_role("listitem")).to_contain_text("Board dinner")
    expect(mine.get_by_role("listitem")).to_contain_text("No answer yet")
    expect(page.get_by_role("status").filter(has_text="Offline, as of").first).to_be_visible()
    assert request.node.page_errors == []
