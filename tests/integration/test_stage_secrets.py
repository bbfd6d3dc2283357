"""``make secrets STAGE=name``: a stage's signing key is created once and then kept.

In process on moto (``mock_aws``), and once as ``make secrets`` runs it, in a process of its
own, against moto's server through AWS_ENDPOINT_URL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from moto import mock_aws
from moto.server import ThreadedMotoServer

from slsplay.adapters.aws.secrets import CACHE_SECONDS, secret_bytes, signing_key_name
from slsplay.adapters.aws.stage_secrets import main
from tests.contract.conftest import REGION, aws_credentials  # noqa: F401  (a fixture, used below)


@pytest.fixture
def secrets_manager(aws_credentials: None) -> Iterator[Any]:  # noqa: F811
    with mock_aws():
        yield boto3.client("secretsmanager", region_name=REGION)


def signing_key(client: Any, stage: str) -> bytes:
    """The stage's key as a function reads it (Powertools Parameters, the app's client)."""
    return secret_bytes(signing_key_name(stage), client)


def test_the_first_run_creates_the_stages_rsa_signing_key(
    secrets_manager: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["qa"]) == 0

    key = load_pem_private_key(signing_key(secrets_manager, "qa"), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    assert key.key_size >= 2048
    # Created, and said so, without the key itself ever being printed.
    out = capsys.readouterr().out
    assert out == "created slsplay/qa/signing-key\n"


def test_a_second_run_keeps_the_key_that_signs_existing_tokens(
    secrets_manager: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["qa"])
    first = boto3.client("secretsmanager", region_name=REGION).get_secret_value(
        SecretId="slsplay/qa/signing-key"
    )

    assert main(["qa"]) == 0

    again = boto3.client("secretsmanager", region_name=REGION).get_secret_value(
        SecretId="slsplay/qa/signing-key"
    )
    assert again["SecretString"] == first["SecretString"]
    assert again["VersionId"] == first["VersionId"]
    assert capsys.readouterr().out.splitlines()[-1] == "kept slsplay/qa/signing-key: it exists"


def test_each_stage_has_a_key_of_its_own(secrets_manager: Any) -> None:
    main(["qa"])
    main(["prod"])

    assert signing_key(secrets_manager, "qa") != signing_key(secrets_manager, "prod")


def test_a_function_reads_the_key_from_secrets_manager_once_per_five_minutes(
    secrets_manager: Any,
) -> None:
    main(["qa"])
    reads = []
    secrets_manager.meta.events.register(
        "before-call.secrets-manager.GetSecretValue", lambda **_: reads.append(1)
    )

    first, again = signing_key(secrets_manager, "qa"), signing_key(secrets_manager, "qa")

    assert first == again
    assert len(reads) == 1
    assert CACHE_SECONDS == 300


def test_a_name_that_is_no_stage_is_refused_before_anything_is_created(
    secrets_manager: Any,
) -> None:
    with pytest.raises(SystemExit):
        main(["Prod Stage"])

    assert boto3.client("secretsmanager", region_name=REGION).list_secrets()["SecretList"] == []


def test_stripe_keys_are_stored_from_the_environment_and_rolled_on_a_second_run(
    secrets_manager: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["qa"])
    assert "no slsplay/qa/stripe" in capsys.readouterr().err
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_one")
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_one")
    main(["qa"])
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_two")
    main(["qa"])

    out = capsys.readouterr().out
    assert "created slsplay/qa/stripe" in out
    assert "updated slsplay/qa/stripe" in out
    assert "sk_test" not in out
    stored = secrets_manager.get_secret_value(SecretId="slsplay/qa/stripe")["SecretString"]
    assert json.loads(stored) == {"secret_key": "sk_test_two", "webhook_secret": "whsec_one"}


GOOGLE = {
    "google": {
        "discovery_url": "https://accounts.google.com/.well-known/openid-configuration",
        "client_id": "id-one",
        "client_secret": "secret-one",
    }
}


def test_sign_in_providers_are_checked_then_stored_from_the_environment(
    secrets_manager: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["qa"])
    assert "no slsplay/qa/sign-in: people sign in by email only" in capsys.readouterr().err
    monkeypatch.setenv("SLSPLAY_OIDC_PROVIDERS", json.dumps({"google": {"client_id": "x"}}))
    assert main(["qa"]) == 1
    assert "missing ['client_secret', 'discovery_url']" in capsys.readouterr().err
    monkeypatch.setenv("SLSPLAY_OIDC_PROVIDERS", json.dumps(GOOGLE))
    main(["qa"])
    rolled = {"google": {**GOOGLE["google"], "client_secret": "secret-two"}}
    monkeypatch.setenv("SLSPLAY_OIDC_PROVIDERS", json.dumps(rolled))
    main(["qa"])

    out = capsys.readouterr().out
    assert "created slsplay/qa/sign-in" in out
    assert "updated slsplay/qa/sign-in" in out
    assert "secret-" not in out
    stored = secrets_manager.get_secret_value(SecretId="slsplay/qa/sign-in")["SecretString"]
    assert json.loads(stored) == rolled


def test_make_secrets_works_against_the_endpoint_in_aws_endpoint_url() -> None:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        environment = {
            **os.environ,
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": REGION,
        }
        command = [sys.executable, "-m", "slsplay.adapters.aws.stage_secrets", "demo"]
        runs = [
            subprocess.run(  # noqa: S603  (our own interpreter and module)
                command, env=environment, capture_output=True, text=True, check=True, timeout=60
            ).stdout
            for _ in range(2)
        ]

        assert runs == [
            "created slsplay/demo/signing-key\n",
            "kept slsplay/demo/signing-key: it exists\n",
        ]
        stored = boto3.client(
            "secretsmanager",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        ).get_secret_value(SecretId="slsplay/demo/signing-key")
        assert stored["SecretString"].startswith("-----BEGIN PRIVATE KEY-----")
    finally:
        server.stop()
