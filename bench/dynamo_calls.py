"""DynamoDB requests per HTTP operation on the AWS backend, at a small and a large data size.

Run: .venv/bin/python bench/dynamo_calls.py [--small 2,5] [--large 60,600]
For every route of template.yaml's HTTP API, prints the DynamoDB requests one call makes,
by operation (GetItem, Query, TransactWriteItems, ...), at both sizes, the HTTP status of
each call, and GROWS where the large size makes more requests; then the routes that grow.

A size is "meetups,invitees": the meetups of the organizer whose list is read (and the
drafts of the guest who signs up, and so claims them), and the invitees of each meetup the
meetup routes act on (everyone invited to the published one that is read has answered
"attending"). The large default, 600 invitees, is past the 500 invitations that bulk reads
take per page. A page the client asks for (GET .../invitations: 100 invitations, GET
/api/me/meetups: 50 meetups) is a fixed amount of data: reading it should not grow.

Everything runs in this process: moto (mock_aws) holds the table as template.yaml declares
it and the stage's signing key; requests go through the local runtime's API Gateway (routes,
JWT authorizer, payload 2.0 events) to the template's functions, which run with the
template's own environment (SLSPLAY_BACKEND=aws, the stage's table). Accounts are made
through the API, the meetups, invitations and answers by the services straight into the
table. Requests are counted by a botocore hook on the session the app's clients come from,
once per API call (a retry would not count again; moto never throttles).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
from moto import mock_aws

from slsplay.adapters.aws.dynamo_store import DynamoItemStore
from slsplay.adapters.aws.provision import create_queue_pair, create_table
from slsplay.adapters.clock import SystemClock
from slsplay.adapters.tokens import new_signing_key
from slsplay.domain.invitations import Answer
from slsplay.local.apigateway import ApiGateway, HttpRequest, HttpResponse
from slsplay.local.routes import Route
from slsplay.local.template import Stack
from slsplay.ports import Check, ItemStore, TransactionOp
from slsplay.services import answers, meetups
from slsplay.services.bundles import StoreAndClock
from slsplay.services.meetups import MAX_INVITEES_PER_REQUEST
from slsplay.store.schema import TABLE

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.meetups import signed_up
from tests.support.moto_speed import one_rollback_copy_per_table

REGION = "eu-west-1"
STAGE = "bench"
PASSWORD = "a long enough password"  # noqa: S105  (a made-up account's)
HOST = "slsplay.example.com"


@dataclass(frozen=True)
class Size:
    """How much data the operations act on."""

    meetups: int
    invitees: int

    @classmethod
    def parse(cls, text: str) -> Size:
        """``"60,600"``: 60 meetups, 600 invitees."""
        meetups_count, invitees = (int(part) for part in text.split(","))
        return cls(meetups_count, invitees)

    def __str__(self) -> str:
        return f"{self.meetups} meetups, {self.invitees} invitees"


class RequestCounter:
    """Counts the DynamoDB API calls of every client made from a session, by operation."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def __call__(self, model: Any, **_: Any) -> None:
        self.counts[model.name] += 1


class Client:
    """Requests to the HTTP API, as a browser would send them to API Gateway."""

    def __init__(self, gateway: ApiGateway) -> None:
        self.gateway = gateway

    def call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        body: object = None,
        headers: Sequence[tuple[str, str]] = (),
    ) -> HttpResponse:
        """The gateway's response to one request."""
        sent = [("host", HOST), ("user-agent", "bench/dynamo_calls"), *headers]
        if token is not None:
            sent.append(("authorization", f"Bearer {token}"))
        data = b""
        if body is not None:
            sent.append(("content-type", "application/json"))
            data = json.dumps(body, default=datetime.isoformat).encode()
        return self.gateway.handle(HttpRequest(method, path, headers=sent, body=data))

    def ok(self, method: str, path: str, **options: Any) -> Any:
        """The JSON answer of a request that must succeed (setting up data)."""
        response = self.call(method, path, **options)
        if response.status >= 400:
            raise RuntimeError(f"{method} {path}: {response.status} {response.body[:300]!r}")
        return response.json() if response.body else None


