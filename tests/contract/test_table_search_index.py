"""The cloud's search index, kept in the one table, on SQLite and on DynamoDB (moto).

It is held to the whole SearchIndex contract (the shared suite, collected again here with
this module's ``index`` fixture), and to what only it promises: an attendance change
rewrites no posting, a remove leaves nothing behind, a crash between transactions is
repaired by the next upsert, a search cut short by its read budget resumes where it
stopped, nothing reads the whole table, and "popular" is the domain's popularity at any
instant although its keys are written once.
"""

from __future__ import annotations

import copy
import random
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace
from typing import Any
from unittest.mock import patch

import pytest

from slsplay.adapters.aws.dynamo_store import DynamoItemStore
from slsplay.adapters.table_search.index import TableSearchIndex
from slsplay.adapters.table_search.keys import CURSOR_KEY
from slsplay.domain.search import popularity
from slsplay.ports import (
    ChangeBatch,
    ConditionFailed,
    IndexedMeetup,
    Item,
    ItemStore,
    Key,
    Page,
    SearchIndex,
    SearchQuery,
    SortKeyRange,
    TransactionOp,
    Write,
    key_of,
)

# The shared contract: pytest collects these tests again in this module, where ``index``
# is the fixture below, so every promise the local index keeps is checked on this one.
from tests.contract.test_search_index import *  # noqa: F403
from tests.contract.test_search_index import DAY, NOW, SORTS, found, meetup, seed

# The project's ``store`` fixture, chosen per test: every test runs on each item store, but
# those the contract suite's conftest leaves to SQLite's (the shared suite, on_one_store).
pytestmark = pytest.mark.parametrize(
    "store", ["sqlite", "dynamodb"], indirect=True, ids=["table-sqlite", "table-dynamodb"]
)


@pytest.fixture(autouse=True)
def _moto_fast_and_one_request_at_a_time() -> Iterator[None]:
    """moto, fast enough for thousands of items in transactions, and safe for threads.

    Before each transaction moto deep-copies the whole table, its stream records included,
    once per item (seconds a transaction at a few thousand items), to put it back if the
    transaction fails. The index writes only Puts and Deletes, which replace or remove
    moto's items rather than change them: a copy of the table's dictionaries and stream
    list puts it back as well, in a millisecond. And moto changes its dictionaries
    unguarded (the shared suite's threads broke a copy halfway): here it serves one
    DynamoDB request at a time. The SQLite store is untouched.
    """
    # moto's internals, for this patch only.
    from moto.dynamodb import models  # noqa: PLC0415
    from moto.dynamodb.models.table import Table  # noqa: PLC0415
    from moto.dynamodb.responses import DynamoHandler  # noqa: PLC0415

    def rollback_copy(value: Any, memo: Any = None) -> Any:
        if not isinstance(value, Table):
            return copy.deepcopy(value, memo)
        clone = copy.copy(value)
        clone.items = defaultdict(dict, {k: dict(v) for k, v in value.items.items()})
        if value.stream_shard is not None:
            clone.stream_shard = copy.copy(value.stream_shard)
            clone.stream_shard.items = list(value.stream_shard.items)
        return clone

    turns = threading.Lock()
    serve = DynamoHandler.call_action

    def in_turn(handler: DynamoHandler) -> Any:
        with turns:
            return serve(handler)

    with (
        patch.object(models, "copy", SimpleNamespace(deepcopy=rollback_copy)),
        patch.object(DynamoHandler, "call_action", in_turn),
    ):
        yield


@pytest.fixture
def index(store: ItemStore) -> SearchIndex:
    """The table's index, empty, on the item store under test."""
    return TableSearchIndex(store)


class RecordingStore(ItemStore):
    """The store under test, recording each request and the key of every write.

    ``crash_on_transaction``: the n-th transaction (1-based) raises instead, as a process
    that stops between two transactions would leave things. ``before_next_transaction``:
    run once, just before the next transaction (another writer getting in between).
    """

    def __init__(self, inner: ItemStore, crash_on_transaction: int | None = None) -> None:
        self.inner = inner
        self.schema = inner.schema
        self.requests: Counter[str] = Counter()
        self.written: list[Key] = []
        self.transactions: list[list[Key]] = []
        self.crash_on_transaction = crash_on_transaction
        self.before_next_transaction: Callable[[], None] | None = None
        self.refused = 0  # transactions whose condition failed

    def get(self, key: Key) -> Item | None:
        self.requests["get"] += 1
        return self.inner.get(key)

    def _get_many(self, keys: list[Key]) -> dict[Key, Item]:
        self.requests["get_many"] += 1
        return self.inner.get_many(keys)

    def write(self, op: Write) -> None:
        self.requests["write"] += 1
        self.written.append(key_of(op))
        self.inner.write(op)

    def _transact(self, ops: Sequence[TransactionOp]) -> None:
        self.requests["transact"] += 1
        if self.before_next_transaction is not None:
            meanwhile, self.before_next_transaction = self.before_next_transaction, None
            meanwhile()
        if len(self.transactions) + 1 == self.crash_on_transaction:
            self.crash_on_transaction = None
            raise RuntimeError("the process stopped")
        try:
            self.inner.transact(ops)
        except ConditionFailed:
            self.refused += 1
            raise
        self.transactions.append([key_of(op) for op in ops])
        self.written += self.transactions[-1]

    def _query(
        self,
        partition: str,
        range_: SortKeyRange,
        *,
        index: str | None,
        descending: bool,
        limit: int,
        cursor: str | None,
    ) -> Page:
        self.requests["query"] += 1
        return self.inner.query(
            partition,
            index=index,
            sk_prefix=range_.prefix,
            sk_between=range_.between,
            descending=descending,
            limit=limit,
            cursor=cursor,
        )

    def changes(self, after: str | None = None, limit: int = 100) -> ChangeBatch:
        return self.inner.changes(after, limit)


