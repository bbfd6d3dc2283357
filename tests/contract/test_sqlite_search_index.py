"""The local search index (SQLite FTS5), on what only it promises beyond the shared contract.

A one-word relevance search and a popular one read tables kept beside FTS5 rather than
scoring every meetup that matches: their pages must be exactly those of FTS5's own bm25 and
of the popularity of every meetup, after any edits and removes, and in a file written before
those tables were kept.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from slsplay.adapters.local.sqlite_search import SqliteSearchIndex
from slsplay.adapters.local.sqlite_search_ranking import COLUMN_WEIGHTS
from slsplay.ports import IndexedMeetup, SearchQuery, SearchSort
from tests.contract.test_search_index import DAY, NOW, meetup, seed, walk

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
WORDS = ["wine", "wines", "winery", "tasting", "cheese", "chess", "chessboard", "club", "book"]
WORDS += ["books", "walk", "night"]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "search.db"


@pytest.fixture
def index(path: Path) -> Iterator[SqliteSearchIndex]:
    sqlite = SqliteSearchIndex(path)
    yield sqlite
    sqlite.close()


def corpus(rng: random.Random, count: int) -> list[IndexedMeetup]:
    """Meetups whose words repeat, in every column and texts of many lengths."""

    def text(low: int, high: int) -> str:
        return " ".join(rng.choices(WORDS, k=rng.randint(low, high)))

    return [
        meetup(
            f"m{n:03}",
            title=rng.choice(["Wine", "Chess", text(1, 4)]),
            description=text(0, 30),
            category=rng.choice(["food", "games", "books"]),
            organizer_name=rng.choice(["Ada Club", "Grace Wine", "Alan Turing"]),
            closes_at=NOW + rng.choice([-1, 1, 5]) * DAY,
            attending=rng.choice([0, 1, 2, 3, 10]),
            created_at=NOW - rng.randint(0, 90) * timedelta(hours=7),
        )
        for n in range(count)
    ]


def bm25_order(path: Path, word: str) -> list[str]:
    """The relevance order FTS5's bm25 function gives a one-word search, read straight off
    the file: the order the index's pages must follow."""
    weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS.values())
    with sqlite3.connect(path) as conn:
        # The weights are the adapter's constants; the values are bound parameters.
        rows = conn.execute(
            "SELECT m.meetup_id FROM search_words"  # noqa: S608
            " JOIN search_meetups AS m ON m.seq = search_words.rowid"
            " WHERE search_words MATCH ? AND m.closes_us >= ?"
            f" ORDER BY m.title_key = ? DESC, bm25(search_words, {weights}), m.meetup_id",
            (f'"{word}"*', (NOW - EPOCH) // timedelta(microseconds=1), word),
        ).fetchall()
    conn.close()
    return [meetup_id for (meetup_id,) in rows]


SEARCHED = ["wine", "wines", "win", "chess", "ches", "tasting", "walk", "wa", "nothing"]


def relevance(index: SqliteSearchIndex, word: str, limit: int) -> list[str]:
    return walk(index, SearchQuery(now=NOW, text=word, sort="relevance", limit=limit))


def test_one_word_ranks_as_fts5s_own_bm25(index: SqliteSearchIndex, path: Path) -> None:
    seed(index, *corpus(random.Random(3), 150))

    for word in SEARCHED:
        expected = bm25_order(path, word)
        assert relevance(index, word, 7) == expected, word
        assert relevance(index, word, 50) == expected, word


def test_one_word_ranks_as_fts5s_own_bm25_after_edits_and_removes(
    index: SqliteSearchIndex, path: Path
) -> None:
    rng = random.Random(5)
    first = corpus(rng, 120)
    seed(index, *first)
    for each in rng.sample(first, 40):
        index.upsert(edited(each, rng))
    for each in rng.sample(first, 25):
        index.remove(each.meetup_id)
    for each in rng.sample(first, 10):
        index.upsert(each)  # back, or unchanged

    for word in SEARCHED:
        assert relevance(index, word, 9) == bm25_order(path, word), word


def edited(each: IndexedMeetup, rng: random.Random) -> IndexedMeetup:
    """The meetup with other words, or only another attendance (no new words)."""
    other = corpus(rng, 1)[0]
    if rng.random() < 0.3:
        return replace(each, attending=other.attending)
    return replace(other, meetup_id=each.meetup_id)


def test_a_meetup_created_after_the_search_counts_its_attendance_undecayed(
    index: SqliteSearchIndex,
) -> None:
    # The domain counts a meetup created after the instant of a search as new (age 0), as
    # the index does for a later page of a popular search scored at its first page's
    # instant. (The table's index decays it by a negative age: it comes first here.)
    seed(
        index,
        # 7 attendees 6.5 days ago: 6.02 now, a little more than 6.
        meetup("a-older", attending=7, created_at=NOW - timedelta(days=6, hours=13)),
        # Created after the instant of the search: its 6 attendees are not decayed.
        meetup("b-newer", attending=6, created_at=NOW + timedelta(hours=7)),
        meetup("c-less", attending=2),
        meetup("d-least", attending=1),
    )

    assert walk(index, SearchQuery(now=NOW, sort="popular", limit=1)) == [
        "a-older",
        "b-newer",
        "c-less",
        "d-least",
    ]


@pytest.mark.parametrize("sort", ["relevance", "popular"])
def test_a_file_written_before_postings_and_heat_is_brought_up_to_date(
    path: Path, sort: SearchSort
) -> None:
    written = SqliteSearchIndex(path)
    seed(written, *corpus(random.Random(7), 80))
    queries = [SearchQuery(now=NOW, text=word, sort=sort, limit=6) for word in SEARCHED]
    before = [walk(written, query) for query in queries]
    written.close()
    # As the file was before: no heat, postings or totals, and no layout version.
    with sqlite3.connect(path) as conn:
        for index_name in ("search_by_heat", "search_by_category_heat", "search_by_title"):
            conn.execute(f"DROP INDEX {index_name}")
        conn.execute("ALTER TABLE search_meetups DROP COLUMN heat")
        conn.execute("DROP TABLE search_postings")
        conn.execute("DROP TABLE search_totals")
        conn.execute("PRAGMA user_version = 0")
    conn.close()

    reopened = SqliteSearchIndex(path)

    assert [walk(reopened, query) for query in queries] == before
    reopened.close()
