"""The analytics history locally: Parquet files in the data directory, laid out as Firehose
lays them out on S3 (``events/dt=YYYY-MM-DD/<uuid>.parquet``), written and read with DuckDB.

Reads go through a view ``events`` over every file, with ``dt`` from the folder names (hive
partitioning), so a query written for Athena's table runs here as it is where the two
dialects agree. Old days are removed by ``expire``, as the bucket's lifecycle does.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from slsplay.domain.analytics import COLUMNS, PARTITION_COLUMN, AnalyticsRecord

if TYPE_CHECKING:
    import duckdb

EVENTS_DIR = "events"
# The Glue table's types as DuckDB names them; a timestamp is a UTC instant without zone,
# as Athena reads Firehose's Parquet.
DUCKDB_TYPES = {"string": "VARCHAR", "timestamp": "TIMESTAMP", "bigint": "BIGINT"}


def duckdb_columns() -> str:
    """The history's columns as a DuckDB column list: ``event_id VARCHAR, ...``."""
    return ", ".join(f"{name} {DUCKDB_TYPES[kind]}" for name, kind in COLUMNS)


# Built from the schema alone (no input reaches these statements).
# The types DuckDB reads a JSON line's values as, by column.
_JSON_COLUMNS = "columns = {" + ", ".join(f"'{n}': '{DUCKDB_TYPES[k]}'" for n, k in COLUMNS) + "}"
_CASTS = ", ".join(f"CAST({n} AS {DUCKDB_TYPES[k]}) AS {n}" for n, k in COLUMNS)
_NO_EVENTS = (
    f"CREATE VIEW events AS SELECT {_CASTS}, CAST(NULL AS VARCHAR) AS dt "  # noqa: S608
    f"FROM (SELECT {', '.join(f'NULL AS {n}' for n, _ in COLUMNS)}) WHERE false"
)


def _connect() -> duckdb.DuckDBPyConnection:
    # DuckDB (some 20 MB) is the local runtime's own: loaded only when the history is used.
    import duckdb  # noqa: PLC0415

    return duckdb.connect()


class ParquetHistory:
    """``AnalyticsHistory`` as Parquet files under ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._conn: duckdb.DuckDBPyConnection | None = None

    @property
    def events(self) -> Path:
        """The folder of the ``events`` table's partitions."""
        return self.directory / EVENTS_DIR

    def put(self, records: Sequence[AnalyticsRecord]) -> None:
        """Write the records as one new file per day they fall on."""
        by_day: dict[str, list[AnalyticsRecord]] = {}
        for record in records:
            by_day.setdefault(record.dt, []).append(record)
        conn = self._writer()
        for day, rows in by_day.items():
            folder = self.events / f"{PARTITION_COLUMN[0]}={day}"
            folder.mkdir(parents=True, exist_ok=True)
            name = uuid.uuid4().hex
            # The rows go to DuckDB as JSON lines (far quicker than binding each value), and
            # the file is written aside, then renamed: a reader never sees half a file.
            lines = folder / f".{name}.jsonl"
            partial = folder / f".{name}.partial"
            lines.write_text("".join(_json_line(r) for r in rows))
            try:
                conn.execute(
                    f"COPY (SELECT {_CASTS} FROM read_json('{_quoted(lines)}', "  # noqa: S608
                    f"format = 'newline_delimited', {_JSON_COLUMNS})) "
                    f"TO '{_quoted(partial)}' (FORMAT parquet)"
                )
            finally:
                lines.unlink()
            partial.rename(folder / f"{name}.parquet")

    def _writer(self) -> duckdb.DuckDBPyConnection:
        # One in-memory database for the writes of this process (an execution environment
        # handles one batch at a time).
        if self._conn is None:
            self._conn = _connect()
        return self._conn

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run ``sql`` over the view ``events``; answers the column names and the rows."""
        with _connect() as conn:
            self.define_events(conn)
            cursor = conn.execute(sql)
            names = [column[0] for column in cursor.description or []]
            return names, cursor.fetchall()

    def define_events(self, conn: duckdb.DuckDBPyConnection) -> None:
        """Create the view ``events`` over the files, typed by ``COLUMNS`` (an empty one
        with the same columns when no file is there yet)."""
        files = list(self.events.glob("dt=*/*.parquet"))
        if not files:
            conn.execute(_NO_EVENTS)
            return
        pattern = _quoted(self.events / "dt=*" / "*.parquet")
        # Names from the schema; the data directory's path, its quotes doubled.
        conn.execute(
            f"CREATE VIEW events AS SELECT {_CASTS}, CAST(dt AS VARCHAR) AS dt "  # noqa: S608
            f"FROM read_parquet('{pattern}', hive_partitioning = true, "
            "hive_types = {'dt': VARCHAR})"
        )

    def expire(self, before: date) -> int:
        """Remove the days before ``before`` (the retention's end); answers how many."""
        removed = 0
        for folder in sorted(self.events.glob("dt=*")):
            day = folder.name.removeprefix("dt=")
            if day < before.isoformat():
                shutil.rmtree(folder)
                removed += 1
        return removed


def _quoted(path: Path) -> str:
    """A path inside a SQL string literal (its quotes doubled)."""
    return str(path).replace("'", "''")


def _json_line(record: AnalyticsRecord) -> str:
    row = record.as_row()
    row["occurred_at"] = row["occurred_at"].replace(tzinfo=None).isoformat(sep=" ")  # UTC
    return json.dumps(row) + "\n"
