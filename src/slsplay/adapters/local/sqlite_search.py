"""Search of public meetups in one SQLite file: the local runtime's stand-in for cloud search.

The change feed's consumer keeps it in step with published public meetups (``upsert`` and
``remove``); the discovery page and the API ask it for a page of meetup ids that match a
person's words and filters, in the order they chose. FTS5 finds the words (each as a prefix,
without regard to case or accents) and ranks them with bm25; a plain table beside it holds
the fields that filters and orders read, with an index for each order. The two orders that
would score every meetup that matches, relevance of one word and popular, read only the
meetups near the page instead, from tables kept for them (sqlite_search_ranking.py).

Pages are cut by keyset, not by offset: a cursor holds the last meetup's sort key and id,
and is signed with a key kept in the file, so a cursor the index did not hand out, or handed
out for another search, is refused rather than silently starting somewhere else.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import math
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from slsplay.adapters.local.sqlite_file import SqliteFile
from slsplay.adapters.local.sqlite_search_ranking import (
    COLUMN_WEIGHTS,
    POPULARITY,
    SCRATCH,
    TOKENIZER,
    Selection,
    heat,
    popular_page,
    post,
    post_everything,
    relevance_page,
    unpost,
)
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

# A word (domain.search.WORD) is what FTS5's unicode61 tokenizer keeps as a token: a run of
# letters and digits. Everything else in a person's text only separates words, so none of it
# can reach FTS5 as syntax.

# The version of the cursor's layout and of the query fingerprint it is signed with.
CURSOR_VERSION = 1

# The file's layout, kept as its user_version. 1: the postings, their totals and the heat,
# filled in for the meetups of a file written before them when it is opened. A change of
# the tokenizer or of COLUMN_WEIGHTS changes every posting: raise it with them.
LAYOUT = 1

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
    " attending INTEGER NOT NULL,"
    " heat REAL)",  # the order of popularity at any instant (None: no attendees)
    # External content rather than contentless: SQLite 3.40's contentless tables cannot
    # delete a row unless told its old text, which would have to be kept elsewhere anyway.
    # Here the text lives once, in search_meetups; the triggers below hand FTS5 the old
    # values, in the same transaction as the write, and 'rebuild' can recreate the index.
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_words USING fts5("
    " title, description, category, organizer_name,"
    f" content = 'search_meetups', content_rowid = 'seq', tokenize = '{TOKENIZER}')",
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
    "CREATE INDEX IF NOT EXISTS search_by_heat ON search_meetups (heat, closes_us, created_us)",
    # A meetup whose title is the words searched for comes first, and is looked up.
    "CREATE INDEX IF NOT EXISTS search_by_title ON search_meetups (title_key)",
    "CREATE INDEX IF NOT EXISTS search_by_category_start"
    " ON search_meetups (category, starts_us, meetup_id, closes_us)",
    "CREATE INDEX IF NOT EXISTS search_by_category_creation"
    " ON search_meetups (category, created_us DESC, meetup_id, closes_us)",
    "CREATE INDEX IF NOT EXISTS search_by_category_closing"
    " ON search_meetups (category, closes_us, meetup_id, created_us, attending)",
    "CREATE INDEX IF NOT EXISTS search_by_category_heat"
    " ON search_meetups (category, heat, closes_us, created_us)",
    # Each meetup's words as FTS5 keeps them, keyed by what its bm25 for the word depends on
    # (packed in `grade`, see sqlite_search_ranking.py), and the index's totals bm25 reads.
    "CREATE TABLE IF NOT EXISTS search_postings (token TEXT NOT NULL, grade INTEGER NOT NULL,"
    " seq INTEGER NOT NULL, PRIMARY KEY (token, grade, seq)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS search_totals (meetups INTEGER NOT NULL, tokens INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS search_secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL)",
    # One signing key per file, so that every process on the file honours the same cursors.
    "INSERT OR IGNORE INTO search_secrets VALUES ('cursor', randomblob(32))",
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
            columns = {row[1] for row in conn.execute("PRAGMA table_info(search_meetups)")}
            if columns and "heat" not in columns:  # written before the heat was kept
                conn.execute("ALTER TABLE search_meetups ADD COLUMN heat REAL")
            for statement in SCHEMA:
                conn.execute(statement)
            (self._cursor_key,) = conn.execute(
                "SELECT value FROM search_secrets WHERE name = 'cursor'"
            ).fetchone()
            try:
                conn.execute("SELECT pow(0.5, 1.0)")
            except sqlite3.OperationalError:  # built without SQLITE_ENABLE_MATH_FUNCTIONS
                self._needs_pow = True
            self._connection()
            (layout,) = conn.execute("PRAGMA user_version").fetchone()
            if layout < LAYOUT:
                conn.executemany(
                    "UPDATE search_meetups SET heat = ? WHERE seq = ?",
                    [
                        (heat(attending, created_us), seq)
                        for seq, attending, created_us in conn.execute(
                            "SELECT seq, attending, created_us FROM search_meetups"
                        ).fetchall()
                    ],
                )
                post_everything(conn)
                conn.execute(f"PRAGMA user_version = {LAYOUT}")

    def upsert(self, meetup: IndexedMeetup, *, rewrite: bool = False) -> None:
        """Add the meetup, or replace what the index keeps of it (its postings only when its
        texts changed, or with ``rewrite``)."""
        title = _text(meetup.title)
        texts = (title, _text(meetup.description), meetup.category, _text(meetup.organizer_name))
        created_us = _micros(meetup.created_at)
        with self._writing() as conn:
            kept = _kept(conn, meetup.meetup_id)
            (seq,) = conn.execute(
                "INSERT INTO search_meetups (meetup_id, title, description, category,"
                " organizer_name, title_key, starts_us, created_us, closes_us, attending, heat)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (meetup_id) DO UPDATE SET title = excluded.title,"
                " description = excluded.description, category = excluded.category,"
                " organizer_name = excluded.organizer_name, title_key = excluded.title_key,"
                " starts_us = excluded.starts_us, created_us = excluded.created_us,"
                " closes_us = excluded.closes_us, attending = excluded.attending,"
                " heat = excluded.heat RETURNING seq",
                (
                    meetup.meetup_id,
                    *texts,
                    _fold(title),
                    _micros(meetup.starts_at),
                    created_us,
                    _micros(meetup.closes_at),
                    meetup.attending,
                    heat(meetup.attending, created_us),
                ),
            ).fetchone()
            # A new attendance count, the usual change, leaves the postings as they are.
            if rewrite or kept is None or kept[1:5] != texts:
                if kept is not None:
                    unpost(conn, kept[0], kept[1:5], kept[5])
                post(conn, seq, texts, _fold(title))

    def remove(self, meetup_id: str) -> None:
        """Leave the meetup out of every search from now on (nothing if it is not there)."""
        with self._writing() as conn:
            kept = _kept(conn, meetup_id)
            if kept is not None:
                unpost(conn, kept[0], kept[1:5], kept[5])
                conn.execute("DELETE FROM search_meetups WHERE seq = ?", (kept[0],))

    def search(self, query: SearchQuery) -> SearchPage:
        """The meetups that match, in the query's order, a page at a time."""
        if not 1 <= query.limit <= MAX_SEARCH_PAGE:
            raise ValueError(f"limit must be from 1 to {MAX_SEARCH_PAGE}")
        words = WORD.findall(_text(query.text or ""))
        sort: SearchSort = "soonest" if query.sort == "relevance" and not words else query.sort
        keys = ORDERS[sort]
        fingerprint = _fingerprint(query, words)
        after: list[Any] | None = None
        scored_at = _micros(query.now)
        if query.cursor is not None:
            after, first_page_at = self._decode(query.cursor, fingerprint, len(keys))
            # Popularity decays from the instant of the first page: were each page scored at
            # its own instant, the meetups would shift under the cursor between pages.
            if sort == "popular":
                scored_at = first_page_at
        where, params = _conditions(query, words, sort)
        selection = Selection(where, {**params, "scored_at": scored_at}, after)
        with self._reading() as conn:
            rows = None
            if sort == "relevance":
                rows = relevance_page(conn, selection, words)
            elif sort == "popular" and not _dated(query):
                rows = popular_page(conn, selection, within_category=query.category is not None)
            if rows is None:
                rows = conn.execute(*_listing(sort, selection)).fetchall()
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
        """This thread's connection, with the scratch tables (and pow) it needs."""
        conn = self._file.connection()
        if getattr(self._prepared, "conn", None) is not conn:
            if self._needs_pow:
                # Python's float power is C's pow(), as SQLite's own would be.
                conn.create_function("pow", 2, math.pow, deterministic=True)
            for statement in SCRATCH:
                conn.execute(statement)
            self._prepared.conn = conn
        return conn

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction on this thread's connection, prepared before it begins."""
        self._connection()
        with self._file.writing() as conn:
            yield conn

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: a search's statements all see the file as it was at its first.

        Only the connection's private temp schema is written in it (the scratch tables).
        """
        conn = self._connection()
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            if conn.in_transaction:  # a read: nothing to keep (the scratch is emptied by use)
                conn.execute("ROLLBACK")

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


def _kept(conn: sqlite3.Connection, meetup_id: str) -> tuple[Any, ...] | None:
    """What the index keeps of a meetup's words: its seq, texts and folded title."""
    row: tuple[Any, ...] | None = conn.execute(
        "SELECT seq, title, description, category, organizer_name, title_key"
        " FROM search_meetups WHERE meetup_id = ?",
        (meetup_id,),
    ).fetchone()
    return row


