"""Throughput, tail latency and start time of slsplay serve, against a minimal Starlette +
SQLite floor, for this checkout and, in the same run, other checkouts (before and after).

Run: .venv/bin/python bench/api_latency.py [--clients 50] [--seconds 20] [--warmup 3]
         [--rounds 2] [--also ROOT ...] [--logs DIR]
Needs wrk (installed from the system's packages when missing, as root) and two cores.

Each round measures the floors (bench/floor_app.py under uvicorn with its h11 parser on
asyncio: GET /row/{id} of one SQLite row; and GET /checked/row/{id}, which first checks an
RS256 bearer token with PyJWT, as slsplay's authorizer does), then slsplay serve of this
checkout, then of each --also checkout (a tree of this project: its src/ first on the
server's PYTHONPATH, its template.yaml; checked with the same environment before it starts,
and its functions' workers checked to run from there).
Each server is measured the same way:
- wrk, 2 threads and --clients connections, for --seconds after a --warmup run (during
  which slsplay's runtime starts its functions' worker processes); then the server's whole
  process tree is pinned to core 0, wrk runs on core 1: requests per second, p50 and p99
  latency of GET /api/meetups/{id}, a published meetup, with its organizer's bearer token;
- one connection: the median latency of sequential GETs on one kept-alive connection, by wrk
  (one thread, one connection, for ONE_CONNECTION_SECONDS) on core 1: the server's latency,
  not a Python client's;
- start: on the data the server above seeded and left, a fresh server (started on core 0)
  is timed from its spawn until its port accepts a connection and until its first 200
  answer to the same GET.
wrk runs a script that counts every answer outside 2xx; their sum is the non-2xx column.
It prints one row per server per round, ratios to the same round's floor (and to the floor
that checks a token), then the medians over the rounds and every median as a ratio to each
floor's. Lines of the servers' logs that say ERROR or Traceback, and wrk's errors, are printed
under the table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.api import bearer, new_meetup, sign_up_organizer  # noqa: E402
from tests.support.server import Server, free_port, running_server, stop  # noqa: E402

SERVER_CORE = 0
CLIENT_CORE = 1
WRK_THREADS = 2
ONE_CONNECTION_SECONDS = 5
START_WITHIN_SECONDS = 60
# wrk counts an answer slower than its --timeout (2 s by default) as an error and leaves it
# out of the distribution: a slow server's p99 would look better than it is.
WRK_TIMEOUT = "60s"
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
# wrk counts only answers of 400 and above as errors: this counts every one outside 2xx.
COUNT_NON_2XX = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non_2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non_2xx = non_2xx + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("non_2xx") end
  io.write(string.format("Non-2xx answers: %d\\n", total))
end
"""
FLOOR_ISSUER = "http://floor.invalid"
FLOOR_AUDIENCE = "floor"


@dataclass(frozen=True)
class Settings:
    """How each server is measured, from the command line."""

    clients: int
    seconds: float
    warmup: float
    logs: Path | None  # where to keep the servers' logs


@dataclass(frozen=True)
class Target:
    """A running server and the request every measurement makes of it."""

    url: str
    path: str
    headers: Mapping[str, str]
    pid: int


@dataclass
class Figures:
    """One server's figures in one round, and what looked wrong while measuring them."""

    server: str
    round: int  # from 1; 0 for the medians over the rounds
    requests_per_second: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    one_connection_p50_ms: float = 0.0
    port_ms: float = 0.0
    first_answer_ms: float = 0.0
    non_2xx: int = 0  # answers outside 2xx, warm-up and one connection included
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Wrk:
    """What a wrk run reports."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    errors: list[str]


def parse_wrk(output: str) -> Wrk:
    """Requests per second, the p50 and p99 of ``wrk --latency``'s output, and its errors."""

    def number(pattern: str) -> re.Match[str]:
        found = re.search(pattern, output, re.MULTILINE)
        if found is None:
            raise RuntimeError(f"wrk's output has no {pattern!r}:\n{output}")
        return found

    def percentile(p: int) -> float:
        found = number(rf"^\s*{p}%\s+([\d.]+)(us|ms|s|m|h)\s*$")
        return float(found[1]) * _UNIT_MS[found[2]]

    errors = [
        line.strip() for line in output.splitlines() if line.strip().startswith("Socket errors")
    ]
    return Wrk(
        float(number(r"^Requests/sec:\s+([\d.]+)")[1]),
        percentile(50),
        percentile(99),
        int(number(r"^Non-2xx answers: (\d+)")[1]),
        errors,
    )


