"""Signing up, logging in, guests and sessions.

Access tokens are short-lived JWTs; refresh tokens are opaque, stored hashed, and rotate on
every use. Presenting a spent refresh token again ends the whole sign-in (its family), as
a stolen token would be used twice. A guest who signs up or logs in keeps their drafts.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from slsplay.domain.errors import Conflict, TooManyRequests, Unauthorized
from slsplay.domain.invitations import normalise_email
from slsplay.domain.users import User
from slsplay.ids import new_id
from slsplay.ports import AccessTokens, Clock, ItemStore, PasswordHasher
from slsplay.store.repositories import MeetupRepository, UserRepository
from slsplay.store.sessions import LoginAttempts, RefreshToken, SessionRepository

REFRESH_LIFETIME = timedelta(days=30)
LOGIN_WINDOW = timedelta(minutes=15)
LOGIN_FAILURES_ALLOWED = 5


@dataclass(frozen=True)
class AuthPorts:
    """What signing in needs from the outside world."""

    store: ItemStore
    clock: Clock
    hasher: PasswordHasher
    tokens: AccessTokens


@dataclass(frozen=True)
class Session:
    """What a client holds after signing in."""

    user: User
    access_token: str
    refresh_token: str
    expires_in: int


@dataclass(frozen=True)
class Caller:
    """Who is asking, as their access token says."""

    user_id: str
    is_guest: bool


def caller_from_claims(claims: dict[str, object]) -> Caller:
    """The caller named by verified claims (API Gateway passes every claim as a string)."""
    return Caller(user_id=str(claims["sub"]), is_guest=str(claims.get("guest")).lower() == "true")


def sign_up(
    ports: AuthPorts, email: object, password: object, name: object, guest_token: str | None = None
) -> Session:
    """A new account; with a guest's token, the guest's meetups move to it."""
    guest = _guest_of(ports, guest_token)
    user = User.register(
        user_id=new_id(), email=email, name=name, password=password, now=ports.clock.now()
    )
    assert isinstance(password, str)  # register refused anything else
    user.password_hash = ports.hasher.hash(password)
    UserRepository(ports.store).add(user)
    if guest is not None:
        claim_drafts(ports, guest.user_id, user.id)
    return _start_session(ports, user)


def log_in(
    ports: AuthPorts, email: object, password: object, guest_token: str | None = None
) -> Session:
    """A session for an account holder; after five failures in 15 minutes, a pause."""
    guest = _guest_of(ports, guest_token)
    address = normalise_email(email)
    now = ports.clock.now()
    attempts = LoginAttempts(ports.store, LOGIN_WINDOW)
    failures, window_start = attempts.failures(address, now)
    if failures >= LOGIN_FAILURES_ALLOWED and window_start is not None:
        retry_after = int((window_start + LOGIN_WINDOW - now).total_seconds()) + 1
        raise TooManyRequests("too_many_attempts", retry_after)
    user = UserRepository(ports.store).find_by_email(address)
    if not _password_matches(ports, user, password):
        attempts.record_failure(address, now)
        raise Unauthorized("invalid_credentials")
    assert user is not None
    if failures:  # a window of failures is open: it is over
        attempts.clear(address)
    if guest is not None:
        claim_drafts(ports, guest.user_id, user.id)
    return _start_session(ports, user)


def start_as_guest(ports: AuthPorts) -> Session:
    """A guest who can draft meetups and invite people before signing up."""
    user = User.guest(user_id=new_id(), now=ports.clock.now())
    UserRepository(ports.store).add(user)
    return _start_session(ports, user)


def refresh(ports: AuthPorts, refresh_token: str) -> Session:
    """A new pair of tokens for an unspent refresh token; reuse ends the sign-in."""
    sessions = SessionRepository(ports.store)
    record = sessions.find(refresh_token)
    if record is None or record.expires_at <= ports.clock.now():
        raise Unauthorized("invalid_token")
    if record.used or sessions.is_revoked(record.user_id, record.family_id):
        sessions.revoke(record.user_id, record.family_id)
        raise Unauthorized("refresh_token_reused")
    fresh = secrets.token_urlsafe(32)
    try:
        sessions.rotate(refresh_token, fresh, record, ports.clock.now() + REFRESH_LIFETIME)
    except Conflict as e:  # spent by a concurrent request: treat as reuse
        sessions.revoke(record.user_id, record.family_id)
        raise Unauthorized("refresh_token_reused") from e
    user = UserRepository(ports.store).get(record.user_id)
    return Session(user, _access_token(ports, user), fresh, ports.tokens.lifetime_seconds)


def log_out(ports: AuthPorts, refresh_token: str) -> None:
    """End the sign-in the refresh token belongs to; an unknown token is already ended."""
    sessions = SessionRepository(ports.store)
    record: RefreshToken | None = sessions.find(refresh_token)
    if record is not None:
        sessions.revoke(record.user_id, record.family_id)


def claim_drafts(ports: AuthPorts, guest_id: str, user_id: str) -> int:
    """Move every meetup of a guest to an account; answers how many moved."""
    meetups = MeetupRepository(ports.store)
    moved = 0
    while True:
        # Each meetup leaves the guest's partition as it moves, so the first page is
        # always the next batch; no cursor to keep.
        page, _ = meetups.of_organizer(guest_id, limit=50)
        if not page:
            return moved
        for meetup in page:
            read_version = meetup.version
            meetup.hand_over(guest_id, user_id, ports.clock.now())
            meetups.save(meetup, read_version)
            moved += 1


def _guest_of(ports: AuthPorts, guest_token: str | None) -> Caller | None:
    if guest_token is None:
        return None
    caller = caller_from_claims(ports.tokens.verify(guest_token))
    return caller if caller.is_guest else None


# Verifying against a fixed hash when the address is unknown costs the same time as a real
# check, so response times do not tell which addresses have accounts.
_NO_SUCH_USER_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$fgs7djkLVjDMGy2wJlHAxA"
    "$PAZtRP3LzfdsDAKvHT4wya4TD1PIIwBbK42ltBfqx4U"
)


def _password_matches(ports: AuthPorts, user: User | None, password: object) -> bool:
    if not isinstance(password, str):
        return False
    if user is None or user.password_hash is None:
        ports.hasher.verify(_NO_SUCH_USER_HASH, password)
        return False
    return ports.hasher.verify(user.password_hash, password)


def _access_token(ports: AuthPorts, user: User) -> str:
    claims: dict[str, object] = {"sub": user.id, "name": user.name, "guest": user.is_guest}
    if user.email is not None:
        claims["email"] = user.email
    return ports.tokens.sign(claims)


def _start_session(ports: AuthPorts, user: User) -> Session:
    refresh_token = secrets.token_urlsafe(32)
    SessionRepository(ports.store).start(
        user.id, new_id(), refresh_token, ports.clock.now() + REFRESH_LIFETIME
    )
    return Session(user, _access_token(ports, user), refresh_token, ports.tokens.lifetime_seconds)


def who_is(ports: AuthPorts, caller: Caller) -> User:
    """The account (or guest) behind a verified access token."""
    return UserRepository(ports.store).get(caller.user_id)
