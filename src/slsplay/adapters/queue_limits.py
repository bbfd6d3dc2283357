"""SQS's limits on messages, batches and timeouts, checked by every queue adapter.

The SQLite queue enforces them so that what works locally also works in the cloud; the SQS
adapter checks them before calling, so that both raise the same ``ValueError`` (and
because moto, which the tests use for SQS, lets an empty body through). The batch limit is
the Queue port's (``MAX_BATCH``), since a sender splits its messages by it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from slsplay.ports import MAX_BATCH

MAX_VISIBILITY_TIMEOUT = 43_200
MAX_BODY_BYTES = 262_144


def check_message(body: str, attributes: Mapping[str, str]) -> None:
    """A body of 1 byte to 256 KiB, and string attributes that are not empty."""
    if not body or len(body.encode()) > MAX_BODY_BYTES:
        raise ValueError(f"a message body takes 1 to {MAX_BODY_BYTES} bytes")
    for name, value in attributes.items():
        if not name or not isinstance(value, str) or not value:
            raise ValueError("message attributes must be named, non-empty strings")


def check_send_batch(messages: Sequence[tuple[str, Mapping[str, str]]]) -> None:
    """1 to 10 messages, each valid, of at most 256 KiB together (bodies and attributes)."""
    if not 1 <= len(messages) <= MAX_BATCH:
        raise ValueError(f"a message batch takes 1 to {MAX_BATCH} messages")
    size = 0
    for body, attributes in messages:
        check_message(body, attributes)
        size += len(body.encode()) + sum(
            len(name.encode()) + len(value.encode()) for name, value in attributes.items()
        )
    if size > MAX_BODY_BYTES:
        raise ValueError(f"a message batch takes at most {MAX_BODY_BYTES} bytes in all")


def check_batch(max_messages: int) -> None:
    """A receive asks for 1 to 10 messages."""
    if not 1 <= max_messages <= MAX_BATCH:
        raise ValueError(f"max_messages must be from 1 to {MAX_BATCH}")


def check_timeout(seconds: int) -> None:
    """A visibility timeout of 0 seconds to 12 hours."""
    if not 0 <= seconds <= MAX_VISIBILITY_TIMEOUT:
        raise ValueError(f"a visibility timeout takes 0 to {MAX_VISIBILITY_TIMEOUT} seconds")
