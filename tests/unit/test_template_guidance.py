"""AWS's guidance on SQS event sources, held over template.yaml.

A queue must hide a received message for six times its function's timeout (Lambda's advice:
room for the invocation and for Lambda's retries when the function is throttled), else a
message still being handled shows again and is handled twice. A batch of more than ten
messages needs a batching window of a second or more: Lambda refuses the mapping otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from slsplay.local.functions import lambda_functions
from slsplay.local.template import Stack

VISIBILITY_PER_TIMEOUT = 6
SQS_DEFAULT_VISIBILITY_TIMEOUT = 30  # seconds, for a queue that sets none
SQS_DEFAULT_BATCH_SIZE = 10
LARGEST_UNWINDOWED_BATCH = 10


@dataclass(frozen=True)
class SqsSource:
    """One SQS event of a function, with the figures AWS's guidance compares."""

    event: str  # Function.Event
    function: str
    queue: str
    timeout: float
    visibility_timeout: int
    batch_size: int
    batching_window: int

    def visibility_breach(self) -> str | None:
        """What is wrong with the queue's visibility timeout, or None."""
        # A message waits, invisible, through the batching window before the function starts.
        needed = VISIBILITY_PER_TIMEOUT * self.timeout + self.batching_window
        if self.visibility_timeout >= needed:
            return None
        window = (
            f" plus its {self.batching_window} s batching window" if self.batching_window else ""
        )
        return (
            f"{self.queue} hides a message for {self.visibility_timeout} s, less than"
            f" {VISIBILITY_PER_TIMEOUT} times {self.function}'s Timeout of {self.timeout:g} s"
            f"{window} ({needed:g} s): {self.event} may handle a message twice"
        )

    def batching_breach(self) -> str | None:
        """What Lambda would refuse of the batch size and window, or None."""
        if self.batch_size <= LARGEST_UNWINDOWED_BATCH or self.batching_window >= 1:
            return None
        return (
            f"{self.event} takes batches of {self.batch_size} messages from {self.queue} with a"
            f" {self.batching_window} s MaximumBatchingWindowInSeconds: Lambda wants 1 s or more"
            f" for a BatchSize over {LARGEST_UNWINDOWED_BATCH}"
        )


def sqs_sources(stack: Stack) -> list[SqsSource]:
    """Every SQS event of every function of the stack, with its queue's figures."""
    queues = {stack.get_att(queue, "Arn"): queue for queue in stack.resources("AWS::SQS::Queue")}
    sources = []
    for logical_id, function in lambda_functions(stack).items():
        events: dict[str, Any] = stack.properties(logical_id).get("Events") or {}
        for name, event in events.items():
            if event.get("Type") != "SQS":
                continue
            settings = event.get("Properties") or {}
            queue = queues[settings["Queue"]]
            visibility = stack.properties(queue).get(
                "VisibilityTimeout", SQS_DEFAULT_VISIBILITY_TIMEOUT
            )
            sources.append(
                SqsSource(
                    event=f"{logical_id}.{name}",
                    function=logical_id,
                    queue=queue,
                    timeout=function.config.timeout,
                    visibility_timeout=int(visibility),
                    batch_size=int(settings.get("BatchSize", SQS_DEFAULT_BATCH_SIZE)),
                    batching_window=int(settings.get("MaximumBatchingWindowInSeconds", 0)),
                )
            )
    return sources


SOURCES = sqs_sources(Stack.load())


def test_the_template_has_sqs_event_sources_to_check() -> None:
    assert {source.event for source in SOURCES} >= {
        "NotifierFunction.Messages",
        "SearchFunction.Messages",
        "MediaFunction.Uploads",
    }


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.event)
def test_each_queue_hides_a_message_six_times_as_long_as_its_function_may_run(
    source: SqsSource,
) -> None:
    breach = source.visibility_breach()

    assert breach is None, breach


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.event)
def test_a_batch_of_more_than_ten_messages_waits_at_least_a_second(source: SqsSource) -> None:
    breach = source.batching_breach()

    assert breach is None, breach


def test_a_breach_names_the_queue_the_function_and_the_figures() -> None:
    worker = {
        "Type": "AWS::Serverless::Function",
        "Properties": {
            "Handler": "jobs.handler",
            "Timeout": 50,
            "Events": {
                "Work": {
                    "Type": "SQS",
                    "Properties": {"Queue": {"Fn::GetAtt": ["Jobs", "Arn"]}, "BatchSize": 20},
                }
            },
        },
    }
    jobs = {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 60}}

    (source,) = sqs_sources(Stack({"Resources": {"Jobs": jobs, "Worker": worker}}))

    assert source.visibility_breach() == (
        "Jobs hides a message for 60 s, less than 6 times Worker's Timeout of 50 s (300 s):"
        " Worker.Work may handle a message twice"
    )
    assert source.batching_breach() == (
        "Worker.Work takes batches of 20 messages from Jobs with a 0 s"
        " MaximumBatchingWindowInSeconds: Lambda wants 1 s or more for a BatchSize over 10"
    )


def test_a_batching_window_counts_toward_the_visibility_a_queue_needs() -> None:
    windowed = SqsSource("Worker.Work", "Worker", "Jobs", 10, 60, 20, 5)

    assert windowed.batching_breach() is None
    assert windowed.visibility_breach() == (
        "Jobs hides a message for 60 s, less than 6 times Worker's Timeout of 10 s plus its"
        " 5 s batching window (65 s): Worker.Work may handle a message twice"
    )
    assert SqsSource("Worker.Work", "Worker", "Jobs", 10, 65, 20, 5).visibility_breach() is None
