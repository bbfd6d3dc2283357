"""Every test in this folder runs once per ItemStore adapter: SQLite, and DynamoDB on moto."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from moto import mock_aws

from slsplay.adapters.aws.dynamo_store import DynamoItemStore
from slsplay.adapters.aws.provision import create_queue_pair, create_table
from slsplay.adapters.aws.sqs_queue import SqsQueue
from slsplay.adapters.local.sqlite_queue import SqliteQueues
from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.local.template import load_template, table_properties
from slsplay.ports import ItemStore, Queue
from slsplay.store.schema import TABLE
from tests.support.clock import FakeClock
from tests.support.moto_speed import one_dynamodb_request_at_a_time

REGION = "eu-west-1"


@pytest.fixture
def aws_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fake credentials, so nothing can reach a real account."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": REGION,
        # moto's in-process Streams do not know botocore's account-id endpoints.
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
    }.items():
        monkeypatch.setenv(name, value)


@pytest.fixture(params=["sqlite", "dynamodb"])
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ItemStore]:
    """The adapter under test, on an empty table."""
    if request.param == "sqlite":
        sqlite = SqliteItemStore(tmp_path_factory.mktemp("data") / "slsplay.db", TABLE)
        yield sqlite
        sqlite.close()
        return
    request.getfixturevalue("aws_credentials")
    # DynamoDB isolates each request; moto does only when told to (threads race in tests).
    with mock_aws(), one_dynamodb_request_at_a_time():
        create_table(
            boto3.client("dynamodb", region_name=REGION),
            "slsplay-test",
            table_properties(load_template()),
        )
        yield DynamoItemStore(
            "slsplay-test", TABLE, lambda service: boto3.client(service, region_name=REGION)
        )


# -- queues ---------------------------------------------------------------------------------

QUEUE_MAX_RECEIVE_COUNT = 3


@dataclass
class QueuePairUnderTest:
    """A queue whose redrive policy points to ``dead_letter``, on one adapter."""

    queue: Queue
    dead_letter: Queue
    # SQLite moves its fake clock on; on SQS real time passes while the test polls.
    let_time_pass: Callable[[int], None]
    # SQS's standard queues deliver in roughly, not strictly, the order sent.
    strict_order: bool


@pytest.fixture(params=["sqlite", "sqs"])
def queues(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[QueuePairUnderTest]:
    """An empty queue and its dead-letter queue, redriven after 3 receives."""
    if request.param == "sqlite":
        clock = FakeClock(datetime.now(UTC))
        files = SqliteQueues(tmp_path_factory.mktemp("data") / "queues.db", clock)
        dead_letter = files.queue("work-dlq")
        queue = files.queue(
            "work", dead_letter=dead_letter, max_receive_count=QUEUE_MAX_RECEIVE_COUNT
        )
        yield QueuePairUnderTest(
            queue, dead_letter, lambda seconds: clock.advance(seconds=seconds), strict_order=True
        )
        files.close()
        return
    request.getfixturevalue("aws_credentials")
    with mock_aws():
        urls = create_queue_pair(
            boto3.client("sqs", region_name=REGION), "work", QUEUE_MAX_RECEIVE_COUNT
        )

        def client(service: str) -> Any:
            return boto3.client(service, region_name=REGION)  # type: ignore[call-overload]

        yield QueuePairUnderTest(
            SqsQueue(urls.url, client),
            SqsQueue(urls.dead_letter_url, client),
            lambda seconds: None,
            strict_order=False,
        )


@pytest.fixture
def queue(queues: QueuePairUnderTest) -> Queue:
    """The adapter under test, on an empty queue with a dead-letter queue."""
    return queues.queue


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "on_one_store: the table index's own reasoning over a large corpus, run over the "
        "SQLite item store only",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The shared SearchIndex contract runs on the table's index over the SQLite item store;
    over DynamoDB (moto, about half a second a test) only what the table's index promises on
    its own (transactions, races, crashes, read budgets, time to live), less its tests over
    large corpora (``on_one_store``, a minute on moto). That both item stores behave alike
    is what test_item_store.py proves, on every operation the index uses; the shared suite
    on moto again would add two minutes to every run."""
    dropped = {
        item
        for item in items
        if isinstance(item, pytest.Function)
        and item.module is not None
        and item.module.__name__ == "tests.contract.test_table_search_index"
        and (
            item.function.__module__ == "tests.contract.test_search_index"
            or item.get_closest_marker("on_one_store") is not None
        )
        and "table-dynamodb" in item.nodeid
    }
    if dropped:
        config.hook.pytest_deselected(items=list(dropped))
        items[:] = [item for item in items if item not in dropped]
