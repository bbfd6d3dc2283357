"""The JSON shapes of the HTTP API (DESIGN.md section 5), for validation and the OpenAPI document.

Requests are parsed into the ``...In`` models; ``presenters`` builds the ``...Out`` answers
straight from domain objects, and the routes return them as they are.

These models check types and shapes only; the product's rules (lengths, ranges, what is a
valid time zone) live in the domain, whose errors come back as the same problem documents.
The document still tells clients those rules: the annotated types below describe each
field with the domain's own limits and choices (``WithJsonSchema`` describes, it checks
nothing), so a change of a rule in the domain changes the document with it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from zoneinfo import available_timezones

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, WithJsonSchema

from slsplay.domain import meetup_details, money, recurrence
from slsplay.domain.invitations import NAME_MAX
from slsplay.domain.media import CONTENT_TYPES, MAX_BYTES
from slsplay.domain.users import PASSWORD_MAX, PASSWORD_MIN


def _integer(low: int, high: int) -> WithJsonSchema:
    return WithJsonSchema({"type": "integer", "minimum": low, "maximum": high})


Title = Annotated[
    str, WithJsonSchema({"type": "string", "minLength": 1, "maxLength": meetup_details.TITLE_MAX})
]
Description = Annotated[
    str, WithJsonSchema({"type": "string", "maxLength": meetup_details.DESCRIPTION_MAX})
]
Category = Annotated[str, WithJsonSchema({"type": "string", "enum": [*meetup_details.CATEGORIES]})]


class _TimeZones:
    """Describes a time zone as one of the names of the IANA database the domain checks a
    zone against. Listed when the document is made, not when a function loads the models:
    reading the database's names takes some 40 ms."""

    def __get_pydantic_json_schema__(self, *_: Any) -> dict[str, Any]:
        return {"type": "string", "enum": sorted(available_timezones())}


TimeZone = Annotated[str, _TimeZones()]
Duration = Annotated[
    int, _integer(meetup_details.DURATION_MIN_MINUTES, meetup_details.DURATION_MAX_MINUTES)
]
JoinUrl = Annotated[
    str,
    WithJsonSchema(
        {
            "type": "string",
            "format": "uri",
            "maxLength": meetup_details.JOIN_URL_MAX,
            # https, and a host name with a dot (meet.example.com), as the domain requires.
            "pattern": r"^https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+([/?#]\S*)?$",
        }
    ),
]
Capacity = Annotated[int, _integer(1, meetup_details.CAPACITY_MAX)]
AmountMinor = Annotated[int, _integer(1, money.MAX_AMOUNT_MINOR)]
Currency = Annotated[str, WithJsonSchema({"type": "string", "enum": sorted(money.CURRENCIES)})]
Email = Annotated[str, WithJsonSchema({"type": "string", "format": "email"})]
PersonName = Annotated[str, WithJsonSchema({"type": "string", "maxLength": NAME_MAX})]
Password = Annotated[
    str, WithJsonSchema({"type": "string", "minLength": PASSWORD_MIN, "maxLength": PASSWORD_MAX})
]
MediaType = Annotated[
    str,
    WithJsonSchema(
        {"type": "string", "enum": [t for types in CONTENT_TYPES.values() for t in types]}
    ),
]
MediaSize = Annotated[int, _integer(1, max(MAX_BYTES.values()))]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PriceIn(_In):
    amount_minor: AmountMinor = Field(description="The price in the currency's minor unit (cents).")
    currency: Currency = Field(description="ISO 4217 code, e.g. EUR.")


class RecurrenceIn(_In):
    """Repeats monthly from the meetup's start, on the same day of the month or on the same
    nth weekday ("2nd Tuesday"; nth -1 is the last); ends after ``count`` or on ``until``."""

    frequency: Literal["monthly"]
    by: Literal["day_of_month", "weekday"] = "day_of_month"
    nth: Annotated[int, WithJsonSchema({"type": "integer", "enum": [1, 2, 3, 4, -1]})] | None = (
        Field(default=None, description="1 to 4, or -1: the last (by weekday).")
    )
    count: Annotated[int, _integer(1, recurrence.COUNT_MAX)] | None = Field(
        default=None, description="Occurrences in all, the first included."
    )
    until: date | None = Field(default=None, description="The last day, in the meetup's zone.")


