"""The item store on SQLite: the embedded default, one WAL-mode file in the data directory.

It reproduces DynamoDB's semantics where the product depends on them: conditions evaluated
against the state before a transaction, upserting updates, sparse indexes (an item is in an
index only when it has both of the index's key attributes), byte-ordered sort keys, and a
change record written in the same transaction as the change (an outbox the local runtime
turns into DynamoDB Streams records). A write that changes nothing writes no record, as
DynamoDB Streams do.

It is also the table's time to live: ``delete_expired`` does what DynamoDB's TTL process
does in the background (the local runtime's ``TtlSweeper`` calls it every minute). Expiring
items are found through an index on their TTL attribute, not by reading the table.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from slsplay.adapters.cursors import decode_cursor, encode_cursor
from slsplay.adapters.local.sqlite_file import SqliteFile
from slsplay.ports import (
    PK,
    SK,
    AllOf,
    Change,
    ChangeBatch,
    ChangeKind,
    Check,
    Condition,
    ConditionFailed,
    Delete,
    Equals,
    Exists,
    Item,
    ItemStore,
    Key,
    LessThan,
    NotExists,
    Page,
    Put,
    SortKeyRange,
    TableSchema,
    TransactionOp,
    Update,
    Write,
    correlated,
    key_of,
)

# The attribute slsplay's expiring items carry (epoch seconds; see store/sessions.py).
TTL_ATTRIBUTE = "ttl"
# DynamoDB's TTL process ignores an expiry time more than five years in the past.
TTL_HORIZON = timedelta(days=5 * 365)
# The TTL attribute names the table can index: they go into an index name and a JSON path.
INDEXABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class SqliteItemStore(ItemStore):
    """The table in one SQLite file; safe to share between threads."""

    def __init__(self, path: str | Path, schema: TableSchema) -> None:
        self.schema = schema
        self._file = SqliteFile(path)
        self._connection = self._file.connection
        self._writing = self._file.writing
        self._index_columns = [(i.partition_key, i.sort_key) for i in schema.indexes]
        self._create_tables()

    def close(self) -> None:
        """Close every connection this store opened."""
        self._file.close()

    def _create_tables(self) -> None:
        with self._writing() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS items ("
                " pk TEXT NOT NULL, sk TEXT NOT NULL, body TEXT NOT NULL,"
                " PRIMARY KEY (pk, sk)) WITHOUT ROWID"
            )
            conn.execute(
                "CREATE TABLE IF NOT EXISTS changes ("
                " seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,"
                " pk TEXT NOT NULL, sk TEXT NOT NULL, old_image TEXT, new_image TEXT,"
                " at TEXT NOT NULL, expired INTEGER NOT NULL DEFAULT 0)"
            )
            if "expired" not in {row[1] for row in conn.execute("PRAGMA table_info(changes)")}:
                # A change feed written before time to live was emulated.
                conn.execute("ALTER TABLE changes ADD COLUMN expired INTEGER NOT NULL DEFAULT 0")
            _index_expiry(conn, TTL_ATTRIBUTE)
            # An index added to the schema later becomes two new columns, filled from the
            # items already stored, so that an existing data directory keeps working.
            columns = {row[1] for row in conn.execute("PRAGMA table_info(items)")}
            for index, (hash_key, range_key) in zip(
                self.schema.indexes, self._index_columns, strict=True
            ):
                if hash_key not in columns or range_key not in columns:
                    for column in {hash_key, range_key} - columns:
                        conn.execute(f"ALTER TABLE items ADD COLUMN {column} TEXT")
                    conn.execute(
                        f"UPDATE items SET {hash_key} = json_extract(body, '$.{hash_key}'),"
                        f" {range_key} = json_extract(body, '$.{range_key}')"
                        f" WHERE json_type(body, '$.{hash_key}') = 'text'"
                        f" AND json_type(body, '$.{range_key}') = 'text'"
                    )
                conn.execute(
                    f"CREATE INDEX IF NOT EXISTS items_{index.name}"
                    f" ON items ({hash_key}, {range_key}, pk, sk) WHERE {hash_key} IS NOT NULL"
                )

    # -- reads ------------------------------------------------------------------------------

    def get(self, key: Key) -> Item | None:
        """The item with that key, or ``None``."""
        return self._read(self._connection(), key)

    def _get_many(self, keys: list[Key]) -> dict[Key, Item]:
        """The items that exist among ``keys``, read in one statement: a join on the key list,
        so that each is a primary-key lookup (``(pk, sk) IN (VALUES ...)`` scans the table)."""
        rows = (
            self._connection()
            .execute(
                "SELECT i.pk, i.sk, i.body FROM (VALUES "
                + ", ".join("(?, ?)" for _ in keys)
                + ") AS wanted JOIN items AS i"
                " ON i.pk = wanted.column1 AND i.sk = wanted.column2",
                [part for key in keys for part in (key.pk, key.sk)],
            )
            .fetchall()
        )
        return {Key(pk, sk): _loads(body) for pk, sk, body in rows}

    @staticmethod
    def _read(conn: sqlite3.Connection, key: Key) -> Item | None:
        row = conn.execute(
            "SELECT body FROM items WHERE pk = ? AND sk = ?", (key.pk, key.sk)
        ).fetchone()
        return None if row is None else _loads(row[0])

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
        hash_col, range_col = (PK, SK) if index is None else self._columns(index)
        order = [range_col] if index is None else [range_col, PK, SK]
        where, params = [f"{hash_col} = ?"], [partition]
        if range_.prefix is not None:
            where.append(f"{range_col} >= ? AND {range_col} < ?")
            params += [range_.prefix, _after_prefix(range_.prefix)]
        if range_.between is not None:
            where.append(f"{range_col} BETWEEN ? AND ?")
            params += list(range_.between)
        attributes = self.schema.key_attributes(index)
        if cursor is not None:
            start = decode_cursor(cursor, attributes, hash_col, partition)
            where.append(
                f"({', '.join(order)}) {'<' if descending else '>'} ({', '.join('?' * len(order))})"
            )
            params += [start[column] for column in order]
        direction = " DESC" if descending else ""
        sql = (
            f"SELECT body FROM items WHERE {' AND '.join(where)}"
            f" ORDER BY {', '.join(c + direction for c in order)} LIMIT ?"
        )
        rows = self._connection().execute(sql, [*params, limit + 1]).fetchall()
        items = [_loads(row[0]) for row in rows[:limit]]
        more = len(rows) > limit
        return Page(items, encode_cursor(items[-1], attributes) if more else None)

    def _columns(self, index: str) -> tuple[str, str]:
        spec = self.schema.index(index)
        return spec.partition_key, spec.sort_key

    def changes(self, after: str | None = None, limit: int = 100) -> ChangeBatch:
        """Committed changes in commit order, after the position given."""
        start = int(after) if after else 0
        rows = (
            self._connection()
            .execute(
                "SELECT seq, kind, pk, sk, old_image, new_image, at, expired FROM changes"
                " WHERE seq > ? ORDER BY seq LIMIT ?",
                (start, limit),
            )
            .fetchall()
        )
        changes = [
            Change(
                position=str(seq),
                kind=kind,
                key=Key(pk, sk),
                old_image=_loads(old) if old else None,
                new_image=_loads(new) if new else None,
                at=datetime.fromisoformat(at),
                expired=bool(expired),
            )
            for seq, kind, pk, sk, old, new, at, expired in rows
        ]
        return ChangeBatch(changes, changes[-1].position if changes else after)

    # -- time to live -----------------------------------------------------------------------

    @staticmethod
    def can_expire_by(attribute: str) -> bool:
        """Whether items can expire by ``attribute``: it must go into an index name."""
        return bool(INDEXABLE_NAME.fullmatch(attribute))

    def delete_expired(self, before: datetime, limit: int, attribute: str = TTL_ATTRIBUTE) -> int:
        """Delete up to ``limit`` expired items, the earliest expiry first; answers how many.

        An item expired when its ``attribute`` is a number of epoch seconds earlier than
        ``before`` (and not more than ``TTL_HORIZON`` earlier); an item without it, or with
        any other type of value, never expires, as in DynamoDB. Each deletion is a REMOVE in
        the change feed marked ``expired``, as DynamoDB Streams mark TTL deletions.
        """
        latest = before.timestamp()
        earliest = (before - TTL_HORIZON).timestamp()
        expiry, numeric = _expiry(attribute)
        with self._writing() as conn:
            _index_expiry(conn, attribute)  # a no-op but for an attribute other than ``ttl``
            rows = conn.execute(
                f"SELECT pk, sk, body FROM items WHERE {numeric}"
                f" AND {expiry} < ? AND {expiry} >= ? ORDER BY {expiry}, pk, sk LIMIT ?",
                (latest, earliest, limit),
            ).fetchall()
            for pk, sk, body in rows:
                conn.execute("DELETE FROM items WHERE pk = ? AND sk = ?", (pk, sk))
                self._record(conn, "REMOVE", Key(pk, sk), _loads(body), None, expired=True)
        return len(rows)

    # -- writes -----------------------------------------------------------------------------

    def write(self, op: Write) -> None:
        """One conditional write, in its own transaction."""
        self._transact([op])

    def _transact(self, ops: Sequence[TransactionOp]) -> None:
        with self._writing() as conn:
            before = [self._read(conn, key_of(op)) for op in ops]
            failed = tuple(
                i
                for i, (op, item) in enumerate(zip(ops, before, strict=True))
                if op.condition is not None and not _holds(op.condition, item)
            )
            if failed:
                raise ConditionFailed(failed)
            for op, old in zip(ops, before, strict=True):
                self._apply(conn, op, old)

    def _apply(self, conn: sqlite3.Connection, op: TransactionOp, old: Item | None) -> None:
        if isinstance(op, Check):
            return
        op = correlated(op)
        key = key_of(op)
        new: Item | None
        if isinstance(op, Put):
            new = dict(op.item)
        elif isinstance(op, Update):
            new = _updated(old, op)
        else:
            assert isinstance(op, Delete)
            new = None
        if new == old:
            return
        if new is None:
            conn.execute("DELETE FROM items WHERE pk = ? AND sk = ?", (key.pk, key.sk))
        else:
            columns = [PK, SK, "body"]
            values: list[Any] = [key.pk, key.sk, _dumps(new)]
            for hash_key, range_key in self._index_columns:
                indexed = isinstance(new.get(hash_key), str) and isinstance(new.get(range_key), str)
                columns += [hash_key, range_key]
                values += [new[hash_key], new[range_key]] if indexed else [None, None]
            conn.execute(
                f"INSERT OR REPLACE INTO items ({', '.join(columns)})"
                f" VALUES ({', '.join('?' * len(columns))})",
                values,
            )
        kind: ChangeKind = "INSERT" if old is None else "REMOVE" if new is None else "MODIFY"
        self._record(conn, kind, key, old, new)

    @staticmethod
    def _record(
        conn: sqlite3.Connection,
        kind: ChangeKind,
        key: Key,
        old: Item | None,
        new: Item | None,
        *,
        expired: bool = False,
    ) -> None:
        """Add a change to the feed, in the transaction of the change itself."""
        conn.execute(
            "INSERT INTO changes (kind, pk, sk, old_image, new_image, at, expired)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                kind,
                key.pk,
                key.sk,
                None if old is None else _dumps(old),
                None if new is None else _dumps(new),
                datetime.now(UTC).isoformat(),
                int(expired),
            ),
        )


def _expiry(attribute: str) -> tuple[str, str]:
    """The SQL of an item's expiry time, and the condition that it is a number."""
    if not INDEXABLE_NAME.fullmatch(attribute):
        raise ValueError(f"unsupported time-to-live attribute name {attribute!r}")
    # JSON true reads as 1 through json_extract; only a JSON number is a DynamoDB number.
    return (
        f"json_extract(body, '$.{attribute}')",
        f"json_type(body, '$.{attribute}') IN ('integer', 'real')",
    )


