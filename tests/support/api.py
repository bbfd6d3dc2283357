"""Speaking the HTTP API as a client would: sign up, plan a meetup (for tests and benchmarks)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

PASSWORD = "a long enough password"
_numbers = itertools.count()


def bearer(token: str) -> dict[str, str]:
    """The Authorization header for an access token."""
    return {"Authorization": f"Bearer {token}"}


def sign_up(
    api: httpx.Client, name: str = "Ada", headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """A new account with a fresh email address; answers the session."""
    email = f"{name.lower()}{next(_numbers)}@example.com"
    answer = api.post(
        "/api/auth/signup",
        json={"email": email, "password": PASSWORD, "name": name},
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    session: dict[str, Any] = answer.json()
    return session


def new_meetup(api: httpx.Client, token: str, **changes: Any) -> dict[str, Any]:
    """A draft meetup ten days ahead, with some fields replaced; answers the meetup."""
    starts = (datetime.now(UTC) + timedelta(days=10)).replace(microsecond=0)
    body = {
        "title": "Private dinner with the board",
        "description": "Join us **online**.",
        "category": "business",
        "starts_at": starts.isoformat(),
        "timezone": "Europe/Berlin",
        "duration_minutes": 90,
        "join_url": "https://meet.example.com/board",
        "capacity": 20,
        **changes,
    }
    answer = api.post("/api/meetups", json=body, headers=bearer(token))
    assert answer.status_code == 201, answer.text
    meetup: dict[str, Any] = answer.json()
    return meetup


def answer_link(api: httpx.Client, token: str, meetup_id: str, email: str) -> str:
    """A fresh answer link's token for one invitee, as the organizer asks for it."""
    answer = api.post(
        f"/api/meetups/{meetup_id}/invitations/link", json={"email": email}, headers=bearer(token)
    )
    assert answer.status_code == 200, answer.text
    link: str = answer.json()["token"]
    return link