class MeetupCreate(_In):
    title: Title
    description: Description = ""
    category: Category = "other"
    starts_at: AwareDatetime = Field(description="ISO 8601 with an offset.")
    timezone: TimeZone = Field(description="The organizer's IANA time zone, e.g. Europe/Berlin.")
    duration_minutes: Duration
    join_url: JoinUrl = Field(description="The https link to join online.")
    capacity: Capacity | None = None
    price: PriceIn | None = None
    visibility: Literal["private", "public"] = "private"
    rsvp_closes_at: AwareDatetime | None = Field(
        default=None, description="Answers are taken until then (at or before the start)."
    )
    recurrence: RecurrenceIn | None = Field(
        default=None, description="Makes the meetup the first occurrence of a monthly series."
    )


class MeetupUpdate(_In):
    """Only the fields present change; ``null`` clears capacity or price."""

    title: Title | None = None
    description: Description | None = None
    category: Category | None = None
    starts_at: AwareDatetime | None = None
    timezone: TimeZone | None = None
    duration_minutes: Duration | None = None
    join_url: JoinUrl | None = None
    capacity: Capacity | None = None
    price: PriceIn | None = None
    visibility: Literal["private", "public"] | None = None
    rsvp_closes_at: AwareDatetime | None = None


class OrganizerOut(BaseModel):
    id: str
    name: str


class PriceOut(BaseModel):
    amount_minor: int = Field(description="In the currency's minor unit; negative for debits.")
    currency: str
    display: str


class CountsOut(BaseModel):
    invited: int
    attending: int
    declined: int
    waitlisted: int = Field(description="Who would attend a full meetup, in line for a seat.")


class RenditionOut(BaseModel):
    name: str = Field(description='"w960.webp", "720p.mp4", "hls/index.m3u8", "poster.jpg"...')
    content_type: str
    width: int | None
    height: int | None
    url: str = Field(description="Signed; works for an hour (HTTP ranges too).")


class MediaOut(BaseModel):
    id: str
    kind: Literal["photo", "video"]
    status: Literal["uploading", "processing", "ready", "failed"]
    reason: str | None = Field(description="Why it failed, for the organizer to read.")
    content_type: str
    size: int
    duration_seconds: float | None
    renditions: list[RenditionOut] = Field(description="Once ready.")
    stream_url: str | None = Field(description="A video's HLS playlist, signed.")
    poster_url: str | None = Field(description="A video's poster image.")
    created_at: datetime
    updated_at: datetime


class MediaIn(_In):
    kind: Literal["photo", "video"]
    content_type: MediaType = Field(
        description="Photos: image/jpeg, image/png, image/webp; videos: video/mp4, "
        "video/quicktime, video/webm."
    )
    size: MediaSize = Field(description="In bytes: photos up to 10 MB, videos up to 200 MB.")


class UploadOut(BaseModel):
    url: str
    fields: dict[str, str] = Field(
        description="POST them as multipart/form-data to url, with the file last, as 'file'."
    )


class MediaUploadOut(BaseModel):
    media: MediaOut
    upload: UploadOut


class SeriesRefOut(BaseModel):
    id: str
    occurrence: int = Field(description="This meetup's number in the series (the first is 1).")
    summary: str | None = Field(
        description='The rule in words: "Monthly on the 2nd Tuesday" (null in lists).'
    )
    rrule: str | None = Field(
        description="The RFC 5545 RRULE, from the series' first start (null in lists)."
    )


class MeetupOut(BaseModel):
    id: str
    title: str
    description: str
    category: Category
    starts_at: datetime
    ends_at: datetime
    timezone: str
    duration_minutes: int
    visibility: Literal["private", "public"]
    rsvp_closes_at: datetime | None = Field(description="As set by the organizer (null: none).")
    answers_close_at: datetime = Field(description="When answers stop: the start by default.")
    status: Literal["draft", "published", "cancelled"]
    phase: Literal["draft", "upcoming", "live", "ended", "cancelled"]
    version: int
    organizer: OrganizerOut
    capacity: int | None
    price: PriceOut | None
    join_url: str | None = Field(description="Only for the organizer and for attendees.")
    media: list[MediaOut] = Field(
        description="The organizer sees every upload; others, only what is ready."
    )
    counts: CountsOut
    series: SeriesRefOut | None = Field(
        default=None, description="For an occurrence of a monthly series: which one."
    )
    created_at: datetime
    updated_at: datetime


