"""Search of public meetups in one SQLite file: the local runtime's stand-in for cloud search.

The change feed's consumer keeps it in step with published public meetups (``upsert`` and
``remove``); the discovery page and the API ask it for a page of meetup ids that match a
person's words and filters, in the order they chose. FTS5 finds the words (each as a prefix,
without regard to case or accents) and ranks them with bm25; a plain table beside it holds
the fields that filters and orders read, with an index for each order.

Pages are cut by keyset, not by offset: a cursor holds the last meetup's sort key and id,
and is signed with a key kept in the file, so a cursor the index did not hand out, or handed
out for another search, is refused rather than silently starting somewhere else.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from slsplay.adapters.local.sqlite_file import SqliteFile
from slsplay.domain.search import (
    POPULARITY_HALF_LIFE_DAYS,
    WORD,
    opened_cursor,
    sealed_cursor,
    words,
)
from slsplay.ports import (
    MAX_SEARCH_PAGE,
    IndexedMeetup,
    InvalidCursor,
    SearchPage,
    SearchQuery,
    SearchSort,
)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)

# bm25 weights of the FTS columns, in their order: a word in the title counts ten times one
# in the description; the category and the organizer's name sit between.
COLUMN_WEIGHTS = {"title": 10.0, "description": 1.0, "category": 3.0, "organizer_name": 2.0}

# A word (domain.search.WORD) is what FTS5's unicode61 tokenizer keeps as a token: a run of
# letters and digits. Everything else in a person's text only separates words, so none of it
# can reach FTS5 as syntax.

# The version of the cursor's layout and of the query fingerprint it is signed with.
CURSOR_VERSION = 1

SCHEMA = (
    # seq is the FTS rowid: an external-content FTS5 table needs an integer key.
    "CREATE TABLE IF NOT EXISTS search_meetups ("
    " seq INTEGER PRIMARY KEY,"
    " meetup_id TEXT NOT NULL UNIQUE,"
    " title TEXT NOT NULL,"
    " description TEXT NOT NULL,"
    " category TEXT NOT NULL,"
    " organizer_name TEXT NOT NULL,"
    " title_key TEXT NOT NULL,"  # the title's words folded, to spot an exact title match
    " starts_us INTEGER NOT NULL,"  # instants as UTC microseconds since the epoch
    " created_us INTEGER NOT NULL,"
    " closes_us INTEGER NOT NULL,"
    " attending INTEGER NOT NULL)",
    # External content rather than contentless: SQLite 3.40's contentless tables cannot
    # delete a row unless told its old text, which would have to be kept elsewhere anyway.
    # Here the text lives once, in search_meetups; the triggers below hand FTS5 the old
    # values, in the same transaction as the write, and 'rebuild' can recreate the index.
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_words USING fts5("
    " title, description, category, organizer_name,"
    " content = 'search_meetups', content_rowid = 'seq',"
    " tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS search_meetups_added AFTER INSERT ON search_meetups BEGIN"
    " INSERT INTO search_words (rowid, title, description, category, organizer_name)"
    " VALUES (new.seq, new.title, new.description, new.category, new.organizer_name);"
    " END",
    "CREATE TRIGGER IF NOT EXISTS search_meetups_removed AFTER DELETE ON search_meetups BEGIN"
    " INSERT INTO search_words (search_words, rowid, title, description, category,"
    " organizer_name)"
    " VALUES ('delete', old.seq, old.title, old.description, old.category,"
    " old.organizer_name);"
    " END",
    "CREATE TRIGGER IF NOT EXISTS search_meetups_changed AFTER UPDATE ON search_meetups BEGIN"
    " INSERT INTO search_words (search_words, rowid, title, description, category,"
    " organizer_name)"
    " VALUES ('delete', old.seq, old.title, old.description, old.category,"
    " old.organizer_name);"
    " INSERT INTO search_words (rowid, title, description, category, organizer_name)"
    " VALUES (new.seq, new.title, new.description, new.category, new.organizer_name);"
    " END",
    # One index per order, led by its key, so that a page is a range read that stops after
    # `limit` rows however deep it is, and one per order within a category (the discovery
    # page's usual search). Each carries closes_us, or the popularity inputs, so that the
    # "answers still open" test and the popular score need no visit to the wide row.
    "CREATE INDEX IF NOT EXISTS search_by_start"
    " ON search_meetups (starts_us, meetup_id, closes_us)",
    "CREATE INDEX IF NOT EXISTS search_by_creation"
    " ON search_meetups (created_us DESC, meetup_id, closes_us)",
    "CREATE INDEX IF NOT EXISTS search_by_closing"
    " ON search_meetups (closes_us, meetup_id, created_us, attending)",
    "CREATE INDEX IF NOT EXISTS search_by_category_start"
    " ON search_meetups (category, starts_us, meetup_id, closes_us)",
    "CREATE INDEX IF NOT EXISTS search_by_category_creation"
    " ON search_meetups (category, created_us DESC, meetup_id, closes_us)",
    "CREATE INDEX IF NOT EXISTS search_by_category_closing"
    " ON search_meetups (category, closes_us, meetup_id, created_us, attending)",
    "CREATE TABLE IF NOT EXISTS search_secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL)",
    # One signing key per file, so that every process on the file honours the same cursors.
    "INSERT OR IGNORE INTO search_secrets VALUES ('cursor', randomblob(32))",
)

# popularity() of domain/search.py in SQL, term for term and in the same floating-point
# operations (seconds first, then days), so that both give the very same number.
POPULARITY = (
    "m.attending * pow(0.5,"
    " max(0.0, ((:scored_at - m.created_us) / 1000000.0) / 86400.0) / :half_life)"
)

BM25 = f"bm25(search_words, {', '.join(str(w) for w in COLUMN_WEIGHTS.values())})"


@dataclass(frozen=True)
class SortKey:
    """One term of an order: an SQL expression over ``m`` and its direction."""

    expression: str
    descending: bool = False
    stored: bool = False  # a column of search_meetups, which an index holds in order


ORDERS: dict[SearchSort, tuple[SortKey, ...]] = {
    "soonest": (SortKey("m.starts_us", stored=True),),
    "newest": (SortKey("m.created_us", descending=True, stored=True),),
    "closing": (SortKey("m.closes_us", stored=True),),
    "popular": (SortKey(POPULARITY, descending=True),),
    # An exact title match first whatever bm25 says: bm25 also rewards a description that
    # repeats the words, and a person who types a meetup's whole title wants that meetup.
    "relevance": (SortKey("(m.title_key = :title_key)", descending=True), SortKey(BM25)),
}


class SqliteSearchIndex:
    """The ``SearchIndex`` on SQLite FTS5; safe across threads and processes."""

    def __init__(self, path: Path | str) -> None:
        self._file = SqliteFile(path)
        self._prepared = threading.local()
        self._needs_pow = False
        with self._file.writing() as conn:
            for statement in SCHEMA:
                conn.execute(statement)
            (self._cursor_key,) = conn.execute(
                "SELECT value FROM search_secrets WHERE name = 'cursor'"
            ).fetchone()
            try:
                conn.execute("SELECT pow(0.5, 1.0)")
            except sqlite3.OperationalError:  # built without SQLITE_ENABLE_MATH_FUNCTIONS
                self._needs_pow = True

    def upsert(self, meetup: IndexedMeetup) -> None:
        """Add the meetup, or replace what the index keeps of it."""
        title = _text(meetup.title)
        with self._file.writing() as conn:
            conn.execute(
                "INSERT INTO search_meetups (meetup_id, title, description, category,"
                " organizer_name, title_key, starts_us, created_us, closes_us, attending)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (meetup_id) DO UPDATE SET title = excluded.title,"
                " description = excluded.description, category = excluded.category,"
                " organizer_name = excluded.organizer_name, title_key = excluded.title_key,"
                " starts_us = excluded.starts_us, created_us = excluded.created_us,"
                " closes_us = excluded.closes_us, attending = excluded.attending",
                (
                    meetup.meetup_id,
                    title,
                    _text(meetup.description),
                    meetup.category,
                    _text(meetup.organizer_name),
                    _fold(title),
                    _micros(meetup.starts_at),
                    _micros(meetup.created_at),
                    _micros(meetup.closes_at),
                    meetup.attending,
                ),
            )

    def remove(self, meetup_id: str) -> None:
        """Leave the meetup out of every search from now on (nothing if it is not there)."""
        with self._file.writing() as conn:
            conn.execute("DELETE FROM search_meetups WHERE meetup_id = ?", (meetup_id,))

    def search(self, query: SearchQuery) -> SearchPage:
        """The meetups that match, in the query's order, a page at a time."""
        if not 1 <= query.limit <= MAX_SEARCH_PAGE:
            raise ValueError(f"limit must be from 1 to {MAX_SEARCH_PAGE}")
        words = WORD.findall(_text(query.text or ""))
        sort: SearchSort = "soonest" if query.sort == "relevance" and not words else query.sort
        keys = ORDERS[sort]
        fingerprint = _fingerprint(query, words)
        source, where, params = _matching(query, words, sort)
        scored_at = params["now"]
        if query.cursor is not None:
            after, first_page_at = self._decode(query.cursor, fingerprint, len(keys))
            # Popularity decays from the instant of the first page: were each page scored at
            # its own instant, the meetups would shift under the cursor between pages.
            if sort == "popular":
                scored_at = first_page_at
            where.append(_after(keys))
            params.update({f"after{i}": value for i, value in enumerate(after)})
        params.update(
            scored_at=scored_at,
            half_life=POPULARITY_HALF_LIFE_DAYS,
            title_key=" ".join(_fold(word) for word in words),
            limit=query.limit + 1,  # one more than the page, to know whether another follows
        )
        selected = ", ".join(f"{key.expression} AS k{i}" for i, key in enumerate(keys))
        order = ", ".join(f"k{i}{' DESC' * key.descending}" for i, key in enumerate(keys))
        # The fragments are this module's own constants; every value is a bound parameter.
        sql = (
            f"SELECT {selected}, m.meetup_id FROM {source} WHERE {' AND '.join(where)}"  # noqa: S608
            f" ORDER BY {order}, m.meetup_id LIMIT :limit"
        )
        rows = self._connection().execute(sql, params).fetchall()
        if len(rows) <= query.limit:
            return SearchPage([row[-1] for row in rows])
        page = rows[: query.limit]
        cursor = self._encode(list(page[-1]), scored_at, fingerprint)
        return SearchPage([row[-1] for row in page], cursor)

    def close(self) -> None:
        """Close every connection the index opened."""
        self._file.close()

    # -- connections and cursors -----------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        conn = self._file.connection()
        if self._needs_pow and getattr(self._prepared, "conn", None) is not conn:
            # Python's float power is C's pow(), as SQLite's own would be.
            conn.create_function("pow", 2, math.pow, deterministic=True)
            self._prepared.conn = conn
        return conn

    def _encode(self, after: list[Any], scored_at: int, fingerprint: bytes) -> str:
        payload = json.dumps({"after": after, "at": scored_at}, separators=(",", ":")).encode()
        return sealed_cursor(payload, lambda data: self._sign(data, fingerprint))

    def _decode(self, cursor: str, fingerprint: bytes, keys: int) -> tuple[list[Any], int]:
        """The sort key, id and scoring instant in a cursor this index signed for this query."""
        try:
            payload = opened_cursor(cursor, lambda data: self._sign(data, fingerprint))
        except ValueError as e:
            raise InvalidCursor("the cursor is not one this search handed out") from e
        decoded = json.loads(payload)
        # Signed by us for this very query, so its shape is known; checked all the same.
        if (
            not isinstance(decoded, dict)
            or not isinstance(decoded.get("after"), list)
            or len(decoded["after"]) != keys + 1
            or not isinstance(decoded.get("at"), int)
        ):
            raise InvalidCursor("the cursor is not one this search handed out")
        return decoded["after"], decoded["at"]

    def _sign(self, payload: bytes, fingerprint: bytes) -> bytes:
        signature = hmac.new(self._cursor_key, fingerprint + b"\n" + payload, hashlib.sha256)
        return signature.digest()[:16]  # 128 bits: ample against guessing, short in a URL


