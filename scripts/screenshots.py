"""Phone-size screenshots of the web app's main screens, into docs/screenshots/.

Starts ``slsplay serve`` on a fresh data directory, sets up demo data through the API (an
organizer with payouts, a private meetup with a processed photo and video, invitees and an
answer, a paid meetup with a ticket sold, a draft; a second organizer's public meetups, one
of which the first attends) and photographs each screen at 360 x 740 with Debian's Chromium:
landing, sign-up, discover, my meetups, the header's menu, a meetup's page, the meetup form,
invitations, attendees, balance, and the answer page with its photo and, scrolled, its
video. Build the web app first: ``cd web && npm run build``.

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402
from tests.e2e import demo  # noqa: E402
from tests.support.server import Server, running_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TITLE = "Fireside chat with the founders"
PAID_TITLE = "Masterclass: pricing your work"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 360, "height": 740}
PAYING_CARD = "4242 4242 4242 4242"


@dataclass(frozen=True)
class Demo:
    """What the screens are taken of."""

    meetup_id: str  # the organizer's private meetup, with its photo and video
    email: str  # the organizer's address
    answer_link: str  # an invitee's answer link to that meetup
    paid_link: str  # an invitee's answer link to the paid meetup, not yet paid


def in_days(days: int, hour: int) -> str:
    starts = datetime.now(UTC) + timedelta(days=days)
    return starts.replace(hour=hour, minute=0, second=0, microsecond=0).isoformat()


def answer(server: Server, link: str) -> None:
    """Say "attending" through an answer link, as its invitee would."""
    data = demo.GraphQL(server.url)(
        "mutation($t: String!) { respondToInvitation(token: $t, response: ATTENDING)"
        " { userErrors { message } } }",
        t=link.rsplit("/", 1)[1],
    )
    assert not data["respondToInvitation"]["userErrors"], data


def public_meetups(server: Server, attendee: str) -> None:
    """A second organizer's public meetups, for Discover; ``attendee`` goes to the first."""
    host, _ = demo.sign_up(server, "Samir Haddad")
    shown = [
        ("Rooftop jazz, streamed live", "music", 3, 1),
        ("Intro to home fermentation", "food", 6, 2),
        ("Open source maintainers' hour", "technology", 9, 3),
    ]
    for number, (title, category, days, seed) in enumerate(shown):
        meetup = demo.create_meetup(
            host,
            title=title,
            category=category,
            visibility="PUBLIC",
            startsAt=in_days(days, 18),
            description="Everyone is welcome: bring a friend and a question.",
        )
        demo.upload_media(host, meetup["id"], demo.jpeg(1280, 720, seed=seed * 17))
        if number == 0:
            demo.invite(host, meetup["id"], (attendee, None))
        demo.publish(host, meetup["id"])
    answer(server, demo.wait_for_invitation_mail(server, attendee))


def demo_data(server: Server) -> Demo:
    """The organizer's meetups (private with media and answers, paid, a draft) and another's."""
    api, email = demo.sign_up(server, "Olivia Laurent")
    demo.set_up_payouts(server.url, api)
    meetup = demo.create_meetup(
        api,
        title=TITLE,
        description=(
            "An intimate **online** evening with the founders of slsplay.\n\n"
            "- Thirty minutes of stories, thirty of questions\n"
            "- Twenty seats, invitation only\n"
            "- Dress code: whatever your camera sees"
        ),
    )
    demo.upload_media(api, meetup["id"], demo.jpeg(1600, 900))
    demo.upload_media(api, meetup["id"], demo.mp4(seconds=3), "video/mp4", wait_seconds=120)
    people = [
        ("ada@example.com", "Ada Lovelace"),
        ("grace@example.com", "Grace Hopper"),
        ("katherine@example.com", "Katherine Johnson"),
        ("alan@example.com", None),
    ]
    demo.invite(api, meetup["id"], *people)
    demo.publish(api, meetup["id"])
    answer(server, demo.wait_for_invitation_mail(server, "grace@example.com"))

    paid = demo.create_meetup(
        api,
        title=PAID_TITLE,
        category="education",
        startsAt=in_days(14, 16),
        price={"amountMinor": 2000, "currency": "EUR"},
        capacity=12,
    )
    demo.invite(api, paid["id"], ("paula@example.com", "Paula Payne"))
    demo.publish(api, paid["id"])
    demo.create_meetup(api, title="Wine tasting with a sommelier", category="food")
    public_meetups(server, email)
    return Demo(
        meetup_id=meetup["meetupId"],
        email=email,
        answer_link=demo.wait_for_invitation_mail(server, "ada@example.com"),
        paid_link=demo.wait_for_invitation_mail(server, "paula@example.com"),
    )


