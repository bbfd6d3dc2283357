"""Generated requests from the OpenAPI document, on every operation and with several
workers: no 5xx, and every answer (status, content type, body, headers) as documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.fuzz import run_fuzzer
from tests.support.server import running_server

pytestmark = pytest.mark.served

WORKERS = 4


def test_generated_requests_never_get_a_server_error_or_an_undocumented_answer(
    tmp_path: Path,
) -> None:
    with running_server(tmp_path / "data") as server:
        run = run_fuzzer(server, tmp_path, workers=WORKERS, seed=20261127, max_examples=12)

    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
