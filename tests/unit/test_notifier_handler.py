"""The notifier function's own rules about time: a message is begun only when the run has
time to finish it, and one that finds an email claimed by another comes back soon."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError

from slsplay.domain.events import InvitationsDue
from slsplay.handlers import notifier
from slsplay.services import notifications


class Queue:
    """Records visibility changes."""

    def __init__(self) -> None:
        self.visibility: list[tuple[str, int]] = []

    def change_visibility(self, receipt_handle: str, seconds: int) -> None:
        self.visibility.append((receipt_handle, seconds))


class Context:
    """A Lambda context with so much of the run's time left, each time it is asked."""

    def __init__(self, *remaining_ms: int) -> None:
        self.remaining_ms = list(remaining_ms)
        self.function_name = "NotifierFunction"
        self.memory_limit_in_mb = 256
        self.invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:n"
        self.aws_request_id = "r1"

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms.pop(0) if len(self.remaining_ms) > 1 else self.remaining_ms[0]


def sqs_event(count: int) -> dict[str, Any]:
    due = InvitationsDue("e1", "m1", datetime(2030, 3, 4, tzinfo=UTC), ("ann@example.com",))
    return {
        "Records": [
            {
                "messageId": f"m{n}",
                "receiptHandle": f"receipt-{n}",
                "body": json.dumps(due.to_message()),
                "attributes": {"ApproximateReceiveCount": "2"},
                "messageAttributes": {},
                "eventSource": "aws:sqs",
            }
            for n in range(count)
        ]
    }


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> Queue:
    queue = Queue()
    monkeypatch.setattr(notifier, "reaction_ports", lambda: SimpleNamespace(queue=queue))
    return queue


def reacting(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The events the notifier reacts to, in order (the reactions themselves left out)."""
    reacted: list[Any] = []
    fake = SimpleNamespace(react=lambda ports, event: reacted.append(event))
    monkeypatch.setattr(notifier, "reactions", fake)
    return reacted


def test_a_run_near_its_timeout_sends_the_rest_of_its_messages_back_at_once_untouched(
    queue: Queue, monkeypatch: pytest.MonkeyPatch
) -> None:
    reacted: list[Any] = []
    monkeypatch.setattr(
        notifier, "reactions", SimpleNamespace(react=lambda p, e: reacted.append(e))
    )
    context = Context(9_000, notifier.TIME_FOR_A_MESSAGE_MS - 1)

    answer = notifier.handler(sqs_event(3), context)

    assert len(reacted) == 1
    assert answer == {"batchItemFailures": [{"itemIdentifier": "m1"}, {"itemIdentifier": "m2"}]}
    assert queue.visibility == [("receipt-1", 0), ("receipt-2", 0)]


def test_a_message_begun_in_time_is_handled(queue: Queue, monkeypatch: pytest.MonkeyPatch) -> None:
    reacted: list[Any] = []
    monkeypatch.setattr(
        notifier, "reactions", SimpleNamespace(react=lambda p, e: reacted.append(e))
    )

    answer = notifier.handler(sqs_event(1), Context(9_000))

    assert [type(event) for event in reacted] == [InvitationsDue]
    assert answer == {"batchItemFailures": []}
    assert queue.visibility == []


def test_a_claim_held_by_another_brings_the_message_back_soon(
    queue: Queue, monkeypatch: pytest.MonkeyPatch
) -> None:
    def held(ports: Any, event: Any) -> None:
        raise notifications.ClaimHeld(timedelta(seconds=50))

    monkeypatch.setattr(notifier, "reactions", SimpleNamespace(react=held))

    with pytest.raises(BatchProcessingError):  # its only message failed: so did the run
        notifier.handler(sqs_event(1), Context(9_000))

    assert queue.visibility == [("receipt-0", 10)]  # the second receive: 5 s doubled
