"""The whole suite's options: ``--backend aws`` runs the tests marked ``served`` on the AWS
code path, ``slsplay serve --backend aws`` against moto's server, instead of the local one."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        choices=["local", "aws"],
        default="local",
        help="aws: only the tests marked served, with slsplay serve on the AWS adapters",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "served: runs against slsplay serve, on the backend --backend names"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--backend") != "aws":
        return
    # The other tests choose their adapters themselves; they run once, with --backend local.
    kept = [item for item in items if item.get_closest_marker("served")]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept
