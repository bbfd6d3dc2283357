"""The whole suite's modes.

- ``--backend aws``: only the tests marked ``served``, with ``slsplay serve`` on the AWS
  adapters against moto's server instead of the local ones.
- ``--chaos``: every ``slsplay serve`` the tests start runs with ``--chaos`` (queue messages,
  stream batches and scheduled runs delivered twice and out of order, answers lost): the
  journeys must end the same, each email sent once.
- ``SLSPLAY_API_URL`` set (``make test-remote``): only the ``served`` tests, against that
  deployed stage; those that need the local runtime's development extras (``dev_only``) or
  a sign-in provider of their own (``own_provider``) cannot run there and are left out,
  with the reason shown.
"""

from __future__ import annotations

import os

import pytest

from tests.support.server import CHAOS_VARIABLE, REMOTE_URL_VARIABLE

NOT_REMOTE = {
    "dev_only": "reads the local runtime's development pages",
    "own_provider": "configures the server with a sign-in provider faked on this machine",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        choices=["local", "aws"],
        default="local",
        help="aws: only the tests marked served, with slsplay serve on the AWS adapters",
    )
    parser.addoption(
        "--chaos",
        action="store_true",
        help="run every slsplay serve the tests start with --chaos (at-least-once, often)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--chaos"):
        os.environ[CHAOS_VARIABLE] = "1"
    config.addinivalue_line(
        "markers", "served: runs against slsplay serve, on the backend --backend names"
    )
    for marker, why in NOT_REMOTE.items():
        config.addinivalue_line("markers", f"{marker}: {why} (not run against a stage)")


def pytest_report_header(config: pytest.Config) -> str | None:
    remote = os.environ.get(REMOTE_URL_VARIABLE)
    if remote:
        reasons = "; ".join(f"{m}: {why}" for m, why in NOT_REMOTE.items())
        return f"against the deployed stage at {remote}; left out: {reasons}"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    remote = bool(os.environ.get(REMOTE_URL_VARIABLE))
    if config.getoption("--backend") != "aws" and not remote:
        return
    # The other tests choose their adapters themselves; they run once, with --backend local.
    kept = [
        item
        for item in items
        if item.get_closest_marker("served")
        and not (remote and any(item.get_closest_marker(m) for m in NOT_REMOTE))
    ]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept
