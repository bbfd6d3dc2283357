"""A search as the table's search index reads it: its filters in the index's form, the
range of a listing's keys they allow, and what a cursor must belong to."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slsplay.adapters.table_search.keys import AFTER, instant, newest_rank
from slsplay.ports import InvalidCursor, Item, SearchQuery, SearchSort

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


def listing_key(sort: SearchSort, posting: Item, meetup_id: str) -> str:
    """A meetup's key in the listing of ``sort`` (not popular), from a posting of it."""
    if sort == "newest":
        rank = newest_rank(posting["cr"])
    elif sort == "closing":
        rank = posting["cl"]
    else:
        rank = posting["st"]
    return f"{rank}#{meetup_id}"


def listing_bounds(sort: SearchSort, filters: Filters) -> tuple[str | None, str | None]:
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


def sk_after(position: dict[str, Any] | None) -> str | None:
    """The listing key a cursor's position reads on after (``None``: from the start)."""
    if position is None:
        return None
    if "sk" not in position or not isinstance(position["sk"], str):
        raise InvalidCursor("the cursor is not one this search handed out")
    return position["sk"]


def cursor_fingerprint(query: SearchQuery, looked_up: list[str], filters: Filters) -> bytes:
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
