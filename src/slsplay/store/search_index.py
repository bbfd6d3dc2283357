"""Search of public meetups kept in the one table: the cloud's ``SearchIndex``, no cluster.

The discovery page and ``GET /api/meetups`` ask it for a page of public meetups that match a
person's words and filters, in the order they chose; the search function keeps it in step
with the change feed (``upsert`` and ``remove``). Locally the same promises are kept by
SQLite FTS5 (``adapters/local/sqlite_search.py``); ``tests/contract/test_search_index.py``
holds both to them.

Why on the table: OpenSearch Serverless bills its minimum capacity around the clock (some
hundreds of dollars a month for an index nobody searches at night). Here the index is
items of the one on-demand table: at idle it costs its storage and nothing else, and every
search is a few Query, GetItem and BatchGetItem requests; nothing ever reads the whole
table. Figures for the corpus of ``bench/search_table.py``:

- Storage: ~140 items per open meetup (130 postings of ~150 bytes, 8 listing items of
  ~190, a doc of ~0.9 KB and a keys item of ~3.3 KB; DynamoDB adds 100 bytes to each):
  ~40 KB a meetup, ~4 GB and about $1 a month at 100,000 meetups. Every item expires
  (``ttl``) a day after its meetup stops taking answers, so the index holds what a search
  can return, not every meetup there ever was.
- Writes: a new meetup writes its ~140 items in 2 transactions (a transaction bills two
  write units an item: ~290 units, about 0.02 cents). A change writes only what differs:
  a new attendance count 4 listing items and the doc (~10 units); an edited description
  the postings of the words that came or went.
- Reads: a search without words reads one listing partition from where its filters start:
  usually one Query of ``limit + 1`` items (one read unit), never more than
  ``listing_budget`` items. A search with words reads each word's postings (a Query per
  1,000 meetups that have the word, ~40 read units, at most ``postings_cap``), and checks
  the other words by key when few candidates are left; relevance adds a Query, "popular"
  a BatchGetItem of docs per 100 candidates (or a read of the popular listing when there
  are more than ``docs_max``).

Items (``pk`` / ``sk``; instants are UTC to the microsecond, fixed width):

- ``SEARCH#{id}`` / ``DOC``: what the index keeps of the meetup, a version, and the key and
  digest of every listing item it wrote; ``SEARCH#{id}`` / ``KEYS``: the digest of every
  posting it wrote, by partition. Together the record of what exists, so that an upsert
  writes only what changed and deletes only what is stale, and a remove deletes it all.
- ``SEARCHTERM#{prefix}`` / ``{id}``: a posting: the meetup has a word starting with
  ``prefix`` (each distinct word's prefixes of 2 to 12 characters). It carries what filters
  and orders read (start, creation, end of answers, category) and the meetup's BM25-like
  score for the prefix, so a search with words reads postings, not documents.
- ``SEARCHLIST#{sort}#{scope}`` / ``{rank}#{id}``: the meetup in one order (soonest, newest,
  closing, popular), among all meetups (scope ``*``) and within its category, ranked so
  that each order, ties by id, is an ascending range read; with the postings' attributes.
- ``SEARCHTITLE#{digest of the title's words}`` / ``{id}``: finds an exact title match.
- ``SEARCH`` / ``CURSOR_KEY``: the key cursors are signed with, made on first use.

Where this departs from the first design, and why:

- Postings carry the filter attributes and a precomputed score (the attendance count
  excepted, so that it never rewrites them). A common word has thousands of postings; had
  each meant a document to fetch (one BatchGetItem per 100, one read unit each), a search
  for it would cost thousands of read units and a second of requests.
- No separate "full word" posting for words past 12 characters: a 12-character posting
  lists the longer words it stands for, which is all a longer search word needs (it must
  match as a prefix too, which an exact-word posting could not do).
- Newest and popular are keyed in reverse (digits complemented) and read ascending rather
  than read descending, so that ties go by id ascending in every order, as the contract
  says.
- The doc is written first and last: an upsert that needs several transactions first
  marks the doc ``pending`` with every key that may come to exist, so that a crash between
  transactions leaves a record for the next upsert or remove to act on. A doc written only
  at the end would leave the postings of a stopped upsert recorded nowhere.
- A cursor holds the last listing key examined, read on from with a range condition,
  rather than the store's cursor and a count of items used of its page: a count would
  shift, and skip or repeat a meetup, when the listing changes between two pages.
- The doc does not keep the description (the postings hold its words): it stays under
  1 KB, one read unit when a "popular" search reads a page of docs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from slsplay.domain.search import (
    POPULARITY_HALF_LIFE_DAYS,
    opened_cursor,
    sealed_cursor,
    words,
)
from slsplay.ports import (
    MAX_BATCH_GET,
    MAX_QUERY_LIMIT,
    MAX_SEARCH_PAGE,
    MAX_TRANSACTION_OPS,
    PK,
    SK,
    Condition,
    ConditionFailed,
    Delete,
    Equals,
    IndexedMeetup,
    InvalidCursor,
    Item,
    ItemStore,
    Key,
    NotExists,
    Put,
    SearchPage,
    SearchQuery,
    SearchSort,
    TransactionOp,
)

# -- words ------------------------------------------------------------------------------------

MIN_TOKEN = 2  # one-letter words would make partitions holding nearly every meetup
MAX_TOKEN = 40  # longer words are cut: keys stay short, and nobody types 40 letters of one
MAX_PREFIX = 12  # postings per word stop here; longer words are told apart in the posting
# Distinct words indexed per field, in order of appearance: bounds a meetup's postings.
FIELD_TOKEN_CAPS = {"title": 30, "description": 150, "category": 5, "organizer_name": 10}
MAX_QUERY_WORDS = 8


def tokens(text: str) -> list[str]:
    """The words the index keeps of a text: 2 characters or more, cut to ``MAX_TOKEN``."""
    return [word[:MAX_TOKEN] for word in words(text) if len(word) >= MIN_TOKEN]


def prefixes(token: str) -> list[str]:
    """The prefixes a token is found by: 2 to ``MAX_PREFIX`` characters."""
    return [token[:n] for n in range(MIN_TOKEN, min(len(token), MAX_PREFIX) + 1)]


def query_words(text: str) -> list[str]:
    """The words a search looks up, longest (likely rarest) first.

    A word that starts another one is dropped: any meetup with a word starting with
    "wines" has one starting with "wine". Past ``MAX_QUERY_WORDS`` the shortest go, so that
    a search reads a bounded number of partitions (the local index would match them all).
    """
    found = list(dict.fromkeys(tokens(text)))
    kept = [w for w in found if not any(o != w and o.startswith(w) for o in found)]
    kept.sort(key=lambda w: (-len(w), w))
    return kept[:MAX_QUERY_WORDS]


def title_key(text: str) -> str:
    """A title's words, or a search's, as compared for an exact title match."""
    return " ".join(words(text))


# -- scoring ----------------------------------------------------------------------------------

# BM25 per field, summed with these weights (those of the local index's bm25): a word in
# the title counts ten times one in the description. Field lengths are normalised against
# fixed typical lengths rather than the corpus's averages, so that a posting's score is
# known when it is written and no search needs statistics of the whole index.
FIELD_WEIGHTS = {"title": 10.0, "description": 1.0, "category": 3.0, "organizer_name": 2.0}
TYPICAL_LENGTHS = {"title": 6.0, "description": 60.0, "category": 1.0, "organizer_name": 2.0}
K1 = 1.2
# How much a field's length dampens its words. Not at all for the description: there a
# word's score depends on its own count only, so an edit rewrites the postings of the
# words it changes, not of every word (a length-normalised score moves with any edit).
LENGTH_NORMALISATION = {"title": 0.75, "description": 0.0, "category": 0.75, "organizer_name": 0.75}
SCORE_SCALE = 1_000  # scores are stored as integers: DynamoDB numbers must be exact
# idf = ln(1 + NOMINAL_MEETUPS / postings): a word few meetups have weighs more. Nominal,
# not counted: a count of all meetups would be one more item to write on every change.
NOMINAL_MEETUPS = 100_000


def _field_score(name: str, frequency: int, length: int) -> float:
    b = LENGTH_NORMALISATION[name]
    norm = 1 - b + b * length / TYPICAL_LENGTHS[name]
    return FIELD_WEIGHTS[name] * frequency * (K1 + 1) / (frequency + K1 * norm)


def _idf(postings: int) -> float:
    return math.log(1 + NOMINAL_MEETUPS / max(1, postings))


# -- keys and orders ----------------------------------------------------------------------------

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


def _term_partition(word: str) -> str:
    return f"{TERM_PREFIX}{word[:MAX_PREFIX]}"


def _title_partition(text: str) -> str:
    digest = hashlib.sha256(title_key(text).encode()).hexdigest()[:32]
    return f"{TITLE_PREFIX}{digest}"


def _digest(item: Item) -> str:
    """A short fingerprint of an item's content, to tell whether it must be written again."""
    encoded = json.dumps(item, sort_keys=True, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(hashlib.blake2b(encoded, digest_size=6).digest()).decode()


# -- what one meetup is made of in the index ----------------------------------------------------

# Items live a day past the end of answers (a search never returns them after it), so that
# the index does not keep every meetup that ever was; the record lives a while longer, so
# an upsert soon after still knows what it wrote.
TTL_MARGIN = timedelta(days=1)
RECORD_TTL_MARGIN = timedelta(days=30)


@dataclass(frozen=True)
class Entries:
    """The items one meetup is indexed as: postings by partition, listings by key."""

    postings: dict[str, Item]
    listings: dict[tuple[str, str], Item]
    doc: Item  # the doc's fields, without its bookkeeping (version, record)


def entries(meetup: IndexedMeetup) -> Entries:
    """Every item the index holds for ``meetup`` (a pure function of it)."""
    meetup_id = meetup.meetup_id
    shared = {
        "st": instant(meetup.starts_at),
        "cr": instant(meetup.created_at),
        "cl": instant(meetup.closes_at),
        "c": meetup.category,
        "ttl": int((meetup.closes_at + TTL_MARGIN).timestamp()),
    }
    postings: dict[str, Item] = {}
    for prefix, (score, longer) in _prefix_scores(meetup).items():
        posting: Item = {
            PK: f"{TERM_PREFIX}{prefix}",
            SK: meetup_id,
            "type": "search_term",
            "s": round(score * SCORE_SCALE),
            **shared,
        }
        if longer:
            # Only a 12-character prefix gets these: the words it stands for, so that a
            # longer search word is checked in the posting, without the document.
            posting["t"] = sorted(longer)
        postings[posting[PK]] = posting
    title = _title_partition(meetup.title)
    postings[title] = {PK: title, SK: meetup_id, "type": "search_title", "ttl": shared["ttl"]}

    ranks = {
        "soonest": shared["st"],
        "newest": newest_rank(meetup.created_at),
        "closing": shared["cl"],
        "popular": popular_rank(meetup.attending, meetup.created_at),
    }
    listings: dict[tuple[str, str], Item] = {}
    for sort in LISTED:
        for scope in (ALL, meetup.category):
            key = (listing_partition(sort, scope), f"{ranks[sort]}#{meetup_id}")
            listings[key] = {
                PK: key[0],
                SK: key[1],
                "type": "search_listing",
                "id": meetup_id,
                **shared,
            }
    doc: Item = {
        "meetup_id": meetup_id,
        "title": meetup.title,
        # The description is not kept: its words are in the postings, and without it a
        # doc stays under 1 KB, one read unit when a "popular" search reads a page of them.
        "category": meetup.category,
        "organizer_name": meetup.organizer_name,
        "starts_at": shared["st"],
        "created_at": shared["cr"],
        "closes_at": shared["cl"],
        "attending": meetup.attending,
        "popular_rank": ranks["popular"],
        "ttl": int((meetup.closes_at + RECORD_TTL_MARGIN).timestamp()),
    }
    return Entries(postings, listings, doc)


def _prefix_scores(meetup: IndexedMeetup) -> dict[str, tuple[float, set[str]]]:
    """Each prefix the meetup is found by, its score, and (at 12 characters) its words."""
    frequencies: dict[str, Counter[str]] = defaultdict(Counter)
    lengths: dict[str, int] = {}
    longer: dict[str, set[str]] = defaultdict(set)
    for name, cap in FIELD_TOKEN_CAPS.items():
        found = tokens(getattr(meetup, name))
        lengths[name] = len(found)
        counts = Counter(found)
        for token in list(counts)[:cap]:  # a Counter keeps the order of first appearance
            for prefix in prefixes(token):
                frequencies[prefix][name] += counts[token]
            if len(token) > MAX_PREFIX:
                longer[token[:MAX_PREFIX]].add(token)
    return {
        prefix: (
            sum(_field_score(name, n, lengths[name]) for name, n in by_field.items()),
            longer.get(prefix, set()),
        )
        for prefix, by_field in frequencies.items()
    }


@dataclass
class Record:
    """What the doc and keys items say was written, with each item's digest.

    A digest of ``""`` is unknown: the item may exist with any content (or not at all).
    """

    version: int | None = None  # None: there is no doc
    pending: bool = False
    postings: dict[str, str] = field(default_factory=dict)  # partition -> digest
    listings: dict[tuple[str, str], str] = field(default_factory=dict)  # key -> digest
    doc: Item | None = None
    keys: Item | None = None

    @classmethod
    def read(cls, doc: Item | None, keys: Item | None) -> Record:
        """The record kept in a doc and a keys item (either may be missing)."""
        record = cls(doc=doc, keys=keys)
        if doc is not None:
            record.version = doc["version"]
            record.pending = doc["pending"]
            record.listings = {(pk, sk): digest for pk, sk, digest in doc["listings"]}
        if keys is not None:
            record.postings = dict(keys["postings"])
        if record.pending:  # a writer stopped, or is still writing: nothing is known
            record.postings = dict.fromkeys(record.postings, "")
            record.listings = dict.fromkeys(record.listings, "")
        return record

    def union(self, new: Entries) -> Record:
        """Everything that may exist while ``new`` replaces this: every digest unknown."""
        return Record(
            postings=dict.fromkeys([*self.postings, *new.postings], ""),
            listings=dict.fromkeys([*self.listings, *new.listings], ""),
        )

    @classmethod
    def of(cls, new: Entries) -> Record:
        """The record of exactly ``new``."""
        return cls(
            postings={pk: _digest(item) for pk, item in new.postings.items()},
            listings={key: _digest(item) for key, item in new.listings.items()},
        )


# -- pages and cursors ------------------------------------------------------------------------

CURSOR_VERSION = 1


@dataclass(frozen=True)
class Filters:
    """A search's filters as instants in the index's form, every bound inclusive."""

    now: str
    category: str | None
    starts: tuple[str | None, str | None]
    created: tuple[str | None, str | None]
    closes_before: str | None

    @classmethod
    def of(cls, query: SearchQuery) -> Filters:
        """The filters of ``query``."""

        def at(moment: datetime | None) -> str | None:
            return None if moment is None else instant(moment)

        return cls(
            now=instant(query.now),
            category=query.category,
            starts=(at(query.starts_after), at(query.starts_before)),
            created=(at(query.created_after), at(query.created_before)),
            closes_before=at(query.closes_before),
        )

    def passes(self, item: Item) -> bool:
        """Whether a posting or listing item's meetup is open and within every filter."""
        closes = item["cl"]
        if closes < self.now or (self.closes_before is not None and closes > self.closes_before):
            return False
        if self.category is not None and item["c"] != self.category:
            return False
        return _within(item["st"], self.starts) and _within(item["cr"], self.created)


def _within(value: str, bounds: tuple[str | None, str | None]) -> bool:
    low, high = bounds
    return (low is None or value >= low) and (high is None or value <= high)


@dataclass
class Postings:
    """A word's postings read so far, and where to read on (``None``: all are read)."""

    word: str
    items: list[Item]
    cursor: str | None
    read: int


@dataclass
class Hit:
    """A meetup that has every word so far: one of its postings, and its score."""

    posting: Item
    score: float


class TableSearchIndex:
    """The ``SearchIndex`` on the ``ItemStore`` port: DynamoDB in the cloud, any store in tests.

    Safe to share between threads. Cursors are signed with ``cursor_key`` when given (a
    stage secret), else with a key kept in the table. ``listing_budget`` bounds the listing
    items one search examines, in pages of up to ``listing_page``; ``postings_cap`` the
    postings it reads of one word, in pages of ``postings_page``.

    Reads by key (BatchGetItem) bill each item as 4 KB, a Query the bytes it reads: ~27
    postings a read unit. So up to ``lookup_max`` candidates are checked for another word
    by key rather than by reading on through its postings, and up to ``docs_max``
    candidates of a "popular" search are ranked from their docs rather than found in the
    popular listing (which, for few candidates among many meetups, would run out of its
    budget before it met a page of them).
    """

    def __init__(
        self,
        store: ItemStore,
        *,
        listing_budget: int = 2_000,
        listing_page: int = 200,
        postings_cap: int = 5_000,
        postings_page: int = MAX_QUERY_LIMIT,
        lookup_max: int = 100,
        docs_max: int = 500,
        write_attempts: int = 5,
        cursor_key: bytes | None = None,
    ) -> None:
        self.store = store
        self.listing_budget = listing_budget
        self.listing_page = listing_page
        self.postings_cap = postings_cap
        self.postings_page = postings_page
        self.lookup_max = lookup_max
        self.docs_max = docs_max
        self.write_attempts = write_attempts
        self._cursor_secret = cursor_key

    # -- writes -------------------------------------------------------------------------------

    def upsert(self, meetup: IndexedMeetup) -> None:
        """Add the meetup, or replace what the index keeps of it (writing only what differs)."""
        new = entries(meetup)
        for attempt in range(self.write_attempts):
            try:
                self._replace(meetup.meetup_id, new)
                return
            except ConditionFailed:  # another writer moved the doc on: diff against theirs
                if attempt == self.write_attempts - 1:
                    raise

    def remove(self, meetup_id: str) -> None:
        """Leave the meetup out of every search from now on (nothing if it is not there)."""
        for attempt in range(self.write_attempts):
            try:
                self._delete(meetup_id)
                return
            except ConditionFailed:
                if attempt == self.write_attempts - 1:
                    raise

    def _read_record(self, meetup_id: str) -> Record:
        # One Query of the meetup's partition reads both (a BatchGetItem would too, but
        # bills each item rounded up to 4 KB on its own).
        page = self.store.query(doc_key(meetup_id).pk, limit=2)
        by_sk = {item[SK]: item for item in page.items}
        return Record.read(by_sk.get(DOC), by_sk.get(KEYS))

    def _replace(self, meetup_id: str, new: Entries) -> None:
        """One attempt at an upsert; ``ConditionFailed`` if another writer got in between.

        Write-ahead, so that a crash anywhere leaves a record of everything that may exist:
        when the changes fit one transaction, they go in it with the doc (all or nothing).
        Otherwise the first transaction also writes the doc as ``pending`` with the union of
        the old and new keys, the middle ones write the rest, and the last writes the final
        doc and keys. The doc is thus written first and last; postings never exist without
        a doc that records them, and the next upsert after a crash rewrites all it lists.
        The doc's version is the condition of its every write: two writers never both win.
        """
        old = self._read_record(meetup_id)
        target = Record.of(new)
        changes: list[TransactionOp] = [
            Put(item)
            for pk, item in new.postings.items()
            if old.postings.get(pk) != target.postings[pk]
        ]
        changes += [
            Put(item)
            for key, item in new.listings.items()
            if old.listings.get(key) != target.listings[key]
        ]
        # Puts before deletes: while an upsert spans transactions, a meetup is found by the
        # words it keeps all along (one it loses may find it a moment longer).
        changes += [Delete(Key(pk, meetup_id)) for pk in old.postings if pk not in new.postings]
        changes += [Delete(Key(*key)) for key in old.listings if key not in new.listings]
        if old.pending:
            # Another writer may still be at work on the keys the pending doc lists: keep
            # them recorded, and their digests unknown, so the next upsert sets them right.
            target = old.union(new)
        version = 0 if old.version is None else old.version
        condition: Condition = NotExists() if old.version is None else Equals("version", version)
        doc = self._doc_item(meetup_id, new, target, version + 1, pending=False)
        keys = self._keys_item(meetup_id, new, target)
        if not changes and old.doc is not None and _same(old.doc, doc) and old.keys == keys:
            return
        if len(changes) + 2 <= MAX_TRANSACTION_OPS:
            last: list[TransactionOp] = [Put(doc, condition)]
            if old.keys != keys:  # an attendance change leaves the postings' record alone
                last.append(Put(keys))
            self.store.transact([*changes, *last])
            return
        room = MAX_TRANSACTION_OPS - 2
        intent = old.union(new)
        pending_doc = self._doc_item(meetup_id, new, intent, version + 1, pending=True)
        self.store.transact(
            [
                *changes[:room],
                Put(pending_doc, condition),
                Put(self._keys_item(meetup_id, new, intent)),
            ]
        )
        rest = changes[room:]
        final = rest[-room:]
        for start in range(0, len(rest) - len(final), MAX_TRANSACTION_OPS):
            self.store.transact(rest[start : start + MAX_TRANSACTION_OPS])
        doc = self._doc_item(meetup_id, new, target, version + 2, pending=False)
        self.store.transact([*final, Put(doc, Equals("version", version + 1)), Put(keys)])

    @staticmethod
    def _doc_item(
        meetup_id: str, new: Entries, record: Record, version: int, *, pending: bool
    ) -> Item:
        listings = [[pk, sk, digest] for (pk, sk), digest in sorted(record.listings.items())]
        key = doc_key(meetup_id)
        return {
            PK: key.pk,
            SK: key.sk,
            "type": "search_doc",
            **new.doc,
            "version": version,
            "pending": pending,
            "listings": listings,
        }

    @staticmethod
    def _keys_item(meetup_id: str, new: Entries, record: Record) -> Item:
        key = keys_key(meetup_id)
        return {
            PK: key.pk,
            SK: key.sk,
            "type": "search_keys",
            "postings": dict(sorted(record.postings.items())),
            "ttl": new.doc["ttl"],
        }

    def _delete(self, meetup_id: str) -> None:
        """One attempt at a remove: every recorded item, then the keys and the doc, last.

        A crash in between leaves the doc recording what may be left, for the next remove
        or upsert to finish.
        """
        old = self._read_record(meetup_id)
        if old.doc is None and old.keys is None:
            return
        deletes: list[TransactionOp] = [Delete(Key(pk, meetup_id)) for pk in old.postings]
        deletes += [Delete(Key(*key)) for key in old.listings]
        condition: Condition = (
            NotExists() if old.version is None else Equals("version", old.version)
        )
        last: list[TransactionOp] = [
            Delete(keys_key(meetup_id)),
            Delete(doc_key(meetup_id), condition),
        ]
        room = MAX_TRANSACTION_OPS - len(last)
        final = deletes[len(deletes) - min(room, len(deletes)) :]
        for start in range(0, len(deletes) - len(final), MAX_TRANSACTION_OPS):
            self.store.transact(deletes[start : start + MAX_TRANSACTION_OPS])
        self.store.transact([*final, *last])

    # -- searches -----------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchPage:
        """The meetups that match, in the query's order, a page at a time."""
        if not 1 <= query.limit <= MAX_SEARCH_PAGE:
            raise ValueError(f"limit must be from 1 to {MAX_SEARCH_PAGE}")
        looked_up = query_words(query.text or "")
        sort: SearchSort = "soonest" if query.sort == "relevance" and not looked_up else query.sort
        filters = Filters.of(query)
        fingerprint = _fingerprint(query, looked_up, filters)
        after = None if query.cursor is None else self._decode(query.cursor, fingerprint)
        if not looked_up:
            ids, position = self._browse(sort, filters, query.limit, _sk_after(after))
        elif sort == "relevance":
            ids, position = self._find_relevant(query, looked_up, filters, after)
        else:
            ids, position = self._find_in_order(looked_up, sort, filters, query.limit, after)
        cursor = None if position is None else self._encode(position, fingerprint)
        return SearchPage(ids, cursor)

    def _browse(
        self, sort: SearchSort, filters: Filters, limit: int, after: str | None
    ) -> tuple[list[str], dict[str, Any] | None]:
        """A page of the listing of ``sort``, read from where the filters let it start."""
        low, high = _bounds(sort, filters)
        scope = filters.category or ALL
        items, position = self._walk(
            listing_partition(sort, scope),
            low=low,
            high=high,
            after=after,
            accept=filters.passes,
            limit=limit,
        )
        return [item["id"] for item in items], position

    def _walk(
        self,
        partition: str,
        *,
        low: str | None,
        high: str | None,
        after: str | None,
        accept: Callable[[Item], bool],
        limit: int,
    ) -> tuple[list[Item], dict[str, Any] | None]:
        """Up to ``limit`` accepted items of a listing in order, after the key ``after``.

        Reads pages through the store's own cursor until it has ``limit`` items and knows
        whether another follows, or until ``listing_budget`` items are examined; then the
        position is the last key examined, so that the next page goes on from there (a page
        cut short by the budget may hold fewer items, or none, and still say more follows).
        """
        if after is not None:
            low = after if low is None or after > low else low  # read on from the cursor
        bounds = None
        if low is not None or high is not None:
            bounds = (low or LOWEST, high or HIGHEST)
            if bounds[0] > bounds[1]:
                return [], None
        found: list[Item] = []
        examined = 0
        last_seen = after
        cursor: str | None = None
        # Enough for a page that every item passes (and the cursor's own item): one read.
        size = min(limit + 1 + (after is not None), self.listing_page)
        while True:
            page = self.store.query(partition, sk_between=bounds, limit=size, cursor=cursor)
            for item in page.items:
                if item[SK] == after:  # the bound is inclusive: the cursor's own item
                    continue
                if accept(item):
                    if len(found) == limit:
                        return found, {"sk": found[-1][SK]}
                    found.append(item)
                last_seen = item[SK]
            examined += len(page.items)
            if page.next_cursor is None:
                return found, None
            if examined >= self.listing_budget:
                return found, {"sk": last_seen}
            cursor = page.next_cursor
            # As many as the items that passed so far say are needed, with some to spare.
            needed = limit + 1 - len(found)
            expected = math.ceil(1.5 * needed * examined / len(found)) if found else size * 4
            size = max(needed, min(expected, self.listing_page, MAX_QUERY_LIMIT))

    def _find_in_order(
        self,
        looked_up: list[str],
        sort: SearchSort,
        filters: Filters,
        limit: int,
        after: dict[str, Any] | None,
    ) -> tuple[list[str], dict[str, Any] | None]:
        """A page of the meetups with every word, in the order of a listing.

        The order's key is the listing's, made from the postings' attributes (popular's from
        the docs), so cursors mean the same as without words.
        """
        hits = {i: h for i, h in self._candidates(looked_up).items() if filters.passes(h.posting)}
        start = _sk_after(after)
        if sort == "popular":
            if len(hits) > self.docs_max:
                # Many candidates: the popular listing meets a page of them early, for far
                # fewer reads than their docs (a read unit a doc, ~20 listing items a unit).
                def wanted(item: Item) -> bool:
                    return item["id"] in hits

                low, high = _bounds(sort, filters)
                partition = listing_partition(sort, filters.category or ALL)
                items, position = self._walk(
                    partition, low=low, high=high, after=start, accept=wanted, limit=limit
                )
                return [item["id"] for item in items], position
            ranked = self._popular_keys(list(hits))
        else:
            ranked = [_listing_key(sort, h.posting, i) for i, h in hits.items()]
        ranked.sort()
        if start is not None:
            ranked = [key for key in ranked if key > start]
        page = ranked[:limit]
        ids = [key.split("#", 1)[1] for key in page]  # ranks hold no "#"; ids might
        return ids, ({"sk": page[-1]} if len(ranked) > limit else None)

    def _find_relevant(
        self,
        query: SearchQuery,
        looked_up: list[str],
        filters: Filters,
        after: dict[str, Any] | None,
    ) -> tuple[list[str], dict[str, Any] | None]:
        """A page of the meetups with every word, best match first, ties by id.

        An exact title match ranks first, whatever the scores: a person who types a
        meetup's whole title wants that meetup.
        """
        hits = {i: h for i, h in self._candidates(looked_up).items() if filters.passes(h.posting)}
        exact: set[str] = set()
        if hits:
            page = self.store.query(_title_partition(query.text or ""), limit=MAX_QUERY_LIMIT)
            exact = {item[SK] for item in page.items}
        ranked = sorted((0 if i in exact else 1, -h.score, i) for i, h in hits.items())
        if after is not None:
            last = after.get("r")
            if not isinstance(last, list) or len(last) != 3:
                raise InvalidCursor("the cursor is not one this search handed out")
            start = (int(last[0]), float(last[1]), str(last[2]))
            ranked = [key for key in ranked if key > start]
        chosen = ranked[: query.limit]
        more = len(ranked) > query.limit
        return [key[2] for key in chosen], ({"r": list(chosen[-1])} if more else None)

    def _candidates(self, looked_up: list[str]) -> dict[str, Hit]:
        """The meetups that have a word starting with each of ``looked_up``, with scores.

        Each word's first page of postings is read (longest word first, and none after a
        word nobody has); the smallest set is read whole and the others intersect it: from
        a page already read, by key when few candidates are left (a BatchGetItem per 100),
        or by reading on. A word with more than ``postings_cap`` postings is read only that
        far (in id order), so a search whose every word is that common sees a sample.
        """
        read: list[Postings] = []
        for word in looked_up:
            page = self.store.query(_term_partition(word), limit=self.postings_page)
            postings = Postings(word, _having(page.items, word), page.next_cursor, len(page.items))
            if not postings.items and postings.cursor is None:
                return {}
            read.append(postings)
        read.sort(key=lambda p: (p.cursor is not None, len(p.items)))
        base, others = read[0], read[1:]
        self._read_on(base)
        weight = _idf(base.read)
        hits = {item[SK]: Hit(item, weight * item["s"]) for item in base.items}
        for postings in others:
            if postings.cursor is not None and len(hits) <= self.lookup_max:
                matched = self._look_up(postings.word, list(hits))
            else:
                self._read_on(postings)
                matched = {item[SK]: item for item in postings.items}
            weight = _idf(postings.read)
            hits = {
                i: Hit(hit.posting, hit.score + weight * matched[i]["s"])
                for i, hit in hits.items()
                if i in matched
            }
            if not hits:
                return {}
        for hit in hits.values():
            hit.score /= SCORE_SCALE
        return hits

    def _read_on(self, postings: Postings) -> None:
        while postings.cursor is not None and postings.read < self.postings_cap:
            page = self.store.query(
                _term_partition(postings.word),
                limit=min(self.postings_page, self.postings_cap - postings.read),
                cursor=postings.cursor,
            )
            postings.items += _having(page.items, postings.word)
            postings.read += len(page.items)
            postings.cursor = page.next_cursor

    def _look_up(self, word: str, meetup_ids: list[str]) -> dict[str, Item]:
        partition = _term_partition(word)
        found: dict[str, Item] = {}
        for batch in _chunks(meetup_ids, MAX_BATCH_GET):
            items = self.store.get_many([Key(partition, i) for i in batch]).values()
            found.update((item[SK], item) for item in _having(list(items), word))
        return found

    def _popular_keys(self, meetup_ids: list[str]) -> list[str]:
        """The popular listing's keys of some meetups, from their docs."""
        ranked = []
        for batch in _chunks(meetup_ids, MAX_BATCH_GET):
            for doc in self.store.get_many([doc_key(i) for i in batch]).values():
                ranked.append(f"{doc['popular_rank']}#{doc['meetup_id']}")
        return ranked

    # -- cursors --------------------------------------------------------------------------------

    def _secret(self) -> bytes:
        """The key cursors are signed with: the one given, or one per table, made by the first
        search that needs it (its only write, ever).

        Signed so that a cursor the index did not hand out, or handed out for another search,
        is refused rather than silently starting somewhere else (as the local index does).
        """
        if self._cursor_secret is None:
            item = self.store.get(CURSOR_KEY)
            if item is None:
                made = {PK: CURSOR_KEY.pk, SK: CURSOR_KEY.sk, "type": "search_cursor_key"}
                made["secret"] = secrets.token_hex(32)
                try:
                    self.store.put_new(made)
                    item = made
                except ConditionFailed:  # another process made it first: use theirs
                    item = self.store.get(CURSOR_KEY)
                    assert item is not None
            self._cursor_secret = bytes.fromhex(item["secret"])
        return self._cursor_secret

    def _encode(self, position: dict[str, Any], fingerprint: bytes) -> str:
        payload = json.dumps(position, separators=(",", ":")).encode()
        return sealed_cursor(payload, lambda data: self._sign(data, fingerprint))

    def _decode(self, cursor: str, fingerprint: bytes) -> dict[str, Any]:
        """The position in a cursor this index signed for this very search."""
        try:
            payload = opened_cursor(cursor, lambda data: self._sign(data, fingerprint))
        except ValueError as e:
            raise InvalidCursor("the cursor is not one this search handed out") from e
        position = json.loads(payload)
        if not isinstance(position, dict) or not (
            {"sk"} == set(position) or {"r"} == set(position)
        ):
            raise InvalidCursor("the cursor is not one this search handed out")
        return position

    def _sign(self, payload: bytes, fingerprint: bytes) -> bytes:
        return hmac.new(self._secret(), fingerprint + b"\n" + payload, hashlib.sha256).digest()[:16]


def _having(items: Iterable[Item], word: str) -> list[Item]:
    """The postings of ``word``'s partition whose meetup has a word starting with it.

    Up to 12 characters the partition is exact; a longer word is told apart by the words
    its 12-character posting lists.
    """
    if len(word) <= MAX_PREFIX:
        return list(items)
    return [item for item in items if any(t.startswith(word) for t in item.get("t", ()))]


def _listing_key(sort: SearchSort, posting: Item, meetup_id: str) -> str:
    """A meetup's key in the listing of ``sort`` (not popular), from a posting of it."""
    if sort == "newest":
        rank = newest_rank(posting["cr"])
    elif sort == "closing":
        rank = posting["cl"]
    else:
        rank = posting["st"]
    return f"{rank}#{meetup_id}"


def _bounds(sort: SearchSort, filters: Filters) -> tuple[str | None, str | None]:
    """The range of a listing's keys that its filter on the order's own attribute allows."""
    if sort == "soonest":
        low, high = filters.starts
    elif sort == "closing":
        low, high = filters.now, filters.closes_before  # answers still open, in every search
    elif sort == "newest":  # the newest listing's keys fall as the creation instant rises
        earliest, latest = filters.created
        low = None if latest is None else newest_rank(latest)
        high = None if earliest is None else newest_rank(earliest)
        return low, (None if high is None else high + AFTER)
    else:
        return None, None
    return low, (None if high is None else high + AFTER)


def _sk_after(position: dict[str, Any] | None) -> str | None:
    if position is None:
        return None
    if "sk" not in position or not isinstance(position["sk"], str):
        raise InvalidCursor("the cursor is not one this search handed out")
    return position["sk"]


def _same(old: Item, new: Item) -> bool:
    """Whether two docs differ in nothing but their version."""
    return {k: v for k, v in old.items() if k != "version"} == {
        k: v for k, v in new.items() if k != "version"
    }


def _fingerprint(query: SearchQuery, looked_up: list[str], filters: Filters) -> bytes:
    """What makes two searches the same one, for a cursor; ``now`` and the page are not it."""
    return json.dumps(
        [
            CURSOR_VERSION,
            sorted(looked_up),
            filters.category,
            filters.starts,
            filters.created,
            filters.closes_before,
            query.sort,
        ]
    ).encode()


def _chunks(values: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    return (values[start : start + size] for start in range(0, len(values), size))
