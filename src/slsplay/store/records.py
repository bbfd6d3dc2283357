"""How domain objects become items and back. Attribute names here are the stored format."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.media import Media, MediaKind, MediaStatus, Rendition
from slsplay.domain.meetup_details import MeetupDetails, Visibility
from slsplay.domain.meetups import Meetup, MeetupCounts, MeetupStatus
from slsplay.domain.money import Price
from slsplay.domain.recurrence import Recurrence
from slsplay.domain.series import Series
from slsplay.domain.tickets import EntryKind, LedgerEntry, Ticket, TicketStatus
from slsplay.domain.users import User
from slsplay.ports import PK, SK, Item, Key
from slsplay.store import schema

MEETUP_TYPE = "meetup"
COUNTS_TYPE = "meetup_counts"
INVITATION_TYPE = "invitation"
USER_TYPE = "user"
EMAIL_TYPE = "email"
PURGE_TYPE = "purge"
MEDIA_TYPE = "media"
WAITLIST_TYPE = "waitlist"
COVER_TYPE = "cover"
MEDIA_LIST_TYPE = "media_list"
TICKET_TYPE = "ticket"
SERIES_TYPE = "series"
OCCURRENCE_TYPE = "occurrence"
SERIES_ANSWER_TYPE = "series_answer"
LEDGER_TYPE = "ledger_entry"
PAYOUT_ACCOUNT_TYPE = "payout_account"


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _parse_time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _required_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _keyed(key: Key, **attributes: object) -> Item:
    return {PK: key.pk, SK: key.sk, **attributes}


# -- meetups --------------------------------------------------------------------------------


def meetup_item(meetup: Meetup) -> Item:
    d = meetup.details
    starts = schema.instant(d.starts_at)
    item = _keyed(
        schema.meetup_key(meetup.id),
        type=MEETUP_TYPE,
        id=meetup.id,
        organizer_id=meetup.organizer_id,
        **_details_attributes(d),
        status=meetup.status.value,
        version=meetup.version,
        created_at=_time(meetup.created_at),
        updated_at=_time(meetup.updated_at),
        published_at=_time(meetup.published_at),
        cancelled_at=_time(meetup.cancelled_at),
        previous_start=_time(meetup.previous_start),
        series_id=meetup.series_id,
        occurrence=meetup.occurrence,
        gsi1pk=schema.organizer_partition(meetup.organizer_id),
        gsi1sk=f"{starts}#{meetup.id}",
    )
    if meetup.status is MeetupStatus.PUBLISHED:
        # Sparse: only published meetups are found by start time (attendee lists, reminders).
        item["gsi2pk"] = schema.starts_partition(d.starts_at)
        item["gsi2sk"] = f"{starts}#{meetup.id}"
    elif meetup.status is MeetupStatus.DRAFT:
        # Drafts by the time of their last change (the clean-up finds abandoned ones).
        item["gsi2pk"] = schema.drafts_partition(meetup.updated_at)
        item["gsi2sk"] = f"{schema.instant(meetup.updated_at)}#{meetup.id}"
    return item


def purge_marker_item(meetup_id: str, now: datetime) -> Item:
    """Marks a deleted meetup whose other items may still be there, found by the day it began."""
    return _keyed(
        schema.purge_key(meetup_id),
        type=PURGE_TYPE,
        meetup_id=meetup_id,
        at=_time(now),
        gsi2pk=schema.purges_partition(now),
        gsi2sk=f"{schema.instant(now)}#{meetup_id}",
    )


def _details_attributes(d: MeetupDetails) -> dict[str, object]:
    return {
        "title": d.title,
        "description": d.description,
        "category": d.category,
        "starts_at": schema.instant(d.starts_at),
        "timezone": d.timezone,
        "duration_minutes": d.duration_minutes,
        "join_url": d.join_url,
        "capacity": d.capacity,
        "price": None
        if d.price is None
        else {"amount_minor": d.price.amount_minor, "currency": d.price.currency},
        "visibility": d.visibility.value,
        "rsvp_closes_at": _time(d.rsvp_closes_at),
    }


def _details_from(item: Item) -> MeetupDetails:
    price = item.get("price")
    return MeetupDetails(
        title=item["title"],
        description=item["description"],
        category=item["category"],
        starts_at=_required_time(item["starts_at"]),
        timezone=item["timezone"],
        duration_minutes=item["duration_minutes"],
        join_url=item["join_url"],
        capacity=item.get("capacity"),
        price=None if price is None else Price(price["amount_minor"], price["currency"]),
        visibility=Visibility(item["visibility"]),
        rsvp_closes_at=_parse_time(item.get("rsvp_closes_at")),
    )


def meetup_from_item(item: Item) -> Meetup:
    return Meetup(
        id=item["id"],
        organizer_id=item["organizer_id"],
        details=_details_from(item),
        created_at=_required_time(item["created_at"]),
        updated_at=_required_time(item["updated_at"]),
        status=MeetupStatus(item["status"]),
        version=item["version"],
        published_at=_parse_time(item.get("published_at")),
        cancelled_at=_parse_time(item.get("cancelled_at")),
        previous_start=_parse_time(item.get("previous_start")),
        series_id=item.get("series_id"),
        occurrence=item.get("occurrence"),
    )


def counts_item(meetup_id: str, counts: MeetupCounts) -> Item:
    return _keyed(
        schema.counts_key(meetup_id),
        type=COUNTS_TYPE,
        invited=counts.invited,
        attending=counts.attending,
        declined=counts.declined,
        waitlisted=counts.waitlisted,
        held=counts.held,
        # The sum the capacity conditions compare (a condition cannot add two attributes).
        taken=counts.taken,
    )


def counts_from_item(item: Item | None) -> MeetupCounts:
    if item is None:
        return MeetupCounts()
    return MeetupCounts(
        invited=item.get("invited", 0),
        attending=item.get("attending", 0),
        declined=item.get("declined", 0),
        waitlisted=item.get("waitlisted", 0),
        held=item.get("held", 0),
    )


# -- invitations ----------------------------------------------------------------------------


def invitation_item(invitation: Invitation) -> Item:
    return _keyed(
        schema.invitation_key(invitation.meetup_id, invitation.email),
        type=INVITATION_TYPE,
        id=invitation.id,
        meetup_id=invitation.meetup_id,
        email=invitation.email,
        name=invitation.name,
        invited_at=_time(invitation.invited_at),
        sent_at=_time(invitation.sent_at),
        response=invitation.response.value,
        responded_at=_time(invitation.responded_at),
        unsubscribed_at=_time(invitation.unsubscribed_at),
        waitlisted_at=_time(invitation.waitlisted_at),
        ticket_id=invitation.ticket_id,
        joined=invitation.joined,
        version=invitation.version,
        gsi1pk=schema.invitee_partition(invitation.email),
        **invitee_placement(invitation),
    )


def invitee_placement(invitation: Invitation) -> dict[str, str | None]:
    """The attributes that place an invitation in its address's list (gsi1)."""
    return {
        "meetup_starts_at": _time(invitation.meetup_starts_at),
        "gsi1sk": invitee_sort_key(invitation),
    }


