"""DynamoDB requests per call of every function of template.yaml, at a small and a large size.

Run: .venv/bin/python bench/dynamo_calls.py [--small 2,5] [--large 60,600]

Every route of the HTTP API and every background function (the stream function, the
consumers of the notifier, search and media queues, the media function's conversion events,
the scheduled jobs) is called at both sizes, on the aws backend against moto in this
process. For each call it prints the DynamoDB requests made, by operation, the items written
(a transaction's writes one by one, its checks not), and the other AWS calls (queue sends,
emails, files). A background function is fed its records and messages one per invocation
(its event source would batch them: the figures are per record or message); its row shows
the call that made the most requests, its writes, and how many calls there were.

A size is "meetups,invitees": the meetups of the organizer whose list is read (each with a
photo), the drafts of the guests who sign up (and so claim them), the public meetups
searched; and the invitees of each meetup the meetup routes and jobs act on (all attending
where they answer). The large default, 600 invitees, is past the 500 items that bulk reads
take per page. A page the client asks for (GET .../invitations: 100 invitations, GET
/api/me/meetups: 50 meetups, a search: 20) is a fixed amount of data: reading it should not
grow.

Each size runs in a moto of its own (a table, queues, buckets and secrets as template.yaml
and the stage's set-up make them), so a job that reads everything due sees only its size's
data. The functions run in this process with the template's environment (every function's
variables together, as the runtime's in-process mode gives them), called as API Gateway,
the event source mappings, EventBridge and the schedules would call them: nothing times out
and nothing runs behind the measured call. Requests are counted by a botocore hook on the
session the app's clients come from, once per API call (a retry counts again; moto never
throttles); the seeding's own requests are not counted.

A row says GROWS when the large size made more requests than the small one, SCAN when a call
scanned, ERROR when a call failed or answered what it should not; a route or function never
called is listed as MISSING. Then the bench exits 1.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import re
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import boto3
import httpx
import jwt
from aws_lambda_powertools.utilities import parameters
from botocore.awsrequest import AWSResponse
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends
from PIL import Image

from slsplay.adapters.aws import secrets
from slsplay.adapters.aws.dynamo_store import DynamoItemStore
from slsplay.adapters.clock import SystemClock
from slsplay.bootstrap import Container, bootstrap
from slsplay.config import Settings
from slsplay.domain.invitations import Answer
from slsplay.domain.media import Media, MediaKind, Rendition
from slsplay.domain.tickets import EntryKind, LedgerEntry
from slsplay.domain.users import User
from slsplay.handlers.context import forget
from slsplay.ids import new_id
from slsplay.local import cloud
from slsplay.local.apigateway import HttpRequest, granted_event
from slsplay.local.functions import (
    LambdaFunction,
    lambda_functions,
    runtime_environment,
    shared_environment,
)
from slsplay.local.routes import http_api_routes
from slsplay.local.schedules import scheduled_event
from slsplay.local.sqs_events import sqs_event
from slsplay.local.template import Stack
from slsplay.ports import Check, ItemStore, Queue, TransactionOp
from slsplay.services import answers, discovery, meetups, tickets
from slsplay.services.bundles import StoreAndClock
from slsplay.services.meetups import MAX_INVITEES_PER_REQUEST
from slsplay.store.repositories import (
    InvitationRepository,
    MediaRepository,
    MeetupRepository,
    UserRepository,
)
from slsplay.store.schema import TABLE
from slsplay.store.tickets import LedgerRepository

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.clock import FakeClock
from tests.support.meetups import signed_up
from tests.support.moto_speed import one_rollback_copy_per_table
from tests.support.oidc_provider import OidcProvider
from tests.support.ports import GivenPorts
from tests.support.stripe_fake import SECRET_KEY, StripeFake

REGION = "eu-west-1"
STAGE = "bench"
PASSWORD = "a long enough password"  # noqa: S105  (a made-up account's)
HOST = "slsplay.example.com"
STRIPE_KEYS = {"secret_key": SECRET_KEY, "webhook_secret": "whsec_bench"}
PROVIDER = "test"  # the social sign-in provider, an OpenID provider served from this process
EVENTS = Path(__file__).resolve().parents[1] / "tests" / "events"


@dataclass(frozen=True)
class Size:
    """How much data the calls act on."""

    meetups: int
    invitees: int

    @classmethod
    def parse(cls, text: str) -> Size:
        """``"60,600"``: 60 meetups, 600 invitees."""
        meetups_count, invitees = (int(part) for part in text.split(","))
        return cls(meetups_count, invitees)

    def __str__(self) -> str:
        return f"{self.meetups} meetups, {self.invitees} invitees"


# -- what a call did ----------------------------------------------------------------------------


@dataclass
class Usage:
    """One call: its DynamoDB requests by operation, the items it wrote, its other AWS calls,
    and what went wrong, if anything."""

    requests: Counter[str] = field(default_factory=Counter)
    writes: int = 0
    other: Counter[str] = field(default_factory=Counter)
    error: str | None = None

    @property
    def total(self) -> int:
        """How many DynamoDB requests."""
        return self.requests.total()


def items_written(operation: str, params: Mapping[str, Any]) -> int:
    """The items a DynamoDB request writes (puts, updates and deletes; not a check)."""
    if operation in ("PutItem", "UpdateItem", "DeleteItem"):
        return 1
    if operation == "BatchWriteItem":
        return sum(len(requests) for requests in params["RequestItems"].values())
    if operation == "TransactWriteItems":
        return sum(1 for item in params["TransactItems"] if "ConditionCheck" not in item)
    return 0


class Meter:
    """A botocore hook: the AWS calls of the call being measured (none while seeding)."""

    def __init__(self) -> None:
        self.usage: Usage | None = None

    def __call__(
        self, params: Mapping[str, Any], model: Any, context: Mapping[str, Any] | None, **_: Any
    ) -> None:
        if self.usage is None or (context or {}).get("is_presign_request"):
            return  # the seeding's calls, or a URL being signed (no request is sent)
        service, operation = model.service_model.service_name, model.name
        if service == "dynamodb":
            self.usage.requests[operation] += 1
            self.usage.writes += items_written(operation, params)
        else:
            self.usage.other[f"{service} {operation}"] += 1


Row = tuple[str, str]  # (a route's key or a function's logical id, the kind of call)


@dataclass
class Results:
    """Every measured call of one size, by row, and what each row's calls acted on."""

    calls: dict[Row, list[Usage]] = field(default_factory=dict)
    what: dict[Row, str] = field(default_factory=dict)

    def add(self, row: Row, usage: Usage, what: str) -> None:
        """Record one call of ``row``."""
        self.calls.setdefault(row, []).append(usage)
        self.what.setdefault(row, what)


