"""Template queues into their consumers, as an SQS event source mapping does it."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from slsplay.bootstrap import Container
from slsplay.cli import main
from slsplay.config import Settings
from slsplay.local.chaos import Chaos
from slsplay.local.delivery import Outcome
from slsplay.local.queue_pump import QueuePump
from slsplay.local.server import LocalServer
from tests.local import pump_functions
from tests.local.pump_support import PUMPS_TEMPLATE, FakeClock, open_pumps, template_variant

SAMPLE = Path(__file__).parents[1] / "events" / "sqsEvent.json"


@pytest.fixture(autouse=True)
def fresh_functions() -> Iterator[None]:
    pump_functions.reset()
    yield
    pump_functions.reset()


def consumer(pumps: Any) -> QueuePump:
    (pump,) = pumps.queue_pumps
    return pump  # type: ignore[no-any-return]


def bodies(event: dict[str, Any]) -> list[str]:
    return [record["body"] for record in event["Records"]]


def fail_bodies(*failing: str) -> Any:
    def answer(event: dict[str, Any]) -> Any:
        return {
            "batchItemFailures": [
                {"itemIdentifier": r["messageId"]} for r in event["Records"] if r["body"] in failing
            ]
        }

    return answer


def test_the_queue_pump_deletes_successes_and_leaves_failures(tmp_path: Path) -> None:
    clock = FakeClock()
    pump_functions.ANSWERS["notes"] = fail_bodies("bad")
    with open_pumps(tmp_path, clock) as pumps:
        notes = pumps.queue("NotesQueue")
        for body in ("one", "bad", "two"):
            notes.send(body)

        assert consumer(pumps).pump_once() is Outcome.WORKED
        assert consumer(pumps).pump_once() is Outcome.IDLE  # the failure is still hidden
        clock.advance(seconds=30)  # the queue's VisibilityTimeout
        pump_functions.ANSWERS.clear()
        assert consumer(pumps).pump_once() is Outcome.WORKED

        assert notes.approximate_count() == 0
    first, second = pump_functions.RECEIVED["notes"]
    assert bodies(first) == ["one", "bad", "two"]
    assert bodies(second) == ["bad"]
    assert second["Records"][0]["attributes"]["ApproximateReceiveCount"] == "2"


def test_a_message_failing_every_time_lands_in_the_dlq_and_replay_brings_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FakeClock()
    pump_functions.ANSWERS["notes"] = fail_bodies("poison")
    with open_pumps(tmp_path, clock) as pumps:
        pumps.queue("NotesQueue").send("poison")
        for _ in range(3):  # maxReceiveCount
            assert consumer(pumps).pump_once() is Outcome.FAILED
            clock.advance(seconds=30)
        assert consumer(pumps).pump_once() is Outcome.IDLE  # the fourth receive moves it
        assert pumps.queue("NotesDeadLetters").approximate_count() == 1

    cli = ["--data-dir", str(tmp_path)]
    assert main([*cli, "dlq", "list", "--template", str(PUMPS_TEMPLATE)]) == 0
    listing = capsys.readouterr().out
    assert "fixture-local-notes: 1 in fixture-local-notes-dlq" in listing
    assert "received 3x" in listing
    assert "poison" in listing

    assert main([*cli, "dlq", "replay", "notes-queue", "--template", str(PUMPS_TEMPLATE)]) == 1
    assert main([*cli, "dlq", "replay", "NotesQueue", "--template", str(PUMPS_TEMPLATE)]) == 0
    assert "1 messages moved back" in capsys.readouterr().out

    pump_functions.ANSWERS.clear()
    with open_pumps(tmp_path, clock) as pumps:
        assert consumer(pumps).pump_once() is Outcome.WORKED
        assert pumps.queue("NotesQueue").approximate_count() == 0
    assert bodies(pump_functions.RECEIVED["notes"][-1]) == ["poison"]
    assert (
        pump_functions.RECEIVED["notes"][-1]["Records"][0]["attributes"]["ApproximateReceiveCount"]
        == "1"
    )


def test_a_consumer_that_raises_gets_the_whole_batch_again(tmp_path: Path) -> None:
    clock = FakeClock()

    def boom(event: dict[str, Any]) -> Any:
        raise RuntimeError("down")

    pump_functions.ANSWERS["notes"] = boom
    with open_pumps(tmp_path, clock) as pumps:
        pumps.queue("NotesQueue").send("a")
        pumps.queue("NotesQueue").send("b")
        assert consumer(pumps).pump_once() is Outcome.FAILED
        clock.advance(seconds=30)
        pump_functions.ANSWERS.clear()
        assert consumer(pumps).pump_once() is Outcome.WORKED
    assert [bodies(e) for e in pump_functions.RECEIVED["notes"]] == [["a", "b"], ["a", "b"]]


def test_the_sqs_event_matches_the_sample_field_for_field(tmp_path: Path) -> None:
    with open_pumps(tmp_path, FakeClock()) as pumps:
        pumps.queue("NotesQueue").send("Test message.", {"testAttr": "100"})
        consumer(pumps).pump_once()
    (ours,) = pump_functions.RECEIVED["notes"][0]["Records"]
    theirs = json.loads(SAMPLE.read_text())["Records"][0]

    assert set(ours) == set(theirs)
    assert set(ours["attributes"]) == set(theirs["attributes"])
    assert all(isinstance(value, str) for value in ours["attributes"].values())
    assert all(isinstance(ours[key], type(theirs[key])) for key in theirs)
    attribute = ours["messageAttributes"]["testAttr"]
    assert attribute["stringValue"] == "100"
    assert attribute["dataType"] == "String"
    assert ours["md5OfBody"] == theirs["md5OfBody"]  # the same body, the same digest
    assert ours["eventSource"] == "aws:sqs"
    assert ours["eventSourceARN"] == "arn:aws:sqs:eu-west-1:123456789012:fixture-local-notes"
    assert ours["awsRegion"] == "eu-west-1"


def test_a_producer_reaches_the_consumer_through_the_queue_url_it_is_given(
    tmp_path: Path,
) -> None:
    with open_pumps(tmp_path, FakeClock()) as pumps:
        url = os.environ["FIXTURE_NOTES_URL"]
        assert url.rsplit("/", 1)[-1] == "fixture-local-notes"
        container = Container(Settings(backend="local", data_dir=tmp_path))
        container.queue(url).send("from a handler")
        assert consumer(pumps).pump_once() is Outcome.WORKED
    assert bodies(pump_functions.RECEIVED["notes"][0]) == ["from a handler"]


def test_the_server_runs_the_pumps_in_threads_and_stops_them(tmp_path: Path) -> None:
    with LocalServer(template=PUMPS_TEMPLATE, port=0, data_dir=tmp_path, in_process=True) as server:
        assert server.pumps is not None
        server.pumps.queue("NotesQueue").send("threaded")
        deadline = time.monotonic() + 5
        while not pump_functions.RECEIVED["notes"] and time.monotonic() < deadline:
            time.sleep(0.01)  # polling with a deadline, not waiting a fixed time
        threads = list(server.pumps._threads)
    assert bodies(pump_functions.RECEIVED["notes"][0]) == ["threaded"]
    assert threads
    assert not any(thread.is_alive() for thread in threads)


def windowed(tmp_path: Path, seconds: int) -> Path:
    """The fixture template with a batching window on the notes consumer."""
    return template_variant(
        tmp_path / "template",
        "BatchSize: 5\n",
        f"BatchSize: 5\n            MaximumBatchingWindowInSeconds: {seconds}\n",
    )


def test_a_short_batch_gathers_for_the_batching_window_then_goes_as_one(tmp_path: Path) -> None:
    clock = FakeClock()
    with open_pumps(tmp_path, clock, windowed(tmp_path, 2)) as pumps:
        notes = pumps.queue("NotesQueue")
        notes.send("first")
        assert consumer(pumps).pump_once() is Outcome.IDLE
        notes.send("second")
        clock.advance(seconds=1)
        assert consumer(pumps).pump_once() is Outcome.IDLE
        assert pump_functions.RECEIVED["notes"] == []

        clock.advance(seconds=1)
        assert consumer(pumps).pump_once() is Outcome.WORKED
        assert notes.approximate_count() == 0
    (event,) = pump_functions.RECEIVED["notes"]
    assert bodies(event) == ["first", "second"]


def test_a_full_batch_goes_at_once_whatever_the_batching_window(tmp_path: Path) -> None:
    with open_pumps(tmp_path, FakeClock(), windowed(tmp_path, 2)) as pumps:
        for n in range(6):
            pumps.queue("NotesQueue").send(f"m{n}")
        assert consumer(pumps).pump_once() is Outcome.WORKED  # five: the BatchSize
    assert [bodies(e) for e in pump_functions.RECEIVED["notes"]] == [[f"m{n}" for n in range(5)]]


def test_a_message_shown_again_while_its_batch_gathers_is_delivered_once(tmp_path: Path) -> None:
    # GIVEN a window (60 s) longer than the queue's visibility timeout (30 s)
    clock = FakeClock()
    with open_pumps(tmp_path, clock, windowed(tmp_path, 60)) as pumps:
        notes = pumps.queue("NotesQueue")
        notes.send("only")
        assert consumer(pumps).pump_once() is Outcome.IDLE

        # WHEN it shows again while held, and the window then ends
        clock.advance(seconds=31)
        assert consumer(pumps).pump_once() is Outcome.IDLE
        clock.advance(seconds=30)
        assert consumer(pumps).pump_once() is Outcome.WORKED

        # THEN it went once, and its latest receipt deleted it
        assert notes.approximate_count() == 0
    (event,) = pump_functions.RECEIVED["notes"]
    assert bodies(event) == ["only"]


def test_a_message_the_filter_does_not_pass_is_deleted_unseen(tmp_path: Path) -> None:
    pattern = json.dumps({"body": {"kind": ["wanted"]}}).replace('"', '\\"')
    template = template_variant(
        tmp_path / "template",
        "            BatchSize: 5\n",
        "            BatchSize: 5\n"
        f'            FilterCriteria: {{ Filters: [{{ Pattern: "{pattern}" }}] }}\n',
    )
    with open_pumps(tmp_path / "data", FakeClock(), template) as pumps:
        notes = pumps.queue("NotesQueue")
        for kind in ("wanted", "unwanted", "wanted"):
            notes.send(json.dumps({"kind": kind}))
        notes.send("plain text")

        assert consumer(pumps).pump_once() is Outcome.WORKED
        assert notes.approximate_count() == 0

    (event,) = pump_functions.RECEIVED["notes"]
    assert [json.loads(body)["kind"] for body in bodies(event)] == ["wanted", "wanted"]


def test_pollers_deliver_batches_side_by_side(tmp_path: Path) -> None:
    both_in_flight = threading.Barrier(2, timeout=10)

    def meet(event: dict[str, Any]) -> Any:
        both_in_flight.wait()  # broken (an error) unless two batches are in flight at once
        return None

    pump_functions.ANSWERS["notes"] = meet
    with open_pumps(tmp_path, FakeClock()) as pumps:
        notes = pumps.queue("NotesQueue")
        for n in range(10):
            notes.send(f"m{n}")
        with ThreadPoolExecutor(max_workers=2) as pollers:
            outcomes = list(pollers.map(lambda _: consumer(pumps).pump_once(), range(2)))

        assert outcomes == [Outcome.WORKED, Outcome.WORKED]
        assert notes.approximate_count() == 0
    received = sorted(body for event in pump_functions.RECEIVED["notes"] for body in bodies(event))
    assert received == sorted(f"m{n}" for n in range(10))


def test_with_chaos_every_message_is_delivered_again_in_a_later_batch(tmp_path: Path) -> None:
    chaos = Chaos(seed=7, duplicate_rate=1.0, lost_answer_rate=0.0)
    with open_pumps(tmp_path, FakeClock(), chaos=chaos) as pumps:
        notes = pumps.queue("NotesQueue")
        for body in ("a", "b", "c"):
            notes.send(body)
        while consumer(pumps).pump_once() is not Outcome.IDLE:
            pass

        assert notes.approximate_count() == 0
    deliveries = [
        record for event in pump_functions.RECEIVED["notes"] for record in event["Records"]
    ]
    assert sorted(record["body"] for record in deliveries) == ["a", "a", "b", "b", "c", "c"]
    ids: dict[str, set[str]] = {record["body"]: set() for record in deliveries}
    for record in deliveries:
        ids[record["body"]].add(record["messageId"])
    assert all(len(same) == 1 for same in ids.values()), "a duplicate keeps its message id"
    assert bodies(pump_functions.RECEIVED["notes"][0]) != bodies(
        pump_functions.RECEIVED["notes"][1]
    )


def test_with_chaos_a_lost_answer_brings_the_batch_back_at_once(tmp_path: Path) -> None:
    chaos = Chaos(seed=7, duplicate_rate=0.0, lost_answer_rate=1.0)
    with open_pumps(tmp_path, FakeClock(), chaos=chaos) as pumps:
        notes = pumps.queue("NotesQueue")
        notes.send("once")

        assert consumer(pumps).pump_once() is Outcome.FAILED
        chaos.lost_answer_rate = 0.0
        assert consumer(pumps).pump_once() is Outcome.WORKED

        assert notes.approximate_count() == 0
    assert [bodies(event) for event in pump_functions.RECEIVED["notes"]] == [["once"], ["once"]]


def test_the_pumps_are_quiet_only_once_everything_is_delivered(tmp_path: Path) -> None:
    with open_pumps(tmp_path, FakeClock()) as pumps:
        assert pumps.quiet()
        pumps.queue("NotesQueue").send("waiting")
        pumps.store.put({"pk": "a", "sk": "x"})
        assert not pumps.quiet()

        while pumps.pump_once():
            pass

        assert pumps.quiet()
    assert bodies(pump_functions.RECEIVED["notes"][0]) == ["waiting"]
