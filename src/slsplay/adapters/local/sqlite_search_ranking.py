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
  A word searched for is also the start of longer words ("wine" finds "wines"): a meetup
  with two of them counts both, so each posting's grade also tells the longest start its
  word shares with another word of the meetup. Those few meetups are read and added up
  apart; the others' postings are graded as they are.
- Popular. popularity = attending * 0.5 ** (age / half-life), so its log2 is log2(attending)
  + created / half-life - now / half-life. The first two terms, the heat, are kept and
  indexed: heats are in the order of popularity at any instant. A search walks the heat
  index to the page's last meetup, then scores the meetups from there up, with a margin for
  rounding, exactly as the plain statement would.

Each gives ``None`` for a search it does not answer this way; the plain statement does.
"""

from __future__ import annotations

import itertools
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

# A grade packs, from its highest bits: the most characters the posting's word shares at
# its start with another word of the meetup (up to SHARED_MOST), whether the word is the
# meetup's whole title, its weighted count and the meetup's length (GRADE_BITS bits each;
# the domain caps a description at 5,000 characters, far fewer words than 2**26).
GRADE_BITS = 26
GRADE_MASK = (1 << GRADE_BITS) - 1
TITLED_BIT = 2 * GRADE_BITS
SHARED_SHIFT = TITLED_BIT + 1
SHARED_MOST = 63
# A word that starts more indexed words than this, or postings shared by more meetups, is
# ranked by FTS5's bm25 (a letter or two: most of the index matches either way).
WORDS_MOST = 200
SHARED_POSTINGS_MOST = 20_000
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

# The indexed words a word is the start of (byte 0xFF follows every byte of UTF-8, so they
# sort from `low` to just before `low` || FF), one seek each, and one more than the most.
STARTED = (
    "WITH RECURSIVE found (token) AS ("
    " SELECT min(token) FROM search_postings WHERE token >= :low AND token < CAST(:high AS TEXT)"
    " UNION ALL SELECT (SELECT min(token) FROM search_postings"
    " WHERE token > found.token AND token < CAST(:high AS TEXT))"
    " FROM found WHERE found.token IS NOT NULL)"
    " SELECT token FROM found WHERE token IS NOT NULL LIMIT :most"
)
# The distinct grades of a word below a ceiling, one seek each.
GRADES = (
    "WITH RECURSIVE found (grade) AS ("
    " SELECT min(grade) FROM search_postings WHERE token = :token AND grade < :ceiling"
    " UNION ALL SELECT (SELECT min(grade) FROM search_postings"
    " WHERE token = :token AND grade > found.grade AND grade < :ceiling)"
    " FROM found WHERE found.grade IS NOT NULL)"
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
    title match is judged on Python's folding), and that starts at most WORDS_MOST indexed
    words sharing at most SHARED_POSTINGS_MOST postings.
    """
    word = selection.params["title_key"]
    started = _started(conn, word, text_words)
    if not started:
        return started
    levels = _levels(conn, word, started)
    if levels is None:
        return None
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
        rows += _level_rows(conn, selection, chosen, len(rows))
        start += count
        count = min(2 * count, GRADES_PER_STATEMENT)
    return rows


def _started(conn: sqlite3.Connection, word: str, text_words: list[str]) -> list[str] | None:
    """The indexed words a search's one word starts (itself first, if indexed), or ``None``
    if its postings do not rank it (see ``relevance_page``)."""
    if len(text_words) != 1:
        return None
    found = tokenized(conn, (text_words[0], "", "", ""))
    if len(found) != 1 or found[0][0] != word:
        return None
    started = [
        token
        for (token,) in conn.execute(
            STARTED, {"low": word, "high": word.encode() + b"\xff", "most": WORDS_MOST + 1}
        )
    ]
    if len(started) > WORDS_MOST or (len(started) > 1 and len(word) > SHARED_MOST):
        return None
    if started and not _titles_flagged(conn, word, started):
        return None
    return started


