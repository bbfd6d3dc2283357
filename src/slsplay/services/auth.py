"""Signing up, logging in, guests and sessions; proving an email address, resetting a
password, and signing in with a code sent by email.

Access tokens are short-lived JWTs; refresh tokens are opaque, stored hashed, and rotate on
every use. Presenting a spent refresh token again ends the whole sign-in (its family), as
a stolen token would be used twice. A guest who signs up or logs in keeps their drafts.

The emails with a link or a code go through the notifier's queue (the message carries the
secret; the table keeps only its hash): requests answer the same whether or not an account
has the address, and a slow mail server never slows a sign-in.
"""

from __future__ import annotations

import hmac
import json
import logging
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from slsplay.domain.errors import Conflict, FieldError, InvalidInput, TooManyRequests, Unauthorized
from slsplay.domain.events import AccountMailRequested
from slsplay.domain.invitations import normalise_email
from slsplay.domain.users import User, password_problems
from slsplay.ids import new_id
from slsplay.ports import AccessTokens, Clock, ItemStore, PasswordHasher, Queue
from slsplay.store.attempts import AttemptBudget
from slsplay.store.repositories import MEETUPS_PER_TRANSACTION, MeetupRepository, UserRepository
from slsplay.store.sessions import (
    OneTimeTokens,
    RefreshToken,
    SessionRepository,
    SignInCodes,
    token_hash,
)

REFRESH_LIFETIME = timedelta(days=30)
# Per address, whoever asks and however many requests arrive at once: passwords checked, and
# emailed codes checked (across every code asked for), each at most CHECKS_ALLOWED times in
# any CHECK_WINDOW; a success starts the count again.
CHECK_WINDOW = timedelta(minutes=15)
CHECKS_ALLOWED = 5
VERIFY_LIFETIME = timedelta(days=3)
RESET_LIFETIME = timedelta(hours=1)
CODE_LIFETIME = timedelta(minutes=10)
CODE_RESEND_AFTER = timedelta(seconds=30)  # asking again sooner sends nothing new
CODES_SENT_PER_HOUR = 5  # per address: more asks in the hour send nothing

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AuthPorts:
    """What signing in needs from the outside world."""

    store: ItemStore
    clock: Clock
    hasher: PasswordHasher
    tokens: AccessTokens
    # The notifier's queue, for the emails of this module; without one (a command on the
    # data directory) accounts are made without a verification email.
    outbox: Queue | None = None


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
    ports: AuthPorts,
    email: object,
    password: object,
    name: object,
    guest_token: str | None = None,
    *,
    vouched: bool = False,
) -> Session:
    """A new account; with a guest's token, the guest's meetups move to it.

    The answer is the same whether or not another account has the address, so that signing
    up tells nobody who has an account. Then the address is proved by the link emailed to it,
    unless the operator ``vouched`` for it (the demo organizer ``slsplay seed`` makes): then
    no link is sent. When another account has the address, the new account is made without
    it (``address_taken``: it can neither prove it nor act as it), and the address's holder
    is emailed that someone tried, with a link to reset the password (once an hour at most).
    """
    guest = guest_of(ports, guest_token)
    now = ports.clock.now()
    user = User.register(user_id=new_id(), email=email, name=name, password=password, now=now)
    assert isinstance(password, str)  # register refused anything else
    user.password_hash = ports.hasher.hash(password)
    if vouched:
        user.email_verified_at = now
    users = UserRepository(ports.store)
    try:
        users.add(user)
    except Conflict as e:
        if e.code != "email_taken" or vouched:  # the operator is told; nobody else is
            raise
        user.address_taken = True
        users.add(user)
    if guest is not None:
        claim_drafts(ports, guest.user_id, user.id)
    if ports.outbox is not None and not vouched:
        try:
            if user.address_taken:
                _tell_holder(ports, user)
            else:
                send_verification(ports, user)
        except Exception:  # the account stands; the reminder's button asks for a new link
            logger.exception("the email after signing up %s could not be queued", user.id)
    return start_session(ports, user)


