"""Monthly series of meetups: which days a series falls on, and how a calendar says so.

An organizer makes a meetup "repeat monthly"; a daily job creates the occurrences of the
next 60 days from the rule here. The rule is anchored on the first occurrence as the
organizer sees it: its local date and wall-clock time in the meetup's IANA time zone. So a
19:00 Europe/Berlin series stays at 19:00 in Berlin all year, and its UTC instant moves by
an hour when the clocks change.

The rules, each the one RFC 5545 gives, so that the .ics and a calendar agree with us:

- **A day the month lacks** (the 29th, 30th or 31st): the occurrence falls on the month's
  last day (the 31st becomes April 30 and February 28 or 29). In RRULE terms, day D > 28
  is ``BYMONTHDAY=28,...,D;BYSETPOS=-1``: the latest of those days the month has.
- **nth weekday**: the first occurrence's week of its month (days 1-7 are the 1st, 8-14 the
  2nd...). A first occurrence in the 5th week (the 29th-31st) means "last". One in the 4th
  week that is also the month's last such weekday means "4th" (it stays on the 4th in months
  with five); the organizer may choose "last" instead (``nth: -1``).
- **A wall-clock time that does not exist** (the spring-forward gap, 02:30 in Berlin on the
  last Sunday of March): the time is read with the UTC offset before the gap, which puts the
  meetup at 03:30 local that day; zoneinfo's ``fold=0`` does exactly that, as RFC 5545
  section 3.3.5 prescribes for ``DTSTART;TZID=...`` values.
- **A wall-clock time that happens twice** (the fall-back hour): the first of the two
  (``fold=0``), again as RFC 5545 says.
- **End**: after ``count`` occurrences (counted from the first, cancelled ones included), on
  the local date ``until`` (inclusive; written as the UTC instant ending that day), or never.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from dateutil.rrule import MONTHLY, rrule, weekday

from slsplay.domain.errors import FieldError, InvalidInput, field_error

FREQUENCIES = ("monthly",)
COUNT_MAX = 120
HORIZON = timedelta(days=60)
"""How far ahead the daily job creates occurrences."""
LAST = -1
"""``nth`` of "the last such weekday of the month"."""

SHORTEST_MONTH = 28
WEEKS_NAMED = 4  # "1st" to "4th"; a 5th is "last"
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", LAST: "last"}
FIELDS = frozenset({"frequency", "by", "nth", "count", "until"})
_END_OF_DAY = time(23, 59, 59)


class RepeatBy(StrEnum):
    """What stays the same from month to month."""

    DAY_OF_MONTH = "day_of_month"  # the 15th
    WEEKDAY = "weekday"  # the 2nd Tuesday, the last Friday


@dataclass(frozen=True)
class Recurrence:
    """A monthly rule anchored on a series' first occurrence; build it with ``parse``.

    ``month_day`` (1-31) is set for ``DAY_OF_MONTH``; ``weekday`` (0 is Monday) and ``nth``
    (1-4, or -1 for the last) for ``WEEKDAY``. ``timezone`` is the meetup's: the ``until``
    date is a date there. At most one of ``count`` and ``until`` is set.
    """

    by: RepeatBy
    timezone: str
    month_day: int | None = None
    weekday: int | None = None
    nth: int | None = None
    count: int | None = None
    until: date | None = None

    @classmethod
    def parse(
        cls, values: Mapping[str, object], first_start: datetime, timezone: str
    ) -> Recurrence:
        """The rule from loosely typed values, or ``InvalidInput`` listing every bad field.

        ``frequency`` is required (``monthly``); ``by`` defaults to ``day_of_month``; ``nth``,
        ``count`` and ``until`` may be left out or null. ``first_start`` (an aware instant)
        and ``timezone`` come from the meetup, already checked.
        """
        if not isinstance(values, Mapping):
            raise field_error("recurrence", "must be an object with frequency and by")
        local = _local(first_start, "first_start", ZoneInfo(timezone))
        unknown = sorted(set(values) - FIELDS)
        errors = [
            FieldError(f"recurrence.{name}", "is not a field of a recurrence") for name in unknown
        ]
        frequency = values.get("frequency")
        if frequency is None:
            errors.append(FieldError("recurrence.frequency", "is required"))
        elif frequency not in FREQUENCIES:
            errors.append(
                FieldError("recurrence.frequency", "must be monthly (the only repeat offered)")
            )
        by = _by(values.get("by"), errors)
        nth = _nth(values.get("nth"), by, local, errors)
        count = _count(values.get("count"), errors)
        until = _until(values.get("until"), local, errors)
        if count is not None and until is not None:
            errors.append(
                FieldError("recurrence.until", "cannot be given with count: choose one end")
            )
        if errors:
            raise InvalidInput(errors)
        assert by is not None  # no error was reported, so ``by`` was understood
        if by is RepeatBy.DAY_OF_MONTH:
            return cls(by=by, timezone=timezone, month_day=local.day, count=count, until=until)
        return cls(
            by=by,
            timezone=timezone,
            weekday=local.weekday(),
            nth=_week_of_month(local) if nth is None else nth,
            count=count,
            until=until,
        )

    def as_values(self) -> dict[str, object]:
        """The rule as JSON-ready values that ``parse`` turns back into the same rule."""
        values: dict[str, object] = {"frequency": "monthly", "by": self.by.value}
        if self.by is RepeatBy.WEEKDAY:
            values["nth"] = self.nth
        if self.count is not None:
            values["count"] = self.count
        if self.until is not None:
            values["until"] = self.until.isoformat()
        return values

    def describe(self) -> str:
        """The rule in words: "Monthly on the 2nd Tuesday, 6 times"."""
        if self.by is RepeatBy.WEEKDAY:
            assert self.weekday is not None
            assert self.nth is not None
            text = f"Monthly on the {ORDINALS[self.nth]} {WEEKDAY_NAMES[self.weekday]}"
        else:
            assert self.month_day is not None
            text = f"Monthly on the {_day_ordinal(self.month_day)}"
            if self.month_day > SHORTEST_MONTH:
                text += " (or the month's last day)"
        if self.count is not None:
            text += ", once" if self.count == 1 else f", {self.count} times"
        if self.until is not None:
            text += f", until {self.until.isoformat()}"
        return text

    def rrule_text(self) -> str:
        """The RFC 5545 RRULE value, for an .ics whose DTSTART carries the meetup's TZID."""
        parts = ["FREQ=MONTHLY"]
        if self.by is RepeatBy.WEEKDAY:
            assert self.weekday is not None
            parts.append(f"BYDAY={self.nth}{WEEKDAY_CODES[self.weekday]}")
        else:
            assert self.month_day is not None
            days = _month_days(self.month_day)
            parts.append("BYMONTHDAY=" + ",".join(str(d) for d in days))
            if len(days) > 1:
                parts.append("BYSETPOS=-1")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        until = self.until_instant
        if until is not None:
            # RFC 5545: with a TZID on DTSTART, UNTIL must be a UTC date-time.
            parts.append(f"UNTIL={until:%Y%m%dT%H%M%SZ}")
        return ";".join(parts)

    @property
    def until_instant(self) -> datetime | None:
        """The UTC instant that ends the ``until`` day in the meetup's time zone."""
        if self.until is None:
            return None
        end = datetime.combine(self.until, _END_OF_DAY, tzinfo=ZoneInfo(self.timezone))
        return end.astimezone(UTC)


