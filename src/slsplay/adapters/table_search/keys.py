"""The keys of the table's search index, and the ranks that make each order a range read.

Every order (soonest, newest, closing, popular) is a listing partition whose sort keys rise
in that order, ties by id; instants are UTC to the microsecond, fixed width
(docs/search-index.md lists the items).
"""

from __future__ import annotations

import hashlib
import math
from datetime import UTC, datetime, timedelta

from slsplay.adapters.table_search.words import MAX_PREFIX, title_key
from slsplay.domain.search import POPULARITY_HALF_LIFE_DAYS
from slsplay.ports import Key, SearchSort

DOC = "DOC"
KEYS = "KEYS"
TERM_PREFIX = "SEARCHTERM#"
LIST_PREFIX = "SEARCHLIST#"
TITLE_PREFIX = "SEARCHTITLE#"
CURSOR_KEY = Key("SEARCH", "CURSOR_KEY")  # not a meetup's: ``SEARCH#`` ids have the ``#``
ALL = "*"
LISTED: tuple[SearchSort, ...] = ("soonest", "newest", "closing", "popular")

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
COMPLEMENT = str.maketrans("0123456789", "9876543210")
# popular: see ``popular_rank``. Scores stay within (-RANK_OFFSET, ~3,000) for meetups
# created between 1890 and 2150; 10**-10 apart is a tie, broken by id like any other.
RANK_OFFSET = 1_000.0
RANK_SCALE = 1e10
RANK_DIGITS = 16
LOWEST = "0"  # every listing key starts with a digit: these bound them all
HIGHEST = "~"
AFTER = "$"  # ``{instant}$`` sorts after every ``{instant}#{id}`` and before later instants


def _micros(moment: datetime) -> int:
    if moment.utcoffset() is None:
        raise ValueError("search instants must carry a time zone")
    return (moment - EPOCH) // MICROSECOND


def instant(moment: datetime) -> str:
    """A UTC instant to the microsecond, fixed width: ``2030-03-04T09:00:00.000000Z``."""
    _micros(moment)  # refuses a naive datetime
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def newest_rank(created_at: datetime | str) -> str:
    """A key whose ascending order is latest created first: each digit of the instant
    (a ``datetime``, or one in the index's form) turned into 9 minus it."""
    at = created_at if isinstance(created_at, str) else instant(created_at)
    return at.translate(COMPLEMENT)


def popular_rank(attending: int, created_at: datetime) -> str:
    """A fixed-width key whose ascending order is most popular first, whenever one asks.

    ``popularity = attending * 0.5 ** (age / 30)`` with ``age = now - created``: its log2
    is ``log2(attending) + created / 30 - now / 30`` (days), and the last term is the same
    for every meetup. So ``log2(attending) + created / 30`` orders meetups as popularity
    does at any ``now``, and changes only with attendance: the key is written once per
    change, never refreshed as time passes. Meetups nobody attends sort last.

    It departs from ``domain.search.popularity`` only for a meetup created after the
    search's ``now`` (whose age that function takes as 0): never, for a published meetup.
    """
    if attending <= 0:
        return "9" * RANK_DIGITS
    days = _micros(created_at) / 86_400e6
    score = math.log2(attending) + days / POPULARITY_HALF_LIFE_DAYS
    scaled = min(max(round((score + RANK_OFFSET) * RANK_SCALE), 1), 10**RANK_DIGITS - 1)
    return f"{10**RANK_DIGITS - 1 - scaled:0{RANK_DIGITS}d}"


def doc_key(meetup_id: str) -> Key:
    """What the index keeps of one meetup, and the listing items it wrote."""
    return Key(f"SEARCH#{meetup_id}", DOC)


def keys_key(meetup_id: str) -> Key:
    """The postings the index wrote for one meetup."""
    return Key(f"SEARCH#{meetup_id}", KEYS)


def listing_partition(sort: SearchSort, scope: str) -> str:
    """The meetups of a scope (``*``, or a category) in one order."""
    return f"{LIST_PREFIX}{sort}#{scope}"


def term_partition(word: str) -> str:
    """The postings of the meetups with a word starting with ``word``."""
    return f"{TERM_PREFIX}{word[:MAX_PREFIX]}"


def title_partition(text: str) -> str:
    """The meetups whose title has exactly the words of ``text``."""
    digest = hashlib.sha256(title_key(text).encode()).hexdigest()[:32]
    return f"{TITLE_PREFIX}{digest}"
