"""Build time, items written and per-search store requests of the cloud's search index.

Run: .venv/bin/python bench/search_table.py [--meetups 20000] [--runs 100] [--dynamodb]
Builds the table's index (``adapters/table_search/``) of --meetups public meetups, one
``upsert`` each as the search function writes them, from the corpus of ``bench/search.py``
(the same seed, so its figures compare with the local FTS5 index's), on a ``SqliteItemStore``
in a temporary directory; with --dynamodb, on DynamoDB in moto, in process (5,000 meetups
unless --meetups says otherwise). Prints how long building took, the items and transactions
one meetup writes, what an attendance change writes, then for a mix of searches the median
and p99 milliseconds of one ``search`` call over --runs runs, the mean meetups on the page,
the mean and the most store requests one search made, and the mean items read per search:
what DynamoDB bills.

moto is not DynamoDB at this size: it copies its whole table before each transaction (to
undo it on failure), minutes per transaction at a few hundred thousand items, so on moto
the index is built with each transaction's writes made one by one (the same items); each
Query sorts every item of the table, which ``moto_reads_one_partition`` patches so that it
reads the partition asked for, as DynamoDB does; and nothing expires (moto has no time to
live). Its latencies are moto's: the requests and items read per search carry over.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any
from unittest.mock import patch

import boto3
from moto import mock_aws

from slsplay.adapters.aws.dynamo_store import DynamoItemStore
from slsplay.adapters.aws.provision import create_table
from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.adapters.table_search.index import TableSearchIndex
from slsplay.local.template import load_template, table_properties
from slsplay.ports import (
    ChangeBatch,
    Check,
    Item,
    ItemStore,
    Key,
    Page,
    SearchPage,
    SearchQuery,
    SortKeyRange,
    TransactionOp,
    Write,
)
from slsplay.store.schema import TABLE

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search import DAY, NOW, corpus, mixes_of  # bench/search.py: the same corpus and searches

# A kind of search stops after this long even short of --runs, as in bench/search.py.
BUDGET_SECONDS = 6.0


class CountingStore(ItemStore):
    """A store, counting the requests made of it and the items they read and write."""

    def __init__(self, inner: ItemStore) -> None:
        self.inner = inner
        self.schema = inner.schema
        self.requests: Counter[str] = Counter()
        self.items_read = 0
        self.items_written = 0

    def get(self, key: Key) -> Item | None:
        self.requests["get"] += 1
        item = self.inner.get(key)
        self.items_read += item is not None
        return item

    def _get_many(self, keys: list[Key]) -> dict[Key, Item]:
        self.requests["get_many"] += 1
        found = self.inner.get_many(keys)
        self.items_read += len(found)
        return found

    def write(self, op: Write) -> None:
        self.requests["write"] += 1
        self.items_written += 1
        self.inner.write(op)

    def _transact(self, ops: Sequence[TransactionOp]) -> None:
        self.requests["transact"] += 1
        self.items_written += len(ops)
        self.inner.transact(ops)

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
        self.requests["query"] += 1
        page = self.inner.query(
            partition,
            index=index,
            sk_prefix=range_.prefix,
            sk_between=range_.between,
            descending=descending,
            limit=limit,
            cursor=cursor,
        )
        self.items_read += len(page.items)
        return page

    def changes(self, after: str | None = None, limit: int = 100) -> ChangeBatch:
        return self.inner.changes(after, limit)

    def reset(self) -> None:
        self.requests.clear()
        self.items_read = self.items_written = 0


class SeedingDynamoStore(DynamoItemStore):
    """The table in moto, each transaction's writes made one by one (see the docstring)."""

    def _transact(self, ops: Sequence[TransactionOp]) -> None:
        for op in ops:
            if not isinstance(op, Check):
                self.write(op)


@contextmanager
def sqlite_store() -> Iterator[ItemStore]:
    with tempfile.TemporaryDirectory() as directory:
        store = SqliteItemStore(Path(directory) / "bench.db", TABLE)
        yield store
        store.close()


