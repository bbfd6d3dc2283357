"""Recorded API Gateway events fed straight into the handlers, as Lambda would deliver them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from slsplay.handlers import meetups
from slsplay.handlers.context import container
from slsplay.store.repositories import UserRepository
from tests.support.meetups import account

Event = Callable[..., dict[str, Any]]


def call(event: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, Any]]:
    answer = meetups.handler(event, None)
    return answer["statusCode"], answer.get("headers", {}), json.loads(answer["body"])


def test_creating_a_meetup_answers_201_with_the_meetup_and_its_etag(
    fresh_app: Path, event: Event
) -> None:
    status, headers, body = call(event("create_meetup"))

    assert status == 201
    assert headers["ETag"] == '"1"'
    assert body["title"] == "Board dinner"
    assert body["starts_at"] == "2031-06-01T19:00:00+02:00"
    assert body["organizer"] == {"id": "01ORGANIZER0000000000000000", "name": "Ada Organizer"}
    assert body["status"] == "draft"
    assert body["counts"] == {"invited": 0, "attending": 0, "declined": 0, "waitlisted": 0}
    assert body["join_url"] == "https://meet.example.com/board"


def test_every_invalid_field_is_listed_in_one_problem_document(
    fresh_app: Path, event: Event
) -> None:
    answer = meetups.handler(event("create_meetup_invalid"), None)

    problem = json.loads(answer["body"])
    assert answer["statusCode"] == 422
    assert answer["headers"]["Content-Type"] == "application/problem+json"
    assert problem["code"] == "invalid_input"
    assert {e["field"] for e in problem["errors"]} == {
        "title",
        "timezone",
        "duration_minutes",
        "join_url",
        "capacity",
    }


def test_a_guest_who_publishes_is_asked_to_sign_up(fresh_app: Path, event: Event) -> None:
    UserRepository(container().store).add(account("01GUEST", guest=True))
    _, _, created = call(event("create_meetup", sub="01GUEST", guest="true"))

    status, _, problem = call(
        event("publish_meetup", path_id=created["id"], sub="01GUEST", guest="true")
    )

    assert status == 403
    assert problem["code"] == "signup_required"


def test_an_unknown_answer_link_is_not_found(fresh_app: Path, event: Event) -> None:
    status, _, problem = call(event("view_invitation", path_id="no-such-token"))

    assert status == 404
    assert problem["code"] == "invitation_not_found"


def test_a_body_over_the_limit_is_refused_before_it_is_parsed(
    fresh_app: Path, event: Event
) -> None:
    status, _, problem = call(event("create_meetup", body="x" * 300_000))

    assert status == 413
    assert problem["code"] == "payload_too_large"


def test_an_unexpected_failure_answers_500_without_any_internals(
    fresh_app: Path, event: Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("database password is hunter2 at /srv/app/secret.py line 3")

    monkeypatch.setattr(meetups.meetups, "plan_meetup", broken)

    answer = meetups.handler(event("create_meetup"), None)

    assert answer["statusCode"] == 500
    assert json.loads(answer["body"])["code"] == "internal_error"
    assert "hunter2" not in answer["body"]
    assert "Traceback" not in answer["body"]
    assert ".py" not in answer["body"]
