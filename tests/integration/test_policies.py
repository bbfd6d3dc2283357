"""Each function's IAM policies in template.yaml grant what its code does on AWS, and no more.

Every function of the template runs on the AWS backend against moto (in process), fed the
events that make it do its work, each as a fresh Lambda execution environment would run it:
its own environment variables only, and adapters built anew. A botocore hook on the session
the app's clients come from records each call it makes, as the IAM action AWS authorizes it
as and the ARN of the resource it names. Those calls are then held against the function's
``Policies``, SAM policy templates expanded by the table below:

- every call must be granted: in the cloud it would fail with AccessDenied;
- every policy must be needed: one that grants nothing the function does fails, and so does
  a statement naming an action or a resource that no call needs;
- on the table, only statements that name the actions: no SAM DynamoDB policy template (each
  grants Scan, and more), and no Scan at all.

The work each function is given takes it down every path that needs a grant: the rare ones
too (a freed seat given to the first in line, an email the mail service refused, a guest's
draft with a capacity moving to the account), since a call made only there would fail in
the cloud just the same.
"""

from __future__ import annotations

import email
import email.policy
import importlib
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import boto3
import jwt
import pytest
from aws_lambda_powertools.utilities import parameters
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from slsplay.adapters.aws import secrets
from slsplay.adapters.aws.provision import create_table
from slsplay.adapters.aws.stage_secrets import create_signing_key
from slsplay.adapters.stripe_payments import StripePayments
from slsplay.bootstrap import Container, bootstrap
from slsplay.config import Settings
from slsplay.domain.invitations import Answer
from slsplay.domain.media import Media, MediaKind
from slsplay.domain.tickets import EntryKind, LedgerEntry
from slsplay.domain.users import User
from slsplay.handlers.context import forget
from slsplay.ids import new_id
from slsplay.local.apigateway import HttpRequest, granted_event
from slsplay.local.cloud import create_buckets, create_distributions
from slsplay.local.functions import lambda_functions
from slsplay.local.routes import http_api_routes
from slsplay.local.schedules import scheduled_event
from slsplay.local.sqs_events import sqs_event
from slsplay.local.template import Stack
from slsplay.services import answers, meetups, tickets
from slsplay.services.bundles import StoreAndClock
from slsplay.store.repositories import (
    InvitationRepository,
    MediaRepository,
    MeetupRepository,
    UserRepository,
)
from slsplay.store.tickets import LedgerRepository, PayoutAccountRepository
from tests.integration.test_media_processing import photo
from tests.support.clock import FakeClock
from tests.support.meetups import signed_up
from tests.support.stack_queues import template_queue_pair
from tests.support.stripe_fake import SECRET_KEY, StripeFake

REGION = "eu-west-1"
STACK = Stack.load(region=REGION)  # the template's default parameters: Stage=dev
FUNCTIONS = lambda_functions(STACK)
ROUTES = http_api_routes(STACK)
PASSWORD = "a long enough password"
HOST = "slsplay.example.com"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
    # moto's in-process Streams do not know botocore's account-id endpoints.
    "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
}


def arn(service: str, resource: str) -> str:
    return f"arn:aws:{service}:{REGION}:{STACK.account_id}:{resource}"


# -- what SAM's policy templates expand to (samtranslator's policy_templates.json) -----------

# A template's actions, and the resources its parameters name.
Expansion = tuple[tuple[str, ...], Callable[[dict[str, str]], Sequence[str]]]
SAM_POLICY_TEMPLATES: dict[str, Expansion] = {
    "SQSSendMessagePolicy": (("sqs:SendMessage*",), lambda p: (arn("sqs", p["QueueName"]),)),
    "AWSSecretsManagerGetSecretValuePolicy": (
        ("secretsmanager:GetSecretValue",),
        lambda p: (p["SecretArn"],),
    ),
}
# SAM's templates for a DynamoDB table: each grants more than a function here uses (Scan,
# BatchWriteItem, DescribeTable, every index), so the template lists actions instead.
SAM_TABLE_TEMPLATES = {
    "DynamoDBCrudPolicy",
    "DynamoDBReadPolicy",
    "DynamoDBWritePolicy",
    "DynamoDBReconfigurePolicy",
}
# What an event source gives the function's role (SAM adds AWS's managed policy for it).
SQS_EVENT_SOURCE = (
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibility",
    "sqs:GetQueueAttributes",
)


@dataclass(frozen=True)
class Call:
    """One AWS request, as IAM authorizes it."""

    action: str  # e.g. dynamodb:Query
    resource: str  # the ARN it acts on
    operation: str  # what the client called, e.g. sesv2:SendEmail

    def __str__(self) -> str:
        return f"{self.action} on {self.resource} ({self.operation})"


@dataclass(frozen=True)
class Grant:
    """One entry of a function's Policies (or of its event sources), expanded."""

    policy: str  # as template.yaml writes it, for messages
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    template: str | None = None
    checked: bool = True  # an event source's grant is SAM's doing, not the template's

    def allows(self, call: Call) -> bool:
        return any(fnmatchcase(call.action, action) for action in self.actions) and any(
            fnmatchcase(call.resource, resource) for resource in self.resources
        )


def grants_of(logical_id: str) -> list[Grant]:
    """The function's Policies and event sources as grants."""
    properties = STACK.properties(logical_id)
    grants = []
    for policy in properties.get("Policies") or []:
        if not isinstance(policy, dict):
            pytest.fail(f"{logical_id}: {policy!r}: name a SAM template or write a Statement")
        ((name, value),) = policy.items()
        if name == "Statement":
            for statement in value:
                assert statement.get("Effect") == "Allow", statement
                grants.append(
                    Grant(
                        f"Statement {statement['Action']} on {statement['Resource']}",
                        tuple(_as_list(statement["Action"])),
                        tuple(_as_list(statement["Resource"])),
                    )
                )
        elif name in SAM_POLICY_TEMPLATES:
            actions, resources = SAM_POLICY_TEMPLATES[name]
            grants.append(Grant(f"{name} {value}", actions, tuple(resources(value)), name))
        else:
            pytest.fail(f"{logical_id}: {name} is not in SAM_POLICY_TEMPLATES: add its expansion")
    for event in (properties.get("Events") or {}).values():
        if event["Type"] == "SQS":
            queue = event["Properties"]["Queue"]
            grants.append(Grant(f"SQS event {queue}", SQS_EVENT_SOURCE, (queue,), checked=False))
    return grants


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


# -- what each AWS request is authorized as ------------------------------------------------

TRANSACT_WRITE_ACTIONS = {
    "Put": "dynamodb:PutItem",
    "Update": "dynamodb:UpdateItem",
    "Delete": "dynamodb:DeleteItem",
    "ConditionCheck": "dynamodb:ConditionCheckItem",
}


