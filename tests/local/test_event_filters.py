"""Lambda's event filtering: the records a mapping's FilterCriteria lets through, and the
patterns Lambda refuses. Records are built as the local pumps deliver them (the shapes of
tests/events/), so what passes here is what a filtered pump will hand its function."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.adapters.table_search.index import TableSearchIndex
from slsplay.adapters.table_search.keys import CURSOR_KEY
from slsplay.domain.meetups import MeetupCounts
from slsplay.local.filters import EventFilter, FilterError
from slsplay.local.sqs_events import sqs_event
from slsplay.local.streams import stream_event
from slsplay.local.template import Stack
from slsplay.ports import (
    Change,
    ChangeKind,
    IndexedMeetup,
    Item,
    Key,
    QueueMessage,
    SearchQuery,
)
from slsplay.store import records
from slsplay.store.changes import events_of
from slsplay.store.schema import TABLE
from tests.support.meetups import draft, published

AT = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)


def event_filter(*patterns: Any) -> EventFilter:
    """The filter of a FilterCriteria holding these patterns (JSON text, or data to dump)."""
    texts = [p if isinstance(p, str) else json.dumps(p) for p in patterns]
    made = EventFilter.from_criteria({"Filters": [{"Pattern": text} for text in texts]})
    assert made is not None
    return made


def message(body: str, **attributes: str) -> dict[str, Any]:
    """An SQS record as the local queue pump delivers it."""
    queued = QueueMessage("m-1", "r-1", body, 1, AT, AT, attributes)
    event = sqs_event([queued], queue_arn="arn:aws:sqs:eu-west-1:1:q", region="eu-west-1")
    record: dict[str, Any] = event["Records"][0]
    return record


def json_message(document: dict[str, Any]) -> dict[str, Any]:
    """An SQS record whose body is a JSON object."""
    return message(json.dumps(document))


def stream_record(
    kind: ChangeKind = "INSERT", *, old: Item | None = None, new: Item | None = None
) -> dict[str, Any]:
    """A DynamoDB Streams record of one change, as the local stream pump delivers it."""
    item = new or old or {}
    key = Key(item.get("pk", "P"), item.get("sk", "S"))
    change = Change("1", kind, key, old, new, AT)
    event = stream_event([change], stream_arn="arn:stream", region="eu-west-1")
    record: dict[str, Any] = event["Records"][0]
    return record


def inserted(**attributes: Any) -> dict[str, Any]:
    """The INSERT record of an item with these attributes."""
    return stream_record(new={"pk": "P", "sk": "S", **attributes})


def new_image(field: str, *matchers: Any, kind: str = "S") -> dict[str, Any]:
    """A pattern on one attribute of a stream record's NewImage, of DynamoDB type ``kind``."""
    return {"dynamodb": {"NewImage": {field: {kind: list(matchers)}}}}


def in_body(field: str, *matchers: Any) -> dict[str, Any]:
    """A pattern on one field of an SQS message's JSON body."""
    return {"body": {field: list(matchers)}}


# -- exact values ------------------------------------------------------------------------------


def test_an_exact_string_lets_that_value_through_and_no_other() -> None:
    queue = event_filter(in_body("status", "published"))
    stream = event_filter(new_image("status", "published"))

    assert queue.matches_sqs_message(json_message({"status": "published"}))
    assert not queue.matches_sqs_message(json_message({"status": "draft"}))
    assert stream.matches_stream_record(inserted(status="published"))
    assert not stream.matches_stream_record(inserted(status="Published"))


def test_a_list_of_values_lets_any_of_them_through() -> None:
    queue = event_filter(in_body("status", "published", "cancelled"))
    stream = event_filter({"eventName": ["INSERT", "REMOVE"]})

    assert queue.matches_sqs_message(json_message({"status": "cancelled"}))
    assert not queue.matches_sqs_message(json_message({"status": "draft"}))
    item = {"pk": "P", "sk": "S"}
    assert stream.matches_stream_record(stream_record("REMOVE", old=item))
    assert not stream.matches_stream_record(stream_record("MODIFY", old=item, new=item))


