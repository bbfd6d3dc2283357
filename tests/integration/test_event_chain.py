"""The event-driven chain through slsplay serve: change feed -> stream -> queue -> email."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from icalendar import Calendar

from tests.support.api import answer_link, bearer, new_meetup, sign_up_organizer
from tests.support.server import Server, address
from tests.support.waiting import eventually

pytestmark = pytest.mark.served


def invite_and_publish(
    api: httpx.Client, auth: dict[str, str], meetup: dict[str, Any], guests: list[str]
) -> None:
    """Invite ``guests`` to a draft, then publish it (the invitations go out by email)."""
    api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        headers=auth,
        json={"invitees": [{"email": g} for g in guests]},
    )
    api.post(f"/api/meetups/{meetup['id']}/publish", headers=auth)


def test_publishing_emails_each_invitee_once_with_a_working_answer_link(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    auth = bearer(token)
    meetup = new_meetup(
        api,
        token,
        title="Salon evening",
        starts_at=(datetime.now(UTC) + timedelta(days=3)).isoformat(),
        timezone="Europe/Paris",
        duration_minutes=120,
        join_url="https://meet.example.com/salon",
    )
    guests = [address("ana"), address("ben"), address("cleo")]
    invite_and_publish(api, auth, meetup, guests)

    def invitations() -> list[dict[str, Any]]:
        """three invitations in the mailbox"""
        messages = server.mail()
        found = [m for m in messages if m["subject"].startswith("Host invited you")]
        return found if len(found) >= 3 else []

    found = eventually(invitations)
    assert sorted(m["to"] for m in found) == guests
    assert all(any(a["filename"].endswith(".ics") for a in m["attachments"]) for m in found)

    ana = next(m for m in found if m["to"] == address("ana"))
    token = re.search(r"/rsvp/([A-Za-z0-9_-]+)", ana["text"])
    assert token is not None
    answered = api.post(f"/api/rsvp/{token.group(1)}", json={"response": "attending"})
    assert answered.status_code == 200
    assert answered.json()["meetup"]["join_url"] == "https://meet.example.com/salon"

    def confirmation() -> bool:
        """a confirmation to ana"""
        messages = server.mail()
        return any(m["to"] == address("ana") and m not in found for m in messages)

    eventually(confirmation)
    messages = server.mail()
    assert len([m for m in messages if m["subject"].startswith("Host invited you")]) == 3


def test_an_invitee_who_unsubscribes_in_one_click_hears_no_more_of_the_meetup(
    server: Server,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    auth = bearer(token)
    meetup = new_meetup(api, token, title="Vineyard walk", timezone="UTC")
    guests = [address("dora"), address("eli")]
    invite_and_publish(api, auth, meetup, guests)

    def mail_about(subject: str, count: int = 1) -> Callable[[], list[dict[str, Any]]]:
        def found() -> list[dict[str, Any]]:
            messages = server.mail()
            sent = [m for m in messages if m["to"] in guests and subject in m["subject"]]
            return sent if len(sent) >= count else []

        found.__doc__ = f"{count} emails about {subject!r} to the guests"
        return found

    invitations = eventually(mail_about("invited you", count=2))
    dora = next(m for m in invitations if m["to"] == address("dora"))
    link = re.search(rf"{re.escape(server.url)}(/api/unsubscribe/[A-Za-z0-9_-]+)", dora["text"])
    assert link is not None, dora["text"]

    page = api.get(link.group(1))
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<form method="post">' in page.text  # a GET asks; it changes nothing
    one_click = api.post(
        link.group(1),
        content="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert one_click.status_code == 200, one_click.text
    assert one_click.json()["email"] == address("dora")
    assert api.get(link.group(1)).text.count("will get no more emails") == 1

    later = (datetime.fromisoformat(meetup["starts_at"]) + timedelta(hours=2)).isoformat()
    moved = api.patch(f"/api/meetups/{meetup['id']}", headers=auth, json={"starts_at": later})
    assert moved.status_code == 200, moved.text
    [notice] = eventually(mail_about("New time"))
    assert notice["to"] == address("eli")
    eventually(server.quiet)  # had dora's notice been due, it would have come by now
    assert [m["to"] for m in mail_about("New time")()] == [address("eli")]
    assert api.get("/api/unsubscribe/not-a-known-token").status_code == 404


@pytest.mark.dev_only
def test_the_dev_mailbox_shows_the_mail_to_people_and_its_calendar_file_downloads(
    server: Server,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    meetup = new_meetup(api, token, title="Mailbox evening")
    guest = address("ivy")
    invite_and_publish(api, bearer(token), meetup, [guest])

    def invitation() -> list[dict[str, Any]]:
        """the invitation in the mailbox"""
        return [m for m in server.mail() if m["to"] == guest]

    sent = eventually(invitation)[0]
    page = api.get("/_dev/mail")
    [ics] = [n for n, a in enumerate(sent["attachments"]) if a["filename"].endswith(".ics")]
    link = f"/_dev/mail/{quote(sent['id'], safe='')}/attachments/{ics}"
    download = api.get(link)

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Local mailbox" in page.text
    assert f'href="{link}"' in page.text
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/calendar")
    assert download.headers["content-disposition"].startswith("attachment;")
    [event] = Calendar.from_ical(download.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Mailbox evening"


def test_a_seat_freed_by_a_decline_goes_to_the_first_in_line_who_is_told(
    server: Server,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    auth = bearer(token)
    meetup = new_meetup(api, token, title="Chef's table", capacity=1, timezone="UTC")
    guests = [address("fay"), address("gus"), address("hal")]
    invite_and_publish(api, auth, meetup, guests)
    links = {g: answer_link(api, token, meetup["id"], g) for g in guests}

    answers = [
        api.post(f"/api/rsvp/{links[g]}", json={"response": "attending"}).json() for g in guests
    ]
    assert [a["invitation"]["response"] for a in answers] == [
        "attending",
        "waitlisted",
        "waitlisted",
    ]
    assert answers[1]["meetup"]["join_url"] is None  # not until they have a seat
    listed = api.get(f"/api/meetups/{meetup['id']}/attendees", headers=auth).json()
    assert [w["email"] for w in listed["waitlist"]] == [address("gus"), address("hal")]

    api.post(f"/api/rsvp/{links[address('fay')]}", json={"response": "declined"})

    def seated() -> bool:
        """gus, first in line, attending"""
        answer = api.get(f"/api/rsvp/{links[address('gus')]}")
        assert answer.status_code == 200, answer.text
        return bool(answer.json()["invitation"]["response"] == "attending")

    eventually(seated)

    def told() -> list[dict[str, Any]]:
        """gus told by email that he is going"""
        return [
            m
            for m in server.mail()
            if m["to"] == address("gus") and m["subject"] == "You're going to Chef's table"
        ]

    eventually(told)
    listed = api.get(f"/api/meetups/{meetup['id']}/attendees", headers=auth).json()
    assert [a["email"] for a in listed["attendees"]] == [address("gus")]
    assert [w["email"] for w in listed["waitlist"]] == [address("hal")]

    def told_to_wait() -> list[dict[str, Any]]:
        """hal told by email that he is on the waiting list (his answer's own event)"""
        return [
            m
            for m in server.mail()
            if m["to"] == address("hal")
            and m["subject"] == "You're on the waiting list for Chef's table"
        ]

    eventually(told_to_wait)


def test_raising_the_capacity_seats_those_waiting_in_order(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    auth = bearer(token)
    meetup = new_meetup(api, token, title="Tasting", capacity=1, timezone="UTC")
    guests = [address("ivy"), address("jon"), address("kit")]
    invite_and_publish(api, auth, meetup, guests)
    for guest in guests:
        link = answer_link(api, token, meetup["id"], guest)
        api.post(f"/api/rsvp/{link}", json={"response": "attending"})

    raised = api.patch(f"/api/meetups/{meetup['id']}", headers=auth, json={"capacity": 2})
    assert raised.status_code == 200, raised.text

    def seated() -> dict[str, Any]:
        """jon, first in line, seated; kit still waiting"""
        answer = api.get(f"/api/meetups/{meetup['id']}/attendees", headers=auth)
        assert answer.status_code == 200, answer.text
        listed = answer.json()
        return listed if len(listed["attendees"]) == 2 else {}

    listed = eventually(seated)
    assert [a["email"] for a in listed["attendees"]] == [address("ivy"), address("jon")]
    assert [w["email"] for w in listed["waitlist"]] == [address("kit")]
