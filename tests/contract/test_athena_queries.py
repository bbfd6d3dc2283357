"""SQL over the analytics history on the AWS backend: Athena (moto's, in process) runs the
query in the stage's workgroup on its Glue database, and the rows come back without the
header row Athena puts first."""

from __future__ import annotations

import boto3
import pytest
import requests
from moto import mock_aws

from slsplay.adapters.aws.athena_queries import athena_query, database_name, workgroup_name

REGION = "eu-west-1"


def cells(*values: str) -> dict[str, list[dict[str, str]]]:
    return {"Data": [{"VarCharValue": value} for value in values]}


@pytest.mark.usefixtures("aws_credentials")
def test_a_query_runs_in_the_stage_s_workgroup_and_answers_its_rows() -> None:
    with mock_aws():
        athena = boto3.client("athena", region_name=REGION)
        athena.create_work_group(
            Name=workgroup_name("dev"),
            Configuration={"ResultConfiguration": {"OutputLocation": "s3://results/athena/"}},
        )
        column = {
            "CatalogName": "hive",
            "SchemaName": "s",
            "TableName": "events",
            "Type": "varchar",
        }
        planned = {
            "account_id": "123456789012",
            "region": REGION,
            "results": [
                {
                    "rows": [
                        cells("kind", "n"),
                        cells("answered", "10"),
                        cells("join_opened", "6"),
                    ],
                    "column_info": [{**column, "Name": "kind"}, {**column, "Name": "n"}],
                }
            ],
        }
        answer = requests.post(
            "http://motoapi.amazonaws.com/moto-api/static/athena/query-results",
            json=planned,
            timeout=10,
        )
        assert answer.status_code == 201

        names, rows = athena_query(
            athena, "SELECT kind, count(*) AS n FROM events GROUP BY kind", stage="dev"
        )
        (execution,) = athena.list_query_executions(WorkGroup=workgroup_name("dev"))[
            "QueryExecutionIds"
        ]
        context = athena.get_query_execution(QueryExecutionId=execution)["QueryExecution"]

    assert names == ["kind", "n"]
    assert rows == [("answered", "10"), ("join_opened", "6")]
    assert context["QueryExecutionContext"]["Database"] == database_name("dev")


def test_the_names_are_those_the_template_gives_a_stage() -> None:
    assert workgroup_name("prod-eu") == "slsplay-prod-eu-analytics"
    assert database_name("prod-eu") == "slsplay_prod_eu_analytics"
