"""What one meetup is in the table's search index: its items, and the record of them.

``entries`` makes every item of a meetup from it alone; ``Record`` is what the meetup's doc
and keys items say was written, so that an upsert writes only what differs and a remove
deletes all of it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from slsplay.adapters.table_search.keys import (
    ALL,
    LISTED,
    TERM_PREFIX,
    instant,
    listing_partition,
    newest_rank,
    popular_rank,
    title_partition,
)
from slsplay.adapters.table_search.words import (
    FIELD_TOKEN_CAPS,
    MAX_PREFIX,
    SCORE_SCALE,
    field_score,
    prefixes,
    tokens,
)
from slsplay.ports import PK, SK, IndexedMeetup, Item

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
    title = title_partition(meetup.title)
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
            sum(field_score(name, n, lengths[name]) for name, n in by_field.items()),
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


def _digest(item: Item) -> str:
    """A short fingerprint of an item's content, to tell whether it must be written again."""
    encoded = json.dumps(item, sort_keys=True, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(hashlib.blake2b(encoded, digest_size=6).digest()).decode()
