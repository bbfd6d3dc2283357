"""The app's screens as Toga widgets, phone first: one column, a field's error right under it.

Screens hold widgets and fill them from data; what a button does is the app's (app.py)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

import toga
from toga.style import Pack

from slsplay_app.cache import MyMeetup
from slsplay_app.times import shown

Handler = Callable[..., Any]
ERROR_COLOR = "#b00020"
MARGIN = 8
# A label does not wrap its text: a message longer than a phone is wide gets line breaks.
LINE_CHARACTERS = 52


def wrapped(message: str) -> str:
    """``message`` in lines that fit the width of a phone."""
    return textwrap.fill(message, LINE_CHARACTERS)


def column(*children: toga.Widget) -> toga.Box:
    """Widgets one under another, with the screen's margins."""
    return toga.Box(children=list(children), style=Pack(direction="column", margin=MARGIN))


def row(*children: toga.Widget) -> toga.Box:
    """Widgets side by side."""
    return toga.Box(children=list(children), style=Pack(direction="row", margin_top=4))


def button(text: str, handler: Handler, button_id: str) -> toga.Button:
    """A button that grows to share its row."""
    return toga.Button(text, id=button_id, on_press=handler, style=Pack(flex=1, margin=2))


def heading(text: str) -> toga.Label:
    """A screen's title."""
    return toga.Label(text, style=Pack(font_size=18, font_weight="bold", margin_bottom=6))


def text(value: str = "") -> toga.Label:
    """Running text."""
    return toga.Label(value, style=Pack(margin_top=2, margin_bottom=2))


class Form:
    """Labelled inputs, each with the message of the API (or of the app) right under it."""

    def __init__(self) -> None:
        self.inputs: dict[str, toga.TextInput | toga.PasswordInput | toga.MultilineTextInput] = {}
        self.errors: dict[str, toga.Label] = {}

    def field(
        self, name: str, label: str, kind: type[toga.Widget] = toga.TextInput, placeholder: str = ""
    ) -> toga.Box:
        """A labelled input named as the API names the field."""
        widget: Any = kind(id=name, placeholder=placeholder, style=Pack(margin_top=2))
        if kind is toga.MultilineTextInput:
            widget.style.height = 90
        error = toga.Label("", id=f"{name}-error", style=Pack(color=ERROR_COLOR, font_size=10))
        self.inputs[name] = widget
        self.errors[name] = error
        return toga.Box(
            children=[toga.Label(label), widget, error],
            style=Pack(direction="column", margin_top=6),
        )

    def values(self) -> dict[str, str]:
        """What the person typed, by field."""
        return {name: str(widget.value or "") for name, widget in self.inputs.items()}

    def show_errors(self, fields: dict[str, str]) -> None:
        """Each field's message under it; fields without one are cleared."""
        for name, label in self.errors.items():
            label.text = wrapped(fields.get(name, ""))


class SignInScreen:
    """Sign in with a password, an emailed code or as a guest; or open an answer link."""

    def __init__(self, app: Any) -> None:
        self.form = Form()
        self.status = text()
        self.status.style.color = ERROR_COLOR
        self.content = column(
            heading("Sign in to slsplay"),
            self.status,
            self.form.field("api", "Server", placeholder="https://..."),
            self.form.field("email", "Email"),
            self.form.field("password", "Password", toga.PasswordInput),
            row(button("Sign in", app.log_in, "log-in")),
            self.form.field("code", "Code from the email", placeholder="6 digits"),
            row(
                button("Email me a code", app.request_code, "request-code"),
                button("Sign in with code", app.sign_in_with_code, "code-sign-in"),
            ),
            row(button("Continue as a guest", app.start_as_guest, "guest")),
            self.form.field("link", "Open an answer link", placeholder="https://.../rsvp/..."),
            row(button("Open", app.open_answer_link, "open-link")),
        )


