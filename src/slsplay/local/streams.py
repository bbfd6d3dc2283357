"""DynamoDB Streams records for Lambda, built from the local store's change feed.

The shape is the one an event source mapping delivers (see tests/events/dynamoStreamEvent.json):
AttributeValue JSON images, a string SequenceNumber, ApproximateCreationDateTime in epoch
seconds, NEW_AND_OLD_IMAGES. A deletion by the table's time to live carries the
``userIdentity`` DynamoDB Streams give it, so a function can tell it from a caller's delete.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from slsplay.attribute_values import to_attribute_values
from slsplay.ports import PK, SK, Change

# Who deleted an expired item, as DynamoDB Streams name the TTL process.
TTL_IDENTITY = {"type": "Service", "principalId": "dynamodb.amazonaws.com"}


def stream_event(changes: Sequence[Change], *, stream_arn: str, region: str) -> dict[str, Any]:
    """The Lambda event for a batch of changes, in order."""
    return {"Records": [_record(change, stream_arn, region) for change in changes]}


def _record(change: Change, stream_arn: str, region: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ApproximateCreationDateTime": float(int(change.at.timestamp())),
        "Keys": to_attribute_values({PK: change.key.pk, SK: change.key.sk}),
        "SequenceNumber": change.position,
        "StreamViewType": "NEW_AND_OLD_IMAGES",
    }
    size = 0
    if change.new_image is not None:
        data["NewImage"] = to_attribute_values(change.new_image)
        size += len(json.dumps(data["NewImage"]))
    if change.old_image is not None:
        data["OldImage"] = to_attribute_values(change.old_image)
        size += len(json.dumps(data["OldImage"]))
    data["SizeBytes"] = size
    record: dict[str, Any] = {
        # A stream record's eventID is unique per record; the position is, locally.
        "eventID": f"{change.position:0>32}",
        "eventName": change.kind,
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": region,
        "dynamodb": data,
        "eventSourceARN": stream_arn,
    }
    if change.expired:
        record["userIdentity"] = dict(TTL_IDENTITY)
    return record