def left_behind(store: ItemStore, keys: list[Key]) -> list[Key]:
    """Which of ``keys`` still hold an item (the cursor signing key aside)."""
    wanted = list(dict.fromkeys(k for k in keys if k != CURSOR_KEY))
    found: list[Key] = []
    for start in range(0, len(wanted), 100):
        found += store.get_many(wanted[start : start + 100])
    return found


def every_page(index: SearchIndex, query: SearchQuery) -> list[list[str]]:
    """Each page of ``query``, following the cursors to the end (short pages allowed)."""
    pages: list[list[str]] = []
    cursor = query.cursor
    while True:
        page = index.search(replace(query, cursor=cursor))
        pages.append(page.meetup_ids)
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


# A description of more distinct words than one transaction holds postings for.
LONG = " ".join(f"{a}{b}word" for a in "bcdfghjklmnp" for b in "aeiou")


# -- writes -------------------------------------------------------------------------------


def test_an_attendance_change_rewrites_no_posting(store: ItemStore) -> None:
    recording = RecordingStore(store)
    index = TableSearchIndex(recording)
    index.upsert(meetup("m", title="Wine tasting", attending=3))
    written_before = len(recording.written)

    index.upsert(meetup("m", title="Wine tasting", attending=40))

    rewritten = recording.written[written_before:]
    assert {key.pk.split("#")[0] for key in rewritten} == {"SEARCHLIST", "SEARCH"}
    assert {key.pk for key in rewritten if key.pk.startswith("SEARCHLIST#")} == {
        "SEARCHLIST#popular#*",
        "SEARCHLIST#popular#community",
    }
    assert recording.requests["transact"] == 2  # one per upsert


def test_an_upsert_that_changes_nothing_writes_nothing(store: ItemStore) -> None:
    recording = RecordingStore(store)
    index = TableSearchIndex(recording)
    index.upsert(meetup("m", title="Chess club", description=LONG))
    written_before = len(recording.written)

    index.upsert(meetup("m", title="Chess club", description=LONG))

    assert recording.written[written_before:] == []


def test_a_changed_description_rewrites_only_the_words_that_changed(store: ItemStore) -> None:
    recording = RecordingStore(store)
    index = TableSearchIndex(recording)
    index.upsert(meetup("m", title="Chess club", description="Bring a board."))
    written_before = len(recording.written)

    index.upsert(meetup("m", title="Chess club", description="Bring a clock."))

    terms = {k.pk for k in recording.written[written_before:] if k.pk.startswith("SEARCHTERM#")}
    assert terms == {f"SEARCHTERM#{p}" for p in ("bo", "boa", "boar", "board", "cl", "clo")} | {
        f"SEARCHTERM#{p}" for p in ("cloc", "clock")
    }
    assert found(index, text="clock") == ["m"]
    assert found(index, text="board") == []


def test_a_rewrite_puts_back_items_lost_behind_the_record_and_drops_stale_ones(
    store: ItemStore,
) -> None:
    recording = RecordingStore(store)
    index = TableSearchIndex(recording)
    index.upsert(meetup("m", title="Chess club", description="Bring a board."))
    lost = [
        key for key in recording.written if key.pk.split("#")[0] in ("SEARCHTERM", "SEARCHLIST")
    ]
    for key in lost:  # gone, while the doc and keys items still record them
        store.delete(key)
    index.upsert(meetup("m", title="Chess club", description="Bring a board."))
    assert found(index, text="chess") == []  # an upsert of what changed finds no change

    index.upsert(meetup("m", title="Chess club", description="Bring a clock."), rewrite=True)

    assert found(index, text="chess") == found(index, text="clock") == ["m"]
    assert found(index, text="board") == []
    assert found(index, sort="newest") == ["m"]