def test_an_exact_number_matches_the_number_as_written() -> None:
    # Lambda's note: for numbers it compares their text, so 300 and 300.0 differ.
    exact = event_filter(in_body("seats", 300))

    assert exact.matches_sqs_message(message('{"seats": 300}'))
    assert not exact.matches_sqs_message(message('{"seats": 300.0}'))
    assert not exact.matches_sqs_message(message('{"seats": "300"}'))


def test_a_dynamodb_number_is_matched_as_the_string_the_stream_carries() -> None:
    as_text = event_filter(new_image("seats", "300", kind="N"))
    as_number = event_filter(new_image("seats", 300, kind="N"))

    assert as_text.matches_stream_record(inserted(seats=300))
    assert not as_text.matches_stream_record(inserted(seats=301))
    assert not as_number.matches_stream_record(inserted(seats=300))


def test_an_exact_boolean_matches_only_that_boolean() -> None:
    queue = event_filter(in_body("paid", True))
    stream = event_filter(new_image("paid", True, kind="BOOL"))

    assert queue.matches_sqs_message(json_message({"paid": True}))
    assert not queue.matches_sqs_message(json_message({"paid": 1}))
    assert not queue.matches_sqs_message(json_message({"paid": "true"}))
    assert stream.matches_stream_record(inserted(paid=True))
    assert not stream.matches_stream_record(inserted(paid=False))


def test_null_matches_a_field_present_with_null_but_not_a_missing_one() -> None:
    queue = event_filter(in_body("cover", None))

    assert queue.matches_sqs_message(json_message({"cover": None}))
    assert not queue.matches_sqs_message(json_message({"cover": "photo"}))
    assert not queue.matches_sqs_message(json_message({}))


def test_a_dynamodb_null_is_matched_by_its_type_not_by_null() -> None:
    # A stream record writes a null attribute as {"NULL": true}: JSON null never appears.
    by_type = event_filter(new_image("cover", True, kind="NULL"))
    by_null = event_filter({"dynamodb": {"NewImage": {"cover": [None]}}})

    assert by_type.matches_stream_record(inserted(cover=None))
    assert not by_type.matches_stream_record(inserted(cover="photo"))
    assert not by_null.matches_stream_record(inserted(cover=None))


def test_the_empty_string_matches_an_empty_field_only() -> None:
    queue = event_filter(in_body("note", ""))
    stream = event_filter(new_image("note", ""))

    assert queue.matches_sqs_message(json_message({"note": ""}))
    assert not queue.matches_sqs_message(json_message({"note": "hi"}))
    assert not queue.matches_sqs_message(json_message({}))
    assert stream.matches_stream_record(inserted(note=""))
    assert not stream.matches_stream_record(inserted(note="hi"))


# -- operators ---------------------------------------------------------------------------------


def test_exists_true_wants_the_field_and_exists_false_wants_it_gone() -> None:
    present = event_filter(in_body("email", {"exists": True}))
    absent = event_filter(in_body("email", {"exists": False}))
    present_in_stream = event_filter(new_image("email", {"exists": True}))
    absent_in_stream = event_filter(new_image("email", {"exists": False}))

    assert present.matches_sqs_message(json_message({"email": "a@example.com"}))
    assert not present.matches_sqs_message(json_message({"name": "Ann"}))
    assert absent.matches_sqs_message(json_message({"name": "Ann"}))
    assert not absent.matches_sqs_message(json_message({"email": "a@example.com"}))
    assert present_in_stream.matches_stream_record(inserted(email="a@example.com"))
    assert not present_in_stream.matches_stream_record(inserted(name="Ann"))
    assert absent_in_stream.matches_stream_record(inserted(name="Ann"))
    assert not absent_in_stream.matches_stream_record(inserted(email="a@example.com"))


