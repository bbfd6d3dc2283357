"""Search of public meetups kept in the one table: the cloud's ``SearchIndex``, no cluster.

The discovery page and ``GET /api/meetups`` ask it for a page of public meetups that match a
person's words and filters, in the order they chose; the search function keeps it in step
with the change feed (``upsert`` and ``remove``). Why it lives on the table, what it costs,
its items and its design: docs/search-index.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from slsplay.adapters.table_search.entries import Entries, Record, entries
from slsplay.adapters.table_search.keys import (
    ALL,
    CURSOR_KEY,
    DOC,
    HIGHEST,
    KEYS,
    LOWEST,
    doc_key,
    keys_key,
    listing_partition,
    term_partition,
    title_partition,
)
from slsplay.adapters.table_search.queries import (
    Filters,
    cursor_fingerprint,
    listing_bounds,
    listing_key,
    sk_after,
)
from slsplay.adapters.table_search.words import MAX_PREFIX, SCORE_SCALE, idf, query_words
from slsplay.domain.search import opened_cursor, sealed_cursor
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

    def upsert(self, meetup: IndexedMeetup, *, rewrite: bool = False) -> None:
        """Add the meetup, or replace what the index keeps of it (writing only what differs
        from its record, or everything with ``rewrite``)."""
        new = entries(meetup)
        for attempt in range(self.write_attempts):
            try:
                self._replace(meetup.meetup_id, new, rewrite=rewrite)
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

    def _replace(self, meetup_id: str, new: Entries, *, rewrite: bool) -> None:
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
        if rewrite:  # the items may not be what the record says: take none as written
            old.postings = dict.fromkeys(old.postings, "")
            old.listings = dict.fromkeys(old.listings, "")
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
        if (
            not changes
            and old.doc is not None
            and _same_but_version(old.doc, doc)
            and old.keys == keys
        ):
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
        fingerprint = cursor_fingerprint(query, looked_up, filters)
        after = None if query.cursor is None else self._decode(query.cursor, fingerprint)
        if not looked_up:
            ids, position = self._browse(sort, filters, query.limit, sk_after(after))
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
        low, high = listing_bounds(sort, filters)
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
        start = sk_after(after)
        if sort == "popular":
            if len(hits) > self.docs_max:
                # Many candidates: the popular listing meets a page of them early, for far
                # fewer reads than their docs (a read unit a doc, ~20 listing items a unit).
                def wanted(item: Item) -> bool:
                    return item["id"] in hits

                low, high = listing_bounds(sort, filters)
                partition = listing_partition(sort, filters.category or ALL)
                items, position = self._walk(
                    partition, low=low, high=high, after=start, accept=wanted, limit=limit
                )
                return [item["id"] for item in items], position
            ranked = self._popular_keys(list(hits))
        else:
            ranked = [listing_key(sort, h.posting, i) for i, h in hits.items()]
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
            page = self.store.query(title_partition(query.text or ""), limit=MAX_QUERY_LIMIT)
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
            page = self.store.query(term_partition(word), limit=self.postings_page)
            postings = Postings(word, _having(page.items, word), page.next_cursor, len(page.items))
            if not postings.items and postings.cursor is None:
                return {}
            read.append(postings)
        read.sort(key=lambda p: (p.cursor is not None, len(p.items)))
        base, others = read[0], read[1:]
        self._read_on(base)
        weight = idf(base.read)
        hits = {item[SK]: Hit(item, weight * item["s"]) for item in base.items}
        for postings in others:
            if postings.cursor is not None and len(hits) <= self.lookup_max:
                matched = self._look_up(postings.word, list(hits))
            else:
                self._read_on(postings)
                matched = {item[SK]: item for item in postings.items}
            weight = idf(postings.read)
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
                term_partition(postings.word),
                limit=min(self.postings_page, self.postings_cap - postings.read),
                cursor=postings.cursor,
            )
            postings.items += _having(page.items, postings.word)
            postings.read += len(page.items)
            postings.cursor = page.next_cursor

    def _look_up(self, word: str, meetup_ids: list[str]) -> dict[str, Item]:
        partition = term_partition(word)
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


def _same_but_version(old: Item, new: Item) -> bool:
    """Whether two docs differ in nothing but their version."""
    return {k: v for k, v in old.items() if k != "version"} == {
        k: v for k, v in new.items() if k != "version"
    }


def _chunks(values: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    return (values[start : start + size] for start in range(0, len(values), size))