class SetupFailed(Exception):
    """A call that makes the data a measured call needs failed: the bench cannot go on."""


# -- calling the template's functions -------------------------------------------------------------


@dataclass(frozen=True)
class Answered:
    """An HTTP answer: status, headers and body (JSON when it is JSON)."""

    status: int
    headers: Mapping[str, str]
    body: Any

    @property
    def location(self) -> str:
        """Where a redirect sends."""
        return str(self.headers.get("Location") or self.headers.get("location") or "")


class Runner:
    """The template's functions in this process, called as their event sources call them.

    A call given a ``what`` is measured and recorded under its row; one without is set-up:
    it must succeed, or the bench stops.
    """

    def __init__(self, stack: Stack, functions: Mapping[str, LambdaFunction], meter: Meter) -> None:
        self.stack = stack
        self.functions = functions
        self.routes = http_api_routes(stack)
        self.meter = meter
        self.results = Results()
        self.tier: EventTier | None = None

    def invoke(self, logical_id: str, event: dict[str, Any], row: Row | None, what: str) -> Any:
        """The function's result for ``event``; measured under ``row`` unless it is None."""
        function = self.functions[logical_id]
        context = function.config.context(str(uuid.uuid4()), "2030/01/01/[$LATEST]bench")
        if row is None:
            return function.handler()(event, context)
        usage = Usage()
        self.meter.usage = usage
        result = None
        try:
            result = function.handler()(event, context)
        except Exception as e:  # noqa: BLE001  (shown in the table, and the bench fails)
            usage.error = f"{type(e).__name__}: {e}"[:160]
        finally:
            self.meter.usage = None
            self.results.add(row, usage, what)
        return result

    def http(
        self,
        method: str,
        path: str,
        what: str | None = None,
        *,
        token: str | None = None,
        body: object = None,
        raw: bytes | None = None,
        query: str = "",
        headers: Mapping[str, str] | None = None,
        expect: int = 200,
    ) -> Answered:
        """One request to the HTTP API, as API Gateway hands it to the route's function
        (its authorizer having granted the token's claims)."""
        sent = [("host", HOST), ("user-agent", "bench/dynamo_calls")]
        sent += [(name.lower(), value) for name, value in (headers or {}).items()]
        data = raw or b""
        if body is not None:
            sent.append(("content-type", "application/json"))
            data = json.dumps(body, default=datetime.isoformat).encode()
        if token is not None:
            sent.append(("authorization", f"Bearer {token}"))
        matched = self.routes.match(method, path)
        if matched is None:
            raise SetupFailed(f"no route for {method} {path}")
        claims = None
        if matched.route.authorizer is not None and token is not None:
            claims = jwt.decode(token, options={"verify_signature": False})
        request = HttpRequest(method, path, query=query, headers=sent, body=data)
        event = granted_event(self.stack, request, matched, claims)
        row = None if what is None else (matched.route.key, "")
        result = self.invoke(matched.route.function, event, row, what or "")
        if result is None:  # failed, and recorded so
            return Answered(0, {}, None)
        answered = _answered(result)
        if answered.status != expect:
            problem = f"HTTP {answered.status}, not {expect}: {str(answered.body)[:120]}"
            if row is None:
                raise SetupFailed(f"{method} {path}: {problem}")
            self.results.calls[row][-1].error = problem
        return answered

    def job(self, logical_id: str, what: str) -> Any:
        """A scheduled run of a job now, as its EventBridge rule invokes it."""
        event = scheduled_event(
            rule_arn=f"arn:aws:events:{REGION}:{self.stack.account_id}:rule/{logical_id}",
            at=datetime.now(UTC),
            account_id=self.stack.account_id,
            region=REGION,
        )
        return self.invoke(logical_id, event, (logical_id, "a scheduled run"), what)

    def settle(self) -> None:
        """Deliver what the calls so far set off: table changes, then queued messages."""
        assert self.tier is not None
        self.tier.settle()


def _answered(result: Mapping[str, Any]) -> Answered:
    headers = dict(result.get("headers") or {})
    text = result.get("body") or ""
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    body: Any = json.loads(text) if "json" in content_type and text else text
    return Answered(int(result["statusCode"]), headers, body)


class EventTier:
    """The stream function and the queues' consumers, fed what moto's Streams and SQS hand
    out, one record or message per invocation."""

    def __init__(self, runner: Runner, session: boto3.Session, seeding: Container) -> None:
        self.runner = runner
        stack = runner.stack
        dynamodb = session.client("dynamodb")
        table = dynamodb.describe_table(TableName=stack.physical_name("Table"))["Table"]
        self.streams = session.client("dynamodbstreams")
        stream_arn = table["LatestStreamArn"]
        (shard,) = self.streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"]
        self.iterator = self.streams.get_shard_iterator(
            StreamArn=stream_arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        sqs = session.client("sqs")
        self.consumers: list[tuple[str, Queue, str]] = []
        for logical_id in stack.resources("AWS::Serverless::Function"):
            for source in (stack.properties(logical_id).get("Events") or {}).values():
                if source["Type"] == "SQS":
                    queue_arn = source["Properties"]["Queue"]
                    url = sqs.get_queue_url(QueueName=queue_arn.rsplit(":", 1)[1])["QueueUrl"]
                    self.consumers.append((logical_id, seeding.queue(url), queue_arn))

    def records(self) -> list[dict[str, Any]]:
        """The table's changes since the last read, as GetRecords answers them."""
        found: list[dict[str, Any]] = []
        while True:
            answer = self.streams.get_records(ShardIterator=self.iterator, Limit=1000)
            self.iterator = answer["NextShardIterator"]
            if not answer["Records"]:
                return found
            found += answer["Records"]

    def skip(self) -> None:
        """Forget what the seeding set off: its changes and queued messages go undelivered."""
        self.records()
        for _, queue, _ in self.consumers:
            while messages := queue.receive(10):
                for message in messages:
                    queue.delete(message.receipt_handle)

    def settle(self) -> None:
        """Deliver changes and messages until neither has anything new."""
        while True:
            records = self.records()
            for record in records:
                self.runner.invoke(
                    "StreamFunction", {"Records": [record]}, ("StreamFunction", "a change"), ""
                )
            delivered = 0
            for logical_id, queue, queue_arn in self.consumers:
                while messages := queue.receive(10):
                    for message in messages:
                        self._deliver(logical_id, queue_arn, message)
                        queue.delete(message.receipt_handle)
                        delivered += 1
            if not records and not delivered:
                return

    def _deliver(self, logical_id: str, queue_arn: str, message: Any) -> None:
        event = sqs_event([message], queue_arn=queue_arn, region=REGION)
        kind = _message_kind(message.body)
        result = self.runner.invoke(logical_id, event, (logical_id, kind), "")
        if result is not None and result.get("batchItemFailures"):
            self.runner.results.calls[(logical_id, kind)][-1].error = "the message failed"


def _message_kind(body: str) -> str:
    data = json.loads(body)
    if "Records" in data:
        return "an upload arrived"
    return str(data.get("event", "?"))


# -- the clouds, one per size -----------------------------------------------------------------------


def mediaconvert_answers(request: Any, **_: Any) -> AWSResponse | None:
    """MediaConvert's answer to CreateJob (no MediaConvert runs offline, nor in moto)."""
    if "mediaconvert" not in request.url:
        return None
    body = json.dumps({"job": {"id": "1773310502123-k3v9qa", "role": "r", "settings": {}}})
    return AWSResponse(request.url, 201, {"Content-Type": "application/json"}, _Raw(body))


class _Raw:
    def __init__(self, body: str) -> None:
        self._body = body.encode()

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


@dataclass
class Cloud:
    """One size's moto: the functions' runner, and the adapters that seed its data."""

    runner: Runner
    seeding: Container
    store: ItemStore
    stripe: StripeFake
    provider: OidcProvider

    def ports(self, clock: Any = None) -> GivenPorts:
        """The seeding's ports for a use case: the table and the time (and the index)."""
        return GivenPorts(self.store, clock or SystemClock(), search=self.seeding.search)


class SeedingStore(DynamoItemStore):
    """The table, written without transactions: to make the data the calls act on.

    Each moto transaction copies the whole table for its rollback (once, with the patch in
    ``one_rollback_copy_per_table``): a fifth of a second on a table of thousands of items,
    minutes for the thousands of transactions that seeding would be. The items are the
    services' own; only their atomicity is given up, which nothing here races for.
    """

    def _transact(self, ops: Sequence[TransactionOp]) -> None:
        for op in ops:
            if not isinstance(op, Check):
                self.write(op)


@contextmanager
def aws(stack: Stack, meter: Meter, stripe: StripeFake, provider: OidcProvider) -> Iterator[Cloud]:
    """A moto of its own with what template.yaml and the stage's set-up make, and the
    functions ready to run against it."""
    os.environ.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_SESSION_TOKEN="testing",
        AWS_DEFAULT_REGION=REGION,
        AWS_REGION=REGION,
        # moto in process does not know botocore's account-id endpoints.
        AWS_ACCOUNT_ID_ENDPOINT_MODE="disabled",
    )
    overrides = {
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "SLSPLAY_STRIPE_API_BASE": stripe.url,
        "POWERTOOLS_LOG_LEVEL": "ERROR",
    }
    functions = lambda_functions(stack, overrides, in_process=True)
    environment = shared_environment(functions, overrides)
    with mock_aws(), one_rollback_copy_per_table(), runtime_environment(environment, set()):
        boto3.setup_default_session()  # mock_aws starts without one
        session = boto3.DEFAULT_SESSION
        assert session is not None
        # Registered before any client is built: a client copies its session's hooks.
        session.events.register("before-parameter-build", meter)
        session.events.register("before-send.mediaconvert", mediaconvert_answers)
        mail_from = environment["SLSPLAY_MAIL_FROM"]
        cloud.provision(stack, session.client, stage=STAGE, mail_from=mail_from)
        keys = session.client("secretsmanager")
        keys.create_secret(
            Name=secrets.stripe_keys_name(STAGE), SecretString=json.dumps(STRIPE_KEYS)
        )
        providers = {
            PROVIDER: {
                "discovery_url": provider.discovery_url,
                "client_id": provider.client_id,
                "client_secret": provider.client_secret,
                "display_name": "Test ID",
            }
        }
        keys.create_secret(
            Name=secrets.sign_in_providers_name(STAGE), SecretString=json.dumps(providers)
        )
        settings = Settings(
            backend="aws",
            table_name=stack.physical_name("Table"),
            aws_region=REGION,
            stage=STAGE,
            mail_from=mail_from,
            media_bucket=stack.physical_name("MediaBucket"),
        )
        seeding = bootstrap(settings)
        store = SeedingStore(stack.physical_name("Table"), TABLE, session.client)
        runner = Runner(stack, functions, meter)
        runner.tier = EventTier(runner, session, seeding)
        try:
            yield Cloud(runner, seeding, store, stripe, provider)
        finally:
            for function in functions.values():
                function.close()
            forget()
            secrets._provider.cache_clear()
            parameters.clear_caches()
            boto3.DEFAULT_SESSION = None


