"""The event-driven chain through slsplay serve: change feed -> stream -> queue -> email."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.support.api import bearer, new_meetup, sign_up
from tests.support.server import Server, running_server

DEADLINE_SECONDS = 20


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("chain") / "data") as running:
        yield running


def eventually(check: Callable[[], Any]) -> Any:
    """Poll ``check`` until it answers something truthy, or fail at the deadline."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {DEADLINE_SECONDS} s: {check.__doc__}")
        time.sleep(0.1)


def test_publishing_emails_each_invitee_once_with_a_working_answer_link(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=10)
    token = sign_up(api, "Host")["access_token"]
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
    guests = ["ana@example.com", "ben@example.com", "cleo@example.com"]
    api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        headers=auth,
        json={"invitees": [{"email": g} for g in guests]},
    )
    api.post(f"/api/meetups/{meetup['id']}/publish", headers=auth)

    def invitations() -> list[dict[str, Any]]:
        """three invitations in the mailbox"""
        messages = api.get("/api/_dev/mail").json()["messages"]
        found = [m for m in messages if m["subject"].startswith("Host invited you")]
        return found if len(found) >= 3 else []

    found = eventually(invitations)
    assert sorted(m["to"] for m in found) == guests
    assert all(any(a["filename"].endswith(".ics") for a in m["attachments"]) for m in found)

    ana = next(m for m in found if m["to"] == "ana@example.com")
    token = re.search(r"/rsvp/([A-Za-z0-9_-]+)", ana["text"])
    assert token is not None
    answered = api.post(f"/api/rsvp/{token.group(1)}", json={"response": "attending"})
    assert answered.status_code == 200
    assert answered.json()["meetup"]["join_url"] == "https://meet.example.com/salon"

    def confirmation() -> bool:
        """a confirmation to ana"""
        messages = api.get("/api/_dev/mail").json()["messages"]
        return any(m["to"] == "ana@example.com" and m not in found for m in messages)

    eventually(confirmation)
    messages = api.get("/api/_dev/mail").json()["messages"]
    assert len([m for m in messages if m["subject"].startswith("Host invited you")]) == 3
    assert api.get("/_dev/mail").status_code == 200