def run_wrk(target: Target, clients: int, seconds: float, threads: int = WRK_THREADS) -> Wrk:
    """wrk on the client core against the target for so many seconds."""
    headers = [
        option for name, value in target.headers.items() for option in ("-H", f"{name}: {value}")
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(COUNT_NON_2XX)
        script.flush()
        command = [
            "taskset", "-c", str(CLIENT_CORE), "wrk",
            f"-t{threads}", f"-c{clients}", f"-d{max(1, round(seconds))}s",
            "--timeout", WRK_TIMEOUT, "--latency", "-s", script.name, *headers,
            f"{target.url}{target.path}",
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse_wrk(done.stdout)


def process_tree(pid: int) -> list[int]:
    """The process and all its descendants, parents before children."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name in parentheses may hold spaces: the parent's id follows it.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, unseen = [], [pid]
    while unseen:
        tree.append(unseen.pop(0))
        unseen += children.get(tree[-1], [])
    return tree


def pin_tree(pid: int, core: int) -> int:
    """Pin every thread of the process and of its descendants to one core; answers how many
    processes. Processes they start later inherit it."""
    tree = process_tree(pid)
    for member in tree:
        subprocess.run(  # noqa: S603
            ["taskset", "-a", "-c", "-p", str(core), str(member)],  # noqa: S607
            capture_output=True,
            check=member == pid,  # a worker may end meanwhile; the server may not
        )
    return len(tree)


@contextmanager
def on_core(core: int) -> Iterator[None]:
    """This script's thread runs on one core meanwhile."""
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {core})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def load_figures(target: Target, figures: Figures, settings: Settings) -> None:
    """wrk's figures after a warm-up, then one connection's: the server pinned to its core."""
    warm = run_wrk(target, settings.clients, settings.warmup)
    figures.notes += [f"warm-up: {error}" for error in warm.errors]
    # After the warm-up: the workers started during it are in the tree now.
    processes = pin_tree(target.pid, SERVER_CORE)
    figures.notes.append(f"processes pinned to core {SERVER_CORE}: {processes}")
    loaded = run_wrk(target, settings.clients, settings.seconds)
    figures.notes += loaded.errors
    figures.requests_per_second = loaded.requests_per_second
    figures.p50_ms, figures.p99_ms = loaded.p50_ms, loaded.p99_ms
    one = run_wrk(target, 1, ONE_CONNECTION_SECONDS, threads=1)
    figures.notes += [f"one connection: {error}" for error in one.errors]
    figures.one_connection_p50_ms = one.p50_ms
    figures.non_2xx = warm.non_2xx + loaded.non_2xx + one.non_2xx


def time_start(
    command: list[str], env: Mapping[str, str], port: int, target_path: str,
    headers: Mapping[str, str], log: Path,
) -> tuple[float, float]:  # fmt: skip
    """Spawn a server (on the server core) and time, in ms, until its port accepts and
    until it first answers 200 to the GET; it is stopped after."""
    # The client is made first: making one loads TLS settings (tens of ms), which would count
    # as the server's start.
    with (
        log.open("wb") as output,
        on_core(CLIENT_CORE),
        httpx.Client(timeout=START_WITHIN_SECONDS) as client,
    ):
        started = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603  (our own command)
            ["taskset", "-c", str(SERVER_CORE), *command],  # noqa: S607
            stdout=output, stderr=subprocess.STDOUT, env=dict(env),
        )  # fmt: skip
        try:
            deadline = time.monotonic() + START_WITHIN_SECONDS
            last = "no answer"

            def waiting(what: str) -> None:
                failed = None
                if process.poll() is not None:
                    failed = f"the server exited before {what}"
                elif time.monotonic() > deadline:
                    failed = f"no {what} within {START_WITHIN_SECONDS} s (last: {last})"
                if failed:
                    output.flush()
                    tail = log.read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"{failed}; the end of its log:\n{tail}")
                time.sleep(0.002)

            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    waiting("port accepting")
            port_ms = (time.perf_counter() - started) * 1000
            url = f"http://127.0.0.1:{port}{target_path}"
            while True:
                try:
                    answer = client.get(url, headers=dict(headers))
                    if answer.status_code == 200:
                        break
                    last = f"{answer.status_code} {answer.text[:200]}"
                except httpx.TransportError as e:
                    last = repr(e)
                waiting("200 answer")
            return port_ms, (time.perf_counter() - started) * 1000
        finally:
            stop(process)