def _matching(
    query: SearchQuery, words: list[str], sort: SearchSort
) -> tuple[str, list[str], dict[str, Any]]:
    """The FROM and WHERE of a search's open meetups that match its words and filters."""
    params: dict[str, Any] = {
        "now": _micros(query.now),
        # Each word a quoted FTS5 string with a prefix star: "wine"* "porto"* (all must
        # match). WORD leaves no quote inside a word, so nothing can escape the string.
        "match": " ".join(f'"{word}"*' for word in words),
    }
    where = ["m.closes_us >= :now"]
    source = "search_meetups AS m"
    if sort == "relevance":  # bm25 reads the FTS cursor, so the FTS table leads the join
        source = (
            "search_words JOIN search_meetups AS m ON m.seq = search_words.rowid"
            " AND search_words MATCH :match"
        )
    elif words:
        where.append("m.seq IN (SELECT rowid FROM search_words WHERE search_words MATCH :match)")
    for column, operator, bound, name in (
        ("category", "=", query.category, "category"),
        ("starts_us", ">=", query.starts_after, "starts_after"),
        ("starts_us", "<=", query.starts_before, "starts_before"),
        ("created_us", ">=", query.created_after, "created_after"),
        ("created_us", "<=", query.created_before, "created_before"),
        ("closes_us", "<=", query.closes_before, "closes_before"),
    ):
        if bound is not None:
            where.append(f"m.{column} {operator} :{name}")
            params[name] = _micros(bound) if isinstance(bound, datetime) else bound
    return source, where, params


