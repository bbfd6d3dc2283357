"""The one table's key schema and every key the product writes (see ``README.md`` here)."""

from __future__ import annotations

from datetime import UTC, datetime

from slsplay.ports import IndexSchema, Key, TableSchema

TABLE = TableSchema(
    indexes=(
        IndexSchema("gsi1", "gsi1pk", "gsi1sk"),
        IndexSchema("gsi2", "gsi2pk", "gsi2sk"),
    )
)


def instant(moment: datetime) -> str:
    """A UTC instant in the fixed-width form sort keys need: ``2026-12-01T18:00:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def user_key(user_id: str) -> Key:
    return Key(f"USER#{user_id}", "USER")


def email_key(email: str) -> Key:
    """The item that reserves an email address for one account."""
    return Key(f"EMAIL#{email}", "EMAIL")


def meetup_key(meetup_id: str) -> Key:
    return Key(f"MEETUP#{meetup_id}", "MEETUP")


def counts_key(meetup_id: str) -> Key:
    """Kept apart from the meetup so that answers never move the meetup's version."""
    return Key(f"MEETUP#{meetup_id}", "MEETUP#COUNTS")


MEETUP_AND_COUNTS_PREFIX = "MEETUP"
INVITATION_PREFIX = "INVITATION#"


def invitation_key(meetup_id: str, email: str) -> Key:
    """Keyed by email, so that one person is invited to one meetup at most once."""
    return Key(f"MEETUP#{meetup_id}", f"{INVITATION_PREFIX}{email}")


def organizer_partition(user_id: str) -> str:
    """gsi1: an organizer's meetups, by start."""
    return f"ORGANIZER#{user_id}"


def invitee_partition(email: str) -> str:
    """gsi1: the invitations of one email address, by the start of their meetups."""
    return f"INVITEE#{email}"


def invitee_position(starts_at: datetime, meetup_id: str) -> str:
    """gsi1: an invitation's place in its address's list, by its meetup's start."""
    return f"{instant(starts_at)}#{meetup_id}"


# gsi1: where the invitations stored before they carried their meetup's start sort, after
# every instant (``M`` > ``9``), until a read of their address's list places them.
UNPLACED_INVITEE_PREFIX = "MEETUP#"
# Above every instant a key holds, below the unplaced invitations.
LAST_INSTANT = "9999"


WAITLIST_PREFIX = "WAITLIST#"


def waitlist_key(meetup_id: str, since: datetime, email: str) -> Key:
    """One place in a meetup's waiting list, in order of joining (then of address)."""
    return Key(f"MEETUP#{meetup_id}", f"{WAITLIST_PREFIX}{instant_ms(since)}#{email}")


def instant_ms(moment: datetime) -> str:
    """A UTC instant to the millisecond, fixed width, for orders finer than a second."""
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


MEDIA_PREFIX = "MEDIA#"


def media_key(meetup_id: str, media_id: str) -> Key:
    """A photo or video, kept under its meetup (deleted with it)."""
    return Key(f"MEETUP#{meetup_id}", f"{MEDIA_PREFIX}{media_id}")


def cover_key(meetup_id: str) -> Key:
    """The meetup's cover: a copy of its first ready photo, read in batches for lists."""
    return Key(f"MEETUP#{meetup_id}", "COVER")


def media_list_key(meetup_id: str) -> Key:
    """The ids of the meetup's photos and videos, read in batches for lists."""
    return Key(f"MEETUP#{meetup_id}", "MEDIA_LIST")


# gsi2: the photos and videos being processed, by when their processing started (the
# stalled-media job's list). One partition: an upload is in it for the seconds or minutes
# its processing takes, so it holds few at any time.
PROCESSING_MEDIA_PARTITION = "MEDIA#PROCESSING"


def purge_key(meetup_id: str) -> Key:
    """The marker of a meetup being deleted, kept until its last item is gone."""
    return Key(f"MEETUP#{meetup_id}", "PURGE")


def drafts_partition(moment: datetime) -> str:
    """gsi2: drafts last changed on one UTC day, by that time (the clean-up's abandoned drafts)."""
    return f"DRAFTS#{moment.astimezone(UTC):%Y-%m-%d}"


def purges_partition(moment: datetime) -> str:
    """gsi2: meetups whose deletion began on one UTC day and may not have finished."""
    return f"PURGES#{moment.astimezone(UTC):%Y-%m-%d}"


def starts_partition(moment: datetime) -> str:
    """gsi2: published meetups starting on one UTC day, by start."""
    return f"STARTS#{moment.astimezone(UTC):%Y-%m-%d}"


TICKET_PREFIX = "TICKET#"


def ticket_key(meetup_id: str, ticket_id: str) -> Key:
    """A ticket, kept under its meetup (its refunds are found there when it is cancelled)."""
    return Key(f"MEETUP#{meetup_id}", f"{TICKET_PREFIX}{ticket_id}")


def holds_partition(moment: datetime) -> str:
    """gsi2: tickets holding a seat whose hold ends on one UTC day, by that end."""
    return f"HOLDS#{moment.astimezone(UTC):%Y-%m-%d}"


LEDGER_PREFIX = "LEDGER#"


def ledger_key(organizer_id: str, recorded_at: datetime, entry_id: str) -> Key:
    """One entry of an organizer's ledger, in the order they were recorded."""
    return Key(f"USER#{organizer_id}", f"{LEDGER_PREFIX}{instant_ms(recorded_at)}#{entry_id}")


def payable_partition(moment: datetime) -> str:
    """gsi2: sales that become available for payout on one UTC day (the payout job's list)."""
    return f"PAYABLE#{moment.astimezone(UTC):%Y-%m-%d}"


def payout_account_key(user_id: str) -> Key:
    """The organizer's account at the payment provider."""
    return Key(f"USER#{user_id}", "PAYOUT_ACCOUNT")


def series_key(series_id: str) -> Key:
    return Key(f"SERIES#{series_id}", "SERIES")


OCCURRENCE_PREFIX = "OCCURRENCE#"


def occurrence_key(series_id: str, number: int) -> Key:
    """Occurrence ``number`` of a series exists: written once, whoever creates it first."""
    return Key(f"SERIES#{series_id}", f"{OCCURRENCE_PREFIX}{number:04d}")


SERIES_ANSWER_PREFIX = "ANSWER#"


def series_answer_key(series_id: str, email: str) -> Key:
    """An invitee's answer for every occurrence of a series, the ones to come included."""
    return Key(f"SERIES#{series_id}", f"{SERIES_ANSWER_PREFIX}{email}")


# gsi2: the published series whose occurrences the daily job extends.
ACTIVE_SERIES_PARTITION = "SERIES#ACTIVE"