def test_exists_looks_at_leaves_so_a_dynamodb_attribute_needs_its_type() -> None:
    # {"email": {"S": "..."}} is an object: the leaf is email.S (as AWS behaves).
    without_type = event_filter({"dynamodb": {"NewImage": {"email": [{"exists": True}]}}})
    absent_without_type = event_filter({"dynamodb": {"NewImage": {"email": [{"exists": False}]}}})

    assert not without_type.matches_stream_record(inserted(email="a@example.com"))
    assert absent_without_type.matches_stream_record(inserted(email="a@example.com"))


def test_a_prefix_matches_strings_that_start_with_it() -> None:
    queue = event_filter(in_body("region", {"prefix": "eu-"}))
    stream = event_filter({"dynamodb": {"Keys": {"pk": {"S": [{"prefix": "MEETUP#"}]}}}})

    assert queue.matches_sqs_message(json_message({"region": "eu-west-1"}))
    assert not queue.matches_sqs_message(json_message({"region": "us-east-1"}))
    assert stream.matches_stream_record(stream_record(new={"pk": "MEETUP#1", "sk": "MEETUP"}))
    assert not stream.matches_stream_record(stream_record(new={"pk": "SEARCH#1", "sk": "DOC"}))


def test_a_suffix_matches_strings_that_end_with_it() -> None:
    queue = event_filter(in_body("file", {"suffix": ".png"}))
    stream = event_filter(new_image("file", {"suffix": ".png"}))

    assert queue.matches_sqs_message(json_message({"file": "cover.png"}))
    assert not queue.matches_sqs_message(json_message({"file": "cover.jpg"}))
    assert stream.matches_stream_record(inserted(file="cover.png"))
    assert not stream.matches_stream_record(inserted(file="cover.png.jpg"))


def test_equals_ignore_case_matches_whatever_the_case() -> None:
    queue = event_filter(in_body("name", {"equals-ignore-case": "alice"}))
    stream = event_filter(new_image("name", {"equals-ignore-case": "alice"}))

    assert queue.matches_sqs_message(json_message({"name": "ALICE"}))
    assert not queue.matches_sqs_message(json_message({"name": "Alicia"}))
    assert stream.matches_stream_record(inserted(name="Alice"))
    assert not stream.matches_stream_record(inserted(name="Malice"))


def test_anything_but_lets_other_values_through() -> None:
    queue = event_filter(in_body("weather", {"anything-but": ["raining", "snowing"]}))
    stream = event_filter(new_image("weather", {"anything-but": ["raining", "snowing"]}))

    assert queue.matches_sqs_message(json_message({"weather": "sunny"}))
    assert not queue.matches_sqs_message(json_message({"weather": "snowing"}))
    assert stream.matches_stream_record(inserted(weather="sunny"))
    assert not stream.matches_stream_record(inserted(weather="raining"))


def test_anything_but_takes_a_single_value_or_a_number() -> None:
    one_value = event_filter(in_body("weather", {"anything-but": "raining"}))
    one_number = event_filter(in_body("seats", {"anything-but": 0}))

    assert one_value.matches_sqs_message(json_message({"weather": "sunny"}))
    assert not one_value.matches_sqs_message(json_message({"weather": "raining"}))
    assert one_number.matches_sqs_message(json_message({"seats": 5}))
    assert not one_number.matches_sqs_message(json_message({"seats": 0}))


def test_anything_but_still_wants_the_field() -> None:
    other = event_filter(in_body("weather", {"anything-but": "raining"}))
    other_in_stream = event_filter(new_image("weather", {"anything-but": "raining"}))

    assert not other.matches_sqs_message(json_message({}))
    assert not other_in_stream.matches_stream_record(inserted(name="Ann"))


def test_numeric_compares_values_with_one_operator_or_a_range() -> None:
    equal = event_filter(in_body("price", {"numeric": ["=", 100]}))
    ranged = event_filter(in_body("price", {"numeric": [">", 10, "<=", 20]}))

    assert equal.matches_sqs_message(message('{"price": 100.0}'))
    assert not equal.matches_sqs_message(message('{"price": 101}'))
    assert ranged.matches_sqs_message(json_message({"price": 20}))
    assert ranged.matches_sqs_message(json_message({"price": 10.5}))
    assert not ranged.matches_sqs_message(json_message({"price": 10}))
    assert not ranged.matches_sqs_message(json_message({"price": 21}))
    assert not ranged.matches_sqs_message(json_message({"price": "15"}))