def _after(keys: tuple[SortKey, ...]) -> str:
    """Rows after the cursor's row in the order: (k0, k1, id) beyond (:after0, :after1, ...).

    One row-value comparison, so that each key is worked out once a row (a descending key
    negated, which is exact for numbers); and for a stored key a bound on it alone too, so
    that its index reads from the cursor on rather than from its start.
    """
    row = [f"-({key.expression})" if key.descending else key.expression for key in keys]
    cursor = [f"-:after{i}" if key.descending else f":after{i}" for i, key in enumerate(keys)]
    condition = (
        f"({', '.join([*row, 'm.meetup_id'])}) > ({', '.join([*cursor, f':after{len(keys)}'])})"
    )
    leading = keys[0]
    if leading.stored:
        bound = "<=" if leading.descending else ">="
        condition = f"{leading.expression} {bound} :after0 AND {condition}"
    return f"({condition})"


def _fingerprint(query: SearchQuery, words: list[str]) -> bytes:
    """What makes two searches the same one, for a cursor; ``now`` and the page are not it."""
    bounds = (
        query.starts_after,
        query.starts_before,
        query.created_after,
        query.created_before,
        query.closes_before,
    )
    return json.dumps(
        [
            CURSOR_VERSION,
            [_fold(word) for word in words],
            query.category,
            [None if bound is None else _micros(bound) for bound in bounds],
            query.sort,
        ]
    ).encode()


def _text(text: str) -> str:
    """Composed Unicode, so that an accent typed as a combining mark folds like any other."""
    return unicodedata.normalize("NFC", text)


def _fold(text: str) -> str:
    """Words without case or accents, one space apart: "Café, au lait!" is "cafe au lait"."""
    return " ".join(words(text))


def _micros(instant: datetime) -> int:
    if instant.utcoffset() is None:
        raise ValueError("search instants must carry a time zone")
    return (instant - EPOCH) // MICROSECOND
