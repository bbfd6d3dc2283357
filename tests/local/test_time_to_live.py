"""DynamoDB's time to live, emulated: expired items deleted by the local table and its sweeper."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.local.delivery import Outcome
from slsplay.local.functions import lambda_functions
from slsplay.local.pumps import Pumps
from slsplay.local.template import DEFAULT_TEMPLATE, Stack, TemplateError
from slsplay.local.ttl import TTL_SWEEP_SECONDS, TtlSweeper
from slsplay.ports import Key
from slsplay.store.schema import TABLE
from tests.local import pump_functions
from tests.local.pump_support import FakeClock, drain, local_backend, open_pumps, template_variant

NOW = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
TTL_SERVICE = {"type": "Service", "principalId": "dynamodb.amazonaws.com"}


def epoch(**delta: float) -> int:
    """Epoch seconds of ``NOW`` moved by a ``timedelta``'s worth."""
    return int((NOW + timedelta(**delta)).timestamp())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteItemStore]:
    opened = SqliteItemStore(tmp_path / "slsplay.db", TABLE)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def fresh_functions() -> Iterator[None]:
    pump_functions.reset()
    yield
    pump_functions.reset()


def stored(store: SqliteItemStore, *pks: str) -> set[str]:
    """Which of the items ``pks`` (all with sort key ``x``) are still there."""
    return {pk for pk in pks if store.get(Key(pk, "x")) is not None}


# -- the local table ------------------------------------------------------------------------


def test_items_whose_ttl_passed_are_deleted_earliest_first_a_page_at_a_time(
    store: SqliteItemStore,
) -> None:
    expiries = {
        "a-minute-ago": epoch(minutes=-1),
        "two-days-ago": epoch(days=-2),
        "an-hour-ago": epoch(hours=-1),
        "this-instant": epoch(),  # not earlier than now: not yet expired
        "in-a-minute": epoch(minutes=1),
    }
    for pk, ttl in expiries.items():
        store.put({"pk": pk, "sk": "x", "ttl": ttl})

    assert store.delete_expired(NOW, 2) == 2
    assert stored(store, *expiries) == {"a-minute-ago", "this-instant", "in-a-minute"}
    assert store.delete_expired(NOW, 2) == 1
    assert store.delete_expired(NOW, 2) == 0
    assert stored(store, *expiries) == {"this-instant", "in-a-minute"}


def test_only_a_number_of_epoch_seconds_at_most_five_years_old_expires(
    store: SqliteItemStore,
) -> None:
    # As DynamoDB: a TTL that is not a number, or is more than five years old, is ignored.
    expiries: dict[str, object] = {
        "text": str(epoch(days=-1)),
        "flag": True,
        "list": [epoch(days=-1)],
        "ancient": epoch(days=-6 * 365),
        "fraction": epoch(days=-1) + 0.5,
    }
    for pk, ttl in expiries.items():
        store.put({"pk": pk, "sk": "x", "ttl": ttl})
    store.put({"pk": "none", "sk": "x"})

    assert store.delete_expired(NOW, 100) == 1
    assert stored(store, *expiries, "none") == {"text", "flag", "list", "ancient", "none"}


def test_an_expiry_is_a_remove_in_the_change_feed_marked_as_the_ttls_own(
    store: SqliteItemStore,
) -> None:
    store.put({"pk": "expiring", "sk": "x", "ttl": epoch(days=-1), "v": 1})
    store.put({"pk": "deleted", "sk": "x"})
    store.delete(Key("deleted", "x"))

    store.delete_expired(NOW, 10)

    changes = store.changes().changes
    assert [(c.kind, c.key.pk, c.expired) for c in changes] == [
        ("INSERT", "expiring", False),
        ("INSERT", "deleted", False),
        ("REMOVE", "deleted", False),
        ("REMOVE", "expiring", True),
    ]
    assert changes[-1].old_image == {"pk": "expiring", "sk": "x", "ttl": epoch(days=-1), "v": 1}
    assert changes[-1].new_image is None


def test_expired_items_are_found_through_an_index_not_by_reading_the_table(
    store: SqliteItemStore,
) -> None:
    store.put({"pk": "expiring", "sk": "x", "ttl": epoch(days=-1)})
    statements: list[str] = []
    store._connection().set_trace_callback(statements.append)
    store.delete_expired(NOW, 10)
    store._connection().set_trace_callback(None)

    (search,) = [s for s in statements if s.startswith("SELECT") and "FROM items" in s]
    plan = " ".join(row[3] for row in store._connection().execute(f"EXPLAIN QUERY PLAN {search}"))
    assert "USING INDEX items_expiry_ttl" in plan
    assert "SCAN" not in plan


