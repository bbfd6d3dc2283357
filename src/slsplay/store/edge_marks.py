"""Edge marks on the one table: per public meetup, what its page showed when the edge cache
last forgot it, so that only a change of what the page shows makes an invalidation.

A mark is written after the invalidation, with a condition on the mark it replaces: of two
consumers that saw the same change at once, one mark wins. Marks expire a day
after (the table's time to live): by then the edge has dropped any copy older than the mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from slsplay.ports import PK, SK, ConditionFailed, Equals, ItemStore, Key, NotExists

EDGE_MARK_TYPE = "edge_mark"
MARK_LIFETIME = timedelta(days=1)


def edge_mark_key(meetup_id: str) -> Key:
    """The mark of one meetup's public page (kept with the meetup)."""
    return Key(f"MEETUP#{meetup_id}", "EDGE#page")


@dataclass(frozen=True)
class EdgeMark:
    """What the page showed (its fingerprint) when its cached copies were last forgotten."""

    shown: str
    at: datetime


class EdgeMarkRepository:
    """The marks of the public pages' last invalidations."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def get(self, meetup_id: str) -> EdgeMark | None:
        """The page's mark, if any."""
        item = self.store.get(edge_mark_key(meetup_id))
        if item is None:
            return None
        return EdgeMark(item["shown"], datetime.fromisoformat(item["at"]))

    def replace(self, meetup_id: str, held: EdgeMark | None, shown: str, now: datetime) -> bool:
        """Mark the page as showing ``shown`` now, if its mark is still ``held``; ``False``
        when another consumer moved it first (it invalidated the page too)."""
        key = edge_mark_key(meetup_id)
        item = {
            PK: key.pk,
            SK: key.sk,
            "type": EDGE_MARK_TYPE,
            "shown": shown,
            "at": now.isoformat(),
            "ttl": int((now + MARK_LIFETIME).timestamp()),
        }
        condition = NotExists() if held is None else Equals("shown", held.shown)
        try:
            self.store.put(item, condition)
        except ConditionFailed:
            return False
        return True
