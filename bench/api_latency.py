"""Latency and throughput of slsplay serve, against a minimal Starlette + SQLite floor.

Run: .venv/bin/python bench/api_latency.py [--clients 50] [--seconds 20]
Starts each server as its own process on 127.0.0.1, drives it with N concurrent clients
(one asyncio loop, kept-alive connections), and prints p50 / p99 latency and requests per
second for GET /api/meetups/{id}, POST /api/rsvp/{token}, and the floor's GET /row/{id}.
Client and server share this machine's cores: the figures are for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.api import bearer, new_meetup, sign_up_organizer  # noqa: E402
from tests.support.server import free_port, running_server  # noqa: E402


async def drive(
    url: str,
    method: str,
    paths: list[str],
    body: object,
    headers: dict[str, str],
    clients: int,
    seconds: float,
) -> list[float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def one(n: int) -> None:
            i = n
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                answer = await client.request(
                    method, paths[i % len(paths)], json=body, headers=headers
                )
                latencies.append(time.perf_counter() - started)
                if answer.status_code >= 400:
                    raise RuntimeError(
                        f"{method} {paths[0]} answered {answer.status_code}: {answer.text}"
                    )
                i += clients

        await asyncio.gather(*(one(n) for n in range(clients)))
    return latencies


def report(label: str, latencies: list[float], seconds: float) -> None:
    ordered = sorted(latencies)
    p50 = ordered[len(ordered) // 2] * 1000
    p99 = ordered[int(len(ordered) * 0.99) - 1] * 1000
    print(
        f"{label:<34} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms   {len(ordered) / seconds:8.0f} req/s"
    )


def slsplay_figures(clients: int, seconds: float) -> None:
    with (
        tempfile.TemporaryDirectory() as directory,
        running_server(Path(directory) / "data") as server,
    ):
        api = httpx.Client(base_url=server.url, timeout=30)
        token = sign_up_organizer(api, server)["access_token"]
        auth = bearer(token)
        meetup = new_meetup(
            api,
            token,
            title="Bench",
            starts_at=(datetime.now(UTC) + timedelta(days=30)).isoformat(),
            timezone="UTC",
            duration_minutes=60,
            join_url="https://meet.example.com/bench",
            capacity=None,
        )
        invitees = [{"email": f"guest{n}@example.com"} for n in range(clients)]
        api.post(
            f"/api/meetups/{meetup['id']}/invitations", headers=auth, json={"invitees": invitees}
        )
        api.post(f"/api/meetups/{meetup['id']}/publish", headers=auth)
        tokens = [
            api.post(
                f"/api/meetups/{meetup['id']}/invitations/link", headers=auth, json=invitee
            ).json()["token"]
            for invitee in invitees
        ]
        latencies = asyncio.run(
            drive(
                server.url, "GET", [f"/api/meetups/{meetup['id']}"], [None], auth, clients, seconds
            )
        )
        report("slsplay GET /api/meetups/{id}", latencies, seconds)
        # Each client answers through its own link, alternating its answer so every request writes.
        latencies = asyncio.run(
            drive(
                server.url,
                "POST",
                [f"/api/rsvp/{t}" for t in tokens],
                {"response": "attending"},
                {},
                clients,
                seconds,
            )
        )
        report("slsplay POST /api/rsvp/{token}", latencies, seconds)


def floor_figures(clients: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as directory:
        database = Path(directory) / "floor.db"
        with sqlite3.connect(database) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("CREATE TABLE rows (id TEXT PRIMARY KEY, body TEXT)")
            conn.execute("INSERT INTO rows VALUES ('one', 'a row of the floor')")
        port = free_port()
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                str(ROOT / "bench"),
                "floor_app:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env={**os.environ, "FLOOR_DB": str(database)},
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                try:
                    httpx.get(f"{url}/row/one", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            latencies = asyncio.run(drive(url, "GET", ["/row/one"], [None], {}, clients, seconds))
            report("floor: Starlette GET one SQLite row", latencies, seconds)
        finally:
            process.terminate()
            process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    print(
        f"{args.clients} concurrent clients, {args.seconds:.0f} s each, on {os.cpu_count()} cores"
    )
    slsplay_figures(args.clients, args.seconds)
    floor_figures(args.clients, args.seconds)


if __name__ == "__main__":
    main()