def authorizations(service: str, operation: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    """(IAM action, resource ARN) for each authorization an API call needs."""
    if service == "dynamodb":
        return _dynamodb(operation, params)
    if service == "sqs":
        # A batch is authorized as the single action, per queue.
        return [(f"sqs:{operation.removesuffix('Batch')}", _queue_arn(params["QueueUrl"]))]
    if service == "secretsmanager":
        return [(f"secretsmanager:{operation}", _secret_arn(params["SecretId"]))]
    if service == "firehose":
        stream = params["DeliveryStreamName"]
        return [(f"firehose:{operation}", arn("firehose", f"deliverystream/{stream}"))]
    if service == "s3":
        return _s3(operation, params)
    if service == "mediaconvert" and operation == "CreateJob":
        # A job is authorized on its queue, and handing it the role as iam:PassRole.
        queue = params.get("Queue") or arn("mediaconvert", "queues/Default")
        return [("mediaconvert:CreateJob", queue), ("iam:PassRole", params["Role"])]
    if service == "cloudfront" and operation == "CreateInvalidation":
        # On the distribution, named by the id CloudFront (here moto) gave it.
        logical_id = DISTRIBUTIONS.get(params["DistributionId"], params["DistributionId"])
        return [
            (
                "cloudfront:CreateInvalidation",
                f"arn:aws:cloudfront::{STACK.account_id}:distribution/{logical_id}",
            )
        ]
    if service == "sesv2" and operation == "SendEmail":
        # SES v2 SendEmail with raw content is authorized as ses:SendRawEmail, on the
        # identity the sender's address belongs to (its verified domain).
        action = "ses:SendRawEmail" if "Raw" in params["Content"] else "ses:SendEmail"
        domain = parseaddr(params["FromEmailAddress"])[1].rpartition("@")[2]
        return [(action, arn("ses", f"identity/{domain}"))]
    raise AssertionError(f"no IAM mapping for {service}:{operation}: add one to this test")


def _dynamodb(operation: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    if operation in ("BatchGetItem", "BatchWriteItem"):
        return [(f"dynamodb:{operation}", _table_arn(name)) for name in params["RequestItems"]]
    if operation == "TransactWriteItems":
        # Authorized item by item, as the single-item action on its table.
        return [
            (TRANSACT_WRITE_ACTIONS[kind], _table_arn(request["TableName"]))
            for item in params["TransactItems"]
            for kind, request in item.items()
        ]
    if operation == "TransactGetItems":
        return [
            ("dynamodb:GetItem", _table_arn(i["Get"]["TableName"])) for i in params["TransactItems"]
        ]
    resource = _table_arn(params["TableName"])
    if "IndexName" in params:
        resource += f"/index/{params['IndexName']}"
    return [(f"dynamodb:{operation}", resource)]


S3_OBJECT_ACTIONS = {
    "HeadObject": "s3:GetObject",
    "GetObject": "s3:GetObject",
    "PutObject": "s3:PutObject",
    "DeleteObject": "s3:DeleteObject",
}


def _s3(operation: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    bucket = f"arn:aws:s3:::{params['Bucket']}"
    if operation in ("ListObjectsV2", "ListObjects"):
        return [("s3:ListBucket", bucket)]
    if operation == "DeleteObjects":
        return [("s3:DeleteObject", f"{bucket}/{o['Key']}") for o in params["Delete"]["Objects"]]
    return [(S3_OBJECT_ACTIONS[operation], f"{bucket}/{params['Key']}")]


def _table_arn(name: str) -> str:
    return arn("dynamodb", f"table/{name}")


def _queue_arn(url: str) -> str:
    account, name = url.rstrip("/").split("/")[-2:]
    return f"arn:aws:sqs:{REGION}:{account}:{name}"


def _secret_arn(secret_id: str) -> str:
    # Secrets Manager ends a secret's ARN with six random characters.
    return (
        secret_id
        if secret_id.startswith("arn:")
        else arn("secretsmanager", f"secret:{secret_id}-Ab3dEf")
    )


# The distributions moto created, by their id: what the template's ARNs name by logical id.
DISTRIBUTIONS: dict[str, str] = {}


class Recorder:
    """A botocore hook: the calls made while a function runs, by the function's logical id."""

    def __init__(self) -> None:
        self.calls: dict[str, list[Call]] = defaultdict(list)
        self.function: str | None = None

    def __call__(
        self, params: dict[str, Any], model: Any, context: dict[str, Any] | None = None, **_: Any
    ) -> None:
        if self.function is None:
            return  # the test's own set-up, or an event source mapping's work
        service, operation = model.service_model.service_name, model.name
        if (context or {}).get("is_presign_request") and operation == "CreateBucket":
            return  # a presigned POST's form, not a call: see ``declare_presigned_post``
        self.record(service, operation, params)

    def record(self, service: str, operation: str, params: dict[str, Any]) -> None:
        assert self.function is not None
        for action, resource in authorizations(service, operation, params):
            self.calls[self.function].append(Call(action, resource, f"{service}:{operation}"))


# -- running the template's functions ---------------------------------------------------------


class Functions:
    """The template's functions in this process, each started cold when its turn comes."""

    def __init__(
        self, recorder: Recorder, monkeypatch: pytest.MonkeyPatch, stripe: StripeFake
    ) -> None:
        self.recorder = recorder
        self.monkeypatch = monkeypatch
        self.stripe = stripe
        self.running: str | None = None
        self.routes_called: set[str] = set()

    def invoke(self, logical_id: str, event: dict[str, Any]) -> Any:
        """Invoke a function with ``event``; its AWS calls are recorded as its own."""
        if self.running != logical_id:
            self._cold_start(logical_id)
        config = FUNCTIONS[logical_id].config
        module, _, name = config.handler.rpartition(".")
        handler = getattr(importlib.import_module(module), name)
        context = config.context(str(uuid.uuid4()), "2030/01/01/[$LATEST]policies")
        self.recorder.function = logical_id
        try:
            return handler(event, context)
        finally:
            self.recorder.function = None

    def _cold_start(self, logical_id: str) -> None:
        # A new execution environment: the function's own variables (no other function's),
        # and nothing built by another function kept (clients, cached secrets).
        for function in FUNCTIONS.values():
            for name in function.config.environment:
                self.monkeypatch.delenv(name, raising=False)
        for name, value in FUNCTIONS[logical_id].config.environment.items():
            # A distribution's !Ref is the id moto gave it, as CloudFormation's would be.
            physical = {logical: id_ for id_, logical in DISTRIBUTIONS.items()}
            self.monkeypatch.setenv(name, physical.get(value, value))
        self.monkeypatch.setenv("AWS_REGION", REGION)
        # Stripe's API is the local fake's (the functions' settings allow another address).
        self.monkeypatch.setenv("SLSPLAY_STRIPE_API_BASE", self.stripe.url)
        forget()
        secrets._provider.cache_clear()
        parameters.clear_caches()
        self.running = logical_id

    def http_raw(
        self, method: str, path: str, body: bytes, headers: dict[str, str], expect: int = 200
    ) -> None:
        """A request with exactly these bytes and headers (a signed webhook)."""
        request = HttpRequest(
            method, path, headers=[(k.lower(), v) for k, v in headers.items()], body=body
        )
        matched = ROUTES.match(method, path)
        assert matched is not None, f"no route for {method} {path}"
        result = self.invoke(matched.route.function, granted_event(STACK, request, matched, None))
        assert result["statusCode"] == expect, (matched.route.key, result.get("body"))
        self.routes_called.add(matched.route.key)

    def http(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        body: object = None,
        accept: str = "application/json",
        expect: int = 200,
        query: str = "",
    ) -> Any:
        """The JSON answer of one request, as API Gateway would invoke the route's function."""
        headers = [("host", HOST), ("accept", accept), ("user-agent", "test_policies")]
        if body is not None:
            headers.append(("content-type", "application/json"))
        if token is not None:
            headers.append(("authorization", f"Bearer {token}"))
        data = json.dumps(body, default=datetime.isoformat).encode() if body is not None else b""
        request = HttpRequest(method, path, query=query, headers=headers, body=data)
        matched = ROUTES.match(method, path)
        assert matched is not None, f"no route for {method} {path}"
        claims = None
        if matched.route.authorizer is not None:
            assert token is not None, f"{matched.route.key} needs a token"
            claims = jwt.decode(token, options={"verify_signature": False})
        event = granted_event(STACK, request, matched, claims)
        result = self.invoke(matched.route.function, event)
        assert result["statusCode"] == expect, (matched.route.key, result.get("body"))
        self.routes_called.add(matched.route.key)
        body_text = result.get("body") or ""
        content_type = (result.get("headers") or {}).get("Content-Type", "")
        return json.loads(body_text) if "json" in content_type and body_text else body_text


@dataclass
class Cloud:
    """moto's AWS, set up as CloudFormation and ``make secrets`` would set it up."""

    seeding: Container  # the test's own adapters, to make the data jobs act on
    consumers: list[tuple[str, str, str]]  # (function, its queue's URL, its queue's ARN)
    stream_arn: str


def provision(session: boto3.Session) -> Cloud:
    """The stage's table, the consumers' queues, the media bucket (announcing uploads on the
    media queue), the signing key and the mail identity."""
    dynamodb = session.client("dynamodb")
    create_table(dynamodb, STACK.physical_name("Table"), STACK.properties("Table"))
    sqs = session.client("sqs")
    urls = template_queue_pair(STACK, sqs, "NotifierQueue", "NotifierDeadLetterQueue")
    # The functions use the URL the template gives them: it must be moto's.
    assert (
        urls.url == FUNCTIONS["NotifierFunction"].config.environment["SLSPLAY_QUEUE_URL_NOTIFIER"]
    )
    media_urls = template_queue_pair(STACK, sqs, "MediaQueue", "MediaDeadLetterQueue")
    edge_urls = template_queue_pair(STACK, sqs, "EdgeCacheQueue", "EdgeCacheDeadLetterQueue")
    created = create_distributions(STACK, session.client("cloudfront"))
    DISTRIBUTIONS.update({id_: logical_id for logical_id, id_ in created.items()})
    search_urls = template_queue_pair(STACK, sqs, "SearchQueue", "SearchDeadLetterQueue")
    analytics_urls = template_queue_pair(STACK, sqs, "AnalyticsQueue", "AnalyticsDeadLetterQueue")
    create_buckets(STACK, session.client("s3"))
    delivery = STACK.properties("AnalyticsDeliveryStream")
    session.client("firehose").create_delivery_stream(
        DeliveryStreamName=delivery["DeliveryStreamName"],
        ExtendedS3DestinationConfiguration={
            "BucketARN": delivery["ExtendedS3DestinationConfiguration"]["BucketARN"],
            "RoleARN": delivery["ExtendedS3DestinationConfiguration"]["RoleARN"],
        },
    )
    stage = STACK.parameters["Stage"]
    create_signing_key(session.client("secretsmanager"), stage)
    session.client("secretsmanager").create_secret(
        Name=secrets.stripe_keys_name(stage), SecretString=json.dumps(STRIPE_KEYS)
    )
    session.client("sesv2").create_email_identity(EmailIdentity=STACK.parameters["MailDomain"])
    settings = Settings(
        backend="aws",
        table_name=STACK.physical_name("Table"),
        aws_region=REGION,
        stage=stage,
        mail_from=FUNCTIONS["NotifierFunction"].config.environment["SLSPLAY_MAIL_FROM"],
        media_bucket=STACK.physical_name("MediaBucket"),
    )
    table = dynamodb.describe_table(TableName=STACK.physical_name("Table"))["Table"]

    def queue_arn(url: str) -> str:
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        return attributes["Attributes"]["QueueArn"]

    return Cloud(
        seeding=bootstrap(settings),
        consumers=[
            ("NotifierFunction", urls.url, queue_arn(urls.url)),
            ("MediaFunction", media_urls.url, queue_arn(media_urls.url)),
            ("SearchFunction", search_urls.url, queue_arn(search_urls.url)),
            ("EdgeCacheFunction", edge_urls.url, queue_arn(edge_urls.url)),
            ("AnalyticsFunction", analytics_urls.url, queue_arn(analytics_urls.url)),
        ],
        stream_arn=table["LatestStreamArn"],
    )


# -- the work each function is given ----------------------------------------------------------


def meetup_values(title: str, **more: Any) -> dict[str, Any]:
    """What a new meetup three days away takes, and ``more``."""
    return {
        "title": title,
        "starts_at": datetime.now(UTC) + timedelta(days=3),
        "timezone": "Europe/Paris",
        "duration_minutes": 90,
        "join_url": "https://meet.example.com/" + title.lower().replace(" ", "-"),
        **more,
    }


def run_auth(functions: Functions, tier: EventTier) -> str:
    """Every auth route; answers the access token of an organizer who proved the address."""
    guest = functions.http("POST", "/api/auth/guest", expect=201)
    # A guest's draft with a capacity: signing up moves it, its seats checked as it moves.
    draft = meetup_values("Guest draft", capacity=10)
    functions.http("POST", "/api/meetups", token=guest["access_token"], body=draft, expect=201)
    account = {"email": "ada@example.com", "password": PASSWORD, "name": "Ada"}
    functions.http(
        "POST", "/api/auth/signup", body=account, token=guest["access_token"], expect=201
    )
    login = functions.http(
        "POST", "/api/auth/login", body={"email": account["email"], "password": PASSWORD}
    )
    refreshed = functions.http(
        "POST", "/api/auth/refresh", body={"refresh_token": login["refresh_token"]}
    )
    functions.http(
        "POST", "/api/auth/logout", body={"refresh_token": refreshed["refresh_token"]}, expect=204
    )
    functions.http("GET", "/api/me", token=refreshed["access_token"])
    # The account emails: each request queues its email for the notifier.
    ada = {"email": account["email"]}
    tier.settle()  # the notifier sends the link to confirm the address
    (confirm,) = [m for m in sent_mail() if m["subject"].startswith("Confirm your email address")]
    link = re.search(r"/verify/([A-Za-z0-9_-]+)", confirm.get_body(("plain",)).get_content())
    assert link is not None
    functions.http("POST", "/api/auth/verify", body={"token": link.group(1)})
    functions.http("POST", "/api/auth/verify", body={"token": link.group(1)}, expect=422)
    functions.http("POST", "/api/auth/verify/resend", token=refreshed["access_token"], expect=202)
    functions.http("POST", "/api/auth/password/forgot", body=ada, expect=202)
    tier.mail.refuse_next()  # the notifier's first try fails: it gives the email back
    tier.settle()
    reset = {"token": "spent", "password": PASSWORD}
    functions.http("POST", "/api/auth/password/reset", body=reset, expect=422)
    (reset_mail,) = [m for m in sent_mail() if m["subject"] == "Reset your slsplay password"]
    link = re.search(r"/reset/([A-Za-z0-9_-]+)", reset_mail.get_body(("plain",)).get_content())
    assert link is not None
    # A new password ends the account's other sign-ins (its sessions, read from the table).
    reset = {"token": link.group(1), "password": PASSWORD + "!"}
    refreshed = functions.http("POST", "/api/auth/password/reset", body=reset)
    functions.http("POST", "/api/auth/code", body=ada, expect=202)
    functions.http("POST", "/api/auth/code/verify", body={**ada, "code": "000000"}, expect=401)
    # Social sign-in: no providers in this stage (its secret is optional and absent).
    assert functions.http("GET", "/api/auth/providers") == {"providers": []}
    functions.http("GET", "/api/auth/oidc/google/start", expect=404)
    functions.http("GET", "/api/auth/oidc/google/callback", query="code=c&state=forged", expect=302)
    functions.http("POST", "/api/auth/oidc/exchange", body={"code": "spent"}, expect=422)
    functions.http("GET", "/.well-known/openid-configuration")
    functions.http("GET", "/.well-known/jwks.json")
    return str(refreshed["access_token"])


def sent_mail() -> list[EmailMessage]:
    """What SES (moto's, in this process) was given to send, parsed as a mail app would."""
    return [
        email.message_from_string(m.raw_data, _class=EmailMessage, policy=email.policy.default)
        for m in ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages
    ]


def run_meetups(functions: Functions, tier: EventTier, token: str) -> None:
    """Every meetups route: plan, invite, publish, answer, unsubscribe, cancel, delete; the
    event tier delivers what each step sets off, as it would within a second or so."""

    def plan(title: str, **more: Any) -> str:
        values = meetup_values(title, **more)
        return str(
            functions.http("POST", "/api/meetups", token=token, body=values, expect=201)["id"]
        )

    def invite(meetup: str, *emails: str) -> None:
        invitees = {"invitees": [{"email": email} for email in emails]}
        functions.http(
            "POST", f"/api/meetups/{meetup}/invitations", token=token, body=invitees, expect=201
        )

    def link(meetup: str, email: str) -> str:
        answer = functions.http(
            "POST", f"/api/meetups/{meetup}/invitations/link", token=token, body={"email": email}
        )
        return str(answer["token"])

    salon = plan("Salon evening", recurrence={"frequency": "monthly"})
    functions.http("GET", f"/api/meetups/{salon}", token=token)
    functions.http("PATCH", f"/api/meetups/{salon}", token=token, body={"title": "Salon night"})
    invite(salon, "ben@example.com", "cleo@example.com")
    functions.http("GET", f"/api/meetups/{salon}/invitations", token=token)
    ben, cleo = link(salon, "ben@example.com"), link(salon, "cleo@example.com")
    tier.settle()
    functions.http("POST", f"/api/meetups/{salon}/publish", token=token)
    tier.settle()  # the notifier fans the invitations out, through its own queue
    functions.http("GET", f"/api/rsvp/{ben}")
    functions.http("POST", f"/api/rsvp/{ben}", body={"response": "attending"})
    functions.http("GET", f"/api/meetups/{salon}/attendees", token=token)
    functions.http("GET", f"/api/meetups/{salon}/series", token=token)
    functions.http("GET", f"/api/meetups/{salon}/series.ics", token=token, accept="text/calendar")
    functions.http("GET", f"/api/meetups/{salon}/calendar.ics", token=token, accept="text/calendar")
    functions.http("GET", f"/api/rsvp/{ben}/calendar.ics", accept="text/calendar")
    functions.http("GET", f"/api/rsvp/{ben}/join", expect=302)
    functions.http("GET", f"/api/meetups/{salon}/insights", token=token)
    functions.http("GET", f"/api/meetups/{salon}/insights.csv", token=token, accept="text/csv")
    functions.http("GET", "/api/me/meetups", token=token)
    functions.http("GET", f"/api/unsubscribe/{cleo}", accept="text/html")
    functions.http("POST", f"/api/unsubscribe/{cleo}")

    # One seat: who attends second waits in line, and the notifier seats them (as the
    # change feed tells it a seat came free) when the first declines.
    for_one = plan("Table for one", capacity=1)
    invite(for_one, "eli@example.com", "flo@example.com")
    functions.http("POST", f"/api/meetups/{for_one}/publish", token=token)
    tier.settle()
    eli, flo = link(for_one, "eli@example.com"), link(for_one, "flo@example.com")
    functions.http("POST", f"/api/rsvp/{eli}", body={"response": "attending"})
    waiting = functions.http("POST", f"/api/rsvp/{flo}", body={"response": "attending"})
    assert waiting["invitation"]["response"] == "waitlisted"
    functions.http("POST", f"/api/rsvp/{eli}", body={"response": "declined"})
    tier.settle()
    assert functions.http("GET", f"/api/rsvp/{flo}")["invitation"]["response"] == "attending"

    called_off = plan("Called off")
    invite(called_off, "dan@example.com")
    functions.http("POST", f"/api/meetups/{called_off}/publish", token=token)
    tier.settle()
    functions.http("POST", f"/api/meetups/{called_off}/cancel", token=token)
    functions.http("DELETE", f"/api/meetups/{plan('Never mind')}", token=token, expect=204)
    tier.settle()
    assert tier.delivered > 0

    # A public meetup: indexed by the search function, found by anyone, joined by a member.
    open_house = plan("Open house", visibility="public", category="food")
    functions.http("POST", f"/api/meetups/{open_house}/publish", token=token)
    tier.settle()
    found = functions.http("GET", "/api/meetups", query=urlencode({"q": "open house"}))
    assert [m["id"] for m in found["meetups"]] == [open_house]
    account = {"email": "joy@example.com", "password": PASSWORD, "name": "Joy"}
    member = functions.http("POST", "/api/auth/signup", body=account, expect=201)["access_token"]
    joined = functions.http("POST", f"/api/meetups/{open_house}/join", token=member)
    functions.http("POST", f"/api/rsvp/{joined['token']}", body={"response": "attending"})
    tier.settle()
    # The member's own list of meetups, and an answer link of theirs from it.
    mine = functions.http("GET", "/api/me/invitations", token=member)
    assert [i["meetup"]["id"] for i in mine["invitations"]] == [open_house]
    functions.http("POST", f"/api/me/invitations/{open_house}/answer-link", token=member)
    functions.http("POST", f"/api/me/invitations/{open_house}/join", token=member)


def run_media(functions: Functions, tier: EventTier, cloud: Cloud, token: str) -> str:
    """A photo and a video uploaded, processed, shown, streamed; the photo removed."""
    values = {
        "title": "Gallery night",
        "starts_at": datetime.now(UTC) + timedelta(days=3),
        "timezone": "Europe/Paris",
        "duration_minutes": 90,
        "join_url": "https://meet.example.com/gallery",
    }
    meetup = functions.http("POST", "/api/meetups", token=token, body=values, expect=201)["id"]

    def uploaded(kind: str, content_type: str, content: bytes) -> str:
        answer = functions.http(
            "POST",
            f"/api/meetups/{meetup}/media",
            token=token,
            body={"kind": kind, "content_type": content_type, "size": len(content)},
            expect=201,
        )
        key = answer["upload"]["fields"]["key"]
        declare_presigned_post(functions.recorder, key)
        # The browser's POST: moto's S3 then announces the upload on the media queue.
        cloud.seeding.media.put(key, content, content_type)
        tier.settle()
        return str(answer["media"]["id"])

    picture = uploaded("photo", "image/jpeg", photo((1200, 800)))
    video = uploaded("video", "video/mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(4000))
    prefix = f"meetups/{meetup}/media/{video}/"
    # What the job writes, then the end it reports on EventBridge.
    playlist = b"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=5000000\nindex_720p.m3u8\n"
    cloud.seeding.media.put(f"{prefix}hls/index.m3u8", playlist, "application/vnd.apple.mpegurl")
    functions.invoke("MediaFunction", completion_event(meetup, video))
    shown = functions.http("GET", f"/api/meetups/{meetup}/media/{video}", token=token)
    assert shown["status"] == "ready", shown
    assert functions.http("GET", f"/api/meetups/{meetup}/media/{picture}", token=token)[
        "renditions"
    ]
    stream_url = functions.http("GET", f"/api/meetups/{meetup}", token=token)["media"][1][
        "stream_url"
    ]
    functions.http("GET", stream_url.removeprefix(STACK.parameters["PublicUrl"]))

    functions.http("DELETE", f"/api/meetups/{meetup}/media/{picture}", token=token, expect=204)
    tier.settle()  # the stream queues the removal; the media function deletes the files
    return str(meetup)


def run_graphql(functions: Functions, token: str, gallery: str) -> None:
    """The web app's API: a page of meetups with their media, a new draft, an upload."""

    def gql(query: str, variables: dict[str, Any] | None = None, **options: Any) -> Any:
        body = {"query": query, "variables": variables or {}}
        answer = functions.http("POST", "/api/graphql", token=token, body=body, **options)
        assert "errors" not in answer, answer
        return answer["data"]

    # An account email queued through the GraphQL API too.
    requested = gql(
        """mutation { forgotPassword(email: "ada@example.com") { accepted userErrors { code } } }"""
    )["forgotPassword"]
    assert requested == {"accepted": True, "userErrors": []}
    page = gql(
        """{ myMeetups(first: 10) { nodes { id meetupId title counts { invited }
             coverImage { id } media { renditions { url } } } } }"""
    )["myMeetups"]["nodes"]
    assert any(m["meetupId"] == gallery and m["media"] for m in page)
    created = gql(
        """mutation($input: CreateMeetupInput!) {
             createMeetup(input: $input) { meetup { id } userErrors { code } } }""",
        {
            "input": {
                "title": "Drafted in the app",
                "startsAt": (datetime.now(UTC) + timedelta(days=5)).isoformat(),
                "timezone": "Europe/Paris",
                "durationMinutes": 60,
                "joinUrl": "https://meet.example.com/app",
            }
        },
    )["createMeetup"]["meetup"]
    upload = gql(
        """mutation($input: RequestUploadInput!) {
             requestUpload(input: $input) { upload { fields { name value } } userErrors { code } }
           }""",
        {
            "input": {
                "meetupId": created["id"],
                "kind": "PHOTO",
                "contentType": "image/png",
                "size": 9,
            }
        },
    )["requestUpload"]["upload"]
    key = next(field["value"] for field in upload["fields"] if field["name"] == "key")
    declare_presigned_post(functions.recorder, key, "GraphqlFunction")
    # A capacity (the seats taken are checked as it changes), then the draft deleted.
    changed = gql(
        """mutation($input: UpdateMeetupInput!) {
             updateMeetup(input: $input) { meetup { id } userErrors { code } } }""",
        {"input": {"id": created["id"], "capacity": 10}},
    )["updateMeetup"]
    assert changed["userErrors"] == []
    deleted = gql(
        """mutation($id: ID!) { deleteMeetup(id: $id) { deletedId userErrors { code } } }""",
        {"id": created["id"]},
    )["deleteMeetup"]
    assert deleted["userErrors"] == []
    query = "{ viewer { name } }"
    functions.http("GET", "/api/graphql", token=token, query=urlencode({"query": query}))


def run_public_pages(functions: Functions, tier: EventTier, cloud: Cloud, token: str) -> None:
    """A public meetup's page and share image (from its cover photo), then a new title: the
    edge-cache function invalidates the page."""
    values = meetup_values("Open studio", visibility="public")
    meetup = functions.http("POST", "/api/meetups", token=token, body=values, expect=201)["id"]
    upload = functions.http(
        "POST",
        f"/api/meetups/{meetup}/media",
        token=token,
        body={"kind": "photo", "content_type": "image/jpeg", "size": len(photo((1200, 800)))},
        expect=201,
    )
    key = upload["upload"]["fields"]["key"]
    declare_presigned_post(functions.recorder, key)
    cloud.seeding.media.put(key, photo((1200, 800)), "image/jpeg")
    functions.http("POST", f"/api/meetups/{meetup}/publish", token=token)
    tier.settle()
    page = functions.http("GET", f"/m/{meetup}", accept="text/html")
    assert "Open studio" in page
    functions.http("GET", f"/m/{meetup}/share.png", accept="image/png")
    functions.http("GET", f"/m/{meetup}/share.png", accept="image/png")  # kept: read back
    functions.http(
        "PATCH", f"/api/meetups/{meetup}", token=token, body={"title": "Open studio, again"}
    )
    tier.settle()


def declare_presigned_post(recorder: Recorder, key: str, function: str = "MeetupsFunction") -> None:
    """A presigned POST makes no call when it is made: S3 authorizes the browser's upload
    as s3:PutObject by the role that signed the form. Recorded as the signing function's."""
    recorder.calls[function].append(
        Call(
            "s3:PutObject",
            f"arn:aws:s3:::{STACK.physical_name('MediaBucket')}/{key}",
            "s3:PostObject (presigned)",
        )
    )


SAMPLE_EVENTS = Path(__file__).parents[1] / "events" / "mediaConvertJobStateChange.json"
SAMPLE_BUCKET = "slsplay-prod-media-111122223333"
SAMPLE_IDS = ("01JP3M8Z6Q4R7T2V9X1C5B8N0D", "01JP3MB2K7H5F9W3Y6A1E4G8J2")


def completion_event(meetup_id: str, media_id: str) -> dict[str, Any]:
    """The sample COMPLETE event, for this job's video in this stack's bucket."""
    text = json.dumps(json.loads(SAMPLE_EVENTS.read_text())["COMPLETE"])
    text = text.replace(SAMPLE_BUCKET, STACK.physical_name("MediaBucket"))
    text = text.replace(SAMPLE_IDS[0], meetup_id).replace(SAMPLE_IDS[1], media_id)
    event: dict[str, Any] = json.loads(text)
    return event


class MailRefusals:
    """A botocore hook: SES refuses the next ``pending`` emails (as it does a throttled or
    suspended account), so that the senders' way back from a failed send is run too.

    Hooked before the call, not before sending: moto's SES takes a message as sent as soon as
    the request reaches it."""

    def __init__(self) -> None:
        self.pending = 0
        self.refused = 0

    def refuse_next(self) -> None:
        self.pending += 1

    def __call__(self, **_: Any) -> tuple[AWSResponse, dict[str, Any]] | None:
        if not self.pending:
            return None
        self.pending -= 1
        self.refused += 1
        error = {"Code": "SendingPausedException", "Message": "Sending paused for this account."}
        return AWSResponse("", 400, {}, _Raw("")), {"Error": error}


def mediaconvert_answers(request: Any, **_: Any) -> AWSResponse | None:
    """MediaConvert's answer to CreateJob (no MediaConvert runs offline, nor in moto): the
    request has been recorded and validated against the service model by then."""
    if "mediaconvert" not in request.url:
        return None
    body = json.dumps({"job": {"id": "1773310502123-k3v9qa", "role": "r", "settings": {}}})
    return AWSResponse(request.url, 201, {"Content-Type": "application/json"}, _Raw(body))


class _Raw:
    def __init__(self, body: str) -> None:
        self._body = body.encode()

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


STRIPE_KEYS = {"secret_key": SECRET_KEY, "webhook_secret": "whsec_policies"}


def run_payments(functions: Functions, tier: EventTier, cloud: Cloud, token: str) -> None:
    """A paid meetup on Stripe (a local fake of its API): payouts set up, a ticket bought
    and paid by webhook, the balance read, the meetup cancelled (its ticket refunded); the
    checkouts job ends a lapsed hold and the payouts job pays an organizer out."""
    fake = functions.stripe
    functions.http("POST", "/api/me/payout-account", token=token)
    values = {
        "title": "Tasting",
        "starts_at": datetime.now(UTC) + timedelta(days=3),
        "timezone": "Europe/Paris",
        "duration_minutes": 90,
        "join_url": "https://meet.example.com/tasting",
        "price": {"amount_minor": 2500, "currency": "EUR"},
    }
    meetup = functions.http("POST", "/api/meetups", token=token, body=values, expect=201)["id"]
    invitees = {"invitees": [{"email": "gus@example.com"}]}
    functions.http(
        "POST", f"/api/meetups/{meetup}/invitations", token=token, body=invitees, expect=201
    )
    functions.http("POST", f"/api/meetups/{meetup}/publish", token=token)
    tier.settle()
    link = functions.http(
        "POST",
        f"/api/meetups/{meetup}/invitations/link",
        token=token,
        body={"email": "gus@example.com"},
    )["token"]
    started = functions.http("POST", f"/api/rsvp/{link}/checkout", expect=201)
    session = fake.complete(started["ticket"]["checkout_url"].rsplit("/", 1)[-1])
    body, headers = fake.webhook(
        "checkout.session.completed", session["id"], STRIPE_KEYS["webhook_secret"]
    )
    functions.http_raw("POST", "/api/payments/webhook", body, headers)
    tier.settle()

    functions.http("GET", "/api/me/balance", token=token)
    functions.http("POST", "/api/me/payouts", token=token, expect=409)  # not until it ended
    functions.http("POST", f"/api/meetups/{meetup}/cancel", token=token)
    tier.settle()  # the notifier refunds the ticket
    assert len(fake.refunds) == 1

    # A hold whose 15 minutes ended, and a sale of a meetup that ended.
    store = cloud.seeding.store
    past = FakeClock(datetime.now(UTC) - timedelta(minutes=20))
    organizer = User.register(user_id=new_id(), email="hal@example.com", name="Hal", now=past.now())
    UserRepository(store).add(organizer)
    PayoutAccountRepository(store).add(organizer.id, next(iter(fake.accounts)))
    seller = tickets.PaymentPorts(store, past, _stripe(fake), "https://" + HOST)
    # One seat: Ivy holds it, Jo waits in line.
    soon = {**values, "starts_at": past.now() + timedelta(hours=2), "capacity": 1}
    held = meetups.plan_meetup(seller, organizer.id, soon).meetup.id
    invitees = [{"email": "ivy@example.com"}, {"email": "jo@example.com"}]
    meetups.invite_people(seller, organizer.id, held, invitees)
    meetups.publish_meetup(seller, signed_up(store, organizer.id), held)
    meetup_item, _ = MeetupRepository(store).get(held)
    ivy, jo = (
        answers.mint_answer_token(seller, meetup_item, InvitationRepository(store).get(held, e))
        for e in ("ivy@example.com", "jo@example.com")
    )
    tickets.start_checkout(seller, ivy)
    assert tickets.start_checkout(seller, jo).ticket is None
    tier.settle()
    assert functions.invoke("CheckoutsJob", schedule("CheckoutsJob")) == {"ended": 1}
    # The seat came free: the notifier offers it to Jo, whose payment takes her out of line.
    tier.settle()
    offered = functions.http("POST", f"/api/rsvp/{jo}/checkout", expect=201)
    session = fake.complete(offered["ticket"]["checkout_url"].rsplit("/", 1)[-1])
    body, headers = fake.webhook(
        "checkout.session.completed", session["id"], STRIPE_KEYS["webhook_secret"]
    )
    functions.http_raw("POST", "/api/payments/webhook", body, headers)
    tier.settle()
    LedgerRepository(store).record(
        [
            LedgerEntry(
                id="sale-policies",
                organizer_id=organizer.id,
                kind=EntryKind.SALE,
                amount_minor=2500,
                currency="EUR",
                recorded_at=past.now(),
                available_at=past.now(),
            )
        ]
    )
    assert functions.invoke("PayoutsJob", schedule("PayoutsJob")) == {
        "organizers": 1,
        "payouts": 1,
    }


def _stripe(fake: StripeFake) -> StripePayments:
    return StripePayments(
        STRIPE_KEYS["secret_key"], STRIPE_KEYS["webhook_secret"], api_base=fake.url
    )


def run_docs(functions: Functions) -> None:
    functions.http("GET", "/api/openapi.json")
    functions.http("GET", "/api/docs", accept="text/html")


class EventTier:
    """The stream function and the queues' consumers, fed what moto's Streams and SQS hand
    out, as their event source mappings feed them."""

    def __init__(
        self, functions: Functions, cloud: Cloud, session: boto3.Session, mail: MailRefusals
    ) -> None:
        self.functions = functions
        self.cloud = cloud
        self.mail = mail
        self.streams = session.client("dynamodbstreams")
        description = self.streams.describe_stream(StreamArn=cloud.stream_arn)
        (shard,) = description["StreamDescription"]["Shards"]
        self.iterator = self.streams.get_shard_iterator(
            StreamArn=cloud.stream_arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        self.queues = [
            (function, cloud.seeding.queue(url), queue_arn)
            for function, url, queue_arn in cloud.consumers
        ]
        self.delivered = 0
        self.failed = 0

    def settle(self) -> None:
        """Deliver table changes and queued messages until neither has anything new; a
        message whose email SES refused comes back at once (not after its visibility
        timeout) and is delivered again."""
        while True:
            answer = self.streams.get_records(ShardIterator=self.iterator, Limit=100)
            self.iterator, records = answer["NextShardIterator"], answer["Records"]
            if records:
                result = self.functions.invoke("StreamFunction", {"Records": records})
                assert result == {"batchItemFailures": []}
            received = 0
            for function, queue, queue_arn in self.queues:
                messages = queue.receive(10)
                if messages:
                    event = sqs_event(messages, queue_arn=queue_arn, region=REGION)
                    try:
                        result = self.functions.invoke(function, event)
                    except BatchProcessingError:  # all of it failed: all of it comes back
                        result = {
                            "batchItemFailures": [
                                {"itemIdentifier": m.message_id} for m in messages
                            ]
                        }
                    failed = {f["itemIdentifier"] for f in result["batchItemFailures"]}
                    self.failed += len(failed)
                    assert self.failed <= self.mail.refused, (function, result)
                    for message in messages:
                        if message.message_id in failed:
                            queue.change_visibility(message.receipt_handle, 0)
                        else:
                            queue.delete(message.receipt_handle)
                    received += len(messages)
            self.delivered += received
            if not records and not received:
                return


def run_jobs(functions: Functions, cloud: Cloud, mail: MailRefusals) -> None:
    """A meetup 50 minutes away with one attendee: its attendee list and 1-hour reminder."""
    store, clock = cloud.seeding.store, cloud.seeding.clock
    now = clock.now()
    organizer = User.register(user_id=new_id(), email="eve@example.com", name="Eve", now=now)
    UserRepository(store).add(organizer)
    soon = meetups.plan_meetup(
        StoreAndClock(store, clock),
        organizer.id,
        {
            "title": "Soon",
            "starts_at": now + timedelta(minutes=50),
            "timezone": "Europe/Paris",
            "duration_minutes": 30,
            "join_url": "https://meet.example.com/soon",
        },
    ).meetup.id
    meetups.invite_people(
        StoreAndClock(store, clock), organizer.id, soon, [{"email": "fay@example.com"}]
    )
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, organizer.id), soon)
    answers.answer_invitation(
        StoreAndClock(store, clock), soon, "fay@example.com", Answer.ATTENDING
    )

    # The mail service refuses the first try: the job gives the email back, to send on its
    # next run.
    mail.refuse_next()
    with pytest.raises(ClientError, match="SendingPaused"):
        functions.invoke("AttendeeListJob", schedule("AttendeeListJob"))
    assert functions.invoke("AttendeeListJob", schedule("AttendeeListJob")) == {"sent": 1}
    # Queued for the notifier, which sends them a group of attendees at a time.
    assert functions.invoke("RemindersJob", schedule("RemindersJob")) == {"meetups": 1}

    # A published monthly series whose next occurrence came within 60 days.
    later = FakeClock(now - timedelta(days=40))
    monthly = meetups.plan_meetup(
        StoreAndClock(store, later),
        organizer.id,
        {
            "title": "Monthly",
            "starts_at": now + timedelta(days=1),
            "timezone": "Europe/Paris",
            "duration_minutes": 30,
            "join_url": "https://meet.example.com/monthly",
            "recurrence": {"frequency": "monthly"},
        },
    ).meetup.id
    # Its invitees are invited to each occurrence the job creates.
    meetups.invite_people(
        StoreAndClock(store, later), organizer.id, monthly, [{"email": "gia@example.com"}]
    )
    meetups.publish_meetup(StoreAndClock(store, later), signed_up(store, organizer.id), monthly)
    assert functions.invoke("SeriesJob", schedule("SeriesJob")) == {"created": 1}


def run_cleanup(functions: Functions, cloud: Cloud) -> None:
    """A guest's draft untouched for 31 days: the clean-up removes it, and the guest."""
    store = cloud.seeding.store
    then = FakeClock(datetime.now(UTC) - timedelta(days=31))
    guest = User.guest(user_id=new_id(), now=then.now())
    UserRepository(store).add(guest)
    values = {
        "title": "Forgotten",
        "starts_at": then.now() + timedelta(days=3),
        "timezone": "Europe/Paris",
        "duration_minutes": 30,
        "join_url": "https://meet.example.com/forgotten",
    }
    meetups.plan_meetup(StoreAndClock(store, then), guest.id, values)

    cleaned = functions.invoke("CleanupJob", schedule("CleanupJob"))
    assert (cleaned["guest_drafts"], cleaned["guests"]) == (1, 1)


def run_stalled_media(functions: Functions, tier: EventTier, cloud: Cloud) -> None:
    """A video processing for three hours: the sweep fails it, the notifier tells Ivo."""
    store = cloud.seeding.store
    then = FakeClock(datetime.now(UTC) - timedelta(hours=3))
    organizer = User.register(user_id=new_id(), email="ivo@example.com", name="Ivo", now=then.now())
    UserRepository(store).add(organizer)
    meetup = meetups.plan_meetup(
        StoreAndClock(store, then), organizer.id, meetup_values("Film club")
    ).meetup.id
    video = Media.request(
        media_id=new_id(),
        meetup_id=meetup,
        kind=MediaKind.VIDEO,
        content_type="video/mp4",
        size=4000,
        now=then.now(),
    )
    MediaRepository(store).add(video)
    video.start_processing(then.now())
    MediaRepository(store).save(video, video.version - 1)

    assert functions.invoke("StalledMediaJob", schedule("StalledMediaJob")) == {"failed": 1}
    tier.settle()
    assert any(m["subject"].startswith("Your video for Film club") for m in sent_mail())


def schedule(logical_id: str) -> dict[str, Any]:
    return scheduled_event(
        rule_arn=arn("events", f"rule/{logical_id}"),
        at=datetime.now(UTC),
        account_id=STACK.account_id,
        region=REGION,
    )


@pytest.fixture(scope="module")
def recorded() -> Iterator[tuple[dict[str, list[Call]], set[str]]]:
    """Every function, run on moto with work that uses what it is granted."""
    with pytest.MonkeyPatch.context() as monkeypatch, mock_aws(), StripeFake() as stripe:
        for name, value in CREDENTIALS.items():
            monkeypatch.setenv(name, value)
        boto3.setup_default_session()
        session = boto3.DEFAULT_SESSION
        assert session is not None
        recorder = Recorder()
        # Registered before any client is built: a client copies its session's hooks.
        session.events.register("before-parameter-build", recorder)
        session.events.register("before-send.mediaconvert", mediaconvert_answers)
        mail = MailRefusals()
        session.events.register("before-call.sesv2.SendEmail", mail)
        cloud = provision(session)
        functions = Functions(recorder, monkeypatch, stripe)
        try:
            tier = EventTier(functions, cloud, session, mail)
            token = run_auth(functions, tier)
            run_docs(functions)
            run_meetups(functions, tier, token)
            gallery = run_media(functions, tier, cloud, token)
            run_graphql(functions, token, gallery)
            run_payments(functions, tier, cloud, token)
            run_jobs(functions, cloud, mail)
            run_cleanup(functions, cloud)
            run_stalled_media(functions, tier, cloud)
            run_public_pages(functions, tier, cloud, token)
            yield dict(recorder.calls), functions.routes_called
        finally:
            forget()
            boto3.DEFAULT_SESSION = None


# -- the checks -------------------------------------------------------------------------------

POLICY_FUNCTIONS = sorted(FUNCTIONS)


def test_every_function_and_route_of_the_template_was_exercised(
    recorded: tuple[dict[str, list[Call]], set[str]],
) -> None:
    calls, routes_called = recorded
    assert {route.key for route in ROUTES.all()} - routes_called == set()
    silent = {name for name in FUNCTIONS if name not in calls} - {"DocsFunction"}
    assert silent == set(), "functions that made no AWS call: give them work in this test"


@pytest.mark.parametrize("function", POLICY_FUNCTIONS)
def test_every_call_a_function_makes_is_granted_by_its_policies(
    recorded: tuple[dict[str, list[Call]], set[str]], function: str
) -> None:
    calls, _ = recorded
    grants = grants_of(function)
    denied = sorted(
        {str(call) for call in calls.get(function, []) if not any(g.allows(call) for g in grants)}
    )
    assert denied == [], f"{function} would be refused these in the cloud"


@pytest.mark.parametrize("function", POLICY_FUNCTIONS)
def test_every_policy_of_a_function_is_needed_and_no_broader_than_needed(
    recorded: tuple[dict[str, list[Call]], set[str]], function: str
) -> None:
    calls = recorded[0].get(function, [])
    grants = grants_of(function)
    problems = []
    for grant in (g for g in grants if g.checked):
        others = [g for g in grants if g is not grant]
        needed = [c for c in calls if grant.allows(c) and not any(o.allows(c) for o in others)]
        if not needed:
            problems.append(f"{grant.policy}: grants nothing {function} does")
            continue
        if grant.template is None:  # a Statement: each action and resource must be used
            for action in grant.actions:
                if not any(fnmatchcase(c.action, action) for c in needed):
                    problems.append(f"{grant.policy}: {action} is never needed")
            for resource in grant.resources:
                if resource == "*" or not any(fnmatchcase(c.resource, resource) for c in needed):
                    problems.append(f"{grant.policy}: names {resource}, which no call needs")
    assert problems == []


@pytest.mark.parametrize("function", POLICY_FUNCTIONS)
def test_no_function_may_scan_the_table_or_holds_a_sam_table_policy(function: str) -> None:
    policies = STACK.properties(function).get("Policies") or []
    templates = {name for policy in policies for name in policy} & SAM_TABLE_TEMPLATES
    scans = [
        grant.policy
        for grant in grants_of(function)
        if any(fnmatchcase("dynamodb:Scan", action) for action in grant.actions)
    ]
    assert (templates, scans) == (set(), [])


def test_every_failure_destination_is_one_sam_grants_the_mapping() -> None:
    # An event source mapping sends failed batches with the function's role; SAM adds that
    # permission only when the destination says its Type.
    missing = [
        f"{function}.{name}"
        for function in FUNCTIONS
        for name, event in (STACK.properties(function).get("Events") or {}).items()
        if "OnFailure" in (event["Properties"].get("DestinationConfig") or {})
        and event["Properties"]["DestinationConfig"]["OnFailure"].get("Type")
        not in ("SQS", "SNS", "S3")
    ]
    assert missing == []
