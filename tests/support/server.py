"""Starting ``slsplay serve`` as a separate process on a free port, and stopping it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

READY_WITHIN_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Server:
    """A running ``slsplay serve``."""

    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]


@contextmanager
def running_server(data_dir: Path, *extra: str) -> Iterator[Server]:
    """``slsplay serve`` on 127.0.0.1 and a free port, ready when this yields, stopped after."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    log = open(data_dir.parent / f"server-{port}.log", "wb")  # noqa: SIM115  (closed below)
    process = subprocess.Popen(  # noqa: S603  (our own command)
        [
            sys.executable,
            "-m",
            "slsplay.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--data-dir",
            str(data_dir),
            *extra,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + READY_WITHIN_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"slsplay serve exited early; see {log.name}")
            try:
                if httpx.get(f"{url}/api/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"slsplay serve did not answer within {READY_WITHIN_SECONDS} s")
            time.sleep(0.05)
        yield Server(url, data_dir, process)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
