"""The GraphQL schema of the web app: Relay conventions over the same use cases as REST.

Queries: ``viewer``, ``node(id)`` (Relay global ids), ``meetup(id)``, ``myMeetups`` (a Relay
connection) and ``invitation(token)``, the account-free answer page. Mutations mirror the
REST use cases; each takes an input and answers a payload whose ``userErrors`` carry the
refusals (``field``, ``message``, and the ``code`` REST's problem documents carry).

Resolvers call the services only. Fields that a list asks of every item (counts, the
organizer's name, the cover) go through the request's loaders, one store request per page.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext, Info

from slsplay.domain.errors import DomainError, FieldError, InvalidInput, NotFound, field_error
from slsplay.domain.invitations import Invitation as DomainInvitation
from slsplay.domain.invitations import Response as Answer
from slsplay.domain.media import Media as DomainMedia
from slsplay.domain.media import MediaKind
from slsplay.domain.meetups import Meetup as DomainMeetup
from slsplay.domain.money import display
from slsplay.domain.tickets import Quote as DomainQuote
from slsplay.domain.tickets import Ticket as DomainTicket
from slsplay.graphql.context import Context
from slsplay.services import answers, auth, discovery, media, meetups, tickets, views
from slsplay.services.auth import Session as DomainSession
from slsplay.services.media import Shown

T = TypeVar("T")
MAX_PAGE = 50  # meetups per page
MAX_INVITATIONS_PAGE = 500


# -- Relay global ids -------------------------------------------------------------------------


def to_global_id(type_name: str, local_id: str) -> strawberry.ID:
    """``base64("Meetup:01J...")``, as Relay's servers write them."""
    return strawberry.ID(base64.b64encode(f"{type_name}:{local_id}".encode()).decode())


def from_global_id(global_id: str) -> tuple[str, str]:
    """The type name and local id of a global id; ``NotFound`` for anything else."""
    try:
        type_name, _, local_id = base64.b64decode(global_id, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError) as e:
        raise NotFound("not_found", "There is no such object.") from e
    if not type_name or not local_id:
        raise NotFound("not_found", "There is no such object.")
    return type_name, local_id


def _meetup_id(global_id: str) -> str:
    type_name, local_id = from_global_id(global_id)
    if type_name != "Meetup":
        raise NotFound("meetup_not_found")
    return local_id


# -- shared shapes ----------------------------------------------------------------------------


@strawberry.interface(description="An object with a global id (Relay).")
class Node:
    id: strawberry.ID


@strawberry.type(description="A refusal: the field it is about (null: the whole input).")
class UserError:
    field: str | None
    message: str
    code: str = strawberry.field(description="The stable code REST's problem documents carry.")


def _camel(path: str) -> str:
    """``invitees[2].starts_at`` -> ``invitees[2].startsAt`` (GraphQL's field names)."""
    head, *rest = path.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


# Refusals about one field of the input though they are no validation error.
FIELD_OF_CODE = {"email_taken": "email"}


def user_errors(error: DomainError) -> list[UserError]:
    """A refusal as userErrors: one per invalid field, else one for the whole input."""
    if isinstance(error, InvalidInput) and error.errors:
        return [
            UserError(field=_camel(e.field), message=e.message, code=error.code)
            for e in error.errors
        ]
    return [UserError(field=FIELD_OF_CODE.get(error.code), message=error.message, code=error.code)]


def attempt(action: Callable[[], T]) -> tuple[T | None, list[UserError]]:
    """Run a use case; its refusal becomes userErrors instead of an error of the request."""
    try:
        return action(), []
    except DomainError as error:
        return None, user_errors(error)


@strawberry.enum
class Visibility(Enum):
    PRIVATE = "private"
    PUBLIC = "public"


