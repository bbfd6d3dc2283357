"""An organizer's insights through slsplay serve: 20 invited, 15 open their answer link, 10
answer, two reminders go out, 6 attendees open the join link; the insights API, its CSV and
GraphQL show exactly those numbers, counted by the analytics consumer of the change feed.

Under ``--chaos`` every stream record and queue message comes twice (and faults are
injected): the numbers are the same. On ``--backend aws`` the same runs on moto's DynamoDB,
Streams and SQS, the history going to its Firehose.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import httpx
import pytest

from slsplay.cli import main
from slsplay.graphql.relay import to_global_id
from tests.support.api import answer_link, bearer, new_meetup, sign_up, sign_up_organizer
from tests.support.server import Server, address
from tests.support.waiting import eventually

pytestmark = pytest.mark.served

JOIN_URL = "https://meet.example.com/insights"
INSIGHTS_QUERY = """
query ($id: ID!) {
  meetup(id: $id) {
    insights {
      funnel { invited emailed opened answered attending declined waiting joined }
      answersByHour { hour attending declined waiting }
      reminders { leadHours sentAt sent answeredAfter joinedAfter }
      revenueByDay { day tickets amountMinor currency }
    }
  }
}
"""


def backend_options(server: Server) -> list[str]:
    """The options that point ``jobs run`` at the server's backend (on AWS, its stage)."""
    if server.aws_endpoint is None:
        return []
    return ["--backend", "aws", "--aws-endpoint", server.aws_endpoint, "--stage", server.stage]


