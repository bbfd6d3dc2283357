"""Signed webhooks in Stripe's scheme: ``t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">``.

The local payment provider signs with it, and checks what reaches the webhook route with
it, so that its webhooks are as hard to forge as Stripe's and Stripe's own library accepts
them (a test says so).
"""

from __future__ import annotations

import hashlib
import hmac

from slsplay.ports import InvalidWebhook

TOLERANCE_SECONDS = 300


def sign(body: bytes, secret: str, timestamp: int) -> str:
    """The signature header's value for ``body`` sent at ``timestamp``."""
    return f"t={timestamp},v1={_digest(body, secret, timestamp)}"


def verify(body: bytes, header: str | None, secret: str, now: float) -> None:
    """``InvalidWebhook`` unless ``header`` signs ``body`` with ``secret`` within 5 minutes."""
    if not header:
        raise InvalidWebhook("no signature")
    parts = [part.partition("=") for part in header.split(",")]
    stamps = [value for key, _, value in parts if key == "t"]
    signatures = [value for key, _, value in parts if key == "v1"]
    if len(stamps) != 1 or not stamps[0].isdigit() or not signatures:
        raise InvalidWebhook("a malformed signature")
    timestamp = int(stamps[0])
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        raise InvalidWebhook("a signature too old (or from the future)")
    expected = _digest(body, secret, timestamp)
    if not any(hmac.compare_digest(expected, signature) for signature in signatures):
        raise InvalidWebhook("a signature that does not match")


def _digest(body: bytes, secret: str, timestamp: int) -> str:
    signed = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