class MyMeetupsScreen:
    """Upcoming meetups I organize, attend or am invited to; pull to refresh."""

    def __init__(self, app: Any) -> None:
        self.title = heading("My meetups")
        self.person = text()
        self.status = text()
        self.list = toga.DetailedList(
            id="my-meetups",
            accessors=("title", "subtitle", "icon"),
            on_refresh=app.refresh_my_meetups,
            on_select=app.open_selected_meetup,
            style=Pack(flex=1, height=420),
        )
        self.form = Form()
        self.content = column(
            self.title,
            self.person,
            self.status,
            row(
                button("Refresh", app.refresh_my_meetups, "refresh"),
                button("New meetup", app.new_draft, "new-draft"),
                button("Sign out", app.sign_out, "sign-out"),
            ),
            self.list,
            self.form.field("link", "Open an answer link", placeholder="https://.../rsvp/..."),
            row(button("Open", app.open_answer_link, "open-link-mine")),
        )
        self.meetups: list[MyMeetup] = []

    def rows(self) -> list[tuple[str, str]]:
        """What the list shows: each line's title and subtitle."""
        data: Any = self.list.data  # Toga's type names no iteration over a list source
        return [(row.title, row.subtitle) for row in data]

    def show(self, name: str, meetups: list[MyMeetup], note: str) -> None:
        """The person's list, with a note (offline, empty)."""
        self.person.text = f"Signed in as {name}"
        self.status.text = note
        self.meetups = meetups
        self.list.data = [
            {"id": m.id, "title": m.meetup["title"], "subtitle": _line_of(m), "icon": None}
            for m in meetups
        ]


def _line_of(mine: MyMeetup) -> str:
    # How I am in it first: the line is cut at the phone's edge.
    when = shown(mine.starts_at, str(mine.meetup.get("timezone", "UTC")))
    if mine.role == "organizer":
        return f"yours, {mine.meetup.get('status', '')} · {when}"
    return f"your answer: {mine.response or 'none yet'} · {when}"


class MeetupScreen:
    """A meetup's page: photo, time in mine and its time zone, description, and actions."""

    def __init__(self, app: Any) -> None:
        self.photo = toga.ImageView(id="photo", style=Pack(height=0))
        self.title = heading("")
        self.when = text()
        self.organizer = text()
        self.state = text()
        self.description = toga.MultilineTextInput(
            id="description", readonly=True, style=Pack(height=120, margin_top=4)
        )
        self.status = text()
        self.status.style.color = ERROR_COLOR
        self.join = button("Join (opens the browser)", app.join, "join")
        self.calendar = button("Add to calendar", app.add_to_calendar, "calendar")
        self.attending = button("Attending", app.answer_attending, "attending")
        self.declined = button("Decline", app.answer_declined, "declined")
        self.answers = row(self.attending, self.declined)
        self.organizing = column(
            row(
                button("Edit draft", app.edit_draft, "edit-draft"),
                button("Invite", app.open_invite, "invite"),
            ),
            row(
                button("Publish", app.publish, "publish"),
                button("Attendees", app.show_attendees, "attendees"),
            ),
        )
        self.organizing.style.margin = 0
        # The buttons of the person's role: an invitee answers, an organizer organizes.
        self.actions = toga.Box(style=Pack(direction="column"))
        self.content = column(
            row(button("< My meetups", app.show_my_meetups, "back")),
            self.photo,
            self.title,
            self.when,
            self.organizer,
            self.state,
            self.status,
            self.description,
            row(self.join, self.calendar),
            self.actions,
        )

    def show(
        self, meetup: dict[str, Any], *, response: str | None, organizer: bool, note: str = ""
    ) -> None:
        """Fill the page from the API's meetup; answers for an invitee, tools for its organizer."""
        self.title.text = meetup["title"]
        self.when.text = shown(meetup["starts_at"], meetup.get("timezone", "UTC"))
        self.organizer.text = f"Organized by {meetup.get('organizer', {}).get('name', '')}"
        answer = f" · your answer: {response}" if response else ""
        counts = meetup.get("counts") or {}
        self.state.text = (
            f"{meetup.get('status', '')}{answer} · {counts.get('attending', 0)} attending"
        )
        self.status.text = note
        self.description.value = meetup.get("description") or ""
        self.join.enabled = bool(meetup.get("join_url"))
        shown_actions = self.organizing if organizer else self.answers
        if list(self.actions.children) != [shown_actions]:
            self.actions.clear()
            self.actions.add(shown_actions)
        self.set_photo(None)

    def set_photo(self, image: bytes | None) -> None:
        """The meetup's photo, or no room for one."""
        self.photo.image = toga.Image(src=image) if image else None
        self.photo.style.height = 180 if image else 0


