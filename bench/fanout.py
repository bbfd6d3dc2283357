"""Fan-out: one meetup published to N invitees on the local runtime, until the Nth invitation.

Run: .venv/bin/python bench/fanout.py [--invitees 10000]
Prints the seconds from publish until the Nth invitation is in the mailbox, invitations per
second, and the server's peak resident memory (VmHWM), measured after inviting everyone
(before publishing) and at the end: the difference is what the fan-out itself costs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.api import bearer, new_meetup, sign_up_organizer  # noqa: E402
from tests.support.server import running_server  # noqa: E402


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invitees", type=int, default=10_000)
    n = parser.parse_args().invitees
    with (
        tempfile.TemporaryDirectory() as directory,
        running_server(Path(directory) / "data") as server,
    ):
        api = httpx.Client(base_url=server.url, timeout=120)
        token = sign_up_organizer(api, server)["access_token"]
        auth = bearer(token)
        meetup = new_meetup(
            api,
            token,
            title="Fan-out",
            starts_at=(datetime.now(UTC) + timedelta(days=7)).isoformat(),
            timezone="UTC",
            duration_minutes=60,
            join_url="https://meet.example.com/f",
            capacity=None,
        )
        for start in range(0, n, 1000):
            invitees = [
                {"email": f"guest{i}@example.com"} for i in range(start, min(n, start + 1000))
            ]
            answer = api.post(
                f"/api/meetups/{meetup['id']}/invitations",
                headers=auth,
                json={"invitees": invitees},
            )
            answer.raise_for_status()
        before = peak_rss_mb(server.process.pid)
        mailbox = server.data_dir / "mailbox"
        started = time.perf_counter()
        api.post(f"/api/meetups/{meetup['id']}/publish", headers=auth).raise_for_status()
        while True:
            count = sum(1 for _ in mailbox.glob("*.eml")) if mailbox.is_dir() else 0
            if count >= n:
                break
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        after = peak_rss_mb(server.process.pid)
        print(f"{n} invitees: {seconds:.1f} s from publish to the last invitation")
        print(f"{n / seconds:.0f} invitations per second")
        print(f"server peak RSS: {before:.0f} MB after inviting, {after:.0f} MB after the fan-out")


if __name__ == "__main__":
    main()
