"""Repositories: aggregates loaded and saved through the ItemStore port, once for every adapter.

Invariants that span items are enforced here with conditional and transactional writes,
never by reading first and writing after: two racing requests cannot both win.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta

from slsplay.domain.errors import Conflict, FieldError, InvalidInput, NotFound, VersionConflict
from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.media import Media
from slsplay.domain.meetups import Meetup, MeetupCounts
from slsplay.domain.users import User
from slsplay.ports import (
    MAX_BATCH_GET,
    MAX_QUERY_LIMIT,
    MAX_TRANSACTION_OPS,
    PK,
    SK,
    Check,
    ConditionFailed,
    Delete,
    Equals,
    Exists,
    Item,
    ItemStore,
    Key,
    LessThan,
    NotExists,
    Put,
    TransactionOp,
    Update,
    versioned,
)
from slsplay.store import records, schema

# How much of a deleted meetup goes within the request (a request's DynamoDB calls stay
# bounded); the clean-up job removes the rest.
PURGE_BATCHES_NOW = 10
# Room in a transaction for invitations, next to the meetup check and the counter update.
INVITATIONS_PER_TRANSACTION = MAX_TRANSACTION_OPS - 2
# Room in a transaction for meetups saved together: each may need its capacity checked.
MEETUPS_PER_TRANSACTION = MAX_TRANSACTION_OPS // 2
# The items a read of a whole partition (every invitation of a meetup...) takes per request.
BULK_PAGE = 500
# Before any instant the product stores: the open end of a range of them.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class MeetupRepository:
    """Meetups and their answer counts."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def add(self, meetup: Meetup) -> None:
        """Store a new meetup with zero counts and an empty media list."""
        self.store.transact(
            [
                Put(records.meetup_item(meetup), NotExists()),
                Put(records.counts_item(meetup.id, MeetupCounts()), NotExists()),
                Put(records.media_list_item(meetup.id), NotExists()),
            ]
        )

    def get(self, meetup_id: str) -> tuple[Meetup, MeetupCounts]:
        """The meetup and its counts, in one query; ``NotFound`` if there is none."""
        page = self.store.query(
            schema.meetup_key(meetup_id).pk, sk_prefix=schema.MEETUP_AND_COUNTS_PREFIX, limit=2
        )
        by_type = {item["type"]: item for item in page.items}
        if records.MEETUP_TYPE not in by_type:
            raise NotFound("meetup_not_found")
        return (
            records.meetup_from_item(by_type[records.MEETUP_TYPE]),
            records.counts_from_item(by_type.get(records.COUNTS_TYPE)),
        )

    def get_many(self, meetup_ids: Sequence[str]) -> dict[str, Meetup]:
        """The meetups among up to 100 ids that exist, in one request."""
        found = self.store.get_many([schema.meetup_key(meetup_id) for meetup_id in meetup_ids])
        return {item["id"]: records.meetup_from_item(item) for item in found.values()}

    def counts_of(self, meetup_ids: Sequence[str]) -> dict[str, MeetupCounts]:
        """The answer counts of up to 100 meetups, in one request."""
        found = self.store.get_many([schema.counts_key(meetup_id) for meetup_id in meetup_ids])
        return {
            meetup_id: records.counts_from_item(found.get(schema.counts_key(meetup_id)))
            for meetup_id in meetup_ids
        }

    def save(self, meetup: Meetup, expected_version: int) -> None:
        """Store a changed meetup read at ``expected_version``.

        With a capacity, the write also requires that no more people attend than it allows,
        so that lowering the capacity cannot race with an invitee's "attending".
        """
        item = records.meetup_item(meetup)
        capacity = meetup.details.capacity
        if capacity is None:
            self.store.update_versioned(item, expected_version)
            return
        try:
            self.store.transact(
                [
                    Put(item, versioned(expected_version)),
                    Check(schema.counts_key(meetup.id), LessThan("taken", capacity + 1)),
                ]
            )
        except ConditionFailed as e:
            if 0 in e.failed:
                raise VersionConflict from e
            raise InvalidInput(
                [FieldError("capacity", "more people are attending than that")],
                code="capacity_below_attendance",
            ) from e

    def save_all(self, changed: Sequence[tuple[Meetup, int]]) -> None:
        """Store changed meetups, each read at its expected version, in one transaction: all
        of them or none (``VersionConflict``). Up to ``MEETUPS_PER_TRANSACTION``; each is
        checked as ``save`` checks one."""
        if len(changed) > MEETUPS_PER_TRANSACTION:
            raise ValueError(f"save_all takes at most {MEETUPS_PER_TRANSACTION} meetups")
        ops: list[TransactionOp] = []
        for meetup, expected_version in changed:
            ops.append(Put(records.meetup_item(meetup), versioned(expected_version)))
            capacity = meetup.details.capacity
            if capacity is not None:
                ops.append(Check(schema.counts_key(meetup.id), LessThan("taken", capacity + 1)))
        if not ops:
            return
        try:
            self.store.transact(ops)
        except ConditionFailed as e:
            if any(isinstance(ops[i], Put) for i in e.failed):
                raise VersionConflict from e
            raise InvalidInput(
                [FieldError("capacity", "more people are attending than that")],
                code="capacity_below_attendance",
            ) from e

    def delete(self, meetup: Meetup, now: datetime) -> None:
        """Remove a meetup and everything kept under it (counts, invitations, mail markers).

        The meetup goes first, with a purge marker, in one transaction: from then on every
        reader treats the meetup as gone. The rest follows in batches, up to
        ``PURGE_BATCHES_NOW`` of them; what is left then, or when the process stops in
        between, the clean-up job finishes, found by its marker (``unfinished_purges``).
        """
        try:
            self.store.transact(
                [
                    Delete(schema.meetup_key(meetup.id), versioned(meetup.version)),
                    Put(records.purge_marker_item(meetup.id, now)),
                ]
            )
        except ConditionFailed as e:
            raise VersionConflict from e
        self.purge(meetup.id, max_batches=PURGE_BATCHES_NOW)

    def purge(self, meetup_id: str, *, max_batches: int | None = None) -> int:
        """Delete what is left under a deleted meetup, then its marker; answers how many.

        With ``max_batches``, stop after that many batches, leaving the marker if any item
        is left.
        """
        partition = schema.meetup_key(meetup_id).pk
        marker = schema.purge_key(meetup_id)
        deleted = 0
        while True:
            # Each batch leaves the partition, so the first page is always the next batch.
            page = self.store.query(partition, limit=MAX_TRANSACTION_OPS)
            keys = [Key(item[PK], item[SK]) for item in page.items]
            keys = [key for key in keys if key != marker]
            if not keys:
                break
            if max_batches is not None and deleted >= max_batches * MAX_TRANSACTION_OPS:
                return deleted  # the rest is the clean-up job's
            self.store.transact([Delete(key) for key in keys])
            deleted += len(keys)
        self.store.delete(marker)
        return deleted

    def unfinished_purges(self, start: datetime, end: datetime) -> Iterator[str]:
        """The meetups whose deletion began in ``[start, end]`` and has not finished."""
        for item in by_day(self.store, schema.purges_partition, start, end):
            yield item["meetup_id"]

    def drafts_last_changed_between(self, start: datetime, end: datetime) -> Iterator[Meetup]:
        """Drafts whose last change lies in ``[start, end]``, oldest first."""
        for item in by_day(self.store, schema.drafts_partition, start, end):
            yield records.meetup_from_item(item)

    def of_organizer(
        self, organizer_id: str, *, limit: int = 50, cursor: str | None = None
    ) -> tuple[list[Meetup], str | None]:
        """An organizer's meetups by start, a page at a time."""
        page = self.store.query(
            schema.organizer_partition(organizer_id), index="gsi1", limit=limit, cursor=cursor
        )
        return [records.meetup_from_item(item) for item in page.items], page.next_cursor

    def published_starting_between(self, start: datetime, end: datetime) -> Iterator[Meetup]:
        """Published meetups whose start lies in ``[start, end]``, by start (for scheduled jobs)."""
        for item in by_day(self.store, schema.starts_partition, start, end):
            yield records.meetup_from_item(item)

    def published_after(self, position: str, *, limit: int) -> list[tuple[str, str]]:
        """Up to ``limit`` published meetups starting on the day of ``position`` and after
        it, by start: each one's position and id, in one request (the index's copy).

        A position is a ``{start}#{id}`` key of the index, or a prefix of one: a UTC
        instant (``2030-03-04T18:00:00Z``) stands before the meetups starting then.
        """
        day = datetime.fromisoformat(position[:10]).replace(tzinfo=UTC)
        # The range is inclusive, so the meetup at ``position`` itself may come first.
        page = self.store.query(
            schema.starts_partition(day),
            index="gsi2",
            sk_between=(position, f"{position[:10]}~"),
            limit=min(limit + 1, MAX_QUERY_LIMIT),
        )
        found = [(item["gsi2sk"], item["id"]) for item in page.items if item["gsi2sk"] != position]
        return found[:limit]


