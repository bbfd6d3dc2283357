"""AWS's guidance on queues, event sources, EventBridge rules and the table, held over
template.yaml: for every one the template has, and for any added later.

- A queue hides a received message for six times its function's timeout (Lambda's advice:
  room for the invocation and for Lambda's retries when the function is throttled), else a
  message still being handled shows again and is handled twice. A batch of more than ten
  messages needs a batching window of a second or more: Lambda refuses the mapping otherwise.
- Every SQS event source caps its concurrency (``ScalingConfig.MaximumConcurrency``): without
  it Lambda scales a consumer with its queue's depth, up to the account's whole concurrency.
  A function whose downstream has a rate (the notifier: SES's sending rate) also reserves its
  concurrency, at least its source's maximum (fewer would throttle the source's batches).
- Every EventBridge target (a schedule, a rule) has a retry policy and a dead-letter queue
  whose policy lets that rule send to it: an event EventBridge cannot deliver is kept, not lost.
- Every queue is encrypted, explicitly; the table refuses deletion unless a stage says not.

``breaches`` holds them over a stack; the tests below hold it over the template, and over
copies of the template each broken in one way, so that the check cannot pass by finding
nothing to look at.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

import pytest

from slsplay.local.functions import lambda_functions
from slsplay.local.template import Stack, load_template

VISIBILITY_PER_TIMEOUT = 6
SQS_DEFAULT_VISIBILITY_TIMEOUT = 30  # seconds, for a queue that sets none
SQS_DEFAULT_BATCH_SIZE = 10
LARGEST_UNWINDOWED_BATCH = 10
# The events SAM turns into EventBridge rules (or Scheduler schedules) targeting the function.
EVENTBRIDGE_EVENTS = ("Schedule", "ScheduleV2", "EventBridgeRule", "CloudWatchEvent")
# Functions whose downstream has a rate, which their reserved concurrency keeps them within.
RATE_LIMITED = {"NotifierFunction": "SES's sending rate"}


@dataclass(frozen=True)
class SqsSource:
    """One SQS event of a function, with the figures AWS's guidance compares."""

    event: str  # Function.Event
    function: str
    queue: str
    timeout: float
    visibility_timeout: int
    batch_size: int
    batching_window: int
    maximum_concurrency: int | None = None
    reserved_concurrency: int | None = None

    def visibility_breach(self) -> str | None:
        """What is wrong with the queue's visibility timeout, or None."""
        # A message waits, invisible, through the batching window before the function starts.
        needed = VISIBILITY_PER_TIMEOUT * self.timeout + self.batching_window
        if self.visibility_timeout >= needed:
            return None
        window = (
            f" plus its {self.batching_window} s batching window" if self.batching_window else ""
        )
        return (
            f"{self.queue} hides a message for {self.visibility_timeout} s, less than"
            f" {VISIBILITY_PER_TIMEOUT} times {self.function}'s Timeout of {self.timeout:g} s"
            f"{window} ({needed:g} s): {self.event} may handle a message twice"
        )

    def batching_breach(self) -> str | None:
        """What Lambda would refuse of the batch size and window, or None."""
        if self.batch_size <= LARGEST_UNWINDOWED_BATCH or self.batching_window >= 1:
            return None
        return (
            f"{self.event} takes batches of {self.batch_size} messages from {self.queue} with a"
            f" {self.batching_window} s MaximumBatchingWindowInSeconds: Lambda wants 1 s or more"
            f" for a BatchSize over {LARGEST_UNWINDOWED_BATCH}"
        )

    def concurrency_breach(self) -> str | None:
        """What is wrong with the source's concurrency cap, or None."""
        if self.maximum_concurrency is None:
            return (
                f"{self.event} has no ScalingConfig.MaximumConcurrency: Lambda runs as many"
                f" batches of {self.queue} at once as its depth calls for"
            )
        reserved = self.reserved_concurrency
        if reserved is not None and reserved < self.maximum_concurrency:
            return (
                f"{self.event} runs up to {self.maximum_concurrency} batches at once, more than"
                f" {self.function}'s ReservedConcurrentExecutions of {reserved}: the rest throttle"
            )
        return None


