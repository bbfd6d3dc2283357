"""EventBridge schedule expressions, and the Scheduled Event a rule sends to its target.

Supported, as EventBridge writes them (all times UTC unless a ``ScheduleExpressionTimezone``
is given, as EventBridge Scheduler allows):

- ``rate(N unit)``: ``minute``/``hour``/``day`` for N = 1, ``minutes``/``hours``/``days`` for
  N > 1, as EventBridge insists. A rate fires every N units from when the scheduler first
  saw the schedule.
- ``cron(minutes hours day-of-month month day-of-week year)``: each field ``*``, a value,
  a range ``a-b``, a step ``*/n``, ``a/n`` or ``a-b/n``, or a list of those with ``,``;
  months as 1-12 or JAN-DEC, days of the week as 1-7 (1 is Sunday) or SUN-SAT; exactly one
  of day-of-month and day-of-week is ``?``.

Not supported, and refused at startup with ``ScheduleError``: ``L``, ``W`` and ``#`` (last
day, nearest weekday, nth weekday), and ``at(...)`` one-time schedules.
"""

from __future__ import annotations

import calendar
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slsplay.local.template import TemplateError


class ScheduleError(TemplateError):
    """A schedule expression EventBridge would refuse, or one slsplay cannot run."""


_RATE = re.compile(r"rate\(\s*(\d+)\s+([a-z]+)\s*\)")
_CRON = re.compile(r"cron\((.*)\)")
_UNITS = {"minute": 60, "hour": 3600, "day": 86400}
_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
_DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
# How far ahead a cron expression is searched for its next time before it counts as never.
_SEARCH_YEARS = 400


@dataclass(frozen=True)
class Rate:
    """``rate(...)``: a fixed period from an anchor instant."""

    expression: str
    period: timedelta

    def next_after(self, after: datetime, anchor: datetime) -> datetime:
        """The first time ``anchor + k * period`` (k >= 1) later than ``after``."""
        if after < anchor:
            return anchor + self.period
        elapsed = (after - anchor) // self.period
        return anchor + (elapsed + 1) * self.period


@dataclass(frozen=True)
class Cron:
    """``cron(...)``: the minutes that match every field, in ``zone``."""

    expression: str
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days_of_month: frozenset[int] | None  # None: "?"
    months: frozenset[int]
    days_of_week: frozenset[int] | None  # None: "?"; 1 is Sunday
    years: frozenset[int] | None  # None: "*"
    zone: ZoneInfo

    def next_after(self, after: datetime, anchor: datetime | None = None) -> datetime:
        """The first matching minute later than ``after``, in UTC."""
        start = after.astimezone(self.zone)
        day = start.date()
        last_day = date(min(day.year + _SEARCH_YEARS, 9999), 12, 31)
        while day <= last_day:
            if self.years is not None and day.year not in self.years:
                day = date(day.year + 1, 1, 1)
                continue
            if day.month not in self.months:
                day = _first_of_next_month(day)
                continue
            if self._day_matches(day):
                for hour in self.hours:
                    for minute in self.minutes:
                        local = datetime(
                            day.year, day.month, day.day, hour, minute, tzinfo=self.zone
                        )
                        if local > start:
                            return local.astimezone(UTC)
            day += timedelta(days=1)
        raise ScheduleError(f"{self.expression} never fires")

    def _day_matches(self, day: date) -> bool:
        if self.days_of_month is not None:
            return day.day in self.days_of_month
        assert self.days_of_week is not None
        return (day.weekday() + 1) % 7 + 1 in self.days_of_week


Schedule = Rate | Cron