class OccurrenceOut(BaseModel):
    occurrence: int
    meetup_id: str
    starts_at: datetime
    status: Literal["draft", "published", "cancelled"]


class RecurrenceOut(BaseModel):
    frequency: Literal["monthly"]
    by: Literal["day_of_month", "weekday"]
    nth: int | None = None
    count: int | None = None
    until: date | None = None


class SeriesOut(BaseModel):
    id: str
    summary: str
    rule: RecurrenceOut
    first_starts_at: datetime
    timezone: str
    published: bool
    occurrences: list[OccurrenceOut] = Field(description="Those created so far (60 days ahead).")
    skipped: list[int] = Field(description="Numbers of the occurrences cancelled.")


class MeetupsPage(BaseModel):
    meetups: list[MeetupOut]
    next_cursor: str | None


class InviteeIn(_In):
    email: Email
    name: PersonName | None = None


class InviteRequest(_In):
    invitees: list[InviteeIn] = Field(min_length=1, max_length=1000)


class InvitationOut(BaseModel):
    id: str
    email: str
    name: str | None
    sent: bool
    response: Literal["none", "attending", "declined", "waitlisted"]
    responded_at: datetime | None


class InvitationsOut(BaseModel):
    invitations: list[InvitationOut]
    next_cursor: str | None = None


class AttendeeOut(BaseModel):
    name: str | None
    email: str
    responded_at: datetime | None


class WaitingOut(BaseModel):
    name: str | None
    email: str
    waitlisted_at: datetime


class AttendeesOut(BaseModel):
    attendees: list[AttendeeOut]
    waitlist: list[WaitingOut] = Field(
        description="Who waits for a seat, first in line first: a freed seat goes to them."
    )


class AnswerLinkIn(_In):
    email: Email


class AnswerLinkOut(BaseModel):
    email: str
    token: str
    url: str


class RsvpIn(_In):
    response: Literal["attending", "declined"]
    scope: Literal["this", "series"] = Field(
        default="this",
        description="series: this occurrence and every later one of its series, to come too.",
    )
    forfeit_ticket: bool = Field(
        default=False,
        description="Declining with a paid ticket: true confirms that nothing is refunded.",
    )


class RsvpInvitationOut(BaseModel):
    email: str
    name: str | None
    response: Literal["none", "attending", "declined", "waitlisted"] = Field(
        description='Answering "attending" when the meetup is full gives "waitlisted".'
    )
    joined: bool = Field(
        default=False, description="They joined a public meetup themselves: nobody invited them."
    )


class JoinedOut(BaseModel):
    token: str = Field(description="Your answer link's token, as the /api/rsvp routes take it.")
    url: str = Field(description="The web app's answer page for it.")


class QuoteOut(BaseModel):
    price: PriceOut
    fee: PriceOut | None = Field(description="The platform's service fee, paid on top.")
    total: PriceOut


class TicketOut(BaseModel):
    id: str
    status: Literal["held", "paid", "lapsed", "forfeited", "refunded"]
    code: str | None = Field(description="The ticket's short code, once paid.")
    total: PriceOut
    checkout_url: str | None = Field(description="Where to pay, while the seat is held.")
    expires_at: datetime | None = Field(description="When the held seat goes back.")
    paid_at: datetime | None


class RsvpOut(BaseModel):
    meetup: MeetupOut
    invitation: RsvpInvitationOut
    quote: QuoteOut | None = Field(
        default=None, description="A paid meetup's price, fee and total, shown before paying."
    )
    ticket: TicketOut | None = None


class AttendingPage(BaseModel):
    invitations: list[RsvpOut] = Field(
        description="Each meetup in my list, as its answer page shows it (without the ticket)."
    )
    next_cursor: str | None


class CheckoutOut(BaseModel):
    url: str
    expires_at: datetime


class CheckoutStartedOut(RsvpOut):
    checkout: CheckoutOut | None = Field(
        description="Where to pay; null when the meetup was full and the invitee waits in line."
    )