def shoot(page: Page, name: str, *, keep_focus: bool = False) -> None:
    """Save the screen, without a focus ring, unless ``keep_focus`` (the open menu closes
    when its button loses focus)."""
    page.wait_for_load_state("networkidle")
    if not keep_focus:
        page.evaluate("document.activeElement && document.activeElement.blur()")
    page.screenshot(path=str(OUT / f"{name}.png"))
    print(f"saved {OUT / name}.png")


def phone(browser: Browser, server: Server, timezone: str) -> Page:
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        base_url=server.url,
        locale="en-GB",
        timezone_id=timezone,
    )
    return context.new_page()


def visitor_screens(page: Page) -> None:
    page.goto("/")
    shoot(page, "landing")
    page.goto("/signup")
    shoot(page, "sign-up")
    page.goto("/discover")
    expect(page.locator(".discover-card img")).to_have_count(3)
    shoot(page, "discover")


def organizer_screens(page: Page, server: Server, data: Demo) -> None:
    demo.sign_in_browser(page, server.url, data.email)
    page.goto("/meetups")
    expect(page.get_by_role("list", name="Meetups I attend or am invited to")).to_contain_text(
        "Attending"
    )
    expect(page.get_by_role("heading", name="Organizing")).to_be_visible()
    shoot(page, "my-meetups")
    expect(demo.main_menu(page).get_by_role("link", name="Balance")).to_be_visible()
    shoot(page, "menu", keep_focus=True)
    page.goto("/meetups/new")
    page.get_by_label("Title").fill("Book club: The Three-Body Problem")
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_text("Join link is required")).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "create")
    page.goto(f"/meetups/{data.meetup_id}")
    expect(page.get_by_role("heading", name="Organizer tools")).to_be_visible()
    expect(page.locator(".cover img")).to_be_visible()
    shoot(page, "meetup")
    page.goto(f"/meetups/{data.meetup_id}/invite")
    expect(page.get_by_role("list", name="Invitations")).to_be_visible()
    page.get_by_label("Email addresses").fill(
        "Margaret Hamilton <margaret@example.com>\nradia@example.com"
    )
    shoot(page, "invite")
    page.goto(f"/meetups/{data.meetup_id}/attendees")
    expect(page.get_by_role("list", name="Attendees")).to_be_visible()
    shoot(page, "attendees")
    page.goto("/balance")
    expect(page.get_by_role("list", name="Balances")).to_contain_text("EUR")
    shoot(page, "balance")


def invitee_screens(ada: Page, paula: Page, data: Demo) -> None:
    """Ada answers and sees the meetup's photo and video; Paula buys a ticket first, so that
    the organizer's balance has a sale to show."""
    paula.goto(data.paid_link)
    paula.get_by_role("button", name=re.compile(r"^Attend — pay")).click()
    expect(paula).to_have_url(re.compile(r"/_payments/checkout/"))
    paula.get_by_label("Card number").fill(PAYING_CARD)
    paula.get_by_role("button", name=re.compile(r"^Pay\b")).click()
    expect(paula.get_by_role("region", name="Your ticket")).to_be_visible()

    ada.goto(data.answer_link)
    ada.get_by_role("button", name="I'm attending").click()
    expect(ada.get_by_role("heading", name="You're in!")).to_be_visible()
    shoot(ada, "answer")
    video = ada.get_by_label(f"Video: {TITLE}")
    expect(video).to_have_attribute("poster", re.compile(r"\S"))
    video.evaluate("v => v.scrollIntoView({block: 'center'})")
    shoot(ada, "answer-video")


def main() -> None:
    if not (ROOT / "web" / "dist" / "index.html").is_file():
        sys.exit("web/dist is missing: build the web app first (cd web && npm run build)")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp) / "data") as server:
        data = demo_data(server)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            visitor_screens(phone(browser, server, "Europe/Berlin"))
            invitee_screens(
                phone(browser, server, "America/New_York"),
                phone(browser, server, "Europe/Paris"),
                data,
            )
            organizer_screens(phone(browser, server, "Europe/Berlin"), server, data)
            browser.close()


if __name__ == "__main__":
    main()