def test_numeric_never_matches_a_dynamodb_number_which_the_stream_carries_as_text() -> None:
    on_attribute = event_filter(new_image("seats", {"numeric": [">", 0]}, kind="N"))
    on_record_time = event_filter(
        {"dynamodb": {"ApproximateCreationDateTime": [{"numeric": [">", 0]}]}}
    )

    assert not on_attribute.matches_stream_record(inserted(seats=5))
    assert on_record_time.matches_stream_record(inserted(seats=5))


def test_or_across_fields_matches_when_one_alternative_does() -> None:
    either = event_filter({"body": {"$or": [{"city": ["Berlin"]}, {"online": [True]}]}})

    assert either.matches_sqs_message(json_message({"city": "Berlin", "online": False}))
    assert either.matches_sqs_message(json_message({"city": "Paris", "online": True}))
    assert not either.matches_sqs_message(json_message({"city": "Paris", "online": False}))


# -- how patterns combine ----------------------------------------------------------------------


def test_a_record_passes_when_any_filter_matches() -> None:
    filters = event_filter(new_image("status", "published"), {"eventName": ["REMOVE"]})
    item = {"pk": "P", "sk": "S", "status": "draft"}

    assert filters.matches_stream_record(inserted(status="published"))
    assert filters.matches_stream_record(stream_record("REMOVE", old=item))
    assert not filters.matches_stream_record(stream_record("INSERT", new=item))


def test_every_field_of_a_pattern_must_match() -> None:
    both = event_filter({"eventName": ["INSERT"], **new_image("status", "published")})
    item = {"pk": "P", "sk": "S", "status": "published"}

    assert both.matches_stream_record(stream_record("INSERT", new=item))
    assert not both.matches_stream_record(stream_record("MODIFY", old=item, new=item))
    assert not both.matches_stream_record(inserted(status="draft"))


def test_a_pattern_reaches_into_nested_fields_of_a_json_body() -> None:
    nested = event_filter({"body": {"meetup": {"venue": {"city": ["Berlin"]}}}})

    assert nested.matches_sqs_message(json_message({"meetup": {"venue": {"city": "Berlin"}}}))
    assert not nested.matches_sqs_message(json_message({"meetup": {"venue": {"city": "Rome"}}}))
    assert not nested.matches_sqs_message(json_message({"meetup": {"city": "Berlin"}}))


def test_a_pattern_reads_the_message_s_attributes_beside_its_body() -> None:
    named = event_filter({"messageAttributes": {"event": {"stringValue": ["meetup_published"]}}})
    counted = event_filter({"attributes": {"ApproximateReceiveCount": ["1"]}})

    assert named.matches_sqs_message(message("{}", event="meetup_published"))
    assert not named.matches_sqs_message(message("{}", event="rsvp_changed"))
    assert not named.matches_sqs_message(message("{}"))
    assert counted.matches_sqs_message(message("{}"))


def test_a_plain_text_body_is_matched_as_one_string() -> None:
    whole = event_filter({"body": ["Test message."]})
    starts = event_filter({"body": [{"prefix": "Test"}]})

    assert whole.matches_sqs_message(message("Test message."))
    assert not whole.matches_sqs_message(message("Another message."))
    assert starts.matches_sqs_message(message("Test again"))


def test_a_body_pattern_of_the_other_format_drops_the_message() -> None:
    # Lambda's table: plain text against a JSON pattern, or JSON against a plain one: dropped.
    json_pattern = event_filter({"body": {"note": [{"exists": False}]}})
    text_pattern = event_filter({"body": [{"exists": False}]})

    assert not json_pattern.matches_sqs_message(message("just text"))
    assert json_pattern.matches_sqs_message(json_message({"other": 1}))
    assert not text_pattern.matches_sqs_message(json_message({"note": "hi"}))


