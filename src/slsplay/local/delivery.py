"""What every event source of the local runtime shares: the outcome of one step, the
shape of a pump, and how a function's ``batchItemFailures`` answer is read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from enum import Enum
from typing import Protocol

logger = logging.getLogger("slsplay.local")

POLL_SECONDS = 0.1
MAX_BACKOFF_SECONDS = 5.0


class Outcome(Enum):
    """What one step of a pump did, which tells its thread how long to wait."""

    WORKED = "worked"  # go on at once
    IDLE = "idle"  # nothing to do: poll again after a while
    FAILED = "failed"  # the function failed: retry after a backoff


class Pump(Protocol):
    """One event source: a step at a time, run by a thread or by a test."""

    name: str

    def pump_once(self) -> Outcome:
        """Deliver at most one batch (or fire what is due)."""
        ...

    def idle_wait(self) -> float:
        """Seconds to wait after an idle step."""
        ...

    def quiet(self) -> bool:
        """Whether nothing is left to deliver, or under way (tests wait for it)."""
        ...


# -- what functions answer ------------------------------------------------------------------


def failed_items(payload: str, identifiers: Sequence[str]) -> list[str] | None:
    """The ``batchItemFailures`` identifiers of a ``ReportBatchItemFailures`` answer.

    ``[]`` when the batch succeeded (no answer, ``{}``, an empty or null list); ``None`` when
    Lambda would count the whole batch as failed: an answer that is not an object, or an
    identifier that is missing, empty or not one of the batch's.
    """
    answer = json.loads(payload)
    if answer is None:
        return []
    if not isinstance(answer, dict):
        return None
    failures = answer.get("batchItemFailures")
    if failures is None:
        return []
    if not isinstance(failures, list):
        return None
    known = set(identifiers)
    failed = []
    for failure in failures:
        identifier = failure.get("itemIdentifier") if isinstance(failure, dict) else None
        if not isinstance(identifier, str) or identifier not in known:
            return None
        failed.append(identifier)
    return failed


def iso_time(at: datetime, *, milliseconds: bool = False) -> str:
    """An instant as AWS writes it in events: UTC, ``Z``, to the second or millisecond."""
    text = at.astimezone(UTC).isoformat(timespec="milliseconds" if milliseconds else "seconds")
    return text.replace("+00:00", "Z")