def every(
    store: ItemStore,
    partition: str,
    prefix: str | None = None,
    *,
    index: str | None = None,
    descending: bool = False,
    between: tuple[str, str] | None = None,
) -> Iterator[Item]:
    """Every item of a partition (under a sort-key prefix, or ``between`` two sort keys),
    read a page at a time."""
    cursor: str | None = None
    while True:
        page = store.query(
            partition,
            index=index,
            sk_prefix=prefix,
            sk_between=between,
            descending=descending,
            limit=BULK_PAGE,
            cursor=cursor,
        )
        yield from page.items
        cursor = page.next_cursor
        if cursor is None:
            return


def by_day(
    store: ItemStore, partition: Callable[[datetime], str], start: datetime, end: datetime
) -> Iterator[Item]:
    """The gsi2 items keyed ``{instant}#{id}`` in day partitions, with instants in range."""
    day = start
    while partition(day) <= partition(end):
        cursor: str | None = None
        while True:
            page = store.query(
                partition(day),
                index="gsi2",
                sk_between=(schema.instant(start), schema.instant(end) + "~"),
                cursor=cursor,
            )
            yield from page.items
            cursor = page.next_cursor
            if cursor is None:
                break
        day += timedelta(days=1)


class InvitationRepository:
    """Invitations and the answers recorded on them."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def add_many(self, meetup: Meetup, invitations: Sequence[Invitation]) -> None:
        """Store new invitations, refusing any address already invited.

        Each batch is one transaction that also requires the meetup to be unchanged since
        it was read (so nobody is invited to a meetup cancelled meanwhile) and counts the
        invitations. A batch with an address already invited writes nothing.
        """
        for start in range(0, len(invitations), INVITATIONS_PER_TRANSACTION):
            batch = invitations[start : start + INVITATIONS_PER_TRANSACTION]
            ops: list[TransactionOp] = [
                Check(schema.meetup_key(meetup.id), versioned(meetup.version)),
                Update(
                    schema.counts_key(meetup.id), add={"invited": len(batch)}, condition=Exists()
                ),
                *(Put(records.invitation_item(i), NotExists()) for i in batch),
            ]
            try:
                self.store.transact(ops)
            except ConditionFailed as e:
                taken = [batch[i - 2].email for i in e.failed if i >= 2]
                if taken:
                    raise Conflict(
                        "already_invited", f"Already invited: {', '.join(taken)}."
                    ) from e
                raise VersionConflict from e

    def save(self, invitation: Invitation, expected_version: int) -> None:
        """Store a changed invitation read at ``expected_version`` (not an answer: see below)."""
        self.store.update_versioned(records.invitation_item(invitation), expected_version)

    def first_in_line(self, meetup_id: str) -> Invitation | None:
        """Who has waited longest for a seat, if anyone waits."""
        page = self.store.query(
            schema.meetup_key(meetup_id).pk, sk_prefix=schema.WAITLIST_PREFIX, limit=1
        )
        if not page.items:
            return None
        return self.get(meetup_id, page.items[0]["email"])

    def waiting_list(self, meetup_id: str, limit: int = 500) -> list[Invitation]:
        """The people waiting for a seat, first in line first (a batch read per 100)."""
        page = self.store.query(
            schema.meetup_key(meetup_id).pk, sk_prefix=schema.WAITLIST_PREFIX, limit=limit
        )
        keys = [schema.invitation_key(meetup_id, item["email"]) for item in page.items]
        found: dict[Key, Item] = {}
        for start in range(0, len(keys), MAX_BATCH_GET):
            found |= self.store.get_many(keys[start : start + MAX_BATCH_GET])
        return [records.invitation_from_item(found[key]) for key in keys if key in found]

    def get(self, meetup_id: str, email: str) -> Invitation:
        """One invitation; ``NotFound`` if that address is not invited."""
        item = self.store.get(schema.invitation_key(meetup_id, email))
        if item is None:
            raise NotFound("invitation_not_found")
        return records.invitation_from_item(item)

    def of_meetup(
        self, meetup_id: str, *, limit: int = 100, cursor: str | None = None
    ) -> tuple[list[Invitation], str | None]:
        """A meetup's invitations by email address, a page at a time."""
        page = self.store.query(
            schema.meetup_key(meetup_id).pk,
            sk_prefix=schema.INVITATION_PREFIX,
            limit=limit,
            cursor=cursor,
        )
        return [records.invitation_from_item(item) for item in page.items], page.next_cursor

    def all_of_meetup(self, meetup_id: str) -> Iterator[Invitation]:
        """Every invitation of a meetup, read page by page (never all at once)."""
        cursor: str | None = None
        while True:
            page, cursor = self.of_meetup(meetup_id, limit=BULK_PAGE, cursor=cursor)
            yield from page
            if cursor is None:
                return

    def save_answer(
        self,
        meetup: Meetup,
        invitation: Invitation,
        expected_version: int,
        before: MeetupCounts,
        after: MeetupCounts,
        *,
        left_line: datetime | None = None,
        also: Sequence[TransactionOp] = (),
    ) -> None:
        """Store an answer and move the counts with it, in one transaction (with ``also``).

        The counter update carries the capacity as a condition, so two people racing for
        the last seat cannot both get it; the meetup must be unchanged since it was read.
        Joining the waiting list adds a place in line; leaving it (``left_line``: when the
        invitee had joined it) removes that place, in the same transaction.
        """
        ops: list[TransactionOp] = [
            Put(records.invitation_item(invitation), versioned(expected_version)),
            counts_update(meetup, before, after),
            Check(schema.meetup_key(meetup.id), Equals("version", meetup.version)),
        ]
        if invitation.response is Answer.WAITLISTED:
            ops.append(Put(records.waitlist_item(invitation), NotExists()))
        if left_line is not None:
            ops.append(Delete(schema.waitlist_key(meetup.id, left_line, invitation.email)))
        ops.extend(also)
        try:
            self.store.transact(ops)
        except ConditionFailed as e:
            if e.failed == (1,) and invitation.response is Answer.ATTENDING:
                raise Conflict("capacity_reached") from e
            raise VersionConflict from e


