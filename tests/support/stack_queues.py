"""The template's queues, made on moto for tests that wire the functions by hand."""

from __future__ import annotations

from typing import Any

from slsplay.adapters.aws.provision import QueuePair, create_queue_pair
from slsplay.local.template import Stack


def template_queue_pair(stack: Stack, sqs: Any, queue_id: str, dead_letter_id: str) -> QueuePair:
    """Create the template's queue ``queue_id`` and its dead-letter queue, named, redriven and
    timed as the template says."""
    queue = stack.properties(queue_id)
    return create_queue_pair(
        sqs,
        queue["QueueName"],
        queue["RedrivePolicy"]["maxReceiveCount"],
        visibility_timeout=queue["VisibilityTimeout"],
        dead_letter_name=stack.physical_name(dead_letter_id),
    )
