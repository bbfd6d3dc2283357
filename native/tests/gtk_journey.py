"""The app on GTK, driven through its widgets from inside its own process (the way Toga's
own testbed drives an app): run by test_journey.py under Xvfb against ``slsplay serve``.

``online``: an organizer drafts, invites and publishes; the invitee answers by the emailed
link, signs in with an emailed code, answers from the meetup's page; the organizer sees her
on the attendee list. ``offline`` (the server stopped): the app, started again, shows the
person's kept meetups. Each screen is saved as a PNG; what happened goes to a JSON report.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import time
import traceback
import webbrowser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from slsplay_app.app import SlsplayApp

API = os.environ["SLSPLAY_API_URL"]
OUT = Path(os.environ["JOURNEY_OUT"])  # the screenshots
REPORT = Path(os.environ["JOURNEY_REPORT"])
ORGANIZER = ("organizer@example.com", "slsplay-demo-password")  # slsplay seed's demo organizer
INVITEE = os.environ["JOURNEY_INVITEE"]  # her account is the test's to make
TITLE = "Native app launch"
WAIT_SECONDS = 30


class Browser(webbrowser.BaseBrowser):
    """Stands in for the system browser: notes what the app hands it."""

    def __init__(self) -> None:
        super().__init__("journey")
        self.opened: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        """Note ``url`` as opened."""
        self.opened.append(url)
        return True


BROWSER = Browser()


class JourneyFailed(AssertionError):
    """What the person would have seen go wrong."""


def check(condition: object, what: str) -> None:
    """Stop the journey with ``what`` unless ``condition`` holds."""
    if not condition:
        raise JourneyFailed(what)


async def painted(app: SlsplayApp) -> None:
    """Wait until GTK has drawn the window as it is now (two frames: layout, then paint)."""
    native = app.window._impl.native
    clock = native.get_frame_clock()
    for _ in range(2):
        await _next_paint(native, clock)


async def _next_paint(native: Any, clock: Any) -> None:
    drawn: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def after_paint(*_: Any) -> None:
        if not drawn.done():
            drawn.set_result(None)

    handler = clock.connect("after-paint", after_paint)
    native.queue_draw()
    try:
        await asyncio.wait_for(drawn, WAIT_SECONDS)
    finally:
        clock.disconnect(handler)


async def shot(app: SlsplayApp, report: dict[str, Any], name: str) -> None:
    """Save the window as the person sees it now."""
    await painted(app)
    app.window.as_image().save(OUT / f"{name}.png")
    report["screens"].append(name)


async def until(what: str, probe: Any) -> Any:
    """``probe()``'s first true answer, polled until a deadline (the server's work is
    asynchronous: mail goes out after the request that caused it)."""
    deadline = time.monotonic() + WAIT_SECONDS
    async with httpx.AsyncClient(base_url=API, timeout=10) as dev:
        while time.monotonic() < deadline:
            found = await probe(dev)
            if found:
                return found
            await asyncio.sleep(0.2)
    raise JourneyFailed(f"no {what} within {WAIT_SECONDS} s")


def mail_matching(address: str, pattern: str) -> Any:
    """A probe for the newest mail to ``address`` whose text matches ``pattern``."""

    async def probe(dev: httpx.AsyncClient) -> str | None:
        messages = (await dev.get("/api/_dev/mail")).json()["messages"]
        for message in messages:
            found = re.search(pattern, message["text"])
            if address in message["to"] and found:
                return found.group(0)
        return None

    return probe


async def quiet(dev: httpx.AsyncClient) -> bool:
    """Whether the server's event tier has done all it had to do."""
    return bool((await dev.get("/api/_dev/quiet")).json()["quiet"])


def titles(app: SlsplayApp) -> list[str]:
    """The titles the "My meetups" list shows."""
    return [title for title, _ in app.my_meetups.rows()]


async def sign_in_with_password(app: SlsplayApp, email: str, password: str) -> None:
    form = app.sign_in.form
    form.inputs["email"].value = email
    form.inputs["password"].value = password
    await app.log_in()
    check(app.current is app.my_meetups.content, f"signed in: {app.sign_in.status.text}")


