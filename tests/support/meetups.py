"""Builders for domain tests: a valid meetup, drafted or published, the account that publishes
it, and refusal checks."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from slsplay.domain.errors import DomainError
from slsplay.domain.meetups import Meetup
from slsplay.domain.users import User
from slsplay.ports import ItemStore
from slsplay.store.repositories import UserRepository
from tests.support.clock import START

ORGANIZER = "user-organizer"
STRANGER = "user-stranger"
STARTS_AT = START + timedelta(days=7)


def account(user_id: str = ORGANIZER, *, verified: bool = True, guest: bool = False) -> User:
    """An account holder whose email address is proved (unless not ``verified``), or a guest."""
    return User(
        id=user_id,
        name="Guest" if guest else "Olga",
        email=None if guest else f"{user_id}@example.com",
        is_guest=guest,
        created_at=START,
        email_verified_at=START if verified and not guest else None,
    )


def meetup_values(**overrides: object) -> dict[str, object]:
    """What an organizer fills in for a valid meetup, with some fields replaced."""
    values: dict[str, object] = {
        "title": "Founders' fireside chat",
        "description": "An hour with three founders, *questions welcome*.",
        "category": "business",
        "starts_at": STARTS_AT,
        "timezone": "Europe/Berlin",
        "duration_minutes": 60,
        "join_url": "https://meet.example.com/fireside",
    }
    return {**values, **overrides}


def signed_up(store: ItemStore, user_id: str = ORGANIZER) -> str:
    """The id of an account that has proved its email address, as the emailed link leaves it:
    ``account(user_id)`` stored, or the stored user so proved (calling again changes nothing)."""
    users = UserRepository(store)
    user = users.find(user_id)
    if user is None:
        users.add(account(user_id))
    elif user.verify_email(START):
        users.save(user, user.version - 1)
    return user_id


def draft(now: datetime = START, **overrides: object) -> Meetup:
    """A valid draft planned at ``now`` by ``ORGANIZER``."""
    return Meetup.plan(
        meetup_id="m-1", organizer_id=ORGANIZER, values=meetup_values(**overrides), now=now
    )


def published(now: datetime = START, **overrides: object) -> Meetup:
    """A valid meetup, published at ``now`` (by an organizer who can be paid)."""
    meetup = draft(now, **overrides)
    meetup.publish(account(), now, organizer_can_be_paid=True)
    return meetup


def expect_refusal(
    action: Callable[[], object], kind: type[DomainError], code: str, *untouched: object
) -> DomainError:
    """Run an action that must be refused with ``kind``/``code`` and must leave ``untouched`` as
    it found them (deep-compared)."""
    before = copy.deepcopy(untouched)
    with pytest.raises(kind) as refused:
        action()
    assert refused.value.code == code
    assert untouched == before
    return refused.value
