"""Query cursors shared by the item-store adapters: the last item's key, opaque to callers."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from slsplay.ports import InvalidCursor, Item


def encode_cursor(item: Item, attributes: tuple[str, ...]) -> str:
    """A cursor that resumes a query after ``item``."""
    key = {name: item[name] for name in attributes}
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode()


def decode_cursor(
    cursor: str, attributes: tuple[str, ...], partition_attribute: str, partition: str
) -> dict[str, Any]:
    """The key inside a cursor, refused unless it belongs to this query's partition."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeError, RecursionError) as e:  # nested to crash
        raise InvalidCursor("the cursor is not one this query handed out") from e
    if (
        not isinstance(key, dict)
        or sorted(key) != sorted(attributes)
        or not all(isinstance(v, str) for v in key.values())
        or key[partition_attribute] != partition
    ):
        raise InvalidCursor("the cursor is not one this query handed out")
    return key
