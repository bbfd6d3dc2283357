"""The app on GTK under Xvfb against a real ``slsplay serve``: an organizer drafts, invites and
publishes, the invitee answers by link and from the meetup's page, the organizer sees her
attend; then, the server stopped, the app started again shows the kept meetups. Each screen
is saved at phone size (into SLSPLAY_NATIVE_SCREENSHOTS when set: make native-screenshots)."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.test_client import NATIVE, SERVER_PYTHON

READY_WITHIN_SECONDS = 30
JOURNEY_SECONDS = 240
INVITEE = "ina@example.com"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a process we started: SIGTERM, then SIGKILL if it lingers."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def display() -> Iterator[str]:
    """A virtual screen (Xvfb) on a display number it picks itself, stopped after."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(  # noqa: S603
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1024x1024x24", "-nolisten", "tcp"],  # noqa: S607
        pass_fds=[write_end],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], READY_WITHIN_SECONDS)
        assert ready, "Xvfb did not say its display"
        number = os.read(read_end, 64).decode().strip()
        assert number, "Xvfb exited before it had a display"
        yield f":{number}"
    finally:
        os.close(read_end)
        stop(xvfb)


def start_server(data_dir: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``slsplay serve`` on 127.0.0.1:``port``, answering when this returns."""
    command = [SERVER_PYTHON, "-m", "slsplay.cli", "--data-dir", str(data_dir)]
    subprocess.run([*command, "seed"], check=True, capture_output=True)  # noqa: S603
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603
            [*command, "serve", "--host", "127.0.0.1", "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    while True:
        assert server.poll() is None, f"slsplay serve exited; see {log}"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/openapi.json", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            stop(server)
            raise AssertionError(f"slsplay serve did not answer within {READY_WITHIN_SECONDS} s")
        time.sleep(0.1)


def journey(mode: str, display: str, api: str, home: Path, out: Path) -> dict[str, Any]:
    """Run the app on GTK with the journey of ``mode`` as its driver; its report."""
    env = {
        **os.environ,
        "DISPLAY": display,
        "TOGA_BACKEND": "toga_gtk",  # the other tests' dummy backend is in os.environ
        "HOME": str(home),
        "NO_AT_BRIDGE": "1",  # no accessibility bus on a virtual screen
        # No secure storage on a bare virtual screen: the tokens go to the 0600 file.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "SLSPLAY_API_URL": api,
        "JOURNEY_MODE": mode,
        "JOURNEY_INVITEE": INVITEE,
        "JOURNEY_OUT": str(out),
        "JOURNEY_REPORT": str(home / f"{mode}-report.json"),
        "JOURNEY_DATA": str(home / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.gtk_journey"],
        cwd=NATIVE,
        env=env,
        capture_output=True,
        text=True,
        timeout=JOURNEY_SECONDS,
        check=False,
    )
    report_file = home / f"{mode}-report.json"
    assert report_file.is_file(), (
        f"the app ended without a report:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    )
    report: dict[str, Any] = json.loads(report_file.read_text())
    assert report["error"] is None, report["error"] + f"\n{report.get('status')}"
    return report


def test_the_journey_on_gtk_and_the_kept_meetups_offline(display: str, tmp_path: Path) -> None:
    out = Path(os.environ.get("SLSPLAY_NATIVE_SCREENSHOTS") or tmp_path / "screens")
    home = tmp_path / "home"
    home.mkdir()
    port = free_port()
    api = f"http://127.0.0.1:{port}"
    server = start_server(tmp_path / "server", port, tmp_path / "server.log")
    try:
        # The invitee has an account (signing up is the web app's); the app signs her in.
        invitee = {"email": INVITEE, "password": "ina-secret-words", "name": "Ina Invitee"}
        httpx.post(f"{api}/api/auth/signup", json=invitee, timeout=30).raise_for_status()
        online = journey("online", display, api, home, out)
    finally:
        stop(server)

    offline = journey("offline", display, api, home, out)

    assert len(online["screens"]) == 13
    assert offline["kept"] == online["kept"]
    assert {"Founders' fireside chat", "Native app launch"} <= set(offline["kept"])
    assert all((out / f"{name}.png").stat().st_size > 0 for name in online["screens"])