def invitee_sort_key(invitation: Invitation) -> str:
    """The invitation's place in its address's list (gsi1), by its meetup's start."""
    if invitation.meetup_starts_at is None:
        return f"{schema.UNPLACED_INVITEE_PREFIX}{invitation.meetup_id}"
    return schema.invitee_position(invitation.meetup_starts_at, invitation.meetup_id)


def invitation_from_item(item: Item) -> Invitation:
    return Invitation(
        id=item["id"],
        meetup_id=item["meetup_id"],
        email=item["email"],
        name=item.get("name"),
        invited_at=_required_time(item["invited_at"]),
        sent_at=_parse_time(item.get("sent_at")),
        response=Answer(item["response"]),
        responded_at=_parse_time(item.get("responded_at")),
        unsubscribed_at=_parse_time(item.get("unsubscribed_at")),
        waitlisted_at=_parse_time(item.get("waitlisted_at")),
        ticket_id=item.get("ticket_id"),
        joined=item.get("joined", False),
        meetup_starts_at=_parse_time(item.get("meetup_starts_at")),
        version=item["version"],
    )


def waitlist_item(invitation: Invitation) -> Item:
    """A place in line, pointing at the invitation waiting in it."""
    assert invitation.waitlisted_at is not None
    return _keyed(
        schema.waitlist_key(invitation.meetup_id, invitation.waitlisted_at, invitation.email),
        type=WAITLIST_TYPE,
        meetup_id=invitation.meetup_id,
        email=invitation.email,
    )


# -- media ----------------------------------------------------------------------------------


def media_item(media: Media) -> Item:
    item = _media_attributes(schema.media_key(media.meetup_id, media.id), MEDIA_TYPE, media)
    if media.status is MediaStatus.PROCESSING:
        # Sparse: only uploads being processed are found by when that started.
        item["gsi2pk"] = schema.PROCESSING_MEDIA_PARTITION
        item["gsi2sk"] = f"{schema.instant(media.updated_at)}#{media.meetup_id}#{media.id}"
    return item