def mails_to(address: str) -> list[EmailMessage]:
    """What SES (moto's, in this process) was given to send to ``address``, oldest first."""
    sent = [
        email.message_from_string(m.raw_data, _class=EmailMessage, policy=email.policy.default)
        for m in ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages
    ]
    return [m for m in sent if address in str(m["To"])]


def emailed(address: str, pattern: str) -> str:
    """The first group of ``pattern`` in the latest email to ``address`` that has it."""
    for message in reversed(mails_to(address)):
        text = f"{message['Subject']}\n{message.get_body(('plain',)).get_content()}"
        if found := re.search(pattern, text):
            return found.group(1)
    raise SetupFailed(f"no email to {address} matches {pattern!r}")


# -- the data of one size -----------------------------------------------------------------------


def meetup_values(title: str, **more: Any) -> dict[str, Any]:
    """A meetup a month ahead (or when ``starts_at`` says), without capacity."""
    values = {
        "title": title,
        "starts_at": (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0),
        "timezone": "Europe/Berlin",
        "duration_minutes": 90,
        "join_url": "https://meet.example.com/bench",
    }
    return values | more


def photo(size: tuple[int, int] = (1200, 800)) -> bytes:
    """A JPEG, as a phone would send it."""
    buffer = BytesIO()
    Image.new("RGB", size, (200, 60, 20)).save(buffer, "JPEG")
    return buffer.getvalue()


@dataclass
class World:
    """The accounts, meetups and links one size's calls act on."""

    size: Size
    host: str = ""  # an organizer (access token), who can be paid
    host_id: str = ""
    main: str = ""  # published; every invitee attends
    answer_token: str = ""  # an invitee's of main
    to_publish: str = ""  # a draft with invitees
    to_cancel: str = ""  # published, with invitees
    to_delete: str = ""  # a draft with invitees
    full: str = ""  # published, one seat, every other invitee waiting
    public: str = ""  # public and published, with invitees, to join
    series: str = ""  # the first occurrence of a monthly series
    paid: str = ""  # published, a price, with invitees
    paid_token: str = ""  # an invitee's of paid
    planner: str = ""  # an organizer with size.meetups meetups, each with a photo
    planner_email: str = ""
    guest: str = ""  # a guest with size.meetups drafts
    social_guest: str = ""  # another one


def build_world(c: Cloud, size: Size) -> World:
    """The data of one size: accounts through the API, the rest straight into the table."""
    r, w = c.runner, World(size)
    clock = SystemClock()
    ports = c.ports()

    def meetup(organizer_id: str, title: str, invitees: int = 0, **more: Any) -> str:
        meetup_id = meetups.plan_meetup(ports, organizer_id, meetup_values(title, **more)).meetup.id
        emails = [{"email": f"{title}-{i}@example.com"} for i in range(invitees)]
        for start in range(0, invitees, MAX_INVITEES_PER_REQUEST):
            batch = emails[start : start + MAX_INVITEES_PER_REQUEST]
            meetups.invite_people(ports, organizer_id, meetup_id, batch)
        return meetup_id

    def publish(meetup_id: str) -> None:
        meetups.publish_meetup(StoreAndClock(c.store, clock), w.host_id, meetup_id)

    def attend(meetup_id: str, title: str, people: range) -> None:
        for i in people:
            answers.answer_invitation(
                ports, meetup_id, f"{title}-{i}@example.com", Answer.ATTENDING
            )

    n = size.invitees
    host = r.http("POST", "/api/auth/signup", body=account("host"), expect=201).body
    w.host, w.host_id = host["access_token"], host["user"]["id"]
    signed_up(c.store, w.host_id)
    r.http("POST", "/api/me/payout-account", token=w.host)
    w.main = meetup(w.host_id, "main", n)
    publish(w.main)
    attend(w.main, "main", range(n))
    w.answer_token, _ = answers.answer_link(ports, w.host_id, w.main, "main-1@example.com")
    w.to_publish = meetup(w.host_id, "publish", n)
    w.to_cancel = meetup(w.host_id, "cancel", n)
    publish(w.to_cancel)
    w.to_delete = meetup(w.host_id, "delete", n)
    w.full = meetup(w.host_id, "full", n, capacity=1)
    publish(w.full)
    attend(w.full, "full", range(n))  # the first takes the seat, the others wait in line
    w.public = meetup(w.host_id, "open-0", n, visibility="public", category="food")
    publish(w.public)
    for i in range(1, size.meetups):
        publish(meetup(w.host_id, f"open-{i}", visibility="public", category="food"))
    for found in MeetupRepository(c.store).of_organizer(w.host_id, limit=1000)[0]:
        discovery.index_meetup(ports, found.id)
    w.series = meetup(w.host_id, "series", n, recurrence={"frequency": "monthly"})
    price = {"amount_minor": 2500, "currency": "EUR"}
    w.paid = meetup(w.host_id, "paid", n, price=price)
    publish(w.paid)
    w.paid_token, _ = answers.answer_link(ports, w.host_id, w.paid, "paid-0@example.com")

    w.planner_email = "planner@example.com"
    planner = r.http("POST", "/api/auth/signup", body=account("planner"), expect=201).body
    w.planner = planner["access_token"]
    for i in range(size.meetups):
        with_photo(c.store, meetup(planner["user"]["id"], f"plan-{i}"))
    w.guest = r.http("POST", "/api/auth/guest", expect=201).body["access_token"]
    w.social_guest = r.http("POST", "/api/auth/guest", expect=201).body["access_token"]
    for token, title in ((w.guest, "draft"), (w.social_guest, "social")):
        guest_id = jwt.decode(token, options={"verify_signature": False})["sub"]
        for i in range(size.meetups):
            meetup(guest_id, f"{title}-{i}")
    return w


