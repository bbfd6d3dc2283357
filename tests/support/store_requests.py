"""Counting the requests a call makes of the store: one for each DynamoDB request it would
send on the aws backend (GetItem, BatchGetItem, Query, a write, TransactWriteItems).

Counts are deterministic, unlike timings: a test can say a page costs the same at any size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from slsplay.handlers.context import container, mail_ports, payment_ports
from slsplay.ports import (
    ChangeBatch,
    Item,
    ItemStore,
    Key,
    Page,
    SortKeyRange,
    TransactionOp,
    Write,
)


class CountingStore(ItemStore):
    """The store, counting each request passed on to it by kind: ``get``, ``get_many``,
    ``query``, ``write`` and ``transact`` (the port's shortcuts, such as ``put``, are writes)."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store
        self.schema = store.schema
        self.calls: Counter[str] = Counter()

    def get(self, key: Key) -> Item | None:
        self.calls["get"] += 1
        return self.store.get(key)

    def _get_many(self, keys: list[Key]) -> dict[Key, Item]:
        self.calls["get_many"] += 1
        return self.store.get_many(keys)

    def write(self, op: Write) -> None:
        self.calls["write"] += 1
        self.store.write(op)

    def _transact(self, ops: Sequence[TransactionOp]) -> None:
        self.calls["transact"] += 1
        self.store.transact(ops)

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
        self.calls["query"] += 1
        return self.store.query(
            partition,
            index=index,
            sk_prefix=range_.prefix,
            sk_between=range_.between,
            descending=descending,
            limit=limit,
            cursor=cursor,
        )

    def changes(self, after: str | None = None, limit: int = 100) -> ChangeBatch:
        return self.store.changes(after, limit)


@contextmanager
def counted_store_requests() -> Iterator[Counter[str]]:
    """While open, the handlers' store counts its requests into the counter it yields."""
    app = container()
    counting = CountingStore(app.store)
    _use_store(counting)
    try:
        yield counting.calls
    finally:
        _use_store(counting.store)


def _use_store(store: ItemStore) -> None:
    app = container()
    app.__dict__["store"] = store  # the container's cached store, replaced
    # What the container and the handlers built on the store before: built again on this one.
    for built_on_store in ("auth", "search"):
        app.__dict__.pop(built_on_store, None)
    mail_ports.cache_clear()
    payment_ports.cache_clear()
