"""The local search index's pages that are ranked without scoring every meetup that matches.

``SqliteSearchIndex`` (sqlite_search.py) answers most searches with one statement that
scores each meetup that matches and sorts them: quick for a category or a week of meetups,
but tens of milliseconds at 100,000 meetups for the two orders that score them all, the
relevance of a common word (FTS5's bm25 function, one call per meetup) and "popular" (a
power per meetup). What this module keeps lets those two read only the meetups near the
page, and gives the very same pages:

- Relevance of one word. Apart from statistics of the whole index, a meetup's bm25 for one
  word depends on three numbers: whether the word is the meetup's whole title (those come
  first), the word's occurrences weighted by column, and the meetup's length in words. Each
  meetup's words are kept as postings keyed by the word and those numbers packed in a grade,
  so a search reads the word's distinct grades (a few hundred, one index seek each), works
  out each grade's bm25 exactly as FTS5 does, and reads the meetups of the best grades only.
- Popular. popularity = attending * 0.5 ** (age / half-life), so its log2 is log2(attending)
  + created / half-life - now / half-life. The first two terms, the heat, are kept and
  indexed: heats are in the order of popularity at any instant. A search walks the heat
  index to the page's last meetup, then scores the meetups from there up, with a margin for
  rounding, exactly as the plain statement would.

Each gives ``None`` for a search it does not answer this way; the plain statement does.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from typing import Any

from slsplay.domain.search import POPULARITY_HALF_LIFE_DAYS

TOKENIZER = "unicode61 remove_diacritics 2"

# bm25 weights of the FTS columns, in their order: a word in the title counts ten times one
# in the description; the category and the organizer's name sit between. Whole numbers, so
# that a word's weighted count is one too: exact in whatever order it is summed (FTS5 sums
# in the order of the text, the postings by column).
COLUMN_WEIGHTS = {"title": 10, "description": 1, "category": 3, "organizer_name": 2}

# bm25's parameters as FTS5 fixes them (fts5_aux.c).
BM25_K1 = 1.2
BM25_B = 0.75
# A word in more than half the meetups would weigh less than nothing: FTS5 weighs it this.
BM25_MIN_IDF = 1e-6

# A grade packs a posting's title flag, weighted count and meetup length, GRADE_BITS bits
# for each count, so that its order is theirs. The domain caps a description at 5,000
# characters: its words are far below 2**26.
GRADE_BITS = 26
GRADE_MASK = (1 << GRADE_BITS) - 1
# The grades of one word read in one statement at most (each a few bound values).
GRADES_PER_STATEMENT = 1024

HALF_LIFE_US = POPULARITY_HALF_LIFE_DAYS * 86_400 * 1_000_000
# How far from the page's last heat the meetups are scored, in log2 units: a million times
# what rounding moves a heat or a computed popularity (about 1e-13 each).
HEAT_MARGIN = 1e-9
# Below this a popularity has lost precision (or underflowed to 0): the margin no longer
# holds, and the plain statement orders such a page.
LEAST_SURE_POPULARITY = 2.0**-1000

# popularity() of domain/search.py in SQL, term for term and in the same floating-point
# operations (seconds first, then days), so that both give the very same number.
POPULARITY = (
    "m.attending * pow(0.5,"
    " max(0.0, ((:scored_at - m.created_us) / 1000000.0) / 86400.0) / :half_life)"
)

# FTS5 tokenizes in C, with tables of its own: to keep postings of exactly its words, a text
# is tokenized by a scratch FTS5 table in the connection's private temp schema, read back
# through fts5vocab (one row per occurrence) and emptied.
SCRATCH = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_scratch USING fts5("
    f" title, description, category, organizer_name, content = '', tokenize = '{TOKENIZER}')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_scratch_words"
    " USING fts5vocab(search_scratch, instance)",
)

# The first and last indexed word that a word finds as a prefix (byte 0xFF follows every
# byte of UTF-8, so they sort from `low` to just before `low` || FF): one seek each.
WORD_SPAN = (
    "SELECT (SELECT min(token) FROM search_postings"
    " WHERE token >= :low AND token < CAST(:high AS TEXT)),"
    " (SELECT max(token) FROM search_postings"
    " WHERE token >= :low AND token < CAST(:high AS TEXT))"
)
# The distinct grades of a word, one seek each.
GRADES = (
    "WITH RECURSIVE found (grade) AS ("
    " SELECT min(grade) FROM search_postings WHERE token = :token"
    " UNION ALL SELECT (SELECT min(grade) FROM search_postings"
    " WHERE token = :token AND grade > found.grade) FROM found WHERE found.grade IS NOT NULL)"
    " SELECT grade FROM found WHERE grade IS NOT NULL"
)


@dataclass(frozen=True)
class Selection:
    """A search as these pages read it: its conditions on ``m`` (search_meetups) and their
    values (among them ``limit``, one row more than the page), and the cursor's keys."""

    where: list[str]
    params: dict[str, Any]
    after: list[Any] | None


