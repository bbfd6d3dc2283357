"""SQS events for Lambda, built from the messages a local queue hands out.

The shape is the one an SQS event source mapping delivers (see tests/events/sqsEvent.json):
every attribute a string, message attributes as ``{stringValue, dataType, ...}``, the body's
MD5 in hex, the queue's ARN and region.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from slsplay.ports import QueueMessage

# Who sent the message, as SQS reports an IAM principal's id; locally always the same one.
LOCAL_SENDER_ID = "AIDASLSPLAYLOCALSENDER"


def sqs_event(messages: Sequence[QueueMessage], *, queue_arn: str, region: str) -> dict[str, Any]:
    """The Lambda event for a batch of received messages, in order."""
    return {"Records": [_record(message, queue_arn, region) for message in messages]}


def _record(message: QueueMessage, queue_arn: str, region: str) -> dict[str, Any]:
    return {
        "messageId": message.message_id,
        "receiptHandle": message.receipt_handle,
        "body": message.body,
        "attributes": {
            "ApproximateReceiveCount": str(message.receive_count),
            "SentTimestamp": str(_ms(message.sent_at.timestamp())),
            "SenderId": LOCAL_SENDER_ID,
            "ApproximateFirstReceiveTimestamp": str(_ms(message.first_received_at.timestamp())),
        },
        "messageAttributes": {
            name: {
                "stringValue": value,
                "stringListValues": [],
                "binaryListValues": [],
                "dataType": "String",
            }
            for name, value in message.attributes.items()
        },
        # Not a security use: SQS gives the body's MD5 so receivers can check what arrived.
        "md5OfBody": hashlib.md5(message.body.encode(), usedforsecurity=False).hexdigest(),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }


def _ms(seconds: float) -> int:
    return round(seconds * 1000)