def counts_update(meetup: Meetup, before: MeetupCounts, after: MeetupCounts) -> Update:
    """The counter update from ``before`` to ``after``, conditional on a free seat when it
    takes one (so two people racing for the last seat cannot both get it)."""
    taken = after.taken - before.taken
    capacity = meetup.details.capacity
    seat_condition = LessThan("taken", capacity) if capacity is not None and taken > 0 else Exists()
    return Update(
        schema.counts_key(meetup.id),
        add={
            "attending": after.attending - before.attending,
            "declined": after.declined - before.declined,
            "waitlisted": after.waitlisted - before.waitlisted,
            "held": after.held - before.held,
            "taken": taken,
        },
        condition=seat_condition,
    )


class MediaRepository:
    """A meetup's photos and videos."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def add(self, media: Media) -> None:
        """Store a new upload, named in its meetup's media list first: a list then names
        every upload that exists (and, after a crash in between, one that does not)."""
        # One attribute per upload: concurrent uploads to a meetup never overwrite each other's.
        entry = {records.media_list_entry(media.id): True}
        listing = {"type": records.MEDIA_LIST_TYPE} | entry
        self.store.write(Update(schema.media_list_key(media.meetup_id), set=listing))
        self.store.put_new(records.media_item(media))

    def get(self, meetup_id: str, media_id: str) -> Media:
        """One photo or video; ``NotFound`` if there is none."""
        item = self.store.get(schema.media_key(meetup_id, media_id))
        if item is None:
            raise NotFound("media_not_found")
        return records.media_from_item(item)

    def save(self, media: Media, expected_version: int) -> None:
        """Store a changed upload read at ``expected_version``."""
        self.store.update_versioned(records.media_item(media), expected_version)

    def remove(self, media: Media) -> None:
        """Forget an upload read at its current version (its files follow, by the stream);
        if it was the cover, the next ready photo becomes the cover."""
        try:
            self.store.delete(schema.media_key(media.meetup_id, media.id), versioned(media.version))
        except ConditionFailed as e:
            raise VersionConflict from e
        self.store.write(
            Update(
                schema.media_list_key(media.meetup_id),
                set={"type": records.MEDIA_LIST_TYPE},
                remove=(records.media_list_entry(media.id),),
            )
        )
        try:
            self.store.delete(schema.cover_key(media.meetup_id), Equals("id", media.id))
        except ConditionFailed:
            return  # another photo is the cover, or none is
        for other in self.of_meetup(media.meetup_id):
            if other.is_cover_candidate and self.offer_cover(other):
                return

    def offer_cover(self, media: Media) -> bool:
        """Make a ready photo the meetup's cover unless it has one; whether it became it."""
        try:
            self.store.put(records.cover_item(media), NotExists())
        except ConditionFailed:
            return False
        return True

    def covers_of(self, meetup_ids: Sequence[str]) -> dict[str, Media]:
        """The covers of up to 100 meetups that have one, by meetup, in one request."""
        found = self.store.get_many([schema.cover_key(meetup_id) for meetup_id in meetup_ids])
        return {
            meetup_id: records.media_from_item(found[schema.cover_key(meetup_id)])
            for meetup_id in meetup_ids
            if schema.cover_key(meetup_id) in found
        }

    def processing_started_by(self, moment: datetime) -> Iterator[Media]:
        """Uploads whose processing started at ``moment`` or before and has not ended, oldest
        first, read from the index a page at a time (it holds only uploads in processing)."""
        between = (schema.instant(EPOCH), schema.instant(moment) + "~")
        for item in every(
            self.store, schema.PROCESSING_MEDIA_PARTITION, index="gsi2", between=between
        ):
            yield records.media_from_item(item)

    def of_meetup(self, meetup_id: str) -> list[Media]:
        """A meetup's photos and videos, oldest first (a meetup has a few at most)."""
        page = self.store.query(
            schema.meetup_key(meetup_id).pk, sk_prefix=schema.MEDIA_PREFIX, limit=100
        )
        return sorted(
            (records.media_from_item(item) for item in page.items), key=lambda m: m.created_at
        )

    def _list_now(self, meetup_id: str) -> Item:
        """The media list of a meetup stored before meetups had one, made from its uploads
        and, if it has any, kept: the next reads find it. (One without uploads is read so
        each time, rather than a list written for an id that may name no meetup.)"""
        listing = records.media_list_item(meetup_id, [m.id for m in self.of_meetup(meetup_id)])
        names = {name: value for name, value in listing.items() if name not in (PK, SK)}
        if records.media_list_ids(listing):
            # An update, not a put: it adds its names to those an upload may be adding now.
            # (A removal meanwhile at worst leaves a name without an upload, which readers
            # skip, as after a crash.)
            self.store.write(Update(schema.media_list_key(meetup_id), set=names))
        return listing

    def of_meetups(self, meetup_ids: Sequence[str]) -> dict[str, list[Media]]:
        """The photos and videos of up to 100 meetups, oldest first, by meetup: their media
        lists in one request, then the uploads they name, 100 a request (a meetup has
        ``MAX_PER_MEETUP`` at most), whatever the number of meetups."""
        lists = self.store.get_many([schema.media_list_key(meetup_id) for meetup_id in meetup_ids])
        for meetup_id in meetup_ids:
            if schema.media_list_key(meetup_id) not in lists:
                lists[schema.media_list_key(meetup_id)] = self._list_now(meetup_id)
        keys = [
            schema.media_key(meetup_id, media_id)
            for meetup_id in meetup_ids
            if (listed := lists.get(schema.media_list_key(meetup_id))) is not None
            for media_id in records.media_list_ids(listed)
        ]
        found: dict[str, list[Media]] = {meetup_id: [] for meetup_id in meetup_ids}
        for start in range(0, len(keys), MAX_BATCH_GET):
            for item in self.store.get_many(keys[start : start + MAX_BATCH_GET]).values():
                media = records.media_from_item(item)
                found[media.meetup_id].append(media)
        # In the order of ``of_meetup``: by time, then by id as its query reads them.
        return {
            meetup_id: sorted(media, key=lambda m: (m.created_at, m.id))
            for meetup_id, media in found.items()
        }