@strawberry.enum
class MeetupStatus(Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


@strawberry.enum
class Phase(Enum):
    DRAFT = "draft"
    UPCOMING = "upcoming"
    LIVE = "live"
    ENDED = "ended"
    CANCELLED = "cancelled"


@strawberry.enum
class InvitationResponse(Enum):
    NONE = "none"
    ATTENDING = "attending"
    DECLINED = "declined"
    WAITLISTED = "waitlisted"


@strawberry.enum
class AnswerChoice(Enum):
    ATTENDING = "attending"
    DECLINED = "declined"


@strawberry.enum
class TicketState(Enum):
    HELD = "held"
    PAID = "paid"
    LAPSED = "lapsed"
    FORFEITED = "forfeited"
    REFUNDED = "refunded"


@strawberry.enum
class LedgerEntryKind(Enum):
    SALE = "sale"
    PLATFORM_FEE = "platform_fee"
    REFUND = "refund"
    FEE_REFUND = "fee_refund"
    PAYOUT = "payout"


@strawberry.enum
class SearchOrder(Enum):
    SOONEST = "soonest"
    NEWEST = "newest"
    CLOSING = "closing"
    POPULAR = "popular"
    RELEVANCE = "relevance"


@strawberry.enum
class MediaKindChoice(Enum):
    PHOTO = "photo"
    VIDEO = "video"


@strawberry.enum
class MediaStatus(Enum):
    UPLOADING = "uploading"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


# -- users and sessions -----------------------------------------------------------------------


@strawberry.type
class User(Node):
    email: str | None
    name: str | None
    is_guest: bool
    email_verified: bool = strawberry.field(
        default=False, description="The address was proved (an emailed link or code)."
    )


def _user(user: Any) -> User:
    return User(
        id=to_global_id("User", user.id),
        email=user.email,
        name=user.name,
        is_guest=user.is_guest,
        email_verified=user.email_verified,
    )


@strawberry.type
class UserPayload:
    user: User | None
    user_errors: list[UserError]


@strawberry.type(description="Accepted: an email goes out if an account has the address.")
class AcceptedPayload:
    accepted: bool
    user_errors: list[UserError]


def _accepted(action: Callable[[], None]) -> AcceptedPayload:
    def run() -> bool:
        action()
        return True

    done, errors = attempt(run)
    return AcceptedPayload(accepted=bool(done), user_errors=errors)


@strawberry.type
class Session:
    user: User
    access_token: str
    refresh_token: str
    token_type: str = "Bearer"  # noqa: S105  (the scheme's name, not a secret)
    expires_in: int = 0


def _session(session: DomainSession) -> Session:
    return Session(
        user=_user(session.user),
        access_token=session.access_token,
        refresh_token=session.refresh_token,
        expires_in=session.expires_in,
    )


# -- media ------------------------------------------------------------------------------------


@strawberry.type
class Rendition:
    name: str
    content_type: str
    width: int | None
    height: int | None
    url: str = strawberry.field(description="Signed; works for an hour (HTTP ranges too).")


@strawberry.type
class Media:
    id: strawberry.ID
    media_id: str = strawberry.field(description="Its own id, as REST routes take it.")
    kind: MediaKindChoice
    status: MediaStatus
    reason: str | None
    content_type: str
    size: int
    duration_seconds: float | None
    renditions: list[Rendition]
    stream_url: str | None = strawberry.field(description="A video's HLS playlist, signed.")
    poster_url: str | None
    created_at: datetime
    updated_at: datetime


def _media(shown: Shown) -> Media:
    item = shown.media
    renditions = [
        Rendition(
            name=r.name,
            content_type=r.content_type,
            width=r.width,
            height=r.height,
            url=shown.urls[r.name],
        )
        for r in item.renditions
    ]
    return Media(
        id=to_global_id("Media", f"{item.meetup_id}/{item.id}"),
        media_id=item.id,
        kind=MediaKindChoice(item.kind.value),
        status=MediaStatus(item.status.value),
        reason=item.reason,
        content_type=item.content_type,
        size=item.size,
        duration_seconds=item.duration_seconds,
        renditions=renditions,
        stream_url=shown.stream_url,
        poster_url=shown.poster_url,
        created_at=item.created_at,
        updated_at=item.updated_at,
    )


def _shown(context: Context, items: tuple[DomainMedia, ...]) -> list[Media]:
    return [
        _media(s) for s in media.links_for(items, context.app.media, context.signer, context.now)
    ]


@strawberry.type
class FormField:
    name: str
    value: str


@strawberry.type(description="POST the fields as multipart/form-data to url, the file last.")
class UploadForm:
    url: str
    fields: list[FormField]


# -- meetups ----------------------------------------------------------------------------------


@strawberry.type
class Organizer:
    id: strawberry.ID
    name: str


@strawberry.type
class Price:
    amount_minor: int
    currency: str
    display: str


def _money(amount_minor: int, currency: str) -> Price:
    return Price(
        amount_minor=amount_minor, currency=currency, display=display(amount_minor, currency)
    )


@strawberry.type(description="What a ticket to a paid meetup costs, shown before paying.")
class Quote:
    price: Price
    fee: Price | None = strawberry.field(description="The platform's service fee, on top.")
    total: Price


def _quote(meetup: DomainMeetup) -> Quote | None:
    if meetup.details.price is None:
        return None
    quote = DomainQuote.of(meetup.details.price)
    currency = quote.price.currency
    return Quote(
        price=_money(quote.price.amount_minor, currency),
        fee=_money(quote.fee_minor, currency) if quote.fee_minor else None,
        total=_money(quote.total_minor, currency),
    )


@strawberry.type(description="An invitee's ticket: being paid at checkout, paid, or after.")
class Ticket:
    id: strawberry.ID
    status: TicketState
    code: str | None = strawberry.field(description="The ticket's short code, once paid.")
    total: Price
    checkout_url: str | None = strawberry.field(description="Where to pay, while held.")
    expires_at: datetime | None = strawberry.field(description="When the held seat goes back.")
    paid_at: datetime | None


def _ticket(ticket: DomainTicket | None) -> Ticket | None:
    if ticket is None:
        return None
    held = ticket.holds_seat
    return Ticket(
        id=strawberry.ID(ticket.id),
        status=TicketState(ticket.status.value),
        code=ticket.shown_code,
        total=_money(ticket.total_minor, ticket.currency),
        checkout_url=ticket.checkout_url if held else None,
        expires_at=ticket.expires_at if held else None,
        paid_at=ticket.paid_at,
    )


@strawberry.type
class Balance:
    currency: str
    total: Price
    available: Price = strawberry.field(description="What may be paid out now.")


@strawberry.type
class LedgerEntry:
    id: strawberry.ID
    kind: LedgerEntryKind
    amount: Price
    meetup_id: str | None
    recorded_at: datetime
    available_at: datetime


@strawberry.type(description="An organizer's money: balances, latest entries, payout account.")
class Statement:
    balances: list[Balance]
    entries: list[LedgerEntry]
    payout_account_id: str | None


@strawberry.type
class Counts:
    invited: int
    attending: int
    declined: int
    waitlisted: int


@strawberry.type
class Invitation:
    id: strawberry.ID
    email: str
    name: str | None
    sent: bool
    response: InvitationResponse
    responded_at: datetime | None


def _invitation(invitation: DomainInvitation) -> Invitation:
    return Invitation(
        id=to_global_id("Invitation", f"{invitation.meetup_id}/{invitation.email}"),
        email=invitation.email,
        name=invitation.name,
        sent=invitation.sent,
        response=InvitationResponse(invitation.response.value),
        responded_at=invitation.responded_at,
    )


@strawberry.type
class Meetup(Node):
    """A meetup as its viewer may see it."""

    domain: strawberry.Private[DomainMeetup]
    invitation: strawberry.Private[DomainInvitation | None] = None

    @strawberry.field(description="The meetup's own id, as REST routes take it.")
    def meetup_id(self) -> str:
        return self.domain.id

    @strawberry.field
    def title(self) -> str:
        return self.domain.details.title

    @strawberry.field
    def description(self) -> str:
        return self.domain.details.description

    @strawberry.field
    def category(self) -> str:
        return self.domain.details.category

    @strawberry.field
    def starts_at(self) -> datetime:
        return self.domain.starts_at

    @strawberry.field
    def ends_at(self) -> datetime:
        return self.domain.ends_at

    @strawberry.field
    def timezone(self) -> str:
        return self.domain.details.timezone

    @strawberry.field
    def duration_minutes(self) -> int:
        return self.domain.details.duration_minutes

    @strawberry.field
    def visibility(self) -> Visibility:
        return Visibility(self.domain.details.visibility.value)

    @strawberry.field(description="As set by the organizer (null: none).")
    def rsvp_closes_at(self) -> datetime | None:
        return self.domain.details.rsvp_closes_at

    @strawberry.field(description="When answers stop being taken: the start by default.")
    def answers_close_at(self) -> datetime:
        return self.domain.answers_close_at

    @strawberry.field(
        description="The monthly series this meetup is an occurrence of (REST: /series)."
    )
    def series_id(self) -> strawberry.ID | None:
        return None if self.domain.series_id is None else strawberry.ID(self.domain.series_id)

    @strawberry.field(description="Its number in the series (the first is 1).")
    def occurrence(self) -> int | None:
        return self.domain.occurrence

    @strawberry.field
    def status(self) -> MeetupStatus:
        return MeetupStatus(self.domain.status.value)

    @strawberry.field
    def phase(self, info: Info[Context, None]) -> Phase:
        return Phase(self.domain.phase(info.context.now).value)

    @strawberry.field
    def version(self) -> int:
        return self.domain.version

    @strawberry.field
    def capacity(self) -> int | None:
        return self.domain.details.capacity

    @strawberry.field
    def price(self) -> Price | None:
        price = self.domain.details.price
        if price is None:
            return None
        return Price(
            amount_minor=price.amount_minor, currency=price.currency, display=price.formatted()
        )

    @strawberry.field(description="Only for the organizer and for attendees.")
    def join_url(self, info: Info[Context, None]) -> str | None:
        viewer = info.context.caller.user_id if info.context.caller else None
        if self.domain.reveals_join_url(viewer, self.invitation):
            return self.domain.details.join_url
        return None

    @strawberry.field
    async def organizer(self, info: Info[Context, None]) -> Organizer:
        name = await info.context.names.load(self.domain.organizer_id)
        return Organizer(
            id=to_global_id("User", self.domain.organizer_id), name=name or "Organizer"
        )

    @strawberry.field
    async def counts(self, info: Info[Context, None]) -> Counts:
        counts = await info.context.counts.load(self.domain.id)
        return Counts(
            invited=counts.invited,
            attending=counts.attending,
            declined=counts.declined,
            waitlisted=counts.waitlisted,
        )

    @strawberry.field(description="The first ready photo, for lists and previews.")
    async def cover_image(self, info: Info[Context, None]) -> Media | None:
        cover = await info.context.covers.load(self.domain.id)
        return None if cover is None else _shown(info.context, (cover,))[0]

    @strawberry.field(description="The organizer sees every upload; others, what is ready.")
    async def media(self, info: Info[Context, None]) -> list[Media]:
        context = info.context
        items = await context.media.load(self.domain.id)
        organizer = context.caller is not None and self.domain.is_organizer(context.caller.user_id)
        return _shown(context, media.shown_to(items, organizer=organizer, now=context.now))

    @strawberry.field(description="Who is invited and each answer (the organizer only).")
    def invitations(
        self, info: Info[Context, None], first: int = 100, after: str | None = None
    ) -> InvitationConnection:
        limit = _page_size(first, MAX_INVITATIONS_PAGE)
        page, following = meetups.invitations_of(
            info.context.app.store, info.context.user_id, self.domain.id, limit=limit, cursor=after
        )
        return InvitationConnection(
            nodes=[_invitation(i) for i in page],
            page_info=PageInfo(has_next_page=following is not None, end_cursor=following),
        )

    @strawberry.field(description="Everyone attending, in the order they answered (organizer).")
    def attendees(self, info: Info[Context, None]) -> list[Invitation]:
        people = meetups.attendees_of(info.context.app.store, info.context.user_id, self.domain.id)
        return [_invitation(p) for p in people]

    @strawberry.field(description="Who waits for a seat, first in line first (organizer).")
    def waitlist(self, info: Info[Context, None]) -> list[Invitation]:
        people = answers.waiting_list_of(
            info.context.app.store, info.context.user_id, self.domain.id
        )
        return [_invitation(p) for p in people]

    @strawberry.field
    def created_at(self) -> datetime:
        return self.domain.created_at

    @strawberry.field
    def updated_at(self) -> datetime:
        return self.domain.updated_at


def _meetup(meetup: DomainMeetup, invitation: DomainInvitation | None = None) -> Meetup:
    return Meetup(id=to_global_id("Meetup", meetup.id), domain=meetup, invitation=invitation)


# -- connections ------------------------------------------------------------------------------


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None
    has_previous_page: bool = False
    start_cursor: str | None = None


@strawberry.type
class MeetupEdge:
    cursor: str
    node: Meetup


@strawberry.type
class MeetupConnection:
    edges: list[MeetupEdge]
    page_info: PageInfo

    @strawberry.field
    def nodes(self) -> list[Meetup]:
        return [edge.node for edge in self.edges]


@strawberry.type
class InvitationConnection:
    nodes: list[Invitation]
    page_info: PageInfo


def _connection(
    page: list[DomainMeetup], start: str | None, skip: int, following: str | None, after: str | None
) -> MeetupConnection:
    """A page read from a store or index cursor ``start``, less its first ``skip`` items."""
    edges = [
        MeetupEdge(cursor=edge_cursor(start, skip + n + 1), node=_meetup(m))
        for n, m in enumerate(page[skip:])
    ]
    if edges and following is not None:  # the last edge resumes where the store does
        edges[-1].cursor = edge_cursor(following, 0)
    return MeetupConnection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=following is not None,
            end_cursor=edges[-1].cursor if edges else None,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
        ),
    )