def account(name: str) -> dict[str, str]:
    """What a new account signs up with."""
    return {"email": f"{name}@example.com", "password": PASSWORD, "name": name.title()}


def with_photo(store: ItemStore, meetup_id: str) -> None:
    """A ready photo for the meetup, its cover."""
    now = datetime.now(UTC)
    picture = Media.request(
        media_id=new_id(),
        meetup_id=meetup_id,
        kind=MediaKind.PHOTO,
        content_type="image/jpeg",
        size=1000,
        now=now,
    )
    picture.start_processing(now)
    picture.finish((Rendition("w320.webp", "image/webp", 320, 240),), now)
    MediaRepository(store).add(picture)
    MediaRepository(store).offer_cover(picture)


# -- the calls ------------------------------------------------------------------------------------


def call_auth(c: Cloud, w: World) -> None:
    """Every route of the auth function."""
    r, m = c.runner, w.size.meetups
    r.http("POST", "/api/auth/guest", "a new guest", expect=201)
    newcomer = r.http(
        "POST",
        "/api/auth/signup",
        f"a guest with {m} drafts signs up",
        token=w.guest,
        body=account("newcomer"),
        expect=201,
    ).body
    r.settle()  # the notifier emails the link that confirms the address
    r.http(
        "POST",
        "/api/auth/verify/resend",
        "an account not confirmed yet",
        token=newcomer["access_token"],
        expect=202,
    )
    r.settle()
    token = emailed("newcomer@example.com", r"/verify/([A-Za-z0-9_-]+)")
    r.http("POST", "/api/auth/verify", "the link just emailed", body={"token": token})
    login = {"email": w.planner_email, "password": PASSWORD}
    session = r.http("POST", "/api/auth/login", f"organizer with {m} meetups", body=login).body
    refreshed = r.http(
        "POST",
        "/api/auth/refresh",
        "an unspent refresh token",
        body={"refresh_token": session["refresh_token"]},
    ).body
    r.http(
        "POST",
        "/api/auth/logout",
        "a refresh token",
        body={"refresh_token": refreshed["refresh_token"]},
        expect=204,
    )
    r.http("GET", "/api/me", f"organizer with {m} meetups", token=w.planner)
    asked = {"email": w.planner_email}
    r.http("POST", "/api/auth/password/forgot", "an account's address", body=asked, expect=202)
    r.settle()
    reset = {"token": emailed(w.planner_email, r"/reset/([A-Za-z0-9_-]+)"), "password": PASSWORD}
    r.http("POST", "/api/auth/password/reset", "the link just emailed", body=reset)
    r.http("POST", "/api/auth/code", "an account's address", body=asked, expect=202)
    r.settle()
    code = {**asked, "code": emailed(w.planner_email, r"sign-in code: (\d{6})")}
    r.http("POST", "/api/auth/code/verify", "the code just emailed", body=code)
    r.http("GET", "/api/auth/providers", "one provider")
    start = r.http(
        "GET",
        f"/api/auth/oidc/{PROVIDER}/start",
        f"a guest with {m} drafts",
        token=w.social_guest,
        query=urlencode({"next": "/meetups"}),
        headers={"accept": "application/json"},
    ).body
    # The browser at the provider, which answers with the code at once.
    authorize = httpx.get(start["authorize_url"], follow_redirects=False)
    back = urlsplit(authorize.headers["location"])
    landed = r.http(
        "GET",
        back.path,
        f"a new account, claiming {m} drafts",
        query=back.query,
        expect=302,
    )
    handoff = parse_qs(urlsplit(landed.location).query).get("code", [""])[0]
    if not handoff:  # sent back to log in: refused
        r.results.calls[(f"GET /api/auth/oidc/{{provider}}/callback", "")][
            -1
        ].error = f"refused: {landed.location}"
    r.http("POST", "/api/auth/oidc/exchange", "the one-time code", body={"code": handoff})
    r.http("GET", "/.well-known/openid-configuration", "-")
    r.http("GET", "/.well-known/jwks.json", "-")


