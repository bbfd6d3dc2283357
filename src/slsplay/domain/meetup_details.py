"""What an organizer writes about a meetup, and the checks that make it valid.

``MeetupDetails.parse`` takes loosely typed values (an organizer's input, or an edit merged
into the stored details) and refuses them with every bad field listed at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from enum import StrEnum
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slsplay.domain.errors import FieldError, InvalidInput, field_error
from slsplay.domain.money import Price
from slsplay.domain.text import checked_text, one_line

TITLE_MAX = 120
DESCRIPTION_MAX = 5_000
DURATION_MIN_MINUTES = 5
DURATION_MAX_MINUTES = 24 * 60
CAPACITY_MAX = 100_000
JOIN_URL_MAX = 2_048

CATEGORIES = (
    "arts",
    "business",
    "community",
    "education",
    "food",
    "gaming",
    "health",
    "music",
    "networking",
    "science",
    "sports",
    "technology",
    "other",
)


class Visibility(StrEnum):
    """Private meetups are invite-only (the default); public ones are listed and searchable."""

    PRIVATE = "private"
    PUBLIC = "public"


@dataclass(frozen=True)
class MeetupDetails:
    """The fields an organizer writes; valid by construction through ``parse``."""

    title: str
    description: str
    category: str
    starts_at: datetime
    timezone: str
    duration_minutes: int
    join_url: str
    capacity: int | None = None
    price: Price | None = None
    visibility: Visibility = Visibility.PRIVATE
    # Answers are taken until then; None: until the start.
    rsvp_closes_at: datetime | None = None

    @classmethod
    def parse(
        cls,
        values: Mapping[str, object],
        *,
        start_after: datetime | None = None,
        kept_start: datetime | None = None,
    ) -> MeetupDetails:
        """Details from loosely typed values, or ``InvalidInput`` listing every bad field.

        With ``start_after``, a start at or before that instant is one of the bad fields,
        unless it is ``kept_start`` (an edit that leaves the start as it was).
        """
        unknown = sorted(set(values) - WRITABLE_FIELDS)
        errors = [FieldError(name, "is not a field of a meetup") for name in unknown]
        parsed: dict[str, object] = {}
        for name, parser in _PARSERS.items():
            raw = values.get(name, _DEFAULTS.get(name, _MISSING))
            if raw is _MISSING:
                errors.append(FieldError(name, "is required"))
                continue
            try:
                parsed[name] = parser(raw)
            except InvalidInput as e:
                errors += e.errors
        start = parsed.get("starts_at")
        closes = parsed.get("rsvp_closes_at")
        if isinstance(start, datetime) and isinstance(closes, datetime) and closes > start:
            errors.append(FieldError("rsvp_closes_at", "must be at or before the start"))
        if (
            start_after is not None
            and isinstance(start, datetime)
            and start <= start_after
            and start != kept_start
        ):
            errors.append(FieldError("starts_at", "must be in the future"))
        if errors:
            raise InvalidInput(errors)
        return cls(**parsed)  # type: ignore[arg-type]  # each value was checked by its parser

    def as_values(self) -> dict[str, object]:
        """The details as a mapping that ``parse`` accepts (used to apply a partial edit)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


# -- parsing of the writable fields ---------------------------------------------------------


def _text(name: str, *, required: bool, limit: int) -> Callable[[object], str]:
    def parse(raw: object) -> str:
        if not isinstance(raw, str):
            raise field_error(name, "must be text")
        value = checked_text(raw, name).strip()
        if required and not value:
            raise field_error(name, "is required")
        if len(value) > limit:
            raise field_error(name, f"must be at most {limit} characters")
        return value

    return parse


def _single_line(name: str, limit: int) -> Callable[[object], str]:
    text = _text(name, required=True, limit=limit)

    def parse(raw: object) -> str:
        # The limit applies to the text as stored, after runs of whitespace become one space.
        return text(one_line(raw, name) if isinstance(raw, str) else raw)

    return parse


