"""Queues with SQS's semantics in one SQLite file: the local runtime's stand-in for SQS.

Each template queue is a name in one table. Delivery is at least once: a receive hides the
messages it hands out for a visibility timeout and counts the receive; only a delete by the
latest receipt handle removes a message, so a consumer that dies between receive and delete
loses nothing (the message shows again when its timeout ends). A message received more
often than its queue's redrive policy allows moves to the dead-letter queue instead, in the
same transaction, as SQS does. Every state is a committed row in WAL mode, so the runtime's
pumps and a CLI in another process can use the same queues at once.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import sqlite3
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from slsplay.adapters.clock import SystemClock
from slsplay.adapters.local.sqlite_file import SqliteFile
from slsplay.adapters.queue_limits import (
    check_batch,
    check_send_batch,
    check_timeout,
)
from slsplay.ports import Clock, Queue, QueueMessage, with_correlation

DEFAULT_VISIBILITY_TIMEOUT = 30


class SqliteQueues:
    """Any number of named queues in one SQLite file; safe across threads and processes."""

    def __init__(self, path: str | Path, clock: Clock | None = None) -> None:
        self._file = SqliteFile(path)
        self._clock: Clock = clock or SystemClock()
        self._create_tables()

    def queue(
        self,
        name: str,
        *,
        dead_letter: SqliteQueue | None = None,
        max_receive_count: int | None = None,
        visibility_timeout: int = DEFAULT_VISIBILITY_TIMEOUT,
    ) -> SqliteQueue:
        """The queue called ``name``, with its redrive policy and default visibility timeout."""
        return SqliteQueue(
            self,
            name,
            dead_letter=dead_letter,
            max_receive_count=max_receive_count,
            visibility_timeout=visibility_timeout,
        )

    def close(self) -> None:
        """Close every connection these queues opened."""
        self._file.close()

    # -- for SqliteQueue ----------------------------------------------------------------------

    def now_ms(self) -> int:
        """The clock's instant in milliseconds since the epoch, SQS's unit for times."""
        return int(self._clock.now().timestamp() * 1000)

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        return self._file.connection()

    def writing(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A write transaction that holds the file's write lock from its start, so that two
        receivers can never both deliver a message they both read as visible."""
        return self._file.writing()

    def _create_tables(self) -> None:
        with self.writing() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS queue_messages ("
                " seq INTEGER PRIMARY KEY,"
                " queue TEXT NOT NULL,"
                " message_id TEXT NOT NULL,"
                " body TEXT NOT NULL,"
                " attributes TEXT NOT NULL,"
                " sent_at INTEGER NOT NULL,"
                " visible_at INTEGER NOT NULL,"
                " receive_count INTEGER NOT NULL DEFAULT 0,"
                " first_received_at INTEGER,"
                " receipt_handle TEXT)"
            )
            # Receives walk a queue in send order, skipping the few messages in flight.
            conn.execute(
                "CREATE INDEX IF NOT EXISTS queue_messages_order ON queue_messages (queue, seq)"
            )
            conn.execute(
                "CREATE INDEX IF NOT EXISTS queue_messages_receipt"
                " ON queue_messages (receipt_handle) WHERE receipt_handle IS NOT NULL"
            )


