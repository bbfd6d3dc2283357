"""The ``slsplay`` command as a newcomer meets it: its version, help in plain words,
``--data-dir`` wherever it touches data, errors on standard error with a failing exit, a
taken port named with the way out, and a job's result apart from the functions' logs."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from slsplay.cli import main
from tests.local.helpers import FIXTURE_TEMPLATE
from tests.local.pump_support import PUMPS_TEMPLATE

WITHIN_SECONDS = 60
COMMANDS = [
    [],
    ["serve"],
    ["seed"],
    ["schema"],
    ["meetups"],
    ["jobs"],
    ["jobs", "run"],
    ["dlq"],
    ["dlq", "list"],
    ["dlq", "replay"],
]


def slsplay(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``slsplay ARGV`` in a process of its own (its functions' processes write to its
    standard output and error, as they would in a terminal)."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(  # noqa: S603  (our own command, no shell)
        [sys.executable, "-m", "slsplay.cli", *argv],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=WITHIN_SECONDS,
        check=False,
    )


def test_version_says_the_installed_packages_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])

    assert exited.value.code == 0
    assert capsys.readouterr().out == f"slsplay {version('slsplay')}\n"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "slsplay")
def test_help_shows_plain_words_not_markup(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([*command, "--help"])

    shown = capsys.readouterr().out
    assert shown.startswith("usage: slsplay")
    assert "`" not in shown


def test_the_commands_help_describes_it_from_its_docstring(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["dlq", "--help"])

    words = " ".join(capsys.readouterr().out.split())  # however wide the terminal wraps it
    assert "or deliver it again (replay): a queue's dead letters" in words


@pytest.mark.parametrize(
    "command",
    [
        ["seed"],
        ["jobs", "run", "tick", "--template", str(PUMPS_TEMPLATE)],
        ["dlq", "list", "--template", str(PUMPS_TEMPLATE)],
        ["dlq", "replay", "NotesQueue", "--template", str(PUMPS_TEMPLATE)],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_every_command_on_the_data_takes_data_dir_after_its_name(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SLSPLAY_DATA_DIR", raising=False)
    given = tmp_path / "given"

    assert main([*command, "--data-dir", str(given)]) == 0

    assert any(given.iterdir())
    assert not (tmp_path / ".slsplay").exists()


def test_meetups_lists_those_of_the_data_dir_given_after_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = tmp_path / "given"
    assert main(["seed", "--data-dir", str(given)]) == 0
    capsys.readouterr()

    assert main(["meetups", "--data-dir", str(given)]) == 0

    assert "Founders' fireside chat" in capsys.readouterr().out


def test_an_unknown_organizer_is_an_error_on_standard_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["meetups", "--organizer", "nobody@example.com", "--data-dir", str(tmp_path)]

    assert main(command) == 1

    printed = capsys.readouterr()
    assert printed.err == "slsplay: no account for nobody@example.com\n"
    assert printed.out == ""


def test_a_port_in_use_is_named_with_the_option_that_picks_another(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        serving = ["serve", "--host", "127.0.0.1", "--port", str(port)]

        done = slsplay(
            *serving, "--template", str(FIXTURE_TEMPLATE), "--data-dir", "data", cwd=tmp_path
        )

    assert done.returncode == 1
    assert f"port {port} on 127.0.0.1 is in use" in done.stderr
    assert "--port" in done.stderr
    assert "Errno" not in done.stderr
    assert done.stdout == ""


def test_a_jobs_result_is_on_standard_output_and_its_functions_log_on_standard_error(
    tmp_path: Path,
) -> None:
    # GIVEN the fixture's job, which logs a JSON line as Powertools' logger does
    done = slsplay(
        *["jobs", "run", "tick", "--template", str(PUMPS_TEMPLATE), "--data-dir", "data"],
        cwd=tmp_path,
    )

    assert done.returncode == 0, done.stderr
    # THEN standard output is the result alone, to read or pipe on
    name, _, result = done.stdout.partition(": ")
    assert name == "TickJob"
    assert json.loads(result)["kind"] == "Scheduled Event"
    # AND the function's log went to standard error, the runtime's log
    logged = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    assert {"level": "INFO", "message": "tick"} in logged
