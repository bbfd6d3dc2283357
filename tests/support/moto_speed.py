"""moto's TransactWriteItems, made fast enough for tables of thousands of items.

moto (5.2) deep-copies the whole table, its stream records included, once for every item
of a transaction (its rollback copy), ~70 µs per stored item each time: one 100-item
transaction on a table of 3,000 items takes about 20 s, past a function's timeout. The
copies are all taken before the first write, of the same state, so one per table is the
same rollback; requests and answers are unchanged.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
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
                copies[id(value)] = copy.deepcopy(value, memo)
            return copies[id(value)]

        with patch.object(models, "copy", SimpleNamespace(deepcopy=deepcopy)):
            transact_write_items(backend, transact_items)

    with patch.object(models.DynamoDBBackend, "transact_write_items", copying_each_table_once):
        yield
