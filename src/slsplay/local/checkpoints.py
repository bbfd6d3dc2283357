"""Where the local runtime's pumps keep their place: durable, so a restart resumes there.

One small table in the data directory's queue file (``queues.db``): the stream pumps' last
delivered sequence number, the scheduler's next due times. A pump writes its checkpoint only
after the work it covers succeeded, so a crash in between repeats work, never skips it.
"""

from __future__ import annotations

from pathlib import Path

from slsplay.adapters.local.sqlite_file import SqliteFile


class Checkpoints:
    """Named string values in one SQLite file, each written in its own transaction."""

    def __init__(self, path: str | Path) -> None:
        self._file = SqliteFile(path)
        with self._file.writing() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS pump_checkpoints (name TEXT PRIMARY KEY, value TEXT)"
            )

    def get(self, name: str) -> str | None:
        """The value saved under ``name``, or ``None``."""
        row = (
            self._file.connection()
            .execute("SELECT value FROM pump_checkpoints WHERE name = ?", (name,))
            .fetchone()
        )
        return None if row is None else str(row[0])

    def put(self, name: str, value: str) -> None:
        """Save ``value`` under ``name``, durably."""
        with self._file.writing() as conn:
            conn.execute(
                "INSERT INTO pump_checkpoints (name, value) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

    def close(self) -> None:
        """Close the file's connections."""
        self._file.close()