def _conditions(
    query: SearchQuery, words: list[str], sort: SearchSort
) -> tuple[list[str], dict[str, Any]]:
    """The conditions on ``m`` (search_meetups) of a search's open meetups that match its
    words and filters, and the values of every search's statements (the page's ``limit``,
    one more than the page, to know whether another follows)."""
    params: dict[str, Any] = {
        "now": _micros(query.now),
        # Each word a quoted FTS5 string with a prefix star: "wine"* "porto"* (all must
        # match). WORD leaves no quote inside a word, so nothing can escape the string.
        "match": " ".join(f'"{word}"*' for word in words),
        "title_key": " ".join(_fold(word) for word in words),
        "half_life": POPULARITY_HALF_LIFE_DAYS,
        "limit": query.limit + 1,
    }
    where = ["m.closes_us >= :now"]
    # Relevance joins the FTS table instead (bm25 reads its cursor), or reads postings.
    if words and sort != "relevance":
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
    return where, params


def _dated(query: SearchQuery) -> bool:
    """Whether a search bounds a date: the popular walk reads heats in order, and would pass
    most meetups by; the plain statement reads the dates' index instead."""
    return any(bound is not None for bound in _bounds(query))


def _bounds(query: SearchQuery) -> tuple[datetime | None, ...]:
    return (
        query.starts_after,
        query.starts_before,
        query.created_after,
        query.created_before,
        query.closes_before,
    )


