"""What an operator follows: correlation ids (which a caller may send, how they are bound),
the product's metrics a committed change counts, the EMF lines they become, the functions'
entry point (correlation, failures, a tracer only where one traces), and the dashboard."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from slsplay.adapters.emf_metrics import EmfMetrics
from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.media import Media, MediaKind, MediaStatus
from slsplay.domain.tickets import Ticket, TicketStatus
from slsplay.handlers import logs
from slsplay.local.template import load_template
from slsplay.mail.mime import to_wire
from slsplay.ports import (
    CORRELATION_HEADER,
    Change,
    Email,
    Item,
    Key,
    Measure,
    correlation,
    correlation_id,
    valid_correlation_id,
    with_correlation,
)
from slsplay.store import changes, records
from tests.support.clock import START

# -- correlation ids ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["Mc7UVioPPHcEKPA=", "+c7UVioPPHcEKPA=", "1f0e3dad-9990-4b5a-8f1e-2c2d7d3c1a0b", "test-1"],
)
def test_api_gateway_request_ids_and_uuids_are_correlation_ids(value: str) -> None:
    assert valid_correlation_id(value)


@pytest.mark.parametrize(
    "value", ["", "a b", "x\r\nBcc: victim@example.com", "é", "x" * 129, None, 42]
)
def test_what_could_break_a_header_or_a_log_line_is_no_correlation_id(value: object) -> None:
    assert not valid_correlation_id(value)


def test_a_correlation_id_is_bound_for_the_block_only_and_stamps_attributes() -> None:
    assert with_correlation({"event": "meetup_published"}) == {"event": "meetup_published"}

    with correlation("request-1"):
        assert correlation_id() == "request-1"
        with correlation(None):
            assert with_correlation({"n": 1}) == {"n": 1}
        stamped = with_correlation({"event": "meetup_published"})

    assert stamped == {"event": "meetup_published", "correlation_id": "request-1"}
    assert correlation_id() is None


def test_binding_what_is_no_correlation_id_is_refused() -> None:
    with pytest.raises(ValueError, match="not a correlation id"), correlation("a\nb"):
        pass


def test_an_email_sent_under_a_correlation_id_carries_it_as_a_header() -> None:
    email = Email(to="ann@example.com", subject="Hello", text="Hi", html="<p>Hi</p>")

    plain = to_wire(email, sender="no-reply@slsplay.example.com", now=START).data
    with correlation("request-1"):
        correlated = to_wire(email, sender="no-reply@slsplay.example.com", now=START).data

    assert CORRELATION_HEADER.encode() not in plain
    assert f"{CORRELATION_HEADER}: request-1\r\n".encode() in correlated


# -- the metrics a change counts --------------------------------------------------------------


def _modified(old: Item, new: Item) -> Change:
    return Change("1", "MODIFY", Key(new["pk"], new["sk"]), old, new, START)


INVITATION = Invitation("i1", "m1", "ann@example.com", "Ann", START)


def _measures(old: Item, new: Item) -> list[Measure]:
    return changes.measures_of(_modified(old, new))


def test_an_invitation_emailed_counts_one_invitation_sent_once() -> None:
    sent = replace(INVITATION, sent_at=START, version=2)
    old, new = records.invitation_item(INVITATION), records.invitation_item(sent)

    assert _measures(old, new) == [Measure("InvitationsSent")]
    assert _measures(new, records.invitation_item(replace(sent, version=3))) == []


@pytest.mark.parametrize("answer", [Answer.ATTENDING, Answer.DECLINED, Answer.WAITLISTED])
def test_an_answer_counts_by_its_kind(answer: Answer) -> None:
    answered = replace(INVITATION, response=answer, responded_at=START, version=2)

    measures = _measures(records.invitation_item(INVITATION), records.invitation_item(answered))

    assert measures == [Measure("Answers", dimensions={"Answer": answer.value})]


TICKET = Ticket(
    "t1", "m1", "o1", "ann@example.com", "CODE", 2000, 100, "EUR", START, START + timedelta(1)
)


@pytest.mark.parametrize(
    ("status", "counted"), [(TicketStatus.PAID, "TicketsSold"), (TicketStatus.REFUNDED, "Refunds")]
)
def test_a_ticket_paid_or_refunded_counts_a_sale_or_a_refund(
    status: TicketStatus, counted: str
) -> None:
    refunded = status is TicketStatus.REFUNDED
    before = replace(TICKET, status=TicketStatus.PAID) if refunded else TICKET
    after = replace(before, status=status, version=before.version + 1)

    measures = _measures(records.ticket_item(before), records.ticket_item(after))

    assert measures == [Measure(counted)]


@pytest.mark.parametrize("outcome", [MediaStatus.READY, MediaStatus.FAILED])
def test_a_photo_or_video_processed_counts_by_its_outcome(outcome: MediaStatus) -> None:
    processing = Media(
        "p1", "m1", MediaKind.PHOTO, "image/jpeg", 10, START, START, MediaStatus.PROCESSING
    )
    done = replace(processing, status=outcome, version=2)

    measures = _measures(records.media_item(processing), records.media_item(done))

    assert measures == [Measure("MediaProcessed", dimensions={"Outcome": outcome.value})]


def test_a_new_item_or_a_removal_counts_nothing() -> None:
    item = records.invitation_item(replace(INVITATION, sent_at=START))
    key = Key(item["pk"], item["sk"])

    assert changes.measures_of(Change("1", "INSERT", key, None, item, START)) == []
    assert changes.measures_of(Change("2", "REMOVE", key, item, None, START)) == []


# -- EMF lines ----------------------------------------------------------------------------------


def _printed(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_a_measure_is_one_emf_line_with_its_dimensions_and_the_bound_correlation_id(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POWERTOOLS_SERVICE_NAME", "slsplay-dev")

    with correlation("request-1"):
        EmfMetrics("slsplay").count(Measure("Answers", 2, {"Answer": "attending"}))

    [line] = _printed(capsys)
    assert line["_aws"]["CloudWatchMetrics"] == [
        {
            "Namespace": "slsplay",
            "Dimensions": [["Answer", "service"]],
            "Metrics": [{"Name": "Answers", "Unit": "Count"}],
        }
    ]
    assert line["Answers"] == [2.0]
    assert (line["Answer"], line["service"]) == ("attending", "slsplay-dev")
    assert line["correlation_id"] == "request-1"


# -- the functions' entry point -------------------------------------------------------------


class FakeContext:
    """What Lambda passes a handler, as far as the logger reads it."""

    function_name = "MeetupsFunction"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:MeetupsFunction"
    aws_request_id = "c6af9ac6-7b61-11e6-9a41-93e812345678"


@pytest.fixture
def log(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """What the functions' logger writes, while the test runs."""
    written = io.StringIO()
    monkeypatch.setattr(logs.logger.registered_handler, "stream", written)
    return written