def test_a_table_from_before_time_to_live_gets_its_index_and_keeps_its_change_feed(
    tmp_path: Path,
) -> None:
    # GIVEN a data directory written before TTL was emulated
    path = tmp_path / "slsplay.db"
    with sqlite3.connect(path) as old:
        old.execute(
            "CREATE TABLE items (pk TEXT NOT NULL, sk TEXT NOT NULL, body TEXT NOT NULL,"
            " PRIMARY KEY (pk, sk)) WITHOUT ROWID"
        )
        old.execute(
            "CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,"
            " pk TEXT NOT NULL, sk TEXT NOT NULL, old_image TEXT, new_image TEXT,"
            " at TEXT NOT NULL)"
        )
        body = f'{{"pk":"old","sk":"x","ttl":{epoch(days=-1)}}}'
        old.execute("INSERT INTO items (pk, sk, body) VALUES ('old', 'x', ?)", (body,))
        old.execute(
            "INSERT INTO changes (kind, pk, sk, new_image, at) VALUES ('INSERT', 'old', 'x', ?, ?)",
            (body, NOW.isoformat()),
        )
    old.close()

    # WHEN it is opened now
    store = SqliteItemStore(path, TABLE)
    try:
        deleted = store.delete_expired(NOW, 10)
        changes = store.changes().changes
        indexes = {row[1] for row in store._connection().execute("PRAGMA index_list(items)")}
    finally:
        store.close()

    # THEN its expired item goes, through the new index, and its feed reads on
    assert deleted == 1
    assert "items_expiry_ttl" in indexes
    assert [(c.kind, c.expired) for c in changes] == [("INSERT", False), ("REMOVE", True)]


# -- the sweeper ----------------------------------------------------------------------------


def test_the_sweeper_deletes_what_expired_by_the_clock_and_the_stream_hears_of_it(
    tmp_path: Path,
) -> None:
    clock = FakeClock(NOW)
    with open_pumps(tmp_path, clock) as pumps:
        # The fixture table's TTL attribute is ``expires``.
        pumps.store.put({"pk": "session", "sk": "x", "expires": epoch(minutes=30)})
        drain(pumps)
        assert pumps.store.get(Key("session", "x")) is not None

        clock.advance(minutes=31)
        drain(pumps)
        assert pumps.store.get(Key("session", "x")) is None

    records = [r for event in pump_functions.RECEIVED["changes"] for r in event["Records"]]
    assert [(r["eventName"], r.get("userIdentity")) for r in records] == [
        ("INSERT", None),
        ("REMOVE", TTL_SERVICE),
    ]


def test_the_sweeper_goes_on_at_once_after_a_full_page_and_waits_a_minute_after_the_last(
    tmp_path: Path,
) -> None:
    clock = FakeClock(NOW)
    with open_pumps(tmp_path, clock) as pumps:
        for n in range(3):
            pumps.store.put({"pk": f"p{n}", "sk": "x", "expires": epoch(hours=-1)})
        assert isinstance(pumps.store, SqliteItemStore)
        sweeper = TtlSweeper(
            "Table", store=pumps.store, attribute="expires", clock=clock, page_size=2
        )

        assert sweeper.pump_once() is Outcome.WORKED
        assert sweeper.pump_once() is Outcome.IDLE
        assert stored(pumps.store, "p0", "p1", "p2") == set()
    assert sweeper.idle_wait() == TTL_SWEEP_SECONDS == 60


@pytest.mark.parametrize(
    "specification",
    ["", "      TimeToLiveSpecification: { AttributeName: expires, Enabled: false }\n"],
)
def test_a_table_without_time_to_live_enabled_gets_no_sweeper(
    tmp_path: Path, specification: str
) -> None:
    template = template_variant(
        tmp_path / "template",
        "      TimeToLiveSpecification:\n        AttributeName: expires\n        Enabled: true\n",
        specification,
    )
    with open_pumps(tmp_path, FakeClock(NOW), template) as pumps:
        assert pumps.ttl_sweepers == []
        assert not any(isinstance(pump, TtlSweeper) for pump in pumps.all())


def test_a_ttl_attribute_the_local_table_cannot_index_fails_at_startup(tmp_path: Path) -> None:
    template = template_variant(
        tmp_path / "template", "AttributeName: expires", 'AttributeName: "expires-at"'
    )
    stack = Stack.load(template)
    with pytest.raises(TemplateError, match=r"Table: the time-to-live attribute 'expires-at'"):
        Pumps(stack, lambda_functions(stack), backend=local_backend(tmp_path))


def test_the_project_table_expires_items_by_their_ttl_attribute(tmp_path: Path) -> None:
    stack = Stack.load(DEFAULT_TEMPLATE)
    pumps = Pumps(stack, lambda_functions(stack), backend=local_backend(tmp_path))
    try:
        assert pumps.ttl_attributes == {"Table": "ttl"}
        (sweeper,) = pumps.ttl_sweepers
        assert sweeper.attribute == "ttl"
    finally:
        pumps.close()