class BalanceOut(BaseModel):
    currency: str
    total: PriceOut
    available: PriceOut = Field(description="What may be paid out now.")


class EntryOut(BaseModel):
    id: str
    kind: Literal["sale", "platform_fee", "refund", "fee_refund", "payout"]
    amount: PriceOut
    meetup_id: str | None
    recorded_at: datetime
    available_at: datetime


class PayoutAccountOut(BaseModel):
    id: str


class StatementOut(BaseModel):
    balances: list[BalanceOut]
    entries: list[EntryOut]
    payout_account: PayoutAccountOut | None


class OnboardingOut(BaseModel):
    onboarding_url: str


class PayoutsOut(BaseModel):
    payouts: list[EntryOut]


class WebhookOut(BaseModel):
    received: bool


class UnsubscribedOut(BaseModel):
    email: str
    meetup_id: str
    meetup_title: str
    unsubscribed_at: datetime


class SignupIn(_In):
    email: Email
    password: Password
    name: PersonName


class LoginIn(_In):
    email: Email
    password: str


class RefreshIn(_In):
    refresh_token: str | None = Field(
        default=None,
        description="Required; from the web app (X-Slsplay-Client: web), its cookie's instead.",
    )


class UserOut(BaseModel):
    id: str
    email: str | None
    name: str
    is_guest: bool
    email_verified: bool = Field(
        default=False, description="The address was proved (an emailed link or code)."
    )


class ProviderOut(BaseModel):
    name: str
    label: str = Field(description='For a button: "Continue with {label}".')
    start_url: str = Field(description="Open it in the browser to sign in there.")


class ProvidersOut(BaseModel):
    providers: list[ProviderOut]


class ExchangeIn(_In):
    code: str = Field(description="The code the sign-in's last redirect carried.")


class VerifyIn(_In):
    token: str = Field(description="From the emailed link <base>/verify/{token}.")


class EmailIn(_In):
    email: Email


class ResetIn(_In):
    token: str = Field(description="From the emailed link <base>/reset/{token}.")
    password: str


class CodeIn(_In):
    email: Email
    code: Annotated[str, WithJsonSchema({"type": "string", "pattern": "^[0-9]{6}$"})] = Field(
        description="The 6 digits emailed."
    )


class SessionOut(BaseModel):
    user: UserOut
    access_token: str
    refresh_token: str | None = Field(
        description="null for the web app (X-Slsplay-Client: web): its HttpOnly cookie holds it."
    )
    token_type: Literal["Bearer"] = "Bearer"  # noqa: S105  (a scheme name, not a secret)
    expires_in: int


class FieldProblem(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details, with slsplay's stable ``code``."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: list[FieldProblem] | None = None


class AuthorizeOut(BaseModel):
    authorize_url: str = Field(description="The provider's sign-in page, to open in a browser.")


class OpenIdConfigurationOut(BaseModel):
    """What API Gateway's JWT authorizer reads to find the keys that verify access tokens."""

    issuer: str
    jwks_uri: str
    id_token_signing_alg_values_supported: list[str]
    subject_types_supported: list[str]
    response_types_supported: list[str]


class JwkOut(BaseModel):
    """An RSA public key (RFC 7517)."""

    kty: Literal["RSA"]
    kid: str
    use: Literal["sig"]
    alg: Literal["RS256"]
    n: str
    e: str


class JwksOut(BaseModel):
    keys: list[JwkOut]


class GraphqlRequest(BaseModel):
    """A GraphQL request over HTTP (POST; GET takes the same as query parameters)."""

    query: str = Field(min_length=1, description="The GraphQL document (web/schema.graphql).")
    variables: dict[str, Any] | None = None
    operationName: str | None = None  # GraphQL over HTTP spells it so


class GraphqlErrorOut(BaseModel):
    message: str
    locations: list[dict[str, int]] | None = None
    path: list[str | int] | None = None
    extensions: dict[str, Any] | None = Field(
        default=None, description="code: the stable code, as problem documents carry it."
    )


class GraphqlAnswerOut(BaseModel):
    data: dict[str, Any] | None
    errors: list[GraphqlErrorOut] | None = Field(
        default=None, description="What went wrong; data holds what could be answered."
    )
