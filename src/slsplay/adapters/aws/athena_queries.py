"""SQL over the analytics history in the cloud: Athena, in the stage's workgroup (whose
result location and bytes-scanned limit template.yaml sets), on the Glue table ``events``."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

FINISHED = ("SUCCEEDED", "FAILED", "CANCELLED")


class QueryFailed(RuntimeError):
    """Athena did not run the query to its end (its reason says why)."""


def workgroup_name(stage: str) -> str:
    """The stage's Athena workgroup, as template.yaml names it."""
    return f"slsplay-{stage}-analytics"


def database_name(stage: str) -> str:
    """The stage's Glue database, as template.yaml names it (hyphens are underscores)."""
    return f"slsplay_{stage.replace('-', '_')}_analytics"


def athena_query(
    client: Any,
    sql: str,
    *,
    stage: str,
    pause: Callable[[float], None] = time.sleep,
) -> tuple[list[str], list[tuple[str | None, ...]]]:
    """Run ``sql`` on Athena and wait for it; answers the column names and the rows (every
    value as Athena's text, ``None`` for NULL), read page after page."""
    started = client.start_query_execution(
        QueryString=sql,
        QueryExecutionContext={"Database": database_name(stage)},
        WorkGroup=workgroup_name(stage),
    )
    query_id = started["QueryExecutionId"]
    wait = 0.2
    while True:
        status = client.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]["Status"]
        if status["State"] in FINISHED:
            break
        pause(wait)  # Athena has no way to wait on a query but asking again
        wait = min(wait * 2, 2.0)
    if status["State"] != "SUCCEEDED":
        raise QueryFailed(status.get("StateChangeReason") or status["State"])
    names: list[str] = []
    rows: list[tuple[str | None, ...]] = []
    token = None
    while True:
        page = client.get_query_results(
            QueryExecutionId=query_id, **({"NextToken": token} if token else {})
        )
        if not names:
            columns = page["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]
            names = [column["Name"] for column in columns]
        for row in page["ResultSet"]["Rows"]:
            values = tuple(cell.get("VarCharValue") for cell in row["Data"])
            if not rows and values == tuple(names):  # the first page starts with the header
                rows.append(())
                continue
            rows.append(values)
        token = page.get("NextToken")
        if not token:
            break
    return names, [row for row in rows if row]
