"""A template queue into one function, as an SQS event source mapping delivers it.

``QueuePump`` receives from the queue (the durable SQLite queue locally, with the template
queue's visibility timeout and redrive policy; SQS itself on the AWS backend), delivers SQS
batches (gathered for up to ``MaximumBatchingWindowInSeconds``) and deletes what succeeded.
A queue pump must receive a message to see it, so it holds what it received, as Lambda's
poller does, and counts the window from that first receive; messages held when the runtime
stops show again after their visibility timeout.

Where it differs from AWS: pollers poll every ``POLL_SECONDS`` instead of long-polling, and
their number is fixed at the mapping's concurrency rather than scaled with the backlog.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from slsplay.local.chaos import Chaos
from slsplay.local.delivery import POLL_SECONDS, Outcome, failed_items
from slsplay.local.environments import InvocationError
from slsplay.local.filters import EventFilter
from slsplay.local.functions import LambdaFunction
from slsplay.local.sqs_events import sqs_event
from slsplay.local.template import Stack, TemplateError
from slsplay.ports import MAX_BATCH, Clock, Queue, QueueMessage

logger = logging.getLogger("slsplay.local")

DEFAULT_VISIBILITY_TIMEOUT = 30
DEFAULT_SQS_BATCH = 10


@dataclass(frozen=True)
class QueueSpec:
    """An ``AWS::SQS::Queue`` of the template, with its redrive policy."""

    logical_id: str
    name: str
    arn: str
    url: str
    visibility_timeout: int = DEFAULT_VISIBILITY_TIMEOUT
    dead_letter: str | None = None  # the dead-letter queue's logical id
    max_receive_count: int | None = None


def queue_specs(stack: Stack) -> dict[str, QueueSpec]:
    """Every queue of the template by logical id, redrive policies resolved."""
    raw = {
        logical_id: stack.properties(logical_id)
        for logical_id in stack.resources("AWS::SQS::Queue")
    }
    arns = {str(stack.get_att(logical_id, "Arn")): logical_id for logical_id in raw}
    specs = {}
    for logical_id, properties in raw.items():
        policy = properties.get("RedrivePolicy")
        if isinstance(policy, str):  # CloudFormation also takes it as a JSON string
            policy = json.loads(policy)
        dead_letter, max_receives = None, None
        if policy:
            target = str(policy.get("deadLetterTargetArn"))
            if target not in arns:
                raise TemplateError(
                    f"{logical_id}'s dead-letter queue {target} is not in the template"
                )
            dead_letter, max_receives = arns[target], int(policy["maxReceiveCount"])
        specs[logical_id] = QueueSpec(
            logical_id=logical_id,
            name=stack.physical_name(logical_id),
            arn=str(stack.get_att(logical_id, "Arn")),
            url=str(stack.ref(logical_id)),
            visibility_timeout=int(properties.get("VisibilityTimeout", DEFAULT_VISIBILITY_TIMEOUT)),
            dead_letter=dead_letter,
            max_receive_count=max_receives,
        )
    return specs


class QueuePump:
    """One queue into one function, as an SQS event source mapping does.

    Up to ``concurrency`` threads run ``pump_once`` at once, each delivering its own batch to
    an execution environment of its own, as Lambda's pollers do: receiving (and gathering a
    batch) is one thread's at a time, invocations run side by side. A message that does not
    pass the mapping's ``event_filter`` is deleted without reaching the function, as Lambda
    does. With ``chaos``, deliveries come twice and out of order (``chaos.py``).
    """

    def __init__(
        self,
        function: LambdaFunction,
        event_name: str,
        *,
        queue: Queue,
        queue_arn: str,
        clock: Clock,
        batch_size: int = DEFAULT_SQS_BATCH,
        batching_window: float = 0.0,
        report_failures: bool = False,
        concurrency: int = 1,
        event_filter: EventFilter | None = None,
        chaos: Chaos | None = None,
    ) -> None:
        self.function = function
        self.name = f"{function.config.logical_id}.{event_name}"
        self.queue = queue
        self.queue_arn = queue_arn
        self.clock = clock
        self.batch_size = batch_size
        self.batching_window = timedelta(seconds=batching_window)
        self.report_failures = report_failures
        self.concurrency = concurrency
        self.event_filter = event_filter
        self.chaos = chaos
        # Received and waiting for the batch to fill, by message id (a message shown again
        # while held replaces its older receipt), and since when the batch has been gathering.
        self._held: dict[str, QueueMessage] = {}
        self._held_since: datetime | None = None
        self._receiving = threading.Lock()
        # Chaos: messages handled once, to be delivered again in a later batch.
        self._echoes: list[QueueMessage] = []
        self._delivering = 0  # batches being delivered now

    def idle_wait(self) -> float:
        """How often an empty queue is polled."""
        return POLL_SECONDS

    def quiet(self) -> bool:
        """Whether the queue is empty, nothing received is in hand, and no echo waits."""
        with self._receiving:
            if self._echoes or self._held or self._delivering:
                return False
        return self.queue.approximate_count() == 0

    def pump_once(self) -> Outcome:
        """Receive a batch (gathered for the batching window), deliver it, delete successes."""
        with self._receiving:
            messages = self._passing(self._gather())
            echoes = self._take_echoes() if self.chaos is not None else []
            if not messages and not echoes:
                return Outcome.IDLE
            self._delivering += 1
        try:
            return self._deliver(messages, echoes)
        finally:
            with self._receiving:
                self._delivering -= 1

    def _deliver(self, messages: list[QueueMessage], echoes: list[QueueMessage]) -> Outcome:
        """Invoke the function with a batch, then delete what it took (or show it again)."""
        batch = messages + echoes
        if self.chaos is not None:
            batch = self.chaos.shuffled(batch)
        event = sqs_event(batch, queue_arn=self.queue_arn, region=self.function.config.region)
        try:
            payload = self.function.invoke(event)
        except InvocationError:
            # Every message shows again when its visibility timeout ends, as on SQS.
            return Outcome.FAILED
        if self.chaos is not None and self.chaos.lose_answer():
            # The answer never reached the poller: the batch shows again (at once, to keep
            # runs short, where SQS would wait out the visibility timeout).
            for message in messages:
                self.queue.change_visibility(message.receipt_handle, 0)
            return Outcome.FAILED
        failed: list[str] = []
        if self.report_failures:
            answered = failed_items(payload, [message.message_id for message in batch])
            if answered is None:
                logger.warning("%s: the function's batchItemFailures are invalid", self.name)
                return Outcome.FAILED
            failed = answered
        deleted = 0
        for message in messages:
            if message.message_id not in failed:
                if self.chaos is not None and self.chaos.again():
                    self._echo(message)  # before the delete: never quiet in between
                self.queue.delete(message.receipt_handle)
                deleted += 1
        if failed:
            logger.warning("%s: %d of %d messages failed", self.name, len(failed), len(batch))
        return Outcome.WORKED if deleted or echoes else Outcome.FAILED

    def _passing(self, messages: list[QueueMessage]) -> list[QueueMessage]:
        """The messages that pass the filter; the others are deleted, unseen by the function."""
        if self.event_filter is None or not messages:
            return messages
        event = sqs_event(messages, queue_arn=self.queue_arn, region=self.function.config.region)
        passing = []
        for message, record in zip(messages, event["Records"], strict=True):
            if self.event_filter.matches_sqs_message(record):
                passing.append(message)
            else:
                self.queue.delete(message.receipt_handle)
        return passing

    def _echo(self, message: QueueMessage) -> None:
        """Keep a handled message to deliver again, one receive later (chaos)."""
        with self._receiving:
            self._echoes.append(replace(message, receive_count=message.receive_count + 1))

    def _take_echoes(self) -> list[QueueMessage]:
        """A few of the messages to deliver again, room in the batch allowing (chaos)."""
        taken, self._echoes = self._echoes[: self.batch_size], self._echoes[self.batch_size :]
        return taken

    def _gather(self) -> list[QueueMessage]:
        """The batch to deliver now: full, or gathered for the window; empty while gathering."""
        while len(self._held) < self.batch_size:
            received = self.queue.receive(min(MAX_BATCH, self.batch_size - len(self._held)))
            if not received:
                break
            self._held.update((message.message_id, message) for message in received)
        if not self._held:
            return []
        now = self.clock.now()
        if self._held_since is None:
            self._held_since = now
        if len(self._held) < self.batch_size and now < self._held_since + self.batching_window:
            return []
        messages = list(self._held.values())
        self._held, self._held_since = {}, None
        return messages