def occurrences(
    first_start: datetime,
    timezone: str,
    rule: Recurrence,
    *,
    after: datetime,
    before: datetime,
    skip: Collection[datetime] = (),
) -> list[datetime]:
    """The UTC starts of the series in ``[after, before)``, except the ``skip``ped ones."""
    earliest = _utc(after, "after")
    latest = _utc(before, "before")
    skipped = {_utc(moment, "skip") for moment in skip}
    found = []
    for start in _series(first_start, timezone, rule):
        if start >= latest:
            break
        if start >= earliest and start not in skipped:
            found.append(start)
    return found


# -- the series, computed on the wall clock --------------------------------------------------


def _series(first_start: datetime, timezone: str, rule: Recurrence) -> Iterator[datetime]:
    """Every start of the series in order, as UTC instants (endless without an end)."""
    zone = ZoneInfo(timezone)
    first = _utc(first_start, "first_start")
    _ensure_anchored(rule, first, timezone)
    wall_first = first.astimezone(zone).replace(tzinfo=None)
    until = rule.until_instant
    # dateutil steps through naive local wall-clock times, so the time of day never drifts;
    # each one becomes an instant only afterwards (fold=0: see the module's docstring).
    walls = _wall_clock_rule(rule, wall_first)
    for wall in walls:
        # The first is the instant stored, even if it is the second of a doubled hour.
        start = first if wall == wall_first else wall.replace(tzinfo=zone).astimezone(UTC)
        if until is not None and start > until:
            return
        yield start


