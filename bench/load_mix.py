"""Whether every answer of slsplay serve stays the caller's own under a mix of reads and
writes by many accounts at once, and how fast it answers meanwhile.

Run: .venv/bin/python bench/load_mix.py [--accounts 20] [--clients 50] [--seconds 60]
     [--switch-interval 1e-5]
Starts ``slsplay serve`` as its own process on an empty data directory (``--switch-interval``
passed on: the server's interpreter then switches threads that often, so that state shared
between invocations shows), signs up --accounts accounts with a draft meetup each, then runs
--clients concurrent clients for --seconds (asyncio tasks on one loop, sharing one
``httpx.AsyncClient`` that keeps a connection alive for each), each request by a random
account, of a random kind: GET /api/me, GET /api/meetups/{id}, GET /api/me/meetups,
PATCH /api/meetups/{id} (no If-Match: 200, or 409 when a concurrent write got there first),
POST /api/meetups/{id}/invitations (201, or 409 likewise), and a GraphQL query of the
viewer and their meetups. Every answer is checked as tests/integration/test_concurrency.py checks
them: its status, whose it is, and that it carries what was sent; afterwards each meetup is
read back (the edit answered 200 with the highest version, every invitation answered 201).

Prints the requests in all and per kind, requests/s, p50 and p99 milliseconds, and the
counts of crossed answers (another account's data, or not what was sent), wrong statuses,
5xx (or no answer) and stored state differing from the answers; exits with 1 when any of
them is not 0. The load client shares the machine's cores with the server (2 here): the
figures are for correctness and for comparing runs, not the server's capacity.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.api import bearer, differences, new_meetup, sign_up  # noqa: E402
from tests.support.server import running_server  # noqa: E402

SHOWN = 5  # discrepancies printed of each category
REFUSED_FOR_A_RACE = {409: "version_conflict"}  # a concurrent write won; nothing was changed


@dataclass(frozen=True)
class Account:
    """A signed-up account and its one meetup."""

    id: str
    email: str
    name: str
    token: str
    meetup_id: str

    @property
    def auth(self) -> dict[str, str]:
        return bearer(self.token)

    @property
    def as_organizer(self) -> dict[str, str]:
        return {"organizer.id": self.id, "organizer.name": self.name}


@dataclass
class Tally:
    """Every request's latency by kind, and what was wrong."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    problems: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    problems_by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # meetup id -> (version, title) of each edit answered 200; emails answered 201
    edits: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    invited: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    races: int = 0  # writes refused because a concurrent write got there first (fair)

    def note(self, category: str, kind: str, what: str) -> None:
        self.problems[category].append(f"{kind}: {what}")
        self.problems_by_kind[kind] += 1

    def check(self, kind: str, who: Account, expected: Mapping[str, Any], answer: Any) -> None:
        for difference in differences(expected, answer):
            self.note("crossed", kind, f"{who.name}: {difference}")