def meetup_values(title: str) -> dict[str, Any]:
    """A meetup a month ahead, without capacity."""
    return {
        "title": title,
        "starts_at": (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0),
        "timezone": "Europe/Berlin",
        "duration_minutes": 90,
        "join_url": "https://meet.example.com/bench",
    }


# -- the data each size's operations act on ------------------------------------------------------


class SeedingStore(DynamoItemStore):
    """The table, written without transactions: to make the data the operations act on.

    Each moto transaction copies the whole table for its rollback (once, with the patch in
    ``one_rollback_copy_per_table``): a fifth of a second on a table of thousands of items,
    minutes for the thousands of transactions that seeding would be. The items are the
    services' own; only their atomicity is given up, which nothing here races for.
    """

    def _transact(self, ops: Sequence[TransactionOp]) -> None:
        for op in ops:
            if not isinstance(op, Check):
                self.write(op)


@dataclass
class World:
    """Accounts, meetups and links of one size."""

    label: str
    size: Size
    host: str = ""  # the organizer of the meetups below (an access token)
    main: str = ""  # published; every invitee attends
    invitee: str = ""
    answer_token: str = ""
    to_publish: str = ""  # a draft with invitees
    to_cancel: str = ""  # published, with invitees
    to_delete: str = ""  # a draft with invitees
    planner: str = ""  # the organizer with size.meetups meetups
    planner_email: str = ""
    refresh_tokens: list[str] = field(default_factory=list)
    guest: str = ""  # a guest with size.meetups drafts


def sign_up(client: Client, email: str, name: str) -> dict[str, Any]:
    """A new account, through the API: its session."""
    body = {"email": email, "password": PASSWORD, "name": name}
    session: dict[str, Any] = client.ok("POST", "/api/auth/signup", body=body)
    return session


def build_world(client: Client, store: ItemStore, label: str, size: Size) -> World:
    """The data of one size: accounts through the API, their meetups straight into the table."""
    world = World(label, size)
    clock = SystemClock()

    def meetup(organizer_id: str, title: str, invitees: int = 0) -> str:
        meetup_id = meetups.plan_meetup(
            StoreAndClock(store, clock), organizer_id, meetup_values(title)
        ).meetup.id
        emails = [{"email": f"{title}-{i}@example.com"} for i in range(invitees)]
        for start in range(0, invitees, MAX_INVITEES_PER_REQUEST):
            batch = emails[start : start + MAX_INVITEES_PER_REQUEST]
            meetups.invite_people(StoreAndClock(store, clock), organizer_id, meetup_id, batch)
        return meetup_id

    host = sign_up(client, f"host-{label}@example.com", "Host")
    host_id, world.host = host["user"]["id"], host["access_token"]
    world.main = meetup(host_id, f"main-{label}", size.invitees)
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, host_id), world.main)
    for i in range(size.invitees):
        email = f"main-{label}-{i}@example.com"
        answers.answer_invitation(StoreAndClock(store, clock), world.main, email, Answer.ATTENDING)
    world.invitee = f"main-{label}-0@example.com"
    world.answer_token, _ = answers.answer_link(
        StoreAndClock(store, clock), host_id, world.main, f"main-{label}-1@example.com"
    )
    world.to_publish = meetup(host_id, f"publish-{label}", size.invitees)
    world.to_cancel = meetup(host_id, f"cancel-{label}", size.invitees)
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, host_id), world.to_cancel)
    world.to_delete = meetup(host_id, f"delete-{label}", size.invitees)

    world.planner_email = f"planner-{label}@example.com"
    planner = sign_up(client, world.planner_email, "Planner")
    world.planner = planner["access_token"]
    world.refresh_tokens.append(planner["refresh_token"])
    login = {"email": world.planner_email, "password": PASSWORD}
    world.refresh_tokens.append(client.ok("POST", "/api/auth/login", body=login)["refresh_token"])
    for i in range(size.meetups):
        meetup(planner["user"]["id"], f"plan-{label}-{i}")

    guest = client.ok("POST", "/api/auth/guest")
    world.guest = guest["access_token"]
    for i in range(size.meetups):
        meetup(guest["user"]["id"], f"draft-{label}-{i}")
    return world


# -- the operations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One request of an operation: path values, token, body, and what it acts on."""

    what: str
    path: Mapping[str, str] = field(default_factory=dict)
    token: str | None = None
    body: object = None
    headers: Sequence[tuple[str, str]] = ()