async def online(app: SlsplayApp, report: dict[str, Any]) -> None:
    form = app.sign_in.form
    await shot(app, report, "01-sign-in")

    form.inputs["email"].value = "not-an-email"
    await app.request_code()
    check("email" in form.errors["email"].text, "the API's message under the email field")
    await shot(app, report, "02-sign-in-refused")

    await sign_in_with_password(app, *ORGANIZER)
    check("Founders' fireside chat" in titles(app), f"the seeded meetup listed: {titles(app)}")
    await shot(app, report, "03-my-meetups-organizer")

    await app.new_draft()
    draft = {
        "title": TITLE,
        "description": "A first look at slsplay on phones and desktops.",
        "starts_at": "2030-03-14T18:00:00+01:00",
        "timezone": "Europe/Paris",
        "duration_minutes": "45",
        "join_url": "https://meet.example.com/native",
    }
    for name, value in draft.items():
        app.draft.form.inputs[name].value = value
    await shot(app, report, "04-new-draft")
    await app.save_draft()
    check(app.current is app.meetup_page.content, f"the draft saved: {app.draft.status.text}")
    check(app.meetup is not None and app.meetup["status"] == "draft", "a draft")
    await shot(app, report, "05-draft")

    await app.open_invite()
    app.inviting.form.inputs["invitees"].value = INVITEE
    await app.invite()
    check(app.inviting.status.text == "Invited 1.", f"invited: {app.inviting.status.text}")
    await shot(app, report, "06-invite")

    await app.back_to_meetup()
    await app.publish()
    assert app.meetup is not None
    check(app.meetup["status"] == "published", f"published: {app.meetup_page.status.text}")
    meetup_id = app.meetup["id"]
    await shot(app, report, "07-published")
    await app.sign_out()

    link = await until("invitation", mail_matching(INVITEE, r"https?://\S+/rsvp/[\w-]+"))
    form.inputs["link"].value = link
    await app.open_answer_link()
    check(app.current is app.answering.content, f"the answer page: {app.sign_in.status.text}")
    await shot(app, report, "08-answer-link")
    await app.answer_declined()
    check(app.answering.response.text == "Your answer: declined", "declined by the link")
    await shot(app, report, "09-declined-by-link")
    await app.back_from_answer()

    form.inputs["email"].value = INVITEE
    await app.request_code()
    code = await until("sign-in code", mail_matching(INVITEE, r"\b\d{6}\b"))
    form.inputs["code"].value = code
    await app.sign_in_with_code()
    check(app.current is app.my_meetups.content, f"signed in by code: {app.sign_in.status.text}")
    await until("quiet event tier", quiet)  # her confirmed address places her invitations
    await app.refresh_my_meetups()
    check(TITLE in titles(app), f"the invitation in her list: {titles(app)}")
    await shot(app, report, "10-my-meetups-invitee")

    mine = next(m for m in app.my_meetups.meetups if m.id == meetup_id)
    await app.open_meetup(mine.id, mine.response, organizer=False)
    check(app.current is app.meetup_page.content, f"her page: {app.my_meetups.status.text}")
    check(app.meetup_page.title.text == TITLE, "the meetup's page")
    await shot(app, report, "11-meetup-invitee")
    await app.answer_attending()
    check(app.current is app.meetup_page.content, "still her page")
    check("your answer: attending" in app.meetup_page.state.text, app.meetup_page.status.text)
    await shot(app, report, "12-attending")
    await app.join()
    check(BROWSER.opened[-1:] == [draft["join_url"]], f"the join link opened: {BROWSER.opened}")
    await app.add_to_calendar()
    calendar = Path(urlsplit(BROWSER.opened[-1]).path)
    check(calendar.suffix == ".ics" and TITLE in calendar.read_text(), "the calendar file")
    await app.sign_out()

    await sign_in_with_password(app, *ORGANIZER)
    await app.open_meetup(meetup_id, None, organizer=True)
    check(app.current is app.meetup_page.content, f"its page: {app.my_meetups.status.text}")
    await app.show_attendees()
    rows: Any = app.attendee_list.table.data
    emails = [row.email for row in rows]
    check(INVITEE in emails, f"the invitee on the attendee list: {emails}")
    await shot(app, report, "13-attendees")
    await app.show_my_meetups()
    report["kept"] = titles(app)


async def offline(app: SlsplayApp, report: dict[str, Any]) -> None:
    # started() already tried to refresh: the server is down, the kept list shows.
    check(app.current is app.my_meetups.content, "My meetups at start")
    check(app.my_meetups.status.text.startswith("Offline"), app.my_meetups.status.text)
    report["kept"] = titles(app)
    await shot(app, report, "14-offline-my-meetups")


async def drive(app: SlsplayApp) -> None:
    """Run the journey of ``JOURNEY_MODE``, write the report, and end the app."""
    report: dict[str, Any] = {"screens": [], "error": None}
    try:
        await (offline if os.environ.get("JOURNEY_MODE") == "offline" else online)(app, report)
    except Exception:  # the report says what went wrong, then the app ends
        report["error"] = traceback.format_exc()
        report["status"] = [
            label.text
            for label in (app.sign_in.status, app.my_meetups.status, app.meetup_page.status)
        ]
    finally:
        REPORT.write_text(json.dumps(report, indent=2))
        app.exit()


def main() -> None:
    """Start the app on GTK with the journey as its driver."""
    OUT.mkdir(parents=True, exist_ok=True)
    webbrowser.register("journey", None, BROWSER, preferred=True)
    SlsplayApp(api_url=API, data_dir=Path(os.environ["JOURNEY_DATA"]), on_running=drive).main_loop()


if __name__ == "__main__":
    main()