def _page_size(first: int, most: int) -> int:
    if not 1 <= first <= most:
        raise field_error("first", f"must be from 1 to {most}")
    return first


def edge_cursor(after: str | None, skip: int) -> str:
    """A cursor that resumes after the ``skip``-th item of the page that ``after`` starts.

    The store hands out one cursor per page; each edge's is that page's start and a count.
    """
    data = json.dumps({"after": after, "skip": skip}, separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode()).decode()


def _bad_cursor() -> InvalidInput:
    return InvalidInput([FieldError("after", "is not a cursor this list handed out")])


def read_edge_cursor(cursor: str | None) -> tuple[str | None, int]:
    if cursor is None:
        return None, 0
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        after, skip = data["after"], int(data["skip"])
    except (binascii.Error, ValueError, KeyError, TypeError) as e:
        raise _bad_cursor() from e
    if (after is not None and not isinstance(after, str)) or not 0 <= skip <= MAX_PAGE:
        raise _bad_cursor()
    return after, skip


# -- inputs -----------------------------------------------------------------------------------


@strawberry.input
class PriceInput:
    amount_minor: int = strawberry.field(description="In the currency's minor unit (cents).")
    currency: str = strawberry.field(description="ISO 4217, e.g. EUR.")


@strawberry.input(
    description='Repeats monthly: on the same day, or the same nth weekday ("2nd Tuesday").'
)
class RecurrenceInput:
    frequency: str = "monthly"
    by: str = strawberry.field(default="day_of_month", description="day_of_month or weekday")
    nth: int | None = strawberry.field(default=None, description="1 to 4, or -1: the last.")
    count: int | None = None
    until: date | None = strawberry.field(
        default=None, description="The last day, in the meetup's time zone."
    )


