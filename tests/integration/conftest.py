"""Fixtures: ``slsplay serve`` for a module's journeys over HTTP, and the Lambda handlers
driven directly with recorded API Gateway events."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from slsplay.handlers.context import container, forget
from tests.support.server import Server, emulated_aws, running_server

EVENTS = Path(__file__).resolve().parents[1] / "events" / "handlers"


@pytest.fixture(scope="module", autouse=True)
def aws_endpoint(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """With ``--backend aws``, a moto server for the module's ``slsplay serve`` to run on."""
    if request.config.getoption("--backend") != "aws" or not any(
        item.get_closest_marker("served")
        for item in request.session.items
        if item.module is request.module
    ):
        yield None
        return
    with emulated_aws() as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, aws_endpoint: str | None) -> Iterator[Server]:
    """``slsplay serve`` for the module's tests (on moto's server with ``--backend aws``)."""
    with running_server(tmp_path_factory.mktemp("serve") / "data") as running:
        yield running


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[httpx.Client]:
    """A client of the module's server."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


@pytest.fixture
def fresh_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The handlers' process state on an empty data directory."""
    monkeypatch.setenv("SLSPLAY_BACKEND", "local")
    monkeypatch.setenv("SLSPLAY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SLSPLAY_PUBLIC_URL", "https://slsplay.example.com")
    forget()
    yield tmp_path
    container().store.close()
    forget()


@pytest.fixture
def event() -> Callable[..., dict[str, Any]]:
    """A recorded event, with some fields replaced."""

    def load(
        name: str, *, body: Any = None, path_id: str | None = None, **claims: str
    ) -> dict[str, Any]:
        recorded: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text())
        result = copy.deepcopy(recorded)
        if body is not None:
            result["body"] = json.dumps(body) if not isinstance(body, str) else body
        if path_id is not None:
            for key, value in list(result.get("pathParameters", {}).items()):
                result["pathParameters"][key] = path_id
                result["rawPath"] = result["rawPath"].replace(value, path_id)
                result["requestContext"]["http"]["path"] = result["rawPath"]
        if claims:
            result["requestContext"]["authorizer"]["jwt"]["claims"].update(claims)
        return result

    return load
