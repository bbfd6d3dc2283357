"""How long buying a ticket takes through slsplay serve and its local payment provider.

Run: .venv/bin/python bench/checkout.py [--buyers 40] [--backend local|aws]
One paid meetup with a seat for every buyer; each buyer in turn starts a checkout
(POST /api/rsvp/{token}/checkout: the seat held, the provider's session made), pays on the
provider's page (POST /_payments/checkout/{id}), and waits until the signed webhook has
reached the API and the ticket reads paid. Prints p50 / p95 / max of each step and of the
whole purchase, and checks the organizer's balance against the tickets sold.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.api import answer_link, bearer, new_meetup, sign_up_organizer  # noqa: E402
from tests.support.server import emulated_aws, running_server  # noqa: E402

PRICE = {"amount_minor": 2000, "currency": "EUR"}


def percentiles(label: str, seconds: list[float]) -> None:
    ordered = sorted(seconds)
    p50 = ordered[len(ordered) // 2] * 1000
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000
    print(f"{label:<38} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   max {ordered[-1] * 1000:7.1f} ms")


def run(buyers: int) -> None:
    with (
        tempfile.TemporaryDirectory() as directory,
        running_server(Path(directory) / "data") as s,
    ):
        api = httpx.Client(base_url=s.url, timeout=30)
        token = sign_up_organizer(api, s)["access_token"]
        auth = bearer(token)
        api.get(api.post("/api/me/payout-account", headers=auth).json()["onboarding_url"])
        meetup = new_meetup(api, token, price=PRICE, capacity=buyers)
        guests = [f"buyer{n}@example.com" for n in range(buyers)]
        api.post(
            f"/api/meetups/{meetup['id']}/invitations",
            headers=auth,
            json={"invitees": [{"email": g} for g in guests]},
        )
        api.post(f"/api/meetups/{meetup['id']}/publish", headers=auth)
        links = [answer_link(api, token, meetup["id"], g) for g in guests]
        starts, pays, confirms, wholes = [], [], [], []
        for link in links:
            began = time.perf_counter()
            started = api.post(f"/api/rsvp/{link}/checkout")
            assert started.status_code == 201, started.text
            checkout = started.json()["checkout"]["url"]
            held = time.perf_counter()
            paid = api.post(checkout, data={"card_number": "4242424242424242"})
            assert paid.status_code == 303, paid.text
            redirected = time.perf_counter()
            while api.get(f"/api/rsvp/{link}").json()["ticket"]["status"] != "paid":
                time.sleep(0.005)
            done = time.perf_counter()
            starts.append(held - began)
            pays.append(redirected - held)
            confirms.append(done - redirected)
            wholes.append(done - began)
        statement = api.get("/api/me/balance", headers=auth).json()
        total = statement["balances"][0]["total"]["amount_minor"]
        assert total == PRICE["amount_minor"] * buyers, statement
        balance = statement["balances"][0]["total"]["display"]
        print(f"{buyers} tickets sold; the organizer's balance: {balance}")
        percentiles("checkout started (seat held)", starts)
        percentiles("paid on the provider's page", pays)
        percentiles("webhook in, ticket paid (polled)", confirms)
        percentiles("whole purchase", wholes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--buyers", type=int, default=40)
    parser.add_argument("--backend", choices=("local", "aws"), default="local")
    args = parser.parse_args()
    print(f"backend: {args.backend}, {os.cpu_count()} CPUs")
    if args.backend == "aws":
        with emulated_aws():
            run(args.buyers)
    else:
        run(args.buyers)


if __name__ == "__main__":
    main()