@pytest.fixture(autouse=True)
def emulated_credentials(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """moto's keys, for this process and the runtime ``jobs run`` starts (as the server's)."""
    if server.aws_endpoint is not None:
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")


def run_reminders(server: Server) -> None:
    """``slsplay jobs run reminders`` on the server's backend."""
    command = ["--data-dir", str(server.data_dir), "jobs", "run", "reminders"]
    assert main([*command, *backend_options(server)]) == 0


def history_by_kind(server: Server, meetup_id: str, capsys: pytest.CaptureFixture[str]) -> Any:
    """The meetup's facts in the analytics history, by kind (distinct ids: a retried batch
    may put a record twice): through ``slsplay analytics query`` over the local Parquet
    files; on AWS, what the emulated Firehose delivered to the bucket (no Athena runs here)."""
    if server.aws_endpoint is None:
        wanted = f"meetup_id = '{meetup_id}'"
        sql = f"SELECT kind, count(DISTINCT event_id) AS n FROM events WHERE {wanted} GROUP BY kind"  # noqa: S608
        command = ["--data-dir", str(server.data_dir), "analytics", "query", sql]
        capsys.readouterr()
        assert main([*command, "--format", "json"]) == 0
        return {row["kind"]: row["n"] for row in json.loads(capsys.readouterr().out)}
    s3 = boto3.client("s3", endpoint_url=server.aws_endpoint, region_name="eu-west-1")
    bucket = f"slsplay-{server.stage}-analytics-123456789012"
    ids: dict[str, set[str]] = {}
    for listed in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for stored in listed.get("Contents", []):
            body = s3.get_object(Bucket=bucket, Key=stored["Key"])["Body"].read().decode()
            for row in map(json.loads, body.splitlines()):
                if row["meetup_id"] == meetup_id:
                    ids.setdefault(row["kind"], set()).add(row["event_id"])
    return {kind: len(found) for kind, found in sorted(ids.items())}


def insights(api: httpx.Client, token: str, meetup_id: str) -> dict[str, Any]:
    answer = api.get(f"/api/meetups/{meetup_id}/insights", headers=bearer(token))
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def counted(api: httpx.Client, token: str, meetup_id: str, **funnel: int) -> dict[str, Any]:
    """Wait for the funnel to show at least ``funnel``; answers the insights then."""

    def caught_up() -> dict[str, Any] | None:
        """the analytics consumer counted what happened"""
        shown = insights(api, token, meetup_id)
        reached = all(shown["funnel"][name] >= value for name, value in funnel.items())
        return shown if reached else None

    found: dict[str, Any] = eventually(caught_up)
    return found


def test_the_insights_show_the_funnel_answers_reminders_and_joins_exactly(
    api: httpx.Client, server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a meetup starting in 23 h 55 min (its 24-hour reminder is due) with 20 invited
    token = sign_up_organizer(api, server, "Ines")["access_token"]
    starts_at = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=23, minutes=55)
    meetup = new_meetup(
        api, token, title="Tasting room", starts_at=starts_at.isoformat(), join_url=JOIN_URL
    )
    meetup_id = meetup["id"]
    guests = [address(f"insight{n}") for n in range(20)]
    invited = api.post(
        f"/api/meetups/{meetup_id}/invitations",
        headers=bearer(token),
        json={"invitees": [{"email": g} for g in guests]},
    )
    assert invited.status_code in (200, 201), invited.text
    assert api.post(f"/api/meetups/{meetup_id}/publish", headers=bearer(token)).is_success
    links = {guest: answer_link(api, token, meetup_id, guest) for guest in guests}

    # WHEN 15 open their link (some twice), 10 answer (7 attending, one after declining)
    for guest in guests[:15]:
        assert api.get(f"/api/rsvp/{links[guest]}").status_code == 200
    for guest in guests[:3]:
        assert api.get(f"/api/rsvp/{links[guest]}").status_code == 200  # not a new open
    answers = ["attending"] * 7 + ["declined"] * 3
    assert api.post(f"/api/rsvp/{links[guests[0]]}", json={"response": "declined"}).is_success
    for guest, response in zip(guests[:10], answers, strict=True):
        answered = api.post(f"/api/rsvp/{links[guest]}", json={"response": response})
        assert answered.status_code == 200, answered.text
    counted(api, token, meetup_id, emailed=20, opened=15, answered=10, attending=7)

    # AND the 24-hour reminder goes out, then the meetup moves to 55 minutes away and the
    # 1-hour reminder goes out
    run_reminders(server)
    eventually(lambda: len(insights(api, token, meetup_id)["reminders"]) == 1)
    soon = (datetime.now(UTC) + timedelta(minutes=55)).replace(microsecond=0)
    moved = api.patch(
        f"/api/meetups/{meetup_id}",
        headers=bearer(token),
        json={"starts_at": soon.isoformat()},
    )
    assert moved.status_code == 200, moved.text
    run_reminders(server)

    def both_reminded() -> bool:
        """both reminders sent to the 7 attendees"""
        reminders = insights(api, token, meetup_id)["reminders"]
        return [r["sent"] for r in reminders] == [7, 7]

    eventually(both_reminded)

    # AND 6 attendees open the join link (one twice): each is sent to the meetup's link
    for guest in [*guests[:6], guests[0]]:
        joined = api.get(f"/api/rsvp/{links[guest]}/join", follow_redirects=False)
        assert joined.status_code == 302, joined.text
        assert joined.headers["location"] == JOIN_URL
    declined = api.get(f"/api/rsvp/{links[guests[9]]}/join", follow_redirects=False)
    assert declined.status_code == 404  # the join link is for those who attend

    # THEN the insights show exactly those numbers
    shown = counted(api, token, meetup_id, joined=6)
    eventually(server.quiet)  # anything more, had it been due, would have been counted
    shown = insights(api, token, meetup_id)
    assert shown["funnel"] == {
        "invited": 20,
        "emailed": 20,
        "opened": 15,
        "answered": 10,
        "attending": 7,
        "declined": 3,
        "waiting": 0,
        "joined": 6,
    }
    hours = shown["answers_by_hour"]
    assert [h["hour"] for h in hours] == sorted(h["hour"] for h in hours)
    assert sum(h["attending"] for h in hours) == 7  # the first answer, declined, moved on
    assert sum(h["declined"] for h in hours) == 4
    assert [
        (r["lead_hours"], r["sent"], r["answered_after"], r["joined_after"])
        for r in shown["reminders"]
    ] == [(24, 7, 0, 6), (1, 7, 0, 6)]
    assert shown["revenue_by_day"] == []

    # AND GraphQL gives the same numbers, to the organizer only
    graphql = api.post(
        "/api/graphql",
        json={"query": INSIGHTS_QUERY, "variables": {"id": to_global_id("Meetup", meetup_id)}},
        headers=bearer(token),
    ).json()
    assert "errors" not in graphql, graphql
    same = graphql["data"]["meetup"]["insights"]
    assert same["funnel"] == shown["funnel"]
    assert [(r["leadHours"], r["sent"], r["joinedAfter"]) for r in same["reminders"]] == [
        (24, 7, 6),
        (1, 7, 6),
    ]
    assert sum(h["declined"] for h in same["answersByHour"]) == 4

    # AND the CSV has one row per figure
    exported = api.get(f"/api/meetups/{meetup_id}/insights.csv", headers=bearer(token))
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    funnel = {r["measure"]: int(r["value"]) for r in rows if r["series"] == "funnel"}
    assert funnel == shown["funnel"]

    # AND the history for SQL holds each fact once, with a GROUP BY by kind
    history = history_by_kind(server, meetup_id, capsys)
    assert history.pop("email_sent") >= 20  # the invitations, confirmations, the new time
    assert history == {
        "answered": 11,
        "invitation_created": 20,
        "invitation_opened": 15,
        "join_opened": 6,
        "reminder_sent": 14,
    }


def test_a_member_who_joined_from_search_and_opens_the_join_link_is_counted_once(
    api: httpx.Client, server: Server
) -> None:
    # GIVEN a public meetup, and a member who joins it from search and attends
    host = sign_up_organizer(api, server, "Hana")["access_token"]
    meetup = new_meetup(api, host, title="Open studio", visibility="public", join_url=JOIN_URL)
    assert api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(host)).is_success
    member = sign_up_organizer(api, server, "Milo")["access_token"]
    joined = api.post(f"/api/meetups/{meetup['id']}/join", headers=bearer(member))
    assert joined.status_code == 200, joined.text
    token = joined.json()["token"]
    assert api.post(f"/api/rsvp/{token}", json={"response": "attending"}).is_success

    # WHEN they open the join link signed in, twice
    for _ in range(2):
        link = api.post(f"/api/me/invitations/{meetup['id']}/join", headers=bearer(member))
        assert link.status_code == 200, link.text
        assert link.json() == {"url": JOIN_URL}

    # THEN the organizer sees one invitee (from search), one attending, one joined
    counted(api, host, meetup["id"], invited=1, attending=1, joined=1)
    eventually(server.quiet)
    assert insights(api, host, meetup["id"])["funnel"] == {
        "invited": 1,
        "emailed": 0,
        "opened": 0,
        "answered": 1,
        "attending": 1,
        "declined": 0,
        "waiting": 0,
        "joined": 1,
    }


def test_someone_else_s_insights_are_not_found(api: httpx.Client, server: Server) -> None:
    token = sign_up_organizer(api, server, "Olga")["access_token"]
    meetup = new_meetup(api, token, title="Private room")
    stranger = sign_up(api, "Sam")["access_token"]

    for path in ("insights", "insights.csv"):
        answer = api.get(f"/api/meetups/{meetup['id']}/{path}", headers=bearer(stranger))
        assert answer.status_code == 404
        assert answer.headers["content-type"] == "application/problem+json"
    graphql = api.post(
        "/api/graphql",
        json={"query": INSIGHTS_QUERY, "variables": {"id": to_global_id("Meetup", meetup["id"])}},
        headers=bearer(stranger),
    ).json()
    assert graphql["data"]["meetup"] is None or graphql["data"]["meetup"]["insights"] is None
    assert json.dumps(insights(api, token, meetup["id"])["funnel"]) == json.dumps(
        dict.fromkeys(
            (
                "invited",
                "emailed",
                "opened",
                "answered",
                "attending",
                "declined",
                "waiting",
                "joined",
            ),
            0,
        )
    )
