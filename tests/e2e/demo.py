"""Setting up meetups through the GraphQL API, as the browser tests and screenshots need them."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import tempfile
import time
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from PIL import Image, ImageDraw
from playwright.sync_api import Locator, Page, expect

from slsplay.handlers import refresh_cookie
from tests.support.api import link_token

PASSWORD = "a long enough password"
_numbers = itertools.count()

SESSION = "session { accessToken user { id name email isGuest } }"


class GraphQL:
    """A small client of ``POST /api/graphql`` with an optional bearer token."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        self.base_url = base_url
        self.token = token

    def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        answer = httpx.post(
            f"{self.base_url}/api/graphql",
            json={"query": query, "variables": variables},
            headers=headers,
            timeout=30,
        )
        answer.raise_for_status()
        body: dict[str, Any] = answer.json()
        assert not body.get("errors"), body
        data: dict[str, Any] = body["data"]
        return data


def unique_email(local_part: str) -> str:
    return f"{local_part}{next(_numbers)}.{int(time.time() * 1000)}@example.com"


def sign_up(
    server: Any, name: str = "Olivia Organizer", *, proved: bool = True
) -> tuple[GraphQL, str]:
    """A new account that has opened the link emailed to it (as an organizer must before
    publishing; not if ``proved`` is false); answers a client with its token, and its email."""
    email = unique_email(name.split(maxsplit=1)[0].lower())
    api = GraphQL(server.url)
    data = api(
        "mutation($i: SignUpInput!) { signUp(input: $i) {"
        f" {SESSION} userErrors {{ message }} }} }}",
        i={"email": email, "password": PASSWORD, "name": name},
    )
    api.token = data["signUp"]["session"]["accessToken"]
    if proved:
        data = api(
            "mutation($t: String!) { verifyEmail(token: $t) { userErrors { message } } }",
            t=link_token(wait_for_mail(server, email, "Confirm your email address"), "verify"),
        )
        assert not data["verifyEmail"]["userErrors"], data
    return api, email


def confirm_address(page: Page, server: Any, email: str) -> None:
    """Open the link emailed at sign-up in ``page``, as a new organizer does before
    publishing; ends on My meetups."""
    confirm = wait_for_mail(server, email, "Confirm your email address")
    page.goto(f"/verify/{link_token(confirm, 'verify')}")
    expect(page.get_by_role("heading", name="Your email address is confirmed")).to_be_visible()
    page.get_by_role("link", name="Go to My meetups").click()
    expect(page.get_by_role("heading", name="My meetups")).to_be_visible()


def create_meetup(api: GraphQL, **changes: Any) -> dict[str, Any]:
    """A draft ten days ahead; answers ``{id, meetupId}``."""
    starts = (datetime.now(UTC) + timedelta(days=10)).replace(hour=17, minute=0, microsecond=0)
    values = {
        "title": "Fireside chat with the founders",
        "description": (
            "An intimate **online** evening with the founders.\n\n"
            "- Q&A\n- Behind the scenes\n- A few surprises"
        ),
        "category": "business",
        "startsAt": starts.isoformat(),
        "timezone": "Europe/Berlin",
        "durationMinutes": 90,
        "joinUrl": "https://meet.example.com/fireside",
        "capacity": 50,
        **changes,
    }
    data = api(
        "mutation($i: CreateMeetupInput!) { createMeetup(input: $i) {"
        " meetup { id meetupId } userErrors { field message } } }",
        i=values,
    )
    assert not data["createMeetup"]["userErrors"], data
    meetup: dict[str, Any] = data["createMeetup"]["meetup"]
    return meetup


def jpeg(width: int = 1600, height: int = 900, seed: int = 0) -> bytes:
    """A JPEG with a gradient and a few shapes, so it looks like a cover."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(91 + 120 * shade), int(33 + 40 * shade), int(182 - 60 * shade + seed % 40)),
        )
    for i in range(6):
        r = height // (4 + i)
        cx, cy = width * (i + 1) // 7, height // 2 + (i % 2) * height // 6
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(251, 191 - i * 15, 36 + i * 20))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def mp4(seconds: int = 2) -> bytes:
    """A short video made with ffmpeg (its test pattern and a tone): H.264 and AAC, a few KB."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "clip.mp4"
        subprocess.run(  # noqa: S603  (the helper's own arguments)
            [  # noqa: S607  (Debian's ffmpeg, as the runtime's media pipeline uses it)
                "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
                "-f", "lavfi", "-i", f"testsrc=size=320x180:rate=25:duration={seconds}",
                "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-shortest", str(path),
            ],
            check=True,
        )  # fmt: skip
        return path.read_bytes()