def call_meetups(c: Cloud, w: World) -> None:
    """Every route of the meetups function but its media's."""
    r, m, n = c.runner, w.size.meetups, w.size.invitees
    host, main = w.host, w.main
    r.http(
        "POST",
        "/api/meetups",
        "a new draft",
        token=host,
        body=meetup_values("one more"),
        expect=201,
    )
    r.http(
        "GET",
        "/api/meetups",
        f"first page (20) of {m} public meetups",
        query=urlencode({"q": "open", "sort": "soonest"}),
    )
    r.http("POST", f"/api/meetups/{w.public}/join", f"public, {n} invitees", token=w.planner)
    r.http("GET", f"/api/meetups/{main}", f"{n} invitees", token=host)
    r.http("GET", f"/api/meetups/{w.series}/series", f"a series, {n} invitees", token=host)
    r.http(
        "GET",
        f"/api/meetups/{w.series}/series.ics",
        f"a series, {n} invitees",
        token=host,
        headers={"accept": "text/calendar"},
    )
    r.http(
        "PATCH",
        f"/api/meetups/{main}",
        f"{n} invitees, a new title",
        token=host,
        body={"title": "Renamed"},
    )
    r.http(
        "GET", f"/api/meetups/{main}/invitations", f"first page (100) of {n} invitees", token=host
    )
    late = {"invitees": [{"email": "late@example.com"}]}
    r.http(
        "POST",
        f"/api/meetups/{main}/invitations",
        f"1 more to {n} invitees",
        token=host,
        body=late,
        expect=201,
    )
    r.settle()  # the invitation goes out
    r.http(
        "POST",
        f"/api/meetups/{main}/invitations/link",
        f"1 of {n} invitees",
        token=host,
        body={"email": "main-0@example.com"},
    )
    r.http("GET", f"/api/meetups/{main}/attendees", f"{n} attending", token=host)
    r.http(
        "GET",
        "/api/me/meetups",
        f"first page (50) of {m} meetups, each with a photo",
        token=w.planner,
    )
    link = {"token": w.answer_token}
    r.http("GET", f"/api/rsvp/{w.answer_token}", f"meetup with {n} invitees")
    r.http(
        "POST",
        f"/api/rsvp/{w.answer_token}",
        f"meetup with {n} invitees",
        body={"response": "declined"},
    )
    r.settle()  # the answer is confirmed by email
    r.http("GET", f"/api/unsubscribe/{link['token']}", f"meetup with {n} invitees")
    r.http(
        "POST",
        f"/api/unsubscribe/{link['token']}",
        f"meetup with {n} invitees",
        headers={"accept": "application/json"},
    )
    r.http("POST", f"/api/meetups/{w.to_publish}/publish", f"a draft, {n} invitees", token=host)
    r.settle()  # the invitations go out
    r.http("POST", f"/api/meetups/{w.to_cancel}/cancel", f"published, {n} invitees", token=host)
    r.settle()  # everyone invited is told
    r.http(
        "DELETE", f"/api/meetups/{w.to_delete}", f"a draft, {n} invitees", token=host, expect=204
    )
    r.settle()
    # A second seat: the first in line gets it (and an email).
    r.http("PATCH", f"/api/meetups/{w.full}", token=host, body={"capacity": 2})
    r.settle()
    # A new time: everyone invited is told.
    later = (datetime.now(UTC) + timedelta(days=31)).replace(microsecond=0)
    r.http("PATCH", f"/api/meetups/{main}", token=host, body={"starts_at": later})
    r.settle()


