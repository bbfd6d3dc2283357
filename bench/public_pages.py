"""A public meetup's page through the local runtime's emulated edge cache, against the same
page with no cache, and how many invalidations a burst of answers makes.

Run: .venv/bin/python bench/public_pages.py [--clients 20] [--seconds 10] [--answers 1000]
Needs wrk (installed from the system's packages when missing, as root) and two cores.

Two servers of this checkout run side by side on seeded data: one with template.yaml as it
is (GET /m/{id} is answered by the edge once kept: ``X-Cache: Hit``), one with a copy whose
/m/* behaviour has AWS's caching-disabled policy (every request runs PublicPagesFunction).
Each is measured as bench/api_latency.py measures a server: wrk with --clients connections
after a warm-up, the server's processes pinned to one core and wrk to the other: requests
per second and p99. Then, on the cached server, a meetup with as many places as --answers
gets --answers answers by link, and the edge-cache function's invalidations are counted
(the data directory's file): printed per 1,000 answers.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api_latency import SERVER_CORE, Target, ensure_wrk, pin_tree, run_wrk  # noqa: E402
from tests.support.api import answer_link, bearer, new_meetup, sign_up_organizer  # noqa: E402
from tests.support.server import Server, running_server  # noqa: E402
from tests.support.waiting import eventually  # noqa: E402

from slsplay.adapters.local.edge_invalidations import SqliteEdgeInvalidations  # noqa: E402
from slsplay.bootstrap import EDGE_FILE  # noqa: E402

CACHED_POLICY = "CachePolicyId: !Ref PublicPagesCachePolicy"
CACHING_DISABLED = "CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad"


def uncached_template(directory: Path) -> Path:
    """A copy of template.yaml whose /m/* behaviour caches nothing, beside a link to src/."""
    text = (ROOT / "template.yaml").read_text()
    if text.count(CACHED_POLICY) != 1:
        raise SystemExit(f"template.yaml no longer has one {CACHED_POLICY!r}: update the bench")
    (directory / "src").symlink_to(ROOT / "src")
    copy = directory / "template.yaml"
    copy.write_text(text.replace(CACHED_POLICY, CACHING_DISABLED))
    return copy


def published(api: httpx.Client, token: str, **values: object) -> str:
    """A published public meetup's id."""
    meetup = new_meetup(api, token, visibility="public", **values)
    answer = api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(token))
    answer.raise_for_status()
    return str(meetup["id"])


def page_figures(server: Server, api: httpx.Client, clients: int, seconds: float) -> list[float]:
    """Requests per second and p99 (ms) of one public page, and the share of hits."""
    assert server.process is not None
    token = sign_up_organizer(api, server)["access_token"]
    meetup_id = published(api, token, title="Natural wine, explained", description="**Bold**")
    target = Target(server.url, f"/m/{meetup_id}", {}, server.process.pid)
    run_wrk(target, clients, 3)  # warm-up: the function's environments start
    pin_tree(server.process.pid, SERVER_CORE)
    loaded = run_wrk(target, clients, seconds)
    hit = api.get(target.path).headers.get("x-cache", "none")
    return [loaded.requests_per_second, loaded.p99_ms, float(hit.startswith("Hit"))]


def invalidations_per_thousand(server: Server, api: httpx.Client, answers: int) -> float:
    """Invalidations the edge-cache function makes for ``answers`` answers to one meetup
    with as many places, per 1,000 answers."""
    token = sign_up_organizer(api, server)["access_token"]
    meetup_id = published(api, token, capacity=answers)
    invitees = [{"email": f"guest{n}@example.com", "name": f"Guest {n}"} for n in range(answers)]
    api.post(
        f"/api/meetups/{meetup_id}/invitations", json={"invitees": invitees}, headers=bearer(token)
    ).raise_for_status()
    links = [answer_link(api, token, meetup_id, invitee["email"]) for invitee in invitees]
    eventually(server.quiet, seconds=300)
    feed = SqliteEdgeInvalidations(server.data_dir / EDGE_FILE)
    try:
        before = len(feed.since(0)[0])
        for link in links:
            api.post(f"/api/rsvp/{link}", json={"response": "attending"}).raise_for_status()
        eventually(server.quiet, seconds=300)
        made = len(feed.since(0)[0]) - before
    finally:
        feed.close()
    return made * 1000 / answers


def main() -> None:
    """Measure, then print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--answers", type=int, default=1000)
    settings = parser.parse_args()
    ensure_wrk()
    work = Path(tempfile.mkdtemp(prefix="slsplay-bench-pages-"))
    try:
        figures = {}
        with (
            running_server(work / "cached") as server,
            httpx.Client(base_url=server.url, timeout=60) as api,
        ):
            figures["cached"] = page_figures(server, api, settings.clients, settings.seconds)
            per_thousand = invalidations_per_thousand(server, api, settings.answers)
        template = uncached_template(work)
        with (
            running_server(work / "uncached", "--template", str(template)) as server,
            httpx.Client(base_url=server.url, timeout=60) as api,
        ):
            figures["uncached"] = page_figures(server, api, settings.clients, settings.seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'GET /m/{id}':<14} {'req/s':>9} {'p99 ms':>9} {'hit':>5}")
    for label, (rps, p99, hit) in figures.items():
        print(f"{label:<14} {rps:>9.0f} {p99:>9.1f} {'yes' if hit else 'no':>5}")
    cached, uncached = figures["cached"], figures["uncached"]
    print(
        f"cached/uncached: {cached[0] / uncached[0]:.1f}x the requests per second,"
        f" {uncached[1] / cached[1]:.1f}x lower p99"
    )
    print(f"invalidations per 1,000 answers: {per_thousand:.1f} ({settings.answers} answers)")


if __name__ == "__main__":
    main()