def upload_media(
    api: GraphQL,
    meetup_id: str,
    data: bytes,
    content_type: str = "image/jpeg",
    wait_seconds: float = 60,
) -> None:
    """Upload a photo or a video and wait until the media pipeline has processed it."""
    kind = "VIDEO" if content_type.startswith("video/") else "PHOTO"
    answer = api(
        "mutation($i: RequestUploadInput!) { requestUpload(input: $i) {"
        " media { mediaId } upload { url fields { name value } } userErrors { message } } }",
        i={"meetupId": meetup_id, "kind": kind, "contentType": content_type, "size": len(data)},
    )["requestUpload"]
    assert not answer["userErrors"], answer
    form = answer["upload"]
    stored = httpx.post(
        form["url"],
        data={field["name"]: field["value"] for field in form["fields"]},
        files={"file": (f"upload.{content_type.split('/')[1]}", data, content_type)},
        timeout=30,
    )
    assert stored.status_code == 204, stored.text
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        media = api("query($id: ID!) { meetup(id: $id) { media { status reason } } }", id=meetup_id)
        statuses = {m["status"] for m in media["meetup"]["media"]}
        if statuses <= {"READY"}:
            return
        assert "FAILED" not in statuses, media
        time.sleep(0.2)
    raise AssertionError(f"the {kind.lower()} was not processed in time")


def invite(api: GraphQL, meetup_id: str, *people: tuple[str, str | None]) -> None:
    data = api(
        "mutation($i: InviteGuestsInput!) { inviteGuests(input: $i) { userErrors { message } } }",
        i={"meetupId": meetup_id, "invitees": [{"email": e, "name": n} for e, n in people]},
    )
    assert not data["inviteGuests"]["userErrors"], data


def publish(api: GraphQL, meetup_id: str) -> None:
    data = api(
        "mutation($id: ID!) { publishMeetup(id: $id) { userErrors { code message } } }",
        id=meetup_id,
    )
    assert not data["publishMeetup"]["userErrors"], data


def answer_link(messages: list[dict[str, Any]], to: str) -> str:
    """The plain answer link of the invitation email sent to ``to``."""
    for message in messages:
        if to in message["to"] and "invited you" in message["subject"]:
            found = re.search(r"Your invitation: (\S+/rsvp/[\w-]+)", message["text"])
            if found:
                return found.group(1)
    raise AssertionError(f"no invitation email to {to} among {[m['to'] for m in messages]}")


def wait_for_invitation_mail(server: Any, to: str, wait_seconds: float = 20) -> str:
    """Invitations are emailed in the background after publishing: wait for the one to ``to``."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return answer_link(server.mail(), to)
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def set_up_payouts(base_url: str, api: GraphQL) -> str:
    """A payout account for ``api``'s user (locally ready at once), so that its paid meetups
    can be published; answers the provider's onboarding address."""
    answer = httpx.post(
        f"{base_url}/api/me/payout-account",
        headers={"Authorization": f"Bearer {api.token}"},
        timeout=30,
    )
    answer.raise_for_status()
    url: str = answer.json()["onboarding_url"]
    return url


def sign_in_browser(page: Page, base_url: str, email: str) -> None:
    """Sign ``page`` in as that account, as the web app keeps a session: the refresh token in
    the HttpOnly cookie the server sets for it, the mark that someone is signed in in
    localStorage; the next page opened asks the server for the session."""
    answer = httpx.post(
        f"{base_url}/api/auth/login",
        json={"email": email, "password": PASSWORD},
        headers={refresh_cookie.CLIENT_HEADER: refresh_cookie.WEB_CLIENT},
        timeout=30,
    )
    answer.raise_for_status()
    cookies = [
        SimpleCookie(header)[refresh_cookie.NAME]
        for header in answer.headers.get_list("set-cookie")
    ]
    page.context.add_cookies(
        [
            {
                "name": refresh_cookie.NAME,
                "value": cookie.value,
                "domain": urlsplit(base_url).hostname or "",
                "path": cookie["path"],
                "httpOnly": True,
                "secure": True,
                "sameSite": "Strict",
            }
            for cookie in cookies
        ]
    )
    page.goto("/login")
    page.evaluate("localStorage.setItem('slsplay.signedIn', '1')")


def wait_for_mail(
    server: Any, to: str, subject_part: str, wait_seconds: float = 20
) -> dict[str, Any]:
    """The newest email to ``to`` whose subject contains ``subject_part`` (in any case)."""
    deadline = time.monotonic() + wait_seconds
    while True:
        for message in server.mail():
            if to in message["to"] and subject_part.lower() in message["subject"].lower():
                found: dict[str, Any] = message
                return found
        if time.monotonic() > deadline:
            raise AssertionError(f"no email to {to} with {subject_part!r} in its subject")
        time.sleep(0.1)


def main_menu(page: Page) -> Locator:
    """The header's navigation with its links shown: at phone width they fold behind Menu."""
    menu = page.get_by_role("button", name="Menu", exact=True)
    if menu.get_attribute("aria-expanded") != "true":
        menu.click()
    return page.get_by_role("navigation", name="Main")
