"""Proving an address, resetting a password, and signing in with an emailed code, as use
cases on SQLite with a clock the tests move: what is queued for the notifier, how long each
link or code works, that each works once, and the limit on wrong codes."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

import pytest

from slsplay.adapters.local.sqlite_queue import SqliteQueues
from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.adapters.passwords import Argon2PasswordHasher
from slsplay.adapters.tokens import JwtAccessTokens, new_signing_key
from slsplay.domain.errors import Forbidden, InvalidInput, TooManyRequests, Unauthorized
from slsplay.domain.meetups import MeetupStatus
from slsplay.ports import Queue
from slsplay.services import auth, meetups, views
from slsplay.store.schema import TABLE
from tests.support.clock import FakeClock

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def outbox(tmp_path: Path) -> Queue:
    return SqliteQueues(tmp_path / "queues.db").queue("notifier")


@pytest.fixture
def ports(tmp_path: Path, outbox: Queue) -> Iterator[auth.AuthPorts]:
    store = SqliteItemStore(tmp_path / "slsplay.db", TABLE)
    tokens = JwtAccessTokens(
        new_signing_key(), issuer="https://slsplay.example.com", audience="slsplay"
    )
    yield auth.AuthPorts(store, FakeClock(), Argon2PasswordHasher(), tokens, outbox=outbox)
    store.close()


def queued(outbox: Queue) -> list[dict[str, Any]]:
    """The account emails queued since the last look."""
    messages = outbox.receive(10)
    for message in messages:
        outbox.delete(message.receipt_handle)
    return [json.loads(m.body) for m in messages]


def secret_for(outbox: Queue, purpose: str) -> str:
    (message,) = queued(outbox)
    assert message["event"] == "account_mail"
    assert message["purpose"] == purpose
    secret: str = message["secret"]
    return secret


def clock_of(ports: auth.AuthPorts) -> FakeClock:
    assert isinstance(ports.clock, FakeClock)
    return ports.clock


def test_signing_up_emails_a_link_that_proves_the_address_once(
    ports: auth.AuthPorts, outbox: Queue
) -> None:
    session = auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    assert not session.user.email_verified
    token = secret_for(outbox, "verify_email")

    assert auth.verify_email(ports, token).email_verified
    with pytest.raises(InvalidInput) as spent:
        auth.verify_email(ports, token)
    assert spent.value.code == "invalid_token"


def test_a_verification_link_expires_after_three_days(ports: auth.AuthPorts, outbox: Queue) -> None:
    auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    token = secret_for(outbox, "verify_email")
    clock_of(ports).advance(days=3)
    with pytest.raises(InvalidInput):
        auth.verify_email(ports, token)


def test_a_reset_is_asked_for_alike_with_or_without_an_account(
    ports: auth.AuthPorts, outbox: Queue
) -> None:
    auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    queued(outbox)
    auth.forgot_password(ports, "nobody@example.com")
    assert queued(outbox) == []
    auth.forgot_password(ports, " ADA@example.com")
    assert queued(outbox)[0]["email"] == "ada@example.com"


def test_a_reset_link_works_once_and_ends_every_other_sign_in(
    ports: auth.AuthPorts, outbox: Queue
) -> None:
    before = auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    queued(outbox)
    auth.forgot_password(ports, "ada@example.com")
    token = secret_for(outbox, "password_reset")

    with pytest.raises(InvalidInput) as weak:
        auth.reset_password(ports, token, "short")
    assert weak.value.errors[0].field == "password"  # and the link still works:
    after = auth.reset_password(ports, token, NEW_PASSWORD)

    assert after.user.email_verified  # the link came to the address
    with pytest.raises(Unauthorized):
        auth.refresh(ports, before.refresh_token)
    auth.refresh(ports, after.refresh_token)
    auth.log_in(ports, "ada@example.com", NEW_PASSWORD)
    with pytest.raises(Unauthorized):
        auth.log_in(ports, "ada@example.com", PASSWORD)
    with pytest.raises(InvalidInput) as spent:
        auth.reset_password(ports, token, "yet another passphrase")
    assert spent.value.code == "invalid_token"


def test_a_reset_link_expires_after_an_hour(ports: auth.AuthPorts, outbox: Queue) -> None:
    auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    queued(outbox)
    auth.forgot_password(ports, "ada@example.com")
    token = secret_for(outbox, "password_reset")
    clock_of(ports).advance(hours=1)
    with pytest.raises(InvalidInput):
        auth.reset_password(ports, token, NEW_PASSWORD)


def test_a_code_signs_in_once(ports: auth.AuthPorts, outbox: Queue) -> None:
    auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    queued(outbox)
    auth.request_code(ports, "ada@example.com")
    code = secret_for(outbox, "sign_in_code")
    assert len(code) == 6
    assert code.isdigit()

    session = auth.sign_in_with_code(ports, "ada@example.com", code)
    assert session.user.email_verified
    with pytest.raises(Unauthorized):
        auth.sign_in_with_code(ports, "ada@example.com", code)


def test_five_wrong_codes_pause_the_address_whatever_codes_are_asked_for_meanwhile(
    ports: auth.AuthPorts, outbox: Queue
) -> None:
    auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    queued(outbox)
    auth.request_code(ports, "ada@example.com")
    code = secret_for(outbox, "sign_in_code")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(auth.CHECKS_ALLOWED):
        with pytest.raises(Unauthorized):
            auth.sign_in_with_code(ports, "ada@example.com", wrong)

    with pytest.raises(TooManyRequests):
        auth.sign_in_with_code(ports, "ada@example.com", code)
    clock_of(ports).advance(seconds=31)
    auth.request_code(ports, "ada@example.com")  # a new code brings no new tries
    fresh = secret_for(outbox, "sign_in_code")
    with pytest.raises(TooManyRequests) as paused:
        auth.sign_in_with_code(ports, "ada@example.com", fresh)

    clock_of(ports).advance(seconds=paused.value.retry_after)  # the pause is over
    auth.request_code(ports, "ada@example.com")
    auth.sign_in_with_code(ports, "ada@example.com", secret_for(outbox, "sign_in_code"))


def test_an_address_is_sent_five_codes_an_hour_at_most(
    ports: auth.AuthPorts, outbox: Queue
) -> None:
    auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    queued(outbox)
    for _ in range(auth.CODES_SENT_PER_HOUR + 2):
        auth.request_code(ports, "ada@example.com")
        clock_of(ports).advance(minutes=1)

    assert len(queued(outbox)) == auth.CODES_SENT_PER_HOUR
    clock_of(ports).advance(minutes=60)
    auth.request_code(ports, "ada@example.com")
    assert len(queued(outbox)) == 1


def test_a_code_expires_after_ten_minutes_and_is_not_resent_at_once(
    ports: auth.AuthPorts, outbox: Queue
) -> None:
    auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    queued(outbox)
    auth.request_code(ports, "ada@example.com")
    code = secret_for(outbox, "sign_in_code")
    auth.request_code(ports, "ada@example.com")  # a second click: nothing new is sent
    assert queued(outbox) == []

    clock_of(ports).advance(minutes=10)
    with pytest.raises(Unauthorized):
        auth.sign_in_with_code(ports, "ada@example.com", code)


def test_no_code_for_an_address_without_an_account(ports: auth.AuthPorts, outbox: Queue) -> None:
    auth.request_code(ports, "nobody@example.com")
    assert queued(outbox) == []
    with pytest.raises(Unauthorized):
        auth.sign_in_with_code(ports, "nobody@example.com", "123456")


class DownQueue:
    """A notifier queue that cannot be reached."""

    def send(self, body: str, attributes: dict[str, str] | None = None) -> str:
        raise ConnectionError("the queue is down")


def test_a_sign_up_stands_when_its_confirmation_cannot_be_queued_and_a_new_link_is_sent_later(
    ports: auth.AuthPorts, outbox: Queue, caplog: pytest.LogCaptureFixture
) -> None:
    down = dataclasses.replace(ports, outbox=cast(Queue, DownQueue()))

    session = auth.sign_up(down, "ada@example.com", PASSWORD, "Ada")

    assert "could not be queued" in caplog.text
    assert auth.log_in(ports, "ada@example.com", PASSWORD).user.id == session.user.id
    auth.resend_verification(ports, auth.Caller(user_id=session.user.id, is_guest=False))
    assert auth.verify_email(ports, secret_for(outbox, "verify_email")).email_verified


def test_a_guest_publishes_the_same_draft_after_signing_up_and_proving_the_address(
    ports: auth.AuthPorts, outbox: Queue
) -> None:
    guest = auth.start_as_guest(ports)
    values = {
        "title": "Guest's draft",
        "starts_at": clock_of(ports).now() + timedelta(days=5),
        "timezone": "UTC",
        "duration_minutes": 30,
        "join_url": "https://meet.example.com/g",
    }
    draft = meetups.plan_meetup(ports, guest.user.id, values).meetup
    meetups.invite_people(ports, guest.user.id, draft.id, [{"email": "x@example.com"}])

    def publish(user_id: str) -> views.MeetupView:
        return meetups.publish_meetup(ports, user_id, draft.id)

    with pytest.raises(Forbidden) as refused:
        publish(guest.user.id)
    assert refused.value.code == "signup_required"

    account = auth.sign_up(
        ports, "ada@example.com", PASSWORD, "Ada", guest_token=guest.access_token
    )
    with pytest.raises(Forbidden) as refused:
        publish(account.user.id)
    assert refused.value.code == "verification_required"
    waiting = views.view_meetup(ports, draft.id, account.user.id)
    assert (waiting.meetup.status, waiting.counts.invited) == (MeetupStatus.DRAFT, 1)

    auth.verify_email(ports, secret_for(outbox, "verify_email"))
    published = publish(account.user.id)

    assert published.meetup.organizer_id == account.user.id
    assert published.counts.invited == 1
    assert views.meetups_of_organizer(ports, guest.user.id) == ([], None)


def test_the_holder_of_a_taken_address_is_told_once_an_hour_with_a_link_to_a_new_password(
    ports: auth.AuthPorts, outbox: Queue
) -> None:
    ada = auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada").user
    queued(outbox)

    eve = auth.sign_up(ports, "ada@example.com", "another long password", "Eve")
    token = secret_for(outbox, "signup_attempt")
    auth.sign_up(ports, "ada@example.com", "a third long password", "Mallory")
    auth.resend_verification(ports, auth.caller_from_claims(ports.tokens.verify(eve.access_token)))
    assert queued(outbox) == []  # within the hour, and never a link for Eve to prove it

    assert auth.reset_password(ports, token, NEW_PASSWORD).user.id == ada.id
    clock_of(ports).advance(hours=1)
    auth.sign_up(ports, "ada@example.com", "a fourth long password", "Trent")
    assert secret_for(outbox, "signup_attempt")
