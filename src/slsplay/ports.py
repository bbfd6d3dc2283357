"""What the services need from the outside world, stated once; adapters implement it.

The ``ItemStore`` is a single-table key-value store with the semantics of DynamoDB (the
cloud adapter) that the SQLite adapter reproduces: conditional writes, versioned updates,
all-or-nothing transactions, ordered range queries with cursors, and a change feed of
old and new images. The contract tests in ``tests/contract`` prove both adapters agree.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from slsplay.domain.errors import Conflict, VersionConflict
from slsplay.domain.media import Media, Rendition

Item = dict[str, Any]
"""A stored item: ``str``, ``int``, ``bool``, ``None``, ``list`` and ``dict`` values only."""

MAX_TRANSACTION_OPS = 100
MAX_BATCH_GET = 100  # BatchGetItem's limit
MAX_QUERY_LIMIT = 1_000


# -- the table's shape ----------------------------------------------------------------------


@dataclass(frozen=True)
class IndexSchema:
    """A global secondary index: its name and the two string attributes that key it."""

    name: str
    partition_key: str
    sort_key: str


PK = "pk"
SK = "sk"


@dataclass(frozen=True)
class TableSchema:
    """The key schema of the one table, shared by every adapter and by ``template.yaml``.

    Every item is keyed by the string attributes ``pk`` and ``sk``; the indexes vary.
    """

    indexes: tuple[IndexSchema, ...] = ()

    def index(self, name: str) -> IndexSchema:
        """The index called ``name``; a ``KeyError`` for an unknown one."""
        for index in self.indexes:
            if index.name == name:
                return index
        raise KeyError(name)

    def key_attributes(self, index: str | None = None) -> tuple[str, ...]:
        """The attributes that place an item in the table, or in the table and ``index``."""
        own = (PK, SK)
        if index is None:
            return own
        spec = self.index(index)
        return (*own, spec.partition_key, spec.sort_key)

    def cloudformation_properties(self) -> dict[str, Any]:
        """The table's key properties as CloudFormation (and the DynamoDB API) spell them."""
        attributes = [PK, SK]
        for index in self.indexes:
            attributes += [index.partition_key, index.sort_key]
        return {
            "AttributeDefinitions": [
                {"AttributeName": name, "AttributeType": "S"} for name in attributes
            ],
            "KeySchema": [
                {"AttributeName": PK, "KeyType": "HASH"},
                {"AttributeName": SK, "KeyType": "RANGE"},
            ],
            "GlobalSecondaryIndexes": [
                {
                    "IndexName": index.name,
                    "KeySchema": [
                        {"AttributeName": index.partition_key, "KeyType": "HASH"},
                        {"AttributeName": index.sort_key, "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
                for index in self.indexes
            ],
        }


# -- conditions and writes ------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """An item's primary key."""

    pk: str
    sk: str


@dataclass(frozen=True)
class Exists:
    """The item exists."""


@dataclass(frozen=True)
class NotExists:
    """The item does not exist."""


@dataclass(frozen=True)
class Equals:
    """The attribute exists and equals ``value``.

    Comparing an attribute with a value of another type is not part of the contract
    (DynamoDB and its emulators disagree on it): the product never does it.
    """

    attribute: str
    value: Any


@dataclass(frozen=True)
class LessThan:
    """The attribute exists and is smaller than ``value`` (numbers, or strings by bytes)."""

    attribute: str
    value: int | str


@dataclass(frozen=True)
class AllOf:
    """Every one of the conditions holds."""

    conditions: tuple[Condition, ...]


Condition = Exists | NotExists | Equals | LessThan | AllOf


@dataclass(frozen=True)
class Put:
    """Write the whole item, replacing any item with its key."""

    item: Item
    condition: Condition | None = None


@dataclass(frozen=True)
class Update:
    """Change some attributes, creating the item when it is missing (as UpdateItem does).

    ``add`` increments numbers atomically (a missing attribute counts as 0).
    """

    key: Key
    set: Mapping[str, Any] = field(default_factory=dict)
    add: Mapping[str, int] = field(default_factory=dict)
    remove: tuple[str, ...] = ()
    condition: Condition | None = None


@dataclass(frozen=True)
class Delete:
    """Remove the item; removing a missing item is not an error."""

    key: Key
    condition: Condition | None = None


@dataclass(frozen=True)
class Check:
    """Write nothing; only make a transaction depend on a condition of another item."""

    key: Key
    condition: Condition


Write = Put | Update | Delete
TransactionOp = Put | Update | Delete | Check


def key_of(op: TransactionOp) -> Key:
    """The key an operation acts on."""
    if isinstance(op, Put):
        return Key(op.item[PK], op.item[SK])
    return op.key


# -- what comes back ------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One page of a query; pass ``next_cursor`` back to get the next, ``None`` at the end."""

    items: list[Item]
    next_cursor: str | None


@dataclass(frozen=True)
class SortKeyRange:
    """Which sort keys a query wants: those with a prefix, those between two (inclusive), or all."""

    prefix: str | None = None
    between: tuple[str, str] | None = None


ChangeKind = Literal["INSERT", "MODIFY", "REMOVE"]


@dataclass(frozen=True)
class Change:
    """One committed change of one item, with its images before and after."""

    position: str
    kind: ChangeKind
    key: Key
    old_image: Item | None
    new_image: Item | None
    at: datetime
    # A REMOVE made by the table's time to live, not by a caller: DynamoDB Streams mark it
    # with the service as its ``userIdentity``.
    expired: bool = False


@dataclass(frozen=True)
class ChangeBatch:
    """Changes in commit order; read on with ``after=position``."""

    changes: list[Change]
    position: str | None


# -- errors ---------------------------------------------------------------------------------


class ConditionFailed(Conflict):
    """A write's condition did not hold; ``failed`` lists which operations of a transaction."""

    def __init__(self, failed: tuple[int, ...] = (0,)) -> None:
        self.failed = failed
        super().__init__("condition_failed", "The data changed meanwhile; try again.")


class StoreBusy(Conflict):
    """The store could not serialise this write with a concurrent one; retrying may work."""

    def __init__(self) -> None:
        super().__init__("store_busy", "Too many changes at once; try again.")


class InvalidCursor(ValueError):
    """A cursor that this query did not hand out."""


# -- the port -------------------------------------------------------------------------------


class ItemStore(ABC):
    """The one table. Adapters implement the abstract methods; the rest is shared."""

    schema: TableSchema

    @abstractmethod
    def get(self, key: Key) -> Item | None:
        """The item with that key (strongly consistent), or ``None``."""

    @abstractmethod
    def _get_many(self, keys: list[Key]) -> dict[Key, Item]:
        """Adapter part of ``get_many``, called with 1 to ``MAX_BATCH_GET`` distinct keys."""

    @abstractmethod
    def write(self, op: Write) -> None:
        """One conditional put, update or delete; ``ConditionFailed`` when it does not hold."""

    @abstractmethod
    def _transact(self, ops: Sequence[TransactionOp]) -> None:
        """Adapter part of ``transact``, called with checked operations."""

    @abstractmethod
    def _query(
        self,
        partition: str,
        range_: SortKeyRange,
        *,
        index: str | None,
        descending: bool,
        limit: int,
        cursor: str | None,
    ) -> Page:
        """Adapter part of ``query``, called with checked arguments."""

    @abstractmethod
    def changes(self, after: str | None = None, limit: int = 100) -> ChangeBatch:
        """Committed changes after ``position`` (from the oldest kept when ``None``)."""

    def get_many(self, keys: Sequence[Key]) -> dict[Key, Item]:
        """The items that exist among up to ``MAX_BATCH_GET`` keys, by key, in one request
        (BatchGetItem; strongly consistent). No keys, no request."""
        distinct = list(dict.fromkeys(keys))
        if len(distinct) > MAX_BATCH_GET:
            raise ValueError(f"get_many takes at most {MAX_BATCH_GET} keys")
        return self._get_many(distinct) if distinct else {}

    def query(
        self,
        partition: str,
        *,
        index: str | None = None,
        sk_prefix: str | None = None,
        sk_between: tuple[str, str] | None = None,
        descending: bool = False,
        limit: int = 100,
        cursor: str | None = None,
    ) -> Page:
        """Items of one partition of the table or of an index, ordered by sort key.

        DynamoDB leaves the order of equal index sort keys open: the product's index sort
        keys end in an id, so they never tie.
        """
        if not 1 <= limit <= MAX_QUERY_LIMIT:
            raise ValueError(f"limit must be from 1 to {MAX_QUERY_LIMIT}")
        if sk_prefix is not None and sk_between is not None:
            raise ValueError("a query takes a sort-key prefix or a range, not both")
        if sk_prefix == "":
            sk_prefix = None
        if index is not None:
            self.schema.index(index)
        range_ = SortKeyRange(prefix=sk_prefix, between=sk_between)
        return self._query(
            partition, range_, index=index, descending=descending, limit=limit, cursor=cursor
        )

    def transact(self, ops: Sequence[TransactionOp]) -> None:
        """All of the writes, or none; ``ConditionFailed.failed`` names the ones that failed."""
        if not 1 <= len(ops) <= MAX_TRANSACTION_OPS:
            raise ValueError(f"a transaction takes 1 to {MAX_TRANSACTION_OPS} operations")
        keys = [key_of(op) for op in ops]
        if len(set(keys)) != len(keys):
            raise ValueError("a transaction may touch each item only once")
        self._transact(ops)

    def close(self) -> None:  # noqa: B027  (most adapters hold nothing to release)
        """Release what the adapter holds open (connections); a no-op unless it holds any."""

    def put(self, item: Item, condition: Condition | None = None) -> None:
        """Write the whole item if ``condition`` holds."""
        self.write(Put(item, condition))

    def put_new(self, item: Item) -> None:
        """Write an item whose key must not be taken yet."""
        self.write(Put(item, NotExists()))

    def update_versioned(self, item: Item, expected_version: int) -> None:
        """Replace an item stored at ``expected_version``; ``VersionConflict`` if it moved on."""
        if item.get("version") != expected_version + 1:
            raise ValueError("the new item must carry version expected_version + 1")
        try:
            self.write(Put(item, versioned(expected_version)))
        except ConditionFailed as e:
            raise VersionConflict from e

    def delete(self, key: Key, condition: Condition | None = None) -> None:
        """Remove the item if ``condition`` holds."""
        self.write(Delete(key, condition))


def versioned(expected_version: int) -> Condition:
    """The item exists and is still at ``expected_version``."""
    return AllOf((Exists(), Equals("version", expected_version)))


class Clock(Protocol):
    """Where the current instant comes from (a test moves it by hand)."""

    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...


class PasswordHasher(Protocol):
    """One-way password hashing (argon2id in every environment)."""

    def hash(self, password: str) -> str:
        """A salted hash to store."""
        ...

    def verify(self, stored_hash: str, password: str) -> bool:
        """Whether ``password`` matches ``stored_hash``."""
        ...


class AccessTokens(Protocol):
    """Short-lived signed access tokens, and the public keys that verify them."""

    issuer: str
    audience: str
    lifetime_seconds: int

    def sign(self, claims: Mapping[str, Any]) -> str:
        """A token carrying ``claims`` plus issuer, audience and times."""
        ...

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of a valid token; ``Unauthorized`` for anything else."""
        ...

    def jwks(self) -> dict[str, Any]:
        """The JSON Web Key Set of the verification keys."""
        ...


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


# -- media ----------------------------------------------------------------------------------

UPLOAD_EXPIRES_IN = 15 * 60
DOWNLOAD_EXPIRES_IN = 5 * 60


@dataclass(frozen=True)
class UploadTicket:
    """What a browser needs to upload one file: POST ``url`` with ``fields``, then ``file``."""

    url: str
    fields: dict[str, str]


@dataclass(frozen=True)
class StoredObject:
    """What the storage knows about a stored file."""

    key: str
    size: int
    content_type: str
    etag: str  # without quotes; the MD5 of the content for a file sent in one piece


class Readable(Protocol):
    """A binary stream being read (a file, or the body of an S3 object)."""

    def read(self, size: int = -1, /) -> bytes:
        """Up to ``size`` bytes (all that is left when negative); ``b""`` at the end."""
        ...


class ObjectNotFound(LookupError):
    """No file is stored under that key."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"no media file is stored at {key!r}")


class InvalidKey(ValueError):
    """A key the storage does not take (see ``check_key``)."""


class MediaStorage(Protocol):
    """The media bucket: direct uploads and downloads, and the worker's reads and writes."""

    def upload_ticket(
        self, key: str, content_type: str, max_bytes: int, expires_in: int = UPLOAD_EXPIRES_IN
    ) -> UploadTicket:
        """A form that uploads one file to exactly ``key``, with exactly ``content_type``, of
        1 to ``max_bytes`` bytes, within ``expires_in`` seconds; nothing else."""
        ...

    def download_url(
        self, key: str, expires_in: int = DOWNLOAD_EXPIRES_IN, filename: str | None = None
    ) -> str:
        """A URL that fetches the file (HTTP ranges included) for ``expires_in`` seconds; with
        ``filename``, browsers save it under that name instead of showing it."""
        ...

    def stat(self, key: str) -> StoredObject | None:
        """What is stored at ``key``, or ``None``."""
        ...

    def exists(self, key: str) -> bool:
        """Whether a file is stored at ``key``."""
        ...

    def open(self, key: str) -> AbstractContextManager[Readable]:
        """The file as a stream, for reading its start or all of it without holding it."""
        ...

    def read(self, key: str) -> bytes:
        """The whole file, for small ones (a photo); ``ObjectNotFound`` when missing."""
        ...

    def download_to(self, key: str, path: Path) -> None:
        """Copy the file to a local path (a video, for ffmpeg), never whole in memory."""
        ...

    def put(self, key: str, data: bytes | Path, content_type: str) -> None:
        """Store bytes, or the file at a local path (streamed), at ``key``, replacing any."""
        ...

    def delete_prefix(self, prefix: str) -> int:
        """Delete every file whose key starts with ``prefix`` (as S3 lists: a string prefix,
        so ``a/b`` takes ``a/bc`` too; end it with ``/`` for one folder); answers how many."""
        ...


@dataclass(frozen=True)
class Processed:
    """What processing an upload made: the renditions to show, and a video's length."""

    renditions: tuple[Rendition, ...]
    duration_seconds: float | None = None


@dataclass(frozen=True)
class ConversionEnded:
    """How work left going on elsewhere ended, for the media item it was for."""

    meetup_id: str
    media_id: str
    processed: Processed | None  # None: it failed, for ``reason``
    reason: str | None = None  # for the organizer
    detail: str | None = None  # the converter's own words on a failure, for the logs


class MediaProcessor(Protocol):
    """Turns an upload into what is shown: Pillow for photos; ffmpeg, or MediaConvert, for
    videos."""

    def process(self, media: Media) -> Processed | None:
        """Check that the file at ``media.upload_key`` is what it claims, and make its
        renditions beside it (``media.key_of``), with no metadata of the original.

        ``None`` when the work goes on elsewhere and ends with a completion event (a
        MediaConvert job). ``MediaRejected`` for a file that cannot be shown; any other
        error is the machine's, and the upload is worth trying again.
        """
        ...

    def conversion_ended(self, notice: Mapping[str, Any]) -> ConversionEnded:
        """Read the notice that work ``process`` left going on elsewhere has ended (for
        MediaConvert, its job's state change on EventBridge); ``ValueError`` for another."""
        # A processor that finishes within the invocation has nothing going on elsewhere.
        raise ValueError(f"{type(self).__name__} leaves no work going on elsewhere")


# -- payments -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckoutRequest:
    """One ticket to sell through the provider's hosted checkout page.

    The buyer pays ``amount_minor + fee_minor``; the organizer's connected account receives
    ``amount_minor``, and ``fee_minor`` stays with the platform (Stripe's application fee).
    ``checkout_id`` is ours: the idempotency key of the create, and what the provider's
    webhook hands back.
    """

    checkout_id: str
    meetup_id: str
    title: str
    email: str
    amount_minor: int
    fee_minor: int
    currency: str  # ISO 4217, upper case
    connected_account: str
    expires_at: datetime
    success_url: str
    cancel_url: str

    @property
    def total_minor(self) -> int:
        """What the buyer pays."""
        return self.amount_minor + self.fee_minor


@dataclass(frozen=True)
class CheckoutSession:
    """The provider's checkout for a request: its id and the page the buyer goes to."""

    session_id: str
    url: str


PaymentEventKind = Literal["checkout_paid", "checkout_expired", "ignored"]


@dataclass(frozen=True)
class PaymentEvent:
    """A verified webhook from the provider, in the product's terms.

    ``checkout_paid``: the buyer paid the checkout (``payment_ref`` names the payment, for
    a refund); ``checkout_expired``: it can no longer be paid; ``ignored``: anything else.
    """

    event_id: str
    kind: PaymentEventKind
    checkout_id: str | None = None
    session_id: str | None = None
    payment_ref: str | None = None
    amount_minor: int = 0
    currency: str = ""


class InvalidWebhook(ValueError):
    """A webhook whose signature, age or body does not check out: it is not the provider's."""


class PaymentFailed(RuntimeError):
    """The provider refused or failed a call; the message says why, for the logs."""


class Payments(Protocol):
    """The payment provider: hosted checkout, signed webhooks, refunds, and the organizers'
    connected accounts and payouts. Stripe in the cloud, a local provider offline.

    Every create takes an idempotency key, so a retried call never charges, refunds or pays
    twice.
    """

    def create_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        """A hosted checkout page for one ticket, payable until ``request.expires_at``."""
        ...

    def expire_checkout(self, session_id: str) -> None:
        """Make a checkout unpayable now; nothing happens if it is already paid or expired."""
        ...

    def parse_webhook(self, body: bytes, headers: Mapping[str, str]) -> PaymentEvent:
        """The event a webhook carries, once its signature is checked (``InvalidWebhook``
        otherwise). Header names are matched without regard to case."""
        ...

    def refund(self, payment_ref: str, amount_minor: int, idempotency_key: str) -> str:
        """Give ``amount_minor`` of a payment back to the buyer (the platform's fee included,
        and the organizer's share taken back); answers the refund's id."""
        ...

    def create_account(self, user_id: str, email: str, idempotency_key: str) -> str:
        """A connected account for an organizer, paid out only when the platform asks;
        answers its id."""
        ...

    def onboarding_url(self, account_id: str, return_url: str, refresh_url: str) -> str:
        """A one-time page where the organizer gives the provider what it needs to pay them."""
        ...

    def account_ready(self, account_id: str) -> bool:
        """Whether the account can take payments and be paid out."""
        ...

    def payout(
        self, account_id: str, amount_minor: int, currency: str, idempotency_key: str
    ) -> str:
        """Move ``amount_minor`` of the account's balance to the organizer's bank; answers
        the payout's id."""
        ...


# -- search -----------------------------------------------------------------------------------

SearchSort = Literal["soonest", "newest", "closing", "popular", "relevance"]
MAX_SEARCH_PAGE = 50


@dataclass(frozen=True)
class IndexedMeetup:
    """What the search index keeps of one public, published meetup."""

    meetup_id: str
    title: str
    description: str  # plain text (Markdown's text, without markup)
    category: str
    organizer_name: str
    starts_at: datetime
    created_at: datetime
    closes_at: datetime  # answers are taken until then
    attending: int


@dataclass(frozen=True)
class SearchQuery:
    """One search of public meetups: words, filters, an order and a page.

    ``text`` matches words of the title, description, category and organizer's name, each
    word also as a prefix (``wine`` finds "wines"), without regard to case or accents. Every
    filter bound is inclusive; ``None`` leaves it open. ``now`` is when the search runs:
    meetups whose answers closed before it are left out, and popularity decays from it.
    """

    now: datetime
    text: str | None = None
    category: str | None = None
    starts_after: datetime | None = None
    starts_before: datetime | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    closes_before: datetime | None = None
    sort: SearchSort = "soonest"
    limit: int = 20
    cursor: str | None = None


@dataclass(frozen=True)
class SearchPage:
    """A page of results: meetup ids in order, and where the next page starts."""

    meetup_ids: list[str]
    next_cursor: str | None = None


class SearchIndex(Protocol):
    """The index of public meetups, written only by the change feed's consumer.

    SQLite FTS5 locally; in the cloud an adapter on the table itself. ``InvalidCursor`` for
    a cursor the index did not hand out (or handed out for another query).
    """

    def upsert(self, meetup: IndexedMeetup) -> None:
        """Add the meetup, or replace what the index keeps of it."""
        ...

    def remove(self, meetup_id: str) -> None:
        """Leave the meetup out of every search from now on (nothing if it is not there)."""
        ...

    def search(self, query: SearchQuery) -> SearchPage:
        """The meetups that match, in the query's order, a page at a time."""
        ...


# -- social sign-in ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """Who a provider says signed in: its own id for them, and their address if it has one
    (``email_verified``: the provider says the address is theirs)."""

    provider: str
    subject: str
    email: str | None
    email_verified: bool
    name: str | None


class SignInRefused(Exception):
    """The provider's answer was not one to trust (or it refused): ``code`` says which."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


class IdentityProviders(Protocol):
    """The sign-in providers configured (OpenID Connect by discovery, GitHub's OAuth 2):
    the authorization-code flow with PKCE, the ID token checked (signature, issuer,
    audience, expiry, nonce)."""

    def names(self) -> list[str]:
        """The configured providers, in the order to show them."""
        ...

    def authorization_url(
        self, provider: str, *, redirect_uri: str, state: str, nonce: str, code_verifier: str
    ) -> str:
        """Where to send the person to sign in at ``provider``."""
        ...

    def identity(
        self, provider: str, *, code: str, redirect_uri: str, code_verifier: str, nonce: str
    ) -> Identity:
        """Trade the code for who signed in; ``SignInRefused`` for anything not to trust."""
        ...
