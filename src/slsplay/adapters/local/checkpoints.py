"""Where the local runtime's pumps keep their place, in SQLite: durable, so a restart resumes.

One small table in the data directory's queue file (``queues.db``): the stream pumps' last
delivered sequence number and how many times each record after it has failed, the
scheduler's next due times. A pump writes its checkpoint only after the work it covers
succeeded, so a crash in between repeats work, never skips it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from slsplay.adapters.local.sqlite_file import SqliteFile


class SqliteCheckpoints:
    """Named string values in one SQLite file; each call that writes is one transaction."""

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
        self.put_many({name: value})

    def put_many(self, values: Mapping[str, str | None]) -> None:
        """Save several values at once, in one transaction; ``None`` removes a name."""
        with self._file.writing() as conn:
            for name, value in values.items():
                if value is None:
                    conn.execute("DELETE FROM pump_checkpoints WHERE name = ?", (name,))
                else:
                    conn.execute(
                        "INSERT INTO pump_checkpoints (name, value) VALUES (?, ?)"
                        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                        (name, value),
                    )

    def close(self) -> None:
        """Close the file's connections."""
        self._file.close()