@strawberry.input
class CreateMeetupInput:
    title: str
    starts_at: datetime = strawberry.field(description="ISO 8601 with an offset.")
    timezone: str = strawberry.field(description="IANA, e.g. Europe/Berlin.")
    duration_minutes: int
    join_url: str
    description: str = ""
    category: str = "other"
    capacity: int | None = None
    price: PriceInput | None = None
    visibility: Visibility = Visibility.PRIVATE
    rsvp_closes_at: datetime | None = strawberry.field(
        default=None, description="Answers are taken until then (at or before the start)."
    )
    recurrence: RecurrenceInput | None = strawberry.field(
        default=None, description="Makes it the first occurrence of a monthly series."
    )


@strawberry.input(description="Only the fields given change; null clears capacity or price.")
class UpdateMeetupInput:
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="The version you saw; a newer one refuses the change."
    )
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    category: str | None = strawberry.UNSET
    starts_at: datetime | None = strawberry.UNSET
    timezone: str | None = strawberry.UNSET
    duration_minutes: int | None = strawberry.UNSET
    join_url: str | None = strawberry.UNSET
    capacity: int | None = strawberry.UNSET
    price: PriceInput | None = strawberry.UNSET
    visibility: Visibility | None = strawberry.UNSET
    rsvp_closes_at: datetime | None = strawberry.UNSET
    apply_to: str = strawberry.field(
        default="this", description="An occurrence: this, or following (this and all future)."
    )