def log_errors(log: Path, figures: Figures, settings: Settings) -> list[str]:
    """The first lines of a server's log that say something failed (kept in --logs)."""
    if not log.exists():
        return []
    if settings.logs is not None:
        settings.logs.mkdir(parents=True, exist_ok=True)
        server = re.sub(r"[^A-Za-z0-9]+", "-", figures.server).strip("-")
        shutil.copy(log, settings.logs / f"round{figures.round}-{server}-{log.name}")
    bad = []
    for line in log.read_text(errors="replace").splitlines():
        if "Traceback" not in line and "ERROR" not in line:
            continue
        said = line
        try:  # Powertools' JSON lines: the message and the exception's last line say most
            entry = json.loads(line)
            exception = str(entry.get("exception", "")).strip().splitlines()[-1:]
            said = " ".join([entry.get("message", ""), *exception])
        except (ValueError, AttributeError):
            pass
        bad.append(said.strip())
    return [f"{log.name}: {line[:200]}" for line in bad[:3]] + (
        [f"{log.name}: ... {len(bad) - 3} more such lines"] if len(bad) > 3 else []
    )


def floor_command(port: int) -> list[str]:
    """uvicorn serving bench/floor_app.py with its plain parser (h11) and loop (asyncio)."""
    return [
        sys.executable, "-m", "uvicorn", "--app-dir", str(ROOT / "bench"), "floor_app:app",
        "--http", "h11", "--loop", "asyncio",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip


def floor_token(directory: Path) -> tuple[Path, dict[str, str]]:
    """A public key file for the floor and the headers with a token it signed, as slsplay's
    (RS256, 2048 bits, issuer, audience, an hour to live)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = directory / "floor-key.pem"
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    now = int(time.time())
    claims = {"sub": "bench", "iss": FLOOR_ISSUER, "aud": FLOOR_AUDIENCE, "iat": now}
    token = jwt.encode({**claims, "exp": now + 3600}, key, algorithm="RS256")
    return public, {"Authorization": f"Bearer {token}"}


def floor_figures(round_number: int, settings: Settings) -> list[Figures]:
    """The floors' figures: one SQLite row read by Starlette under uvicorn; then the same
    after checking the bearer token, as slsplay's authorizer does before any function."""
    bare = Figures("floor (Starlette h11 + SQLite)", round_number)
    checked = Figures("floor + RS256 check (PyJWT)", round_number)
    with tempfile.TemporaryDirectory() as directory:
        database = Path(directory) / "floor.db"
        with sqlite3.connect(database) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("CREATE TABLE rows (id TEXT PRIMARY KEY, body TEXT)")
            conn.execute("INSERT INTO rows VALUES ('one', 'a row of the floor')")
        public_key, headers = floor_token(Path(directory))
        env = {
            **os.environ,
            "FLOOR_DB": str(database),
            "FLOOR_PUBLIC_KEY": str(public_key),
            "FLOOR_ISSUER": FLOOR_ISSUER,
            "FLOOR_AUDIENCE": FLOOR_AUDIENCE,
        }
        port = free_port()
        log = Path(directory) / f"floor-{port}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(  # noqa: S603  (our own command)
                floor_command(port), stdout=output, stderr=subprocess.STDOUT, env=env
            )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_WITHIN_SECONDS
            while True:
                try:
                    if httpx.get(f"{url}/row/one", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the floor did not start; see {log}")
                time.sleep(0.05)
            load_figures(Target(url, "/row/one", {}, process.pid), bare, settings)
            load_figures(Target(url, "/checked/row/one", headers, process.pid), checked, settings)
        finally:
            stop(process)
        bare.notes += log_errors(log, bare, settings)
        # On the same port, as slsplay's below.
        for figures, path, sent in ((bare, "/row/one", {}), (checked, "/checked/row/one", headers)):
            start_log = Path(directory) / f"start-{port}-{len(sent)}.log"
            figures.port_ms, figures.first_answer_ms = time_start(
                floor_command(port), env, port, path, sent, start_log
            )
            figures.notes += log_errors(start_log, figures, settings)
    return [bare, checked]


def tree_environment(root: Path) -> dict[str, str]:
    """This process's environment, with the tree's src/ first on the import path."""
    paths = [str(root / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


@contextmanager
def importing_from(root: Path) -> Iterator[None]:
    """Servers started meanwhile import slsplay from the tree: running_server passes this
    process's environment on and takes none of its own."""
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = tree_environment(root)["PYTHONPATH"]
    try:
        yield
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before


def check_tree(root: Path) -> str:
    """Fail unless a Python started as the servers are imports slsplay from the tree; answers
    the tree's label: its directory and commit."""
    shown = subprocess.run(
        [sys.executable, "-c", "import slsplay; print(slsplay.__file__)"],
        capture_output=True, text=True, env=tree_environment(root), check=True,
    )  # fmt: skip
    imported = Path(shown.stdout.strip()).resolve()
    if not imported.is_relative_to((root / "src").resolve()):
        raise SystemExit(f"{root}: the server would import slsplay from {imported}")
    if not (root / "template.yaml").is_file():
        raise SystemExit(f"{root} has no template.yaml")
    commit = subprocess.run(  # noqa: S603
        ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],  # noqa: S607
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    return f"{root} @ {commit or '?'}"


def check_workers(pid: int, root: Path) -> list[str]:
    """Fail if a function's worker process runs from another tree's code; answers a note."""
    workers = []
    for member in process_tree(pid)[1:]:
        try:
            command = Path(f"/proc/{member}/cmdline").read_bytes().split(b"\0")
            directory = Path(os.readlink(f"/proc/{member}/cwd"))
        except OSError:
            continue
        if b"slsplay.local.worker" in command:
            workers.append(member)
            # The runtime starts a worker in its function's CodeUri, from the template.
            if directory != (root / "src").resolve():
                raise RuntimeError(f"worker {member} of {root}'s server runs in {directory}")
    return [f"{len(workers)} function workers, all in {root / 'src'}"] if workers else []


def seed(api: httpx.Client, server: Server) -> tuple[str, dict[str, str]]:
    """A published meetup of a new organizer: its path, and the organizer's headers."""
    token = sign_up_organizer(api, server)["access_token"]
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
    published = api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(token))
    if published.status_code != 200:
        raise RuntimeError(f"publishing answered {published.status_code}: {published.text}")
    return f"/api/meetups/{meetup['id']}", bearer(token)


def slsplay_figures(root: Path, label: str, round_number: int, settings: Settings) -> Figures:
    """slsplay serve of a tree: loaded, then started afresh on the data it seeded."""
    figures = Figures(label, round_number)
    template = str(root / "template.yaml")
    with tempfile.TemporaryDirectory() as directory:
        data_dir = Path(directory) / "data"
        with (
            importing_from(root),
            running_server(data_dir, "--template", template) as server,
            httpx.Client(base_url=server.url, timeout=30) as api,
        ):
            assert server.process is not None  # a server of ours, not a deployed stage
            # running_server's log, beside the data directory
            port = int(server.url.rsplit(":", 1)[1])
            log = data_dir.parent / f"server-{port}.log"
            path, headers = seed(api, server)
            target = Target(server.url, path, headers, server.process.pid)
            load_figures(target, figures, settings)
            figures.notes += check_workers(server.process.pid, root)
        figures.notes += log_errors(log, figures, settings)
        # On the same port: the server's URL is its tokens' issuer, which another port's
        # server refuses. Not running_server: it yields only once the app answers, and this
        # times the port too.
        command = [
            sys.executable, "-m", "slsplay.cli", "serve", "--host", "127.0.0.1",
            "--port", str(port), "--data-dir", str(data_dir), "--template", template,
        ]  # fmt: skip
        start_log = Path(directory) / f"start-{port}.log"
        figures.port_ms, figures.first_answer_ms = time_start(
            command, tree_environment(root), port, path, headers, start_log
        )
        figures.notes += log_errors(start_log, figures, settings)
    return figures


def ratio(value: float, floor: float) -> str:
    """A figure as a multiple of the floor's."""
    return f"{value / floor:.2f}" if floor else "-"


def print_table(rows: list[Figures], floors: Mapping[int, tuple[Figures, Figures]]) -> None:
    """One line per row, ratios to the floors of the row's round: the bare one, and the one
    that checks a token (x jwt)."""
    width = max(len("server"), *(len(row.server) for row in rows))
    print(
        f"{'server':<{width}} {'round':>6} {'req/s':>8} {'x floor':>8} {'x jwt':>6}"
        f" {'p50 ms':>8} {'p99 ms':>8} {'x floor p99':>11} {'x jwt':>6} {'one-conn p50 ms':>15}"
        f" {'port ms':>8} {'first answer ms':>15} {'non-2xx':>8}"
    )
    for row in rows:
        bare, checked = floors[row.round]
        print(
            f"{row.server:<{width}} {row.round or 'median':>6} {row.requests_per_second:8.0f}"
            f" {ratio(row.requests_per_second, bare.requests_per_second):>8}"
            f" {ratio(row.requests_per_second, checked.requests_per_second):>6}"
            f" {row.p50_ms:8.1f} {row.p99_ms:8.1f} {ratio(row.p99_ms, bare.p99_ms):>11}"
            f" {ratio(row.p99_ms, checked.p99_ms):>6} {row.one_connection_p50_ms:15.2f}"
            f" {row.port_ms:8.0f} {row.first_answer_ms:15.0f} {row.non_2xx:8d}"
        )


def medians(rows: list[Figures]) -> list[Figures]:
    """Per server, in the order first met, the median of each figure over the rounds (the
    non-2xx answers: their sum)."""
    servers = dict.fromkeys(row.server for row in rows)
    found = []
    for server in servers:
        mine = [row for row in rows if row.server == server]

        def median(name: str, mine: list[Figures] = mine) -> float:
            return float(statistics.median(getattr(row, name) for row in mine))

        found.append(
            Figures(
                server,
                0,
                median("requests_per_second"),
                median("p50_ms"),
                median("p99_ms"),
                median("one_connection_p50_ms"),
                median("port_ms"),
                median("first_answer_ms"),
                sum(row.non_2xx for row in mine),
            )
        )
    return found


def print_ratios(rows: list[Figures], floor: Figures) -> None:
    """Every figure of every server as a multiple of the floor's."""
    width = max(len("server"), *(len(row.server) for row in rows))
    names = [
        ("req/s", "requests_per_second"),
        ("p50", "p50_ms"),
        ("p99", "p99_ms"),
        ("one-conn p50", "one_connection_p50_ms"),
        ("port", "port_ms"),
        ("first answer", "first_answer_ms"),
    ]
    print(f"{'x ' + floor.server:<{width}} " + " ".join(f"{title:>12}" for title, _ in names))
    for row in rows:
        print(
            f"{row.server:<{width}} "
            + " ".join(f"{ratio(getattr(row, n), getattr(floor, n)):>12}" for _, n in names)
        )


def ensure_wrk() -> None:
    """Install wrk from the system's packages if it is missing (as root, with apt-get)."""
    if shutil.which("wrk") is not None:
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise SystemExit("wrk is not installed, and this is no root with apt-get: install wrk")
    print("installing wrk (apt-get install wrk)", file=sys.stderr, flush=True)
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(install, env=environment, check=False).returncode != 0:  # noqa: S603
        subprocess.run(["apt-get", "update", "-qq"], env=environment, check=True)  # noqa: S607
        subprocess.run(install, env=environment, check=True)  # noqa: S603


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=50, help="wrk's connections")
    parser.add_argument("--seconds", type=float, default=20, help="each wrk run's length")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of wrk before a run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--logs", type=Path, help="a directory to keep the servers' logs in")
    parser.add_argument(
        "--also",
        type=Path,
        action="append",
        default=[],
        metavar="ROOT",
        help="another checkout of this project to measure too (repeatable)",
    )
    args = parser.parse_args()
    ensure_wrk()
    if shutil.which("taskset") is None or not {SERVER_CORE, CLIENT_CORE} <= os.sched_getaffinity(0):
        raise SystemExit(f"needs taskset and cores {SERVER_CORE} and {CLIENT_CORE}")
    settings = Settings(args.clients, args.seconds, args.warmup, args.logs)
    trees = [(root, check_tree(root)) for root in [ROOT, *(p.resolve() for p in args.also)]]
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(
        f"GET /api/meetups/{{id}} (floors: GET /row/one, GET /checked/row/one with a token);"
        f" wrk -t{WRK_THREADS} -c{args.clients} -d{args.seconds:.0f}s after"
        f" {args.warmup:.0f} s warm-up, then -t1 -c1 -d{ONE_CONNECTION_SECONDS}s; server on"
        f" core {SERVER_CORE}, wrk on core {CLIENT_CORE}; load average {load}",
        flush=True,
    )
    rows: list[Figures] = []
    floors: dict[int, tuple[Figures, Figures]] = {}
    for round_number in range(1, args.rounds + 1):
        bare, checked = floor_figures(round_number, settings)
        floors[round_number] = (bare, checked)
        rows += [bare, checked]
        for root, label in trees:
            rows.append(slsplay_figures(root, label, round_number, settings))
        print(f"round {round_number} of {args.rounds} done", file=sys.stderr, flush=True)
    print()
    print_table(rows, floors)
    summary = medians(rows)
    floors[0] = (summary[0], summary[1])
    print()
    print_table(summary, floors)
    print()
    print_ratios(summary[2:], summary[0])
    print()
    print_ratios(summary[2:], summary[1])
    print()
    for row in rows:
        for note in row.notes:
            print(f"round {row.round}, {row.server}: {note}")


if __name__ == "__main__":
    main()