def _tell_holder(ports: AuthPorts, attempt: User) -> None:
    """Email the holder of the address ``attempt`` signed up with: someone tried; if it was
    them, a link to choose a new password."""
    assert attempt.email is not None
    now = ports.clock.now()
    holder = UserRepository(ports.store).find_by_email(attempt.email)
    told = AttemptBudget(ports.store, "signup_notice", 1, timedelta(hours=1))
    if holder is None or told.take(attempt.email, now) is not None:
        return  # told within the hour: that email's link still works
    token = secrets.token_urlsafe(32)
    OneTimeTokens(ports.store).add("reset", token, holder.id, now + RESET_LIFETIME)
    _mail(ports, "signup_attempt", attempt.email, token)


def log_in(
    ports: AuthPorts, email: object, password: object, guest_token: str | None = None
) -> Session:
    """A session for an account holder; five passwords checked in 15 minutes, then a pause."""
    guest = guest_of(ports, guest_token)
    address = normalise_email(email)
    checks = _checks(ports, "password")
    _spend(checks, address, ports.clock.now())  # before the check: parallel guesses wait too
    user = UserRepository(ports.store).find_by_email(address)
    if not _password_matches(ports, user, password):
        raise Unauthorized("invalid_credentials")
    assert user is not None
    checks.reset(address)
    if guest is not None:
        claim_drafts(ports, guest.user_id, user.id)
    return start_session(ports, user)


def start_as_guest(ports: AuthPorts) -> Session:
    """A guest who can draft meetups and invite people before signing up."""
    user = User.guest(user_id=new_id(), now=ports.clock.now())
    UserRepository(ports.store).add(user)
    return start_session(ports, user)


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
    """Move every meetup of a guest to an account, a page at a time, each page in one
    transaction; answers how many moved."""
    meetups = MeetupRepository(ports.store)
    moved = 0
    while True:
        # Each meetup leaves the guest's partition as it moves, so the first page is
        # always the next batch; no cursor to keep.
        page, _ = meetups.of_organizer(guest_id, limit=MEETUPS_PER_TRANSACTION)
        if not page:
            return moved
        read_versions = [meetup.version for meetup in page]
        for meetup in page:
            meetup.hand_over(guest_id, user_id, ports.clock.now())
        meetups.save_all(list(zip(page, read_versions, strict=True)))
        moved += len(page)


def guest_of(ports: AuthPorts, guest_token: str | None) -> Caller | None:
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


def start_session(ports: AuthPorts, user: User) -> Session:
    refresh_token = secrets.token_urlsafe(32)
    SessionRepository(ports.store).start(
        user.id, new_id(), refresh_token, ports.clock.now() + REFRESH_LIFETIME
    )
    return Session(user, _access_token(ports, user), refresh_token, ports.tokens.lifetime_seconds)


def who_is(ports: AuthPorts, caller: Caller) -> User:
    """The account (or guest) behind a verified access token."""
    return UserRepository(ports.store).get(caller.user_id)


# -- proving an address, resetting a password, signing in with a code -----------------------


def send_verification(ports: AuthPorts, user: User) -> None:
    """Email a link that proves the address (``<base>/verify/{token}``), valid 3 days; none
    to an address another account holds (its holder is not asked to prove it for this one)."""
    if user.email is None or user.email_verified or user.address_taken:
        return
    token = secrets.token_urlsafe(32)
    OneTimeTokens(ports.store).add("verify", token, user.id, ports.clock.now() + VERIFY_LIFETIME)
    _mail(ports, "verify_email", user.email, token)


def resend_verification(ports: AuthPorts, caller: Caller) -> None:
    """A new verification link for the signed-in account (an earlier one keeps working)."""
    user = UserRepository(ports.store).get(caller.user_id)
    if user.is_guest:
        raise Conflict("signup_required")
    send_verification(ports, user)


def verify_email(ports: AuthPorts, token: str) -> User:
    """Spend a verification link; the account's address is proved."""
    user_id = OneTimeTokens(ports.store).take("verify", token, ports.clock.now())
    if user_id is None:
        raise _bad_link()
    return _verified(ports, UserRepository(ports.store).get(user_id))


def forgot_password(ports: AuthPorts, email: object) -> None:
    """Email a reset link (``<base>/reset/{token}``, once, within an hour) if an account has
    the address; the answer is the same either way."""
    address = normalise_email(email)
    user = UserRepository(ports.store).find_by_email(address)
    if user is None or user.is_guest:
        return
    token = secrets.token_urlsafe(32)
    OneTimeTokens(ports.store).add("reset", token, user.id, ports.clock.now() + RESET_LIFETIME)
    _mail(ports, "password_reset", address, token)


