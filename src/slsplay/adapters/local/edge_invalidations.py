"""The local edge cache's invalidations, in SQLite: what the functions ask to forget, read by
the local runtime's emulated CloudFront in front of the API.

The consumer that invalidates runs in its own execution environment (a process), the
emulation in the server's: a table in the data directory joins them, as CloudFront's
invalidation list joins a function and the edge. Each batch is one row, numbered in order.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path

from slsplay.adapters.local.sqlite_file import SqliteFile


class SqliteEdgeInvalidations:
    """Invalidation batches, in order: the functions' ``EdgeCache``, the runtime's feed."""

    def __init__(self, path: str | Path) -> None:
        self._file = SqliteFile(path)
        with self._file.writing() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS edge_invalidations"
                " (id INTEGER PRIMARY KEY AUTOINCREMENT, paths TEXT NOT NULL, created REAL)"
            )

    def invalidate(self, paths: Sequence[str]) -> None:
        """Ask the edge to forget ``paths`` (one batch)."""
        with self._file.writing() as conn:
            conn.execute(
                "INSERT INTO edge_invalidations (paths, created) VALUES (?, ?)",
                (json.dumps(list(paths)), time.time()),
            )

    def since(self, position: int) -> tuple[list[list[str]], int]:
        """The batches after ``position`` (0: all), and the position after them."""
        rows = (
            self._file.connection()
            .execute(
                "SELECT id, paths FROM edge_invalidations WHERE id > ? ORDER BY id", (position,)
            )
            .fetchall()
        )
        if not rows:
            return [], position
        return [json.loads(paths) for _, paths in rows], int(rows[-1][0])

    def close(self) -> None:
        """Close the file's connections."""
        self._file.close()