class DraftScreen:
    """The organizer's draft: create one, or edit it before it is published."""

    def __init__(self, app: Any) -> None:
        self.form = Form()
        self.title = heading("New meetup")
        self.status = text()
        self.status.style.color = ERROR_COLOR
        self.content = column(
            row(button("< Back", app.back_from_draft, "draft-back")),
            self.title,
            self.status,
            self.form.field("title", "Title"),
            self.form.field("description", "Description", toga.MultilineTextInput),
            self.form.field("starts_at", "Starts at", placeholder="2027-01-15T19:00:00+01:00"),
            self.form.field("timezone", "Time zone", placeholder="Europe/Berlin"),
            self.form.field("duration_minutes", "Minutes", placeholder="60"),
            self.form.field("join_url", "Join link", placeholder="https://..."),
            row(button("Save draft", app.save_draft, "save-draft")),
        )

    def show(self, meetup: dict[str, Any] | None) -> None:
        """An empty form for a new draft, or the draft's values."""
        self.title.text = "New meetup" if meetup is None else "Edit draft"
        self.status.text = ""
        self.form.show_errors({})
        for name, widget in self.form.inputs.items():
            widget.value = "" if meetup is None else str(meetup.get(name) or "")


class InviteScreen:
    """Invite people by email to the organizer's meetup."""

    def __init__(self, app: Any) -> None:
        self.form = Form()
        self.status = text()
        self.invited: toga.Table[Any] = toga.Table(
            id="invited",
            columns=["Email", "Answer"],
            style=Pack(height=200, margin_top=6),
        )
        self.content = column(
            row(button("< Meetup", app.back_to_meetup, "invite-back")),
            heading("Invite"),
            self.form.field("invitees", "Email addresses, one a line", toga.MultilineTextInput),
            row(button("Send invitations", app.invite, "send-invitations")),
            self.status,
            self.invited,
        )

    def show(self, invitations: list[dict[str, Any]]) -> None:
        """Who was invited, with their answers."""
        self.invited.data = [
            {"email": i["email"], "answer": i.get("response", "")} for i in invitations
        ]


class AttendeesScreen:
    """Who comes to the organizer's meetup."""

    def __init__(self, app: Any) -> None:
        self.title = heading("Attendees")
        self.table: toga.Table[Any] = toga.Table(
            id="attendee-list",
            columns=["Name", "Email"],
            style=Pack(height=300, margin_top=6),
        )
        self.content = column(
            row(button("< Meetup", app.back_to_meetup, "attendees-back")),
            self.title,
            self.table,
        )

    def show(self, attendees: list[dict[str, Any]]) -> None:
        """The attendee list."""
        self.title.text = f"Attendees ({len(attendees)})"
        self.table.data = [
            {"name": a.get("name") or "", "email": a.get("email", "")} for a in attendees
        ]


class AnswerScreen:
    """An answer link's page: the meetup, the invitation, and attending or declined."""

    def __init__(self, app: Any) -> None:
        self.title = heading("")
        self.when = text()
        self.invitee = text()
        self.response = text()
        self.status = text()
        self.status.style.color = ERROR_COLOR
        self.content = column(
            row(button("< Back", app.back_from_answer, "answer-back")),
            heading("Your invitation"),
            self.title,
            self.when,
            self.invitee,
            self.response,
            self.status,
            row(
                button("Attending", app.answer_attending, "answer-attending"),
                button("Decline", app.answer_declined, "answer-declined"),
            ),
            row(button("Add to calendar", app.add_to_calendar, "answer-calendar")),
        )

    def show(self, rsvp: dict[str, Any]) -> None:
        """Fill the page from ``GET /api/rsvp/{token}``'s answer."""
        meetup, invitation = rsvp["meetup"], rsvp["invitation"]
        self.title.text = meetup["title"]
        self.when.text = shown(meetup["starts_at"], meetup.get("timezone", "UTC"))
        self.invitee.text = f"For {invitation.get('name') or invitation['email']}"
        self.response.text = f"Your answer: {invitation['response']}"
        self.status.text = ""
