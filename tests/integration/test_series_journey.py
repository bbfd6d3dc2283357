"""A monthly series through slsplay serve: made with a rule, published (its next 60 days
created with the invitees), answered for the whole series, edited "this and all future",
one occurrence cancelled, and the series' .ics."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.support.api import answer_link, bearer, new_meetup, sign_up, sign_up_organizer
from tests.support.server import Server, address

pytestmark = pytest.mark.served

BERLIN = ZoneInfo("Europe/Berlin")


def first_start() -> datetime:
    """19:00 in Berlin, ten days from now: the next month's is within 60 days."""
    day = datetime.now(BERLIN) + timedelta(days=10)
    return day.replace(hour=19, minute=0, second=0, microsecond=0)


def series_of(api: httpx.Client, token: str, meetup_id: str) -> dict[str, Any]:
    answer = api.get(f"/api/meetups/{meetup_id}/series", headers=bearer(token))
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def test_a_monthly_series_from_rule_to_calendar(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    auth = bearer(token)
    start = first_start()
    rule = {"frequency": "monthly", "by": "weekday", "count": 6}
    first = new_meetup(api, token, starts_at=start.isoformat(), recurrence=rule)
    assert first["series"]["occurrence"] == 1
    assert first["series"]["summary"].startswith("Monthly on the ")
    assert first["series"]["rrule"].startswith("FREQ=MONTHLY;BYDAY=")
    guest = address("gia")
    api.post(
        f"/api/meetups/{first['id']}/invitations",
        headers=auth,
        json={"invitees": [{"email": guest}]},
    )
    assert len(series_of(api, token, first["id"])["occurrences"]) == 1  # a draft series

    assert api.post(f"/api/meetups/{first['id']}/publish", headers=auth).status_code == 200
    found = series_of(api, token, first["id"])
    assert found["published"] is True
    numbers = [o["occurrence"] for o in found["occurrences"]]
    assert numbers[:2] == [1, 2]
    second_id = found["occurrences"][1]["meetup_id"]
    second = api.get(f"/api/meetups/{second_id}", headers=auth).json()
    assert second["status"] == "published"
    assert second["counts"]["invited"] == 1  # the invitees carried over
    assert datetime.fromisoformat(second["starts_at"]).astimezone(BERLIN).hour == 19

    # The guest answers for the whole series: the later occurrence takes the answer.
    link = answer_link(api, token, first["id"], guest)
    answered = api.post(f"/api/rsvp/{link}", json={"response": "attending", "scope": "series"})
    assert answered.status_code == 200, answered.text
    listed = api.get(f"/api/meetups/{second_id}/invitations", headers=auth).json()
    assert [i["response"] for i in listed["invitations"]] == ["attending"]

    # "This and all future" from the first: the template changes, and the second with it.
    edited = api.patch(
        f"/api/meetups/{first['id']}",
        params={"apply_to": "following"},
        headers=auth,
        json={"title": "Board dinner, new room"},
    )
    assert edited.status_code == 200, edited.text
    second = api.get(f"/api/meetups/{second_id}", headers=auth).json()
    assert second["title"] == "Board dinner, new room"

    # One occurrence cancelled: the series skips it, and the .ics lists it as an exception.
    assert api.post(f"/api/meetups/{second_id}/cancel", headers=auth).status_code == 200
    assert series_of(api, token, first["id"])["skipped"] == [2]
    ics = api.get(f"/api/meetups/{first['id']}/series.ics", headers=auth)
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    text = ics.text.replace("\r\n ", "")
    assert "RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=" in text or "RRULE:FREQ=MONTHLY;BYDAY=" in text
    assert "EXDATE;TZID=Europe/Berlin:" in text


def test_a_meetup_that_does_not_repeat_has_no_series(api: httpx.Client) -> None:
    token = sign_up(api, "Host")["access_token"]
    meetup = new_meetup(api, token)
    assert meetup["series"] is None
    answer = api.get(f"/api/meetups/{meetup['id']}/series", headers=bearer(token))
    assert answer.status_code == 404
    assert answer.json()["code"] == "series_not_found"


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"frequency": "weekly"}, "recurrence.frequency"),
        ({"frequency": "monthly", "count": 0}, "recurrence.count"),
        ({"frequency": "monthly", "by": "weekday", "nth": 7}, "recurrence.nth"),
        ({"frequency": "monthly", "until": "2001-01-01"}, "recurrence.until"),
        ({"frequency": "monthly", "count": 3, "until": "2099-01-01"}, "recurrence.until"),
    ],
)
def test_a_bad_rule_is_a_problem_naming_the_field(
    api: httpx.Client, rule: dict[str, object], field: str
) -> None:
    token = sign_up(api, "Host")["access_token"]
    body = {
        "title": "Repeats",
        "starts_at": first_start().isoformat(),
        "timezone": "Europe/Berlin",
        "duration_minutes": 60,
        "join_url": "https://meet.example.com/r",
        "recurrence": rule,
    }
    answer = api.post("/api/meetups", json=body, headers=bearer(token))
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in answer.json()["errors"]]
    mine = api.get("/api/me/meetups", headers=bearer(token)).json()
    assert mine["meetups"] == []  # nothing half-made stays behind


def test_an_edit_scope_must_be_one_of_two(api: httpx.Client) -> None:
    token = sign_up(api, "Host")["access_token"]
    meetup = new_meetup(api, token)
    answer = api.patch(
        f"/api/meetups/{meetup['id']}",
        params={"apply_to": "everything"},
        headers=bearer(token),
        json={"title": "x"},
    )
    assert answer.status_code == 422
    assert "apply_to" in [e["field"] for e in answer.json()["errors"]]


def test_graphql_makes_a_series_and_edits_all_future(api: httpx.Client) -> None:
    token = sign_up(api, "Host")["access_token"]

    def gql(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        answer = api.post(
            "/api/graphql", json={"query": query, "variables": variables}, headers=bearer(token)
        ).json()
        assert "errors" not in answer, answer
        data: dict[str, Any] = answer["data"]
        return data

    created = gql(
        """mutation C($input: CreateMeetupInput!) {
             createMeetup(input: $input) {
               meetup { id meetupId seriesId occurrence } userErrors { field code }
             }
           }""",
        {
            "input": {
                "title": "Reading circle",
                "startsAt": first_start().isoformat(),
                "timezone": "Europe/Berlin",
                "durationMinutes": 60,
                "joinUrl": "https://meet.example.com/read",
                "recurrence": {"count": 3},
            }
        },
    )["createMeetup"]
    assert created["userErrors"] == []
    meetup = created["meetup"]
    assert meetup["occurrence"] == 1
    assert meetup["seriesId"]

    updated = gql(
        """mutation U($input: UpdateMeetupInput!) {
             updateMeetup(input: $input) { meetup { title occurrence } userErrors { code } }
           }""",
        {"input": {"id": meetup["id"], "title": "Book club", "applyTo": "following"}},
    )["updateMeetup"]
    assert updated == {"meetup": {"title": "Book club", "occurrence": 1}, "userErrors": []}
    found = series_of(api, token, meetup["meetupId"])
    assert found["rule"]["count"] == 3
