"""The slsplay app: its screens wired to the person's session (session.py). Every button's
handler runs one use case and shows what came of it: the next screen, or the API's message
next to the field at fault."""

from __future__ import annotations

import logging
import os
import webbrowser
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import toga

from slsplay_app.api import Api
from slsplay_app.cache import MeetupCache
from slsplay_app.problems import ApiProblem, Offline
from slsplay_app.screens import (
    AnswerScreen,
    AttendeesScreen,
    DraftScreen,
    Form,
    InviteScreen,
    MeetupScreen,
    MyMeetupsScreen,
    SignInScreen,
    wrapped,
)
from slsplay_app.session import Session, answer_token
from slsplay_app.tokens import TokenStore

APP_ID = "dev.slsplay.slsplay-app"
DEFAULT_API = "http://127.0.0.1:8000"
PHONE_SIZE = (390, 844)
LOG = logging.getLogger(__name__)


class SlsplayApp(toga.App):
    """The app: sign in, My meetups, a meetup's page, answering, organizing."""

    def __init__(
        self,
        api_url: str | None = None,
        answer_link: str | None = None,
        data_dir: Path | None = None,
        on_running: Callable[[SlsplayApp], Awaitable[None]] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._api_url = api_url or os.environ.get("SLSPLAY_API_URL")
        self.answer_link = answer_link
        self._data_dir = data_dir
        self._driver = on_running
        self._transport = transport  # a test's stand-in for the network
        self.session: Session
        self.meetup: dict[str, Any] | None = None  # the meetup whose page is open
        self.response: str | None = None  # my answer to it, if invited
        self.organizing = False  # whether the open meetup is the person's own
        self.token: str | None = None  # the answer link's token for it, once known
        super().__init__(
            formal_name="slsplay", app_id=APP_ID, app_name="slsplay-app", on_running=self._running
        )

    # Startup

    def startup(self) -> None:
        """Build the screens and show the first: My meetups when signed in, else sign-in."""
        data = self._data_dir or Path(self.paths.data)
        data.mkdir(parents=True, exist_ok=True)
        self.data_dir = data
        self.cache = MeetupCache(data / "cache.sqlite3")
        self.tokens = TokenStore(data)
        # The server named at start, else the one the person chose last time (a phone's
        # app has no command line), else the local one.
        self._server_file = data / "server.txt"
        kept = self._server_file.read_text().strip() if self._server_file.is_file() else ""
        self.api_url = self._api_url or kept or DEFAULT_API
        self.session = Session(Api(self.api_url, self.tokens, self._transport), self.cache, data)
        self.sign_in = SignInScreen(self)
        self.sign_in.form.inputs["api"].value = self.api_url
        self.my_meetups = MyMeetupsScreen(self)
        self.meetup_page = MeetupScreen(self)
        self.draft = DraftScreen(self)
        self.inviting = InviteScreen(self)
        self.attendee_list = AttendeesScreen(self)
        self.answering = AnswerScreen(self)
        # GTK's scroll container wants content from the start: the sign-in screen.
        self.current: toga.Widget = self.sign_in.content
        self.screen = toga.ScrollContainer(horizontal=False, content=self.current)
        # Toga's MainWindow takes untyped arguments.
        self.window = toga.MainWindow(  # type: ignore[no-untyped-call]
            title=self.formal_name, size=PHONE_SIZE, content=self.screen
        )
        self.main_window = self.window
        if self.session.person is not None:
            self.show_kept_meetups()
        self.window.show()

    def _running(self, app: toga.App, **kwargs: Any) -> None:
        # Toga would run a coroutine handler as a task too; its types name plain ones only.
        self._start = self.loop.create_task(self.started())

    async def started(self) -> None:
        """Open the answer link the app was started with; refresh the list; run a driver."""
        if self.answer_link:
            await self._open_link(self.answer_link, self.sign_in.form, self.sign_in.status)
        elif self.session.person is not None:
            await self.refresh_my_meetups()
        if self._driver is not None:
            await self._driver(self)

    def show(self, screen: toga.Widget) -> None:
        """Make ``screen`` the window's content."""
        self.current = screen
        self.screen.content = screen

    # Running a use case

    async def _attempt(
        self, use_case: Awaitable[Any], form: Form | None, status: toga.Label
    ) -> Any:
        """The use case's result; on a refusal its message under each field, its detail in
        ``status``, and None."""
        try:
            result = await use_case
        except ApiProblem as problem:
            if form is not None:
                form.show_errors(problem.fields)
            status.text = wrapped(problem.detail)
            return None
        except Offline as offline:
            status.text = wrapped(str(offline))
            return None
        except Exception:
            # A fault of the app or an answer the document does not describe: the person
            # reads a sentence, the log (Briefcase's console) keeps the trace.
            LOG.exception("a use case failed")
            status.text = "Something went wrong. Please try again."
            return None
        if form is not None:
            form.show_errors({})
        status.text = ""
        return result

    def _use_api(self) -> None:
        """Point the session at the server the sign-in screen names (a deployed stage), and
        keep it for the next start."""
        address = str(self.sign_in.form.inputs["api"].value or "").strip().rstrip("/")
        if address and address != self.session.api.base_url:
            self.api_url = address
            self._server_file.write_text(address)
            api = Api(address, self.tokens, self._transport)
            self.session = Session(api, self.cache, self.data_dir)

    # Signing in and out

    async def log_in(self, widget: Any = None, **kwargs: Any) -> None:
        """Sign in with email and password."""
        self._use_api()
        values = self.sign_in.form.values()
        use_case = self.session.log_in(values["email"], values["password"])
        if await self._attempt(use_case, self.sign_in.form, self.sign_in.status):
            await self.refresh_my_meetups()

    async def request_code(self, widget: Any = None, **kwargs: Any) -> None:
        """Email a sign-in code."""
        self._use_api()
        use_case = self.session.request_code(self.sign_in.form.values()["email"])
        await self._attempt(use_case, self.sign_in.form, self.sign_in.status)
        if not self.sign_in.status.text:
            self.sign_in.status.text = "A code is on its way to your inbox."

    async def sign_in_with_code(self, widget: Any = None, **kwargs: Any) -> None:
        """Sign in with the emailed code."""
        self._use_api()
        values = self.sign_in.form.values()
        use_case = self.session.sign_in_with_code(values["email"], values["code"])
        if await self._attempt(use_case, self.sign_in.form, self.sign_in.status):
            await self.refresh_my_meetups()

    async def start_as_guest(self, widget: Any = None, **kwargs: Any) -> None:
        """Continue as a guest."""
        self._use_api()
        if await self._attempt(self.session.start_as_guest(), None, self.sign_in.status):
            await self.refresh_my_meetups()

    async def sign_out(self, widget: Any = None, **kwargs: Any) -> None:
        """Sign out: the server ends the sign-in; the device forgets it and the list."""
        await self.session.sign_out()
        self.sign_in.form.inputs["password"].value = ""
        self.sign_in.form.inputs["code"].value = ""
        self.show(self.sign_in.content)

    # My meetups

    def show_kept_meetups(self) -> None:
        """The device's copy of the list, shown at once (the API may take a while, or be away)."""
        person = self.session.person
        assert person is not None
        kept = self.session.kept_meetups()
        note = "" if kept else "Pull down or press Refresh to load your meetups."
        self.my_meetups.show(person.name, kept, note)
        self.show(self.my_meetups.content)

    async def refresh_my_meetups(self, widget: Any = None, **kwargs: Any) -> None:
        """Fetch the list again (pull to refresh); offline, the kept copy and a note say so."""
        person = self.session.person
        if person is None:
            self.show(self.sign_in.content)
            return
        mine = await self._attempt(self.session.my_meetups(), None, self.my_meetups.status)
        if mine is None:  # refused: the kept copy, under what went wrong
            kept = self.session.kept_meetups()
            self.my_meetups.show(person.name, kept, self.my_meetups.status.text)
            self.show(self.my_meetups.content)
            return
        if self.session.offline:
            at = self.cache.refreshed_at(person.user_id) or "never"
            note = f"Offline: your meetups as of {at[:16].replace('T', ' ')} UTC."
        else:
            note = "" if mine else "Nothing coming up. Create a meetup, or wait for invitations."
        self.my_meetups.show(person.name, mine, note)
        self.show(self.my_meetups.content)

    async def show_my_meetups(self, widget: Any = None, **kwargs: Any) -> None:
        """Back to the list."""
        await self.refresh_my_meetups()

    async def open_selected_meetup(self, widget: Any = None, **kwargs: Any) -> None:
        """Open the meetup selected in the list."""
        selected = self.my_meetups.list.selection
        if selected is None:
            return
        row_id = getattr(selected, "id")  # noqa: B009  (a row's attributes are its columns)
        mine = next(m for m in self.my_meetups.meetups if m.id == row_id)
        await self.open_meetup(mine.id, mine.response, organizer=mine.role == "organizer")

    async def open_meetup(self, meetup_id: str, response: str | None, *, organizer: bool) -> None:
        """A meetup's page (the kept copy when offline), with its photo when it has one."""
        use_case = self.session.meetup(meetup_id, organizer=organizer)
        meetup = await self._attempt(use_case, None, self.my_meetups.status)
        if meetup is None:
            return
        self.meetup, self.response, self.token = meetup, response, None
        self.organizing = organizer
        note = "Offline: the copy kept on this device." if self.session.offline else ""
        self._show_meetup(note)
        if not self.session.offline:
            self.meetup_page.set_photo(await self.session.photo(meetup))

    def _show_meetup(self, note: str = "") -> None:
        assert self.meetup is not None
        page = self.meetup_page
        page.show(self.meetup, response=self.response, organizer=self.organizing, note=note)
        self.show(page.content)

    # A meetup's page

    async def join(self, widget: Any = None, **kwargs: Any) -> None:
        """Open the meetup's join link in the system browser."""
        if self.meetup and self.meetup.get("join_url"):
            webbrowser.open(self.meetup["join_url"])

    async def add_to_calendar(self, widget: Any = None, **kwargs: Any) -> None:
        """Save the server's .ics of the meetup and hand it to the calendar app."""
        if self.meetup is None:
            return
        status = self._page_status()
        if self.token is None and not self.organizing:
            minting = self.session.my_answer_token(self.meetup["id"])
            self.token = await self._attempt(minting, None, status)
        saving = self.session.calendar_file(self.meetup["id"], self.token)
        path = await self._attempt(saving, None, status)
        if path is not None:
            webbrowser.open(path.as_uri())

    def _page_status(self) -> toga.Label:
        """Where the open page says what went wrong: the answer link's page, or the meetup's."""
        on_link = self.current is self.answering.content
        return self.answering.status if on_link else self.meetup_page.status

    async def answer_attending(self, widget: Any = None, **kwargs: Any) -> None:
        """Answer: attending."""
        await self._answer("attending")

    async def answer_declined(self, widget: Any = None, **kwargs: Any) -> None:
        """Answer: declined."""
        await self._answer("declined")

    async def _answer(self, response: str) -> None:
        on_link = self.current is self.answering.content
        status = self._page_status()
        if self.token is None and self.meetup is not None:
            use_case = self.session.my_answer_token(self.meetup["id"])
            self.token = await self._attempt(use_case, None, status)
        if self.token is None:
            return
        rsvp = await self._attempt(self.session.answer(self.token, response), None, status)
        if rsvp is None:
            return
        self.meetup, self.response = rsvp["meetup"], rsvp["invitation"]["response"]
        if on_link:
            self.answering.show(rsvp)
        else:
            self._show_meetup()

    # Answer links

    async def open_answer_link(self, widget: Any = None, **kwargs: Any) -> None:
        """Open the answer link typed or pasted into a screen's "Open an answer link"."""
        on_list = self.current is self.my_meetups.content
        screen = self.my_meetups if on_list else self.sign_in
        if not on_list:
            self._use_api()
        await self._open_link(screen.form.values()["link"], screen.form, screen.status)

    async def _open_link(self, link: str, form: Form, status: toga.Label) -> None:
        try:
            token = answer_token(link)
        except ApiProblem as problem:
            form.show_errors(problem.fields)
            status.text = problem.detail
            return
        rsvp = await self._attempt(self.session.invitation(token), form, status)
        if rsvp is None:
            return
        self.token, self.meetup = token, rsvp["meetup"]
        self.response, self.organizing = rsvp["invitation"]["response"], False
        self.answering.show(rsvp)
        self.show(self.answering.content)

    async def back_from_answer(self, widget: Any = None, **kwargs: Any) -> None:
        """Back to the list when signed in, else to the sign-in screen."""
        if self.session.person is not None:
            await self.refresh_my_meetups()
        else:
            self.show(self.sign_in.content)

    # Organizing

    async def new_draft(self, widget: Any = None, **kwargs: Any) -> None:
        """An empty draft form."""
        self.meetup = None
        self.draft.show(None)
        self.show(self.draft.content)

    async def edit_draft(self, widget: Any = None, **kwargs: Any) -> None:
        """The open meetup's draft form."""
        self.draft.show(self.meetup)
        self.show(self.draft.content)

    async def save_draft(self, widget: Any = None, **kwargs: Any) -> None:
        """Create the draft, or save its changes; then its page."""
        form = self.draft.form
        if self.meetup is None:
            use_case = self.session.create_draft(form.values())
        else:
            changes = {k: v for k, v in form.values().items() if v != str(self.meetup.get(k) or "")}
            use_case = self.session.update_draft(self.meetup["id"], changes, self.meetup["version"])
        meetup = await self._attempt(use_case, form, self.draft.status)
        if meetup is not None:
            self.meetup, self.response, self.organizing = meetup, None, True
            self._show_meetup()

    async def back_from_draft(self, widget: Any = None, **kwargs: Any) -> None:
        """Back to the meetup's page, or to the list for a new draft."""
        if self.meetup is None:
            await self.refresh_my_meetups()
        else:
            await self.back_to_meetup()

    async def back_to_meetup(self, widget: Any = None, **kwargs: Any) -> None:
        """Back to the open meetup's page."""
        self._show_meetup()

    async def open_invite(self, widget: Any = None, **kwargs: Any) -> None:
        """The invite form of the open meetup."""
        self.inviting.form.show_errors({})
        self.inviting.status.text = ""
        self.inviting.show([])
        self.show(self.inviting.content)

    async def invite(self, widget: Any = None, **kwargs: Any) -> None:
        """Invite the addresses typed, and show who is invited."""
        assert self.meetup is not None
        addresses = self.inviting.form.values()["invitees"]
        use_case = self.session.invite(self.meetup["id"], addresses)
        invited = await self._attempt(use_case, self.inviting.form, self.inviting.status)
        if invited is not None:
            self.inviting.form.inputs["invitees"].value = ""
            self.inviting.status.text = f"Invited {len(invited)}."
            self.inviting.show(invited)

    async def publish(self, widget: Any = None, **kwargs: Any) -> None:
        """Publish the open draft."""
        assert self.meetup is not None
        use_case = self.session.publish(self.meetup["id"])
        published = await self._attempt(use_case, None, self.meetup_page.status)
        if published is not None:
            self.meetup = published
            self._show_meetup()

    async def show_attendees(self, widget: Any = None, **kwargs: Any) -> None:
        """The open meetup's attendee list."""
        assert self.meetup is not None
        use_case = self.session.attendees(self.meetup["id"])
        attendees = await self._attempt(use_case, None, self.meetup_page.status)
        if attendees is not None:
            self.attendee_list.show(attendees)
            self.show(self.attendee_list.content)
