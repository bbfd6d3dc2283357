"""Sign-in records on the one table: refresh tokens and their families, answer links, the
one-time tokens of emailed links (verify an address, reset a password), and the codes of
sign-in by email. (How many attempts an address may make: ``store/attempts.py``.)

Every secret is stored only as its SHA-256 hash, so a copy of the table gives nobody a
working token. Items carry ``ttl`` (epoch seconds) for DynamoDB's time-to-live clean-up.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from slsplay.domain.errors import Conflict
from slsplay.ports import (
    MAX_TRANSACTION_OPS,
    PK,
    SK,
    ConditionFailed,
    Equals,
    Exists,
    Item,
    ItemStore,
    Key,
    NotExists,
    Put,
    Update,
)
from slsplay.store.repositories import every


def token_hash(token: str) -> str:
    """How a secret token is keyed: its SHA-256, hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def _ttl(moment: datetime) -> int:
    return int(moment.timestamp())


@dataclass(frozen=True)
class RefreshToken:
    """A stored refresh token: whose it is, which family (sign-in) it belongs to, if spent."""

    user_id: str
    family_id: str
    expires_at: datetime
    used: bool


def _refresh_key(token: str) -> Key:
    return Key(f"REFRESH#{token_hash(token)}", "REFRESH")


def _family_key(user_id: str, family_id: str) -> Key:
    return Key(f"USER#{user_id}", f"FAMILY#{family_id}")


class SessionRepository:
    """Refresh tokens rotate within a family; reusing a spent one revokes the family."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def start(self, user_id: str, family_id: str, token: str, expires_at: datetime) -> None:
        """A new family with its first refresh token."""
        family = _family_key(user_id, family_id)
        self.store.transact(
            [
                Put(
                    {
                        PK: family.pk,
                        SK: family.sk,
                        "type": "session_family",
                        "revoked": False,
                        "ttl": _ttl(expires_at),
                    },
                    NotExists(),
                ),
                Put(self._refresh_item(token, user_id, family_id, expires_at), NotExists()),
            ]
        )

    def find(self, token: str) -> RefreshToken | None:
        """The stored record of a refresh token, if it was ever issued."""
        item = self.store.get(_refresh_key(token))
        if item is None:
            return None
        return RefreshToken(
            user_id=item["user_id"],
            family_id=item["family_id"],
            expires_at=datetime.fromisoformat(item["expires_at"]),
            used=item["used"],
        )

    def is_revoked(self, user_id: str, family_id: str) -> bool:
        """Whether the family was ended (logout, reuse); a missing family counts as ended."""
        item = self.store.get(_family_key(user_id, family_id))
        return item is None or bool(item["revoked"])

    def rotate(self, old: str, new: str, record: RefreshToken, expires_at: datetime) -> None:
        """Spend ``old`` and issue ``new`` in its family, unless ``old`` was spent meanwhile."""
        try:
            self.store.transact(
                [
                    Update(_refresh_key(old), set={"used": True}, condition=Equals("used", False)),
                    Put(
                        self._refresh_item(new, record.user_id, record.family_id, expires_at),
                        NotExists(),
                    ),
                    # The sign-in lives as long as its newest token (a sliding lifetime).
                    Update(
                        _family_key(record.user_id, record.family_id),
                        set={"ttl": _ttl(expires_at)},
                        condition=Equals("revoked", False),
                    ),
                ]
            )
        except ConditionFailed as e:
            raise Conflict("refresh_token_reused") from e

    def revoke_all(self, user_id: str) -> int:
        """End every sign-in of a user (a password reset); answers how many were live."""
        ended = 0
        for item in every(self.store, f"USER#{user_id}", "FAMILY#"):
            if not item.get("revoked"):
                self.revoke(user_id, item[SK].removeprefix("FAMILY#"))
                ended += 1
        return ended

    def revoke(self, user_id: str, family_id: str) -> None:
        """End a family: none of its refresh tokens works any more."""
        with contextlib.suppress(ConditionFailed):  # already gone: nothing left to revoke
            self.store.write(
                Update(_family_key(user_id, family_id), set={"revoked": True}, condition=Exists())
            )

    @staticmethod
    def _refresh_item(
        token: str, user_id: str, family_id: str, expires_at: datetime
    ) -> dict[str, object]:
        key = _refresh_key(token)
        return {
            PK: key.pk,
            SK: key.sk,
            "type": "refresh_token",
            "user_id": user_id,
            "family_id": family_id,
            "expires_at": expires_at.isoformat(),
            "used": False,
            "ttl": _ttl(expires_at),
        }


@dataclass(frozen=True)
class AnswerLink:
    """Where an answer link's token leads: one invitation of one meetup."""

    meetup_id: str
    email: str