def reset_password(ports: AuthPorts, token: str, password: object) -> Session:
    """Spend a reset link on a new password: every other sign-in ends; this one begins."""
    problems = password_problems(password)
    if problems:  # checked first: a weak password does not spend the link
        raise InvalidInput(problems)
    assert isinstance(password, str)
    user_id = OneTimeTokens(ports.store).take("reset", token, ports.clock.now())
    if user_id is None:
        raise _bad_link()
    users = UserRepository(ports.store)
    user = users.get(user_id)
    read_version = user.version
    user.change_password(ports.hasher.hash(password), email_proved_at=ports.clock.now())
    users.save(user, read_version)
    SessionRepository(ports.store).revoke_all(user.id)
    if user.email is not None:  # the link came to the address: its paused sign-ins resume
        _checks(ports, "password").reset(user.email)
        _checks(ports, "code").reset(user.email)
    return start_session(ports, user)


def request_code(ports: AuthPorts, email: object) -> None:
    """Email a 6-digit sign-in code (for 10 minutes) if an account has the address; at most
    ``CODES_SENT_PER_HOUR`` an hour, silently (the answer is the same for every address)."""
    address = normalise_email(email)
    now = ports.clock.now()
    user = UserRepository(ports.store).find_by_email(address)
    if user is None or user.is_guest:
        return
    codes = SignInCodes(ports.store)
    current = codes.find(address)
    if current is not None and now - current.sent_at < CODE_RESEND_AFTER:
        return  # one just went out: a second click sends nothing
    sent = AttemptBudget(ports.store, "code_sent", CODES_SENT_PER_HOUR, timedelta(hours=1))
    if sent.take(address, now) is not None:
        logger.info("no sign-in code sent: the hour's codes for an address are spent")
        return
    code = f"{secrets.randbelow(1_000_000):06d}"
    codes.put(address, _code_hash(address, code), now, now + CODE_LIFETIME)
    _mail(ports, "sign_in_code", address, code)


def sign_in_with_code(
    ports: AuthPorts, email: object, code: object, guest_token: str | None = None
) -> Session:
    """A session for the holder of the code last emailed to the address (as a login); five
    codes checked in 15 minutes, whichever codes they were, then a pause."""
    guest = guest_of(ports, guest_token)
    address = normalise_email(email)
    now = ports.clock.now()
    checks = _checks(ports, "code")
    _spend(checks, address, now)
    codes = SignInCodes(ports.store)
    sent = codes.find(address)
    if sent is None or sent.expires_at <= now:
        raise Unauthorized("invalid_code")
    given = _code_hash(address, code if isinstance(code, str) else "")
    if not hmac.compare_digest(given, sent.code_hash) or not codes.take(address, sent):
        raise Unauthorized("invalid_code")
    checks.reset(address)
    user = UserRepository(ports.store).find_by_email(address)
    if user is None:
        raise Unauthorized("invalid_code")
    user = _verified(ports, user)  # the code came to the address
    if guest is not None:
        claim_drafts(ports, guest.user_id, user.id)
    return start_session(ports, user)


def _checks(ports: AuthPorts, kind: str) -> AttemptBudget:
    return AttemptBudget(ports.store, kind, CHECKS_ALLOWED, CHECK_WINDOW)


def _spend(budget: AttemptBudget, address: str, now: datetime) -> None:
    wait = budget.take(address, now)
    if wait is not None:
        raise TooManyRequests("too_many_attempts", math.ceil(wait.total_seconds()))


def _verified(ports: AuthPorts, user: User) -> User:
    read_version = user.version
    if user.verify_email(ports.clock.now()):
        UserRepository(ports.store).save(user, read_version)
    return user


def _code_hash(address: str, code: str) -> str:
    return token_hash(f"{address}:{code.strip()}")


def _bad_link() -> InvalidInput:
    return InvalidInput(
        [FieldError("token", "is unknown, expired or already used")], code="invalid_token"
    )


def _mail(ports: AuthPorts, purpose: str, to: str, secret: str) -> None:
    if ports.outbox is None:
        raise RuntimeError("the notifier's queue is not configured for this function")
    requested = AccountMailRequested(new_id(), ports.clock.now(), purpose, to, secret)
    ports.outbox.send(json.dumps(requested.to_message()), {"event": requested.name})
