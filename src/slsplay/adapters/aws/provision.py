"""Creating the table and the queues on emulated AWS (tests, the local runtime's aws backend).

In the cloud, CloudFormation creates them from template.yaml.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_sqs import SQSClient


def create_table(client: DynamoDBClient, table_name: str, properties: dict[str, Any]) -> None:
    """Create ``table_name`` with the template's keys, indexes, stream and time to live, and
    wait for it."""
    stream = properties.get("StreamSpecification")
    arguments: dict[str, Any] = {
        "TableName": table_name,
        "BillingMode": properties.get("BillingMode", "PAY_PER_REQUEST"),
        "AttributeDefinitions": properties["AttributeDefinitions"],
        "KeySchema": properties["KeySchema"],
    }
    if properties.get("GlobalSecondaryIndexes"):
        arguments["GlobalSecondaryIndexes"] = properties["GlobalSecondaryIndexes"]
    if stream:
        arguments["StreamSpecification"] = {"StreamEnabled": True, **stream}
    client.create_table(**arguments)
    client.get_waiter("table_exists").wait(TableName=table_name)
    expiry = properties.get("TimeToLiveSpecification") or {}
    if expiry.get("Enabled"):
        client.update_time_to_live(
            TableName=table_name,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": expiry["AttributeName"]},
        )


class QueuePair(NamedTuple):
    """The URLs of a queue and of the dead-letter queue its redrive policy points to."""

    url: str
    dead_letter_url: str


def create_queue_pair(
    client: SQSClient,
    name: str,
    max_receive_count: int,
    *,
    visibility_timeout: int = 30,
    dead_letter_name: str | None = None,
) -> QueuePair:
    """Create ``name`` and its dead-letter queue (``name-dlq`` unless named), redriven after
    ``max_receive_count`` receives, as the template's queues are."""
    dead_letter_url = client.create_queue(QueueName=dead_letter_name or f"{name}-dlq")["QueueUrl"]
    dead_letter_arn = client.get_queue_attributes(
        QueueUrl=dead_letter_url, AttributeNames=["QueueArn"]
    )["Attributes"]["QueueArn"]
    redrive_policy = {"deadLetterTargetArn": dead_letter_arn, "maxReceiveCount": max_receive_count}
    url = client.create_queue(
        QueueName=name,
        Attributes={
            "RedrivePolicy": json.dumps(redrive_policy),
            "VisibilityTimeout": str(visibility_timeout),
        },
    )["QueueUrl"]
    return QueuePair(url, dead_letter_url)