def test_a_remove_leaves_no_item_under_any_search_key(store: ItemStore) -> None:
    recording = RecordingStore(store)
    index = TableSearchIndex(recording)
    seed(index, meetup("gone", title="Chess club", description=LONG, attending=2))
    index.upsert(meetup("gone", title="Go club", description="Bring stones.", attending=5))
    index.upsert(meetup("gone", title="Go club", category="gaming", starts_at=NOW + 2 * DAY))
    assert found(index, text="go") == ["gone"]

    index.remove("gone")

    assert left_behind(store, recording.written) == []
    assert all(key.pk.startswith("SEARCH") for key in recording.written)
    assert found(index) == []


def test_a_meetup_of_many_words_is_written_in_several_transactions(store: ItemStore) -> None:
    recording = RecordingStore(store)
    index = TableSearchIndex(recording)

    index.upsert(meetup("many", title="Phonetics", description=LONG))

    # The first with the doc marked pending, two more, and the last with the final doc.
    assert len(recording.transactions) == 4
    assert all(len(keys) <= 100 for keys in recording.transactions)
    assert Key("SEARCH#many", "DOC") in recording.transactions[0]
    assert Key("SEARCH#many", "DOC") in recording.transactions[-1]
    assert found(index, text="pu") == ["many"]  # "puword", in the last transactions
    assert found(index, text="phonetics bawo") == ["many"]


@pytest.mark.parametrize("crash_on", [1, 2, 3, 4])
def test_an_upsert_after_a_crash_between_transactions_leaves_nothing_stale(
    store: ItemStore, crash_on: int
) -> None:
    recording = RecordingStore(store)
    index = TableSearchIndex(recording)
    index.upsert(meetup("m", title="Chess club", description="Bring a board."))
    recording.crash_on_transaction = len(recording.transactions) + crash_on
    with pytest.raises(RuntimeError, match="stopped"):
        index.upsert(meetup("m", title="Phonetics", description=LONG))

    index.upsert(meetup("m", title="Go club", description="Bring stones."))

    assert found(index, text="go stones") == ["m"]
    for gone in ("chess", "board", "phonetics", "bawo", "puword"):
        assert found(index, text=gone) == []
    index.remove("m")
    assert left_behind(store, recording.written) == []


@pytest.mark.parametrize(
    ("winner", "loser"),
    [("Rook club", LONG), (LONG, "Rook club")],
    ids=["loser-writes-several-transactions", "loser-writes-one"],
)
def test_an_upsert_that_loses_a_race_diffs_again_against_the_winners_doc(
    store: ItemStore, winner: str, loser: str
) -> None:
    # GIVEN a meetup indexed, and two writers of it: the loser reads what is indexed, then
    # the winner writes all of its own upsert before the loser's first transaction
    winning, losing = RecordingStore(store), RecordingStore(store)
    TableSearchIndex(winning).upsert(meetup("m", title="Chess club", description="Board."))
    losing.before_next_transaction = lambda: TableSearchIndex(winning).upsert(
        meetup("m", title="Phonetics", description=winner)
    )

    # WHEN the loser upserts
    TableSearchIndex(losing).upsert(meetup("m", title="Phonetics", description=loser))

    # THEN its doc write failed, and it wrote again against the winner's doc: nothing stale
    assert losing.refused == 1
    index = TableSearchIndex(store)
    assert found(index, text="phonetics") == ["m"]
    assert found(index, text="rook") == (["m"] if loser == "Rook club" else [])
    assert found(index, text="bawo puword") == (["m"] if loser == LONG else [])
    assert found(index, text="board") == []
    index.remove("m")
    assert left_behind(store, winning.written + losing.written) == []


def test_a_remove_after_a_crash_between_transactions_finishes_it(store: ItemStore) -> None:
    recording = RecordingStore(store)
    index = TableSearchIndex(recording)
    index.upsert(meetup("m", title="Phonetics", description=LONG))
    recording.crash_on_transaction = len(recording.transactions) + 2
    with pytest.raises(RuntimeError, match="stopped"):
        index.remove("m")

    index.remove("m")

    assert left_behind(store, recording.written) == []


def test_nothing_reads_the_whole_table(store: ItemStore) -> None:
    calls: Counter[str] = Counter()
    if isinstance(store, DynamoItemStore):
        store.dynamodb.meta.events.register(
            "before-call.dynamodb", lambda model, **_: calls.update([model.name])
        )
    recording = RecordingStore(store)
    index = TableSearchIndex(recording)
    seed(index, *(club_of(n) for n in range(12)), meetup("long", description=LONG))
    for sort in SORTS:
        for text in (None, "club", "chess club", "bawo"):
            every_page(index, SearchQuery(now=NOW, text=text, category="games", sort=sort, limit=2))
    index.remove("club-01")

    assert set(recording.requests) <= {"get", "get_many", "query", "transact", "write"}
    if isinstance(store, DynamoItemStore):
        allowed = {"GetItem", "BatchGetItem", "Query", "PutItem", "TransactWriteItems"}
        assert set(calls) <= allowed
        assert calls["Query"] > 0


