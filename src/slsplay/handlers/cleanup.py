"""The daily clean-up job, fired by an EventBridge schedule (locally by the runtime's).

A module of its own, so that the job loads no mail code at cold start.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from slsplay.handlers.context import container
from slsplay.handlers.logs import entry_point, logger
from slsplay.services.cleanup import clean_up


@entry_point
def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    """Daily: guests' drafts untouched for 30 days go, and half-done deletions are finished."""
    deps = container()
    cleaned = clean_up(deps)
    logger.info("clean-up done", extra=asdict(cleaned))
    return asdict(cleaned)