def _category(raw: object) -> str:
    if raw not in CATEGORIES:
        raise field_error("category", f"must be one of {', '.join(CATEGORIES)}")
    assert isinstance(raw, str)
    return raw


def _starts_at(raw: object) -> datetime:
    if not isinstance(raw, datetime) or raw.utcoffset() is None:
        raise field_error("starts_at", "must be a date and time with a UTC offset")
    return raw.astimezone(UTC).replace(microsecond=0)


def _timezone(raw: object) -> str:
    # ZoneInfo reads the IANA database shipped with Python (tzdata); that is reference
    # data, not I/O the domain depends on at run time in any way a test could notice.
    if not isinstance(raw, str) or not raw or raw != raw.strip():
        raise field_error("timezone", "must be an IANA time zone such as Europe/Berlin")
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError, OSError) as e:  # "Europe" is a directory
        raise field_error("timezone", "must be an IANA time zone such as Europe/Berlin") from e
    return raw


def _bounded_int(name: str, low: int, high: int, unit: str = "") -> Callable[[object], int]:
    def parse(raw: object) -> int:
        if type(raw) is not int or not low <= raw <= high:
            raise field_error(name, f"must be a whole number from {low} to {high}{unit}")
        return raw

    return parse


def _capacity(raw: object) -> int | None:
    if raw is None:
        return None
    return _bounded_int("capacity", 1, CAPACITY_MAX)(raw)


def _join_url(raw: object) -> str:
    if not isinstance(raw, str):
        raise field_error("join_url", "must be an https link")
    url = raw.strip()
    if len(url) > JOIN_URL_MAX or any(c.isspace() for c in url):
        raise field_error("join_url", f"must be an https link of at most {JOIN_URL_MAX} characters")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises for a port out of range
    except ValueError as e:  # e.g. an unclosed IPv6 bracket, port 99999
        raise field_error("join_url", "is not a valid link") from e
    if parts.scheme != "https" or not host or "." not in host or parts.username is not None:
        raise field_error("join_url", "must be an https link such as https://meet.example.com/abc")
    return url


def _price(raw: object) -> Price | None:
    if raw is None:
        return None
    amount: object
    currency: object
    if isinstance(raw, Price):
        amount, currency = raw.amount_minor, raw.currency
    elif isinstance(raw, Mapping):
        amount, currency = raw.get("amount_minor"), raw.get("currency")
    else:
        raise field_error("price", "must have amount_minor and currency")
    errors = Price.problems(amount, currency)
    if errors:
        raise InvalidInput(errors)
    assert isinstance(amount, int)
    assert isinstance(currency, str)
    return Price(amount_minor=amount, currency=currency)


def _rsvp_closes_at(raw: object) -> datetime | None:
    if raw is None:
        return None
    if not isinstance(raw, datetime) or raw.utcoffset() is None:
        raise field_error("rsvp_closes_at", "must be a date and time with a UTC offset")
    return raw.astimezone(UTC).replace(microsecond=0)


def _visibility(raw: object) -> Visibility:
    if raw not in tuple(Visibility):
        raise field_error("visibility", "must be private or public")
    return Visibility(str(raw))


_MISSING = object()
_DEFAULTS: dict[str, object] = {
    "description": "",
    "category": "other",
    "capacity": None,
    "price": None,
    "visibility": Visibility.PRIVATE,
    "rsvp_closes_at": None,
}
_PARSERS: dict[str, Callable[[object], object]] = {
    "title": _single_line("title", TITLE_MAX),
    "description": _text("description", required=False, limit=DESCRIPTION_MAX),
    "category": _category,
    "starts_at": _starts_at,
    "timezone": _timezone,
    "duration_minutes": _bounded_int(
        "duration_minutes", DURATION_MIN_MINUTES, DURATION_MAX_MINUTES, " minutes"
    ),
    "join_url": _join_url,
    "capacity": _capacity,
    "price": _price,
    "visibility": _visibility,
    "rsvp_closes_at": _rsvp_closes_at,
}
WRITABLE_FIELDS = frozenset(_PARSERS)
