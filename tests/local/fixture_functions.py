"""Tiny Lambda handlers behind ``fixture-template.yaml``, for the local runtime's tests.

The runtime imports this module by its handler path (``tests.local.fixture_functions``), so a
test that imports it too shares its events and counters with the functions it calls.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

RELEASE_STUCK = threading.Event()
KEY_SET_READS: list[str] = []

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\xff\xfe binary"


def echo(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Answers with the event it received."""
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(event),
    }


def result(event: dict[str, Any], context: Any) -> Any:
    """Answers with the kind of result the path names, as a handler might."""
    kind = event["pathParameters"]["kind"]
    results: dict[str, Any] = {
        "plain-dict": {"meetups": [1, 2], "ok": True},
        "plain-string": "hello",
        "decimal": {"price": Decimal("9.5")},
        "cookies": {
            "statusCode": 201,
            "headers": {"x-one": "1", "x-number": 2},
            "cookies": ["a=1; Path=/", "b=2; HttpOnly"],
            "body": "made",
        },
        "binary": {
            "statusCode": 200,
            "headers": {"content-type": "image/png"},
            "isBase64Encoded": True,
            "body": base64.b64encode(PNG_BYTES).decode(),
        },
        "multi-value": {
            "statusCode": 200,
            "headers": {"content-type": "text/plain"},
            "multiValueHeaders": {"x-many": ["a", "b"]},
            "body": "ok",
        },
        "no-content-type": {"statusCode": 200, "body": "plain words"},
        "empty": {"statusCode": 204},
        "bad-status": {"statusCode": "two hundred", "body": ""},
        "object-body": {"statusCode": 200, "body": {"not": "a string"}},
        "unserialisable": {"statusCode": 200, "when": datetime(2030, 1, 1, tzinfo=UTC)},
    }
    if kind == "boom":
        raise RuntimeError("the database password is hunter2")
    return results[kind]


def context_info(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Answers with what the context and the environment say."""
    names = [
        "FIXTURE_STAGE",
        "FIXTURE_TABLE",
        "FIXTURE_QUEUE_ARN",
        "FIXTURE_ORIGIN",
        "FIXTURE_OWN",
        "SLSPLAY_BACKEND",
        "SLSPLAY_DATA_DIR",
        "SLSPLAY_PUBLIC_URL",
        "SLSPLAY_STAGE",
    ]
    return {
        "aws_request_id": context.aws_request_id,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "invoked_function_arn": context.invoked_function_arn,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "remaining_ms": context.get_remaining_time_in_millis(),
        "env": {name: os.environ.get(name) for name in names},
    }


def slow_or_fast(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """``/fast`` answers at once; ``/slow`` waits until the test releases it.

    The function runs in a process of its own: it says it started, and learns it is
    released, by files in the directory ``FIXTURE_SIGNALS`` names.
    """
    if event["rawPath"] == "/fast":
        return {"statusCode": 200, "body": "fast"}
    signals = Path(os.environ["FIXTURE_SIGNALS"])
    (signals / "slow-started").touch()
    deadline = time.monotonic() + 4
    while not (released := (signals / "release-slow").exists()) and time.monotonic() < deadline:
        time.sleep(0.01)  # polling for the test's file, with a deadline
    return {"statusCode": 200, "body": "slow" if released else "never released"}


def stuck(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Runs past its one-second timeout unless released."""
    RELEASE_STUCK.wait(timeout=10)
    return {"statusCode": 200, "body": "too late"}


def issuer(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """The token issuer's discovery document, and its key set (from ``FIXTURE_JWKS``)."""
    public_url = os.environ["SLSPLAY_PUBLIC_URL"]
    if event["rawPath"] == "/.well-known/openid-configuration":
        return {"issuer": public_url, "jwks_uri": f"{public_url}/keys/jwks.json"}
    KEY_SET_READS.append(event["requestContext"]["requestId"])
    key_set: dict[str, Any] = json.loads(os.environ.get("FIXTURE_JWKS", '{"keys": []}'))
    return key_set
