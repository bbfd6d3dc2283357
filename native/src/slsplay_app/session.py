"""What the person does in the app, apart from any widget: sign in and out, read "My meetups"
(from the API, else from the device's copy), open a meetup, answer, and organize. Each use
case is one method; refusals come out as ``ApiProblem`` (with the fields at fault) and an
unreachable server as ``Offline``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from slsplay_app.api import Api
from slsplay_app.cache import MeetupCache, MyMeetup
from slsplay_app.problems import ApiProblem, Offline
from slsplay_app.tokens import Tokens
from slsplay_client.api.answers import (
    answer_invitation_api_rsvp_token_post,
    invitation_calendar_api_rsvp_token_calendar_ics_get,
    my_answer_link_api_me_invitations_id_answer_link_post,
    my_invitations_api_me_invitations_get,
    view_invitation_api_rsvp_token_get,
)
from slsplay_client.api.auth import (
    log_in_api_auth_login_post,
    log_out_api_auth_logout_post,
    request_code_api_auth_code_post,
    sign_in_with_code_api_auth_code_verify_post,
    start_as_guest_api_auth_guest_post,
)
from slsplay_client.api.meetups import (
    attendees_api_meetups_id_attendees_get,
    create_meetup_api_meetups_post,
    get_meetup_api_meetups_id_get,
    get_meetup_calendar_api_meetups_id_calendar_ics_get,
    invite_people_api_meetups_id_invitations_post,
    my_meetups_api_me_meetups_get,
    publish_meetup_api_meetups_id_publish_post,
    update_meetup_api_meetups_id_patch,
)
from slsplay_client.models import (
    CodeIn,
    EmailIn,
    InviteeIn,
    InviteRequest,
    LoginIn,
    MeetupCreate,
    MeetupUpdate,
    RefreshIn,
    RsvpIn,
)

# The fields of the organizer's draft form, as the API names them.
DRAFT_FIELDS = ("title", "description", "starts_at", "timezone", "duration_minutes", "join_url")
ANSWERS = ("attending", "declined")


def answer_token(link: str) -> str:
    """The token of an answer link (``<base>/rsvp/{token}``), or of a bare token."""
    text = link.strip()
    path = urlsplit(text).path if "://" in text else text
    parts = [part for part in path.split("/") if part]
    if "rsvp" in parts and parts.index("rsvp") + 1 < len(parts):
        return parts[parts.index("rsvp") + 1]
    if len(parts) == 1 and "/" not in text:
        return parts[0]
    raise ApiProblem(
        400, "invalid_link", "This is not an answer link.", {"link": "not an answer link"}
    )


class Session:
    """The person's use of the app against one API, with the device's copy of their list."""

    def __init__(
        self,
        api: Api,
        cache: MeetupCache,
        data_dir: Path,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.api = api
        self._cache = cache
        self._data_dir = data_dir
        self._now = now
        self.offline = False

    @property
    def person(self) -> Tokens | None:
        """Who is signed in on this device, if anyone."""
        return self.api.signed_in

    # Signing in and out

    async def log_in(self, email: str, password: str) -> Tokens:
        """Sign in with an email address and a password."""
        _required(email=email, password=password)
        body = LoginIn(email=email.strip(), password=password)
        return self.api.keep(
            await self.api.call(log_in_api_auth_login_post.asyncio_detailed, body=body)
        )

    async def request_code(self, email: str) -> None:
        """Have a 6-digit sign-in code emailed to ``email``."""
        _required(email=email)
        await self.api.call(
            request_code_api_auth_code_post.asyncio_detailed, body=EmailIn(email=email.strip())
        )

    async def sign_in_with_code(self, email: str, code: str) -> Tokens:
        """Sign in with the code emailed to ``email``."""
        _required(email=email, code=code)
        body = CodeIn(email=email.strip(), code=code.strip())
        operation = sign_in_with_code_api_auth_code_verify_post.asyncio_detailed
        return self.api.keep(await self.api.call(operation, body=body))

    async def start_as_guest(self) -> Tokens:
        """Start as a guest (drafts kept until the guest signs up)."""
        return self.api.keep(
            await self.api.call(start_as_guest_api_auth_guest_post.asyncio_detailed)
        )

    async def sign_out(self) -> None:
        """End the sign-in on the server (when reachable) and drop it and the list here."""
        person = self.person
        if person is None:
            return
        if person.refresh_token:
            # The device forgets the sign-in either way; unreachable, the token lapses there.
            with contextlib.suppress(ApiProblem, Offline):
                await self.api.call(
                    log_out_api_auth_logout_post.asyncio_detailed,
                    body=RefreshIn(refresh_token=person.refresh_token),
                )
        self._cache.forget(person.user_id)
        self.api.forget()

    # My meetups

    async def my_meetups(self) -> list[MyMeetup]:
        """Upcoming meetups I organize, attend or am invited to (with my answer), soonest
        first; the device's copy when the API cannot be reached (``offline`` says so)."""
        person = self._signed_in()
        try:
            organized = await self.api.call_as_me(
                my_meetups_api_me_meetups_get.asyncio_detailed, limit=100
            )
            invited = await self.api.call_as_me(
                my_invitations_api_me_invitations_get.asyncio_detailed, when="upcoming", limit=100
            )
        except Offline:
            self.offline = True
            return self._cache.meetups(person.user_id)
        self.offline = False
        now = self._now()
        mine = [
            MyMeetup(m.to_dict(), "organizer")
            for m in organized.meetups
            if m.ends_at > now and m.status != "cancelled"
        ]
        seen = {m.id for m in mine}
        mine += [
            MyMeetup(r.meetup.to_dict(), "invited", r.invitation.response)
            for r in invited.invitations
            if r.meetup.id not in seen
        ]
        mine.sort(key=lambda m: (m.starts_at, m.id))
        self._cache.replace(person.user_id, mine, now.isoformat())
        return mine

    def kept_meetups(self) -> list[MyMeetup]:
        """The device's copy of the person's list (what shows before the API answers)."""
        person = self.person
        return [] if person is None else self._cache.meetups(person.user_id)

    async def meetup(self, meetup_id: str, *, organizer: bool) -> dict[str, Any]:
        """A meetup's page as the person may see it. Its organizer's comes from the API (the
        kept copy when offline); an invitee's is the one her list just brought, as the API
        shows a meetup to an invitee only by her answer link, minted when she answers."""
        person = self._signed_in()
        kept = next((m for m in self._cache.meetups(person.user_id) if m.id == meetup_id), None)
        if not organizer:
            if kept is None:
                raise ApiProblem(404, "not_found", "This meetup is not in your list.")
            return kept.meetup
        try:
            found = await self.api.call_as_me(
                get_meetup_api_meetups_id_get.asyncio_detailed, meetup_id
            )
        except Offline:
            if kept is None:
                raise
            self.offline = True
            return kept.meetup
        meetup: dict[str, Any] = found.to_dict()
        return meetup

    # Answering

    async def my_answer_token(self, meetup_id: str) -> str:
        """A fresh answer link's token for a meetup in my list."""
        operation = my_answer_link_api_me_invitations_id_answer_link_post.asyncio_detailed
        joined = await self.api.call_as_me(operation, meetup_id)
        return str(joined.token)

    async def invitation(self, token: str) -> dict[str, Any]:
        """The meetup and invitation an answer link shows: ``{meetup, invitation}``."""
        found = await self.api.call(view_invitation_api_rsvp_token_get.asyncio_detailed, token)
        rsvp: dict[str, Any] = found.to_dict()
        return rsvp

    async def answer(self, token: str, response: str) -> dict[str, Any]:
        """Answer the invitation of ``token``: attending or declined."""
        if response not in ANSWERS:
            raise ApiProblem(
                422,
                "invalid_answer",
                "Answer attending or declined.",
                {"response": "attending or declined"},
            )
        body = RsvpIn.from_dict({"response": response})
        answered = await self.api.call(
            answer_invitation_api_rsvp_token_post.asyncio_detailed, token, body=body
        )
        rsvp: dict[str, Any] = answered.to_dict()
        return rsvp

    async def calendar_file(self, meetup_id: str, token: str | None = None) -> Path:
        """The server's .ics of the meetup, saved where a calendar app can open it."""
        if token is not None:
            text = await self.api.call(
                invitation_calendar_api_rsvp_token_calendar_ics_get.asyncio_detailed, token
            )
        else:
            text = await self.api.call_as_me(
                get_meetup_calendar_api_meetups_id_calendar_ics_get.asyncio_detailed, meetup_id
            )
        path = self._data_dir / "calendar" / f"{meetup_id}.ics"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(str(text))
        return path

    # Organizing

    async def create_draft(self, form: dict[str, str]) -> dict[str, Any]:
        """A new draft meetup from the organizer's form."""
        body = _built(MeetupCreate, _draft_fields(form, partial=False))
        created = await self.api.call_as_me(
            create_meetup_api_meetups_post.asyncio_detailed, body=body
        )
        meetup: dict[str, Any] = created.to_dict()
        return meetup

    async def update_draft(
        self, meetup_id: str, form: dict[str, str], version: int
    ) -> dict[str, Any]:
        """The draft changed as the form says, if nobody changed it since ``version``."""
        body = _built(MeetupUpdate, _draft_fields(form, partial=True))
        updated = await self.api.call_as_me(
            update_meetup_api_meetups_id_patch.asyncio_detailed,
            meetup_id,
            body=body,
            if_match=f'"{version}"',
        )
        meetup: dict[str, Any] = updated.to_dict()
        return meetup

    async def invite(self, meetup_id: str, addresses: str) -> list[dict[str, Any]]:
        """Invite each address of ``addresses`` (one a line, or separated by commas)."""
        emails = [a.strip() for a in addresses.replace(",", "\n").splitlines() if a.strip()]
        if not emails:
            raise ApiProblem(
                422,
                "invitees_required",
                "Add an email address.",
                {"invitees": "add an email address"},
            )
        body = InviteRequest(invitees=[InviteeIn(email=e) for e in emails])
        answered = await self.api.call_as_me(
            invite_people_api_meetups_id_invitations_post.asyncio_detailed, meetup_id, body=body
        )
        return [i.to_dict() for i in answered.invitations]

    async def publish(self, meetup_id: str) -> dict[str, Any]:
        """Publish a draft: its invitations go out."""
        published = await self.api.call_as_me(
            publish_meetup_api_meetups_id_publish_post.asyncio_detailed, meetup_id
        )
        meetup: dict[str, Any] = published.to_dict()
        return meetup

    async def attendees(self, meetup_id: str) -> list[dict[str, Any]]:
        """Who comes to the meetup (for its organizer)."""
        found = await self.api.call_as_me(
            attendees_api_meetups_id_attendees_get.asyncio_detailed, meetup_id
        )
        return [a.to_dict() for a in found.attendees]

    async def photo(self, meetup: dict[str, Any]) -> bytes | None:
        """The meetup's photo (its smallest image rendition), if it has one ready."""
        for media in meetup.get("media") or []:
            renditions = [
                r
                for r in media.get("renditions") or []
                if str(r.get("content_type", "")).startswith("image/")
            ]
            if media.get("status") == "ready" and renditions:
                smallest = min(renditions, key=lambda r: r.get("width") or 0)
                # A rendition's address is a signed storage URL, not a route of the API: the
                # document has no operation for it, so the client's own HTTP session reads it.
                try:
                    answer = (
                        await self.api.anonymous().get_async_httpx_client().get(smallest["url"])
                    )
                except Exception:
                    return None
                return answer.content if answer.status_code == 200 else None
        return None

    def _signed_in(self) -> Tokens:
        if self.person is None:
            raise ApiProblem(401, "sign_in_required", "Sign in first.")
        return self.person


