"""``slsplay analytics``: SQL over the organizers' insights history. ``query "SQL"`` runs any
query on the table ``events``; ``report funnel --meetup ID`` and ``report revenue --from
--to`` run named ones. Locally DuckDB reads the data directory's Parquet files; with
``--backend aws`` Athena runs the same SQL on the stage's Glue table.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from datetime import date
from typing import Any

from slsplay.config import Settings

MEETUP_ID = re.compile(r"[0-9A-Za-z]{1,64}")
# The named reports: each the same SQL on DuckDB and Athena (see the README for where their
# dialects differ). Distinct event ids: the history may hold a record twice.
FUNNEL_SQL = """SELECT kind, count(DISTINCT event_id) AS events, count(DISTINCT invitee) AS invitees
FROM events
WHERE meetup_id = '{meetup}'
GROUP BY kind
ORDER BY kind"""
REVENUE_SQL = """SELECT dt AS day, currency,
  sum(CASE WHEN kind = 'ticket_sold' THEN 1 ELSE -1 END) AS tickets,
  sum(CASE WHEN kind = 'ticket_sold' THEN amount_minor ELSE -amount_minor END) AS amount_minor
FROM (SELECT DISTINCT event_id, kind, dt, currency, amount_minor
      FROM events
      WHERE kind IN ('ticket_sold', 'ticket_refunded')
        AND dt BETWEEN '{start}' AND '{end}') AS sales
GROUP BY dt, currency
ORDER BY dt, currency"""


def add_commands(analytics: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The subcommands and their own options; answers the parsers that run SQL (for the
    CLI's backend and data-directory options)."""
    actions = analytics.add_subparsers(dest="action", required=True)
    query = actions.add_parser("query", help="run SQL on the table events")
    query.add_argument("sql", help='e.g. "SELECT kind, count(*) FROM events GROUP BY kind"')
    report = actions.add_parser("report", help="run a named report")
    reports = report.add_subparsers(dest="report", required=True)
    funnel = reports.add_parser("funnel", help="a meetup's events and invitees by kind")
    funnel.add_argument("--meetup", required=True, help="the meetup's id")
    revenue = reports.add_parser("revenue", help="tickets and money by day and currency")
    revenue.add_argument("--from", dest="start", type=date.fromisoformat, required=True)
    revenue.add_argument("--to", dest="end", type=date.fromisoformat, required=True)
    for command in (query, funnel, revenue):
        command.add_argument("--format", choices=["table", "csv", "json"], default="table")
    return [query, funnel, revenue]


def sql_of(args: argparse.Namespace) -> str:
    """The SQL the command runs; ``ValueError`` for an argument no report takes."""
    if args.action == "query":
        return str(args.sql)
    if args.report == "funnel":
        if not MEETUP_ID.fullmatch(args.meetup):
            raise ValueError(f"--meetup takes a meetup's id, not {args.meetup!r}")
        return FUNNEL_SQL.format(meetup=args.meetup)
    if args.start > args.end:
        raise ValueError("--from is after --to")
    return REVENUE_SQL.format(start=args.start.isoformat(), end=args.end.isoformat())


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the command's SQL on the backend asked for and print its rows; the exit status."""
    try:
        sql = sql_of(args)
    except ValueError as e:
        print(f"slsplay: {e}", file=sys.stderr)
        return 2
    settings = settings.model_copy(
        update={
            "backend": args.backend,
            "aws_endpoint": args.aws_endpoint,
            "stage": args.stage,
            "data_dir": getattr(args, "data_dir", None) or settings.data_dir,
        }
    )
    try:
        names, rows = _run_sql(sql, settings)
    except Exception as e:  # the engine's own message is the answer (a typo in the SQL)
        print(f"slsplay: the query failed: {e}", file=sys.stderr)
        return 1
    _print(names, rows, args.format)
    return 0


def _run_sql(sql: str, settings: Settings) -> tuple[list[str], list[tuple[Any, ...]]]:
    from slsplay.bootstrap import ANALYTICS_DIR, bootstrap  # noqa: PLC0415  (only when run)

    if settings.backend == "aws":
        from slsplay.adapters.aws.athena_queries import athena_query  # noqa: PLC0415

        client = bootstrap(settings).aws_client("athena")
        names, rows = athena_query(client, sql, stage=settings.stage)
        return names, list(rows)
    from slsplay.adapters.local.parquet_history import ParquetHistory  # noqa: PLC0415

    return ParquetHistory(settings.data_dir / ANALYTICS_DIR).query(sql)


def _print(names: list[str], rows: list[tuple[Any, ...]], style: str) -> None:
    if style == "json":
        print(json.dumps([dict(zip(names, row, strict=True)) for row in rows], default=str))
        return
    if style == "csv":
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(names)
        out.writerows(rows)
        return
    cells = [names, *[["" if v is None else str(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(names))]
    for number, row in enumerate(cells):
        print("  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)))
        if number == 0:
            print("  ".join("-" * width for width in widths))
    print(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