def cover_item(media: Media) -> Item:
    """The meetup's cover: a copy of one of its photos."""
    return _media_attributes(schema.cover_key(media.meetup_id), COVER_TYPE, media)


_LISTED = "media_"


def media_list_entry(media_id: str) -> str:
    """The attribute of a meetup's media list that names one of its photos or videos."""
    return f"{_LISTED}{media_id}"


def media_list_item(meetup_id: str, media_ids: Sequence[str] = ()) -> Item:
    """A meetup's media list naming ``media_ids`` (a new meetup's names none)."""
    return _keyed(
        schema.media_list_key(meetup_id),
        type=MEDIA_LIST_TYPE,
        **{media_list_entry(media_id): True for media_id in media_ids},
    )


def media_list_ids(item: Item) -> list[str]:
    """The ids of the photos and videos a meetup's media list names."""
    return [name.removeprefix(_LISTED) for name in item if name.startswith(_LISTED)]


def _media_attributes(key: Key, item_type: str, media: Media) -> Item:
    return _keyed(
        key,
        type=item_type,
        id=media.id,
        meetup_id=media.meetup_id,
        kind=media.kind.value,
        content_type=media.content_type,
        size=media.size,
        status=media.status.value,
        reason=media.reason,
        renditions=[
            {"name": r.name, "content_type": r.content_type, "width": r.width, "height": r.height}
            for r in media.renditions
        ],
        # Milliseconds, an integer: the stores keep numbers exact, never as floats.
        duration_ms=None
        if media.duration_seconds is None
        else round(media.duration_seconds * 1000),
        created_at=_time(media.created_at),
        updated_at=_time(media.updated_at),
        version=media.version,
        # Only on the few failed so: every other item stays as it was stored before.
        **({"timed_out": True} if media.timed_out else {}),
    )


def media_from_item(item: Item) -> Media:
    duration = item.get("duration_ms")
    return Media(
        id=item["id"],
        meetup_id=item["meetup_id"],
        kind=MediaKind(item["kind"]),
        content_type=item["content_type"],
        size=item["size"],
        created_at=_required_time(item["created_at"]),
        updated_at=_required_time(item["updated_at"]),
        status=MediaStatus(item["status"]),
        reason=item.get("reason"),
        renditions=tuple(
            Rendition(r["name"], r["content_type"], r.get("width"), r.get("height"))
            for r in item.get("renditions") or []
        ),
        duration_seconds=None if duration is None else duration / 1000,
        timed_out=bool(item.get("timed_out", False)),
        version=item["version"],
    )


# -- users ----------------------------------------------------------------------------------


def user_item(user: User) -> Item:
    item = _keyed(
        schema.user_key(user.id),
        type=USER_TYPE,
        id=user.id,
        name=user.name,
        email=user.email,
        is_guest=user.is_guest,
        created_at=_time(user.created_at),
        version=user.version,
        password_hash=user.password_hash,
        email_verified_at=_time(user.email_verified_at),
    )
    if user.address_taken:
        item["address_taken"] = True
    return item


def user_from_item(item: Item) -> User:
    return User(
        id=item["id"],
        name=item["name"],
        email=item.get("email"),
        is_guest=item["is_guest"],
        created_at=_required_time(item["created_at"]),
        version=item["version"],
        password_hash=item.get("password_hash"),
        email_verified_at=_parse_time(item.get("email_verified_at")),
        address_taken=bool(item.get("address_taken", False)),
    )


def email_item(email: str, user_id: str) -> Item:
    return _keyed(schema.email_key(email), type=EMAIL_TYPE, user_id=user_id)


# -- tickets and the ledger -----------------------------------------------------------------


def ticket_item(ticket: Ticket) -> Item:
    item = _keyed(
        schema.ticket_key(ticket.meetup_id, ticket.id),
        type=TICKET_TYPE,
        id=ticket.id,
        meetup_id=ticket.meetup_id,
        organizer_id=ticket.organizer_id,
        email=ticket.email,
        code=ticket.code,
        amount_minor=ticket.amount_minor,
        fee_minor=ticket.fee_minor,
        currency=ticket.currency,
        created_at=_time(ticket.created_at),
        expires_at=_time(ticket.expires_at),
        status=ticket.status.value,
        session_id=ticket.session_id,
        checkout_url=ticket.checkout_url,
        payment_ref=ticket.payment_ref,
        paid_at=_time(ticket.paid_at),
        refunded_at=_time(ticket.refunded_at),
        refund_ref=ticket.refund_ref,
        offered=ticket.offered,
        version=ticket.version,
    )
    if ticket.holds_seat:
        # Only held tickets are in the index the expiry job reads (a sparse index).
        item["gsi2pk"] = schema.holds_partition(ticket.expires_at)
        item["gsi2sk"] = f"{schema.instant(ticket.expires_at)}#{ticket.id}"
    return item