def _index_expiry(conn: sqlite3.Connection, attribute: str) -> None:
    """The index the TTL deleter reads: items whose ``attribute`` is a number, by its value."""
    expiry, numeric = _expiry(attribute)
    conn.execute(
        f"CREATE INDEX IF NOT EXISTS items_expiry_{attribute} ON items ({expiry}) WHERE {numeric}"
    )


def _updated(old: Item | None, op: Update) -> Item:
    item: Item = dict(old) if old is not None else {PK: op.key.pk, SK: op.key.sk}
    item.update(op.set)
    for name, amount in op.add.items():
        current = item.get(name, 0)
        if type(current) is not int:
            raise TypeError(f"cannot add to the non-number attribute {name!r}")
        item[name] = current + amount
    for name in op.remove:
        item.pop(name, None)
    return item


def _holds(condition: Condition, item: Item | None) -> bool:
    """Evaluate a condition as DynamoDB does: a missing attribute compares false."""
    if isinstance(condition, Exists):
        return item is not None
    if isinstance(condition, NotExists):
        return item is None
    if isinstance(condition, AllOf):
        return all(_holds(c, item) for c in condition.conditions)
    if item is None or condition.attribute not in item:
        return False
    value = item[condition.attribute]
    if type(value) is not type(condition.value):
        return False
    if isinstance(condition, Equals):
        return bool(value == condition.value)
    assert isinstance(condition, LessThan)
    if isinstance(value, str):
        return value.encode() < str(condition.value).encode()
    return bool(int(value) < int(condition.value))


def _after_prefix(prefix: str) -> str:
    """The smallest string greater than every string that starts with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _dumps(item: Item) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _loads(text: str) -> Item:
    item: Item = json.loads(text)
    return item
