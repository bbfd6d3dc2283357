"""Phone-size screenshots of the web app's main screens, into docs/screenshots/.

Starts ``slsplay serve`` on a fresh data directory, sets up demo data through the API (an
organizer, a meetup with a processed photo, invitees, one answer) and photographs each screen
at 360 x 740 with Debian's Chromium. Build the web app first: ``cd web && npm run build``.

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402
from tests.e2e import demo  # noqa: E402
from tests.support.server import Server, running_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TITLE = "Fireside chat with the founders"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def shoot(page: Page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.screenshot(path=str(OUT / f"{name}.png"))
    print(f"saved {OUT / name}.png")


def demo_data(server: Server) -> tuple[dict[str, Any], str, str]:
    """An organizer's published meetup with a photo, invitees and an answer; a second draft.

    Answers the meetup, the organizer's email address and the answer link of an invitee.
    """
    api, email = demo.sign_up(server, "Olivia Laurent")
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
    people = [
        ("ada@example.com", "Ada Lovelace"),
        ("grace@example.com", "Grace Hopper"),
        ("katherine@example.com", "Katherine Johnson"),
        ("alan@example.com", None),
    ]
    demo.invite(api, meetup["id"], *people)
    demo.publish(api, meetup["id"])
    ada_link = demo.wait_for_invitation_mail(server, "ada@example.com")
    grace_link = demo.wait_for_invitation_mail(server, "grace@example.com")
    demo.GraphQL(server.url)(
        "mutation($t: String!) { respondToInvitation(token: $t, response: ATTENDING)"
        " { userErrors { message } } }",
        t=grace_link.rsplit("/", 1)[1],
    )
    demo.create_meetup(api, title="Wine tasting with a sommelier", category="food")
    return meetup, email, ada_link


def main() -> None:
    if not (ROOT / "web" / "dist" / "index.html").is_file():
        sys.exit("web/dist is missing: build the web app first (cd web && npm run build)")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp) / "data") as server:
        meetup, email, ada_link = demo_data(server)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            context = browser.new_context(
                viewport={"width": 360, "height": 740},
                is_mobile=True,
                has_touch=True,
                device_scale_factor=2,
                base_url=server.url,
                locale="en-GB",
                timezone_id="Europe/Berlin",
            )
            page = context.new_page()
            page.goto("/")
            shoot(page, "landing")
            page.goto("/signup")
            shoot(page, "sign-up")

            demo.sign_in_browser(page, server.url, email)
            page.goto("/meetups")
            expect(
                page.get_by_role("heading", name="Fireside chat with the founders")
            ).to_be_visible()
            shoot(page, "my-meetups")
            page.goto("/meetups/new")
            page.get_by_label("Title").fill("Book club: The Three-Body Problem")
            page.get_by_role("button", name="Create draft").click()
            expect(page.get_by_text("Join link is required")).to_be_visible()
            page.evaluate("window.scrollTo(0, 0)")
            shoot(page, "create")
            page.goto(f"/meetups/{meetup['meetupId']}")
            expect(page.get_by_role("heading", name="Organizer tools")).to_be_visible()
            expect(page.locator(".cover img")).to_be_visible()
            shoot(page, "meetup")
            page.goto(f"/meetups/{meetup['meetupId']}/invite")
            expect(page.get_by_role("list", name="Invitations")).to_be_visible()
            page.get_by_label("Email addresses").fill(
                "Margaret Hamilton <margaret@example.com>\nradia@example.com"
            )
            shoot(page, "invite")
            page.goto(f"/meetups/{meetup['meetupId']}/attendees")
            expect(page.get_by_role("list", name="Attendees")).to_be_visible()
            shoot(page, "attendees")

            invitee = browser.new_context(
                viewport={"width": 360, "height": 740},
                is_mobile=True,
                has_touch=True,
                device_scale_factor=2,
                locale="en-GB",
                timezone_id="America/New_York",
            ).new_page()
            invitee.goto(ada_link)
            invitee.get_by_role("button", name="I'm attending").click()
            expect(invitee.get_by_role("heading", name="You're in!")).to_be_visible()
            shoot(invitee, "answer")
            browser.close()


if __name__ == "__main__":
    main()
