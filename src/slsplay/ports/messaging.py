"""What leaves the product as messages: email to people, queue messages for the
consumers, and the stream batches that Lambda gave up on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

# -- email ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attachment:
    """A file sent with an email (an .ics invitation, an attendee list as CSV)."""

    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Email:
    """One message to one recipient, with HTML and plain-text alternatives."""

    to: str
    subject: str
    text: str
    html: str
    attachments: tuple[Attachment, ...] = ()
    headers: Mapping[str, str] = field(default_factory=dict)
    # A stable Message-ID (``<id@domain>``) for an email that may be sent again after a
    # crash: the local mailbox keeps one copy per id, and mail clients fold such copies.
    # None: the mailer makes a fresh one. (SES always replaces it with its own.)
    message_id: str | None = None


class Mailer(Protocol):
    """Sends email: a local mailbox, an SMTP server, or Amazon SES."""

    def send(self, email: Email) -> str:
        """Send one message; answers its Message-ID."""
        ...


# -- failed stream batches ------------------------------------------------------------------


@dataclass(frozen=True)
class FailedBatch:
    """A stream batch the event source mapping gave up on, as Lambda keeps it in an S3
    bucket: the failure (``record``: its request and response context, the batch's place in
    the shard) and the invocation's event itself (``payload``), so that it can be replayed
    long after the stream has dropped its records."""

    key: str
    record: Mapping[str, Any]
    payload: Mapping[str, Any]


class FailedBatches(Protocol):
    """The bucket a stream mapping's ``OnFailure`` destination names: files locally, S3 in
    the cloud. Lambda writes to it; ``slsplay dlq list|replay`` reads and removes."""

    name: str

    def add(self, key: str, record: Mapping[str, Any], payload: Mapping[str, Any]) -> None:
        """Keep a failed batch under ``key`` (what Lambda does, and the local runtime)."""
        ...

    def batches(self, limit: int = 100) -> list[FailedBatch]:
        """Up to ``limit`` failed batches, oldest key first."""
        ...

    def remove(self, key: str) -> None:
        """Forget a batch (replayed); an unknown key does nothing."""
        ...


# -- queues ---------------------------------------------------------------------------------

MAX_BATCH = 10  # SQS's limit on the messages of one send_batch or receive


class QueueSendFailed(RuntimeError):
    """A queue refused some messages of a batch (SQS answers each entry on its own)."""


@dataclass(frozen=True)
class QueueMessage:
    """A message as a receiver gets it: delete it by ``receipt_handle`` once handled."""

    message_id: str
    receipt_handle: str
    body: str
    receive_count: int
    sent_at: datetime
    first_received_at: datetime
    attributes: Mapping[str, str] = field(default_factory=dict)


class Queue(Protocol):
    """An SQS-like queue: at-least-once delivery, visibility timeout, dead letters."""

    name: str

    def send(self, body: str, attributes: Mapping[str, str] | None = None) -> str:
        """Enqueue a message; answers its id."""
        ...

    def send_batch(self, messages: Sequence[tuple[str, Mapping[str, str]]]) -> list[str]:
        """Enqueue up to ``MAX_BATCH`` (body, attributes) messages at once; answers their ids.

        All or nothing for the caller: if any is refused, ``QueueSendFailed`` is raised, and a
        retry may send the others twice (queues deliver at least once anyway).
        """
        ...

    def receive(
        self, max_messages: int = 10, visibility_timeout: int | None = None
    ) -> list[QueueMessage]:
        """Up to ``max_messages`` visible messages, hidden from others for the timeout.

        A message received more often than the redrive policy allows moves to the
        dead-letter queue instead of being delivered.
        """
        ...

    def delete(self, receipt_handle: str) -> None:
        """Remove a handled message."""
        ...

    def change_visibility(self, receipt_handle: str, timeout: int) -> None:
        """Hide a received message for ``timeout`` more seconds (0: visible again now)."""
        ...

    # For the operators (``slsplay dlq list|replay``), called on a dead-letter queue.

    def dead_letters(self, limit: int = 10) -> list[QueueMessage]:
        """Up to ``limit`` of this queue's messages, left on it and visible."""
        ...

    def redrive(self, to: Queue) -> int:
        """Move every message of this queue to ``to``, receive counts reset; answers how many."""
        ...

    def approximate_count(self) -> int:
        """Messages waiting or in flight (SQS's counts are approximate, hence the name)."""
        ...
