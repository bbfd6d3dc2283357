"""Speaking the HTTP API as a client would: sign up (and prove the address from the emailed
link, as organizers must before publishing), plan a meetup (for tests and benchmarks)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.support.server import Server, address
from tests.support.waiting import eventually

PASSWORD = "a long enough password"
_numbers = itertools.count()


def bearer(token: str) -> dict[str, str]:
    """The Authorization header for an access token."""
    return {"Authorization": f"Bearer {token}"}


def sign_up(
    api: httpx.Client,
    name: str = "Ada",
    headers: dict[str, str] | None = None,
    *,
    email: str | None = None,
) -> dict[str, Any]:
    """A new account (with a fresh email address unless given); answers the session."""
    email = email or f"{name.lower()}{next(_numbers)}@example.com"
    answer = api.post(
        "/api/auth/signup",
        json={"email": email, "password": PASSWORD, "name": name},
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    session: dict[str, Any] = answer.json()
    return session


def sign_up_organizer(
    api: httpx.Client, server: Server, name: str = "Host", headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """A new account that has proved its address by the emailed link, so it may publish;
    answers the session."""
    session = sign_up(api, name, headers, email=address(f"{name.lower()}{next(_numbers)}"))
    message = mail_to(server, session["user"]["email"], "Confirm your email address")
    proved = api.post("/api/auth/verify", json={"token": link_token(message, "verify")})
    assert proved.status_code == 200, proved.text
    return session


def mail_to(server: Server, to: str, subject_start: str) -> dict[str, Any]:
    """Wait for the newest email to ``to`` whose subject starts so."""

    def found() -> dict[str, Any] | None:
        """the email sent"""
        for message in server.mail():
            if message["to"] == to and message["subject"].startswith(subject_start):
                return message
        return None

    message: dict[str, Any] = eventually(found)
    return message


def link_token(message: dict[str, Any], page: str) -> str:
    """The token of the ``<base>/{page}/{token}`` link in an email."""
    match = re.search(rf"/{page}/([A-Za-z0-9_-]+)", message["text"])
    assert match is not None, message["text"]
    return match.group(1)


def meetup_body(**changes: Any) -> dict[str, Any]:
    """What ``POST /api/meetups`` takes for a draft ten days ahead, some fields replaced."""
    starts = (datetime.now(UTC) + timedelta(days=10)).replace(microsecond=0)
    return {
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


def new_meetup(api: httpx.Client, token: str, **changes: Any) -> dict[str, Any]:
    """A draft meetup ten days ahead, with some fields replaced; answers the meetup."""
    answer = api.post("/api/meetups", json=meetup_body(**changes), headers=bearer(token))
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


def differences(expected: Mapping[str, Any], answer: Any) -> list[str]:
    """Where an answer's JSON differs from the fields expected of it, one line each (a dotted
    name reaches into nested objects: ``organizer.id``); empty when all match."""
    found = []
    for name, wanted in expected.items():
        value = answer
        for part in name.split("."):
            value = value.get(part, "<missing>") if isinstance(value, dict) else "<missing>"
        if value != wanted:
            found.append(f"{name} {value!r}, not {wanted!r}")
    return found
