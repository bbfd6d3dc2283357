"""The template's functions in this process, on a moto of their own, each call metered.

``aws()`` makes what template.yaml and the stage's set-up make (the table, queues, buckets,
the signing key, the payment provider's keys, a social sign-in provider, the mail identity)
and yields a ``Cloud``: a ``Runner`` that calls the functions as API Gateway, the event
source mappings, EventBridge and the schedules would (in this process, with the template's
environment: nothing times out, nothing runs behind a call), and the adapters that seed the
data they act on. A botocore hook counts each measured call's AWS requests (``Usage``): its
DynamoDB requests by operation, the items it wrote, its other AWS calls.
"""

from __future__ import annotations

import email
import email.policy
import gc
import json
import math
import os
import re
import sys
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import boto3
import jwt
from aws_lambda_powertools.utilities import parameters
from botocore.awsrequest import AWSResponse
from moto import mock_aws
from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from slsplay.adapters.aws import secrets
from slsplay.adapters.aws.dynamo_store import DynamoItemStore
from slsplay.adapters.clock import SystemClock
from slsplay.adapters.table_search.index import TableSearchIndex
from slsplay.bootstrap import Container, bootstrap
from slsplay.config import Settings
from slsplay.handlers.context import forget
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
from slsplay.store.schema import TABLE

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.moto_speed import one_rollback_copy_per_table
from tests.support.oidc_provider import OidcProvider
from tests.support.ports import GivenPorts
from tests.support.stripe_fake import SECRET_KEY, StripeFake

REGION = "eu-west-1"
STAGE = "bench"
HOST = "slsplay.example.com"
STRIPE_KEYS = {"secret_key": SECRET_KEY, "webhook_secret": "whsec_bench"}
PROVIDER = "test"  # the social sign-in provider, an OpenID provider served from this process


# -- what a call did ------------------------------------------------------------------------


@dataclass
class Usage:
    """One call: its DynamoDB requests by operation, the items it wrote, its other AWS calls,
    and what went wrong, if anything."""

    requests: Counter[str] = field(default_factory=Counter)
    writes: int = 0
    other: Counter[str] = field(default_factory=Counter)
    error: str | None = None
    # The pages of data the call goes through by its contract (see ``pages``): 1 for most.
    pages: int = 1

    @property
    def total(self) -> int:
        """How many DynamoDB requests."""
        return self.requests.total()

    @property
    def per_page(self) -> float:
        """Requests per page of the data the call goes through."""
        return self.total / self.pages


def pages(items: int, per_page: int, most: int | None = None) -> int:
    """The pages a call goes through that acts on all of ``items``, ``per_page`` at a time
    (at most ``most``): what such a call may grow by, and no more."""
    count = max(1, math.ceil(items / per_page))
    return count if most is None else min(count, most)


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

    def fail_last(self, row: Row, error: str) -> None:
        """The latest call of ``row`` answered what it should not."""
        self.calls[row][-1].error = error


class SetupFailed(Exception):
    """A call that makes the data a measured call needs failed: the bench cannot go on."""


# -- calling the template's functions -------------------------------------------------------


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

    def invoke(
        self, logical_id: str, event: dict[str, Any], row: Row | None, what: str, pages: int = 1
    ) -> Any:
        """The function's result for ``event``; measured under ``row`` unless it is None."""
        function = self.functions[logical_id]
        context = function.config.context(str(uuid.uuid4()), "2030/01/01/[$LATEST]bench")
        if row is None:
            return function.handler()(event, context)
        usage = Usage(pages=pages)
        self.meter.usage = usage
        result = None
        try:
            result = function.handler()(event, context)
        except Exception as e:  # shown in the table, and the bench fails
            usage.error = f"{type(e).__name__}: {e}"[:160]
        finally:
            self.meter.usage = None
            self.results.add(row, usage, what)
            # moto copies the whole table for each transaction (to roll back): the copies,
            # full of cycles, are garbage as soon as it ends, but the collector would let
            # thousands pile up (a group of invitations is three transactions) to gigabytes.
            gc.collect()
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
        pages: int = 1,
    ) -> Answered:
        """One request to the HTTP API, as API Gateway hands it to the route's function
        (its authorizer having granted the token's claims); ``pages``: see ``Usage``."""
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
        result = self.invoke(matched.route.function, event, row, what or "", pages)
        if result is None:  # failed, and recorded so
            return Answered(0, {}, None)
        answered = _answered(result)
        if answered.status != expect:
            problem = f"HTTP {answered.status}, not {expect}: {str(answered.body)[:120]}"
            if row is None:
                raise SetupFailed(f"{method} {path}: {problem}")
            self.results.fail_last(row, problem)
        return answered

    def job(self, logical_id: str, what: str, pages: int = 1) -> Any:
        """A scheduled run of a job now, as its EventBridge rule invokes it."""
        event = scheduled_event(
            rule_arn=f"arn:aws:events:{REGION}:{self.stack.account_id}:rule/{logical_id}",
            at=datetime.now(UTC),
            account_id=self.stack.account_id,
            region=REGION,
        )
        return self.invoke(logical_id, event, (logical_id, "a scheduled run"), what, pages)

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
        self.table_name = stack.physical_name("Table")
        table = dynamodb.describe_table(TableName=self.table_name)["Table"]
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
                self._trim()
                return found
            found += answer["Records"]

    def _trim(self) -> None:
        """Drop the changes read from moto's shard, as the stream's 24 hours would: moto keeps
        every one, and copies them all with the table for each transaction's rollback, so a
        large size's run grew to gigabytes, each transaction slower than the last. Sequence
        numbers are kept (moto numbers a record by its place after the shard's first)."""
        # moto's internals, for this bench only.
        from moto.core import DEFAULT_ACCOUNT_ID  # noqa: PLC0415
        from moto.dynamodb.models import dynamodb_backends  # noqa: PLC0415

        backend = dynamodb_backends[DEFAULT_ACCOUNT_ID][REGION]
        shard = backend.get_table(self.table_name).stream_shard
        if shard is not None:
            shard.starting_sequence_number += len(shard.items)
            shard.items = []

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
            self.runner.results.fail_last((logical_id, kind), "the message failed")


def _message_kind(body: str) -> str:
    data = json.loads(body)
    if "Records" in data:
        return "an upload arrived"
    return str(data.get("event", "?"))


# -- the clouds, one per size ---------------------------------------------------------------


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
        search = TableSearchIndex(self.store)
        return GivenPorts(self.store, clock or SystemClock(), search=search)


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
