"""An address's own list of invitations (the ones it joined itself included), by the start
of their meetups: "My meetups" of the person who holds the address.

Read through gsi1 (``INVITEE#{email}`` / ``{meetup start}#{meetup id}``), never by a scan.
Invitations stored before they carried their meetup's start sort after every instant until
a read of their address's list places them (``unplaced`` then ``place``), once each.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from datetime import datetime

from slsplay.domain.invitations import Invitation
from slsplay.ports import MAX_BATCH_GET, ConditionFailed, Equals, ItemStore, Update
from slsplay.store import records, schema
from slsplay.store.repositories import EPOCH


class InviteeListRepository:
    """The invitations of one address across meetups."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def page(
        self,
        email: str,
        *,
        since: datetime,
        past: bool = False,
        limit: int = 50,
        cursor: str | None = None,
    ) -> tuple[list[Invitation], str | None]:
        """The invitations of an address to meetups starting from ``since``, soonest first
        (``past``: those starting before it, latest first), a page at a time."""
        moment = schema.instant(since)
        page = self.store.query(
            schema.invitee_partition(email),
            index="gsi1",
            sk_between=(schema.instant(EPOCH), moment) if past else (moment, schema.LAST_INSTANT),
            descending=past,
            limit=limit,
            cursor=cursor,
        )
        return [records.invitation_from_item(item) for item in page.items], page.next_cursor

    def unplaced(self, email: str) -> list[Invitation]:
        """Up to a page of an address's invitations not yet in its list's order."""
        page = self.store.query(
            schema.invitee_partition(email),
            index="gsi1",
            sk_prefix=schema.UNPLACED_INVITEE_PREFIX,
            limit=MAX_BATCH_GET,  # the meetups to place them by: one batch read
        )
        return [records.invitation_from_item(item) for item in page.items]

    def place(self, invitation: Invitation, starts_at: datetime) -> None:
        """Put an invitation at its meetup's start in its address's list, unless it changed
        since it was read (its next write carries the start it read) or is gone."""
        placed = replace(invitation, meetup_starts_at=starts_at)
        # Changed or deleted meanwhile: the next read places it, if it is still there.
        with suppress(ConditionFailed):
            self.store.write(
                Update(
                    schema.invitation_key(invitation.meetup_id, invitation.email),
                    set=records.invitee_placement(placed),
                    condition=Equals("version", invitation.version),
                )
            )
