"""What the local runtime needs of the backend its functions run on, handed to it whole.

The pumps read the store's change feed, receive from the template's queues, keep their
place, keep the stream batches they gave up on, and expire items; the server shows the
mail sent, fronts the media bucket and the local payment provider's pages, applies the edge
cache's invalidations to its emulated edge, and creates the
template's resources at an AWS endpoint. ``bootstrap.runtime_backend`` builds all of it on
the adapters the settings pick (SQLite, files and the mailbox locally; DynamoDB Streams, SQS,
S3 and SES at an AWS endpoint): the runtime itself never picks or builds an adapter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from slsplay.adapters.local.file_media import FileMediaStorage
    from slsplay.adapters.local.local_payments import LocalPayments
    from slsplay.local.devmail import Mailbox
    from slsplay.local.template import Stack
    from slsplay.ports import Clock, FailedBatches, ItemStore, Queue


class Checkpoints(Protocol):
    """Where the pumps keep their place: named values, durable, each write a transaction."""

    def get(self, name: str) -> str | None:
        """The value saved under ``name``, or ``None``."""
        ...

    def put(self, name: str, value: str) -> None:
        """Save ``value`` under ``name``, durably."""
        ...

    def put_many(self, values: Mapping[str, str | None]) -> None:
        """Save several values in one transaction; ``None`` removes a name."""
        ...

    def close(self) -> None:
        """Close what the checkpoints hold open."""
        ...


class ExpiringItems(Protocol):
    """A table whose expired items the runtime deletes itself (DynamoDB's time to live)."""

    def can_expire_by(self, attribute: str) -> bool:
        """Whether items can expire by ``attribute`` here."""
        ...

    def delete_expired(self, before: datetime, limit: int, attribute: str) -> int:
        """Delete up to ``limit`` items whose ``attribute`` is before ``before``; how many."""
        ...


class InvalidationFeed(Protocol):
    """The edge cache's invalidations, in the order they were made."""

    def since(self, position: int) -> tuple[list[list[str]], int]:
        """The batches of paths after ``position`` (0: from the first), and the position
        after them."""
        ...


class RuntimeBackend(Protocol):
    """The backend's parts the runtime drives, as AWS's services would drive them."""

    clock: Clock

    @property
    def kind(self) -> Literal["local", "aws"]:
        """The backend: ``local`` (SQLite, files) or ``aws`` (an AWS endpoint)."""
        ...

    @property
    def store(self) -> ItemStore:
        """The table, whose change feed the stream pumps read."""
        ...

    @property
    def checkpoints(self) -> Checkpoints:
        """Where the stream pumps and the scheduler keep their place."""
        ...

    def queue(
        self,
        name: str,
        url: str,
        *,
        visibility_timeout: int,
        dead_letter: Queue | None = None,
        max_receive_count: int | None = None,
    ) -> Queue:
        """A template queue with its visibility timeout and redrive policy (SQS's own,
        at an AWS endpoint)."""
        ...

    def failed_batches(self, bucket: str) -> FailedBatches:
        """The bucket where a stream mapping keeps the batches it gave up on."""
        ...

    def expiring(self) -> ExpiringItems | None:
        """The table, when the runtime must expire its items itself (locally)."""
        ...

    def mailbox(self) -> Mailbox:
        """The mail the functions sent, for ``/_dev/mail``."""
        ...

    def media_files(self) -> FileMediaStorage | None:
        """The media bucket's files, when the runtime serves the bucket itself (locally)."""
        ...

    def send_to_queue(self) -> Callable[[str, str], None]:
        """Sends a body to a queue by URL (the media bucket's upload notifications)."""
        ...

    def local_payments(self) -> LocalPayments:
        """The local payment provider, whose checkout pages the runtime serves."""
        ...

    def edge_invalidations(self, distribution_id: str | None) -> InvalidationFeed | None:
        """The invalidations the functions made (at an AWS endpoint: of that distribution),
        for the emulated edge cache."""
        ...

    def provision(self, stack: Stack, stage: str) -> Mapping[str, str]:
        """Create what the template needs at the AWS endpoint (nothing locally); answers
        the ids the endpoint chose for resources, by logical id."""
        ...

    def close(self) -> None:
        """Close the files and connections opened."""
        ...