def _levels(
    conn: sqlite3.Connection, word: str, started: list[str]
) -> dict[tuple[int, float], list[tuple[str, int, int | None]]] | None:
    """The postings of the words ``word`` starts, by level (title match, bm25): by word and
    grade, and one by one for the meetups with several of the words (their weights added).
    ``None`` when those are more than SHARED_POSTINGS_MOST."""
    ceiling = len(word) << SHARED_SHIFT  # from here up, postings shared with another word
    having = 0
    shared: dict[int, list[tuple[str, int]]] = {}
    for token in started:
        (count,) = conn.execute(
            "SELECT count(*) FROM search_postings WHERE token = ?", (token,)
        ).fetchone()
        having += count
        for grade, seq in conn.execute(
            "SELECT grade, seq FROM search_postings WHERE token = ? AND grade >= ?",
            (token, ceiling),
        ):
            shared.setdefault(seq, []).append((token, grade))
        if sum(len(postings) for postings in shared.values()) > SHARED_POSTINGS_MOST:
            return None
    # bm25's statistics are FTS5's: the meetups with the word (one with several of the
    # words once), and the whole index's totals.
    having -= sum(len(postings) - 1 for postings in shared.values())
    meetups, length = conn.execute("SELECT meetups, tokens FROM search_totals").fetchone()
    idf = math.log((meetups - having + 0.5) / (having + 0.5))
    idf = idf if idf > 0.0 else BM25_MIN_IDF
    avgdl = float(length) / float(meetups)
    levels: dict[tuple[int, float], list[tuple[str, int, int | None]]] = {}
    for token in started:
        for (grade,) in conn.execute(GRADES, {"token": token, "ceiling": ceiling}):
            titled, weight, size = _graded(grade)
            level = (titled if token == word else 0, _bm25(weight, size, idf, avgdl))
            levels.setdefault(level, []).append((token, grade, None))
    for seq, postings in shared.items():
        titled, weight = 0, 0
        for token, grade in postings:
            flag, count, size = _graded(grade)
            titled |= flag if token == word else 0
            weight += count
        level = (titled, _bm25(weight, size, idf, avgdl))
        levels.setdefault(level, []).append((*postings[0], seq))
    return levels


def _titles_flagged(conn: sqlite3.Connection, word: str, started: list[str]) -> bool:
    """Whether every meetup whose title is ``word`` has a posting of ``word`` that says so.

    A posting flags a title that is its own word. A meetup titled ``word`` without such a
    posting has a title that FTS5 folds otherwise than Python: possible, and left to FTS5
    (when it can match at all: through another of the words ``word`` starts).
    """
    if started == [word]:
        return True
    (titles,) = conn.execute(
        "SELECT count(*) FROM search_meetups WHERE title_key = ?", (word,)
    ).fetchone()
    if not titles:
        return True
    (flagged,) = conn.execute(
        "SELECT count(*) FROM search_postings WHERE token = ? AND grade >> ? & 1",
        (word, TITLED_BIT),
    ).fetchone()
    return bool(flagged == titles)


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
    # The longest start a word shares with another is shared with a neighbour in order.
    ordered = sorted(weights)
    shared = dict.fromkeys(ordered, 0)
    for before, after in itertools.pairwise(ordered):
        common = min(_alike_at_start(before, after), SHARED_MOST)
        shared[before] = max(shared[before], common)
        shared[after] = common
    postings = [
        (
            token,
            shared[token] << SHARED_SHIFT
            | (token == title_key) << TITLED_BIT
            | weight << GRADE_BITS
            | length,
            seq,
        )
        for token, weight in weights.items()
    ]
    return postings, length


def _alike_at_start(one: str, other: str) -> int:
    """How many characters two words have alike at their start."""
    for n, (a, b) in enumerate(zip(one, other, strict=False)):
        if a != b:
            return n
    return min(len(one), len(other))


def _graded(grade: int) -> tuple[int, int, int]:
    """What a grade says of its posting: title flag, weighted count, meetup length."""
    return grade >> TITLED_BIT & 1, grade >> GRADE_BITS & GRADE_MASK, grade & GRADE_MASK


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
    levels: dict[tuple[int, float], list[tuple[str, int, int | None]]],
    found: int,
) -> list[Any]:
    """The rows of some consecutive levels (title match and bm25), in order, up to the
    page's ``limit`` less the ``found`` rows of the levels before. A level lists postings
    by word and grade, or one by one (with its meetup's seq) for a meetup of several words.
    """
    values: list[str] = []
    bound = dict(selection.params, need=selection.params["limit"] - found)
    for (titled, score), postings in levels.items():
        for token, grade, seq in postings:
            n = len(values)
            values.append(f"(:token{n}, :grade{n}, :seq{n}, :titled{n}, :score{n})")
            bound.update(
                {
                    f"token{n}": token,
                    f"grade{n}": grade,
                    f"seq{n}": seq,
                    f"titled{n}": titled,
                    f"score{n}": score,
                }
            )
    conditions = list(selection.where)
    after = selection.after
    if after is not None:  # in the cursor's own level, the ids after its
        conditions.append(
            "((level.titled, level.score) <> (:after0, :after1) OR m.meetup_id > :after2)"
        )
        bound.update(after0=after[0], after1=after[1], after2=after[2])
    # The fragments are this module's own constants; every value is a bound parameter.
    return conn.execute(
        "WITH level (token, grade, seq, titled, score)"  # noqa: S608
        f" AS (VALUES {', '.join(values)})"
        # CROSS JOIN keeps this order: a filter's index must not lead (SQLite would read the
        # whole category once for each grade).
        " SELECT level.titled, level.score, m.meetup_id FROM level"
        " CROSS JOIN search_postings AS p ON p.token = level.token AND p.grade = level.grade"
        " CROSS JOIN search_meetups AS m ON m.seq = p.seq"
        f" WHERE (level.seq IS NULL OR p.seq = level.seq) AND {' AND '.join(conditions)}"
        " ORDER BY level.titled DESC, level.score, m.meetup_id LIMIT :need",
        bound,
    ).fetchall()