@contextmanager
def moto_reads_one_partition() -> Iterator[None]:
    """While open, moto's table Query looks at the items of its partition only.

    moto (5.2) lists and sorts every item of the table for each Query and keeps those of
    the partition asked for; this hands it those of the partition alone (same answers).
    """
    from moto.dynamodb.models.table import Table  # noqa: PLC0415  (moto's internals)

    query, all_items = Table.query, Table.all_items
    asked = threading.local()

    def partition_query(table: Table, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
        index_name = args[6] if len(args) > 6 else kwargs.get("index_name")
        asked.partition = None if index_name else hash_key
        try:
            return query(table, hash_key, *args, **kwargs)
        finally:
            asked.partition = None

    def partition_items(table: Table) -> Any:
        partition = getattr(asked, "partition", None)
        if partition is None:
            return all_items(table)
        return sorted(table.items.get(partition, {}).values(), key=lambda item: item.range_key)

    with (
        patch.object(Table, "query", partition_query),
        patch.object(Table, "all_items", partition_items),
    ):
        yield


@contextmanager
def dynamo_store() -> Iterator[ItemStore]:
    os.environ.update(
        AWS_ACCESS_KEY_ID="x",
        AWS_SECRET_ACCESS_KEY="x",
        AWS_DEFAULT_REGION="eu-west-1",
        AWS_ACCOUNT_ID_ENDPOINT_MODE="disabled",
    )
    properties = table_properties(load_template())
    # No stream: moto would keep a copy of every item written, and nothing here reads it.
    properties.pop("StreamSpecification", None)
    with mock_aws(), moto_reads_one_partition():
        create_table(boto3.client("dynamodb"), "bench", properties)
        yield SeedingDynamoStore("bench", TABLE, boto3.client)


def measure(
    runs: int, store: CountingStore, search: Callable[[int], SearchPage]
) -> tuple[float, float, float, float, int, float, int]:
    """Median and p99 ms, mean rows, mean and most requests of one search, mean items read,
    and runs made."""
    samples, rows, requests = [], 0, []
    store.reset()
    deadline = time.perf_counter() + BUDGET_SECONDS
    for i in range(runs):
        before = sum(store.requests.values())
        start = time.perf_counter()
        page = search(i)
        samples.append(time.perf_counter() - start)
        requests.append(sum(store.requests.values()) - before)
        rows += len(page.meetup_ids)
        if start > deadline:
            break
    samples.sort()
    n = len(samples)
    p99 = samples[max(0, math.ceil(n * 0.99) - 1)]
    return (
        statistics.median(samples) * 1e3,
        p99 * 1e3,
        rows / n,
        sum(requests) / n,
        max(requests),
        store.items_read / n,
        n,
    )


def run(label: str, inner: ItemStore, count: int, runs: int) -> None:
    meetups = corpus(random.Random(7), count)
    store = CountingStore(inner)
    index = TableSearchIndex(store)

    started = time.perf_counter()
    for each in meetups:
        index.upsert(each)
    built = time.perf_counter() - started
    transactions = store.requests["transact"] + store.requests["write"]
    print(f"\n{label}: table search index of {count:,} meetups")
    print(
        f"  built in {built:.1f} s ({count / built:,.0f} upserts a second);"
        f" {store.items_written / count:.1f} items written per meetup,"
        f" in {transactions / count:.2f} transactions"
    )
    store.reset()
    for each in meetups[:200]:
        index.upsert(replace(each, attending=each.attending + 1))
    print(
        f"  an attendance change: {store.items_written / 200:.1f} items written,"
        f" {sum(store.requests.values()) / 200:.1f} requests (reads included)"
    )
    store.reset()
    for each in meetups[:200]:
        index.upsert(replace(each, description=each.description + " and wine"))
    print(f"  a description edit (one word more): {store.items_written / 200:.1f} items written")
    if isinstance(inner, SqliteItemStore):
        # DynamoDB's time to live deletes items within a day or two of their ``ttl``: as if
        # it had last run two days ago (moto has no time to live).
        expired = 0
        while removed := inner.delete_expired(NOW - 2 * DAY, 10_000):
            expired += removed
        print(
            f"  time to live: {expired / count:.1f} items a meetup deleted"
            " (of meetups whose answers closed 3 days ago or more)"
        )
    # The cursor key is made by the first search that hands out a cursor: not timed below.
    index.search(SearchQuery(now=NOW, limit=1))

    mixes, deep = mixes_of(index)
    print(
        f"\n  {'search (limit 20)':<36} {'p50 ms':>8} {'p99 ms':>8} {'rows':>6}"
        f" {'requests':>8} {'most':>5} {'items read':>10} {'runs':>5}"
    )
    for name, search in {**mixes, **deep}.items():
        print(f"  {name:<36} {row(*measure(runs, store, search))}")


def row(
    median: float, p99: float, rows: float, requests: float, most: int, read: float, runs: int
) -> str:
    """A line of the table: requests is the mean of one search's store requests, most the
    largest, items read the mean (what DynamoDB bills)."""
    return (
        f"{median:>8.2f} {p99:>8.2f} {rows:>6.1f} {requests:>8.1f} {most:>5}"
        f" {read:>10.0f} {runs:>5}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetups", type=int, help="meetups (20,000 on SQLite, 5,000 on moto)")
    parser.add_argument("--runs", type=int, default=100, help="searches of each kind")
    parser.add_argument("--dynamodb", action="store_true", help="on DynamoDB in moto instead")
    arguments = parser.parse_args()
    if arguments.dynamodb:
        with dynamo_store() as store:
            run("DynamoDB (moto, in process)", store, arguments.meetups or 5_000, arguments.runs)
        return
    with sqlite_store() as store:
        run("SQLite (WAL, one file)", store, arguments.meetups or 20_000, arguments.runs)


if __name__ == "__main__":
    main()
