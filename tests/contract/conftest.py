"""Every test in this folder runs once per ItemStore adapter: SQLite, and DynamoDB on moto."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws

from slsplay.adapters.aws.dynamo_store import DynamoItemStore
from slsplay.adapters.aws.provision import create_table
from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.local.template import load_template, table_properties
from slsplay.ports import ItemStore
from slsplay.store.schema import TABLE

REGION = "eu-west-1"


@pytest.fixture
def aws_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fake credentials, so nothing can reach a real account."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": REGION,
        # moto's in-process Streams do not know botocore's account-id endpoints.
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
    }.items():
        monkeypatch.setenv(name, value)


@pytest.fixture(params=["sqlite", "dynamodb"])
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ItemStore]:
    """The adapter under test, on an empty table."""
    if request.param == "sqlite":
        sqlite = SqliteItemStore(tmp_path_factory.mktemp("data") / "slsplay.db", TABLE)
        yield sqlite
        sqlite.close()
        return
    request.getfixturevalue("aws_credentials")
    with mock_aws():
        create_table(
            boto3.client("dynamodb", region_name=REGION),
            "slsplay-test",
            table_properties(load_template()),
        )
        yield DynamoItemStore(
            "slsplay-test", TABLE, lambda service: boto3.client(service, region_name=REGION)
        )