def test_a_list_field_matches_when_any_element_does() -> None:
    queue = event_filter(in_body("tags", "chess"))
    objects = event_filter({"body": {"hosts": {"name": ["Ann"]}}})
    stream = event_filter({"dynamodb": {"NewImage": {"tags": {"L": {"S": ["chess"]}}}}})

    assert queue.matches_sqs_message(json_message({"tags": ["go", "chess"]}))
    assert not queue.matches_sqs_message(json_message({"tags": ["go", "poker"]}))
    assert not queue.matches_sqs_message(json_message({"tags": []}))
    assert objects.matches_sqs_message(json_message({"hosts": [{"name": "Bo"}, {"name": "Ann"}]}))
    assert not objects.matches_sqs_message(json_message({"hosts": [{"name": "Bo"}]}))
    assert stream.matches_stream_record(inserted(tags=["go", "chess"]))
    assert not stream.matches_stream_record(inserted(tags=["go"]))


@pytest.mark.parametrize(
    "matcher",
    [
        "x",
        "",
        None,
        {"exists": True},
        {"prefix": ""},
        {"suffix": ""},
        {"equals-ignore-case": "x"},
        {"anything-but": "x"},
        {"numeric": [">", 0]},
    ],
    ids=repr,
)
def test_a_missing_field_fails_every_matcher_but_exists_false(matcher: Any) -> None:
    queue = event_filter(in_body("gone", matcher))
    stream = event_filter(new_image("gone", matcher))
    everywhere = event_filter(in_body("gone", matcher, {"exists": False}))

    assert not queue.matches_sqs_message(json_message({"here": "x"}))
    assert not stream.matches_stream_record(inserted(here="x"))
    assert everywhere.matches_sqs_message(json_message({"here": "x"}))


# -- what Lambda refuses -----------------------------------------------------------------------


def test_no_filters_means_no_filter() -> None:
    assert EventFilter.from_criteria(None) is None
    assert EventFilter.from_criteria({}) is None
    assert EventFilter.from_criteria({"Filters": []}) is None


@pytest.mark.parametrize(
    ("pattern", "refusal"),
    [
        ('{"body": ["x"]', r"not JSON"),
        ('["x"]', r"a JSON object of fields"),
        ({}, r"an empty object"),
        ({"body": {}}, r"body: an empty object"),
        ({"status": "published"}, r"status: a field's matchers go in a list"),
        ({"status": []}, r"status: an empty list"),
        ({"status": [["a"]]}, r"neither a value nor a matcher"),
        ({"file": [{"wildcard": "*.png"}]}, r"'wildcard' is not an operator"),
        ({"ip": [{"cidr": "10.0.0.0/24"}]}, r"'cidr' is not an operator"),
        ({"s": [{"anything-but": {"prefix": "init"}}]}, r"anything-but with prefix"),
        ({"s": [{"anything-but": [True]}]}, r"anything-but takes a string"),
        ({"s": [{"anything-but": []}]}, r"anything-but takes a string"),
        ({"s": [{"prefix": "a", "suffix": "b"}]}, r"one operator"),
        ({"s": [{"exists": "yes"}]}, r"exists takes true or false"),
        ({"s": [{"prefix": 3}]}, r"prefix takes a string"),
        ({"n": [{"numeric": ["~", 5]}]}, r"'~' is not a numeric operator"),
        ({"n": [{"numeric": [">", "5"]}]}, r"compares with numbers"),
        ({"n": [{"numeric": [">", 5, ">", 6]}]}, r"a lower bound and an upper one"),
        ({"n": [{"numeric": [">", 9, "<", 1]}]}, r"lower bound must be below"),
        ({"n": [{"numeric": [">", 0, "<"]}]}, r"numeric takes"),
        ({"$or": {"a": ["b"]}}, r"\$or takes a list of patterns"),
        ({"$or": [["a"]]}, r"a JSON object of fields"),
    ],
    ids=lambda value: value if isinstance(value, str) else json.dumps(value),
)
def test_a_malformed_pattern_is_refused_saying_why(pattern: Any, refusal: str) -> None:
    with pytest.raises(FilterError, match=refusal):
        event_filter(pattern)


