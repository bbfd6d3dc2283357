"""Unit tests run without a network: none may open a socket.

A test that needs a server, even one of ours on 127.0.0.1, belongs in tests/fakes, tests/local
or tests/integration. pytest-socket's block is set here rather than by ``--disable-socket``
in the Makefile, so that ``pytest tests/unit`` run by hand blocks too, and the other suites
are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_socket import disable_socket, enable_socket


@pytest.fixture(autouse=True)
def _no_network() -> Iterator[None]:
    disable_socket()
    yield
    enable_socket()