def _values(data: Any, skip: tuple[str, ...] = ()) -> dict[str, object]:
    """An input's fields that were given, as the services take them (REST's JSON names)."""
    values: dict[str, object] = {}
    for name, given in vars(data).items():
        if name in skip or given is strawberry.UNSET:
            continue
        if isinstance(given, Enum):
            values[name] = given.value
        elif isinstance(given, PriceInput):
            values[name] = {"amount_minor": given.amount_minor, "currency": given.currency}
        elif isinstance(given, RecurrenceInput):
            values[name] = {k: v for k, v in vars(given).items() if v is not None}
        else:
            values[name] = given
    return values


@strawberry.input
class InviteeInput:
    email: str
    name: str | None = None


@strawberry.input
class InviteGuestsInput:
    meetup_id: strawberry.ID
    invitees: list[InviteeInput]


@strawberry.input
class RequestUploadInput:
    meetup_id: strawberry.ID
    kind: MediaKindChoice
    content_type: str
    size: int = strawberry.field(description="In bytes: photos up to 10 MB, videos up to 200 MB.")


@strawberry.input
class SignUpInput:
    email: str
    password: str
    name: str


@strawberry.input
class LogInInput:
    email: str
    password: str


# -- payloads ---------------------------------------------------------------------------------


@strawberry.type
class MeetupPayload:
    meetup: Meetup | None
    user_errors: list[UserError]


@strawberry.type
class DeletePayload:
    deleted_id: strawberry.ID | None
    user_errors: list[UserError]


@strawberry.type
class InvitePayload:
    invitations: list[Invitation]
    user_errors: list[UserError]


@strawberry.type
class AnswerPage:
    """What an invitee sees from their answer link."""

    meetup: Meetup
    invitation: Invitation
    quote: Quote | None = strawberry.field(description="A paid meetup's price, fee and total.")
    ticket: Ticket | None = strawberry.field(description="Their ticket, for a paid meetup.")


@strawberry.type
class AnswerPayload:
    meetup: Meetup | None
    invitation: Invitation | None
    user_errors: list[UserError]


@strawberry.type
class JoinPayload:
    token: str | None = strawberry.field(description="Your answer link's token.")
    user_errors: list[UserError]


@strawberry.type
class UploadPayload:
    media: Media | None
    upload: UploadForm | None
    user_errors: list[UserError]


@strawberry.type
class SessionPayload:
    session: Session | None
    user_errors: list[UserError]


# -- the operations ---------------------------------------------------------------------------


def _viewer(context: Context) -> User | None:
    if context.caller is None:
        return None
    return _user(auth.who_is(context.app.auth, context.caller))


def _visible_meetup(context: Context, global_id: str) -> Meetup | None:
    """A meetup its viewer may see; ``None`` for any other (nothing tells them apart)."""
    viewer = context.caller.user_id if context.caller else None
    try:
        view = views.view_meetup(context.app.store, _meetup_id(global_id), viewer)
    except NotFound:
        return None
    return _meetup(view.meetup)


