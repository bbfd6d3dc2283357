"""Scheduled jobs, fired by EventBridge schedules (locally by the runtime's scheduler)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from slsplay.handlers.context import mail_ports
from slsplay.handlers.lazy import LazyModule
from slsplay.handlers.logs import entry_point, logger

if TYPE_CHECKING:
    from slsplay.services import notifications
else:
    # Only the jobs that send mail load its templates, calendars and Markdown (jinja2,
    # icalendar, markdown-it: some 90 ms of CPU); the others share this module.
    notifications = LazyModule("slsplay.services.notifications")


@entry_point
def attendee_list(event: dict[str, Any], context: Any) -> dict[str, int]:
    """Every five minutes: organizers of meetups starting within the hour get their lists."""
    sent = notifications.send_attendee_lists(mail_ports())
    logger.info("attendee lists sent", extra={"sent": sent})
    return {"sent": sent}


@entry_point
def reminders(event: dict[str, Any], context: Any) -> dict[str, int]:
    """Every fifteen minutes: attendees of meetups 24 hours and 1 hour away are to be
    reminded; the notifier sends the reminders, a group of attendees at a time."""
    from slsplay.handlers.context import reaction_ports  # noqa: PLC0415
    from slsplay.services import reactions  # noqa: PLC0415

    queued = reactions.queue_reminders(reaction_ports())
    logger.info("reminders queued", extra={"meetups": queued})
    return {"meetups": queued}


@entry_point
def checkouts(event: dict[str, Any], context: Any) -> dict[str, int]:
    """Every minute: seats held at checkout past their time go back (or to those waiting)."""
    from slsplay.handlers.context import payment_ports  # noqa: PLC0415
    from slsplay.services import tickets  # noqa: PLC0415

    ended = tickets.end_lapsed_holds(payment_ports())
    logger.info("checkout holds ended", extra={"ended": ended})
    return {"ended": ended}


@entry_point
def payouts(event: dict[str, Any], context: Any) -> dict[str, int]:
    """Daily: organizers are paid the money of meetups that ended."""
    from slsplay.handlers.context import payment_ports  # noqa: PLC0415
    from slsplay.services import tickets  # noqa: PLC0415

    done = tickets.pay_out_due(payment_ports())
    logger.info("payouts made", extra={"organizers": len(done)})
    return {"organizers": len(done), "payouts": sum(done.values())}


@entry_point
def stalled_media(event: dict[str, Any], context: Any) -> dict[str, int]:
    """Every fifteen minutes: uploads processing for two hours or more are failed (their
    organizers are told by the notifier, from the change feed)."""
    from slsplay.handlers.context import container  # noqa: PLC0415
    from slsplay.services import media  # noqa: PLC0415

    failed = media.fail_stalled(container())
    logger.info("stalled media failed", extra={"failed": failed})
    return {"failed": failed}


@entry_point
def series(event: dict[str, Any], context: Any) -> dict[str, int]:
    """Daily: monthly series get their occurrences of the next 60 days."""
    from slsplay.handlers.context import container  # noqa: PLC0415
    from slsplay.services import series as monthly  # noqa: PLC0415

    deps = container()
    created = monthly.extend_all(deps)
    logger.info("occurrences created", extra={"occurrences": created})
    return {"created": created}