def ticket_from_item(item: Item) -> Ticket:
    return Ticket(
        id=item["id"],
        meetup_id=item["meetup_id"],
        organizer_id=item["organizer_id"],
        email=item["email"],
        code=item["code"],
        amount_minor=item["amount_minor"],
        fee_minor=item["fee_minor"],
        currency=item["currency"],
        created_at=_required_time(item["created_at"]),
        expires_at=_required_time(item["expires_at"]),
        status=TicketStatus(item["status"]),
        session_id=item.get("session_id"),
        checkout_url=item.get("checkout_url"),
        payment_ref=item.get("payment_ref"),
        paid_at=_parse_time(item.get("paid_at")),
        refunded_at=_parse_time(item.get("refunded_at")),
        refund_ref=item.get("refund_ref"),
        offered=item.get("offered", False),
        version=item["version"],
    )


def ledger_item(entry: LedgerEntry) -> Item:
    item = _keyed(
        schema.ledger_key(entry.organizer_id, entry.recorded_at, entry.id),
        type=LEDGER_TYPE,
        id=entry.id,
        organizer_id=entry.organizer_id,
        kind=entry.kind.value,
        amount_minor=entry.amount_minor,
        currency=entry.currency,
        recorded_at=_time(entry.recorded_at),
        available_at=_time(entry.available_at),
        meetup_id=entry.meetup_id,
        ticket_id=entry.ticket_id,
        ref=entry.ref,
    )
    if entry.kind is EntryKind.SALE:
        item["gsi2pk"] = schema.payable_partition(entry.available_at)
        item["gsi2sk"] = f"{schema.instant(entry.available_at)}#{entry.id}"
    return item


def ledger_entry_from_item(item: Item) -> LedgerEntry:
    return LedgerEntry(
        id=item["id"],
        organizer_id=item["organizer_id"],
        kind=EntryKind(item["kind"]),
        amount_minor=item["amount_minor"],
        currency=item["currency"],
        recorded_at=_required_time(item["recorded_at"]),
        available_at=_required_time(item["available_at"]),
        meetup_id=item.get("meetup_id"),
        ticket_id=item.get("ticket_id"),
        ref=item.get("ref"),
    )


def payout_account_item(user_id: str, account_id: str) -> Item:
    return _keyed(
        schema.payout_account_key(user_id),
        type=PAYOUT_ACCOUNT_TYPE,
        user_id=user_id,
        account_id=account_id,
    )


# -- monthly series -------------------------------------------------------------------------


def series_item(series: Series) -> Item:
    item = _keyed(
        schema.series_key(series.id),
        type=SERIES_TYPE,
        id=series.id,
        organizer_id=series.organizer_id,
        rule=series.rule.as_values(),
        details=_details_attributes(series.details),
        created_at=_time(series.created_at),
        updated_at=_time(series.updated_at),
        published_at=_time(series.published_at),
        generated=series.generated,
        skipped=sorted(series.skipped),
        version=series.version,
    )
    if series.published_at is not None:
        # Sparse: the daily job reads the published series to create their occurrences.
        item["gsi2pk"] = schema.ACTIVE_SERIES_PARTITION
        item["gsi2sk"] = series.id
    return item


def series_from_item(item: Item) -> Series:
    details = _details_from(item["details"])
    return Series(
        id=item["id"],
        organizer_id=item["organizer_id"],
        rule=Recurrence.parse(item["rule"], details.starts_at, details.timezone),
        details=details,
        created_at=_required_time(item["created_at"]),
        updated_at=_required_time(item["updated_at"]),
        published_at=_parse_time(item.get("published_at")),
        generated=int(item["generated"]),
        skipped=frozenset(int(n) for n in item.get("skipped") or ()),
        version=int(item["version"]),
    )


def occurrence_item(series_id: str, number: int, meetup_id: str) -> Item:
    return _keyed(
        schema.occurrence_key(series_id, number),
        type=OCCURRENCE_TYPE,
        number=number,
        meetup_id=meetup_id,
    )


def series_answer_item(series_id: str, email: str, response: Answer, at: datetime) -> Item:
    return _keyed(
        schema.series_answer_key(series_id, email),
        type=SERIES_ANSWER_TYPE,
        email=email,
        response=response.value,
        answered_at=_time(at),
    )