class UserRepository:
    """Accounts and guests; an email address belongs to one account at most."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def add(self, user: User) -> None:
        """Store a new user, reserving the email address in the same transaction (unless
        another account holds it: ``address_taken``)."""
        ops: list[TransactionOp] = [Put(records.user_item(user), NotExists())]
        if user.email is not None and not user.address_taken:
            ops.append(Put(records.email_item(user.email, user.id), NotExists()))
        try:
            self.store.transact(ops)
        except ConditionFailed as e:
            if 1 in e.failed:
                raise Conflict("email_taken") from e
            raise

    def get(self, user_id: str) -> User:
        """One user; ``NotFound`` if there is none."""
        user = self.find(user_id)
        if user is None:
            raise NotFound("user_not_found")
        return user

    def save(self, user: User, expected_version: int) -> None:
        """Store a changed user read at ``expected_version``."""
        self.store.update_versioned(records.user_item(user), expected_version)

    def remove_guest(self, user: User) -> None:
        """Forget a guest who never signed up (accounts are never removed this way)."""
        if not user.is_guest:
            raise ValueError("only a guest is removed")
        self.store.delete(schema.user_key(user.id), Equals("is_guest", True))

    def find_many(self, user_ids: Sequence[str]) -> dict[str, User]:
        """The users that exist among up to 100 ids, by id, in one request."""
        found = self.store.get_many([schema.user_key(user_id) for user_id in user_ids])
        return {
            item_user.id: item_user for item_user in map(records.user_from_item, found.values())
        }

    def find(self, user_id: str) -> User | None:
        """One user, or ``None``."""
        item = self.store.get(schema.user_key(user_id))
        return None if item is None else records.user_from_item(item)

    def find_by_email(self, email: str) -> User | None:
        """The account holding that (normalised) email address, if any."""
        reservation = self.store.get(schema.email_key(email))
        return None if reservation is None else self.get(reservation["user_id"])