class AnswerLinkRepository:
    """The tokens in invitees' answer links, stored as hashes."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    @staticmethod
    def _key(token: str) -> Key:
        return Key(f"RSVP#{token_hash(token)}", "RSVP")

    def add(self, token: str, link: AnswerLink, keep_until: datetime) -> None:
        """Store a new token for an invitation."""
        self.store.put_new(self._item(token, link, keep_until))

    def add_many(self, links: Sequence[tuple[str, AnswerLink]], keep_until: datetime) -> None:
        """Store new tokens for several invitations, in transactions of as many as allowed."""
        for start in range(0, len(links), MAX_TRANSACTION_OPS):
            self.store.transact(
                [
                    Put(self._item(token, link, keep_until), NotExists())
                    for token, link in links[start : start + MAX_TRANSACTION_OPS]
                ]
            )

    def _item(self, token: str, link: AnswerLink, keep_until: datetime) -> Item:
        key = self._key(token)
        return {
            PK: key.pk,
            SK: key.sk,
            "type": "answer_link",
            "meetup_id": link.meetup_id,
            "email": link.email,
            "ttl": _ttl(keep_until),
        }

    def find(self, token: str) -> AnswerLink | None:
        """The invitation a token leads to, if the token was ever issued."""
        item = self.store.get(self._key(token))
        return None if item is None else AnswerLink(item["meetup_id"], item["email"])


def _take_once(store: ItemStore, key: Key, now: datetime) -> Item | None:
    """The item at ``key`` if it has not expired, deleted as it is read: of two requests
    racing for it, the conditional delete lets one have it."""
    item = store.get(key)
    if item is None or datetime.fromisoformat(item["expires_at"]) <= now:
        return None
    try:
        store.delete(key, Exists())
    except ConditionFailed:
        return None
    return item


class OneTimeTokens:
    """The tokens of emailed links: each works once, until it expires (stored hashed)."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    @staticmethod
    def _key(purpose: str, token: str) -> Key:
        return Key(f"ONCE#{purpose}#{token_hash(token)}", "ONCE")

    def add(self, purpose: str, token: str, user_id: str, expires_at: datetime) -> None:
        key = self._key(purpose, token)
        self.store.put_new(
            {
                PK: key.pk,
                SK: key.sk,
                "type": "one_time_token",
                "user_id": user_id,
                "expires_at": expires_at.isoformat(),
                "ttl": _ttl(expires_at),
            }
        )

    def take(self, purpose: str, token: str, now: datetime) -> str | None:
        """Spend a token: answers whose it was, or None if it is unknown, expired or spent
        (also by a request racing this one: the conditional delete lets one win)."""
        item = _take_once(self.store, self._key(purpose, token), now)
        return None if item is None else str(item["user_id"])


@dataclass(frozen=True)
class SignInCode:
    """The code emailed to an address, hashed, with when it was sent and when it expires.

    Wrong tries are counted per address, across codes (``store/attempts.py``), not per code:
    asking for a new code gives no new tries.
    """

    code_hash: str
    expires_at: datetime
    sent_at: datetime


class SignInCodes:
    """One sign-in code per address at a time: a new one replaces it."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    @staticmethod
    def _key(email: str) -> Key:
        return Key(f"SIGNINCODE#{email}", "CODE")

    def put(self, email: str, code_hash: str, now: datetime, expires_at: datetime) -> None:
        key = self._key(email)
        self.store.put(
            {
                PK: key.pk,
                SK: key.sk,
                "type": "sign_in_code",
                "code_hash": code_hash,
                "expires_at": expires_at.isoformat(),
                "sent_at": now.isoformat(),
                "ttl": _ttl(expires_at),
            }
        )

    def find(self, email: str) -> SignInCode | None:
        item = self.store.get(self._key(email))
        if item is None:
            return None
        return SignInCode(
            item["code_hash"],
            datetime.fromisoformat(item["expires_at"]),
            datetime.fromisoformat(item["sent_at"]),
        )

    def take(self, email: str, code: SignInCode) -> bool:
        """Spend the code once: False if another request spent it (or a new one replaced it)."""
        try:
            self.store.delete(self._key(email), Equals("code_hash", code.code_hash))
        except ConditionFailed:
            return False
        return True


@dataclass(frozen=True)
class PendingSignIn:
    """What a sign-in at a provider started with, kept until its callback (10 minutes)."""

    provider: str
    nonce: str
    code_verifier: str
    return_to: str
    guest_id: str | None


class PendingSignIns:
    """Sign-ins started at a provider, by the hash of their ``state``; each is taken once."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    @staticmethod
    def _key(state: str) -> Key:
        return Key(f"OIDCSTATE#{token_hash(state)}", "STATE")

    def add(self, state: str, pending: PendingSignIn, expires_at: datetime) -> None:
        key = self._key(state)
        self.store.put_new(
            {
                PK: key.pk,
                SK: key.sk,
                "type": "pending_sign_in",
                "provider": pending.provider,
                "nonce": pending.nonce,
                "code_verifier": pending.code_verifier,
                "return_to": pending.return_to,
                "guest_id": pending.guest_id,
                "expires_at": expires_at.isoformat(),
                "ttl": _ttl(expires_at),
            }
        )

    def take(self, state: str, now: datetime) -> PendingSignIn | None:
        """The sign-in ``state`` names, once; None if unknown, expired or taken."""
        item = _take_once(self.store, self._key(state), now)
        if item is None:
            return None
        return PendingSignIn(
            item["provider"],
            item["nonce"],
            item["code_verifier"],
            item["return_to"],
            item.get("guest_id"),
        )


class IdentityLinks:
    """Which account a provider's user signs in to (``IDENTITY#{provider}#{subject}``)."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    @staticmethod
    def _key(provider: str, subject: str) -> Key:
        return Key(f"IDENTITY#{provider}#{subject}", "IDENTITY")

    def find(self, provider: str, subject: str) -> str | None:
        item = self.store.get(self._key(provider, subject))
        return None if item is None else str(item["user_id"])

    def link(self, provider: str, subject: str, user_id: str, now: datetime) -> str:
        """Link the identity to the account; answers the account it is linked to (another
        request may have linked it first)."""
        key = self._key(provider, subject)
        try:
            self.store.put_new(
                {
                    PK: key.pk,
                    SK: key.sk,
                    "type": "identity_link",
                    "user_id": user_id,
                    "linked_at": now.isoformat(),
                }
            )
        except ConditionFailed:
            found = self.find(provider, subject)
            if found is None:  # pragma: no cover  (it was there a moment ago)
                raise
            return found
        return user_id