class Load:
    """The clients' requests, each checked."""

    def __init__(self, client: httpx.AsyncClient, tally: Tally) -> None:
        self.client = client
        self.tally = tally
        self.numbers = itertools.count()

    async def request(
        self,
        kind: str,
        who: Account,
        method: str,
        path: str,
        statuses: set[int],
        json: Any = None,
    ) -> httpx.Response | None:
        """The answer if its status is one of ``statuses`` (or a race's refusal, then
        ``None``); anything else is noted."""
        started = time.perf_counter()
        try:
            answer = await self.client.request(method, path, json=json, headers=who.auth)
        except httpx.TransportError as e:
            self.tally.note("5xx", kind, f"{who.name}: no answer ({type(e).__name__})")
            return None
        finally:
            self.tally.latencies[kind].append(time.perf_counter() - started)
        status = answer.status_code
        if status in statuses:
            return answer
        refusal = REFUSED_FOR_A_RACE.get(status)
        if refusal is not None and _code(answer) == refusal and method != "GET":
            self.tally.races += 1
            return None
        category = "5xx" if status >= 500 else "wrong status"
        self.tally.note(category, kind, f"{who.name}: {status}: {answer.text[:140]}")
        return None

    async def me(self, who: Account) -> None:
        kind = "GET /api/me"
        answer = await self.request(kind, who, "GET", "/api/me", {200})
        if answer is not None:
            mine = {"id": who.id, "email": who.email, "name": who.name}
            self.tally.check(kind, who, mine, answer.json())

    async def meetup(self, who: Account) -> None:
        kind = "GET /api/meetups/{id}"
        path = f"/api/meetups/{who.meetup_id}"
        answer = await self.request(kind, who, "GET", path, {200})
        if answer is not None:
            body = answer.json()
            self.tally.check(kind, who, {"id": who.meetup_id, **who.as_organizer}, body)
            if not str(body.get("title")).startswith(f"{who.name}:"):
                self.tally.note("crossed", kind, f"{who.name}: title {body.get('title')!r}")

    async def my_meetups(self, who: Account) -> None:
        kind = "GET /api/me/meetups"
        answer = await self.request(kind, who, "GET", "/api/me/meetups", {200})
        if answer is not None:
            ids = [m.get("id") for m in answer.json().get("meetups", [])]
            if ids != [who.meetup_id]:
                self.tally.note("crossed", kind, f"{who.name}: {ids}, not {[who.meetup_id]}")

    async def edit(self, who: Account) -> None:
        kind = "PATCH /api/meetups/{id}"
        n = next(self.numbers)
        change = {"title": f"{who.name}: edit {n}", "description": f"{who.email}, edit {n}"}
        path = f"/api/meetups/{who.meetup_id}"
        answer = await self.request(kind, who, "PATCH", path, {200}, json=change)
        if answer is not None:
            body = answer.json()
            self.tally.check(kind, who, {"id": who.meetup_id, **change, **who.as_organizer}, body)
            if isinstance(body.get("version"), int) and body.get("title") == change["title"]:
                self.tally.edits[who.meetup_id].append((body["version"], change["title"]))

    async def invite(self, who: Account) -> None:
        kind = "POST /api/meetups/{id}/invitations"
        invitee = {"email": f"guest{next(self.numbers)}.of.{who.id.lower()}@example.com"}
        path = f"/api/meetups/{who.meetup_id}/invitations"
        answer = await self.request(kind, who, "POST", path, {201}, json={"invitees": [invitee]})
        if answer is not None:
            emails = [i.get("email") for i in answer.json().get("invitations", [])]
            if emails != [invitee["email"]]:
                self.tally.note("crossed", kind, f"{who.name}: {emails}, not {[invitee['email']]}")
            else:
                self.tally.invited[who.meetup_id].add(invitee["email"])

    async def graphql(self, who: Account) -> None:
        kind = "GraphQL viewer, myMeetups"
        query = (
            "{ viewer { email name } myMeetups(first: 5) {"
            " nodes { meetupId title organizer { name } } } }"
        )
        answer = await self.request(kind, who, "POST", "/api/graphql", {200}, {"query": query})
        if answer is None:
            return
        body = answer.json()
        if body.get("errors") or not isinstance(body.get("data"), dict):
            self.tally.note("wrong status", kind, f"{who.name}: {str(body)[:140]}")
            return
        data = body["data"]
        self.tally.check(kind, who, {"email": who.email, "name": who.name}, data.get("viewer"))
        nodes = (data.get("myMeetups") or {}).get("nodes") or []
        if [(m.get("meetupId"), m.get("organizer", {}).get("name")) for m in nodes] != [
            (who.meetup_id, who.name)
        ]:
            self.tally.note("crossed", kind, f"{who.name}: myMeetups {nodes}")


# How often each kind is picked: reads outnumber writes, as in the product.
MIX: dict[str, int] = {
    "me": 3,
    "meetup": 3,
    "my_meetups": 2,
    "graphql": 2,
    "edit": 2,
    "invite": 1,
}


async def drive(url: str, accounts: list[Account], clients: int, seconds: float) -> Tally:
    """``clients`` clients, each sending one request after another until ``seconds`` pass."""
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:
        load = Load(client, tally)
        kinds: dict[str, Callable[[Account], Awaitable[None]]] = {
            name: getattr(load, name) for name in MIX
        }
        deadline = time.perf_counter() + seconds

        async def one(n: int) -> None:
            picks = random.Random(n)  # a fixed mix per client: runs compare
            while time.perf_counter() < deadline:
                (kind,) = picks.choices(list(MIX), weights=list(MIX.values()))
                await kinds[kind](picks.choice(accounts))

        await asyncio.gather(*(one(n) for n in range(clients)))
    return tally


