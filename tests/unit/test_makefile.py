"""The Makefile explains itself to a newcomer: ``make help`` (and ``make`` alone) lists the
targets with their descriptions, and the first ``make run`` shows pip's progress."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DESCRIBED = re.compile(r"^## ([a-z][a-z0-9-]*): (.*)$", re.MULTILINE)


def make(*argv: str) -> str:
    """What ``make ARGV`` prints in the checkout, without running a recipe it need not run."""
    done = subprocess.run(  # noqa: S603  (our own arguments, no shell)
        ["make", "--no-print-directory", *argv],  # noqa: S607  (make from PATH, as a person runs it)
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize("argv", [["help"], []], ids=["make help", "make"])
def test_make_help_lists_each_described_target_with_its_description(argv: list[str]) -> None:
    described = DESCRIBED.findall((ROOT / "Makefile").read_text())

    shown = make(*argv)

    assert {"run", "test", "help"} <= {name for name, _ in described}
    for name, description in described:
        assert re.search(rf"^  {re.escape(name)} +{re.escape(description)}$", shown, re.MULTILINE)


def test_the_first_install_shows_pips_progress() -> None:
    # -n: the commands it would run; -B: as on a first run, with nothing installed yet
    commands = make("-n", "-B", ".venv/.installed").splitlines()

    [install] = [line for line in commands if "pip install" in line]
    assert not {"--quiet", "-q", "-qq"} & set(install.split())