def calls(world: World) -> dict[str, Call]:
    """The request each route of the API is measured with, by route key."""
    m, n = world.size.meetups, world.size.invitees
    main = {"id": world.main}
    link = {"token": world.answer_token}
    host, planner = world.host, world.planner
    login = {"email": world.planner_email, "password": PASSWORD}
    newcomer = {"email": f"new-{world.label}@example.com", "password": PASSWORD, "name": "New"}
    return {
        "POST /api/auth/signup": Call(
            f"a guest with {m} drafts signs up", token=world.guest, body=newcomer
        ),
        "POST /api/auth/login": Call(f"organizer with {m} meetups", body=login),
        "POST /api/auth/guest": Call("a new guest"),
        "POST /api/auth/refresh": Call(
            "an unspent refresh token", body={"refresh_token": world.refresh_tokens[0]}
        ),
        "POST /api/auth/logout": Call(
            "a refresh token", body={"refresh_token": world.refresh_tokens[1]}
        ),
        "GET /api/me": Call(f"organizer with {m} meetups", token=planner),
        "GET /.well-known/openid-configuration": Call("-"),
        "GET /.well-known/jwks.json": Call("-"),
        "POST /api/meetups": Call("a new draft", token=host, body=meetup_values("one more")),
        "GET /api/meetups/{id}": Call(f"{n} invitees", main, host),
        "PATCH /api/meetups/{id}": Call(
            f"{n} invitees, a new title", main, host, body={"title": "Renamed"}
        ),
        "DELETE /api/meetups/{id}": Call(f"a draft, {n} invitees", {"id": world.to_delete}, host),
        "POST /api/meetups/{id}/publish": Call(
            f"a draft, {n} invitees", {"id": world.to_publish}, host
        ),
        "POST /api/meetups/{id}/cancel": Call(
            f"published, {n} invitees", {"id": world.to_cancel}, host
        ),
        "POST /api/meetups/{id}/invitations": Call(
            f"1 more to {n} invitees",
            main,
            host,
            body={"invitees": [{"email": f"late-{world.label}@example.com"}]},
        ),
        "GET /api/meetups/{id}/invitations": Call(f"first page (100) of {n} invitees", main, host),
        "POST /api/meetups/{id}/invitations/link": Call(
            f"1 of {n} invitees", main, host, body={"email": world.invitee}
        ),
        "GET /api/meetups/{id}/attendees": Call(f"{n} attending", main, host),
        "GET /api/me/meetups": Call(f"first page (50) of {m} meetups", token=planner),
        "GET /api/rsvp/{token}": Call(f"meetup with {n} invitees", link),
        "POST /api/rsvp/{token}": Call(
            f"meetup with {n} invitees", link, body={"response": "declined"}
        ),
        "GET /api/unsubscribe/{token}": Call(f"meetup with {n} invitees", link),
        "POST /api/unsubscribe/{token}": Call(
            f"meetup with {n} invitees", link, headers=[("accept", "application/json")]
        ),
        "GET /api/openapi.json": Call("-"),
        "GET /api/docs": Call("-"),
    }


@dataclass(frozen=True)
class Measured:
    """What one request did: its HTTP status and its DynamoDB requests by operation."""

    status: int
    requests: Counter[str]

    def text(self) -> str:
        """``"3  Query 2, GetItem 1"``: the total, then each operation."""
        parts = ", ".join(f"{name} {count}" for name, count in self.requests.most_common())
        return f"{self.requests.total():>3}  {parts or '-'}"


def measure(client: Client, counter: RequestCounter, route: Route, call: Call) -> Measured:
    """Send ``call`` to ``route``, counting the DynamoDB requests it makes."""
    path = route.path
    for name, value in call.path.items():
        path = path.replace(f"{{{name}}}", value)
    counter.counts.clear()
    response = client.call(
        route.method, path, token=call.token, body=call.body, headers=call.headers
    )
    return Measured(response.status, Counter(counter.counts))


# -- the run ----------------------------------------------------------------------------------