def call_media(c: Cloud, w: World) -> None:
    """The media routes, and the media function: uploads, a conversion, a removal."""
    r, n, main = c.runner, w.size.invitees, w.main
    prefix = f"/api/meetups/{main}/media"

    def upload(kind: str, content_type: str, content: bytes, what: str | None) -> str:
        body = {"kind": kind, "content_type": content_type, "size": len(content)}
        answer = r.http("POST", prefix, what, token=w.host, body=body, expect=201).body
        # The browser's POST: moto's S3 then announces the upload on the media queue.
        c.seeding.media.put(answer["upload"]["fields"]["key"], content, content_type)
        r.settle()
        return str(answer["media"]["id"])

    picture = upload("photo", "image/jpeg", photo(), f"a photo of a meetup with {n} invitees")
    video = upload("video", "video/mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(4000), None)
    # What the conversion writes, then the end EventBridge reports.
    c.seeding.media.put(
        f"meetups/{main}/media/{video}/hls/index.m3u8",
        b"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=5000000\nindex_720p.m3u8\n",
        "application/vnd.apple.mpegurl",
    )
    ended = completion_event(c.runner.stack, main, video)
    r.invoke("MediaFunction", ended, ("MediaFunction", "a conversion ended"), "a video")
    r.http("GET", f"{prefix}/{picture}", "a ready photo", token=w.host)
    shown = r.http("GET", f"/api/meetups/{main}", token=w.host).body["media"]
    stream_url = next(m["stream_url"] for m in shown if m["stream_url"])
    public_url = c.runner.stack.parameters["PublicUrl"]
    r.http("GET", stream_url.removeprefix(public_url), "a video's playlist")
    r.http("DELETE", f"{prefix}/{picture}", "a ready photo", token=w.host, expect=204)
    r.settle()  # the media function deletes its files


def completion_event(stack: Stack, meetup_id: str, media_id: str) -> dict[str, Any]:
    """The sample COMPLETE event of MediaConvert, for this video in this stack's bucket."""
    text = json.dumps(
        json.loads((EVENTS / "mediaConvertJobStateChange.json").read_text())["COMPLETE"]
    )
    text = text.replace("slsplay-prod-media-111122223333", stack.physical_name("MediaBucket"))
    text = text.replace("01JP3M8Z6Q4R7T2V9X1C5B8N0D", meetup_id)
    event: dict[str, Any] = json.loads(text.replace("01JP3MB2K7H5F9W3Y6A1E4G8J2", media_id))
    return event


def call_payments(c: Cloud, w: World) -> None:
    """Every route of the payments function; the paid meetup's cancellation refunds."""
    r, n = c.runner, w.size.invitees
    r.http("POST", "/api/me/payout-account", "an organizer with one", token=w.host)
    started = r.http(
        "POST", f"/api/rsvp/{w.paid_token}/checkout", f"a paid meetup, {n} invitees", expect=201
    ).body
    session = c.stripe.complete(started["ticket"]["checkout_url"].rsplit("/", 1)[-1])
    body, headers = c.stripe.webhook(
        "checkout.session.completed", session["id"], STRIPE_KEYS["webhook_secret"]
    )
    r.http("POST", "/api/payments/webhook", "a checkout completed", raw=body, headers=headers)
    r.settle()
    r.http("GET", "/api/me/balance", "an organizer with a sale", token=w.host)
    available_sale(c, w.host_id, "sale-route")
    r.http("POST", "/api/me/payouts", "one sale available", token=w.host)
    r.http("POST", f"/api/meetups/{w.paid}/cancel", token=w.host)
    r.settle()  # the paid ticket is refunded


def available_sale(c: Cloud, organizer_id: str, entry_id: str) -> None:
    """A sale whose money became available for payout a moment ago."""
    moment = datetime.now(UTC) - timedelta(minutes=5)
    LedgerRepository(c.store).record(
        [
            LedgerEntry(
                id=entry_id,
                organizer_id=organizer_id,
                kind=EntryKind.SALE,
                amount_minor=2500,
                currency="EUR",
                recorded_at=moment,
                available_at=moment,
            )
        ]
    )


MY_MEETUPS = """query($first: Int!) { myMeetups(first: $first) { nodes { id title
  organizer { name } counts { invited attending } coverImage { id } media { id status } } } }"""


def call_graphql_and_docs(c: Cloud, w: World) -> None:
    """The GraphQL routes, and the documentation's."""
    r, m = c.runner, w.size.meetups
    asked = {"query": MY_MEETUPS, "variables": {"first": 20}}
    answer = r.http(
        "POST",
        "/api/graphql",
        f"first page (20) of {m} meetups, with their media",
        token=w.planner,
        body=asked,
    ).body
    if answer and "errors" in answer:
        r.results.calls[("POST /api/graphql", "")][-1].error = str(answer["errors"])[:120]
    r.http(
        "GET",
        "/api/graphql",
        "who is asking",
        token=w.planner,
        query=urlencode({"query": "{ viewer { name } }"}),
    )
    r.http("GET", "/api/openapi.json", "-")
    r.http("GET", "/api/docs", "-", headers={"accept": "text/html"})


def call_jobs(c: Cloud, w: World) -> None:
    """Each scheduled job, with one thing due among the size's data."""
    r, n = c.runner, w.size.invitees
    clock = SystemClock()
    ports = c.ports()
    soon = meetups.plan_meetup(
        ports, w.host_id, meetup_values("soon", starts_at=clock.now() + timedelta(minutes=50))
    ).meetup.id
    emails = [f"soon-{i}@example.com" for i in range(n)]
    for start in range(0, n, MAX_INVITEES_PER_REQUEST):
        batch = [{"email": e} for e in emails[start : start + MAX_INVITEES_PER_REQUEST]]
        meetups.invite_people(ports, w.host_id, soon, batch)
    meetups.publish_meetup(ports, w.host_id, soon)
    for address in emails:
        answers.answer_invitation(ports, soon, address, Answer.ATTENDING)
    # An old guest's draft untouched for 31 days, for the clean-up.
    then = FakeClock(clock.now() - timedelta(days=31))
    guest = User.guest(user_id=new_id(), now=then.now())
    UserRepository(c.store).add(guest)
    meetups.plan_meetup(c.ports(then), guest.id, meetup_values("forgotten"))
    # A seat held at checkout 20 minutes ago, past its 15.
    lapsing(c, w)
    available_sale(c, w.host_id, "sale-job")
    # A published monthly series whose next occurrence came within 60 days.
    earlier = FakeClock(clock.now() - timedelta(days=40))
    monthly = meetups.plan_meetup(
        c.ports(earlier),
        w.host_id,
        meetup_values(
            "monthly",
            starts_at=clock.now() + timedelta(days=1),
            recurrence={"frequency": "monthly"},
        ),
    ).meetup.id
    meetups.publish_meetup(c.ports(earlier), w.host_id, monthly)
    assert r.tier is not None
    r.tier.skip()  # the jobs' data is not news for the notifier
    r.job("AttendeeListJob", f"1 meetup within the hour, {n} attending")
    r.job("RemindersJob", f"1 meetup within the hour, {n} attending")
    r.job("CleanupJob", "1 abandoned draft")
    r.job("CheckoutsJob", "1 lapsed hold")
    r.job("PayoutsJob", "1 sale available")
    r.job("SeriesJob", "1 series due")
    r.settle()


def lapsing(c: Cloud, w: World) -> None:
    """A paid meetup's seat held at checkout 20 minutes ago, past its 15."""
    past = FakeClock(datetime.now(UTC) - timedelta(minutes=20))
    seller = tickets.PaymentPorts(c.store, past, c.seeding.payments, "https://" + HOST)
    price = {"amount_minor": 2500, "currency": "EUR"}
    held = meetups.plan_meetup(seller, w.host_id, meetup_values("held", price=price)).meetup.id
    meetups.invite_people(seller, w.host_id, held, [{"email": "held@example.com"}])
    meetups.publish_meetup(seller, w.host_id, held)
    meetup, _ = MeetupRepository(c.store).get(held)
    invitation = InvitationRepository(c.store).get(held, "held@example.com")
    tickets.start_checkout(seller, answers.mint_answer_token(seller, meetup, invitation))


# -- the table ------------------------------------------------------------------------------------


def summary(usages: list[Usage]) -> str:
    """The call with the most requests: ``"3 req 1 w  Query 2, GetItem 1"`` (and ``x N``)."""
    most = max(usages, key=lambda u: (u.total, u.writes))
    writes = max(u.writes for u in usages)
    parts = ", ".join(f"{_short(name)} {count}" for name, count in sorted(most.requests.items()))
    times = f" x{len(usages)}" if len(usages) > 1 else ""
    return f"{most.total:>3} req {writes:>4} w{times:<6} {parts or '-'}"


def _short(operation: str) -> str:
    """``GetItem``: ``Get``; ``TransactWriteItems``: ``TransactWrite``."""
    return operation.removesuffix("Items").removesuffix("Item")


def others(usages: list[Usage]) -> str:
    """The other AWS calls of the call with the most of them."""
    most = max(usages, key=lambda u: u.other.total())
    return ", ".join(f"{name} {count}" for name, count in sorted(most.other.items()))


def rows_in_order(stack: Stack, results: Sequence[Results]) -> list[Row]:
    """The routes as the template lists them, then each background function's kinds of calls
    (a function called by no kind at all: one row, to show it missing)."""
    routes = [(route.key, "") for route in http_api_routes(stack).all()]
    functions = list(stack.resources("AWS::Serverless::Function"))
    background = [
        logical_id
        for logical_id in functions
        if any(
            source["Type"] != "HttpApi"
            for source in (stack.properties(logical_id).get("Events") or {}).values()
        )
    ]
    seen = {row for result in results for row in result.calls if row not in routes}
    rows = list(routes)
    for logical_id in background:
        kinds = sorted(row for row in seen if row[0] == logical_id)
        rows += kinds or [(logical_id, "")]
    return rows


def report(stack: Stack, small: tuple[Size, Results], large: tuple[Size, Results]) -> list[str]:
    """Print the table; answers what fails the bench."""
    rows = rows_in_order(stack, [small[1], large[1]])
    print("DynamoDB requests per call, aws backend on moto (in process)")
    print(f"small: {small[0]}; large: {large[0]}")
    print("req: requests (the call with the most, by operation); w: items written;")
    print("xN: calls of that kind (a background function gets one record or message a call)\n")
    failures: list[str] = []
    texts = {
        row: [
            summary(r.calls[row]) if row in r.calls else "(not called)" for _, r in (small, large)
        ]
        for row in rows
    }
    width = max(len(t) for pair in texts.values() for t in pair)
    name_width = max(len(" ".join(row).strip()) for row in rows)
    print(
        f"{'':<{name_width}}  {'small':<{width}}  {'large':<{width}}  {'':<6} the large call; other AWS calls"
    )
    for row in rows:
        name = " ".join(row).strip()
        runs = [r.calls.get(row) for _, r in (small, large)]
        flags = []
        if any(run is None for run in runs):
            flags.append("MISSING")
        else:
            assert runs[0] is not None and runs[1] is not None
            if max(u.total for u in runs[1]) > max(u.total for u in runs[0]):
                flags.append("GROWS")
            if any(u.requests["Scan"] for run in runs if run for u in run):
                flags.append("SCAN")
            errors = [u.error for run in runs if run for u in run if u.error]
            if errors:
                flags.append("ERROR")
        what = large[1].what.get(row, "")
        extra = others(runs[1]) if runs[1] else ""
        print(
            f"{name:<{name_width}}  {texts[row][0]:<{width}}  {texts[row][1]:<{width}}  "
            f"{' '.join(flags):<6} {what}{'; ' if what and extra else ''}{extra}"
        )
        for run in runs:
            for error in dict.fromkeys(u.error for u in run or [] if u.error):
                print(f"{'':<{name_width}}    ERROR: {error}")
        failures += [f"{name}: {flag}" for flag in flags]
    return failures


def measure(stack: Stack, size: Size, stripe: StripeFake, provider: OidcProvider) -> Results:
    """Every call at one size, in a moto of its own."""
    meter = Meter()
    with aws(stack, meter, stripe, provider) as c:
        world = build_world(c, size)
        assert c.runner.tier is not None
        c.runner.tier.skip()
        for calls in (
            call_auth,
            call_meetups,
            call_media,
            call_payments,
            call_graphql_and_docs,
            call_jobs,
        ):
            calls(c, world)
        return c.runner.results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=Size.parse, default=Size(2, 5), help="meetups,invitees")
    parser.add_argument("--large", type=Size.parse, default=Size(60, 600), help="meetups,invitees")
    args = parser.parse_args()
    started = time.perf_counter()
    stack = Stack.load(parameters={"Stage": STAGE}, region=REGION)
    with StripeFake() as stripe, OidcProvider() as provider:
        provider.add_user("social-1", "social@example.com", name="Sol")
        small = measure(stack, args.small, stripe, provider)
        large = measure(stack, args.large, stripe, provider)
    failures = report(stack, (args.small, small), (args.large, large))
    print(f"\n({time.perf_counter() - started:.0f} s in all)")
    if failures:
        print(f"\nFAILED: {len(failures)}: " + "; ".join(failures))
        sys.exit(1)
    print("\nevery route and function called; none grows, scans or fails")


if __name__ == "__main__":
    main()
