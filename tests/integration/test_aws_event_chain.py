"""The event-driven tier on the AWS code path: change -> stream -> queue -> notifier -> SES.

The real stream and notifier handlers run on moto's DynamoDB Streams, SQS and SES v2 (in
process, nothing on the network), with the table and the notifier's queues declared as
template.yaml declares them. The handlers get the records and messages those services hand
out, never hand-written ones: this is what shows that they read AWS's shapes, which the
local runtime's pumps only imitate.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from typing import TYPE_CHECKING

import boto3
import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
from moto import mock_aws
from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from slsplay.adapters.aws.provision import create_table
from slsplay.bootstrap import Container
from slsplay.domain.invitations import Answer
from slsplay.domain.users import User
from slsplay.handlers import notifier, stream
from slsplay.handlers.context import container, forget
from slsplay.local.functions import lambda_functions
from slsplay.local.sqs_events import sqs_event
from slsplay.local.template import Stack
from slsplay.local.worker import LambdaContext
from slsplay.ports import Queue
from slsplay.services import answers, meetups
from slsplay.store.repositories import UserRepository
from tests.contract.conftest import REGION, aws_credentials  # noqa: F401  (a fixture, used below)
from tests.support.meetups import signed_up
from tests.support.stack_queues import template_queue_pair

if TYPE_CHECKING:
    from mypy_boto3_dynamodbstreams import DynamoDBStreamsClient
    from mypy_boto3_dynamodbstreams.type_defs import RecordTypeDef

MAIL_FROM = "slsplay <no-reply@slsplay.example.com>"
GUESTS = ["ana@example.com", "ben@example.com", "cleo@example.com"]
# The batch sizes of template.yaml's event source mappings.
STREAM_BATCH_SIZE = 100
NOTIFIER_BATCH_SIZE = 10


@dataclass(frozen=True)
class NotifierRun:
    """One invocation of the notifier with one received batch, and how it ended."""

    received: list[str]  # message ids
    failed: list[str]  # the ids the event source mapping leaves on the queue
    raised: bool  # the invocation failed, rather than reporting batchItemFailures


@dataclass
class EventTier:
    """The stream function and the notifier, fed by moto as their event source mappings are."""

    app: Container
    notifier_queue: Queue
    dead_letter_queue: Queue
    queue_arn: str
    contexts: dict[str, LambdaContext]
    streams: DynamoDBStreamsClient
    shard_iterator: str

    def stream_records(self) -> list[RecordTypeDef]:
        """The table's stream records since the last read, as ``GetRecords`` answers them."""
        records: list[RecordTypeDef] = []
        while True:
            answer = self.streams.get_records(
                ShardIterator=self.shard_iterator, Limit=STREAM_BATCH_SIZE
            )
            self.shard_iterator = answer["NextShardIterator"]
            if not answer["Records"]:
                return records
            records += answer["Records"]

    def run_stream(self, records: list[RecordTypeDef]) -> None:
        """Invoke the stream function with ``records``, a batch at a time; none may fail."""
        for start in range(0, len(records), STREAM_BATCH_SIZE):
            event = {"Records": records[start : start + STREAM_BATCH_SIZE]}
            response = stream.handler(event, self.contexts["StreamFunction"])
            assert response == {"batchItemFailures": []}

    def run_notifier(self, visibility_timeout: int | None = None) -> NotifierRun | None:
        """Receive a batch, invoke the notifier with it and delete what it handled.

        None when there was nothing to receive.
        """
        messages = self.notifier_queue.receive(NOTIFIER_BATCH_SIZE, visibility_timeout)
        if not messages:
            return None
        received = [m.message_id for m in messages]
        event = sqs_event(messages, queue_arn=self.queue_arn, region=REGION)
        try:
            response = notifier.handler(event, self.contexts["NotifierFunction"])
        except BatchProcessingError:
            # Powertools raises when every record failed; Lambda then leaves the whole
            # batch on the queue, as a report naming each of them would.
            return NotifierRun(received, received, raised=True)
        failed = [failure["itemIdentifier"] for failure in response["batchItemFailures"]]
        for message in messages:
            if message.message_id not in failed:
                self.notifier_queue.delete(message.receipt_handle)
        return NotifierRun(received, failed, raised=False)

    def settle(self) -> None:
        """Deliver stream records and queued messages until neither has anything new."""
        while True:
            records = self.stream_records()
            self.run_stream(records)
            runs = 0
            while (run := self.run_notifier()) is not None:
                assert run.failed == [], f"the notifier failed on {run.failed}"
                runs += 1
            if not records and not runs:
                return