def read_back(api: httpx.Client, accounts: list[Account], tally: Tally) -> None:
    """Each meetup holds the accepted edit of the highest version and every invitation
    answered 201, and nothing else."""
    for who in accounts:
        meetup = api.get(f"/api/meetups/{who.meetup_id}", headers=who.auth).json()
        edits = sorted(tally.edits.get(who.meetup_id, []))
        versions = [version for version, _ in edits]
        if len(set(versions)) != len(versions):
            tally.note("stored", "read back", f"{who.name}: two edits answered as one version")
        if edits:
            expected = {"version": edits[-1][0], "title": edits[-1][1]}
            for difference in differences(expected, meetup):
                tally.note("stored", "read back", f"{who.name}'s meetup: {difference}")
        stored: set[str] = set()
        cursor = None
        while True:
            params = {"limit": 500, **({"cursor": cursor} if cursor else {})}
            path = f"/api/meetups/{who.meetup_id}/invitations"
            page = api.get(path, params=params, headers=who.auth).json()
            stored |= {i["email"] for i in page.get("invitations", [])}
            cursor = page.get("next_cursor")
            if not cursor:
                break
        invited = tally.invited.get(who.meetup_id, set())
        if stored != invited:
            lost, extra = len(invited - stored), len(stored - invited)
            tally.note(
                "stored", "read back", f"{who.name}'s invitations: {lost} lost, {extra} more"
            )


def report(tally: Tally, seconds: float) -> int:
    """Print the figures; answer the number of discrepancies."""
    print(f"{'kind':<36}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'wrong':>7}")
    everything: list[float] = []
    for kind, latencies in sorted(tally.latencies.items()):
        everything += latencies
        print(_row(kind, latencies, seconds, tally.problems_by_kind.get(kind, 0)))
    print(_row("all", everything, seconds, sum(tally.problems_by_kind.values())))
    counts = {c: len(tally.problems.get(c, [])) for c in ("crossed", "wrong status", "5xx")}
    counts["stored differently"] = len(tally.problems.get("stored", []))
    print("   ".join(f"{category}: {n}" for category, n in counts.items()))
    print(f"(and {tally.races} writes fairly refused with 409: a concurrent write came first)")
    for category, problems in tally.problems.items():
        for problem in problems[:SHOWN]:
            print(f"  {category}: {problem}")
    return sum(len(problems) for problems in tally.problems.values())


def _row(kind: str, latencies: list[float], seconds: float, wrong: int) -> str:
    ordered = sorted(latencies) or [0.0]
    p50 = ordered[len(ordered) // 2] * 1000
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)] * 1000
    rate = len(latencies) / seconds
    return f"{kind:<36}{len(latencies):>9}{rate:>8.0f}{p50:>9.1f}{p99:>9.1f}{wrong:>7}"


def _code(answer: httpx.Response) -> object:
    try:
        return answer.json().get("code")
    except ValueError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--accounts", type=int, default=20)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--switch-interval", help="passed to slsplay serve, e.g. 1e-5")
    args = parser.parse_args()
    extra = ("--switch-interval", args.switch_interval) if args.switch_interval else ()
    with (
        tempfile.TemporaryDirectory() as directory,
        running_server(Path(directory) / "data", *extra) as server,
        httpx.Client(base_url=server.url, timeout=30) as api,
    ):
        accounts = []
        for n in range(args.accounts):
            session = sign_up(api, f"Load{n}")
            meetup = new_meetup(api, session["access_token"], title=f"Load{n}: planned")
            user = session["user"]
            accounts.append(
                Account(
                    user["id"], user["email"], user["name"], session["access_token"], meetup["id"]
                )
            )
        interval = args.switch_interval or "the default"
        print(
            f"{args.accounts} accounts, {args.clients} concurrent clients, {args.seconds:.0f} s,"
            f" switch interval {interval}, on {os.cpu_count()} cores"
        )
        tally = asyncio.run(drive(server.url, accounts, args.clients, args.seconds))
        read_back(api, accounts, tally)
    sys.exit(1 if report(tally, args.seconds) else 0)


if __name__ == "__main__":
    main()
