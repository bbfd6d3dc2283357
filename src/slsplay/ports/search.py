"""The index of public meetups that people search by words, category and dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

SearchSort = Literal["soonest", "newest", "closing", "popular", "relevance"]
MAX_SEARCH_PAGE = 50


@dataclass(frozen=True)
class IndexedMeetup:
    """What the search index keeps of one public, published meetup."""

    meetup_id: str
    title: str
    description: str  # plain text (Markdown's text, without markup)
    category: str
    organizer_name: str
    starts_at: datetime
    created_at: datetime
    closes_at: datetime  # answers are taken until then
    attending: int


@dataclass(frozen=True)
class SearchQuery:
    """One search of public meetups: words, filters, an order and a page.

    ``text`` matches words of the title, description, category and organizer's name, each
    word also as a prefix (``wine`` finds "wines"), without regard to case or accents. Every
    filter bound is inclusive; ``None`` leaves it open. ``now`` is when the search runs:
    meetups whose answers closed before it are left out, and popularity decays from it.
    """

    now: datetime
    text: str | None = None
    category: str | None = None
    starts_after: datetime | None = None
    starts_before: datetime | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    closes_before: datetime | None = None
    sort: SearchSort = "soonest"
    limit: int = 20
    cursor: str | None = None


@dataclass(frozen=True)
class SearchPage:
    """A page of results: meetup ids in order, and where the next page starts."""

    meetup_ids: list[str]
    next_cursor: str | None = None


class SearchIndex(Protocol):
    """The index of public meetups, written only by the change feed's consumer.

    SQLite FTS5 locally; in the cloud an adapter on the table itself. ``InvalidCursor`` for
    a cursor the index did not hand out (or handed out for another query).
    """

    def upsert(self, meetup: IndexedMeetup, *, rewrite: bool = False) -> None:
        """Add the meetup, or replace what the index keeps of it.

        An index may write only what changed since its last upsert of the meetup; with
        ``rewrite`` it writes everything again (a reindex: what it kept may be damaged, or
        of an earlier design of the index).
        """
        ...

    def remove(self, meetup_id: str) -> None:
        """Leave the meetup out of every search from now on (nothing if it is not there)."""
        ...

    def search(self, query: SearchQuery) -> SearchPage:
        """The meetups that match, in the query's order, a page at a time."""
        ...