def parse_schedule(expression: str, timezone: str | None = None) -> Schedule:
    """The schedule an expression describes; ``ScheduleError`` for what is not supported."""
    text = expression.strip()
    rate = _RATE.fullmatch(text)
    if rate is not None:
        if timezone not in (None, "UTC"):
            raise ScheduleError(f"{text}: a rate takes no time zone")
        return _rate(text, int(rate.group(1)), rate.group(2))
    cron = _CRON.fullmatch(text)
    if cron is not None:
        return _cron(text, cron.group(1).split(), _zone(text, timezone))
    raise ScheduleError(
        f"{expression!r} is neither rate(...) nor cron(...) (at() is not supported)"
    )


def scheduled_event(
    *, rule_arn: str, at: datetime, account_id: str, region: str, event_id: str | None = None
) -> dict[str, Any]:
    """The EventBridge Scheduled Event a rule delivers for the time ``at``."""
    return {
        "version": "0",
        "id": event_id or str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": account_id,
        "time": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": region,
        "resources": [rule_arn],
        "detail": {},
    }


def _rate(text: str, value: int, unit: str) -> Rate:
    singular = unit.removesuffix("s")
    if singular not in _UNITS:
        raise ScheduleError(f"{text}: the unit is minute(s), hour(s) or day(s)")
    if value < 1:
        raise ScheduleError(f"{text}: the value must be a positive number")
    if (value == 1) != (unit == singular):
        raise ScheduleError(f"{text}: say '1 {singular}' or 'N {singular}s', as EventBridge does")
    return Rate(text, timedelta(seconds=value * _UNITS[singular]))


def _zone(text: str, timezone: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise ScheduleError(f"{text}: unknown time zone {timezone!r}") from e


def _cron(text: str, fields: list[str], zone: ZoneInfo) -> Cron:
    if len(fields) != 6:
        raise ScheduleError(
            f"{text}: a cron expression has six fields"
            " (minutes hours day-of-month month day-of-week year)"
        )
    minutes, hours, dom, month, dow, year = fields
    if (dom == "?") == (dow == "?"):
        raise ScheduleError(f"{text}: exactly one of day-of-month and day-of-week must be '?'")
    return Cron(
        expression=text,
        minutes=tuple(sorted(_field(text, minutes, 0, 59))),
        hours=tuple(sorted(_field(text, hours, 0, 23))),
        days_of_month=None if dom == "?" else _field(text, dom, 1, 31),
        months=_field(text, month, 1, 12, _MONTHS),
        days_of_week=None if dow == "?" else _field(text, dow, 1, 7, _DAYS),
        years=None if year == "*" else _field(text, year, 1970, 2199),
        zone=zone,
    )


def _field(
    text: str, field: str, low: int, high: int, names: list[str] | None = None
) -> frozenset[int]:
    values: set[int] = set()
    for part in field.split(","):
        values |= _part(text, part, low, high, names)
    return frozenset(values)


def _part(text: str, part: str, low: int, high: int, names: list[str] | None) -> set[int]:
    span, _, step_text = part.partition("/")
    step = _number(text, step_text, 1, high - low + 1, None) if step_text else 1
    if span == "*":
        first, last = low, high
    elif "-" in span:
        start_text, _, end_text = span.partition("-")
        first = _number(text, start_text, low, high, names)
        last = _number(text, end_text, low, high, names)
        if first > last:
            raise ScheduleError(f"{text}: the range {span} runs backwards")
    else:
        first = _number(text, span, low, high, names)
        last = high if step_text else first
    return set(range(first, last + 1, step))


def _number(text: str, value: str, low: int, high: int, names: list[str] | None) -> int:
    upper = value.upper()
    if names is not None and upper in names:
        return low + names.index(upper)
    if upper in ("L", "W") or "#" in upper or upper.endswith(("L", "W")):
        raise ScheduleError(f"{text}: L, W and # are not supported by slsplay's scheduler")
    if not value.isdigit() or not low <= int(value) <= high:
        raise ScheduleError(f"{text}: {value!r} is not a value from {low} to {high}")
    return int(value)


def _first_of_next_month(day: date) -> date:
    _, days = calendar.monthrange(day.year, day.month)
    return day.replace(day=days) + timedelta(days=1)
