"""The edge-cache function: keeps the public pages cached at the edge in step with their
meetups, as a consumer of the change feed.

Its queue carries ``meetup_changed`` (a public meetup, or the attendance of any meetup) and
``cover_changed`` events. A batch (up to the event source's size, gathered for its batching
window) is handled whole: its meetups, each once, are compared with what their pages showed
at their last invalidation, and those that differ are invalidated in one request
(``services.public_pages.refresh_edge``). If that fails, every message of the batch is
reported failed and comes again; after five receives SQS moves it to the dead-letter queue.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.utilities.data_classes import SQSEvent

from slsplay.domain.events import CoverChanged, MeetupChanged, from_message
from slsplay.handlers.context import container
from slsplay.handlers.lazy import LazyModule
from slsplay.handlers.logs import carried_by, entry_point, logger, step

if TYPE_CHECKING:
    from slsplay.services import public_pages
else:  # Markdown, the sanitiser and the page's facts load with the first request
    public_pages = LazyModule("slsplay.services.public_pages")

EVENTS = (MeetupChanged, CoverChanged)


@entry_point
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Lambda entry point for the edge-cache queue."""
    records = list(SQSEvent(event).records)
    failed: list[str] = []
    meetups: dict[str, list[str]] = {}
    for record in records:
        try:
            message = from_message(json.loads(record.body))
            if not isinstance(message, EVENTS):
                raise ValueError(f"the edge-cache function does not take {message.name!r}")
        except ValueError:
            logger.exception("unreadable message", extra={"message_id": record.message_id})
            failed.append(record.message_id)
            continue
        meetups.setdefault(message.meetup_id, []).append(record.message_id)
    first = records[0] if records else None
    try:
        with step("edge.refresh", None if first is None else carried_by(first)):
            paths = public_pages.refresh_edge(container(), meetups)
        if paths:
            logger.info("edge cache invalidated", extra={"paths": paths})
    except Exception:
        logger.exception("edge cache not invalidated; the batch comes again")
        failed.extend(message_id for ids in meetups.values() for message_id in ids)
    return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}
