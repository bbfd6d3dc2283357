"""The daily clean-up job, fired by an EventBridge schedule (locally by the runtime's).

A module of its own, so that the job loads no mail code at cold start.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from slsplay.handlers.context import container
from slsplay.handlers.logs import entry_point, logger
from slsplay.services.cleanup import clean_up
from slsplay.services.insights import expire_history


@entry_point
def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    """Daily: guests' drafts untouched for 30 days go, half-done deletions are finished, and
    the analytics history's days past its retention go (locally; S3's lifecycle in the cloud)."""
    deps = container()
    cleaned = asdict(clean_up(deps))
    cleaned["analytics_days"] = expire_history(deps, deps.settings.analytics_retention_days)
    logger.info("clean-up done", extra=cleaned)
    return cleaned
