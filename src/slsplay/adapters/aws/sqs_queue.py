"""A queue on Amazon SQS, for the cloud and for the local runtime's ``--backend aws``.

SQS itself hides received messages, counts receives and moves dead letters (the queue's
``RedrivePolicy``, set by CloudFormation or by ``provision.create_queue_pair``). The client is
built on first use, never at import, so a function that never sends pays nothing for it at
cold start.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from slsplay.adapters.queue_limits import (
    check_batch,
    check_message,
    check_send_batch,
    check_timeout,
)
from slsplay.ports import MAX_BATCH, Queue, QueueMessage, QueueSendFailed, with_correlation

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.literals import QueueAttributeNameType
    from mypy_boto3_sqs.type_defs import (
        MessageAttributeValueTypeDef,
        MessageTypeDef,
        SendMessageBatchRequestEntryTypeDef,
    )

# How long an operator's look at a dead-letter queue hides the messages it pages through;
# they are made visible again as soon as the look is over.
_LOOK_SECONDS = 30
# A handle whose message is gone, was received again, or moved to the dead-letter queue:
# the work it stood for is over, which the port treats as success, as SQS does for a
# message already deleted. SQS answers an expired handle with InvalidParameterValue.
_STALE_HANDLE_CODES = {
    "ReceiptHandleIsInvalid",
    "InvalidParameterValue",
    "AWS.SimpleQueueService.MessageNotInflight",
    "MessageNotInflight",
}


class SqsQueue(Queue):
    """One SQS standard queue, addressed by its URL."""

    def __init__(
        self, queue_url: str, client_factory: Callable[[str], Any], *, wait_seconds: int = 0
    ) -> None:
        self.queue_url = queue_url
        self.name = queue_url.rstrip("/").rsplit("/", 1)[-1]
        # Long polling (up to 20 s) suits a pump that has nothing else to do while it waits.
        self.wait_seconds = wait_seconds
        self._client_factory = client_factory
        self._sqs: SQSClient | None = None

    def __repr__(self) -> str:
        return f"SqsQueue({self.queue_url!r})"

    @property
    def sqs(self) -> SQSClient:
        """The SQS client, built on first use."""
        if self._sqs is None:
            self._sqs = self._client_factory("sqs")
        return self._sqs

    def send(self, body: str, attributes: Mapping[str, str] | None = None) -> str:
        """Enqueue a message; answers the id SQS gave it."""
        attributes = with_correlation(attributes or {})
        check_message(body, attributes)
        values: dict[str, MessageAttributeValueTypeDef] = {
            name: {"DataType": "String", "StringValue": value} for name, value in attributes.items()
        }
        if values:
            answer = self.sqs.send_message(
                QueueUrl=self.queue_url, MessageBody=body, MessageAttributes=values
            )
        else:
            answer = self.sqs.send_message(QueueUrl=self.queue_url, MessageBody=body)
        return answer["MessageId"]

    def send_batch(self, messages: Sequence[tuple[str, Mapping[str, str]]]) -> list[str]:
        """Enqueue up to 10 messages with one ``SendMessageBatch``; answers their ids."""
        messages = [(body, with_correlation(attributes)) for body, attributes in messages]
        check_send_batch(messages)
        entries: list[SendMessageBatchRequestEntryTypeDef] = []
        for index, (body, attributes) in enumerate(messages):
            entry: SendMessageBatchRequestEntryTypeDef = {"Id": str(index), "MessageBody": body}
            if attributes:
                entry["MessageAttributes"] = {
                    name: {"DataType": "String", "StringValue": value}
                    for name, value in attributes.items()
                }
            entries.append(entry)
        answer = self.sqs.send_message_batch(QueueUrl=self.queue_url, Entries=entries)
        if answer.get("Failed"):
            refused = "; ".join(
                f"{failure['Id']}: {failure['Code']} {failure.get('Message', '')}".strip()
                for failure in answer["Failed"]
            )
            raise QueueSendFailed(f"{self.name} refused messages of a batch: {refused}")
        ids = {entry["Id"]: entry["MessageId"] for entry in answer["Successful"]}
        return [ids[str(index)] for index in range(len(messages))]

    def receive(
        self, max_messages: int = 10, visibility_timeout: int | None = None
    ) -> list[QueueMessage]:
        """Up to ``max_messages`` messages; SQS moves those past the redrive limit itself."""
        check_batch(max_messages)
        arguments: dict[str, Any] = {}
        if visibility_timeout is not None:
            check_timeout(visibility_timeout)
            arguments["VisibilityTimeout"] = visibility_timeout
        answer = self.sqs.receive_message(
            QueueUrl=self.queue_url,
            MaxNumberOfMessages=max_messages,
            WaitTimeSeconds=self.wait_seconds,
            MessageSystemAttributeNames=["All"],
            MessageAttributeNames=["All"],
            **arguments,
        )
        return [_message(m) for m in answer.get("Messages", [])]

    def delete(self, receipt_handle: str) -> None:
        """Remove a handled message; a stale handle is not an error."""
        try:
            self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=receipt_handle)
        except ClientError as e:
            if _code(e) not in _STALE_HANDLE_CODES:
                raise

    def change_visibility(self, receipt_handle: str, timeout: int) -> None:
        """Hide a received message for ``timeout`` seconds from now; a stale handle does nothing."""
        check_timeout(timeout)
        try:
            self.sqs.change_message_visibility(
                QueueUrl=self.queue_url, ReceiptHandle=receipt_handle, VisibilityTimeout=timeout
            )
        except ClientError as e:
            if _code(e) not in _STALE_HANDLE_CODES:
                raise

    def dead_letters(self, limit: int = 10) -> list[QueueMessage]:
        """Up to ``limit`` messages, put back at once.

        SQS cannot read a message without receiving it: this receives pages of messages,
        hiding them only while it pages on, then makes them visible again. Each look adds
        one to a message's receive count on SQS; the answer gives the count before it.
        """
        seen: list[QueueMessage] = []
        try:
            while len(seen) < limit:
                page = self.receive(min(MAX_BATCH, limit - len(seen)), _LOOK_SECONDS)
                if not page:
                    break
                seen += page
        finally:
            for message in seen:
                self.change_visibility(message.receipt_handle, 0)
        return [_before_look(m) for m in seen]

    def redrive(self, to: Queue) -> int:
        """Move every message to ``to`` by receive, send and delete.

        Not SQS's ``StartMessageMoveTask``: moto does not implement it, and this works the
        same on both. A crash between send and delete leaves a message on both queues,
        which the idempotent consumers absorb; the moved message gets a new id.
        """
        moved = 0
        while page := self.receive(MAX_BATCH, _LOOK_SECONDS):
            for message in page:
                to.send(message.body, message.attributes)
                self.delete(message.receipt_handle)
                moved += 1
        return moved

    def approximate_count(self) -> int:
        """SQS's approximate numbers of messages waiting, in flight and delayed, added up."""
        names: list[QueueAttributeNameType] = [
            "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed",
        ]
        answer = self.sqs.get_queue_attributes(QueueUrl=self.queue_url, AttributeNames=names)
        attributes = answer.get("Attributes", {})
        return sum(int(attributes.get(name, "0")) for name in names)


def _message(message: MessageTypeDef) -> QueueMessage:
    system = message.get("Attributes", {})
    sent_at = _instant(system["SentTimestamp"])
    return QueueMessage(
        message_id=message["MessageId"],
        receipt_handle=message["ReceiptHandle"],
        body=message["Body"],
        receive_count=int(system["ApproximateReceiveCount"]),
        sent_at=sent_at,
        first_received_at=_instant(system.get("ApproximateFirstReceiveTimestamp"), sent_at),
        attributes={
            name: value["StringValue"]
            for name, value in message.get("MessageAttributes", {}).items()
            if "StringValue" in value
        },
    )


def _before_look(message: QueueMessage) -> QueueMessage:
    return replace(message, receive_count=message.receive_count - 1)


def _instant(milliseconds: str | None, default: datetime | None = None) -> datetime:
    if milliseconds is None:
        assert default is not None
        return default
    return datetime.fromtimestamp(int(milliseconds) / 1000, UTC)


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))
