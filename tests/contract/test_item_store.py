"""The ItemStore contract: what every adapter must do, and the proof that they agree."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from slsplay.adapters.aws.dynamo_store import DynamoItemStore
from slsplay.domain.errors import VersionConflict
from slsplay.local.template import load_template, table_properties
from slsplay.ports import (
    AllOf,
    Check,
    ConditionFailed,
    Delete,
    Equals,
    Exists,
    InvalidCursor,
    Item,
    ItemStore,
    Key,
    LessThan,
    NotExists,
    Put,
    Update,
)

RACERS = 20


def item(pk: str, sk: str, **attributes: object) -> Item:
    return {"pk": pk, "sk": sk, **attributes}


# -- get and put ----------------------------------------------------------------------------


def test_an_item_reads_back_exactly_as_written(store: ItemStore) -> None:
    written = item(
        "P#1",
        "S#1",
        text="Zoë's café ☕",
        number=12345678901234,
        negative=-3,
        flag=True,
        nothing=None,
        empty="",
        listed=[1, "two", False, None, {"x": 1}],
        nested={"a": {"b": [1, 2]}, "c": "d"},
    )
    store.put(written)

    assert store.get(Key("P#1", "S#1")) == written


def test_reading_a_missing_item_gives_none(store: ItemStore) -> None:
    assert store.get(Key("P#nobody", "S")) is None


def test_many_items_read_at_once_come_back_by_key_the_missing_left_out(
    store: ItemStore,
) -> None:
    for n in range(100):
        store.put(item(f"P#{n % 7}", f"S#{n}", n=n))
    keys = [Key(f"P#{n % 7}", f"S#{n}") for n in range(0, 100, 2)] + [Key("P#none", "S")]

    found = store.get_many([*keys, keys[0]])  # a key twice counts once

    assert found == {key: store.get(key) for key in keys[:-1]}
    assert store.get_many([]) == {}
    with pytest.raises(ValueError, match="at most 100"):
        store.get_many([Key("P", f"S#{n}") for n in range(101)])


def test_a_put_replaces_the_whole_item(store: ItemStore) -> None:
    store.put(item("P", "S", a=1, b=2))
    store.put(item("P", "S", a=3))

    assert store.get(Key("P", "S")) == item("P", "S", a=3)


def test_put_new_refuses_a_key_already_taken_and_keeps_the_first_item(store: ItemStore) -> None:
    store.put_new(item("P", "S", owner="first"))

    with pytest.raises(ConditionFailed):
        store.put_new(item("P", "S", owner="second"))

    assert store.get(Key("P", "S")) == item("P", "S", owner="first")


@pytest.mark.parametrize(
    ("condition", "holds"),
    [
        (Exists(), True),
        (NotExists(), False),
        (Equals("status", "draft"), True),
        (Equals("status", "published"), False),
        (Equals("count", 2), True),
        (Equals("missing", "draft"), False),
        (LessThan("count", 3), True),
        (LessThan("count", 2), False),
        (LessThan("status", "e"), True),
        (LessThan("status", "d"), False),
        (LessThan("missing", 1), False),
        (AllOf((Exists(), Equals("status", "draft"), LessThan("count", 10))), True),
        (AllOf((Exists(), Equals("status", "draft"), LessThan("count", 1))), False),
    ],
)
def test_a_conditional_put_happens_only_when_its_condition_holds(
    store: ItemStore, condition: object, holds: bool
) -> None:
    original = item("P", "S", status="draft", count=2, flag=True)
    store.put(original)
    replacement = item("P", "S", status="changed")

    if holds:
        store.put(replacement, condition)  # type: ignore[arg-type]
        assert store.get(Key("P", "S")) == replacement
    else:
        with pytest.raises(ConditionFailed):
            store.put(replacement, condition)  # type: ignore[arg-type]
        assert store.get(Key("P", "S")) == original


def test_a_condition_on_a_missing_item_fails_unless_it_asks_for_absence(store: ItemStore) -> None:
    with pytest.raises(ConditionFailed):
        store.put(item("P", "S"), Equals("version", 1))
    store.put(item("P", "S"), NotExists())

    assert store.get(Key("P", "S")) == item("P", "S")


# -- versions -------------------------------------------------------------------------------


def test_a_versioned_update_moves_the_item_to_the_next_version(store: ItemStore) -> None:
    store.put_new(item("P", "S", version=1, title="old"))

    store.update_versioned(item("P", "S", version=2, title="new"), expected_version=1)

    assert store.get(Key("P", "S")) == item("P", "S", version=2, title="new")


def test_a_versioned_update_from_a_stale_copy_is_a_version_conflict(store: ItemStore) -> None:
    store.put_new(item("P", "S", version=1, title="old"))
    store.update_versioned(item("P", "S", version=2, title="first writer"), expected_version=1)

    with pytest.raises(VersionConflict):
        store.update_versioned(item("P", "S", version=2, title="second writer"), expected_version=1)

    assert store.get(Key("P", "S")) == item("P", "S", version=2, title="first writer")


def test_a_versioned_update_of_a_missing_item_is_a_version_conflict(store: ItemStore) -> None:
    with pytest.raises(VersionConflict):
        store.update_versioned(item("P", "S", version=2), expected_version=1)

    assert store.get(Key("P", "S")) is None


def test_a_versioned_update_must_carry_the_next_version(store: ItemStore) -> None:
    store.put_new(item("P", "S", version=1))

    with pytest.raises(ValueError, match="expected_version"):
        store.update_versioned(item("P", "S", version=5), expected_version=1)


# -- partial updates ------------------------------------------------------------------------


def test_an_update_sets_adds_and_removes_attributes(store: ItemStore) -> None:
    store.put(item("P", "S", name="a", count=5, gone="x"))

    store.write(
        Update(Key("P", "S"), set={"name": "b"}, add={"count": -2, "new": 3}, remove=("gone",))
    )

    assert store.get(Key("P", "S")) == item("P", "S", name="b", count=3, new=3)


def test_an_update_of_a_missing_item_creates_it(store: ItemStore) -> None:
    store.write(Update(Key("P", "S"), set={"name": "a"}, add={"count": 1}))

    assert store.get(Key("P", "S")) == item("P", "S", name="a", count=1)


def test_an_update_with_a_failing_condition_changes_nothing(store: ItemStore) -> None:
    store.put(item("P", "S", attending=3))

    with pytest.raises(ConditionFailed):
        store.write(Update(Key("P", "S"), add={"attending": 1}, condition=LessThan("attending", 3)))

    assert store.get(Key("P", "S")) == item("P", "S", attending=3)


# -- deletes --------------------------------------------------------------------------------


def test_a_delete_removes_the_item(store: ItemStore) -> None:
    store.put(item("P", "S"))

    store.delete(Key("P", "S"))

    assert store.get(Key("P", "S")) is None


def test_deleting_a_missing_item_is_not_an_error(store: ItemStore) -> None:
    store.delete(Key("P", "nothing"))

    assert store.get(Key("P", "nothing")) is None


def test_a_conditional_delete_keeps_the_item_when_the_condition_fails(store: ItemStore) -> None:
    store.put(item("P", "S", version=2))

    with pytest.raises(ConditionFailed):
        store.delete(Key("P", "S"), Equals("version", 1))

    assert store.get(Key("P", "S")) == item("P", "S", version=2)


@pytest.mark.parametrize("condition", [NotExists(), Equals("taken_at", "old")])
def test_of_conditional_puts_racing_for_one_item_exactly_one_wins(
    store: ItemStore, condition: object
) -> None:
    # What bounds sign-in attempts: a condition is checked and the write made as one step.
    if isinstance(condition, Equals):
        store.put(item("P", "S", taken_at="old"))
    start = threading.Barrier(RACERS)

    def race(racer: int) -> bool:
        start.wait()
        try:
            store.put(item("P", "S", taken_at=f"racer {racer}"), condition)  # type: ignore[arg-type]
        except ConditionFailed:
            return False
        return True

    with ThreadPoolExecutor(RACERS) as pool:
        won = [racer for racer, ok in enumerate(pool.map(race, range(RACERS))) if ok]

    assert len(won) == 1
    assert store.get(Key("P", "S")) == item("P", "S", taken_at=f"racer {won[0]}")


# -- transactions ---------------------------------------------------------------------------


def test_a_transaction_applies_every_write(store: ItemStore) -> None:
    store.put(item("P", "old"))
    store.put(item("P", "counter", n=1))
    store.put(item("P", "meetup", version=1))

    store.transact(
        [
            Put(item("P", "new", a=1), NotExists()),
            Update(Key("P", "counter"), add={"n": 1}),
            Delete(Key("P", "old")),
            Check(Key("P", "meetup"), Equals("version", 1)),
        ]
    )

    assert store.get(Key("P", "new")) == item("P", "new", a=1)
    assert store.get(Key("P", "counter")) == item("P", "counter", n=2)
    assert store.get(Key("P", "old")) is None


def test_a_transaction_with_one_failing_condition_writes_nothing(store: ItemStore) -> None:
    store.put(item("P", "taken"))
    store.put(item("P", "counter", n=1))

    with pytest.raises(ConditionFailed) as refused:
        store.transact(
            [
                Put(item("P", "fresh"), NotExists()),
                Put(item("P", "taken", a=2), NotExists()),
                Update(Key("P", "counter"), add={"n": 1}),
            ]
        )

    assert refused.value.failed == (1,)
    assert store.get(Key("P", "fresh")) is None
    assert store.get(Key("P", "taken")) == item("P", "taken")
    assert store.get(Key("P", "counter")) == item("P", "counter", n=1)


def test_a_failed_transaction_names_every_failing_operation(store: ItemStore) -> None:
    store.put(item("P", "a", v=1))
    store.put(item("P", "b", v=1))

    with pytest.raises(ConditionFailed) as refused:
        store.transact(
            [
                Check(Key("P", "a"), Equals("v", 2)),
                Put(item("P", "c"), NotExists()),
                Put(item("P", "b", v=2), NotExists()),
            ]
        )

    assert refused.value.failed == (0, 2)


def test_a_failed_check_alone_stops_a_transaction(store: ItemStore) -> None:
    store.put(item("P", "meetup", version=1))

    with pytest.raises(ConditionFailed):
        store.transact(
            [Check(Key("P", "meetup"), Equals("version", 2)), Put(item("P", "invitation"))]
        )

    assert store.get(Key("P", "invitation")) is None


def test_a_transaction_may_touch_each_item_only_once(store: ItemStore) -> None:
    with pytest.raises(ValueError, match="only once"):
        store.transact([Put(item("P", "S")), Update(Key("P", "S"), add={"n": 1})])


# -- queries --------------------------------------------------------------------------------


def _fill(store: ItemStore, count: int, partition: str = "P") -> list[str]:
    keys = [f"ITEM#{n:03d}" for n in range(count)]
    for sk in reversed(keys):  # written out of order: the store sorts
        store.put(item(partition, sk, n=int(sk[5:])))
    store.put(item("OTHER", "ITEM#000"))
    return keys


def _all_pages(store: ItemStore, partition: str, **options: object) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        page = store.query(partition, cursor=cursor, **options)  # type: ignore[arg-type]
        pages.append([i["sk"] for i in page.items])
        cursor = page.next_cursor
        if cursor is None:
            return pages


def test_a_query_pages_through_a_partition_in_sort_key_order(store: ItemStore) -> None:
    keys = _fill(store, 25)

    pages = _all_pages(store, "P", limit=10)

    assert pages == [keys[:10], keys[10:20], keys[20:]]


def test_the_last_full_page_says_there_is_no_next_page(store: ItemStore) -> None:
    keys = _fill(store, 20)

    pages = _all_pages(store, "P", limit=10)

    assert pages == [keys[:10], keys[10:]]


def test_a_descending_query_pages_backwards(store: ItemStore) -> None:
    keys = _fill(store, 7)

    pages = _all_pages(store, "P", limit=3, descending=True)

    assert pages == [keys[::-1][:3], keys[::-1][3:6], keys[::-1][6:]]


def test_a_query_by_prefix_finds_only_that_prefix(store: ItemStore) -> None:
    for sk in [
        "INVITATION#a",
        "INVITATION#b",
        "INVITATIONS",
        "MEETUP",
        "MEETUP#COUNTS",
        "INVITATION",
    ]:
        store.put(item("P", sk))

    assert _all_pages(store, "P", sk_prefix="INVITATION#") == [["INVITATION#a", "INVITATION#b"]]
    assert _all_pages(store, "P", sk_prefix="MEETUP") == [["MEETUP", "MEETUP#COUNTS"]]


def test_a_query_by_range_includes_both_ends(store: ItemStore) -> None:
    keys = _fill(store, 10)

    pages = _all_pages(store, "P", sk_between=("ITEM#003", "ITEM#006"), limit=2)

    assert pages == [keys[3:5], keys[5:7]]


def test_sort_keys_order_by_bytes_not_by_language(store: ItemStore) -> None:
    for sk in ["b", "B", "a", "é", "Z", "~", "a#1"]:
        store.put(item("P", sk))

    assert _all_pages(store, "P") == [["B", "Z", "a", "a#1", "b", "~", "é"]]


def test_an_empty_partition_gives_an_empty_last_page(store: ItemStore) -> None:
    page = store.query("NOTHING")

    assert page.items == []
    assert page.next_cursor is None


def test_an_index_query_finds_only_items_with_both_index_keys(store: ItemStore) -> None:
    store.put(item("M#1", "MEETUP", gsi1pk="ORG#a", gsi1sk="2030-01-02#1"))
    store.put(item("M#2", "MEETUP", gsi1pk="ORG#a", gsi1sk="2030-01-01#2"))
    store.put(item("M#3", "MEETUP", gsi1pk="ORG#b", gsi1sk="2030-01-01#3"))
    store.put(item("M#4", "MEETUP", gsi1pk="ORG#a"))  # no sort key: not in the index

    page = store.query("ORG#a", index="gsi1")

    assert [i["pk"] for i in page.items] == ["M#2", "M#1"]
    assert page.items[0] == item("M#2", "MEETUP", gsi1pk="ORG#a", gsi1sk="2030-01-01#2")


def test_an_index_query_pages_through_many_items_with_a_cursor(store: ItemStore) -> None:
    for n in range(23):
        store.put(item(f"M#{n:02d}", "MEETUP", gsi2pk="DAY", gsi2sk=f"2030-01-01T{n:02d}"))

    pages = _all_pages(store, "DAY", index="gsi2", limit=5)

    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    flattened = [sk for page in pages for sk in page]
    assert len(flattened) == 23


def test_an_index_follows_changes_to_an_item(store: ItemStore) -> None:
    store.put(item("M#1", "MEETUP", gsi2pk="DAY#1", gsi2sk="t"))
    store.put(item("M#1", "MEETUP", gsi2pk="DAY#2", gsi2sk="t"))
    store.put(item("M#2", "MEETUP", gsi2pk="DAY#1", gsi2sk="t"))
    store.delete(Key("M#2", "MEETUP"))

    assert store.query("DAY#1", index="gsi2").items == []
    assert [i["pk"] for i in store.query("DAY#2", index="gsi2").items] == ["M#1"]


def test_a_cursor_from_another_partition_is_refused(store: ItemStore) -> None:
    _fill(store, 5, partition="P")
    _fill(store, 5, partition="Q")
    cursor = store.query("P", limit=2).next_cursor
    assert cursor is not None

    with pytest.raises(InvalidCursor):
        store.query("Q", limit=2, cursor=cursor)


def test_a_made_up_cursor_is_refused(store: ItemStore) -> None:
    with pytest.raises(InvalidCursor):
        store.query("P", cursor="not-a-cursor")


# -- the change feed ------------------------------------------------------------------------


def _read_all(
    store: ItemStore, after: str | None = None
) -> tuple[list[tuple[object, ...]], str | None]:
    seen = []
    position = after
    while True:
        batch = store.changes(after=position, limit=2)
        if not batch.changes:
            return seen, position
        seen += [(c.kind, c.key, c.old_image, c.new_image) for c in batch.changes]
        position = batch.position


def test_the_change_feed_records_insert_modify_and_remove_with_their_images(
    store: ItemStore,
) -> None:
    store.put(item("P", "S", v=1))
    store.put(item("P", "S", v=2))
    store.transact([Delete(Key("P", "S")), Put(item("P", "T", w=1))])

    changes, _ = _read_all(store)

    assert changes == [
        ("INSERT", Key("P", "S"), None, item("P", "S", v=1)),
        ("MODIFY", Key("P", "S"), item("P", "S", v=1), item("P", "S", v=2)),
        ("REMOVE", Key("P", "S"), item("P", "S", v=2), None),
        ("INSERT", Key("P", "T"), None, item("P", "T", w=1)),
    ]


def test_the_change_feed_resumes_after_the_position_it_gave(store: ItemStore) -> None:
    store.put(item("P", "1"))
    first, position = _read_all(store)
    store.put(item("P", "2"))

    later, _ = _read_all(store, after=position)

    assert [c[1] for c in first] == [Key("P", "1")]
    assert [c[1] for c in later] == [Key("P", "2")]


def test_refused_and_empty_writes_leave_no_change_record(store: ItemStore) -> None:
    store.put(item("P", "S", v=1))
    _, position = _read_all(store)

    with pytest.raises(ConditionFailed):
        store.transact([Put(item("P", "new")), Check(Key("P", "S"), Equals("v", 9))])
    store.put(item("P", "S", v=1))  # the same item again: nothing changes
    store.delete(Key("P", "absent"))

    changes, _ = _read_all(store, after=position)
    assert changes == []


def test_a_change_record_carries_when_it_happened(store: ItemStore) -> None:
    store.put(item("P", "S"))

    (change,) = store.changes().changes

    assert change.at.tzinfo is not None


def test_the_provisioned_table_expires_items_by_their_ttl_attribute(store: ItemStore) -> None:
    # What template.yaml declares; the local store's runtime reads the same declaration.
    expiry = table_properties(load_template())["TimeToLiveSpecification"]
    assert expiry == {"AttributeName": "ttl", "Enabled": True}
    if isinstance(store, DynamoItemStore):
        described = store.dynamodb.describe_time_to_live(TableName=store.table_name)
        assert described["TimeToLiveDescription"] == {
            "TimeToLiveStatus": "ENABLED",
            "AttributeName": "ttl",
        }
