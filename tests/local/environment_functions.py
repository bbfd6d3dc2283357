"""Handlers behind ``environments-template.yaml``, each run in worker processes of its own.

They answer with what a test can check from outside the process: its id, what it sees of
the environment, how many invocations this process has run, and when each began and ended.
"""

from __future__ import annotations

import ctypes
import json
import os
import time
from pathlib import Path
from typing import Any

INVOCATIONS = 0  # per process: a warm environment keeps counting


def describe(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """What this process is and sees; waits ``hold`` seconds first, if the event says so."""
    global INVOCATIONS  # noqa: PLW0603  (module state is what a warm start keeps)
    INVOCATIONS += 1
    began = time.time()
    if event.get("release"):
        # Hold until the test's file exists: many invocations in flight at once.
        release = Path(event["release"])
        deadline = time.monotonic() + 10
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.005)  # polling for the test's file, with a deadline
    return {
        "pid": os.getpid(),
        "invocations": INVOCATIONS,
        "began": began,
        "ended": time.time(),
        "request_id": context.aws_request_id,
        "remaining_ms": context.get_remaining_time_in_millis(),
        "event": event,
        # Lambda hands a function the JSON its caller sent, parsed: nothing else gets through.
        "event_is_parsed_json": json.loads(json.dumps(event)) == event,
        "env": {
            name: value
            for name, value in os.environ.items()
            if name.startswith(("ENVIRONMENTS_", "SLSPLAY_", "AWS_LAMBDA_", "_HANDLER"))
        },
    }


def misbehave(event: dict[str, Any], context: Any) -> Any:
    """Runs too long, ends its process, or crashes it, as the event asks."""
    how = event["how"]
    if how == "sleep":
        time.sleep(30)
    elif how == "exit":
        os._exit(3)
    elif how == "segfault":
        ctypes.string_at(0)
    elif how == "raise":
        raise ValueError("refused on purpose")
    return {"pid": os.getpid()}
