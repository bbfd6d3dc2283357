"""Per-operation latency of the item store on each adapter: SQLite, and DynamoDB on moto.

Run: .venv/bin/python bench/store_ops.py [--n 2000]
Prints median and p99 microseconds per operation, and operations per second, for the
operations the product's requests are made of. moto runs in process, so its figures show
the adapter's own cost plus moto's, not the network's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import boto3
from moto import mock_aws

from slsplay.adapters.aws.dynamo_store import DynamoItemStore
from slsplay.adapters.aws.provision import create_table
from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.domain.invitations import Answer
from slsplay.local.template import load_template, table_properties
from slsplay.ports import ItemStore, Key
from slsplay.services import answers, meetups, views
from slsplay.services.bundles import StoreAndClock
from slsplay.store.schema import TABLE

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.meetups import signed_up

START = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)


class FixedClock:
    def now(self) -> datetime:
        return START


@contextmanager
def sqlite_store() -> Iterator[ItemStore]:
    with tempfile.TemporaryDirectory() as directory:
        store = SqliteItemStore(Path(directory) / "bench.db", TABLE)
        yield store
        store.close()


@contextmanager
def dynamo_store() -> Iterator[ItemStore]:
    os.environ.update(
        AWS_ACCESS_KEY_ID="x",
        AWS_SECRET_ACCESS_KEY="x",
        AWS_DEFAULT_REGION="eu-west-1",
        AWS_ACCOUNT_ID_ENDPOINT_MODE="disabled",
    )
    with mock_aws():
        create_table(boto3.client("dynamodb"), "bench", table_properties(load_template()))
        yield DynamoItemStore("bench", TABLE, boto3.client)


def measure(n: int, operation: Callable[[int], object]) -> tuple[float, float, float]:
    samples = []
    for i in range(n):
        start = time.perf_counter()
        operation(i)
        samples.append(time.perf_counter() - start)
    samples.sort()
    median = statistics.median(samples) * 1e6
    p99 = samples[int(len(samples) * 0.99) - 1] * 1e6
    return median, p99, n / sum(samples)


def run(name: str, store: ItemStore, n: int) -> None:
    clock = FixedClock()
    values = {
        "title": "Bench",
        "starts_at": START + timedelta(days=3),
        "timezone": "UTC",
        "duration_minutes": 60,
        "join_url": "https://meet.example.com/b",
        "capacity": n * 2,
    }
    meetup_id = meetups.plan_meetup(StoreAndClock(store, clock), "org", values).meetup.id
    emails = [{"email": f"p{i}@example.com"} for i in range(n)]
    for start in range(0, n, 500):
        meetups.invite_people(
            StoreAndClock(store, clock), "org", meetup_id, emails[start : start + 500]
        )
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, "org"), meetup_id)

    rows = {
        "put (new item)": lambda i: store.put_new({"pk": f"B#{i}", "sk": "X", "v": i}),
        "get": lambda i: store.get(Key(f"B#{i}", "X")),
        "meetup + counts (query)": lambda i: views.view_meetup(
            StoreAndClock(store, clock), meetup_id, "org"
        ),
        "page of 50 invitations": lambda i: store.query(f"MEETUP#{meetup_id}", limit=50),
        "answer (3-item transaction)": lambda i: answers.answer_invitation(
            StoreAndClock(store, clock), meetup_id, f"p{i}@example.com", Answer.ATTENDING
        ),
        "change feed, 100 records": lambda i: store.changes(limit=100),
    }
    print(f"\n{name} (n={n})")
    print(f"  {'operation':<30} {'median µs':>10} {'p99 µs':>10} {'ops/s':>10}")
    for label, operation in rows.items():
        median, p99, rate = measure(n, operation)
        print(f"  {label:<30} {median:>10.0f} {p99:>10.0f} {rate:>10.0f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000, help="operations of each kind")
    n = parser.parse_args().n
    with sqlite_store() as store:
        run("SQLite (WAL, one file)", store, n)
    with dynamo_store() as store:
        run("DynamoDB (moto, in process)", store, n)


if __name__ == "__main__":
    main()