@contextmanager
def aws(stack: Stack) -> Iterator[boto3.Session]:
    """moto, with the stage's table as the template declares it, its signing key and the
    notifier's queue.

    Yields the default session, from which the app's ``boto3.client`` calls build clients.
    """
    os.environ.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_SESSION_TOKEN="testing",
        AWS_DEFAULT_REGION=REGION,
        AWS_REGION=REGION,
        # moto in process does not know botocore's account-id endpoints.
        AWS_ACCOUNT_ID_ENDPOINT_MODE="disabled",
    )
    with mock_aws(), one_rollback_copy_per_table():
        boto3.setup_default_session()  # mock_aws starts without one
        session = boto3.DEFAULT_SESSION
        assert session is not None
        create_table(
            session.client("dynamodb"), stack.physical_name("Table"), stack.properties("Table")
        )
        session.client("secretsmanager").create_secret(
            Name=f"slsplay/{STAGE}/signing-key", SecretString=new_signing_key().decode()
        )
        # Signing up queues the email that confirms the address for the notifier.
        queue = stack.properties("NotifierQueue")
        create_queue_pair(
            session.client("sqs"),
            queue["QueueName"],
            queue["RedrivePolicy"]["maxReceiveCount"],
            dead_letter_name=stack.physical_name("NotifierDeadLetterQueue"),
        )
        yield session


Row = tuple[Route, Measured | None, Measured | None, str]


def print_table(small: Size, large: Size, rows: list[Row]) -> None:
    """One line per route: status, requests at each size, GROWS, what the large call did."""
    print("DynamoDB requests per call, aws backend on moto (in process)")
    print(f"small: {small}; large: {large}\n")
    path_width = max(len(route.path) for route, *_ in rows)
    texts = [run.text() for _, *runs, _ in rows for run in runs if run is not None]
    width = max(len(text) for text in texts)
    print(
        f"{'':<6} {'route':<{path_width}} {'status':>7}  {'small':<{width}}  "
        f"{'large':<{width}}  {'':<5}  the large call"
    )
    growing = []
    for route, small_run, large_run, what in rows:
        if small_run is None or large_run is None:
            print(f"{route.method:<6} {route.path:<{path_width}} {what}")
            continue
        grows = large_run.requests.total() > small_run.requests.total()
        if grows:
            growing.append(route.key)
        status = f"{small_run.status}/{large_run.status}"
        print(
            f"{route.method:<6} {route.path:<{path_width}} {status:>7}  "
            f"{small_run.text():<{width}}  {large_run.text():<{width}}  "
            f"{'GROWS' if grows else '':<5}  {what}"
        )
    print(f"\ngrow with the data: {', '.join(growing) if growing else 'none'}")


def report(small: Size, large: Size) -> None:
    """Measure every route at both sizes and print the table."""
    stack = Stack.load(parameters={"Stage": STAGE}, region=REGION)
    with aws(stack) as session:
        counter = RequestCounter()
        # Registered before the app builds its client: a client copies the session's hooks.
        session.events.register("before-call.dynamodb", counter)

        def client_of(service: str) -> Any:
            return session.client(service)  # type: ignore[call-overload]

        store = SeedingStore(stack.physical_name("Table"), TABLE, client_of)
        # The functions run with the template's own environment (the aws backend, the
        # stage's table and public URL); only the region is the runtime's, as Lambda's is.
        gateway = ApiGateway(
            stack, environment={"AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION}
        )
        with gateway:
            client = Client(gateway)
            worlds = [
                build_world(client, store, "small", small),
                build_world(client, store, "large", large),
            ]
            plans = [calls(world) for world in worlds]
            rows: list[Row] = []
            for route in gateway.routes.all():
                if route.key not in plans[0]:
                    rows.append((route, None, None, "(no request defined for this route)"))
                    continue
                small_run, large_run = (
                    measure(client, counter, route, plan[route.key]) for plan in plans
                )
                rows.append((route, small_run, large_run, plans[1][route.key].what))
    print_table(small, large, rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=Size.parse, default=Size(2, 5), help="meetups,invitees")
    parser.add_argument("--large", type=Size.parse, default=Size(60, 600), help="meetups,invitees")
    args = parser.parse_args()
    started = time.perf_counter()
    report(args.small, args.large)
    print(f"({time.perf_counter() - started:.0f} s in all)")


if __name__ == "__main__":
    main()
