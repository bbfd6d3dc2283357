"""Handlers behind ``pumps-template.yaml``: they record what they receive and answer as told.

A test sets ``ANSWERS[name]`` to a function of the event (raise to fail the invocation) and
reads ``RECEIVED[name]``, the events in order; the runtime imports this same module.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Answer = Callable[[dict[str, Any]], Any]

RECEIVED: dict[str, list[dict[str, Any]]] = {"changes": [], "notes": [], "tick": []}
ANSWERS: dict[str, Answer] = {}


def reset() -> None:
    """No events received, every function succeeding."""
    for events in RECEIVED.values():
        events.clear()
    ANSWERS.clear()


def _handle(name: str, event: dict[str, Any]) -> Any:
    RECEIVED[name].append(event)
    answer = ANSWERS.get(name)
    return answer(event) if answer is not None else None


def on_changes(event: dict[str, Any], context: Any) -> Any:
    """The stream function."""
    return _handle("changes", event)


def on_notes(event: dict[str, Any], context: Any) -> Any:
    """The queue consumer."""
    return _handle("notes", event)


def on_tick(event: dict[str, Any], context: Any) -> Any:
    """Both scheduled jobs; unless told otherwise, they answer with what fired them (which
    ``slsplay jobs run`` prints: it runs the job in a process of its own); each run logs a
    line as Powertools' JSON logger does, on standard output."""
    print(json.dumps({"level": "INFO", "message": "tick"}), flush=True)
    answer = _handle("tick", event)
    if "tick" in ANSWERS:
        return answer
    return {"fired_by": event.get("resources"), "kind": event.get("detail-type")}
