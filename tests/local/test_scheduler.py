"""Scheduled jobs: EventBridge's rate() and cron() times, its Scheduled Event, and `jobs run`."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from slsplay.cli import main
from slsplay.local.pumps import Pumps
from slsplay.local.schedules import ScheduleError, parse_schedule
from tests.local import pump_functions
from tests.local.pump_support import PUMPS_TEMPLATE, FakeClock, local_backend, open_pumps

SAMPLE = Path(__file__).parents[1] / "events" / "eventBridgeEvent.json"
MONDAY_9 = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)  # a Monday


@pytest.fixture(autouse=True)
def fresh_functions() -> Iterator[None]:
    pump_functions.reset()
    yield
    pump_functions.reset()


def fire_due(pumps: Pumps) -> None:
    """One step of the scheduler, and the runs it started, to their end."""
    pumps.scheduler.pump_once()
    assert pumps.scheduler.wait(timeout=5)


def fired(job: str) -> list[str]:
    """The ``time`` of each event the job received (both jobs share one handler)."""
    return [
        event["time"] for event in pump_functions.RECEIVED["tick"] if job in event["resources"][0]
    ]


def test_a_rate_schedule_fires_every_five_minutes_by_the_clock(tmp_path: Path) -> None:
    clock = FakeClock(MONDAY_9)
    with open_pumps(tmp_path, clock) as pumps:
        fire_due(pumps)
        clock.advance(minutes=4, seconds=59)
        fire_due(pumps)
        assert fired("TickJob") == []
        for _ in range(2):
            clock.advance(minutes=5)
            fire_due(pumps)
    assert fired("TickJob") == ["2030-01-07T09:05:00Z", "2030-01-07T09:10:00Z"]


def test_a_cron_schedule_fires_on_weekday_mornings_only(tmp_path: Path) -> None:
    clock = FakeClock(MONDAY_9)
    with open_pumps(tmp_path, clock) as pumps:
        fire_due(pumps)
        for _ in range(7 * 24):  # a week, hour by hour
            clock.advance(hours=1)
            fire_due(pumps)
    assert fired("NightlyReportJob") == [
        f"2030-01-{day:02d}T09:30:00Z" for day in (7, 8, 9, 10, 11)
    ]


def test_the_scheduled_event_has_eventbridges_shape(tmp_path: Path) -> None:
    clock = FakeClock(MONDAY_9)
    with open_pumps(tmp_path, clock) as pumps:
        fire_due(pumps)
        clock.advance(minutes=5)
        fire_due(pumps)
    (event,) = [e for e in pump_functions.RECEIVED["tick"] if "TickJob" in e["resources"][0]]
    sample = json.loads(SAMPLE.read_text())

    assert set(sample) - set(event) == {"replay-name"}  # only a replayed event carries it
    assert event["detail-type"] == "Scheduled Event"
    assert event["source"] == "aws.events"
    assert event["detail"] == {}
    assert event["version"] == "0"
    assert event["account"] == "123456789012"
    assert event["region"] == "eu-west-1"
    assert event["resources"] == [
        "arn:aws:events:eu-west-1:123456789012:rule/slsplay-TickJobEveryFiveMinutes"
    ]


def test_a_time_missed_while_stopped_fires_once_after_a_restart(tmp_path: Path) -> None:
    clock = FakeClock(MONDAY_9)
    with open_pumps(tmp_path, clock) as pumps:
        fire_due(pumps)
    clock.advance(minutes=17)
    with open_pumps(tmp_path, clock) as pumps:
        fire_due(pumps)
        fire_due(pumps)
        clock.advance(minutes=3)
        fire_due(pumps)
    assert fired("TickJob") == ["2030-01-07T09:05:00Z", "2030-01-07T09:20:00Z"]


@pytest.mark.parametrize(
    ("expression", "after", "expected"),
    [
        ("cron(0/15 * * * ? *)", "2030-01-07T09:07:00", "2030-01-07T09:15:00"),
        ("cron(0 18 ? * MON-FRI *)", "2030-01-11T18:00:00", "2030-01-14T18:00:00"),
        ("cron(0 8 1 * ? *)", "2030-01-07T00:00:00", "2030-02-01T08:00:00"),
        ("cron(0 0 29 FEB ? *)", "2030-01-01T00:00:00", "2032-02-29T00:00:00"),
        ("cron(5,10 1-2 ? * 1 2031)", "2030-01-01T00:00:00", "2031-01-05T01:05:00"),
        ("cron(30 9 ? JAN,JUL SUN *)", "2030-01-07T00:00:00", "2030-01-13T09:30:00"),
    ],
)
def test_cron_expressions_give_their_next_time_in_utc(
    expression: str, after: str, expected: str
) -> None:
    start = datetime.fromisoformat(after).replace(tzinfo=UTC)
    schedule = parse_schedule(expression)
    assert schedule.next_after(start, start) == datetime.fromisoformat(expected).replace(tzinfo=UTC)


def test_a_cron_in_a_time_zone_fires_at_that_zones_local_time() -> None:
    schedule = parse_schedule("cron(0 9 * * ? *)", "Europe/Berlin")
    start = datetime(2030, 7, 1, tzinfo=UTC)
    assert schedule.next_after(start, start) == datetime(2030, 7, 1, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "expression",
    [
        "rate(1 minutes)",
        "rate(5 minute)",
        "rate(0 minutes)",
        "rate(5 weeks)",
        "cron(0 9 * * * *)",
        "cron(0 9 ? * ? *)",
        "cron(0 9 L * ? *)",
        "cron(0 9 15W * ? *)",
        "cron(0 9 ? * MON#2 *)",
        "cron(0 9 ? * 6L *)",
        "cron(60 9 * * ? *)",
        "cron(0 9 * *)",
        "at(2030-01-01T00:00:00)",
    ],
)
def test_unsupported_or_invalid_expressions_are_refused_clearly(expression: str) -> None:
    with pytest.raises(ScheduleError, match=r"\S"):
        parse_schedule(expression)


def test_a_template_with_an_unsupported_schedule_fails_at_startup(tmp_path: Path) -> None:
    from slsplay.local.template import Stack, TemplateError  # noqa: PLC0415

    text = PUMPS_TEMPLATE.read_text().replace("rate(5 minutes)", "cron(0 9 L * ? *)")
    broken = tmp_path / "template.yaml"
    broken.write_text(text)
    stack = Stack.load(broken)
    from slsplay.local.functions import lambda_functions  # noqa: PLC0415

    with pytest.raises(TemplateError, match=r"TickJob\.EveryFiveMinutes: .*L, W and #"):
        Pumps(stack, lambda_functions(stack), backend=local_backend(tmp_path))


@pytest.mark.parametrize("name", ["TickJob", "tickjob", "tick", "tick-job"])
def test_slsplay_jobs_run_fires_a_job_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    command = ["--data-dir", str(tmp_path), "jobs", "run", name, "--template", str(PUMPS_TEMPLATE)]
    assert main(command) == 0
    printed = capsys.readouterr().out
    (line,) = [line for line in printed.splitlines() if line.startswith("TickJob: ")]
    answer = json.loads(line.removeprefix("TickJob: "))
    assert answer["kind"] == "Scheduled Event"
    assert answer["fired_by"][0].endswith(":rule/slsplay-TickJobEveryFiveMinutes")


def test_slsplay_jobs_run_names_the_jobs_when_the_name_is_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = [
        "--data-dir",
        str(tmp_path),
        "jobs",
        "run",
        "nope",
        "--template",
        str(PUMPS_TEMPLATE),
    ]
    assert main(command) == 1
    assert "nightly-report-job, tick-job" in capsys.readouterr().err


def test_a_slow_job_does_not_delay_the_other_schedules(tmp_path: Path) -> None:
    # GIVEN both jobs due at once, the first (TickJob) busy until the other has run, and
    # both held until the test lets them end
    nightly_ran, let_end = threading.Event(), threading.Event()
    tick_saw_nightly: list[bool] = []

    def answer(event: dict[str, Any]) -> Any:
        if "TickJob" in event["resources"][0]:
            tick_saw_nightly.append(nightly_ran.wait(timeout=5))
        else:
            nightly_ran.set()
        let_end.wait(timeout=5)

    pump_functions.ANSWERS["tick"] = answer
    clock = FakeClock(MONDAY_9)
    with open_pumps(tmp_path, clock) as pumps:
        fire_due(pumps)  # due times set from 09:00
        clock.advance(minutes=30)

        # WHEN the scheduler fires them
        pumps.scheduler.pump_once()

        # THEN it did not wait for either: both are still under way
        still_running = not pumps.scheduler.quiet()
        let_end.set()
        assert pumps.scheduler.wait(timeout=5)

    # and the second ran while the first did
    assert still_running
    assert tick_saw_nightly == [True]
    assert sorted(fired("TickJob") + fired("NightlyReportJob")) == [
        "2030-01-07T09:05:00Z",
        "2030-01-07T09:30:00Z",
    ]


def test_stopping_the_pumps_waits_for_a_job_under_way(tmp_path: Path) -> None:
    started, finished = threading.Event(), threading.Event()

    def slow(event: dict[str, Any]) -> Any:
        started.set()
        time.sleep(0.3)
        finished.set()

    pump_functions.ANSWERS["tick"] = slow
    clock = FakeClock(MONDAY_9)
    with open_pumps(tmp_path, clock) as pumps:
        fire_due(pumps)  # due times set from 09:00
        clock.advance(minutes=5)
        pumps.start()
        assert started.wait(timeout=5)
        pumps.stop()
        assert finished.is_set()


def test_a_run_cut_short_by_a_restart_fires_again_after_it(tmp_path: Path) -> None:
    # GIVEN the 09:05 run of TickJob, stuck when the runtime stops
    release = threading.Event()
    runs: list[str] = []

    def stuck_the_first_time(event: dict[str, Any]) -> Any:
        runs.append(event["time"])
        if len(runs) == 1:
            release.wait(timeout=5)

    pump_functions.ANSWERS["tick"] = stuck_the_first_time
    clock = FakeClock(MONDAY_9)
    with open_pumps(tmp_path, clock) as pumps:
        fire_due(pumps)  # due times set from 09:00
        clock.advance(minutes=5)
        pumps.scheduler.pump_once()
        first = pumps.scheduler
        assert not first.wait(timeout=0.1)

    # WHEN it starts again
    try:
        with open_pumps(tmp_path, clock) as pumps:
            fire_due(pumps)
    finally:
        release.set()
        assert first.wait(timeout=5)

    # THEN the time whose run never ended fires again
    assert runs == ["2030-01-07T09:05:00Z", "2030-01-07T09:05:00Z"]