def tokenized(conn: sqlite3.Connection, texts: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each word FTS5 makes of a title, description, category and organizer's name, with
    its column, once per occurrence."""
    conn.execute(
        "INSERT INTO temp.search_scratch (rowid, title, description, category, organizer_name)"
        " VALUES (1, ?, ?, ?, ?)",
        texts,
    )
    try:
        return conn.execute("SELECT term, col FROM temp.search_scratch_words").fetchall()
    finally:
        conn.execute("INSERT INTO temp.search_scratch (search_scratch) VALUES ('delete-all')")


def post(conn: sqlite3.Connection, seq: int, texts: tuple[str, ...], title_key: str) -> None:
    """Write the postings of a meetup's texts and count it in the totals."""
    postings, length = _postings(conn, seq, texts, title_key)
    conn.executemany("INSERT INTO search_postings (token, grade, seq) VALUES (?, ?, ?)", postings)
    conn.execute("UPDATE search_totals SET meetups = meetups + 1, tokens = tokens + ?", (length,))


def unpost(conn: sqlite3.Connection, seq: int, texts: tuple[str, ...], title_key: str) -> None:
    """Delete the postings a meetup's texts made (the same ones again) and its totals."""
    postings, length = _postings(conn, seq, texts, title_key)
    conn.executemany(
        "DELETE FROM search_postings WHERE token = ? AND grade = ? AND seq = ?", postings
    )
    conn.execute("UPDATE search_totals SET meetups = meetups - 1, tokens = tokens - ?", (length,))


def post_everything(conn: sqlite3.Connection) -> None:
    """Write every meetup's postings and the totals anew, from search_meetups."""
    conn.execute("DELETE FROM search_postings")
    conn.execute("DELETE FROM search_totals")
    conn.execute("INSERT INTO search_totals (meetups, tokens) VALUES (0, 0)")
    for seq, *texts, title_key in conn.execute(
        "SELECT seq, title, description, category, organizer_name, title_key FROM search_meetups"
    ).fetchall():
        post(conn, seq, tuple(texts), title_key)


def heat(attending: int, created_us: int) -> float | None:
    """A meetup's place in the order of popularity, the same at any instant: log2 of its
    popularity plus the instant over the half-life. ``None`` without attendees (their
    popularity is 0 at every instant)."""
    if attending <= 0:
        return None
    return math.log2(attending) + created_us / HALF_LIFE_US


def relevance_page(
    conn: sqlite3.Connection, selection: Selection, text_words: list[str]
) -> list[Any] | None:
    """Rows (title match, bm25, id) of a relevance page of one word, from its postings.

    ``None`` unless the word is one word to FTS5, that Python folds as FTS5 does (an exact
    title match is judged on Python's folding), and that is the start of one indexed word
    only: the word itself, or one it is the start of. Were it the start of several, a
    meetup's count would be a sum over their postings, which FTS5's bm25 works out anyway.
    """
    if len(text_words) != 1:
        return None
    found = tokenized(conn, (text_words[0], "", "", ""))
    word = selection.params["title_key"]
    if len(found) != 1 or found[0][0] != word:
        return None
    high = word.encode() + b"\xff"
    token, last = conn.execute(WORD_SPAN, {"low": word, "high": high}).fetchone()
    if token is None:
        return []
    if token != last:
        return None
    # The grades say whether a meetup's title is `token`; the page wants titles that are
    # `word`. Were `word` only the start of `token`, such a title would be a word FTS5 folds
    # otherwise than Python: possible, so looked for, and left to FTS5.
    whole = token == word
    if (
        not whole
        and conn.execute("SELECT 1 FROM search_meetups WHERE title_key = ?", (word,)).fetchone()
    ):
        return None
    # bm25's statistics are FTS5's: the meetups with the word, and the whole index's totals.
    (having,) = conn.execute(
        "SELECT count(*) FROM search_postings WHERE token = ?", (token,)
    ).fetchone()
    meetups, length = conn.execute("SELECT meetups, tokens FROM search_totals").fetchone()
    idf = math.log((meetups - having + 0.5) / (having + 0.5))
    idf = idf if idf > 0.0 else BM25_MIN_IDF
    avgdl = float(length) / float(meetups)
    levels: dict[tuple[int, float], list[int]] = {}
    for (grade,) in conn.execute(GRADES, {"token": token}):
        score = _bm25((grade >> GRADE_BITS) & GRADE_MASK, grade & GRADE_MASK, idf, avgdl)
        titled = grade >> 2 * GRADE_BITS if whole else 0
        levels.setdefault((titled, score), []).append(grade)
    order = sorted(levels, key=lambda level: (-level[0], level[1]))
    after = selection.after
    if after is not None:  # the levels before the cursor's are done with
        order = [level for level in order if (-level[0], level[1]) >= (-after[0], after[1])]
    rows: list[Any] = []
    start, count = 0, 8
    # Whole levels at a time, more each round, until the page is full: each round's rows
    # come after all the rows of the rounds before it.
    while start < len(order) and len(rows) < selection.params["limit"]:
        chosen = {level: levels[level] for level in order[start : start + count]}
        rows += _level_rows(conn, selection, token, chosen, len(rows))
        start += count
        count = min(2 * count, GRADES_PER_STATEMENT)
    return rows


def popular_page(
    conn: sqlite3.Connection, selection: Selection, *, within_category: bool
) -> list[Any] | None:
    """Rows (popularity, id) of a popular page, scoring only the meetups near it.

    The heat index (within the category, if the search has one) is read from the top, or
    from the cursor's heat, down to the page's last meetup and the margin below it; the
    other conditions are checked on the way. ``None`` when fewer meetups with attendees than
    the page follow the cursor: the rest of the order is meetups without attendees, in the
    plain statement's order.
    """
    where = list(selection.where)
    params = dict(selection.params)
    limit, scored_at, after = params["limit"], params["scored_at"], selection.after
    below = ""
    if after is not None:
        if after[0] <= 0:
            return None
        where.append(f"(-({POPULARITY}), m.meetup_id) > (-:after0, :after1)")
        # The walk starts at the cursor's heat: those above are more popular than it.
        below = " AND m.heat <= :top"
        params.update(
            after0=after[0],
            after1=after[1],
            top=math.log2(after[0]) + scored_at / HALF_LIFE_US + HEAT_MARGIN,
        )
    conditions = " AND ".join(where)
    # The index is named: SQLite would rather read every meetup the words or the category
    # find and sort them, which is what this walk saves.
    by_heat, by_creation = (
        ("search_by_category_heat", "search_by_category_creation")
        if within_category
        else ("search_by_heat", "search_by_creation")
    )
    # Meetups created after the scoring instant are as popular as their attendance (their
    # age counts as 0), not as their heat says: they are left out of the walk and always
    # scored (they are few: those created between a search's first page and the next).
    # The fragments are this module's own constants; every value is a bound parameter.
    walk = conn.execute(
        f"SELECT m.heat, {POPULARITY}, m.meetup_id FROM search_meetups AS m"  # noqa: S608
        f" INDEXED BY {by_heat} WHERE m.heat IS NOT NULL{below}"
        f" AND m.created_us <= :scored_at AND {conditions} ORDER BY m.heat DESC",
        params,
    )
    near: list[Any] = []
    for row in walk:
        if len(near) >= limit and row[0] < near[limit - 1][0] - HEAT_MARGIN:
            break
        near.append(row)
    walk.close()
    if len(near) < limit:
        return None
    near += conn.execute(
        f"SELECT NULL, {POPULARITY}, m.meetup_id FROM search_meetups AS m"  # noqa: S608
        f" INDEXED BY {by_creation} WHERE m.created_us > :scored_at AND {conditions}",
        params,
    ).fetchall()
    # Sorted as SQLite would: popularity down, then ids (UTF-8's order is code points').
    page = sorted(((score, meetup_id) for _, score, meetup_id in near), key=_popular_order)
    page = page[:limit]
    return page if page[-1][0] >= LEAST_SURE_POPULARITY else None


def _popular_order(row: tuple[float, str]) -> tuple[float, str]:
    return -row[0], row[1]


def _postings(
    conn: sqlite3.Connection, seq: int, texts: tuple[str, ...], title_key: str
) -> tuple[list[tuple[str, int, int]], int]:
    """A meetup's postings (word, grade, seq), and its length in words."""
    weights: dict[str, int] = {}
    occurrences = tokenized(conn, texts)
    for token, column in occurrences:
        weights[token] = weights.get(token, 0) + COLUMN_WEIGHTS[column]
    length = len(occurrences)
    if max(length, *weights.values(), 0) > GRADE_MASK:
        raise ValueError("a meetup has more words than a posting's grade can count")
    postings = [
        (token, (token == title_key) << 2 * GRADE_BITS | weight << GRADE_BITS | length, seq)
        for token, weight in weights.items()
    ]
    return postings, length


def _bm25(weight: int, length: int, idf: float, avgdl: float) -> float:
    """A meetup's bm25 for one word as fts5_aux.c works it out, in its very operations and
    their order (negated: lower is better), so that pages and cursors agree with FTS5."""
    return -(
        idf
        * ((weight * (BM25_K1 + 1.0)) / (weight + BM25_K1 * (1 - BM25_B + BM25_B * length / avgdl)))
    )


def _level_rows(
    conn: sqlite3.Connection,
    selection: Selection,
    token: str,
    levels: dict[tuple[int, float], list[int]],
    found: int,
) -> list[Any]:
    """The rows of some consecutive levels (title match and bm25) of a word, in order, up
    to the page's ``limit`` less the ``found`` rows of the levels before."""
    values: list[str] = []
    bound = dict(selection.params, token=token, need=selection.params["limit"] - found)
    for (titled, score), grades in levels.items():
        for grade in grades:
            n = len(values)
            values.append(f"(:grade{n}, :titled{n}, :score{n})")
            bound.update({f"grade{n}": grade, f"titled{n}": titled, f"score{n}": score})
    conditions = list(selection.where)
    after = selection.after
    if after is not None:  # in the cursor's own level, the ids after its
        conditions.append(
            "((level.titled, level.score) <> (:after0, :after1) OR m.meetup_id > :after2)"
        )
        bound.update(after0=after[0], after1=after[1], after2=after[2])
    # The fragments are this module's own constants; every value is a bound parameter.
    return conn.execute(
        f"WITH level (grade, titled, score) AS (VALUES {', '.join(values)})"  # noqa: S608
        # CROSS JOIN keeps this order: a filter's index must not lead (SQLite would read the
        # whole category once for each grade).
        " SELECT level.titled, level.score, m.meetup_id FROM level"
        " CROSS JOIN search_postings AS p ON p.token = :token AND p.grade = level.grade"
        " CROSS JOIN search_meetups AS m ON m.seq = p.seq"
        f" WHERE {' AND '.join(conditions)}"
        " ORDER BY level.titled DESC, level.score, m.meetup_id LIMIT :need",
        bound,
    ).fetchall()