class SqliteQueue(Queue):
    """One named queue of a ``SqliteQueues`` file, with its redrive policy."""

    queues: SqliteQueues
    name: str
    dead_letter: SqliteQueue | None
    max_receive_count: int | None
    visibility_timeout: int

    def __init__(
        self,
        queues: SqliteQueues,
        name: str,
        *,
        dead_letter: SqliteQueue | None = None,
        max_receive_count: int | None = None,
        visibility_timeout: int = DEFAULT_VISIBILITY_TIMEOUT,
    ) -> None:
        if (dead_letter is None) != (max_receive_count is None):
            raise ValueError("a redrive policy takes both a dead-letter queue and a count")
        if max_receive_count is not None and max_receive_count < 1:
            raise ValueError("max_receive_count must be at least 1")
        if dead_letter is not None and (
            dead_letter.queues is not queues or dead_letter.name == name
        ):
            raise ValueError("the dead-letter queue must be another queue of the same file")
        check_timeout(visibility_timeout)
        self.queues = queues
        self.name = name
        self.dead_letter = dead_letter
        self.max_receive_count = max_receive_count
        self.visibility_timeout = visibility_timeout

    def __repr__(self) -> str:
        return f"SqliteQueue({self.name!r})"

    def send(self, body: str, attributes: Mapping[str, str] | None = None) -> str:
        """Store a message durably; answers its fresh id."""
        [message_id] = self.send_batch([(body, dict(attributes or {}))])
        return message_id

    def send_batch(self, messages: Sequence[tuple[str, Mapping[str, str]]]) -> list[str]:
        """Store up to 10 messages in one transaction; answers their fresh ids."""
        messages = [(body, with_correlation(attributes)) for body, attributes in messages]
        check_send_batch(messages)
        ids = [str(uuid.uuid4()) for _ in messages]
        now = self.queues.now_ms()
        with self.queues.writing() as conn:
            conn.executemany(
                "INSERT INTO queue_messages"
                " (queue, message_id, body, attributes, sent_at, visible_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (self.name, message_id, body, json.dumps(dict(attributes)), now, now)
                    for message_id, (body, attributes) in zip(ids, messages, strict=True)
                ],
            )
        return ids

    def receive(
        self, max_messages: int = 10, visibility_timeout: int | None = None
    ) -> list[QueueMessage]:
        """Claim up to ``max_messages`` visible messages, oldest first, in one transaction."""
        check_batch(max_messages)
        timeout = self.visibility_timeout if visibility_timeout is None else visibility_timeout
        check_timeout(timeout)
        delivered: list[QueueMessage] = []
        with self.queues.writing() as conn:
            now = self.queues.now_ms()
            # A cursor over seq, so that a message delivered with timeout 0 (still visible)
            # is not handed out twice in one batch, and dead letters do not use up the batch.
            after = 0
            while len(delivered) < max_messages:
                rows = conn.execute(
                    "SELECT seq, message_id, body, attributes, sent_at, receive_count,"
                    " first_received_at FROM queue_messages"
                    " WHERE queue = ? AND seq > ? AND visible_at <= ? ORDER BY seq LIMIT ?",
                    (self.name, after, now, max_messages - len(delivered)),
                ).fetchall()
                if not rows:
                    break
                for seq, message_id, body, attributes, sent_at, count, first_seen in rows:
                    after = seq
                    if self.max_receive_count is not None and count >= self.max_receive_count:
                        assert self.dead_letter is not None  # the two come together
                        # SQS keeps the receive count and the sent time of a dead letter.
                        _move(conn, seq, self.dead_letter.name, now, reset=False)
                        continue
                    handle = secrets.token_urlsafe(24)
                    first = first_seen or now
                    conn.execute(
                        "UPDATE queue_messages SET receive_count = ?, first_received_at = ?,"
                        " visible_at = ?, receipt_handle = ? WHERE seq = ?",
                        (count + 1, first, now + timeout * 1000, handle, seq),
                    )
                    delivered.append(
                        _message(
                            message_id=message_id,
                            receipt_handle=handle,
                            body=body,
                            attributes=attributes,
                            receive_count=count + 1,
                            sent_at=sent_at,
                            first_received_at=first,
                        )
                    )
        return delivered

    def delete(self, receipt_handle: str) -> None:
        """Remove the message of the latest delivery; an older or unknown handle does nothing."""
        with self.queues.writing() as conn:
            conn.execute(
                "DELETE FROM queue_messages WHERE receipt_handle = ? AND queue = ?",
                (receipt_handle, self.name),
            )

    def change_visibility(self, receipt_handle: str, timeout: int) -> None:
        """Hide the message of the latest delivery for ``timeout`` seconds from now."""
        check_timeout(timeout)
        with self.queues.writing() as conn:
            conn.execute(
                "UPDATE queue_messages SET visible_at = ? WHERE receipt_handle = ? AND queue = ?",
                (self.queues.now_ms() + timeout * 1000, receipt_handle, self.name),
            )

    def dead_letters(self, limit: int = 10) -> list[QueueMessage]:
        """The oldest ``limit`` messages, read without receiving them."""
        rows = (
            self.queues.connection()
            .execute(
                "SELECT receipt_handle, message_id, body, attributes, sent_at, receive_count,"
                " first_received_at FROM queue_messages"
                " WHERE queue = ? ORDER BY seq LIMIT ?",
                (self.name, limit),
            )
            .fetchall()
        )
        return [
            _message(
                message_id=message_id,
                receipt_handle=handle or "",
                body=body,
                attributes=attributes,
                receive_count=count,
                sent_at=sent_at,
                # A message sent straight to this queue may never have been received.
                first_received_at=first or sent_at,
            )
            for handle, message_id, body, attributes, sent_at, count, first in rows
        ]

    def redrive(self, to: Queue) -> int:
        """Move every message to ``to`` in one transaction, as if sent anew but with its id."""
        if not isinstance(to, SqliteQueue) or to.queues is not self.queues:
            raise TypeError("a SQLite queue redrives to another queue of the same file")
        with self.queues.writing() as conn:
            now = self.queues.now_ms()
            seqs = [
                seq
                for (seq,) in conn.execute(
                    "SELECT seq FROM queue_messages WHERE queue = ? ORDER BY seq", (self.name,)
                )
            ]
            for seq in seqs:
                _move(conn, seq, to.name, now, reset=True)
        return len(seqs)

    def approximate_count(self) -> int:
        """Messages waiting or in flight (exact here)."""
        (count,) = (
            self.queues.connection()
            .execute("SELECT count(*) FROM queue_messages WHERE queue = ?", (self.name,))
            .fetchone()
        )
        return int(count)


def _move(conn: sqlite3.Connection, seq: int, queue: str, now: int, *, reset: bool) -> None:
    """Put a message at the back of ``queue``, visible now; no old receipt handle works on it."""
    conn.execute(
        "INSERT INTO queue_messages (queue, message_id, body, attributes, sent_at, visible_at,"
        " receive_count, first_received_at)"
        " SELECT ?, message_id, body, attributes, sent_at, ?,"
        " CASE WHEN ? THEN 0 ELSE receive_count END,"
        " CASE WHEN ? THEN NULL ELSE first_received_at END"
        " FROM queue_messages WHERE seq = ?",
        (queue, now, reset, reset, seq),
    )
    conn.execute("DELETE FROM queue_messages WHERE seq = ?", (seq,))


def _message(
    *,
    message_id: str,
    receipt_handle: str,
    body: str,
    attributes: str,
    receive_count: int,
    sent_at: int,
    first_received_at: int,
) -> QueueMessage:
    return QueueMessage(
        message_id=message_id,
        receipt_handle=receipt_handle,
        body=body,
        receive_count=receive_count,
        sent_at=_instant(sent_at),
        first_received_at=_instant(first_received_at),
        attributes=json.loads(attributes),
    )


def _instant(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)
