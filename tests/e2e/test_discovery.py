"""Finding public meetups on the discovery page, at phone size, and joining one."""

from __future__ import annotations

import re
import secrets

from playwright.sync_api import Page, expect

from tests.e2e import demo
from tests.e2e.test_layout import assert_fits
from tests.support.server import Server
from tests.support.waiting import eventually


def unique_word() -> str:
    """A made-up word of letters only, so that no other meetup's title holds it."""
    return "zq" + "".join(chr(ord("a") + int(digit, 16)) for digit in secrets.token_hex(5))


def publish_public(api: demo.GraphQL, title: str, category: str) -> None:
    meetup = demo.create_meetup(api, title=title, category=category, visibility="PUBLIC")
    demo.publish(api, meetup["id"])


def wait_until_found(server: Server, word: str, count: int) -> None:
    """The search index is written in the background after publishing: wait for it."""
    anyone = demo.GraphQL(server.url)

    def indexed() -> bool:
        """the public meetups are found by their word"""
        data = anyone(
            "query($q: String) { publicMeetups(q: $q) { nodes { title } } }",
            q=word,
        )
        return len(data["publicMeetups"]["nodes"]) == count

    eventually(indexed)


def test_visitor_finds_public_meetups_and_a_member_joins_one(page: Page, server: Server) -> None:
    word = unique_word()
    jazz, breakfast, supper = (
        f"Late {word} jazz session",
        f"Founders' {word} breakfast",
        f"Private {word} supper",
    )
    organizer, _ = demo.sign_up(server, "Olga Organizer")
    publish_public(organizer, jazz, "music")
    publish_public(organizer, breakfast, "business")
    private = demo.create_meetup(organizer, title=supper, category="food")
    demo.invite(organizer, private["id"], (demo.unique_email("ivy"), "Ivy Invitee"))
    demo.publish(organizer, private["id"])
    wait_until_found(server, word, 2)

    # A visitor, not signed in, searches by the word: the public meetups, not the private one.
    page.goto("/")
    demo.main_menu(page).get_by_role("link", name="Discover").click()
    expect(page.get_by_role("heading", name="Discover meetups")).to_be_visible()
    page.get_by_role("searchbox", name="Search meetups").fill(word)
    results = page.get_by_role("list", name="Public meetups")
    expect(results.get_by_role("listitem")).to_have_count(2)
    expect(results.get_by_role("link", name=jazz)).to_be_visible()
    expect(results.get_by_role("link", name=breakfast)).to_be_visible()
    expect(page.get_by_text(supper)).to_have_count(0)
    expect(page).to_have_url(re.compile(rf"/discover\?q={word}$"))
    card = results.get_by_role("listitem").filter(has_text=jazz)
    expect(card).to_contain_text("Music")
    expect(card).to_contain_text("Hosted by Olga Organizer")
    expect(card).to_contain_text("Free")
    expect(card).to_contain_text("0 attending")
    assert_fits(page, "/discover with results")

    # A category narrows the results; Back widens them again.
    page.get_by_role("group", name="Category").get_by_role("button", name="Music").click()
    expect(results.get_by_role("listitem")).to_have_count(1)
    expect(results.get_by_role("link", name=jazz)).to_be_visible()
    page.go_back()
    expect(results.get_by_role("listitem")).to_have_count(2)
    page.go_forward()
    expect(results.get_by_role("listitem")).to_have_count(1)

    # Joining takes an account: the visitor is asked to sign up, has one, logs in from there
    # and comes back to the same search.
    _, email = demo.sign_up(server, "Mia Member")
    results.get_by_role("button", name=f"Join {jazz}").click()
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    page.get_by_text("Already have an account?").get_by_role("link", name="Log in").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(demo.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(rf"/discover\?q={word}&category=music$"))
    expect(results.get_by_role("listitem")).to_have_count(1)

    results.get_by_role("button", name=f"Join {jazz}").click()
    expect(page).to_have_url(re.compile(r"/rsvp/[\w-]+$"))
    expect(page.get_by_role("heading", name=jazz)).to_be_visible()
    expect(page.get_by_role("heading", name="Will you be there?")).to_be_visible()
    page.get_by_role("button", name="I'm attending").click()
    expect(page.get_by_role("heading", name="You're in!")).to_be_visible()

    # The card counts the new attendee.
    page.goto(f"/discover?q={word}&category=music")
    expect(results.get_by_role("listitem").filter(has_text=jazz)).to_contain_text("1 attending")
