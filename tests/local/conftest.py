"""Fixtures of the local runtime's tests: a gateway on the fixture template, and an issuer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from slsplay.local.apigateway import ApiGateway
from tests.local import fixture_functions
from tests.local.helpers import FIXTURE_TEMPLATE, PUBLIC_URL, Issuer


@pytest.fixture(autouse=True)
def fresh_fixture_functions() -> Iterator[None]:
    """The fixture functions' shared events start cleared, and no handler stays blocked."""
    fixture_functions.RELEASE_STUCK.clear()
    fixture_functions.KEY_SET_READS.clear()
    yield
    fixture_functions.RELEASE_STUCK.set()


@pytest.fixture(scope="session")
def issuer() -> Issuer:
    """The fixture API's token issuer (an RSA key is slow to make: once per session)."""
    return Issuer()


@pytest.fixture
def published_keys(issuer: Issuer, monkeypatch: pytest.MonkeyPatch) -> Issuer:
    """The issuer's key set, served by the fixture template's issuer function."""
    monkeypatch.setenv("FIXTURE_JWKS", json.dumps({"keys": [issuer.jwk()]}))
    return issuer


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[ApiGateway]:
    """The fixture template's API, as if served at ``PUBLIC_URL``, its functions in threads of
    this process (tests read what they received, and set what they answer, in memory)."""
    with ApiGateway.from_template(
        FIXTURE_TEMPLATE, public_url=PUBLIC_URL, data_dir=tmp_path / "data", in_process=True
    ) as opened:
        yield opened
