"""DynamoDB's AttributeValue JSON and Streams records, without boto3: the format of the
table's change feed as the stream function receives it, from DynamoDB Streams or from the
local runtime.

The AWS adapter speaks it to DynamoDB, the local runtime writes stream records in it, and the
stream function reads them: the last two must not pay for importing boto3 (~130 ms at cold
start) only to convert a few items. It sits beside ``ports/``, not among the adapters,
because a handler reads it too: reading the records of its Lambda event is the handler's job,
and the AWS adapter reads the same records from the Streams API (``change_from_record``).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from slsplay.ports import PK, SK, Change, Item, Key

_INTEGER = re.compile(r"\A-?[0-9]+\Z")


def to_attribute_values(item: Mapping[str, Any]) -> dict[str, Any]:
    """An item in AttributeValue JSON (``{"S": ...}``, ``{"N": ...}``, ...)."""
    return {name: to_attribute_value(value) for name, value in item.items()}


def to_attribute_value(value: Any) -> dict[str, Any]:
    """One value in AttributeValue JSON; numbers must be exact (``int`` or ``Decimal``)."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int | Decimal):
        return {"N": str(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, bytes):
        return {"B": value}
    if isinstance(value, Mapping):
        return {"M": to_attribute_values(value)}
    if isinstance(value, list | tuple):
        return {"L": [to_attribute_value(v) for v in value]}
    raise TypeError(f"{type(value).__name__} is not stored in DynamoDB as is (floats are inexact)")


def from_attribute_values(values: Mapping[str, Any]) -> Item:
    """An item from AttributeValue JSON, integral numbers as ``int``."""
    return {name: from_attribute_value(value) for name, value in values.items()}


def from_attribute_value(value: Mapping[str, Any]) -> Any:
    """One value from AttributeValue JSON."""
    [(kind, data)] = value.items()
    if kind == "S":
        return data
    if kind == "N":
        return _number(data)
    if kind == "BOOL":
        return bool(data)
    if kind == "NULL":
        return None
    if kind == "M":
        return from_attribute_values(data)
    if kind == "L":
        return [from_attribute_value(v) for v in data]
    if kind == "B":
        return _bytes(data)
    if kind == "SS":
        return set(data)
    if kind == "NS":
        return {_number(n) for n in data}
    if kind == "BS":
        return {_bytes(b) for b in data}
    raise ValueError(f"unknown AttributeValue type {kind!r}")


def change_from_record(record: Mapping[str, Any], position: str) -> Change:
    """A change from a DynamoDB Streams record (as the Streams API or a Lambda event has it).

    A REMOVE made by the table's time to live carries the service as ``userIdentity``.
    """
    data = record["dynamodb"]
    keys = from_attribute_values(data["Keys"])
    identity = record.get("userIdentity") or {}
    return Change(
        position=position,
        kind=record["eventName"],
        key=Key(keys[PK], keys[SK]),
        old_image=from_attribute_values(data["OldImage"]) if "OldImage" in data else None,
        new_image=from_attribute_values(data["NewImage"]) if "NewImage" in data else None,
        at=_instant(data["ApproximateCreationDateTime"]),
        expired=identity.get("principalId") == "dynamodb.amazonaws.com",
    )


def _number(text: str) -> int | Decimal:
    return int(text) if _INTEGER.match(text) else Decimal(text)


def _bytes(data: bytes | str) -> bytes:
    # The SDK hands bytes; a Lambda event's JSON carries them in base64.
    return data if isinstance(data, bytes) else base64.b64decode(data)


def _instant(value: datetime | float | int) -> datetime:
    # boto3 parses the Streams API's timestamp; a Lambda event carries epoch seconds.
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromtimestamp(float(value), UTC)
