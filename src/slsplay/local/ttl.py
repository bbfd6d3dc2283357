"""A table's time to live, as DynamoDB's background process applies it."""

from __future__ import annotations

import logging

from slsplay.local.backend import ExpiringItems
from slsplay.local.delivery import Outcome
from slsplay.ports import Clock

logger = logging.getLogger("slsplay.local")

# How often expired items are looked for, and how many are deleted in one transaction.
TTL_SWEEP_SECONDS = 60.0
TTL_PAGE = 100


class TtlSweeper:
    """A table's time to live: deletes the items that expired, a page at a time.

    DynamoDB does it in the background, typically within a few days of the expiry; this does
    it within a minute (``TTL_SWEEP_SECONDS``), by the pumps' clock. Readers must not count
    on either: an expired item not yet deleted is still read, here as in the cloud.
    """

    def __init__(
        self,
        table: str,
        *,
        store: ExpiringItems,
        attribute: str,
        clock: Clock,
        page_size: int = TTL_PAGE,
    ) -> None:
        self.name = f"ttl.{table}"
        self.store = store
        self.attribute = attribute
        self.clock = clock
        self.page_size = page_size

    def idle_wait(self) -> float:
        """How often the table is looked at for expired items."""
        return TTL_SWEEP_SECONDS

    def quiet(self) -> bool:
        """Always: expiring is never awaited (DynamoDB takes days)."""
        return True

    def pump_once(self) -> Outcome:
        """Delete a page of expired items; a full page means there may be more."""
        deleted = self.store.delete_expired(self.clock.now(), self.page_size, self.attribute)
        if deleted:
            logger.info("%s: %d expired items deleted", self.name, deleted)
        return Outcome.WORKED if deleted == self.page_size else Outcome.IDLE
