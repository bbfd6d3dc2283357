"""Generated requests from the OpenAPI document: no 5xx, and every answer matches the document."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.support.api import sign_up
from tests.support.server import running_server

pytestmark = pytest.mark.served

CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"
WORKERS = 4

# `st`, run by this interpreter with one ast.parse at a time. Schemathesis's workers are
# threads, and Hypothesis parses source in them all the time (each lambda given to .filter(),
# to describe it and to read bounds out of it; functions it reflects on; modules, for their
# constants). CPython 3.11.0-3.11.7 and 3.12.0-3.12.1 count the depth of the tree being
# turned into Python objects in state shared by all threads, so two parses at once now and
# then fail with "SystemError: AST constructor recursion depth mismatch" (python/cpython
# gh-106905, fixed in 3.11.8 and 3.12.2), reported as an error of whichever operation was
# being generated. A parse holds the GIL nearly throughout: one at a time costs nothing.
ST_WITH_ONE_PARSE_AT_A_TIME = """
import ast, sys, threading

parse, lock = ast.parse, threading.Lock()

def one_parse_at_a_time(*args, **kwargs):
    with lock:
        return parse(*args, **kwargs)

ast.parse = one_parse_at_a_time
from schemathesis.cli import schemathesis

sys.argv[0] = "st"
sys.exit(schemathesis())
"""


def test_generated_requests_never_get_a_server_error_or_an_undocumented_answer(
    tmp_path: Path,
) -> None:
    with running_server(tmp_path / "data") as server:
        with httpx.Client(base_url=server.url, timeout=10) as api:
            session = sign_up(api, "Fuzz")
        run = subprocess.run(  # noqa: S603  (our own test tool)
            [
                sys.executable,
                "-c",
                ST_WITH_ONE_PARSE_AT_A_TIME,
                "run",
                f"{server.url}/api/openapi.json",
                "--checks",
                CHECKS,
                "--header",
                f"Authorization: Bearer {session['access_token']}",
                "--max-examples",
                "15",
                "--seed",
                "20261127",
                "--phases",
                "examples,coverage,fuzzing",
                "--workers",
                str(WORKERS),
                "--request-timeout",
                "10",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
