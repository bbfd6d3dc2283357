"""moto's server made fit for the suite: fast enough for tables of thousands of items, and
one DynamoDB request at a time, as DynamoDB isolates each.

moto (5.2) deep-copies the whole table, its stream records included, once for every item
of a transaction (its rollback copy), ~70 µs per stored item each time: one 100-item
transaction on a table of 3,000 items takes about 20 s, past a function's timeout. The
copies are all taken before the first write, of the same state, so one per table is the
same rollback; requests and answers are unchanged. The stream's records, which outnumber the
items as the suite writes on, are kept in a list copied without them.

moto also keeps a table in plain dicts: a transaction deep-copies the table for its rollback
while other requests change it (a 500: "dictionary changed size during iteration"), and a
cancelled one puts that copy back over what others wrote meanwhile (an edit answered 200 is
lost). The runtime's functions run side by side, so its server handles one DynamoDB (or
Streams) request at a time.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from types import SimpleNamespace
from typing import Any
from unittest.mock import patch


@contextmanager
def one_rollback_copy_per_table() -> Iterator[None]:
    """While open, moto copies each table once per transaction, not once per item."""
    # moto's internals, for this patch only.
    from moto.dynamodb import models  # noqa: PLC0415
    from moto.dynamodb.models.table import Table  # noqa: PLC0415

    transact_write_items = models.DynamoDBBackend.transact_write_items

    def copying_each_table_once(backend: Any, transact_items: list[dict[str, Any]]) -> None:
        copies: dict[int, Any] = {}

        def deepcopy(value: Any, memo: Any = None) -> Any:
            if not isinstance(value, Table):
                return copy.deepcopy(value, memo)
            if id(value) not in copies:
                memo = {} if memo is None else memo
                shard = value.stream_shard
                if shard is not None:
                    # Stream records are only ever appended, never changed: a rollback needs
                    # the list as it was, not copies of every record the suite has made.
                    memo[id(shard.items)] = list(shard.items)
                copies[id(value)] = copy.deepcopy(value, memo)
            return copies[id(value)]

        with patch.object(models, "copy", SimpleNamespace(deepcopy=deepcopy)):
            transact_write_items(backend, transact_items)

    with patch.object(models.DynamoDBBackend, "transact_write_items", copying_each_table_once):
        yield


@contextmanager
def one_dynamodb_request_at_a_time() -> Iterator[None]:
    """While open, moto's DynamoDB and DynamoDB Streams handle one request at a time."""
    # moto's internals, for this patch only.
    from moto.dynamodb.responses import DynamoHandler  # noqa: PLC0415
    from moto.dynamodbstreams.responses import DynamoDBStreamsHandler  # noqa: PLC0415

    lock = threading.Lock()

    def one_at_a_time(action: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def call_action(handler: Any) -> Any:
            with lock:
                return action(handler)

        return call_action

    with ExitStack() as patches:
        for handler in (DynamoHandler, DynamoDBStreamsHandler):
            wrapped = one_at_a_time(handler.call_action)
            patches.enter_context(patch.object(handler, "call_action", wrapped))
        yield
