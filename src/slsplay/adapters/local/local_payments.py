"""The local payment provider: what Stripe does for slsplay, offline, in one SQLite file.

It keeps checkout sessions, refunds, connected accounts and payouts, each created once per
idempotency key. The local runtime serves its checkout page (``/_payments/checkout/{id}``):
a test card pays, the decline card is refused, and a payment or an expiry is announced by a
webhook signed as Stripe signs them, posted to the product's own webhook route from a
background thread and retried on failure, as Stripe retries.
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from slsplay.adapters import webhook_signatures
from slsplay.adapters.local.sqlite_file import SqliteFile
from slsplay.ports import (
    CheckoutRequest,
    CheckoutSession,
    Clock,
    InvalidWebhook,
    PaymentEvent,
    PaymentFailed,
)

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "Payment-Signature"
WEBHOOK_PATH = "/api/payments/webhook"
# Stripe's test cards: one that pays, one that is declined.
PAYING_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"
DELIVERY_DELAYS = (0.0, 0.5, 1.0, 2.0, 4.0, 8.0)

Deliver = Callable[[bytes, Mapping[str, str]], None]


class CardDeclined(Exception):
    """The card was refused; the message is for the buyer."""


@dataclass(frozen=True)
class LocalSession:
    """A checkout session as its page shows it."""

    id: str
    checkout_id: str
    title: str
    email: str
    amount_minor: int
    fee_minor: int
    currency: str
    expires_at: float
    success_url: str
    cancel_url: str
    status: str  # open, complete, expired


class LocalPayments:
    """The ``Payments`` port offline; safe across threads."""

    def __init__(
        self,
        path: Path,
        base_url: str,
        webhook_secret: str,
        clock: Clock,
        deliver: Deliver | None = None,
    ) -> None:
        self._file = SqliteFile(path)
        self.base_url = base_url.rstrip("/")
        self.webhook_secret = webhook_secret
        self.clock = clock
        self._deliver = deliver or self._post_in_background
        with self._file.writing() as db:
            for statement in _SCHEMA:
                db.execute(statement)

    # -- the port ---------------------------------------------------------------------------

    def create_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        """A session on the local checkout page (one per checkout id)."""
        with self._file.writing() as db:
            row = db.execute(
                "SELECT id FROM sessions WHERE checkout_id = ?", (request.checkout_id,)
            ).fetchone()
            session_id = row[0] if row else f"cs_local_{secrets.token_hex(12)}"
            if row is None:
                db.execute(
                    "INSERT INTO sessions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,NULL)",
                    (
                        session_id,
                        request.checkout_id,
                        request.title,
                        request.email,
                        request.amount_minor,
                        request.fee_minor,
                        request.currency,
                        request.expires_at.timestamp(),
                        request.success_url,
                        request.cancel_url,
                        request.connected_account,
                        "open",
                    ),
                )
        return CheckoutSession(session_id, f"{self.base_url}/_payments/checkout/{session_id}")

    def expire_checkout(self, session_id: str) -> None:
        """Close an open session and announce it; a paid or expired one stays as it is."""
        with self._file.writing() as db:
            changed = db.execute(
                "UPDATE sessions SET status = 'expired' WHERE id = ? AND status = 'open'",
                (session_id,),
            ).rowcount
        if changed:
            self._announce("checkout_expired", self.session(session_id))

    def parse_webhook(self, body: bytes, headers: Mapping[str, str]) -> PaymentEvent:
        """The event a local webhook carries, once its signature is checked."""
        wanted = SIGNATURE_HEADER.lower()
        header = next((v for k, v in headers.items() if k.lower() == wanted), None)
        webhook_signatures.verify(body, header, self.webhook_secret, self.clock.now().timestamp())
        try:
            data = json.loads(body)
            return PaymentEvent(
                event_id=str(data["id"]),
                kind=data["kind"],
                checkout_id=data.get("checkout_id"),
                session_id=data.get("session_id"),
                payment_ref=data.get("payment_ref"),
                amount_minor=int(data.get("amount_minor", 0)),
                currency=str(data.get("currency", "")),
            )
        except (ValueError, KeyError, TypeError) as e:
            raise InvalidWebhook("a body that is not a payment event") from e

    def refund(self, payment_ref: str, amount_minor: int, idempotency_key: str) -> str:
        """A refund of a paid session, recorded once per key."""
        with self._file.writing() as db:
            paid = db.execute(
                "SELECT amount_minor + fee_minor FROM sessions WHERE payment_ref = ?",
                (payment_ref,),
            ).fetchone()
            if paid is None or amount_minor > paid[0]:
                raise PaymentFailed(f"no payment {payment_ref!r} of at least {amount_minor}")
            return self._once(db, idempotency_key, "re_local", payment_ref, amount_minor)

    def create_account(self, user_id: str, email: str, idempotency_key: str) -> str:
        """An account that is ready at once (there is nothing to check offline)."""
        with self._file.writing() as db:
            return self._once(db, idempotency_key, "acct_local", user_id, 0)

    def onboarding_url(self, account_id: str, return_url: str, refresh_url: str) -> str:
        """A page that sends the organizer straight back."""
        return f"{self.base_url}/_payments/onboarding/{account_id}?return={quote(return_url)}"

    def account_ready(self, account_id: str) -> bool:
        """Whether the account exists."""
        row = (
            self._file.connection()
            .execute("SELECT 1 FROM records WHERE id = ? AND kind = 'acct_local'", (account_id,))
            .fetchone()
        )
        return row is not None

    def payout(
        self, account_id: str, amount_minor: int, currency: str, idempotency_key: str
    ) -> str:
        """A payout, recorded once per key."""
        if not self.account_ready(account_id):
            raise PaymentFailed(f"no account {account_id!r}")
        with self._file.writing() as db:
            return self._once(db, idempotency_key, "po_local", account_id, amount_minor)

    # -- the checkout page's actions --------------------------------------------------------

    def session(self, session_id: str) -> LocalSession | None:
        """A session, for its page."""
        row = (
            self._file.connection()
            .execute(
                "SELECT id, checkout_id, title, email, amount_minor, fee_minor, currency,"
                " expires_at, success_url, cancel_url, status FROM sessions WHERE id = ?",
                (session_id,),
            )
            .fetchone()
        )
        return None if row is None else LocalSession(*row)

    def pay(self, session_id: str, card_number: str) -> LocalSession:
        """Pay an open session with a card; ``CardDeclined`` says why not."""
        digits = "".join(c for c in card_number if c.isdigit())
        if not _luhn_valid(digits):
            raise CardDeclined("That card number is not valid.")
        if digits == DECLINED_CARD:
            raise CardDeclined("Your card was declined.")
        session = self.session(session_id)
        now = self.clock.now().timestamp()
        if session is None or session.status != "open" or session.expires_at <= now:
            raise CardDeclined("This checkout has expired; go back and start again.")
        payment_ref = f"pi_local_{secrets.token_hex(12)}"
        with self._file.writing() as db:
            changed = db.execute(
                "UPDATE sessions SET status = 'complete', payment_ref = ?"
                " WHERE id = ? AND status = 'open'",
                (payment_ref, session_id),
            ).rowcount
        if not changed:
            raise CardDeclined("This checkout is no longer open.")
        self._announce("checkout_paid", session, payment_ref)
        return session

    def records(self, kind: str) -> list[dict[str, Any]]:
        """What was refunded (``re_local``) or paid out (``po_local``), for tests."""
        rows = self._file.connection().execute(
            "SELECT id, idempotency_key, ref, amount_minor FROM records WHERE kind = ?", (kind,)
        )
        keys = ("id", "idempotency_key", "ref", "amount_minor")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    # -- helpers ----------------------------------------------------------------------------

    def _once(
        self, db: sqlite3.Connection, idempotency_key: str, kind: str, ref: str, amount: int
    ) -> str:
        row = db.execute(
            "SELECT id FROM records WHERE idempotency_key = ?", (idempotency_key,)
        ).fetchone()
        if row is not None:
            return str(row[0])
        record_id = f"{kind}_{secrets.token_hex(12)}"
        db.execute(
            "INSERT INTO records VALUES (?,?,?,?,?)",
            (record_id, idempotency_key, kind, ref, amount),
        )
        return record_id

    def _announce(
        self, kind: str, session: LocalSession | None, payment_ref: str | None = None
    ) -> None:
        if session is None:
            return
        body = json.dumps(
            {
                "id": f"evt_local_{secrets.token_hex(12)}",
                "kind": kind,
                "checkout_id": session.checkout_id,
                "session_id": session.id,
                "payment_ref": payment_ref,
                "amount_minor": session.amount_minor + session.fee_minor,
                "currency": session.currency,
            }
        ).encode()
        stamp = int(self.clock.now().timestamp())
        signature = webhook_signatures.sign(body, self.webhook_secret, stamp)
        self._deliver(body, {SIGNATURE_HEADER: signature, "Content-Type": "application/json"})

    def _post_in_background(self, body: bytes, headers: Mapping[str, str]) -> None:
        url = f"{self.base_url}{WEBHOOK_PATH}"
        threading.Thread(
            target=_post_with_retries, args=(url, body, dict(headers)), daemon=True
        ).start()


def _post_with_retries(url: str, body: bytes, headers: dict[str, str]) -> None:
    for delay in DELIVERY_DELAYS:
        time.sleep(delay)
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10):  # noqa: S310  (our own URL)
                return
        except (urllib.error.URLError, OSError) as e:
            logger.warning("webhook to %s failed (%s); retrying", url, e)
    logger.error("webhook to %s given up", url)


def _luhn_valid(digits: str) -> bool:
    if not 12 <= len(digits) <= 19:
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, checkout_id TEXT UNIQUE, title TEXT, email TEXT,
    amount_minor INTEGER, fee_minor INTEGER, currency TEXT, expires_at REAL,
    success_url TEXT, cancel_url TEXT, account TEXT, status TEXT, payment_ref TEXT
)""",
    """CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY, idempotency_key TEXT UNIQUE, kind TEXT, ref TEXT, amount_minor INTEGER
)""",
)