@pytest.fixture
def tier(aws_credentials: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[EventTier]:  # noqa: F811
    """The table, the notifier's queues and SES on moto, and the handlers pointed at them."""
    stack = Stack.load(region=REGION)
    table_name = stack.physical_name("Table")
    functions = lambda_functions(stack)
    with mock_aws():
        dynamodb = boto3.client("dynamodb", region_name=REGION)
        create_table(dynamodb, table_name, stack.properties("Table"))
        sqs = boto3.client("sqs", region_name=REGION)
        urls = template_queue_pair(stack, sqs, "NotifierQueue", "NotifierDeadLetterQueue")
        # The stream function also feeds the search index (answers change popularity).
        search_urls = template_queue_pair(stack, sqs, "SearchQueue", "SearchDeadLetterQueue")
        # And the edge-cache function's queue (a public meetup's page to refresh).
        edge_urls = template_queue_pair(stack, sqs, "EdgeCacheQueue", "EdgeCacheDeadLetterQueue")
        # And the analytics function's queue (what an invitee did, for the insights).
        analytics_urls = template_queue_pair(
            stack, sqs, "AnalyticsQueue", "AnalyticsDeadLetterQueue"
        )
        boto3.client("sesv2", region_name=REGION).create_email_identity(
            EmailIdentity="no-reply@slsplay.example.com"
        )
        # Both functions run with the template's environment; only what moto named differs.
        for name, value in {
            **functions["NotifierFunction"].config.environment,
            "AWS_REGION": REGION,
            "SLSPLAY_QUEUE_URL_NOTIFIER": urls.url,
            "SLSPLAY_QUEUE_URL_SEARCH": search_urls.url,
            "SLSPLAY_QUEUE_URL_EDGE_CACHE": edge_urls.url,
            "SLSPLAY_QUEUE_URL_ANALYTICS": analytics_urls.url,
            "SLSPLAY_MAIL_FROM": MAIL_FROM,
        }.items():
            monkeypatch.setenv(name, value)
        forget_adapters()
        app = container()
        streams = boto3.client("dynamodbstreams", region_name=REGION)
        stream_arn = dynamodb.describe_table(TableName=table_name)["Table"]["LatestStreamArn"]
        (shard,) = streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"]
        yield EventTier(
            app,
            notifier_queue=app.queue(urls.url),
            dead_letter_queue=app.queue(urls.dead_letter_url),
            queue_arn=sqs.get_queue_attributes(QueueUrl=urls.url, AttributeNames=["QueueArn"])[
                "Attributes"
            ]["QueueArn"],
            contexts={
                logical_id: functions[logical_id].config.context(
                    str(uuid.uuid4()), "2030/03/04/[$LATEST]test"
                )
                for logical_id in ("StreamFunction", "NotifierFunction")
            },
            streams=streams,
            shard_iterator=streams.get_shard_iterator(
                StreamArn=stream_arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
            )["ShardIterator"],
        )
        forget_adapters()


def forget_adapters() -> None:
    """Drop the adapters the handlers' process built, so the next test builds its own."""
    forget()


def sent_emails() -> list[EmailMessage]:
    """What SES accepted for sending, oldest first, parsed as a mail app would."""
    backend = ses_backends[DEFAULT_ACCOUNT_ID][REGION]
    return [
        email.message_from_bytes(m.raw_data.encode(), policy=email.policy.default)
        for m in backend.sent_messages
    ]


def planned_meetup(app: Container, guests: list[str]) -> str:
    """A draft by Ada, three days ahead, with ``guests`` invited."""
    now = app.clock.now()
    ada = User.register(user_id="user-ada", email="ada@example.com", name="Ada", now=now)
    UserRepository(app.store).add(ada)
    meetup_id = meetups.plan_meetup(
        app,
        ada.id,
        {
            "title": "Salon evening",
            "starts_at": now + timedelta(days=3),
            "timezone": "Europe/Paris",
            "duration_minutes": 120,
            "join_url": "https://meet.example.com/salon",
        },
    ).meetup.id
    meetups.invite_people(app, ada.id, meetup_id, [{"email": g} for g in guests])
    return meetup_id


def published_meetup(app: Container, guests: list[str]) -> str:
    """As ``planned_meetup``, then published."""
    meetup_id = planned_meetup(app, guests)
    meetups.publish_meetup(app, signed_up(app.store, "user-ada"), meetup_id)
    return meetup_id


def test_publishing_emails_each_invitee_once_through_ses(tier: EventTier) -> None:
    published_meetup(tier.app, GUESTS)

    tier.settle()

    assert sorted((str(m["To"]), str(m["Subject"])) for m in sent_emails()) == [
        (guest, "Ada invited you: Salon evening") for guest in GUESTS
    ]
    assert tier.dead_letter_queue.dead_letters() == []


def test_an_answer_is_confirmed_once_even_when_the_stream_delivers_it_again(
    tier: EventTier,
) -> None:
    meetup_id = published_meetup(tier.app, GUESTS)
    tier.settle()
    invitations = len(sent_emails())

    answers.answer_invitation(tier.app, meetup_id, "ana@example.com", Answer.ATTENDING)
    answer_records = tier.stream_records()
    tier.run_stream(answer_records)
    tier.settle()
    tier.run_stream(answer_records)  # a replay: the same records, the same domain event
    assert tier.notifier_queue.approximate_count() == 1
    tier.settle()

    confirmations = sent_emails()[invitations:]
    assert [str(m["To"]) for m in confirmations] == ["ana@example.com"]
    text = confirmations[0].get_body(preferencelist=("plain",))
    assert text is not None
    # The join link, through the API's redirect that notes who joined.
    assert re.search(r"/api/rsvp/[^/\s]+/join\b", text.get_content())
    assert tier.dead_letter_queue.dead_letters() == []


def test_a_message_the_notifier_cannot_handle_ends_in_the_dead_letter_queue(
    tier: EventTier,
) -> None:
    # GIVEN a genuine message (an invitee added to a draft: nothing to send yet)...
    planned_meetup(tier.app, ["ana@example.com"])
    tier.run_stream(tier.stream_records())
    # ...and one of a kind the notifier does not know, behind it
    unknown = json.dumps({"event": "no_such_event", "id": "x", "meetup_id": "m"})
    unknown_id = tier.notifier_queue.send(unknown)

    runs = []
    while (run := tier.run_notifier(visibility_timeout=0)) is not None:
        runs.append(run)

    # THEN the first batch reports the unknown message alone, and the genuine one is done
    first, *again = runs
    assert len(first.received) == 2
    assert (first.failed, first.raised) == ([unknown_id], False)
    # Received alone, it fails every record of its batch: the invocation fails instead.
    assert [(run.received, run.raised) for run in again] == [([unknown_id], True)] * 4
    # After its fifth receive, SQS moved it to the dead-letter queue.
    (dead,) = tier.dead_letter_queue.dead_letters()
    assert dead.body == unknown
    assert tier.notifier_queue.approximate_count() == 0
    assert sent_emails() == []
