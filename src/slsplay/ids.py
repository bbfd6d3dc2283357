"""Identifiers: ULIDs (26 characters, Crockford base32), sortable by creation time, and the
short codes people read out (tickets)."""

from __future__ import annotations

import os
import secrets
import time

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id() -> str:
    """A fresh ULID: 48 bits of milliseconds since the epoch, then 80 random bits."""
    value = (time.time_ns() // 1_000_000) << 80 | int.from_bytes(os.urandom(10), "big")
    return "".join(_ALPHABET[(value >> shift) & 31] for shift in range(125, -1, -5))


def new_ticket_code() -> str:
    """A short code a person can read out, such as ``7KQ2-M9XD`` (40 random bits)."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"
