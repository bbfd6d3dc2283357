"""The media function: uploads processed, conversions ended, removed media's files deleted.

Its queue gets two kinds of message: the media bucket's notifications (an S3 event in the
body: an original arrived) and the stream function's ``media_removed`` events. Each message
is processed on its own and a failure is reported for it alone; a file that cannot be shown
is not a failure (it ends ``failed``, with its reason), so only the machine's troubles (a
missing tool, storage not answering) are retried and, after three receives, dead-lettered.

EventBridge invokes it directly with MediaConvert's ``Job State Change`` events.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from slsplay.domain.events import DomainEvent, MediaRemoved, from_message
from slsplay.handlers.context import container
from slsplay.handlers.logs import carried_by, entry_point, logger, step
from slsplay.services import media

processor = BatchProcessor(event_type=EventType.SQS)


def receive(record: SQSRecord) -> None:
    """Act on one message of the media queue (an upload's has no correlation id: no request
    of ours made it)."""
    with step("media.receive", carried_by(record)):
        _receive(record)


def _receive(record: SQSRecord) -> None:
    body = json.loads(record.body)
    if body.get("Event") == "s3:TestEvent":
        return  # what S3 sends once when the notification is configured
    if "Records" in body:
        for s3_record in body["Records"]:
            if str(s3_record.get("eventName", "")).startswith("ObjectCreated:"):
                # Keys arrive URL-encoded as in a form: "a+b" is "a b", "%2F" a slash.
                uploaded(unquote_plus(s3_record["s3"]["object"]["key"]))
    elif "event" in body:
        removed(from_message(body))
    else:
        raise ValueError(f"not a message for the media function: {sorted(body)}")


def removed(event: DomainEvent) -> None:
    """Delete the files of a photo or video that was removed."""
    if not isinstance(event, MediaRemoved):
        raise ValueError(f"the media function does not take {event.name!r}")
    deleted = media.delete_files(container(), event.meetup_id, event.media_id)
    logger.info("media files deleted", extra={"media_id": event.media_id, "files": deleted})


def uploaded(key: str) -> None:
    """Process the original that arrived at ``key``."""
    deps = container()
    done = media.upload_arrived(deps, key)
    if done is None:
        logger.info("no upload waits for this file", extra={"key": key})
    else:
        extra = {"media_id": done.id, "status": done.status.value, "reason": done.reason}
        logger.info("upload processed", extra=extra)


def conversion_ended(event: dict[str, Any]) -> None:
    """A MediaConvert job ended: the video is ready, or failed with a reason."""
    deps = container()
    ended = deps.media_processor.conversion_ended(event)
    if ended.detail:
        logger.warning("conversion failed", extra={"error": ended.detail})
    media.conversion_ended(
        deps,
        ended.meetup_id,
        ended.media_id,
        processed=ended.processed,
        reason=ended.reason,
    )


@entry_point
def handler(event: dict[str, Any], context: Any) -> dict[str, Any] | None:
    """Lambda entry point: the media queue, or EventBridge's MediaConvert events."""
    if event.get("source") == "aws.mediaconvert":
        conversion_ended(event)
        return None
    result = process_partial_response(
        event=event, record_handler=receive, processor=processor, context=context
    )
    return dict(result)
