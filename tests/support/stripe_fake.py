"""A stand-in for the part of Stripe's API that ``StripePayments`` calls, over real HTTP.

``StripeFake`` serves on 127.0.0.1 from a thread, for the adapter's real client (Stripe's own
library) to talk to: checkout sessions, refunds, connected accounts, account links and
payouts. It decodes Stripe's form encoding into nested dicts and lists (values stay the
strings sent), records every request, answers Stripe-shaped objects and errors, replays
the answer to a repeated idempotency key as Stripe does, and signs webhooks as Stripe does.

What it checks is what Stripe would refuse and the adapter could get wrong: the API key, a
checkout's required fields and its expiry window, expiring a checkout that is not open,
and accounts that do not exist. Everything else is taken as sent.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import stripe

from tests.support.http_fake import ServedFromThread

SECRET_KEY = "sk_test_51SlsplayFakeKey0000000000000000"
API_VERSION = stripe.api_version  # the version the adapter's library pins and sends

# Stripe's own limits on a checkout's expires_at, from its creation.
SHORTEST_CHECKOUT_SECONDS = 30 * 60
LONGEST_CHECKOUT_SECONDS = 24 * 60 * 60

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
_SUBKEY = re.compile(r"\[([^\[\]]*)\]")


class StripeRefusal(Exception):
    """An error answer, in Stripe's shape."""

    def __init__(
        self,
        status: HTTPStatus,
        message: str,
        *,
        kind: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {"error": {"type": kind, "message": message}}
        if param is not None:
            self.body["error"]["param"] = param
        if code is not None:
            self.body["error"]["code"] = code


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake received, its form or query decoded."""

    method: str
    path: str
    params: dict[str, Any]
    headers: dict[str, str]

    def header(self, name: str) -> str | None:
        """A header's value, its name matched without regard to case."""
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


def decode_form(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Stripe's form encoding (``a[b][0][c]=x``) as nested dicts, lists where keys count."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        match = _KEY.match(key)
        if match is None:
            raise StripeRefusal(HTTPStatus.BAD_REQUEST, f"Invalid parameter name: {key}")
        names = [match.group(1), *_SUBKEY.findall(match.group(2))]
        node = root
        for name in names[:-1]:
            node = node.setdefault(name, {})
        node[names[-1]] = value
    decoded: dict[str, Any] = _with_lists(root)
    return decoded


def _with_lists(node: Any) -> Any:
    # Stripe's libraries always index a list's items ("line_items[0]"), so a dict whose keys
    # are 0..n-1 was a list. A metadata dict keyed "0", "1" would be taken for one too.
    if not isinstance(node, dict):
        return node
    decoded = {k: _with_lists(v) for k, v in node.items()}
    if decoded and all(k.isdigit() for k in decoded):
        indexes = sorted(int(k) for k in decoded)
        if indexes == list(range(len(indexes))):
            return [decoded[str(i)] for i in indexes]
    return decoded


def sign(body: bytes, secret: str, timestamp: int) -> str:
    """The ``Stripe-Signature`` header Stripe sends with ``body``: an HMAC-SHA256 of
    ``{timestamp}.{body}`` keyed by the endpoint's secret."""
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def _new_id(prefix: str) -> str:
    return prefix + secrets.token_hex(12)


class StripeFake(ServedFromThread):
    """Stripe's API for one platform account, served on 127.0.0.1 until the ``with`` ends."""

    thread_name = "stripe-fake"

    def __init__(
        self, api_key: str = SECRET_KEY, *, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__()
        self.api_key = api_key
        self._clock = clock
        self.requests: list[RecordedRequest] = []
        self.sessions: dict[str, dict[str, Any]] = {}
        self.accounts: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        self.payouts: dict[str, dict[str, Any]] = {}
        # (account, idempotency key) -> (method, path, params, status, answer)
        self._replies: dict[tuple[str, str], tuple[str, str, dict[str, Any], int, bytes]] = {}
        self._lock = threading.Lock()

    # -- serving ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The API's base address, for ``StripePayments(api_base=...)``."""
        return self._served_url()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        return _handler_for(self)

    # -- what tests do to it ----------------------------------------------------------------

    def requests_to(self, method: str, path: str) -> list[RecordedRequest]:
        """The requests received for one endpoint, oldest first."""
        with self._lock:
            return [r for r in self.requests if r.method == method and r.path == path]

    def complete(self, session_id: str, *, paid: bool = True) -> dict[str, Any]:
        """The buyer finishes the checkout: paid now, or (``paid=False``) by a method that
        settles later, such as a bank debit."""
        with self._lock:
            session = self.sessions[session_id]
            session.update(
                status="complete",
                payment_status="paid" if paid else "unpaid",
                payment_intent=_new_id("pi_"),
                url=None,
            )
            return dict(session)

    def onboard(
        self, account_id: str, *, charges_enabled: bool = True, payouts_enabled: bool = True
    ) -> None:
        """The organizer finishes Stripe's onboarding, and Stripe enables what it verified."""
        with self._lock:
            self.accounts[account_id].update(
                charges_enabled=charges_enabled,
                payouts_enabled=payouts_enabled,
                details_submitted=True,
            )

    def webhook(
        self,
        event_type: str,
        session_id: str,
        secret: str,
        *,
        timestamp: int | None = None,
    ) -> tuple[bytes, dict[str, str]]:
        """The body and headers of Stripe's webhook about a session, signed with ``secret``."""
        now = int(self._clock()) if timestamp is None else timestamp
        with self._lock:
            session = dict(self.sessions[session_id])
        event = {
            "id": _new_id("evt_"),
            "object": "event",
            "api_version": API_VERSION,
            "created": now,
            "data": {"object": session},
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": event_type,
        }
        body = json.dumps(event, indent=2).encode()
        return body, {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            "Stripe-Signature": sign(body, secret, now),
        }

    # -- the API ----------------------------------------------------------------------------

    def answer(
        self, method: str, path: str, params: dict[str, Any], headers: Mapping[str, str]
    ) -> tuple[int, bytes, dict[str, str]]:
        """Status, JSON body and extra headers for one request (the HTTP handler's work)."""
        with self._lock:
            headers = dict(headers)
            self.requests.append(RecordedRequest(method, path, params, headers))
            lowered = {k.lower(): v for k, v in headers.items()}
            try:
                if lowered.get("authorization") != f"Bearer {self.api_key}":
                    given = lowered.get("authorization", "").removeprefix("Bearer ")
                    raise StripeRefusal(
                        HTTPStatus.UNAUTHORIZED,
                        f"Invalid API Key provided: {given[:8]}****{given[-4:]}",
                    )
                account = lowered.get("stripe-account", "")
                if account and account not in self.accounts:
                    raise StripeRefusal(
                        HTTPStatus.FORBIDDEN,
                        f"The provided key does not have access to account '{account}' "
                        "(or that account does not exist).",
                    )
                key = lowered.get("idempotency-key")
                if method == "POST" and key and (account, key) in self._replies:
                    return self._replay((account, key), method, path, params)
                found = self._route(method, path, params, account)
                status, body = HTTPStatus.OK, json.dumps(found).encode()
                # Only answers that did something are kept: Stripe keeps no result for a
                # request it refused before doing anything.
                if method == "POST" and key:
                    self._replies[(account, key)] = (method, path, params, status, body)
                return status, body, {}
            except StripeRefusal as refusal:
                return refusal.status, json.dumps(refusal.body).encode(), {}

    def _replay(
        self, slot: tuple[str, str], method: str, path: str, params: dict[str, Any]
    ) -> tuple[int, bytes, dict[str, str]]:
        first_method, first_path, first_params, status, body = self._replies[slot]
        if (first_method, first_path, first_params) != (method, path, params):
            raise StripeRefusal(
                HTTPStatus.BAD_REQUEST,
                "Keys for idempotent requests can only be used with the same parameters "
                f"they were first used with. Try using a key other than '{slot[1]}' if you "
                "meant to execute a different request.",
                kind="idempotency_error",
            )
        return status, body, {"Idempotent-Replayed": "true"}

    def _route(
        self, method: str, path: str, params: dict[str, Any], account: str
    ) -> dict[str, Any]:
        parts = path.strip("/").split("/")
        match method, parts:
            case "POST", ["v1", "checkout", "sessions"]:
                return self._create_session(params)
            case "GET", ["v1", "checkout", "sessions", session_id]:
                return dict(self._session(session_id))
            case "POST", ["v1", "checkout", "sessions", session_id, "expire"]:
                return self._expire_session(session_id)
            case "POST", ["v1", "refunds"]:
                return self._create_refund(params)
            case "POST", ["v1", "accounts"]:
                return self._create_account(params)
            case "GET", ["v1", "accounts", account_id]:
                return dict(self._account(account_id))
            case "POST", ["v1", "account_links"]:
                return self._create_account_link(params)
            case "POST", ["v1", "payouts"]:
                return self._create_payout(params, account)
        raise StripeRefusal(
            HTTPStatus.NOT_FOUND,
            f"Unrecognized request URL ({method}: {path}).",
        )

    def _create_session(self, params: dict[str, Any]) -> dict[str, Any]:
        for name in ("mode", "line_items", "success_url"):
            if name not in params:
                raise StripeRefusal(
                    HTTPStatus.BAD_REQUEST, f"Missing required param: {name}.", param=name
                )
        items = params["line_items"]
        prices = [item.get("price_data", {}) for item in items]
        currencies = {price.get("currency") for price in prices}
        if len(currencies) != 1:
            raise StripeRefusal(
                HTTPStatus.BAD_REQUEST,
                "All line items must be in the same currency.",
                param="line_items",
            )
        created = int(self._clock())
        expires_at = int(params.get("expires_at", created + LONGEST_CHECKOUT_SECONDS))
        if expires_at < created + SHORTEST_CHECKOUT_SECONDS:
            raise StripeRefusal(
                HTTPStatus.BAD_REQUEST,
                "The `expires_at` timestamp must be at least 30 minutes from Checkout "
                "Session creation.",
                param="expires_at",
            )
        if expires_at > created + LONGEST_CHECKOUT_SECONDS:
            raise StripeRefusal(
                HTTPStatus.BAD_REQUEST,
                "The `expires_at` timestamp must be less than 24 hours from Checkout "
                "Session creation.",
                param="expires_at",
            )
        session_id = _new_id("cs_test_")
        total = sum(
            int(price["unit_amount"]) * int(item.get("quantity", "1"))
            for price, item in zip(prices, items, strict=True)
        )
        session: dict[str, Any] = {
            "id": session_id,
            "object": "checkout.session",
            "amount_subtotal": total,
            "amount_total": total,
            "cancel_url": params.get("cancel_url"),
            "client_reference_id": params.get("client_reference_id"),
            "created": created,
            "currency": currencies.pop(),
            "customer_email": params.get("customer_email"),
            "expires_at": expires_at,
            "livemode": False,
            "metadata": params.get("metadata", {}),
            "mode": params["mode"],
            "payment_intent": None,
            "payment_status": "unpaid",
            "status": "open",
            "success_url": params["success_url"],
            "url": f"https://checkout.stripe.com/c/pay/{session_id}",
        }
        self.sessions[session_id] = session
        return dict(session)

    def _session(self, session_id: str) -> dict[str, Any]:
        if session_id not in self.sessions:
            raise StripeRefusal(
                HTTPStatus.NOT_FOUND,
                f"No such checkout.session: '{session_id}'",
                param="session",
                code="resource_missing",
            )
        return self.sessions[session_id]

    def _expire_session(self, session_id: str) -> dict[str, Any]:
        session = self._session(session_id)
        if session["status"] != "open":
            raise StripeRefusal(
                HTTPStatus.BAD_REQUEST,
                'Only Checkout Sessions with a status in ["open"] can be expired. This '
                f"Checkout Session has a status of `{session['status']}`.",
            )
        session.update(status="expired", url=None)
        return dict(session)

    def _create_refund(self, params: dict[str, Any]) -> dict[str, Any]:
        payment_intent = params.get("payment_intent")
        paid = [s for s in self.sessions.values() if s["payment_intent"] == payment_intent]
        if not paid:
            raise StripeRefusal(
                HTTPStatus.NOT_FOUND,
                f"No such payment_intent: '{payment_intent}'",
                param="payment_intent",
                code="resource_missing",
            )
        session = paid[0]
        amount = int(params.get("amount", session["amount_total"]))
        refunded = sum(
            r["amount"] for r in self.refunds.values() if r["payment_intent"] == payment_intent
        )
        if amount + refunded > session["amount_total"]:
            raise StripeRefusal(
                HTTPStatus.BAD_REQUEST,
                f"Refund amount ({amount}) is greater than unrefunded amount on charge "
                f"({session['amount_total'] - refunded})",
                param="amount",
                code="charge_already_refunded",
            )
        refund = {
            "id": _new_id("re_"),
            "object": "refund",
            "amount": amount,
            "currency": session["currency"],
            "payment_intent": payment_intent,
            "status": "succeeded",
            "created": int(self._clock()),
        }
        self.refunds[refund["id"]] = refund
        return dict(refund)

    def _create_account(self, params: dict[str, Any]) -> dict[str, Any]:
        account_id = _new_id("acct_")
        requested = params.get("capabilities", {})
        account: dict[str, Any] = {
            "id": account_id,
            "object": "account",
            "type": params.get("type"),
            "email": params.get("email"),
            "metadata": params.get("metadata", {}),
            "capabilities": dict.fromkeys(requested, "inactive"),
            "charges_enabled": False,
            "payouts_enabled": False,
            "details_submitted": False,
            "settings": params.get("settings", {}),
            "created": int(self._clock()),
        }
        self.accounts[account_id] = account
        return dict(account)

    def _account(self, account_id: str) -> dict[str, Any]:
        if account_id not in self.accounts:
            raise StripeRefusal(
                HTTPStatus.NOT_FOUND,
                f"No such account: '{account_id}'",
                param="account",
                code="resource_missing",
            )
        return self.accounts[account_id]

    def _create_account_link(self, params: dict[str, Any]) -> dict[str, Any]:
        self._account(str(params.get("account")))
        created = int(self._clock())
        return {
            "object": "account_link",
            "created": created,
            "expires_at": created + 300,
            "url": f"https://connect.stripe.com/setup/e/{params['account']}/{_new_id('')}",
        }

    def _create_payout(self, params: dict[str, Any], account: str) -> dict[str, Any]:
        payout = {
            "id": _new_id("po_"),
            "object": "payout",
            "amount": int(params["amount"]),
            "currency": params["currency"],
            "status": "pending",
            "method": "standard",
            "created": int(self._clock()),
            "account": account or None,  # the fake's own note: whose balance paid it
        }
        self.payouts[payout["id"]] = payout
        return dict(payout)


def _handler_for(fake: StripeFake) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0 (the default): one request per connection, so no handler thread outlives
        # its answer, and stopping the server waits for every one of them.

        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def _serve(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            form = self.rfile.read(length).decode() if length else ""
            query = form if self.command == "POST" else url.query
            try:
                params = decode_form(parse_qsl(query, keep_blank_values=True))
            except StripeRefusal as refusal:
                self._send(refusal.status, json.dumps(refusal.body).encode(), {})
                return
            status, body, extra = fake.answer(
                self.command, url.path, params, dict(self.headers.items())
            )
            self._send(status, body, extra)

        def _send(self, status: int, body: bytes, extra: Mapping[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Request-Id", _new_id("req_"))
            self.send_header("Stripe-Version", API_VERSION)
            for name, value in extra.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the recorded requests say more, and pytest's output stays clean

    return Handler