def club_of(n: int) -> IndexedMeetup:
    return meetup(
        f"club-{n:02}",
        title=("Chess club", "Book club night")[n % 2],
        category=("games", "books")[n % 3 % 2],
        starts_at=NOW + (1 + n % 5) * DAY,
        attending=n * 3 % 7,
    )


# -- reads --------------------------------------------------------------------------------


def test_a_search_cut_short_by_its_read_budget_resumes_where_it_stopped(
    store: ItemStore,
) -> None:
    # GIVEN 36 meetups of which one in seven starts in the 20th week
    index = TableSearchIndex(store, listing_budget=6, listing_page=3)
    corpus = [
        meetup(f"m{n:02}", starts_at=NOW + (140 if n % 7 == 0 else 1 + n) * DAY) for n in range(36)
    ]
    seed(index, *corpus)
    window = {"starts_after": NOW + 100 * DAY}

    # WHEN every page of the newest first, filtered on the start, is read with limit 2
    pages = every_page(index, SearchQuery(now=NOW, sort="newest", limit=2, **window))

    # THEN some pages came back short of their limit, yet the pages together are the answer
    assert any(len(page) < 2 for page in pages[:-1])
    walked = [meetup_id for page in pages for meetup_id in page]
    assert walked == [f"m{n:02}" for n in range(0, 36, 7)]


def test_a_cursor_from_one_process_is_honoured_by_another(store: ItemStore) -> None:
    # Each Lambda container has its own index object: the signing key is the table's.
    seed(TableSearchIndex(store), *(meetup(f"m{n}") for n in range(3)))
    first = TableSearchIndex(store).search(SearchQuery(now=NOW, limit=2))

    rest = TableSearchIndex(store).search(SearchQuery(now=NOW, limit=2, cursor=first.next_cursor))

    assert first.meetup_ids + rest.meetup_ids == ["m0", "m1", "m2"]


def test_words_longer_than_the_indexed_prefixes_are_told_apart(index: SearchIndex) -> None:
    seed(
        index,
        meetup("i18n", title="Internationalization workshop"),
        meetup("int", title="International evening"),
        meetup("intl", title="Internationals and friends"),
    )

    assert found(index, text="internationalization") == ["i18n"]
    assert found(index, text="internationals") == ["intl"]
    assert found(index, text="international") == ["i18n", "int", "intl"]
    assert found(index, text="internationalizations") == []


def test_a_common_word_and_a_rare_one_meet_by_key(store: ItemStore) -> None:
    # More meetups have "club" than a page of postings holds: "rare" is read whole, and
    # "club" is checked by key for its candidates only.
    recording = RecordingStore(store)
    index = TableSearchIndex(recording, postings_page=10)
    seed(index, *(meetup(f"c{n:02}", title="Book club") for n in range(11)))
    seed(index, meetup("r", title="Rare book club"))
    before = Counter(recording.requests)

    assert found(index, text="club rare", sort="relevance") == ["r"]

    asked = recording.requests - before
    assert asked["query"] == 3  # "club" (a page), "rare", and the exact title
    assert asked["get_many"] == 1


def random_corpus(rng: random.Random, count: int) -> list[IndexedMeetup]:
    """Meetups created at random seconds of the last 200 days, open well past ``NOW``."""
    return [
        meetup(
            f"p{n:03}",
            title="Board games",
            attending=rng.choice([0, 1, 2, 3, rng.randint(0, 500)]),
            created_at=NOW - timedelta(seconds=rng.randint(0, 200 * 86_400)),
            closes_at=NOW + 90 * DAY,
        )
        for n in range(count)
    ]


@pytest.mark.parametrize(
    ("text", "docs_max"),
    [(None, 500), ("board", 500), ("board", 5)],
    ids=["listing", "words-docs", "words-listing"],
)
@pytest.mark.on_one_store
def test_popular_is_the_domains_popularity_at_any_instant(
    store: ItemStore, text: str | None, docs_max: int
) -> None:
    # With words, a few candidates are ranked from their docs, many through the listing.
    index = TableSearchIndex(store, docs_max=docs_max)
    corpus = random_corpus(random.Random(20300304), 50)
    seed(index, *corpus)

    for now in (NOW, NOW + 45 * DAY):
        pages = every_page(index, SearchQuery(now=now, text=text, sort="popular", limit=7))
        expected = sorted(
            corpus, key=lambda m: (-popularity(m.attending, m.created_at, now), m.meetup_id)
        )
        assert [i for page in pages for i in page] == [m.meetup_id for m in expected]
