"""A stand-in for the API over httpx's mock transport: the few routes the app calls, with
the document's shapes, so the app's logic is tested without a server (or a network)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx

STARTS = "2030-03-14T18:00:00+00:00"


def meetup_json(meetup_id: str = "m1", **changes: Any) -> dict[str, Any]:
    """A meetup as the API answers it (every field the document requires)."""
    meetup = {
        "id": meetup_id,
        "title": "Rust and tea",
        "description": "Bring a question.",
        "category": "technology",
        "starts_at": STARTS,
        "ends_at": "2030-03-14T19:00:00+00:00",
        "timezone": "Europe/Berlin",
        "duration_minutes": 60,
        "visibility": "private",
        "rsvp_closes_at": None,
        "answers_close_at": STARTS,
        "status": "published",
        "phase": "upcoming",
        "version": 2,
        "organizer": {"id": "u-org", "name": "Olga Organizer"},
        "capacity": None,
        "price": None,
        "join_url": "https://meet.example.com/rust",
        "media": [],
        "counts": {"invited": 1, "attending": 0, "declined": 0, "waitlisted": 0},
        "created_at": "2030-01-01T10:00:00+00:00",
        "updated_at": "2030-01-01T10:00:00+00:00",
    }
    return meetup | changes


def session_json(access: str = "access-1", user_id: str = "u-ann") -> dict[str, Any]:
    """The answer of a sign-in route."""
    return {
        "user": {"id": user_id, "email": "ann@example.com", "name": "Ann", "is_guest": False},
        "access_token": access,
        "refresh_token": "refresh-1",
        "token_type": "Bearer",
        "expires_in": 900,
    }


def problem(status: int, code: str, detail: str, **fields: str) -> httpx.Response:
    """An RFC 9457 problem document, as the API refuses."""
    body: dict[str, Any] = {
        "type": f"urn:slsplay:problem:{code}",
        "title": "Refused",
        "status": status,
        "detail": detail,
        "code": code,
    }
    if fields:
        body["errors"] = [{"field": name, "message": text} for name, text in fields.items()]
    return httpx.Response(status, json=body, headers={"content-type": "application/problem+json"})


@dataclass
class FakeApi:
    """Answers the app's requests from what a test put in; records each request."""

    organized: list[dict[str, Any]] = field(default_factory=list)
    invited: list[dict[str, Any]] = field(default_factory=list)
    password: str = "right password"
    valid_tokens: set[str] = field(default_factory=lambda: {"access-1"})
    answers: dict[str, str] = field(default_factory=dict)  # answer token -> response
    files: dict[str, bytes] = field(default_factory=dict)  # storage path -> content
    down: bool = False
    requests: list[tuple[str, str]] = field(default_factory=list)

    def transport(self) -> httpx.MockTransport:
        """The transport to hand to the app."""
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        """One answer, as the API would give it."""
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        path, method = request.url.path, request.method
        self.requests.append((method, path))
        if path in self.files:  # a storage address (a photo's rendition), not the API
            return httpx.Response(200, content=self.files[path])
        body = json.loads(request.content) if request.content else {}
        if path == "/api/auth/login":
            if body.get("password") != self.password:
                return problem(401, "invalid_credentials", "Wrong email or password.")
            return httpx.Response(200, json=session_json())
        if path == "/api/auth/refresh":
            self.valid_tokens.add("access-2")
            return httpx.Response(200, json=session_json("access-2"))
        if path == "/api/auth/logout":
            return httpx.Response(204)
        if path.startswith("/api/rsvp/"):
            return self._rsvp(method, path.removeprefix("/api/rsvp/"), body)
        if (
            request.headers.get("authorization", "").removeprefix("Bearer ")
            not in self.valid_tokens
        ):
            return httpx.Response(401, json={"message": "Unauthorized"})
        return self._signed_in(method, path, body, request.headers.get("if-match"))

    def _signed_in(
        self, method: str, path: str, body: dict[str, Any], if_match: str | None
    ) -> httpx.Response:
        if path == "/api/me/meetups":
            return httpx.Response(200, json={"meetups": self.organized, "next_cursor": None})
        if path == "/api/me/invitations":
            return httpx.Response(200, json={"invitations": self.invited, "next_cursor": None})
        if path == "/api/meetups" and method == "POST":
            if not body.get("join_url", "").startswith("https://"):
                return problem(
                    422, "validation_failed", "Check the fields.", join_url="must be https"
                )
            created = meetup_json("m-new", status="draft", **body)
            self.organized.append(created)
            return httpx.Response(201, json=created)
        if path.endswith("/answer-link"):
            return httpx.Response(200, json={"token": "t-mine", "url": "http://x/rsvp/t-mine"})
        if path.startswith("/api/meetups/"):
            meetup_id = path.split("/")[3]
            found = [m for m in self.organized if m["id"] == meetup_id]
            if not found:
                return problem(404, "not_found", "No such meetup.")
            if method == "PATCH":
                return self._changed(found[0], body, if_match)
            return httpx.Response(200, json=found[0])
        return problem(404, "not_found", f"No route {method} {path} in the fake.")

    def _changed(
        self, meetup: dict[str, Any], changes: dict[str, Any], if_match: str | None
    ) -> httpx.Response:
        if if_match != f'"{meetup["version"]}"':
            return problem(412, "version_mismatch", "Someone changed this meetup since.")
        meetup.update(changes, version=meetup["version"] + 1)
        return httpx.Response(200, json=meetup)

    def _rsvp(self, method: str, token: str, body: dict[str, Any]) -> httpx.Response:
        if token not in self.answers:
            return problem(404, "not_found", "This link is not valid.")
        if method == "POST":
            self.answers[token] = body["response"]
        invitation = {"email": "ann@example.com", "name": "Ann", "response": self.answers[token]}
        return httpx.Response(200, json={"meetup": meetup_json(), "invitation": invitation})
