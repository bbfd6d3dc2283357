"""How public meetups are found: the orders a search can ask for, and what "popular" means."""

from __future__ import annotations

import base64
import binascii
import hmac
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime

# Popularity halves every 30 days of a meetup's age: a meetup that drew 40 people last
# year ranks below one that drew 15 this week.
POPULARITY_HALF_LIFE_DAYS = 30.0

SORTS = ("soonest", "newest", "closing", "popular", "relevance")
"""soonest: by start; newest: latest created first; closing: answers closing soonest first;
popular: most popular first; relevance: best text match first (``soonest`` without text).
Ties go by meetup id, so that every order is total and pages never overlap."""


def popularity(attending: int, created_at: datetime, now: datetime) -> float:
    """Attendees, decayed by the meetup's age (half as much every 30 days)."""
    age_days = max(0.0, (now - created_at).total_seconds() / 86_400)
    decay: float = 0.5 ** (age_days / POPULARITY_HALF_LIFE_DAYS)
    return attending * decay


# A word is a run of letters and digits; everything else a person types (quotes, *, -,
# parentheses, emoji) only separates words, so no text is ever read as syntax.
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """A text's words without case or accents: "Café, Crème!" is ``["cafe", "creme"]``.

    Case folding comes first (it can produce letters that decompose), then NFKD with the
    combining marks dropped, so an accent typed as a separate mark folds like any other.
    Every index folds text this way, so that they agree on what matches.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return WORD.findall("".join(c for c in decomposed if not unicodedata.combining(c)))


def cursor_text(data: bytes) -> str:
    """A cursor's bytes as URL-safe text without padding."""
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def cursor_bytes(text: str) -> bytes:
    """The bytes of a cursor's text; ``ValueError`` for text no cursor is spelled as."""
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    # The decoder skips stray characters and unused bits: only our own spelling is a cursor.
    if cursor_text(data) != text:
        raise ValueError("not a cursor's spelling")
    return data


def sealed_cursor(payload: bytes, sign: Callable[[bytes], bytes]) -> str:
    """A cursor: its payload and the payload's signature, so that nobody can forge one."""
    return f"{cursor_text(payload)}.{cursor_text(sign(payload))}"


def opened_cursor(cursor: str, sign: Callable[[bytes], bytes]) -> bytes:
    """The payload of a cursor ``sign`` sealed; ``ValueError`` for any other text."""
    try:
        encoded_payload, encoded_signature = cursor.split(".")
        payload = cursor_bytes(encoded_payload)
        signature = cursor_bytes(encoded_signature)
    except (ValueError, binascii.Error) as e:
        raise ValueError("not a cursor this index handed out") from e
    if not hmac.compare_digest(signature, sign(payload)):
        raise ValueError("not a cursor this index handed out")
    return payload
