"""Creating the table from template.yaml's definition, on emulated AWS (tests, local runtime).

In the cloud, CloudFormation creates the table from the same properties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient


def create_table(client: DynamoDBClient, table_name: str, properties: dict[str, Any]) -> None:
    """Create ``table_name`` with the template's keys, indexes and stream, and wait for it."""
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
