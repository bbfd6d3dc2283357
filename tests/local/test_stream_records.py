"""The local change feed as DynamoDB Streams records: AWS's shape, and nothing lost on the way."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.attribute_values import change_from_record
from slsplay.local.streams import stream_event
from slsplay.ports import Key
from slsplay.store.schema import TABLE
from tests.support.events import shape

SAMPLE = Path(__file__).resolve().parents[1] / "events" / "dynamoStreamEvent.json"


def test_local_stream_records_have_the_shape_aws_delivers(tmp_path: Path) -> None:
    store = SqliteItemStore(tmp_path / "db", TABLE)
    store.put({"pk": "P", "sk": "S", "v": 1})
    store.put({"pk": "P", "sk": "S", "v": 2})
    changes = store.changes().changes
    sample = json.loads(SAMPLE.read_text())["Records"]

    records = stream_event(
        changes, stream_arn="arn:aws:dynamodb:eu-west-1:1:table/t/stream/x", region="eu-west-1"
    )["Records"]

    for ours, theirs in zip(records, sample, strict=False):
        assert ours["eventName"] == theirs["eventName"]
        ours_shape, theirs_shape = shape(ours), shape(theirs)
        assert set(ours_shape) == set(theirs_shape)
        # Every field AWS sent is there with the same type (one sample record omits
        # ApproximateCreationDateTime, which AWS documents for every record).
        for key, kind in theirs_shape["dynamodb"].items():
            if key not in ("Keys", "NewImage", "OldImage"):
                assert ours_shape["dynamodb"][key] == kind, key
        assert ours_shape["dynamodb"]["ApproximateCreationDateTime"] == "float"
    store.close()


def test_a_stream_record_reads_back_as_the_change_it_came_from(tmp_path: Path) -> None:
    store = SqliteItemStore(tmp_path / "db", TABLE)
    store.put({"pk": "P", "sk": "S", "v": 1, "nested": {"a": [1, "b", None, True]}})
    store.put({"pk": "P", "sk": "S", "v": 2})
    changes = store.changes().changes

    records = stream_event(changes, stream_arn="arn", region="eu-west-1")["Records"]
    back = [change_from_record(r, r["dynamodb"]["SequenceNumber"]) for r in records]

    assert [(c.kind, c.key, c.old_image, c.new_image, c.position) for c in back] == [
        (c.kind, c.key, c.old_image, c.new_image, c.position) for c in changes
    ]
    assert all(abs((b.at - c.at).total_seconds()) < 1 for b, c in zip(back, changes, strict=True))
    store.close()


def test_a_deletion_by_time_to_live_names_the_service_as_dynamodb_streams_do(
    tmp_path: Path,
) -> None:
    store = SqliteItemStore(tmp_path / "db", TABLE)
    store.put({"pk": "expiring", "sk": "S", "ttl": 1_900_000_000})
    store.put({"pk": "deleted", "sk": "S"})
    store.delete(Key("deleted", "S"))
    store.delete_expired(datetime.fromtimestamp(1_900_000_001, UTC), 10)

    records = stream_event(store.changes().changes, stream_arn="arn", region="eu-west-1")
    removals = {
        r["dynamodb"]["Keys"]["pk"]["S"]: r
        for r in records["Records"]
        if r["eventName"] == "REMOVE"
    }

    assert "userIdentity" not in removals["deleted"]
    assert removals["expiring"]["userIdentity"] == {
        "type": "Service",
        "principalId": "dynamodb.amazonaws.com",
    }
    store.close()
