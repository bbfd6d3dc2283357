"""Scheduled jobs, fired by EventBridge schedules (locally by the runtime's scheduler)."""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from slsplay.handlers.context import container
from slsplay.handlers.notifier import ports
from slsplay.services import notifications
from slsplay.services.cleanup import clean_up

logger = logging.getLogger("slsplay.jobs")


def attendee_list(event: dict[str, Any], context: Any) -> dict[str, int]:
    """Every five minutes: organizers of meetups starting within the hour get their lists."""
    sent = notifications.send_attendee_lists(ports())
    logger.info("attendee lists sent: %d", sent)
    return {"sent": sent}


def reminders(event: dict[str, Any], context: Any) -> dict[str, int]:
    """Every fifteen minutes: attendees of meetups 24 hours and 1 hour away are reminded."""
    sent = notifications.send_reminders(ports())
    logger.info("reminders sent: %d", sent)
    return {"sent": sent}


def cleanup(event: dict[str, Any], context: Any) -> dict[str, int]:
    """Daily: guests' drafts untouched for 30 days go, and half-done deletions are finished."""
    app = container()
    cleaned = clean_up(app.store, app.clock)
    logger.info("clean-up: %s", cleaned)
    return asdict(cleaned)
