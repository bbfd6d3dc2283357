"""A stage's secrets as a function reads them (Secrets Manager on moto): a missing one is
``SecretMissing``, and the optional sign-in providers' absence means sign-in by email only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from slsplay.adapters.aws.secrets import secret_bytes, sign_in_providers_name
from slsplay.bootstrap import Container
from slsplay.config import Settings
from slsplay.ports import SecretMissing
from tests.contract.conftest import REGION

GOOGLE = {
    "google": {
        "discovery_url": "https://accounts.google.com/.well-known/openid-configuration",
        "client_id": "id",
        "client_secret": "secret",
    }
}


@pytest.fixture
def secrets_manager(aws_credentials: None) -> Iterator[Any]:
    """Secrets Manager, holding nothing yet."""
    with mock_aws():
        yield boto3.client("secretsmanager", region_name=REGION)


def aws_container() -> Container:
    """The adapters a function of the ``qa`` stage builds in the cloud."""
    return Container(Settings(backend="aws", aws_region=REGION, stage="qa"))


def test_a_secret_never_stored_is_secret_missing_naming_it(secrets_manager: Any) -> None:
    with pytest.raises(SecretMissing) as raised:
        secret_bytes("slsplay/qa/stripe", secrets_manager)

    assert raised.value.name == "slsplay/qa/stripe"
    assert raised.value.__cause__ is not None  # Powertools' error, for the record


def test_a_stored_secret_is_read(secrets_manager: Any) -> None:
    secrets_manager.create_secret(Name="slsplay/qa/stripe", SecretString='{"secret_key": "k"}')

    assert secret_bytes("slsplay/qa/stripe", secrets_manager) == b'{"secret_key": "k"}'


def test_without_the_sign_in_secret_people_sign_in_by_email_only(secrets_manager: Any) -> None:
    assert aws_container().identity_providers.names() == []


def test_the_sign_in_secret_names_the_providers(secrets_manager: Any) -> None:
    name = sign_in_providers_name("qa")
    secrets_manager.create_secret(Name=name, SecretString=json.dumps(GOOGLE))

    assert aws_container().identity_providers.names() == ["google"]


def test_a_missing_signing_key_stops_the_function_with_its_name(secrets_manager: Any) -> None:
    with pytest.raises(SecretMissing, match="slsplay/qa/signing-key"):
        aws_container().tokens  # noqa: B018  (built on first use: this reads the key)
