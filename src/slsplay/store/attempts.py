"""Budgets of sign-in attempts per email address on the one table: how many passwords or
emailed codes may be checked, or codes sent, for one address within a sliding window, however
many requests arrive at once.

A budget of ``allowed`` attempts is ``allowed`` slot items in the address's partition. An
attempt first takes a free slot (one never taken, or taken a whole window ago) with a
conditional put: of the requests that race for a slot, exactly one wins, on DynamoDB as on
SQLite. Without a slot there is no attempt, so no window ever holds more than ``allowed``
of them; checking a password in between two steps cannot let parallel guesses slip past.
Slots expire by time to live once their window has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from slsplay.ports import (
    PK,
    SK,
    Condition,
    ConditionFailed,
    Equals,
    Item,
    ItemStore,
    Key,
    NotExists,
)

ATTEMPT_TYPE = "sign_in_attempt"
SLOT_PREFIX = "SLOT#"


@dataclass(frozen=True)
class AttemptBudget:
    """``allowed`` attempts of one ``kind`` per address in any ``window``."""

    store: ItemStore
    kind: str
    allowed: int
    window: timedelta

    def _partition(self, address: str) -> str:
        return f"ATTEMPTS#{self.kind}#{address}"

    def take(self, address: str, now: datetime) -> timedelta | None:
        """Spend one attempt for ``address``: ``None`` when one was left, otherwise how long
        until the oldest of the window's attempts leaves it."""
        partition = self._partition(address)
        held = {item[SK]: item for item in self.store.query(partition, limit=self.allowed).items}
        for slot in range(self.allowed):
            sort_key = f"{SLOT_PREFIX}{slot:03d}"
            item = held.get(sort_key)
            if item is None:
                conditions: tuple[Condition, ...] = (NotExists(),)
            elif _taken_at(item) <= now - self.window:
                # Still as read (a request that took it meanwhile changed ``taken_at``), or
                # swept by its time to live since.
                conditions = (Equals("taken_at", item["taken_at"]), NotExists())
            else:
                continue
            if any(self._claim(partition, sort_key, now, c) for c in conditions):
                return None
        oldest = min((_taken_at(item) for item in held.values()), default=now)
        return max(oldest + self.window - now, timedelta(seconds=1))

    def _claim(self, partition: str, sort_key: str, now: datetime, condition: Condition) -> bool:
        try:
            self.store.put(
                {
                    PK: partition,
                    SK: sort_key,
                    "type": ATTEMPT_TYPE,
                    "taken_at": now.isoformat(),
                    "ttl": int((now + self.window).timestamp()),
                },
                condition,
            )
        except ConditionFailed:
            return False  # another request took this slot first
        return True

    def reset(self, address: str) -> None:
        """Forget the attempts of ``address`` (after one succeeded); a slot taken meanwhile
        by a request still under way stays taken."""
        partition = self._partition(address)
        for item in self.store.query(partition, limit=self.allowed).items:
            try:
                self.store.delete(Key(item[PK], item[SK]), Equals("taken_at", item["taken_at"]))
            except ConditionFailed:
                continue


def _taken_at(item: Item) -> datetime:
    return datetime.fromisoformat(item["taken_at"])
