"""The change feed into the stream function, as a DynamoDB Streams event source mapping does it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from slsplay.cli import main
from slsplay.local.chaos import Chaos
from slsplay.local.delivery import Outcome
from slsplay.local.stream_pump import StreamPump
from slsplay.ports import Key
from tests.local import pump_functions
from tests.local.pump_support import FakeClock, open_pumps, template_variant


@pytest.fixture(autouse=True)
def fresh_functions() -> Iterator[None]:
    pump_functions.reset()
    yield
    pump_functions.reset()


def stream_pump(pumps: Any) -> StreamPump:
    (pump,) = pumps.stream_pumps
    return pump  # type: ignore[no-any-return]


def delivered() -> list[tuple[str, str]]:
    """(eventName, pk) of every record the stream function received, in order."""
    return [
        (record["eventName"], record["dynamodb"]["Keys"]["pk"]["S"])
        for event in pump_functions.RECEIVED["changes"]
        for record in event["Records"]
    ]


def values(event: dict[str, Any]) -> list[int]:
    return [int(r["dynamodb"]["NewImage"]["n"]["N"]) for r in event["Records"]]


def poisoned_by(value: int) -> Any:
    """An answer that raises on a batch holding the record of ``value``."""

    def poison(event: dict[str, Any]) -> Any:
        if value in values(event):
            raise ValueError("poison")
        return None

    return poison


def test_the_stream_pump_delivers_inserts_modifies_and_removes_in_order(tmp_path: Path) -> None:
    with open_pumps(tmp_path, FakeClock()) as pumps:
        store = pumps.store
        store.put({"pk": "a", "sk": "x", "v": 1})
        store.put({"pk": "a", "sk": "x", "v": 2})
        store.put({"pk": "b", "sk": "x", "v": 1})
        store.delete(Key("a", "x"))

        assert stream_pump(pumps).pump_once() is Outcome.WORKED
        assert stream_pump(pumps).pump_once() is Outcome.IDLE

    assert delivered() == [("INSERT", "a"), ("MODIFY", "a"), ("INSERT", "b"), ("REMOVE", "a")]
    record = pump_functions.RECEIVED["changes"][0]["Records"][1]
    assert record["eventSourceARN"].endswith(":table/fixture-local/stream/1970-01-01T00:00:00.000")
    assert record["dynamodb"]["OldImage"]["v"] == {"N": "1"}


def test_the_stream_pump_resumes_after_a_restart_without_delivering_again(tmp_path: Path) -> None:
    with open_pumps(tmp_path, FakeClock()) as pumps:
        pumps.store.put({"pk": "before", "sk": "x"})
        stream_pump(pumps).pump_once()
    with open_pumps(tmp_path, FakeClock()) as pumps:
        pumps.store.put({"pk": "after", "sk": "x"})
        stream_pump(pumps).pump_once()
        assert stream_pump(pumps).pump_once() is Outcome.IDLE

    assert delivered() == [("INSERT", "before"), ("INSERT", "after")]


def test_a_batch_that_failed_before_its_position_was_saved_is_delivered_again(
    tmp_path: Path,
) -> None:
    def crash(event: dict[str, Any]) -> Any:
        raise RuntimeError("the process dies here")

    pump_functions.ANSWERS["changes"] = crash
    with open_pumps(tmp_path, FakeClock()) as pumps:
        pumps.store.put({"pk": "only", "sk": "x"})
        assert stream_pump(pumps).pump_once() is Outcome.FAILED
    pump_functions.ANSWERS.clear()
    with open_pumps(tmp_path, FakeClock()) as pumps:
        assert stream_pump(pumps).pump_once() is Outcome.WORKED

    assert delivered() == [("INSERT", "only"), ("INSERT", "only")]


def test_a_batch_item_failure_retries_from_the_first_failed_record_only(tmp_path: Path) -> None:
    # GIVEN a function that reports record n=3 failed, the first time only
    reported: list[str] = []

    def fail_three_once(event: dict[str, Any]) -> Any:
        for record in event["Records"]:
            if record["dynamodb"]["NewImage"]["n"]["N"] == "3" and not reported:
                reported.append(record["dynamodb"]["SequenceNumber"])
                return {"batchItemFailures": [{"itemIdentifier": reported[0]}]}
        return {"batchItemFailures": []}

    pump_functions.ANSWERS["changes"] = fail_three_once
    with open_pumps(tmp_path, FakeClock()) as pumps:
        for n in range(1, 6):
            pumps.store.put({"pk": f"p{n}", "sk": "x", "n": n})

        # WHEN the pump delivers, then retries
        assert stream_pump(pumps).pump_once() is Outcome.FAILED
        assert stream_pump(pumps).pump_once() is Outcome.WORKED
        assert stream_pump(pumps).pump_once() is Outcome.IDLE

    # THEN the retry starts at the failed record; the ones before it are not sent again
    first, retry = pump_functions.RECEIVED["changes"]
    assert values(first) == [1, 2, 3, 4, 5]
    assert values(retry) == [3, 4, 5]


def test_bisect_isolates_a_poison_record_which_ends_at_the_on_failure_destination(
    tmp_path: Path,
) -> None:
    # GIVEN a function that raises on one poison record among eight
    pump_functions.ANSWERS["changes"] = poisoned_by(6)
    with open_pumps(tmp_path, FakeClock()) as pumps:
        for n in range(1, 9):
            pumps.store.put({"pk": f"p{n}", "sk": "x", "n": n})
        pump = stream_pump(pumps)

        # WHEN the pump runs until the feed is done
        for _ in range(20):
            if pump.pump_once() is Outcome.IDLE:
                break

        failures = pumps.queue("ChangeFailures").receive(10)

    # THEN every good record got through once in a successful batch, in order
    succeeded = [values(e) for e in pump_functions.RECEIVED["changes"] if 6 not in values(e)]
    assert [n for batch in succeeded for n in batch] == [1, 2, 3, 4, 5, 7, 8]
    # the poison record alone was tried 1 + MaximumRetryAttempts (2) times
    assert [values(e) for e in pump_functions.RECEIVED["changes"]].count([6]) == 3
    # and its batch's description is at the on-failure destination, as Lambda sends it
    (message,) = failures
    record = json.loads(message.body)
    info = record["DDBStreamBatchInfo"]
    assert info["batchSize"] == 1
    assert info["startSequenceNumber"] == info["endSequenceNumber"]
    assert info["streamArn"].endswith("/stream/1970-01-01T00:00:00.000")
    assert record["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 3
    assert record["requestContext"]["functionArn"].endswith(":function:ChangesFunction")
    assert record["responseContext"]["functionError"] == "Unhandled"
    assert set(record) == {
        "requestContext",
        "responseContext",
        "version",
        "timestamp",
        "DDBStreamBatchInfo",
    }


def test_a_batch_that_failed_before_a_restart_is_retried_only_as_often_as_it_has_left(
    tmp_path: Path,
) -> None:
    # GIVEN a record that always fails (MaximumRetryAttempts: 2), tried once before a restart
    def crash(event: dict[str, Any]) -> Any:
        raise RuntimeError("always")

    pump_functions.ANSWERS["changes"] = crash
    with open_pumps(tmp_path, FakeClock()) as pumps:
        pumps.store.put({"pk": "poison", "sk": "x", "n": 1})
        assert stream_pump(pumps).pump_once() is Outcome.FAILED

    # WHEN the runtime starts again
    with open_pumps(tmp_path, FakeClock()) as pumps:
        pump = stream_pump(pumps)
        assert pump.pump_once() is Outcome.FAILED  # the first retry
        assert pump.pump_once() is Outcome.FAILED  # the second, the last: given up
        assert pump.pump_once() is Outcome.IDLE
        failures = pumps.queue("ChangeFailures").receive(10)

    # THEN it was tried 1 + 2 times in all, not afresh after the restart
    assert len(pump_functions.RECEIVED["changes"]) == 3
    (message,) = failures
    assert json.loads(message.body)["requestContext"]["approximateInvokeCount"] == 3


WINDOWED = ("BatchSize: 8\n", "BatchSize: 8\n            MaximumBatchingWindowInSeconds: 2\n")


def test_a_short_batch_waits_the_batching_window_from_its_first_records_arrival(
    tmp_path: Path,
) -> None:
    clock = FakeClock(datetime.now(UTC))  # the feed stamps changes by the system's clock
    with open_pumps(tmp_path, clock, template_variant(tmp_path / "t", *WINDOWED)) as pumps:
        pumps.store.put({"pk": "p1", "sk": "x", "n": 1})
        pumps.store.put({"pk": "p2", "sk": "x", "n": 2})

        assert stream_pump(pumps).pump_once() is Outcome.IDLE
        clock.advance(seconds=1)
        assert stream_pump(pumps).pump_once() is Outcome.IDLE
        assert pump_functions.RECEIVED["changes"] == []
        clock.advance(seconds=1.5)
        assert stream_pump(pumps).pump_once() is Outcome.WORKED

    (event,) = pump_functions.RECEIVED["changes"]
    assert values(event) == [1, 2]


def test_a_full_batch_goes_at_once_whatever_the_batching_window(tmp_path: Path) -> None:
    clock = FakeClock(datetime.now(UTC))
    with open_pumps(tmp_path, clock, template_variant(tmp_path / "t", *WINDOWED)) as pumps:
        for n in range(1, 10):
            pumps.store.put({"pk": f"p{n}", "sk": "x", "n": n})

        assert stream_pump(pumps).pump_once() is Outcome.WORKED  # the first 8 (BatchSize)
        assert stream_pump(pumps).pump_once() is Outcome.IDLE  # the ninth waits

    assert [values(e) for e in pump_functions.RECEIVED["changes"]] == [[1, 2, 3, 4, 5, 6, 7, 8]]


def test_records_the_filter_does_not_pass_never_reach_the_function(tmp_path: Path) -> None:
    pattern = json.dumps({"dynamodb": {"Keys": {"pk": {"S": [{"prefix": "keep"}]}}}})
    template = template_variant(
        tmp_path / "template",
        "            BatchSize: 8\n",
        "            BatchSize: 8\n            FilterCriteria: { Filters: [{ Pattern: '"
        + pattern
        + "' }] }\n",
    )
    with open_pumps(tmp_path / "data", FakeClock(), template) as pumps:
        store = pumps.store
        store.put({"pk": "skip-1", "sk": "x"})
        assert stream_pump(pumps).pump_once() is Outcome.WORKED  # past it, unseen
        assert stream_pump(pumps).pump_once() is Outcome.IDLE
        store.put({"pk": "keep-1", "sk": "x"})
        store.put({"pk": "skip-2", "sk": "x"})
        store.delete(Key("keep-1", "x"))
        while stream_pump(pumps).pump_once() is not Outcome.IDLE:
            pass

    assert delivered() == [("INSERT", "keep-1"), ("REMOVE", "keep-1")]


def test_with_chaos_a_batch_comes_twice_and_a_lost_answer_is_retried(tmp_path: Path) -> None:
    chaos = Chaos(seed=3, duplicate_rate=1.0, lost_answer_rate=0.0)
    with open_pumps(tmp_path, FakeClock(), chaos=chaos) as pumps:
        pumps.store.put({"pk": "a", "sk": "x"})
        assert stream_pump(pumps).pump_once() is Outcome.WORKED
        assert delivered() == [("INSERT", "a"), ("INSERT", "a")]

        chaos.duplicate_rate, chaos.lost_answer_rate = 0.0, 1.0
        pumps.store.put({"pk": "b", "sk": "x"})
        assert stream_pump(pumps).pump_once() is Outcome.FAILED
        chaos.lost_answer_rate = 0.0
        assert stream_pump(pumps).pump_once() is Outcome.WORKED
        assert stream_pump(pumps).pump_once() is Outcome.IDLE

    assert delivered()[2:] == [("INSERT", "b"), ("INSERT", "b")]


def bucket_destination(tmp_path: Path) -> Path:
    """The fixture template with its failures kept whole in a bucket instead of a queue."""
    return template_variant(
        tmp_path / "template",
        "                Destination: !GetAtt ChangeFailures.Arn\n",
        "                Type: S3\n"
        "                Destination: !GetAtt ChangeFailureBucket.Arn\n\n"
        "  ChangeFailureBucket:\n"
        "    Type: AWS::S3::Bucket\n"
        "    Properties:\n"
        '      BucketName: !Sub "fixture-${Stage}-change-failures"\n',
    )


def test_a_bucket_destination_keeps_the_failed_batch_whole_and_a_replay_delivers_it(
    tmp_path: Path,
) -> None:
    # GIVEN a function that refuses one record, until it is mended
    pump_functions.ANSWERS["changes"] = poisoned_by(6)
    with open_pumps(tmp_path / "data", FakeClock(), bucket_destination(tmp_path)) as pumps:
        for n in range(1, 9):
            pumps.store.put({"pk": f"p{n}", "sk": "x", "n": n})
        pump = stream_pump(pumps)
        while pump.pump_once() is not Outcome.IDLE:
            pass
        assert pumps.find_stream("ChangeFailureBucket") is pump

        # THEN the bucket holds the failure and the poison record itself
        assert pump.failed_batches is not None
        (failed,) = pump.failed_batches.batches()
        assert failed.key.startswith(f"aws/lambda/{pump.mapping_id}/shardId-")
        assert failed.record["requestContext"]["condition"] == "RetryAttemptsExhausted"
        assert failed.record["DDBStreamBatchInfo"]["batchSize"] == 1
        assert values(dict(failed.payload)) == [6]

        # WHEN the function is mended and the batch replayed
        pump_functions.ANSWERS.clear()
        assert pump.replay_failed() == (1, 0)

        assert pump.failed_batches.batches() == []
    assert values(pump_functions.RECEIVED["changes"][-1]) == [6]


def test_a_replay_that_fails_again_keeps_the_batch(tmp_path: Path) -> None:
    pump_functions.ANSWERS["changes"] = lambda event: (_ for _ in ()).throw(ValueError("no"))
    with open_pumps(tmp_path / "data", FakeClock(), bucket_destination(tmp_path)) as pumps:
        pumps.store.put({"pk": "p1", "sk": "x", "n": 1})
        pump = stream_pump(pumps)
        while pump.pump_once() is not Outcome.IDLE:
            pass

        assert pump.replay_failed() == (0, 1)
        assert pump.failed_batches is not None
        assert len(pump.failed_batches.batches()) == 1


def test_slsplay_dlq_lists_a_streams_failed_batches_and_replays_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a batch the mapping gave up on, kept in its bucket
    template, data = bucket_destination(tmp_path), tmp_path / "data"
    with open_pumps(data, FakeClock(), template) as pumps:
        pump = stream_pump(pumps)
        assert pump.failed_batches is not None
        record = {"requestContext": {"approximateInvokeCount": 3}, "DDBStreamBatchInfo": {}}
        pump.failed_batches.add("aws/lambda/m/s/2030/01/07/x", record, {"Records": []})
    cli = ["--data-dir", str(data)]

    assert main([*cli, "dlq", "list", "--template", str(template)]) == 0
    listing = capsys.readouterr().out
    assert (
        "ChangesFunction.TableChanges: 1 failed batches in fixture-local-change-failures" in listing
    )
    assert "aws/lambda/m/s/2030/01/07/x" in listing

    # WHEN it is replayed (the function, in a process of its own, takes it)
    assert main([*cli, "dlq", "replay", "ChangesFunction", "--template", str(template)]) == 0
    assert "1 failed batches delivered again, 0 failing still" in capsys.readouterr().out
    assert main([*cli, "dlq", "list", "ChangeFailureBucket", "--template", str(template)]) == 0
    assert "0 failed batches" in capsys.readouterr().out
