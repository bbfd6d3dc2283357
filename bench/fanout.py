"""Fan-out: one meetup published to N invitees on the local runtime, until the Nth invitation.

Run: .venv/bin/python bench/fanout.py [--invitees 10000]
Invites everyone to a draft and waits until the runtime is quiet (the invitations' own events
handled), then publishes and prints the seconds from publish until the Nth invitation is in
the mailbox, invitations per second, and the CPU time the server and its functions'
processes spent meanwhile (per 1000 invitations: the figure that other load on the machine
disturbs least). Memory: the server's peak resident memory (VmHWM) after inviting and at the
end, and the largest resident memory of the server with its functions' execution
environments (the processes under it), sampled through the fan-out: flat means the same at
any N. Last, once the runtime is quiet again, whether every invitee has exactly one
invitation in the mailbox.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.api import bearer, new_meetup, sign_up_organizer  # noqa: E402
from tests.support.server import Server, running_server  # noqa: E402

QUIET_WITHIN_SECONDS = 1800


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass  # the process ended meanwhile (an idle environment stopped)
    return 0


def peak_rss_mb(pid: int) -> float:
    return _status_kb(pid, "VmHWM") / 1024


def _tree(pid: int) -> list[int]:
    """``pid`` and every process under it."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(child) for child in task.read_text().split()]
            except FileNotFoundError:
                continue
    return found


def tree_rss_mb(pid: int) -> tuple[float, float]:
    """The resident memory of the process tree under ``pid``: in all, and its largest."""
    sizes = [_status_kb(p, "VmRSS") / 1024 for p in _tree(pid)]
    return sum(sizes), max(sizes)


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of the process tree under ``pid``, those of its processes that ended and
    were waited for included (in their parents' children's times)."""
    ticks = 0
    for process in _tree(pid):
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        # utime, stime, cutime, cstime: fields 14 to 17 of stat(5), after pid and comm.
        ticks += sum(int(value) for value in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_until_quiet(server: Server) -> float:
    started = time.perf_counter()
    deadline = started + QUIET_WITHIN_SECONDS
    while not server.quiet():
        if time.perf_counter() > deadline:
            raise SystemExit(f"the runtime was still busy after {QUIET_WITHIN_SECONDS} s")
        time.sleep(0.5)
    return time.perf_counter() - started


def invitations_per_address(mailbox: Path) -> Counter[str]:
    """How many messages each address has in the mailbox (the To header of each file)."""
    found: Counter[str] = Counter()
    for path in mailbox.glob("*.eml"):
        with path.open("rb") as file:
            for line in file:
                if line.lower().startswith(b"to:"):
                    found[line[3:].strip().decode()] += 1
                    break
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invitees", type=int, default=10_000)
    n = parser.parse_args().invitees
    with (
        tempfile.TemporaryDirectory() as directory,
        running_server(Path(directory) / "data") as server,
    ):
        assert server.process is not None
        pid = server.process.pid
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
        invitees = [f"guest{i}@example.com" for i in range(n)]
        for start in range(0, n, 1000):
            answer = api.post(
                f"/api/meetups/{meetup['id']}/invitations",
                headers=auth,
                json={"invitees": [{"email": e} for e in invitees[start : start + 1000]]},
            )
            answer.raise_for_status()
        settled = wait_until_quiet(server)
        before = peak_rss_mb(pid)
        mailbox = server.data_dir / "mailbox"
        already = sum(1 for _ in mailbox.glob("*.eml")) if mailbox.is_dir() else 0
        largest_tree = largest_process = 0.0
        cpu_before = tree_cpu_seconds(pid)
        started = time.perf_counter()
        api.post(f"/api/meetups/{meetup['id']}/publish", headers=auth).raise_for_status()
        while True:
            count = sum(1 for _ in mailbox.glob("*.eml")) - already
            in_all, largest = tree_rss_mb(pid)
            largest_tree, largest_process = max(largest_tree, in_all), max(largest_process, largest)
            if count >= n:
                break
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        cpu = tree_cpu_seconds(pid) - cpu_before
        after = peak_rss_mb(pid)
        wait_until_quiet(server)
        per_address = invitations_per_address(mailbox)
        missing = [e for e in invitees if per_address[e] == 0]
        twice = [e for e in invitees if per_address[e] > 1]
        print(f"{n} invitees: the invitations' own events handled {settled:.1f} s after inviting")
        print(f"{n} invitees: {seconds:.1f} s from publish to the last invitation")
        print(f"{n / seconds:.0f} invitations per second")
        print(f"{cpu:.1f} CPU seconds, {1000 * cpu / n:.2f} per 1000 invitations")
        print(f"server peak RSS: {before:.0f} MB after inviting, {after:.0f} MB after the fan-out")
        print(
            f"during the fan-out: at most {largest_tree:.0f} MB resident in the server and its"
            f" execution environments, {largest_process:.0f} MB in the largest process"
        )
        print(
            "every invitee exactly one invitation:"
            f" {'yes' if not missing and not twice else 'NO'}"
            f" ({len(missing)} without, {len(twice)} with more than one)"
        )


if __name__ == "__main__":
    main()