def sqs_sources(stack: Stack) -> list[SqsSource]:
    """Every SQS event of every function of the stack, with its queue's figures."""
    queues = {stack.get_att(queue, "Arn"): queue for queue in stack.resources("AWS::SQS::Queue")}
    sources = []
    for logical_id, function in lambda_functions(stack).items():
        events: dict[str, Any] = stack.properties(logical_id).get("Events") or {}
        for name, event in events.items():
            if event.get("Type") != "SQS":
                continue
            settings = event.get("Properties") or {}
            queue = queues[settings["Queue"]]
            visibility = stack.properties(queue).get(
                "VisibilityTimeout", SQS_DEFAULT_VISIBILITY_TIMEOUT
            )
            maximum = (settings.get("ScalingConfig") or {}).get("MaximumConcurrency")
            sources.append(
                SqsSource(
                    event=f"{logical_id}.{name}",
                    function=logical_id,
                    queue=queue,
                    timeout=function.config.timeout,
                    visibility_timeout=int(visibility),
                    batch_size=int(settings.get("BatchSize", SQS_DEFAULT_BATCH_SIZE)),
                    batching_window=int(settings.get("MaximumBatchingWindowInSeconds", 0)),
                    maximum_concurrency=None if maximum is None else int(maximum),
                    reserved_concurrency=function.config.reserved_concurrency,
                )
            )
    return sources


def _sqs_breaches(stack: Stack) -> Iterator[str]:
    for source in sqs_sources(stack):
        for breach in (
            source.visibility_breach(),
            source.batching_breach(),
            source.concurrency_breach(),
        ):
            if breach is not None:
                yield breach


def _rate_limit_breaches(stack: Stack) -> Iterator[str]:
    for function, downstream in RATE_LIMITED.items():
        if stack.properties(function).get("ReservedConcurrentExecutions") is None:
            yield f"{function} reserves no concurrency, though {downstream} limits it"


@dataclass(frozen=True)
class EventBridgeTarget:
    """A function as the target of an EventBridge rule, with the rule's delivery settings."""

    event: str  # Function.Event
    rule_arn: str
    settings: dict[str, Any]


def eventbridge_targets(stack: Stack) -> list[EventBridgeTarget]:
    """Every function's EventBridge events, and the targets of the template's own rules."""
    targets = []
    for logical_id in stack.resources("AWS::Serverless::Function"):
        events: dict[str, Any] = stack.properties(logical_id).get("Events") or {}
        for name, event in events.items():
            if event.get("Type") not in EVENTBRIDGE_EVENTS:
                continue
            settings = event.get("Properties") or {}
            # Unnamed, CloudFormation names a rule after the stack and its logical id.
            rule = settings.get("Name") or settings.get("RuleName") or f"{logical_id}{name}"
            targets.append(
                EventBridgeTarget(f"{logical_id}.{name}", _arn(stack, f"rule/{rule}"), settings)
            )
    for logical_id in stack.resources("AWS::Events::Rule"):
        rule = stack.properties(logical_id)
        arn = _arn(stack, f"rule/{rule.get('Name', logical_id)}")
        for target in rule.get("Targets") or []:
            targets.append(EventBridgeTarget(f"{logical_id}.{target.get('Id')}", arn, target))
    return targets


def _arn(stack: Stack, resource: str) -> str:
    return f"arn:aws:events:{stack.region}:{stack.account_id}:{resource}"


def _eventbridge_breaches(stack: Stack) -> Iterator[str]:
    queues = {stack.get_att(queue, "Arn"): queue for queue in stack.resources("AWS::SQS::Queue")}
    for target in eventbridge_targets(stack):
        if not target.settings.get("RetryPolicy"):
            yield f"{target.event} has no RetryPolicy: EventBridge's default keeps an event a day"
        dead_letter = (target.settings.get("DeadLetterConfig") or {}).get("Arn")
        queue = queues.get(dead_letter)
        if queue is None:
            yield f"{target.event} has no DeadLetterConfig on a queue of the template"
        elif not _lets_eventbridge_send(stack, queue, target.rule_arn):
            yield f"{target.event}: no policy of {queue} lets EventBridge send {target.rule_arn}"


def _lets_eventbridge_send(stack: Stack, queue: str, rule_arn: str) -> bool:
    url = stack.ref(queue)
    for policy in stack.resources("AWS::SQS::QueuePolicy"):
        properties = stack.properties(policy)
        if url not in properties.get("Queues", []):
            continue
        for statement in properties["PolicyDocument"].get("Statement", []):
            conditions = statement.get("Condition") or {}
            sources = [
                pattern
                for operator in ("ArnLike", "ArnEquals")
                for pattern in _as_list((conditions.get(operator) or {}).get("aws:SourceArn"))
            ]
            if (
                statement.get("Effect") == "Allow"
                and (statement.get("Principal") or {}).get("Service") == "events.amazonaws.com"
                and "sqs:SendMessage" in _as_list(statement.get("Action"))
                and any(fnmatchcase(rule_arn, pattern) for pattern in sources)
            ):
                return True
    return False


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _encryption_breaches(stack: Stack) -> Iterator[str]:
    for queue in stack.resources("AWS::SQS::Queue"):
        properties = stack.properties(queue)
        if properties.get("SqsManagedSseEnabled") is not True and not properties.get(
            "KmsMasterKeyId"
        ):
            yield f"{queue} does not say it is encrypted (SqsManagedSseEnabled: true)"


