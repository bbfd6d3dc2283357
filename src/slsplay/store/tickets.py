"""Tickets, the organizers' ledgers and payout accounts, through the ItemStore port.

Every change of a ticket moves the meetup's counts and the organizer's ledger in the same
transaction, conditional on the versions read: a webhook delivered twice, or racing the
hold's expiry, changes the ticket once, and the ledger never disagrees with the tickets.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from slsplay.domain.errors import Conflict, NotFound, VersionConflict
from slsplay.domain.invitations import Invitation
from slsplay.domain.meetups import Meetup, MeetupCounts
from slsplay.domain.tickets import LedgerEntry, Ticket
from slsplay.ports import (
    Check,
    ConditionFailed,
    Delete,
    Equals,
    ItemStore,
    NotExists,
    Put,
    TransactionOp,
    versioned,
)
from slsplay.store import records, schema
from slsplay.store.repositories import by_day, counts_update, every


class TicketRepository:
    """Tickets to paid meetups, and the seats and money that move with them."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def get(self, meetup_id: str, ticket_id: str) -> Ticket:
        """One ticket; ``NotFound`` if there is none."""
        item = self.store.get(schema.ticket_key(meetup_id, ticket_id))
        if item is None:
            raise NotFound("ticket_not_found")
        return records.ticket_from_item(item)

    def find(self, meetup_id: str, ticket_id: str | None) -> Ticket | None:
        """The ticket, or ``None`` (also for no id)."""
        if ticket_id is None:
            return None
        item = self.store.get(schema.ticket_key(meetup_id, ticket_id))
        return None if item is None else records.ticket_from_item(item)

    def hold(
        self,
        ticket: Ticket,
        invitation: Invitation,
        *,
        invitation_version: int,
        meetup: Meetup,
        before: MeetupCounts,
        after: MeetupCounts,
    ) -> None:
        """Store a new held ticket, point the invitation at it and keep its seat, at once."""
        ops: list[TransactionOp] = [
            Put(records.ticket_item(ticket), NotExists()),
            Put(records.invitation_item(invitation), versioned(invitation_version)),
            counts_update(meetup, before, after),
            Check(schema.meetup_key(meetup.id), Equals("version", meetup.version)),
        ]
        try:
            self.store.transact(ops)
        except ConditionFailed as e:
            if e.failed == (2,):
                raise Conflict("capacity_reached") from e
            raise VersionConflict from e

    @staticmethod
    def versioned_put(ticket: Ticket, expected_version: int) -> Put:
        """The write of a changed ticket, for another repository's transaction."""
        return Put(records.ticket_item(ticket), versioned(expected_version))

    def save(self, ticket: Ticket, expected_version: int) -> None:
        """Store a change of the ticket alone (its checkout page)."""
        self.store.update_versioned(records.ticket_item(ticket), expected_version)

    def admit(
        self,
        ticket: Ticket,
        invitation: Invitation,
        *,
        ticket_version: int,
        invitation_version: int,
        meetup: Meetup,
        before: MeetupCounts,
        after: MeetupCounts,
        entries: Sequence[LedgerEntry],
        left_line: datetime | None = None,
    ) -> None:
        """A paid ticket: the ticket, the invitee attending, the counts and the organizer's
        sale, in one transaction."""
        ops: list[TransactionOp] = [
            Put(records.ticket_item(ticket), versioned(ticket_version)),
            Put(records.invitation_item(invitation), versioned(invitation_version)),
            counts_update(meetup, before, after),
            *(Put(records.ledger_item(entry), NotExists()) for entry in entries),
        ]
        if left_line is not None:
            ops.append(Delete(schema.waitlist_key(meetup.id, left_line, invitation.email)))
        try:
            self.store.transact(ops)
        except ConditionFailed as e:
            if e.failed == (2,):
                raise Conflict("capacity_reached") from e
            raise VersionConflict from e

    def release(
        self,
        ticket: Ticket,
        *,
        ticket_version: int,
        meetup: Meetup,
        before: MeetupCounts,
        after: MeetupCounts,
        entries: Sequence[LedgerEntry] = (),
    ) -> None:
        """A hold that ended: the ticket's change, its seat back, and the ledger entries it
        makes (none when it lapsed unpaid), at once."""
        ops: list[TransactionOp] = [
            Put(records.ticket_item(ticket), versioned(ticket_version)),
            counts_update(meetup, before, after),
            *(Put(records.ledger_item(entry), NotExists()) for entry in entries),
        ]
        try:
            self.store.transact(ops)
        except ConditionFailed as e:
            raise VersionConflict from e

    def settle(
        self, ticket: Ticket, ticket_version: int, entries: Sequence[LedgerEntry] = ()
    ) -> None:
        """A ticket's change with the ledger entries it makes (a refund), at once."""
        ops: list[TransactionOp] = [
            Put(records.ticket_item(ticket), versioned(ticket_version)),
            *(Put(records.ledger_item(entry), NotExists()) for entry in entries),
        ]
        try:
            self.store.transact(ops)
        except ConditionFailed as e:
            raise VersionConflict from e

    def of_meetup(self, meetup_id: str) -> Iterator[Ticket]:
        """Every ticket of a meetup, read page by page."""
        partition = schema.meetup_key(meetup_id).pk
        for item in every(self.store, partition, schema.TICKET_PREFIX):
            yield records.ticket_from_item(item)

    def holds_ending_between(self, start: datetime, end: datetime) -> Iterator[Ticket]:
        """Tickets still holding a seat whose hold ends in ``[start, end]``, soonest first."""
        for item in by_day(self.store, schema.holds_partition, start, end):
            yield records.ticket_from_item(item)


class LedgerRepository:
    """The organizers' ledgers: entries only ever added."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def entries_of(self, organizer_id: str, *, newest_first: bool = False) -> Iterator[LedgerEntry]:
        """Every entry of an organizer's ledger, read page by page."""
        partition = schema.user_key(organizer_id).pk
        for item in every(self.store, partition, schema.LEDGER_PREFIX, descending=newest_first):
            yield records.ledger_entry_from_item(item)

    def record(self, entries: Sequence[LedgerEntry]) -> None:
        """Add entries (a payout's), once: an entry already recorded is a ``VersionConflict``."""
        try:
            self.store.transact([Put(records.ledger_item(e), NotExists()) for e in entries])
        except ConditionFailed as e:
            raise VersionConflict from e

    def organizers_with_sales_available_between(self, start: datetime, end: datetime) -> set[str]:
        """Who has sales that became available for payout in ``[start, end]``."""
        found = by_day(self.store, schema.payable_partition, start, end)
        return {item["organizer_id"] for item in found}


class PayoutAccountRepository:
    """Each organizer's account at the payment provider (one, made once)."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def find(self, user_id: str) -> str | None:
        """The organizer's account id, if they have one."""
        item = self.store.get(schema.payout_account_key(user_id))
        return None if item is None else str(item["account_id"])

    def add(self, user_id: str, account_id: str) -> str:
        """Keep the account made for the organizer; answers the one kept if two raced."""
        try:
            self.store.put(records.payout_account_item(user_id, account_id), NotExists())
        except ConditionFailed:
            kept = self.find(user_id)
            if kept is None:  # pragma: no cover  (it was there a moment ago)
                raise
            return kept
        return account_id
