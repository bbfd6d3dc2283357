"""``make test-remote`` works: the served suite, pointed at a stage by its URL alone.

The stage here is a ``slsplay serve`` of our own, read as a deployed one would be: mail
from an inbox directory, the signing key from a file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from slsplay.bootstrap import SIGNING_KEY_FILE
from tests.support.server import running_server

ROOT = Path(__file__).resolve().parents[2]


def test_the_served_suite_runs_against_a_stage_given_by_its_url(tmp_path: Path) -> None:
    with running_server(tmp_path / "data") as stage:
        env = {
            **os.environ,
            "SLSPLAY_API_URL": stage.url,
            "SLSPLAY_TEST_INBOX": f"dir:{stage.data_dir / 'mailbox'}",
            "SLSPLAY_TEST_SIGNING_KEY_FILE": str(stage.data_dir / SIGNING_KEY_FILE),
        }
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/integration/test_event_chain.py",
                "tests/integration/test_http_journeys.py",
                "tests/integration/test_crash_recovery.py",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    assert run.returncode == 0, run.stdout[-4000:]
    assert "2 deselected" in run.stdout  # the crash test and the dev page: not for a stage
