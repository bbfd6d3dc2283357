"""The analytics history's cloud adapter: records to a Firehose delivery stream (moto's, in
process), as JSON lines the stream converts with the Glue table's schema; the records
Firehose refuses are sent again."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from moto import mock_aws

from slsplay.adapters.aws.firehose_history import FirehoseHistory, HistoryNotDelivered
from slsplay.domain.analytics import COLUMNS, AnalyticsRecord

REGION = "eu-west-1"
AT = datetime(2030, 3, 4, 18, 30, 15, 250000, tzinfo=UTC)


def record(n: int) -> AnalyticsRecord:
    return AnalyticsRecord(f"e{n}", "answered", AT, "M1", "u1", "p1", "attending", None, None)


@pytest.mark.usefixtures("aws_credentials")
def test_records_reach_the_bucket_as_json_lines_of_the_schema_s_columns() -> None:
    with mock_aws():
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket="history", CreateBucketConfiguration={"LocationConstraint": REGION})
        firehose = boto3.client("firehose", region_name=REGION)
        firehose.create_delivery_stream(
            DeliveryStreamName="analytics",
            ExtendedS3DestinationConfiguration={
                "BucketARN": "arn:aws:s3:::history",
                "RoleARN": "arn:aws:iam::123456789012:role/delivery",
                "Prefix": "analytics/events/",
            },
        )
        FirehoseHistory("analytics", lambda service: boto3.client(service, region_name=REGION)).put(
            [record(1), record(2)]
        )

        (stored,) = s3.list_objects_v2(Bucket="history")["Contents"]
        body = s3.get_object(Bucket="history", Key=stored["Key"])["Body"].read().decode()
    rows = [json.loads(line) for line in body.splitlines()]
    assert [row["event_id"] for row in rows] == ["e1", "e2"]
    assert set(rows[0]) == {name for name, _ in COLUMNS} | {"dt"}
    assert rows[0]["occurred_at"] == int(AT.timestamp() * 1000)  # the SerDe's "millis"
    assert rows[0]["dt"] == "2030-03-04"


class Throttling:
    """A Firehose client that refuses the last record of a call, ``refusals`` times."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.sent: list[list[bytes]] = []

    def put_record_batch(self, DeliveryStreamName: str, Records: list[dict[str, Any]]) -> Any:
        self.sent.append([r["Data"] for r in Records])
        refuse = self.refusals > 0
        self.refusals -= refuse
        last = len(Records) - 1
        results = [
            {"ErrorCode": "ServiceUnavailableException"}
            if refuse and i == last
            else {"RecordId": "r"}
            for i in range(len(Records))
        ]
        return {"FailedPutCount": int(refuse), "RequestResponses": results}


def test_the_records_firehose_refused_are_sent_again_alone() -> None:
    client = Throttling(refusals=1)
    pauses: list[float] = []
    FirehoseHistory("analytics", lambda _: client, pause=pauses.append).put([record(1), record(2)])

    assert [len(call) for call in client.sent] == [2, 1]
    assert b'"e2"' in client.sent[1][0]
    assert pauses == [0.1]


def test_a_history_firehose_keeps_refusing_is_an_error_the_batch_is_retried_for() -> None:
    client = Throttling(refusals=99)
    client_history = FirehoseHistory("analytics", lambda _: client, pause=lambda _: None)

    with pytest.raises(HistoryNotDelivered):
        client_history.put([record(1), record(2)])
