"""A meetup's calendar file from the server's one calendar builder, as the web app offers it:
an invitee's from their answer link (no account), and the organizer's or a signed-in
visitor's from the meetup's page. An emoji-heavy meetup's file parses whole."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from icalendar import Calendar

from tests.support.api import bearer, new_meetup, sign_up, sign_up_organizer
from tests.support.server import Server

pytestmark = pytest.mark.served

# Emoji are outside the Basic Multilingual Plane (two UTF-16 units, four UTF-8 bytes), and a
# long line of them is folded by the file's 75-octet rule: a fold must not split one.
TITLE = "🎉🎸 Launch party 🚀🚀🚀 with 👩🏽‍💻 founders 🌍🌎🌏 and 🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕"
DESCRIPTION = "Bring 🎈 and 🎁. " * 12


def event_of(answer: httpx.Response) -> Any:
    """The one event of a calendar file, checked to be one."""
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/calendar")
    assert answer.headers["content-disposition"].startswith("attachment;")
    calendar = Calendar.from_ical(answer.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def publish(api: httpx.Client, token: str, **values: Any) -> dict[str, Any]:
    meetup = new_meetup(api, token, title=TITLE, description=DESCRIPTION, **values)
    answer = api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(token))
    assert answer.status_code == 200, answer.text
    return meetup


def test_an_invitee_adds_an_emoji_heavy_meetup_to_their_calendar(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    organizer = sign_up_organizer(api, server)["access_token"]
    meetup = publish(api, organizer, visibility="public")
    member = sign_up(api, "Member")["access_token"]
    token = api.post(f"/api/meetups/{meetup['id']}/join", headers=bearer(member)).json()["token"]

    assert api.get(f"/api/rsvp/{token}").json()["invitation"]["joined"] is True
    before = event_of(api.get(f"/api/rsvp/{token}/calendar.ics"))
    assert str(before["summary"]) == TITLE
    assert "Bring 🎈 and 🎁." in str(before["description"])
    assert str(before["uid"]) == f"{meetup['id']}@slsplay"
    assert "location" not in before  # the join link is for those who attend
    assert before["attendee"].params["PARTSTAT"] == "NEEDS-ACTION"

    api.post(f"/api/rsvp/{token}", json={"response": "attending"})
    after = event_of(api.get(f"/api/rsvp/{token}/calendar.ics"))
    assert str(after["location"]) == meetup["join_url"]
    assert after["attendee"].params["PARTSTAT"] == "ACCEPTED"
    assert str(after["uid"]) == str(before["uid"])  # the same calendar entry, updated

    unknown = api.get("/api/rsvp/no-such-token/calendar.ics")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"


def test_the_meetup_page_gives_its_viewer_the_calendar_file(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    organizer = sign_up_organizer(api, server)["access_token"]
    public = publish(api, organizer, visibility="public")
    private = publish(api, organizer, visibility="private")

    hosted = event_of(
        api.get(f"/api/meetups/{private['id']}/calendar.ics", headers=bearer(organizer))
    )
    assert str(hosted["summary"]) == TITLE
    assert str(hosted["location"]) == private["join_url"]
    assert str(hosted["url"]).endswith(f"/meetups/{private['id']}")

    visitor = sign_up(api, "Visitor")["access_token"]
    seen = event_of(api.get(f"/api/meetups/{public['id']}/calendar.ics", headers=bearer(visitor)))
    assert str(seen["uid"]) == f"{public['id']}@slsplay"
    assert "location" not in seen
    hidden = api.get(f"/api/meetups/{private['id']}/calendar.ics", headers=bearer(visitor))
    assert hidden.status_code == 404
    assert hidden.headers["content-type"] == "application/problem+json"
    assert api.get(f"/api/meetups/{public['id']}/calendar.ics").status_code == 401