def _listing(sort: SearchSort, selection: Selection) -> tuple[str, dict[str, Any]]:
    """The one statement of a page that scores every meetup that matches, and sorts."""
    keys = ORDERS[sort]
    where, params, after = selection.where, selection.params, selection.after
    source = "search_meetups AS m"
    if sort == "relevance":  # bm25 reads the FTS cursor, so the FTS table leads the join
        source = (
            "search_words JOIN search_meetups AS m ON m.seq = search_words.rowid"
            " AND search_words MATCH :match"
        )
    if after is not None:
        where = [*where, _after(keys)]
        params = {**params, **{f"after{i}": value for i, value in enumerate(after)}}
    selected = ", ".join(f"{key.expression} AS k{i}" for i, key in enumerate(keys))
    order = ", ".join(f"k{i}{' DESC' * key.descending}" for i, key in enumerate(keys))
    # The fragments are this module's own constants; every value is a bound parameter.
    sql = (
        f"SELECT {selected}, m.meetup_id FROM {source} WHERE {' AND '.join(where)}"  # noqa: S608
        f" ORDER BY {order}, m.meetup_id LIMIT :limit"
    )
    return sql, params


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
    return json.dumps(
        [
            CURSOR_VERSION,
            [_fold(word) for word in words],
            query.category,
            [None if bound is None else _micros(bound) for bound in _bounds(query)],
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