def test_more_filters_than_lambda_s_default_quota_are_refused() -> None:
    five = [{"Pattern": json.dumps({"n": [n]})} for n in range(5)]

    assert EventFilter.from_criteria({"Filters": five}) is not None
    with pytest.raises(FilterError, match=r"6 filters: Lambda takes 5 .*up to 10"):
        EventFilter.from_criteria({"Filters": [*five, {"Pattern": '{"n": [5]}'}]})


def test_a_pattern_must_be_json_text_of_at_most_4096_characters() -> None:
    with pytest.raises(FilterError, match=r"filter 1: each filter is \{Pattern"):
        EventFilter.from_criteria({"Filters": [{"Pattern": {"status": ["x"]}}]})
    with pytest.raises(FilterError, match=r"at most 4096 characters"):
        event_filter({"status": ["x" * 4100]})


# -- the filter the StreamFunction has ---------------------------------------------------


def _stream_function_filter() -> Any:
    """The FilterCriteria of template.yaml's StreamFunction: the stream function never hears
    of the search index's own items, which the search function writes by the hundred per
    meetup (and DynamoDB's TTL deletes)."""
    events = Stack.load().properties("StreamFunction")["Events"]
    return events["TableChanges"]["Properties"]["FilterCriteria"]


def _every_change(store: SqliteItemStore) -> list[Change]:
    changes: list[Change] = []
    position: str | None = None
    while batch := store.changes(after=position).changes:
        changes += batch
        position = batch[-1].position
    return changes


def test_the_stream_function_s_filter_passes_meetups_and_drops_the_search_index(
    tmp_path: Path,
) -> None:
    # GIVEN a public meetup's life (drafted, published, attended, deleted) and the search
    # index the search function keeps of it (added, re-ranked, paged through, removed)
    store = SqliteItemStore(tmp_path / "db", TABLE)
    index = TableSearchIndex(store)
    meetup = published(visibility="public")
    listed = IndexedMeetup(
        meetup_id=meetup.id,
        title=meetup.details.title,
        description=meetup.details.description,
        category=meetup.details.category,
        organizer_name="Olga",
        starts_at=meetup.starts_at,
        created_at=meetup.created_at,
        closes_at=meetup.answers_close_at,
        attending=0,
    )
    store.put(records.meetup_item(draft(visibility="public")))
    store.put(records.counts_item(meetup.id, MeetupCounts()))
    store.put(records.meetup_item(meetup))
    index.upsert(listed)
    store.put(records.counts_item(meetup.id, MeetupCounts(invited=1, attending=1)))
    index.upsert(replace(listed, attending=1))
    index.upsert(replace(listed, meetup_id="m-2"))
    # A page's cursor is signed with a key the index makes, and keeps in the table.
    assert index.search(SearchQuery(now=meetup.created_at, limit=1)).next_cursor
    store.delete(Key(f"MEETUP#{meetup.id}", "MEETUP"))
    index.remove(meetup.id)
    changes = _every_change(store)
    stream = stream_event(changes, stream_arn="arn:stream", region="eu-west-1")["Records"]

    # WHEN the recommended filter reads each record
    criteria = _stream_function_filter()
    stream_filter = EventFilter.from_criteria(criteria)
    assert stream_filter is not None
    passed = [stream_filter.matches_stream_record(record) for record in stream]

    # THEN every change of the index is dropped, and every change of the meetup passes
    is_index = [change.key.pk.startswith("SEARCH") for change in changes]
    assert any(change.key == CURSOR_KEY for change in changes)
    assert passed == [not index_item for index_item in is_index]
    kinds = {"INSERT", "MODIFY", "REMOVE"}
    assert {c.kind for c, i in zip(changes, is_index, strict=True) if i} == kinds
    assert {c.kind for c, i in zip(changes, is_index, strict=True) if not i} == kinds
    # ... and none that the stream function turns into a domain event is lost.
    with_events = [p for c, p in zip(changes, passed, strict=True) if events_of(c)]
    assert with_events
    assert all(with_events)
    store.close()