def _table_breaches(stack: Stack) -> Iterator[str]:
    for table in stack.resources("AWS::DynamoDB::Table"):
        protected = stack.properties(table).get("DeletionProtectionEnabled")
        if str(protected).lower() != "true":
            yield f"{table} has no DeletionProtectionEnabled: one call deletes every item"


def breaches(stack: Stack) -> list[str]:
    """Everything in the stack that goes against AWS's guidance above."""
    return [
        *_sqs_breaches(stack),
        *_rate_limit_breaches(stack),
        *_eventbridge_breaches(stack),
        *_encryption_breaches(stack),
        *_table_breaches(stack),
    ]


TEMPLATE = load_template()


def test_the_template_keeps_to_aws_guidance() -> None:
    assert breaches(Stack(TEMPLATE)) == []


def test_the_template_has_each_kind_of_thing_the_guidance_covers() -> None:
    stack = Stack(TEMPLATE)

    assert {source.event for source in sqs_sources(stack)} >= {
        "NotifierFunction.Messages",
        "SearchFunction.Messages",
        "MediaFunction.Uploads",
    }
    assert {target.event for target in eventbridge_targets(stack)} >= {
        "MediaFunction.ConversionEnded",
        "CheckoutsJob.EveryMinute",
    }
    assert len(stack.resources("AWS::SQS::Queue")) >= 6


# -- the template broken one way at a time: the check must say so ------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _resources(template: dict[str, Any]) -> dict[str, Any]:
    resources: dict[str, Any] = template["Resources"]
    return resources


def _event(template: dict[str, Any], function: str, event: str) -> dict[str, Any]:
    properties: dict[str, Any] = _resources(template)[function]["Properties"]["Events"][event][
        "Properties"
    ]
    return properties


def _short_visibility(template: dict[str, Any]) -> None:
    _resources(template)["NotifierQueue"]["Properties"]["VisibilityTimeout"] = 59


def _uncapped_search(template: dict[str, Any]) -> None:
    del _event(template, "SearchFunction", "Messages")["ScalingConfig"]


def _conversion_without_dead_letters(template: dict[str, Any]) -> None:
    del _event(template, "MediaFunction", "ConversionEnded")["DeadLetterConfig"]


def _schedule_without_retries(template: dict[str, Any]) -> None:
    del _event(template, "CheckoutsJob", "EveryMinute")["RetryPolicy"]


def _rule_the_policy_does_not_name(template: dict[str, Any]) -> None:
    _event(template, "CleanupJob", "Daily")["Name"] = "someone-elses-cleanup"


def _unencrypted_queue(template: dict[str, Any]) -> None:
    del _resources(template)["MediaDeadLetterQueue"]["Properties"]["SqsManagedSseEnabled"]


def _unprotected_table(template: dict[str, Any]) -> None:
    template["Parameters"]["TableDeletionProtection"]["Default"] = "false"


def _notifier_without_reservation(template: dict[str, Any]) -> None:
    template["Parameters"]["NotifierReservedConcurrency"]["Default"] = 0


def _reservation_below_the_maximum(template: dict[str, Any]) -> None:
    template["Parameters"]["NotifierReservedConcurrency"]["Default"] = 1


def _a_new_consumer_and_job_with_no_settings(template: dict[str, Any]) -> None:
    _resources(template)["ExportsQueue"] = {"Type": "AWS::SQS::Queue", "Properties": {}}
    _resources(template)["ExportsFunction"] = {
        "Type": "AWS::Serverless::Function",
        "Properties": {
            "Handler": "slsplay.handlers.exports.handler",
            "Events": {
                "Messages": {
                    "Type": "SQS",
                    "Properties": {"Queue": {"Fn::GetAtt": ["ExportsQueue", "Arn"]}},
                },
                "Nightly": {"Type": "Schedule", "Properties": {"Schedule": "rate(1 day)"}},
            },
        },
    }


