"""Signing in: accounts, guests, rotating refresh tokens, the pause after failed logins."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import jwt
import pytest

from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.adapters.passwords import Argon2PasswordHasher
from slsplay.adapters.tokens import JwtAccessTokens, new_signing_key
from slsplay.domain.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    TooManyRequests,
    Unauthorized,
)
from slsplay.services import auth, discovery, meetups, views
from slsplay.store.repositories import UserRepository
from slsplay.store.schema import TABLE
from tests.support.clock import START, FakeClock

ISSUER = "https://slsplay.example.com"
PASSWORD = "correct horse battery"


@pytest.fixture
def ports(tmp_path: Path) -> Iterator[auth.AuthPorts]:
    store = SqliteItemStore(tmp_path / "slsplay.db", TABLE)
    tokens = JwtAccessTokens(new_signing_key(), issuer=ISSUER, audience="slsplay")
    yield auth.AuthPorts(store, FakeClock(), Argon2PasswordHasher(), tokens)
    store.close()


def test_signing_up_gives_tokens_for_the_new_account(ports: auth.AuthPorts) -> None:
    session = auth.sign_up(ports, " Ada@Example.com", PASSWORD, "Ada")

    claims = ports.tokens.verify(session.access_token)
    assert claims["sub"] == session.user.id
    assert claims["email"] == "ada@example.com"
    assert claims["guest"] is False
    assert session.user.password_hash != PASSWORD


def test_a_short_password_and_a_bad_email_are_refused_together(ports: auth.AuthPorts) -> None:
    with pytest.raises(InvalidInput) as refused:
        auth.sign_up(ports, "not-an-email", "short", "Ada")

    assert {e.field for e in refused.value.errors} == {"email", "password"}


def test_a_taken_address_signs_up_alike_and_stays_with_its_holder(ports: auth.AuthPorts) -> None:
    ada = auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada").user

    again = auth.sign_up(ports, "ADA@example.com", "another long password", "Eve")

    assert again.user.email == "ada@example.com"
    assert again.user.id != ada.id
    assert ports.tokens.verify(again.access_token)["email"] == "ada@example.com"
    assert UserRepository(ports.store).find_by_email("ada@example.com") == ada
    assert auth.log_in(ports, "ada@example.com", PASSWORD).user.id == ada.id
    with pytest.raises(Unauthorized):
        auth.log_in(ports, "ada@example.com", "another long password")


def test_an_account_signed_up_with_a_taken_address_cannot_act_as_it(
    ports: auth.AuthPorts,
) -> None:
    auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    eve = auth.sign_up(ports, "ada@example.com", "another long password", "Eve").user

    with pytest.raises(Forbidden) as refused:  # as the invitee the address is, anywhere
        discovery.join_public(ports, eve.id, "a-public-meetup")

    assert refused.value.code == "verification_required"
    assert not eve.acts_as_address


def test_the_operator_is_told_when_the_demo_address_is_taken(ports: auth.AuthPorts) -> None:
    auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")

    with pytest.raises(Conflict, match="already exists"):
        auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada", vouched=True)


def test_logging_in_with_the_wrong_password_is_refused(ports: auth.AuthPorts) -> None:
    auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")

    with pytest.raises(Unauthorized):
        auth.log_in(ports, "ada@example.com", "wrong password!")
    with pytest.raises(Unauthorized):
        auth.log_in(ports, "nobody@example.com", PASSWORD)
    assert auth.log_in(ports, "ada@example.com", PASSWORD).user.email == "ada@example.com"


def test_five_failed_logins_in_15_minutes_pause_that_email(ports: auth.AuthPorts) -> None:
    auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    clock = ports.clock
    assert isinstance(clock, FakeClock)
    for _ in range(5):
        with pytest.raises(Unauthorized):
            auth.log_in(ports, "ada@example.com", "wrong password!")
        clock.advance(minutes=2)

    with pytest.raises(TooManyRequests) as paused:
        auth.log_in(ports, "ada@example.com", PASSWORD)
    auth.sign_up(ports, "bob@example.com", PASSWORD, "Bob")
    assert auth.log_in(ports, "bob@example.com", PASSWORD).user.name == "Bob"

    clock.set(START + timedelta(minutes=15, seconds=1))
    assert 0 < paused.value.retry_after <= 15 * 60
    assert auth.log_in(ports, "ada@example.com", PASSWORD).user.name == "Ada"


def test_a_successful_login_forgets_the_failures_before_it(ports: auth.AuthPorts) -> None:
    auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    for _ in range(4):
        with pytest.raises(Unauthorized):
            auth.log_in(ports, "ada@example.com", "wrong password!")
    auth.log_in(ports, "ada@example.com", PASSWORD)

    for _ in range(4):  # four more: no pause, the count started again
        with pytest.raises(Unauthorized):
            auth.log_in(ports, "ada@example.com", "wrong password!")
    assert auth.log_in(ports, "ada@example.com", PASSWORD).user.name == "Ada"


def test_a_refresh_token_works_once_and_its_reuse_ends_the_sign_in(ports: auth.AuthPorts) -> None:
    first = auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")

    second = auth.refresh(ports, first.refresh_token)
    with pytest.raises(Unauthorized) as reused:
        auth.refresh(ports, first.refresh_token)

    assert reused.value.code == "refresh_token_reused"
    with pytest.raises(Unauthorized):  # the thief's reuse also ended the rightful holder's token
        auth.refresh(ports, second.refresh_token)


def test_logging_out_ends_the_refresh_token(ports: auth.AuthPorts) -> None:
    session = auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")

    auth.log_out(ports, session.refresh_token)

    with pytest.raises(Unauthorized):
        auth.refresh(ports, session.refresh_token)


def test_an_unknown_refresh_token_is_refused(ports: auth.AuthPorts) -> None:
    with pytest.raises(Unauthorized) as refused:
        auth.refresh(ports, "made-up")

    assert refused.value.code == "invalid_token"


def test_logging_in_with_a_guest_token_moves_the_guests_drafts_too(ports: auth.AuthPorts) -> None:
    account = auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    guest = auth.start_as_guest(ports)
    for n in range(3):
        meetups.plan_meetup(
            ports,
            guest.user.id,
            {
                "title": f"Draft {n}",
                "starts_at": START + timedelta(days=n + 1),
                "timezone": "UTC",
                "duration_minutes": 30,
                "join_url": "https://meet.example.com/g",
            },
        )

    auth.log_in(ports, "ada@example.com", PASSWORD, guest_token=guest.access_token)

    mine, _ = views.meetups_of_organizer(ports, account.user.id)
    assert [m.details.title for m in mine] == ["Draft 0", "Draft 1", "Draft 2"]


@pytest.mark.parametrize(
    "forge",
    [
        "tampered",
        "expired",
        "other issuer",
        "other audience",
        "other key",
        "no signature",
    ],
)
def test_a_forged_or_stale_access_token_is_refused(ports: auth.AuthPorts, forge: str) -> None:
    tokens = ports.tokens
    assert isinstance(tokens, JwtAccessTokens)
    good = tokens.sign({"sub": "u1", "guest": False})
    header, payload, signature = good.split(".")
    now = int(time.time())
    stranger = JwtAccessTokens(new_signing_key(), issuer=ISSUER, audience="slsplay")
    forged = {
        "tampered": f"{header}.{payload[:-2]}xx.{signature}",
        "expired": JwtAccessTokens(
            tokens_key(tokens), issuer=ISSUER, audience="slsplay", lifetime_seconds=-10
        ).sign({"sub": "u1"}),
        "other issuer": JwtAccessTokens(
            tokens_key(tokens), issuer="https://evil.example", audience="slsplay"
        ).sign({"sub": "u1"}),
        "other audience": JwtAccessTokens(tokens_key(tokens), issuer=ISSUER, audience="other").sign(
            {"sub": "u1"}
        ),
        "other key": stranger.sign({"sub": "u1"}),
        "no signature": jwt.encode(
            {"sub": "u1", "iss": ISSUER, "aud": "slsplay", "iat": now, "exp": now + 60},
            key=None,
            algorithm="none",
            headers={"kid": tokens.key_id},
        ),
    }[forge]

    with pytest.raises(Unauthorized):
        tokens.verify(forged)
    with pytest.raises(Unauthorized):
        auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada", guest_token=forged)


def tokens_key(tokens: JwtAccessTokens) -> bytes:
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415

    return tokens._private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def test_refreshing_keeps_a_sign_in_alive_past_its_first_tokens_lifetime(
    ports: auth.AuthPorts,
) -> None:
    clock = ports.clock
    assert isinstance(clock, FakeClock)
    session = auth.sign_up(ports, "ada@example.com", PASSWORD, "Ada")
    refresh_token = session.refresh_token
    for _ in range(3):  # every 20 days, 60 days in all: twice the lifetime of one token
        clock.advance(days=20)
        sweep_expired(ports)
        refresh_token = auth.refresh(ports, refresh_token).refresh_token

    clock.advance(days=31)  # unused for longer than a token lives: the sign-in is over
    sweep_expired(ports)
    with pytest.raises(Unauthorized):
        auth.refresh(ports, refresh_token)


def sweep_expired(ports: auth.AuthPorts) -> None:
    """What the table's time to live does, at the fake clock's time."""
    store = ports.store
    assert isinstance(store, SqliteItemStore)
    while store.delete_expired(ports.clock.now(), 100):
        pass
