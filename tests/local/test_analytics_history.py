"""The analytics history on the local runtime: Parquet files laid out as Firehose lays them
out on S3, read back by DuckDB with the schema the Glue table declares, and queried with
``slsplay analytics``."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from slsplay.adapters.local.parquet_history import DUCKDB_TYPES, ParquetHistory
from slsplay.cli import main
from slsplay.domain.analytics import COLUMNS, AnalyticsRecord

DAY = datetime(2030, 3, 4, 18, 30, tzinfo=UTC)


def record(n: int, kind: str, at: datetime = DAY, **fields: object) -> AnalyticsRecord:
    values: dict[str, object] = {
        "event_id": f"e{n}",
        "kind": kind,
        "occurred_at": at,
        "meetup_id": "M1",
        "organizer_id": "u1",
        "invitee": f"p{n % 3}",
        "detail": None,
        "amount_minor": None,
        "currency": None,
        **fields,
    }
    return AnalyticsRecord(**values)  # type: ignore[arg-type]


RECORDS = [
    record(1, "invitation_created"),
    record(2, "invitation_created"),
    record(3, "invitation_opened"),
    record(4, "ticket_sold", amount_minor=2500, currency="EUR"),
    record(5, "ticket_sold", DAY + timedelta(days=1), amount_minor=2500, currency="EUR"),
    record(6, "ticket_refunded", DAY + timedelta(days=1), amount_minor=2500, currency="EUR"),
]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data directory whose history holds ``RECORDS``, the first two put twice."""
    history = ParquetHistory(tmp_path / "analytics")
    history.put(RECORDS)
    history.put(RECORDS[:2])  # a retried batch: duplicates are harmless
    return tmp_path


def test_the_files_are_laid_out_by_day_and_read_with_the_glue_table_s_types(
    data_dir: Path,
) -> None:
    days = sorted(p.name for p in (data_dir / "analytics" / "events").iterdir())
    assert days == ["dt=2030-03-04", "dt=2030-03-05"]
    files = list((data_dir / "analytics" / "events" / "dt=2030-03-04").glob("*.parquet"))
    assert len(files) == 2

    # DuckDB alone, on one file: the columns Firehose writes from the Glue table.
    one_file = f"read_parquet('{files[0]}', hive_partitioning = false)"
    described = duckdb.sql(f"DESCRIBE SELECT * FROM {one_file}").fetchall()  # noqa: S608
    assert [(row[0], row[1]) for row in described] == [
        (name, DUCKDB_TYPES[kind]) for name, kind in COLUMNS
    ]


def test_analytics_query_answers_a_group_by_over_the_files(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql = "SELECT kind, count(DISTINCT event_id) AS events FROM events GROUP BY kind ORDER BY kind"
    assert main(["--data-dir", str(data_dir), "analytics", "query", sql, "--format", "json"]) == 0

    assert json.loads(capsys.readouterr().out) == [
        {"kind": "invitation_created", "events": 2},
        {"kind": "invitation_opened", "events": 1},
        {"kind": "ticket_refunded", "events": 1},
        {"kind": "ticket_sold", "events": 2},
    ]


def test_the_named_reports_run_their_sql(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    funnel = ["analytics", "report", "funnel", "--meetup", "M1", "--format", "csv"]
    assert main(["--data-dir", str(data_dir), *funnel]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == [
        "kind,events,invitees",
        "invitation_created,2,2",
        "invitation_opened,1,1",
    ]

    revenue = ["analytics", "report", "revenue", "--from", "2030-03-01", "--to", "2030-03-31"]
    assert main(["--data-dir", str(data_dir), *revenue, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"day": "2030-03-04", "currency": "EUR", "tickets": 1, "amount_minor": 2500},
        {"day": "2030-03-05", "currency": "EUR", "tickets": 0, "amount_minor": 0},
    ]


def test_a_report_refuses_an_argument_that_is_not_an_id(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    funnel = ["analytics", "report", "funnel", "--meetup", "M1' OR '1'='1"]
    assert main(["--data-dir", str(data_dir), *funnel]) == 2
    assert "--meetup takes a meetup's id" in capsys.readouterr().err


def test_a_query_of_an_empty_history_answers_no_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql = "SELECT kind, count(*) AS n FROM events GROUP BY kind"
    assert main(["--data-dir", str(tmp_path), "analytics", "query", sql]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "(0 rows)"


def test_days_past_the_retention_are_removed(data_dir: Path) -> None:
    history = ParquetHistory(data_dir / "analytics")

    assert history.expire(date(2030, 3, 5)) == 1
    assert history.query("SELECT DISTINCT dt FROM events")[1] == [("2030-03-05",)]