MUTATIONS: list[tuple[Mutation, list[str]]] = [
    (
        _short_visibility,
        [
            "NotifierQueue hides a message for 59 s, less than 6 times NotifierFunction's"
            " Timeout of 10 s (60 s): NotifierFunction.Messages may handle a message twice"
        ],
    ),
    (
        _uncapped_search,
        [
            "SearchFunction.Messages has no ScalingConfig.MaximumConcurrency: Lambda runs as"
            " many batches of SearchQueue at once as its depth calls for"
        ],
    ),
    (
        _conversion_without_dead_letters,
        ["MediaFunction.ConversionEnded has no DeadLetterConfig on a queue of the template"],
    ),
    (
        _schedule_without_retries,
        ["CheckoutsJob.EveryMinute has no RetryPolicy: EventBridge's default keeps an event a day"],
    ),
    (
        _rule_the_policy_does_not_name,
        [
            "CleanupJob.Daily: no policy of EventsDeadLetterQueue lets EventBridge send"
            " arn:aws:events:eu-west-1:123456789012:rule/someone-elses-cleanup"
        ],
    ),
    (
        _unencrypted_queue,
        ["MediaDeadLetterQueue does not say it is encrypted (SqsManagedSseEnabled: true)"],
    ),
    (
        _unprotected_table,
        ["Table has no DeletionProtectionEnabled: one call deletes every item"],
    ),
    (
        _notifier_without_reservation,
        ["NotifierFunction reserves no concurrency, though SES's sending rate limits it"],
    ),
    (
        _reservation_below_the_maximum,
        [
            "NotifierFunction.Messages runs up to 2 batches at once, more than"
            " NotifierFunction's ReservedConcurrentExecutions of 1: the rest throttle"
        ],
    ),
    (
        _a_new_consumer_and_job_with_no_settings,
        [
            "ExportsQueue hides a message for 30 s, less than 6 times ExportsFunction's Timeout"
            " of 10 s (60 s): ExportsFunction.Messages may handle a message twice",
            "ExportsFunction.Messages has no ScalingConfig.MaximumConcurrency: Lambda runs as"
            " many batches of ExportsQueue at once as its depth calls for",
            "ExportsFunction.Nightly has no RetryPolicy: EventBridge's default keeps an event a"
            " day",
            "ExportsFunction.Nightly has no DeadLetterConfig on a queue of the template",
            "ExportsQueue does not say it is encrypted (SqsManagedSseEnabled: true)",
        ],
    ),
]


@pytest.mark.parametrize(
    ("mutation", "expected"), MUTATIONS, ids=[m.__name__.strip("_") for m, _ in MUTATIONS]
)
def test_a_template_broken_one_way_is_caught_and_named(
    mutation: Mutation, expected: list[str]
) -> None:
    broken = copy.deepcopy(TEMPLATE)
    mutation(broken)

    assert breaches(Stack(broken)) == expected


def test_a_breach_names_the_queue_the_function_and_the_figures() -> None:
    worker = {
        "Type": "AWS::Serverless::Function",
        "Properties": {
            "Handler": "jobs.handler",
            "Timeout": 50,
            "Events": {
                "Work": {
                    "Type": "SQS",
                    "Properties": {"Queue": {"Fn::GetAtt": ["Jobs", "Arn"]}, "BatchSize": 20},
                }
            },
        },
    }
    jobs = {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 60}}

    (source,) = sqs_sources(Stack({"Resources": {"Jobs": jobs, "Worker": worker}}))

    assert source.visibility_breach() == (
        "Jobs hides a message for 60 s, less than 6 times Worker's Timeout of 50 s (300 s):"
        " Worker.Work may handle a message twice"
    )
    assert source.batching_breach() == (
        "Worker.Work takes batches of 20 messages from Jobs with a 0 s"
        " MaximumBatchingWindowInSeconds: Lambda wants 1 s or more for a BatchSize over 10"
    )


def test_a_batching_window_counts_toward_the_visibility_a_queue_needs() -> None:
    windowed = SqsSource("Worker.Work", "Worker", "Jobs", 10, 60, 20, 5)

    assert windowed.batching_breach() is None
    assert windowed.visibility_breach() == (
        "Jobs hides a message for 60 s, less than 6 times Worker's Timeout of 10 s plus its"
        " 5 s batching window (65 s): Worker.Work may handle a message twice"
    )
    assert SqsSource("Worker.Work", "Worker", "Jobs", 10, 65, 20, 5).visibility_breach() is None


def test_a_throwaway_stage_turns_the_tables_deletion_protection_off() -> None:
    throwaway = Stack(TEMPLATE, {"TableDeletionProtection": "false"})

    assert throwaway.properties("Table")["DeletionProtectionEnabled"] == "false"
    assert Stack(TEMPLATE).properties("Table")["DeletionProtectionEnabled"] == "true"