def _required(**values: str) -> None:
    missing = {name: "is required" for name, value in values.items() if not value.strip()}
    if missing:
        raise ApiProblem(422, "validation_failed", "Fill in the fields marked.", missing)


def _draft_fields(form: dict[str, str], *, partial: bool) -> dict[str, Any]:
    values: dict[str, Any] = {name: form.get(name, "").strip() for name in DRAFT_FIELDS}
    if not partial:
        _required(**{n: v for n, v in values.items() if n != "description"})
    values = {name: text for name, text in values.items() if text}
    if "duration_minutes" in values:
        try:
            values["duration_minutes"] = int(values["duration_minutes"])
        except ValueError:
            raise ApiProblem(
                422,
                "validation_failed",
                "Fill in the fields marked.",
                {"duration_minutes": "a number of minutes"},
            ) from None
    return values


def _built(model: Any, values: dict[str, Any]) -> Any:
    """The generated model of ``values``; a value it refuses is shown next to its field."""
    try:
        return model.from_dict(values)
    except (ValueError, TypeError) as e:
        # The generated models check time zones and parse times before anything is sent;
        # their messages quote the value, not the field.
        field = next((n for n, v in values.items() if repr(str(v)) in str(e)), "starts_at")
        message = LOCAL_CHECKS.get(field, "is not valid")
        raise ApiProblem(
            422, "validation_failed", "Fill in the fields marked.", {field: message}
        ) from None


LOCAL_CHECKS = {
    "starts_at": "a time with its offset, e.g. 2027-01-15T19:00:00+01:00",
    "timezone": "a time zone such as Europe/Berlin",
}