@strawberry.type
class Query:
    @strawberry.field(description="Who is signed in (null: nobody).")
    def viewer(self, info: Info[Context, None]) -> User | None:
        return _viewer(info.context)

    @strawberry.field(description="Any object by its global id (Relay).")
    def node(self, info: Info[Context, None], id: strawberry.ID) -> Node | None:
        type_name, _ = from_global_id(id)
        if type_name == "Meetup":
            return _visible_meetup(info.context, id)
        if type_name == "User":
            viewer = _viewer(info.context)
            return viewer if viewer is not None and viewer.id == id else None
        return None

    @strawberry.field
    def meetup(self, info: Info[Context, None], id: strawberry.ID) -> Meetup | None:
        return _visible_meetup(info.context, id)

    @strawberry.field(description="My meetups by start, a page at a time.")
    def my_meetups(
        self, info: Info[Context, None], first: int = 20, after: str | None = None
    ) -> MeetupConnection:
        context = info.context
        limit = _page_size(first, MAX_PAGE)
        start, skip = read_edge_cursor(after)
        page, following = views.meetups_of_organizer(
            context.app.store, context.user_id, limit=limit + skip, cursor=start
        )
        return _connection(page, start, skip, following, after)

    @strawberry.field(description="Public meetups anyone can find: words, filters, an order.")
    def public_meetups(
        self,
        info: Info[Context, None],
        *,
        q: str | None = None,
        category: str | None = None,
        starts_after: datetime | None = None,
        starts_before: datetime | None = None,
        sort: SearchOrder | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> MeetupConnection:
        context = info.context
        limit = _page_size(first, MAX_PAGE)
        start, skip = read_edge_cursor(after)
        query = discovery.search_query(
            {
                "q": q,
                "category": category,
                "starts_after": None if starts_after is None else starts_after.isoformat(),
                "starts_before": None if starts_before is None else starts_before.isoformat(),
                "sort": None if sort is None else sort.value,
                "limit": str(min(limit + skip, MAX_PAGE)),
                "cursor": start,
            },
            context.now,
        )
        views, following = discovery.search_public(context.app.store, context.app.search, query)
        return _connection([v.meetup for v in views], start, skip, following, after)

    @strawberry.field(description="The answer page an email's link opens (no account needed).")
    def invitation(self, info: Info[Context, None], token: str) -> AnswerPage | None:
        context = info.context
        try:
            invitation, view = answers.open_answer_link(context.app.store, context.app.clock, token)
        except NotFound:
            return None
        return AnswerPage(
            meetup=_meetup(view.meetup, invitation),
            invitation=_invitation(invitation),
            quote=_quote(view.meetup),
            ticket=_ticket(answers.ticket_of(context.app.store, invitation)),
        )

    @strawberry.field(description="My money as an organizer: balances and latest entries.")
    def my_balance(self, info: Info[Context, None]) -> Statement:
        context = info.context
        statement = tickets.statement_of(context.app.store, context.app.clock, context.user_id)
        return Statement(
            balances=[
                Balance(
                    currency=b.currency,
                    total=_money(b.total_minor, b.currency),
                    available=_money(b.available_minor, b.currency),
                )
                for b in statement.balances
            ],
            entries=[
                LedgerEntry(
                    id=strawberry.ID(e.id),
                    kind=LedgerEntryKind(e.kind.value),
                    amount=_money(e.amount_minor, e.currency),
                    meetup_id=e.meetup_id,
                    recorded_at=e.recorded_at,
                    available_at=e.available_at,
                )
                for e in statement.entries
            ],
            payout_account_id=statement.account_id,
        )


@strawberry.type
class Mutation:
    @strawberry.mutation
    def create_meetup(self, info: Info[Context, None], input: CreateMeetupInput) -> MeetupPayload:
        context = info.context

        def create() -> Meetup:
            view = meetups.plan_meetup(
                context.app.store, context.app.clock, context.user_id, _values(input)
            )
            return _meetup(view.meetup)

        meetup, errors = attempt(create)
        return MeetupPayload(meetup=meetup, user_errors=errors)

    @strawberry.mutation
    def update_meetup(self, info: Info[Context, None], input: UpdateMeetupInput) -> MeetupPayload:
        context = info.context

        def update() -> Meetup:
            view = meetups.edit_meetup(
                context.app.store,
                context.app.clock,
                context.user_id,
                _meetup_id(input.id),
                _values(input, skip=("id", "expected_version", "apply_to")),
                expected_version=input.expected_version,
                scope=input.apply_to,
            )
            return _meetup(view.meetup)

        meetup, errors = attempt(update)
        return MeetupPayload(meetup=meetup, user_errors=errors)

    @strawberry.mutation(
        description=(
            "Guests are refused with signup_required, accounts whose email is not confirmed"
            " with verification_required; drafts are kept."
        )
    )
    def publish_meetup(self, info: Info[Context, None], id: strawberry.ID) -> MeetupPayload:
        context = info.context

        def publish() -> Meetup:
            view = meetups.publish_meetup(
                context.app.store, context.app.clock, context.user_id, _meetup_id(id)
            )
            return _meetup(view.meetup)

        meetup, errors = attempt(publish)
        return MeetupPayload(meetup=meetup, user_errors=errors)

    @strawberry.mutation
    def cancel_meetup(self, info: Info[Context, None], id: strawberry.ID) -> MeetupPayload:
        context = info.context

        def cancel() -> Meetup:
            view = meetups.cancel_meetup(
                context.app.store, context.app.clock, context.user_id, _meetup_id(id)
            )
            return _meetup(view.meetup)

        meetup, errors = attempt(cancel)
        return MeetupPayload(meetup=meetup, user_errors=errors)

    @strawberry.mutation(description="A draft (or a cancelled meetup) and all under it.")
    def delete_meetup(self, info: Info[Context, None], id: strawberry.ID) -> DeletePayload:
        context = info.context

        def delete() -> strawberry.ID:
            meetups.delete_meetup(
                context.app.store, context.app.clock, context.user_id, _meetup_id(id)
            )
            return id

        deleted, errors = attempt(delete)
        return DeletePayload(deleted_id=deleted, user_errors=errors)

    @strawberry.mutation
    def invite_guests(self, info: Info[Context, None], input: InviteGuestsInput) -> InvitePayload:
        context = info.context

        def invite() -> list[Invitation]:
            invited = meetups.invite_people(
                context.app.store,
                context.app.clock,
                context.user_id,
                _meetup_id(input.meetup_id),
                [{"email": i.email, "name": i.name} for i in input.invitees],
            )
            return [_invitation(i) for i in invited]

        invitations, errors = attempt(invite)
        return InvitePayload(invitations=invitations or [], user_errors=errors)

    @strawberry.mutation(
        description=(
            "An invitee's answer by their link (no account needed). On a paid meetup, "
            "attending goes through checkout (POST /api/rsvp/{token}/checkout), and "
            "declining with a paid ticket needs forfeitTicket: nothing is refunded."
        )
    )
    def respond_to_invitation(
        self,
        info: Info[Context, None],
        token: str,
        response: AnswerChoice,
        forfeit_ticket: bool = False,
        scope: Annotated[
            str,
            strawberry.argument(
                description="series: this and every later occurrence, those to come too."
            ),
        ] = "this",
    ) -> AnswerPayload:
        context = info.context

        def respond() -> tuple[DomainInvitation, DomainMeetup]:
            invitation, view = answers.answer_by_link(
                context.app.store,
                context.app.clock,
                token,
                Answer(response.value),
                forfeit_ticket=forfeit_ticket,
                scope=scope,
            )
            return invitation, view.meetup

        answered, errors = attempt(respond)
        if answered is None:
            return AnswerPayload(meetup=None, invitation=None, user_errors=errors)
        invitation, meetup = answered
        return AnswerPayload(
            meetup=_meetup(meetup, invitation), invitation=_invitation(invitation), user_errors=[]
        )

    @strawberry.mutation(description="Join a public meetup: an answer link of your own.")
    def join_meetup(self, info: Info[Context, None], id: strawberry.ID) -> JoinPayload:
        context = info.context

        def join() -> str:
            app = context.app
            return discovery.join_public(
                app.store, app.clock, context.user_id, _meetup_id(id)
            ).token

        token, errors = attempt(join)
        return JoinPayload(token=token, user_errors=errors)

    @strawberry.mutation(description="A form that uploads one file straight to storage.")
    def request_upload(self, info: Info[Context, None], input: RequestUploadInput) -> UploadPayload:
        context = info.context
        app = context.app

        def request() -> tuple[Media, UploadForm]:
            item, ticket = media.request_upload(
                app.store,
                app.clock,
                app.media,
                context.user_id,
                _meetup_id(input.meetup_id),
                kind=MediaKind(input.kind.value),
                content_type=input.content_type,
                size=input.size,
            )
            fields = [FormField(name=k, value=v) for k, v in ticket.fields.items()]
            return _media(Shown(item, {})), UploadForm(url=ticket.url, fields=fields)

        made, errors = attempt(request)
        if made is None:
            return UploadPayload(media=None, upload=None, user_errors=errors)
        return UploadPayload(media=made[0], upload=made[1], user_errors=[])

    @strawberry.mutation(description="Remove a photo or video (its files follow).")
    def remove_media(
        self, info: Info[Context, None], meetup_id: strawberry.ID, media_id: str
    ) -> DeletePayload:
        context = info.context

        def remove() -> strawberry.ID:
            local_meetup = _meetup_id(meetup_id)
            media.remove_media(context.app.store, context.user_id, local_meetup, media_id)
            return to_global_id("Media", f"{local_meetup}/{media_id}")

        deleted, errors = attempt(remove)
        return DeletePayload(deleted_id=deleted, user_errors=errors)

    @strawberry.mutation(description="A new account; called by a guest, their drafts move to it.")
    def sign_up(self, info: Info[Context, None], input: SignUpInput) -> SessionPayload:
        context = info.context
        session, errors = attempt(
            lambda: auth.sign_up(
                context.app.auth, input.email, input.password, input.name, context.guest_token
            )
        )
        return SessionPayload(session=_session(session) if session else None, user_errors=errors)

    @strawberry.mutation(description="Called by a guest, their drafts move to the account.")
    def log_in(self, info: Info[Context, None], input: LogInInput) -> SessionPayload:
        context = info.context
        session, errors = attempt(
            lambda: auth.log_in(context.app.auth, input.email, input.password, context.guest_token)
        )
        return SessionPayload(session=_session(session) if session else None, user_errors=errors)

    @strawberry.mutation(description="Start as a guest: drafts only, until signing up.")
    def continue_as_guest(self, info: Info[Context, None]) -> SessionPayload:
        session, errors = attempt(lambda: auth.start_as_guest(info.context.app.auth))
        return SessionPayload(session=_session(session) if session else None, user_errors=errors)

    @strawberry.mutation(description="End the sign-in of a refresh token.")
    def log_out(self, info: Info[Context, None], refresh_token: str) -> DeletePayload:
        _, errors = attempt(lambda: auth.log_out(info.context.app.auth, refresh_token))
        return DeletePayload(deleted_id=None, user_errors=errors)

    @strawberry.mutation(description="Prove an email address with the emailed link's token.")
    def verify_email(self, info: Info[Context, None], token: str) -> UserPayload:
        user, errors = attempt(lambda: auth.verify_email(info.context.app.auth, token))
        return UserPayload(user=_user(user) if user else None, user_errors=errors)

    @strawberry.mutation(description="Email the signed-in account a new verification link.")
    def resend_verification(self, info: Info[Context, None]) -> AcceptedPayload:
        context = info.context

        def resend() -> None:
            context.user_id  # noqa: B018  (refuses an anonymous request)
            assert context.caller is not None
            auth.resend_verification(context.app.auth, context.caller)

        return _accepted(resend)

    @strawberry.mutation(description="Email a password reset link, if an account has it.")
    def forgot_password(self, info: Info[Context, None], email: str) -> AcceptedPayload:
        return _accepted(lambda: auth.forgot_password(info.context.app.auth, email))

    @strawberry.mutation(description="A new password with the emailed link's token (once).")
    def reset_password(
        self, info: Info[Context, None], token: str, password: str
    ) -> SessionPayload:
        session, errors = attempt(
            lambda: auth.reset_password(info.context.app.auth, token, password)
        )
        return SessionPayload(session=_session(session) if session else None, user_errors=errors)

    @strawberry.mutation(description="Email a 6-digit sign-in code, if an account has it.")
    def request_sign_in_code(self, info: Info[Context, None], email: str) -> AcceptedPayload:
        return _accepted(lambda: auth.request_code(info.context.app.auth, email))

    @strawberry.mutation(description="Sign in with the emailed code; 5 wrong tries end it.")
    def sign_in_with_code(self, info: Info[Context, None], email: str, code: str) -> SessionPayload:
        context = info.context
        session, errors = attempt(
            lambda: auth.sign_in_with_code(context.app.auth, email, code, context.guest_token)
        )
        return SessionPayload(session=_session(session) if session else None, user_errors=errors)

    @strawberry.mutation
    def refresh_session(self, info: Info[Context, None], refresh_token: str) -> SessionPayload:
        session, errors = attempt(lambda: auth.refresh(info.context.app.auth, refresh_token))
        return SessionPayload(session=_session(session) if session else None, user_errors=errors)


class Schema(strawberry.Schema):
    """strawberry's schema, without its logging of every error: a client's mistake is not
    the server's error, and the handler logs what is unexpected, once."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return


def build_schema(extensions: list[Any]) -> Schema:
    """The schema, with the request limits and switches given as extensions."""
    return Schema(query=Query, mutation=Mutation, types=[Meetup, User], extensions=extensions)


SDL_HEADER = "# Generated by `slsplay schema` from src/slsplay/graphql/schema.py; do not edit.\n\n"


def sdl() -> str:
    """The schema in GraphQL's schema definition language, as written to web/schema.graphql."""
    return SDL_HEADER + build_schema([]).as_str() + "\n"