def _entries(log: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.getvalue().splitlines()]


def _api_event(**headers: str) -> dict[str, Any]:
    return {
        "routeKey": "POST /api/meetups/{id}/publish",
        "headers": headers,
        "requestContext": {"requestId": "Mc7UVioPPHcEKPA="},
    }


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"x-correlation-id": "caller-1"}, "caller-1"),
        ({"x-correlation-id": "not one\r\n"}, "Mc7UVioPPHcEKPA="),
        ({}, "Mc7UVioPPHcEKPA="),
    ],
)
def test_an_api_request_runs_under_its_caller_s_valid_id_or_else_its_request_id(
    headers: dict[str, str], expected: str, log: io.StringIO
) -> None:
    seen: list[str | None] = []

    @logs.entry_point
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        seen.append(correlation_id())
        return {"statusCode": 200}

    handler(_api_event(**headers), FakeContext())

    assert seen == [expected]
    assert correlation_id() is None
    [answered] = [e for e in _entries(log) if e["message"] == "request answered"]
    assert answered["correlation_id"] == expected
    assert answered["status"] == 200


def test_an_api_answer_of_500_counts_a_failure_of_its_route(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLSPLAY_DATA_DIR", "/nonexistent")  # the metrics need no file

    @logs.entry_point
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return {"statusCode": 500}

    handler(_api_event(), FakeContext())

    [failure] = [e for e in _printed(capsys) if "_aws" in e]
    assert failure["Failures"] == [1.0]
    assert failure["UseCase"] == "POST /api/meetups/{id}/publish"
    assert failure["correlation_id"] == "Mc7UVioPPHcEKPA="


def test_a_failed_step_counts_a_failure_of_its_use_case_unless_it_asks_for_a_retry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    class Later(Exception):
        pass

    with pytest.raises(Later), logs.step("notifier.meetup_published", "m-1", retried=(Later,)):
        raise Later
    assert _printed(capsys) == []

    with pytest.raises(RuntimeError), logs.step("notifier.meetup_published", "m-1"):
        raise RuntimeError

    [failure] = _printed(capsys)
    assert failure["UseCase"] == "notifier.meetup_published"
    assert failure["correlation_id"] == "m-1"


def test_outside_lambda_no_tracer_is_built_nor_the_x_ray_sdk_imported() -> None:
    # A fresh interpreter: whether a module is loaded is the whole question.
    script = (
        "import sys\n"
        "from slsplay.handlers import logs\n"
        "assert logs.tracer() is None\n"
        "assert not [m for m in sys.modules if m.startswith('aws_xray_sdk')]\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)  # noqa: S603  (our own code)


TRACED = """
from aws_xray_sdk.core import xray_recorder
from aws_xray_sdk.core.patcher import _PATCHED_MODULES
from slsplay.handlers import logs
from tests.unit.test_observability import FakeContext, _api_event

class Sent:
    entities = []
    def send_entity(self, entity):
        self.entities.append(entity.to_dict())
    def set_daemon_address(self, address):
        pass

xray_recorder.emitter = Sent()
handler = logs.entry_point(lambda event, context: {"statusCode": 200})
handler(_api_event(**{"x-correlation-id": "caller-1"}), FakeContext())
assert "botocore" in _PATCHED_MODULES, _PATCHED_MODULES
named = {entity["name"]: entity.get("annotations") for entity in Sent.entities}
assert named["## POST /api/meetups/id/publish"] == {"correlation_id": "caller-1"}, named
"""


def test_where_lambda_traces_each_request_is_a_subsegment_annotated_with_its_id() -> None:
    # A fresh interpreter, as Lambda's: its trace header, the code's folder, an emitter that
    # keeps what would go to the X-Ray daemon.
    env = {
        "LAMBDA_TASK_ROOT": "/var/task",
        "_X_AMZN_TRACE_ID": (
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
        ),
    }
    subprocess.run([sys.executable, "-c", TRACED], check=True, env={**_environ(), **env})  # noqa: S603


def _environ() -> dict[str, str]:
    import os  # noqa: PLC0415

    return {k: v for k, v in os.environ.items() if not k.startswith("POWERTOOLS_")}


# -- the dashboard ----------------------------------------------------------------------------


def _dashboard() -> str:
    resource = load_template()["Resources"]["Dashboard"]
    body: str = resource["Properties"]["DashboardBody"]["Fn::Sub"]
    json.loads(re.sub(r"\$\{[^}]+\}", "x", body))  # JSON once substituted
    return body


@pytest.mark.parametrize(
    "metric",
    [
        changes.INVITATIONS_SENT,
        changes.ANSWERS,
        changes.TICKETS_SOLD,
        changes.REFUNDS,
        changes.MEDIA_PROCESSED,
        logs.FAILURES,
    ],
)
def test_the_dashboard_shows_every_metric_the_functions_count(metric: str) -> None:
    assert f'"{metric}"' in _dashboard() or f'\\"{metric}\\"' in _dashboard()


def test_the_dashboard_shows_each_consumer_queue_s_depth_and_oldest_message() -> None:
    resources = load_template()["Resources"]
    queues = [
        name
        for name, resource in resources.items()
        if resource["Type"] == "AWS::SQS::Queue" and not name.endswith("DeadLetterQueue")
    ]
    body = _dashboard()

    assert queues
    for queue in queues:
        for metric in ("ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage"):
            assert f'"{metric}", "QueueName", "${{{queue}.QueueName}}"' in body
