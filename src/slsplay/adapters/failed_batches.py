"""How a failed stream batch is written in its bucket, the same locally and on S3.

Lambda's S3 on-failure destination keeps, for each batch a stream mapping gave up on, one
JSON object: the invocation record it would send a queue (``requestContext``,
``responseContext``, ``DDBStreamBatchInfo``...) with the invocation's event added under
``payload`` as JSON text. Keys are ``aws/lambda/<mapping id>/<shard id>/YYYY/MM/DD/
YYYY-MM-DDTHH.MM.SS-<random id>``, so that a listing comes in time order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from slsplay.ports import FailedBatch


def encode(record: Mapping[str, Any], payload: Mapping[str, Any]) -> bytes:
    """The object's bytes."""
    return json.dumps({**record, "payload": json.dumps(payload)}).encode()


def decode(key: str, data: bytes) -> FailedBatch:
    """A failed batch from its object's bytes (a payload as text or as an object)."""
    document = json.loads(data)
    payload = document.pop("payload", None)
    if isinstance(payload, str):
        payload = json.loads(payload)
    if not isinstance(payload, dict):
        raise ValueError(f"{key} holds no invocation payload")
    return FailedBatch(key=key, record=document, payload=payload)