def _wall_clock_rule(rule: Recurrence, wall_first: datetime) -> rrule:
    """dateutil's rule for ``rrule_text``, on naive local times (``until`` is applied later)."""
    if rule.by is RepeatBy.WEEKDAY:
        assert rule.weekday is not None
        nth_weekday = weekday(rule.weekday, rule.nth)
        return rrule(MONTHLY, dtstart=wall_first, count=rule.count, byweekday=nth_weekday)
    assert rule.month_day is not None
    days = _month_days(rule.month_day)
    last_of = -1 if len(days) > 1 else None
    return rrule(MONTHLY, dtstart=wall_first, count=rule.count, bymonthday=days, bysetpos=last_of)


def _month_days(day: int) -> tuple[int, ...]:
    """The days to ask for: a day past the 28th is the latest of 28...day the month has."""
    return tuple(range(SHORTEST_MONTH, day + 1)) if day > SHORTEST_MONTH else (day,)


def _ensure_anchored(rule: Recurrence, first_start: datetime, timezone: str) -> None:
    # A rule is derived from its first occurrence: once the meetup's start or time zone
    # changes, the rule must be parsed again, or it would describe another series.
    try:
        again = Recurrence.parse(rule.as_values(), first_start, timezone)
    except InvalidInput as e:
        raise ValueError(f"the rule does not fit this first occurrence: {e.message}") from e
    if again != rule:
        raise ValueError("the rule was made for another first occurrence or time zone")


# -- parsing ---------------------------------------------------------------------------------


def _by(raw: object, errors: list[FieldError]) -> RepeatBy | None:
    if raw is None:
        return RepeatBy.DAY_OF_MONTH
    if raw not in tuple(RepeatBy):
        errors.append(FieldError("recurrence.by", "must be day_of_month or weekday"))
        return None
    return RepeatBy(str(raw))


def _nth(raw: object, by: RepeatBy | None, local: datetime, errors: list[FieldError]) -> int | None:
    if raw is None:
        return None
    if by is not RepeatBy.WEEKDAY:
        if by is not None:
            errors.append(FieldError("recurrence.nth", "is only for a rule by weekday"))
        return None
    own = _week_of_month(local)
    day = WEEKDAY_NAMES[local.weekday()]
    if type(raw) is not int or raw not in ORDINALS:
        errors.append(FieldError("recurrence.nth", "must be 1 to 4, or -1 for the last"))
    elif raw == LAST and not _is_last_of_month(local):
        errors.append(
            FieldError(
                "recurrence.nth",
                f"can be -1 only if the first occurrence is the last {day} of its month;"
                f" it is the {ORDINALS[own]}",
            )
        )
    elif raw not in (own, LAST):
        errors.append(
            FieldError(
                "recurrence.nth",
                f"must be {own}: the first occurrence is the {ORDINALS[own]} {day} of its month",
            )
        )
    else:
        return raw
    return None


def _count(raw: object, errors: list[FieldError]) -> int | None:
    if raw is None:
        return None
    if type(raw) is not int or not 1 <= raw <= COUNT_MAX:
        errors.append(
            FieldError("recurrence.count", f"must be a whole number from 1 to {COUNT_MAX}")
        )
        return None
    return raw


def _until(raw: object, local: datetime, errors: list[FieldError]) -> date | None:
    if raw is None:
        return None
    until: date | None = None
    if isinstance(raw, date) and not isinstance(raw, datetime):
        until = raw
    elif isinstance(raw, str):
        try:
            until = date.fromisoformat(raw.strip())
        except ValueError:
            until = None
    if until is None:
        errors.append(FieldError("recurrence.until", "must be a date such as 2027-06-30"))
        return None
    if until < local.date():
        errors.append(
            FieldError(
                "recurrence.until",
                f"must not be before the first occurrence ({local.date().isoformat()})",
            )
        )
        return None
    return until


# -- small facts about dates -----------------------------------------------------------------


def _local(moment: datetime, name: str, zone: ZoneInfo) -> datetime:
    return _utc(moment, name).astimezone(zone)


def _utc(moment: datetime, name: str) -> datetime:
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (an instant)")
    return moment.astimezone(UTC)


def _week_of_month(day: date) -> int:
    """Days 1-7 are the 1st week, 8-14 the 2nd...; the 29th-31st (a 5th) count as the last."""
    week = (day.day - 1) // 7 + 1
    return LAST if week > WEEKS_NAMED else week


def _is_last_of_month(day: date) -> bool:
    return (day + timedelta(days=7)).month != day.month


def _day_ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"
