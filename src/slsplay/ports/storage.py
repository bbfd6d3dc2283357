"""The one table the product keeps its data in, as services and repositories see it.

The ``ItemStore`` is a single-table key-value store with the semantics of DynamoDB (the
cloud adapter) that the SQLite adapter reproduces: conditional writes, versioned updates,
all-or-nothing transactions, ordered range queries with cursors, and a change feed of
old and new images. The contract tests in ``tests/contract`` prove both adapters agree.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from slsplay.domain.errors import Conflict, VersionConflict
from slsplay.ports.observability import correlation_id, with_correlation

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


def correlated(op: TransactionOp) -> TransactionOp:
    """``op`` as an adapter writes it: a put or an update also writes the bound correlation
    id, so that the table's stream shows which request a change came from."""
    if correlation_id() is None:
        return op
    if isinstance(op, Put):
        return replace(op, item=with_correlation(op.item))
    if isinstance(op, Update):
        return replace(op, set=with_correlation(op.set))
    return op


def versioned(expected_version: int) -> Condition:
    """The item exists and is still at ``expected_version``."""
    return AllOf((Exists(), Equals("version", expected_version)))
