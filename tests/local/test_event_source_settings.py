"""Event source settings: those the pumps cannot honour, and those Lambda refuses at deploy,
stop the runtime at startup, by name; filters and scaling are honoured."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from slsplay.local.functions import lambda_functions
from slsplay.local.pumps import Pumps
from slsplay.local.template import Stack, TemplateError
from tests.local.pump_support import local_backend, template_variant

STREAM = "            BatchSize: 8\n"
QUEUE = "            BatchSize: 5\n"


def pumps_of(tmp_path: Path, after: str, setting: str) -> Pumps:
    """The fixture template's pumps, with ``setting`` added to the event of line ``after``."""
    template = template_variant(tmp_path / "template", after, f"{after}            {setting}\n")
    stack = Stack.load(template)
    return Pumps(stack, lambda_functions(stack), backend=local_backend(tmp_path))


@pytest.mark.parametrize(
    ("after", "setting", "refusal"),
    [
        (
            STREAM,
            'FilterCriteria: { Filters: [{ Pattern: \'{"eventName": [{"nearly": "INSERT"}]}\' }] }',
            r"ChangesFunction\.TableChanges: FilterCriteria: ",
        ),
        (
            QUEUE,
            "FilterCriteria: { Filters: [{ Pattern: 'not json' }] }",
            r"NotesFunction\.Notes: FilterCriteria: ",
        ),
        (
            QUEUE,
            "ScalingConfig: { MaximumConcurrency: 1 }",
            r"NotesFunction\.Notes: ScalingConfig\.MaximumConcurrency 1; Lambda takes 2 to 1000",
        ),
        (
            STREAM,
            "TumblingWindowInSeconds: 60",
            r"ChangesFunction\.TableChanges: TumblingWindowInSeconds is not supported",
        ),
        (
            STREAM,
            "MaximumRecordAgeInSeconds: 3600",
            r"ChangesFunction\.TableChanges: MaximumRecordAgeInSeconds is not supported",
        ),
        (
            STREAM,
            "StartingPositionTimestamp: 1700000000",
            r"ChangesFunction\.TableChanges: StartingPositionTimestamp is not supported",
        ),
        (
            STREAM,
            "BatchSzie: 3",
            r"ChangesFunction\.TableChanges: BatchSzie is not a property of a DynamoDB event",
        ),
        (
            QUEUE,
            "MaximumBatchingWindowInSeconds: 301",
            r"NotesFunction\.Notes: MaximumBatchingWindowInSeconds is 301; Lambda takes 0 to 300",
        ),
    ],
)
def test_a_setting_the_pumps_cannot_honour_fails_at_startup_naming_it(
    tmp_path: Path, after: str, setting: str, refusal: str
) -> None:
    with pytest.raises(TemplateError, match=refusal):
        pumps_of(tmp_path, after, setting)


def test_a_batch_over_ten_messages_without_a_batching_window_fails_as_lambda_refuses_it(
    tmp_path: Path,
) -> None:
    template = template_variant(tmp_path / "template", QUEUE, "            BatchSize: 50\n")
    stack = Stack.load(template)
    with pytest.raises(TemplateError, match=r"Notes: BatchSize 50 needs MaximumBatchingWindow"):
        Pumps(stack, lambda_functions(stack), backend=local_backend(tmp_path))


def test_a_queue_that_hides_a_message_for_less_than_its_consumer_runs_fails_at_startup(
    tmp_path: Path,
) -> None:
    template = template_variant(
        tmp_path / "template", "VisibilityTimeout: 30", "VisibilityTimeout: 4"
    )
    stack = Stack.load(template)
    with pytest.raises(
        TemplateError, match=r"NotesQueue's visibility timeout \(4 s\) is less than NotesFunction's"
    ):
        Pumps(stack, lambda_functions(stack), backend=local_backend(tmp_path))


def test_a_maximum_concurrency_caps_the_queues_pollers_within_the_functions_own(
    tmp_path: Path,
) -> None:
    pumps = pumps_of(tmp_path, QUEUE, "ScalingConfig: { MaximumConcurrency: 2 }")
    (notes,) = pumps.queue_pumps
    assert notes.concurrency == 2
    pumps.close()
    unbounded = pumps_of(tmp_path / "again", QUEUE, "ScalingConfig: { MaximumConcurrency: 900 }")
    (notes,) = unbounded.queue_pumps
    assert notes.concurrency == notes.function.concurrency
    unbounded.close()


def test_a_starting_position_dynamodb_streams_do_not_have_fails_at_startup(tmp_path: Path) -> None:
    template = template_variant(
        tmp_path / "template", "StartingPosition: TRIM_HORIZON", "StartingPosition: AT_TIMESTAMP"
    )
    stack = Stack.load(template)
    with pytest.raises(TemplateError, match=r"TableChanges: StartingPosition AT_TIMESTAMP"):
        Pumps(stack, lambda_functions(stack), backend=local_backend(tmp_path))


@pytest.mark.parametrize(
    ("after", "setting"),
    [
        (STREAM, "TumblingWindowInSeconds: 0"),
        (STREAM, "MaximumRecordAgeInSeconds: -1"),
        (STREAM, "ParallelizationFactor: 1"),
        (STREAM, "FilterCriteria: { Filters: [] }"),
        (STREAM, "MetricsConfig: { Metrics: [EventCount] }"),
        (QUEUE, "ScalingConfig: { MaximumConcurrency: 5 }"),
    ],
)
def test_a_setting_that_asks_for_nothing_the_pumps_leave_out_is_accepted(
    tmp_path: Path, after: str, setting: str
) -> None:
    pumps_of(tmp_path, after, setting).close()


def test_a_parallelization_factor_is_run_one_batch_at_a_time_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="slsplay.local"):
        pumps_of(tmp_path, STREAM, "ParallelizationFactor: 4").close()
    assert "TableChanges: ParallelizationFactor is ignored by the local runtime" in caplog.text


def test_a_disabled_event_is_not_checked(tmp_path: Path) -> None:
    pumps = pumps_of(tmp_path, STREAM, "Enabled: false\n            TumblingWindowInSeconds: 60")
    assert pumps.stream_pumps == []
    pumps.close()
