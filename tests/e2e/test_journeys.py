"""The main journeys through the web app, at phone size."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e import demo
from tests.support.api import link_token
from tests.support.server import Server


def fill_meetup_form(page: Page, title: str) -> None:
    page.get_by_label("Title").fill(title)
    page.get_by_label("Description").fill(
        "A **private** evening. <script>window.pwned = 1</script>"
    )
    page.get_by_label("Duration (minutes)").fill("90")
    page.get_by_label("Join link").fill("https://meet.example.com/vip")


def test_organizer_signs_up_creates_uploads_invites_and_publishes(
    page: Page, server: Server, tmp_path: Path
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign up").first.click()
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    page.get_by_label("Your name").fill("Olivia Organizer")
    email = demo.unique_email("olivia")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(demo.PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="My meetups")).to_be_visible()
    # Invitations go out in the organizer's name: the address is confirmed first.
    demo.confirm_address(page, server, email)

    page.get_by_role("link", name="New meetup").click()
    # The form checks its fields before sending them, with the server's messages.
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_text("Title is required")).to_be_visible()
    expect(page.get_by_text("Join link is required")).to_be_visible()
    fill_meetup_form(page, "Founders' dinner")
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_role("heading", name="Founders' dinner")).to_be_visible()
    expect(page.get_by_text("Draft", exact=True)).to_be_visible()
    # The description is Markdown, and its script is not run.
    expect(page.locator(".prose strong")).to_have_text("private")
    assert page.evaluate("window.pwned") is None

    photo = tmp_path / "cover.jpg"
    photo.write_bytes(demo.jpeg(1200, 675))
    page.get_by_label("Upload a photo or video").set_input_files(photo)
    expect(page.locator(".uploader").get_by_text("Photo ready")).to_be_visible()
    expect(page.locator(".cover img")).to_have_attribute("src", re.compile(r"w960\.jpg"))
    expect(page.locator(".cover source[type='image/webp']")).to_have_attribute(
        "srcset", re.compile(r"w320\.webp\?\S+ 320w")
    )

    page.get_by_role("link", name="Invite people").click()
    page.get_by_label("Email addresses").fill(
        "Ada Lovelace <ada@example.com>, grace@example.com\nKatherine Johnson <kj@example.com>"
    )
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.get_by_text("3 people invited.")).to_be_visible()
    invitations = page.get_by_role("list", name="Invitations")
    expect(invitations.get_by_role("listitem")).to_have_count(3)
    expect(invitations.get_by_text("Ada Lovelace")).to_be_visible()
    expect(invitations.get_by_text("No answer yet")).to_have_count(3)

    page.get_by_role("link", name="Founders' dinner").click()
    page.get_by_role("button", name="Publish and send invitations").click()
    expect(page.get_by_text("Published!")).to_be_visible()
    expect(page.get_by_text("Upcoming", exact=True)).to_be_visible()
    demo.wait_for_invitation_mail(server, "kj@example.com")


def test_invitee_answers_from_the_email_link(page: Page, server: Server) -> None:
    api, _ = demo.sign_up(server)
    meetup = demo.create_meetup(api, title="Chef's table, online")
    invitee = demo.unique_email("ivan")
    demo.invite(api, meetup["id"], (invitee, "Ivan Invitee"))
    demo.publish(api, meetup["id"])
    link = demo.wait_for_invitation_mail(server, invitee)

    page.goto(link)
    expect(page.get_by_role("heading", name="Chef's table, online")).to_be_visible()
    expect(page.get_by_role("heading", name="Will you be there?")).to_be_visible()
    expect(page.get_by_text("meet.example.com")).to_have_count(0)
    page.get_by_role("button", name="I'm attending").click()
    expect(page.get_by_role("heading", name="You're in!")).to_be_visible()
    expect(page.get_by_role("link", name="https://meet.example.com/fireside")).to_be_visible()
    attending = page.get_by_role("button", name="I'm attending")
    expect(attending).to_have_attribute("aria-pressed", "true")

    # A change of mind is possible until the start, and survives a reload.
    page.get_by_role("button", name="I can't make it").click()
    expect(page.get_by_role("heading", name="You've declined")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="You've declined")).to_be_visible()
    expect(page.get_by_role("heading", name="Changed your mind?")).to_be_visible()


def test_unknown_answer_link_says_so(page: Page) -> None:
    page.goto("/rsvp/not-a-real-token")
    expect(page.get_by_role("heading", name="This invitation link does not work")).to_be_visible()


def test_guest_drafts_then_signs_up_and_confirms_the_address_to_publish(
    page: Page, server: Server
) -> None:
    page.goto("/")
    page.get_by_role("button", name="Continue as guest").click()
    expect(page.get_by_role("heading", name="New meetup")).to_be_visible()
    fill_meetup_form(page, "Guest's salon")
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_role("heading", name="Guest's salon")).to_be_visible()
    draft_url = page.url

    page.get_by_role("button", name="Publish and send invitations").click()
    expect(page.get_by_role("heading", name="Sign up to publish")).to_be_visible()
    form = page.locator(".signup-inline")
    form.get_by_label("Your name").fill("Gustav Guest")
    email = demo.unique_email("gustav")
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password").fill(demo.PASSWORD)
    form.get_by_role("button", name="Sign up and publish").click()
    expect(
        page.get_by_role("heading", name="Confirm your email address to publish")
    ).to_be_visible()
    expect(page.get_by_text("Draft", exact=True)).to_be_visible()

    # The link is opened from the mail, in another tab; back here, the draft is published.
    confirm = demo.wait_for_mail(server, email, "Confirm your email address")
    mail_tab = page.context.new_page()
    mail_tab.goto(f"/verify/{link_token(confirm, 'verify')}")
    expect(mail_tab.get_by_role("heading", name="Your email address is confirmed")).to_be_visible()
    mail_tab.close()
    page.get_by_role("button", name="I have confirmed it: publish").click()

    expect(page.get_by_text("Upcoming", exact=True)).to_be_visible()
    assert page.url == draft_url  # the same meetup, now the account's
    expect(page.get_by_text("You are a guest")).to_have_count(0)
    page.get_by_role("link", name="My meetups").first.click()
    expect(page.get_by_role("heading", name="Guest's salon")).to_be_visible()


def test_unknown_route_shows_not_found(page: Page) -> None:
    page.goto("/no/such/page")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()


def test_signing_up_works_with_the_keyboard_alone(page: Page) -> None:
    page.goto("/signup")
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()

    # From the top of the page, Tab reaches each field in order; Enter sends the form.
    page.locator("body").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.labels?.[0]?.textContent ?? ''") == "Your name":
            break
    page.keyboard.type("Kay Board")
    page.keyboard.press("Tab")
    page.keyboard.type(demo.unique_email("kay"))
    page.keyboard.press("Tab")
    page.keyboard.type(demo.PASSWORD)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="My meetups")).to_be_visible()
    # Focus stays visible: the focused control draws an outline.
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
