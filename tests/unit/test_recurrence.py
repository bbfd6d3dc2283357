"""Monthly series: the days they fall on, their wall-clock time across DST, and the .ics text.

Dates are given as the organizer sees them (local wall-clock time in the meetup's zone); the
functions answer UTC instants, which the tests turn back into local times where a person
would look at them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from slsplay.domain.errors import InvalidInput
from slsplay.domain.recurrence import Recurrence, RepeatBy, occurrences

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
A_YEAR = timedelta(days=366)


def at(zone: str, year: int, month: int, day: int, hour: int = 19, minute: int = 0) -> datetime:
    """The UTC instant of a local wall-clock time (the first one, if it happens twice)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def monthly(first: datetime, zone: str = BERLIN, **values: object) -> Recurrence:
    return Recurrence.parse({"frequency": "monthly", **values}, first, zone)


def series(
    first: datetime, zone: str, rule: Recurrence, span: timedelta = A_YEAR
) -> list[datetime]:
    """The series' starts from its first to ``span`` later."""
    return occurrences(first, zone, rule, after=first, before=first + span)


def local(starts: list[datetime], zone: str) -> list[datetime]:
    """The starts as the organizer's wall clock shows them (naive local times)."""
    return [start.astimezone(ZoneInfo(zone)).replace(tzinfo=None) for start in starts]


def local_dates(starts: list[datetime], zone: str) -> list[date]:
    return [moment.date() for moment in local(starts, zone)]


def month_length(day: date) -> int:
    return ((day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).day


def bad_fields(values: dict[str, object], first: datetime, zone: str = BERLIN) -> list[str]:
    """The fields named by the refusal of ``values``, in the order they were reported."""
    with pytest.raises(InvalidInput) as refused:
        Recurrence.parse(values, first, zone)
    return [problem.field for problem in refused.value.errors]


def calendar_starts(
    first: datetime, zone: str, rule: Recurrence, before: datetime
) -> list[datetime]:
    """What a calendar reading our DTSTART and RRULE lines computes, in UTC."""
    wall = first.astimezone(ZoneInfo(zone))
    lines = [f"DTSTART;TZID={zone}:{wall:%Y%m%dT%H%M%S}", f"RRULE:{rule.rrule_text()}"]
    parsed = rrulestr("\n".join(lines), tzids={zone: ZoneInfo(zone)}, forceset=True)
    starts = []
    for start in parsed:
        if start >= before:
            break
        starts.append(start.astimezone(UTC))
    return starts


# -- which days a series falls on -----------------------------------------------------------

SECOND_TUESDAY = at(BERLIN, 2026, 1, 13)
LAST_FRIDAY = at(BERLIN, 2026, 1, 30)  # the 5th Friday of January 2026
FOURTH_AND_LAST_FRIDAY = at(BERLIN, 2026, 2, 27)
FIFTEENTH = at(BERLIN, 2026, 1, 15)
THIRTY_FIRST = at(BERLIN, 2026, 1, 31)


def test_a_2nd_tuesday_series_falls_on_the_2nd_tuesday_of_every_month_for_a_year() -> None:
    rule = monthly(SECOND_TUESDAY, by="weekday", count=12)

    days = local_dates(series(SECOND_TUESDAY, BERLIN, rule), BERLIN)

    assert [d.day for d in days] == [13, 10, 10, 14, 12, 9, 14, 11, 8, 13, 10, 8]
    assert [d.month for d in days] == list(range(1, 13))
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in days)
    assert rule.nth == 2


def test_a_first_occurrence_on_a_5th_friday_makes_a_last_friday_series() -> None:
    rule = monthly(LAST_FRIDAY, by="weekday", count=7)

    days = local_dates(series(LAST_FRIDAY, BERLIN, rule), BERLIN)

    # May and July 2026 have five Fridays: the series takes the 5th.
    assert [d.day for d in days] == [30, 27, 27, 24, 29, 26, 31]
    assert all(d.weekday() == 4 and d.day + 7 > month_length(d) for d in days)
    assert rule.nth == -1


def test_a_4th_friday_that_is_also_the_last_stays_the_4th_unless_last_is_chosen() -> None:
    fourth = monthly(FOURTH_AND_LAST_FRIDAY, by="weekday", count=4)
    last = monthly(FOURTH_AND_LAST_FRIDAY, by="weekday", nth=-1, count=4)

    assert [d.day for d in local_dates(series(FOURTH_AND_LAST_FRIDAY, BERLIN, fourth), BERLIN)] == [
        27,
        27,
        24,
        22,  # May 2026 has five Fridays: the 4th is the 22nd
    ]
    assert [d.day for d in local_dates(series(FOURTH_AND_LAST_FRIDAY, BERLIN, last), BERLIN)] == [
        27,
        27,
        24,
        29,
    ]


def test_a_series_by_day_of_month_falls_on_that_day_every_month() -> None:
    rule = monthly(FIFTEENTH, by="day_of_month")

    days = local_dates(series(FIFTEENTH, BERLIN, rule), BERLIN)

    assert days == [date(2026, month, 15) for month in range(1, 13)] + [date(2027, 1, 15)]


def test_a_series_on_the_31st_falls_on_the_last_day_of_shorter_months() -> None:
    rule = monthly(THIRTY_FIRST)

    days = local_dates(series(THIRTY_FIRST, BERLIN, rule, timedelta(days=200)), BERLIN)

    assert days == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
        date(2026, 7, 31),
    ]


def test_a_series_on_the_31st_falls_on_february_29_in_a_leap_year() -> None:
    first = at(BERLIN, 2027, 12, 31)

    days = local_dates(series(first, BERLIN, monthly(first), timedelta(days=100)), BERLIN)

    assert days == [date(2027, 12, 31), date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)]


@pytest.mark.parametrize(
    ("first_day", "february", "march"),
    [
        (date(2026, 1, 30), date(2026, 2, 28), date(2026, 3, 30)),
        (date(2027, 1, 29), date(2027, 2, 28), date(2027, 3, 29)),
        (date(2028, 1, 29), date(2028, 2, 29), date(2028, 3, 29)),
        (date(2028, 1, 30), date(2028, 2, 29), date(2028, 3, 30)),
    ],
)
def test_a_series_on_the_29th_or_30th_falls_on_the_last_day_of_february_and_comes_back(
    first_day: date, february: date, march: date
) -> None:
    first = at(BERLIN, first_day.year, first_day.month, first_day.day)

    days = local_dates(series(first, BERLIN, monthly(first), timedelta(days=70)), BERLIN)

    assert days == [first_day, february, march]


# -- the wall clock across daylight saving time ---------------------------------------------


def test_a_1900_berlin_series_stays_at_1900_local_and_moves_an_hour_in_utc() -> None:
    rule = monthly(FIFTEENTH)

    starts = series(FIFTEENTH, BERLIN, rule)

    assert {moment.time() for moment in local(starts, BERLIN)} == {time(19, 0)}
    utc_hours = {start.date().replace(day=1): start.hour for start in starts}
    assert utc_hours[date(2026, 3, 1)] == 18  # before the change on March 29
    assert utc_hours[date(2026, 4, 1)] == 17
    assert utc_hours[date(2026, 10, 1)] == 17  # before the change on October 25
    assert utc_hours[date(2026, 11, 1)] == 18


def test_a_1900_new_york_series_stays_at_1900_local_and_its_utc_day_changes_with_dst() -> None:
    first = at(NEW_YORK, 2026, 1, 15)

    starts = series(first, NEW_YORK, monthly(first, NEW_YORK), timedelta(days=320))

    assert {moment.time() for moment in local(starts, NEW_YORK)} == {time(19, 0)}
    assert starts[0] == datetime(2026, 1, 16, 0, 0, tzinfo=UTC)  # 19:00 EST is tomorrow in UTC
    assert starts[2] == datetime(2026, 3, 15, 23, 0, tzinfo=UTC)  # after the change on March 8
    assert starts[10] == datetime(2026, 11, 16, 0, 0, tzinfo=UTC)  # after the change on Nov 1


def test_an_occurrence_whose_wall_time_falls_in_the_spring_gap_starts_after_the_gap() -> None:
    # GIVEN a "last Sunday" series at 02:30 Berlin time; on March 29, 2026 the clocks jump
    # from 02:00 to 03:00, so 02:30 does not exist that day.
    first = at(BERLIN, 2026, 1, 25, 2, 30)
    rule = monthly(first, by="weekday", nth=-1, count=4)

    starts = series(first, BERLIN, rule)

    # THEN that one starts at 03:30 CEST (02:30 read with the winter offset, as RFC 5545
    # says), and the next month is back at 02:30.
    assert local(starts, BERLIN) == [
        datetime(2026, 1, 25, 2, 30),
        datetime(2026, 2, 22, 2, 30),
        datetime(2026, 3, 29, 3, 30),
        datetime(2026, 4, 26, 2, 30),
    ]
    assert starts[2] == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_an_occurrence_whose_wall_time_happens_twice_takes_the_first() -> None:
    # On November 1, 2026 New York's clocks go from 02:00 EDT back to 01:00 EST.
    first = at(NEW_YORK, 2026, 10, 4, 1, 30)
    rule = monthly(first, NEW_YORK, by="weekday", count=3)

    starts = series(first, NEW_YORK, rule)

    assert starts == [
        datetime(2026, 10, 4, 5, 30, tzinfo=UTC),
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC),  # 01:30 EDT, not 01:30 EST
        datetime(2026, 12, 6, 6, 30, tzinfo=UTC),
    ]


def test_a_first_occurrence_in_the_second_of_two_equal_hours_keeps_its_instant() -> None:
    second_0130 = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # 01:30 EST, after the fall back
    rule = monthly(second_0130, NEW_YORK, by="weekday", count=2)

    assert series(second_0130, NEW_YORK, rule) == [
        second_0130,
        datetime(2026, 12, 6, 6, 30, tzinfo=UTC),
    ]


# -- how a series ends ------------------------------------------------------------------------


def test_a_counted_series_has_that_many_occurrences() -> None:
    rule = monthly(FIFTEENTH, count=3)

    assert local_dates(series(FIFTEENTH, BERLIN, rule, 5 * A_YEAR), BERLIN) == [
        date(2026, 1, 15),
        date(2026, 2, 15),
        date(2026, 3, 15),
    ]


def test_the_count_is_counted_from_the_first_occurrence_not_from_the_window() -> None:
    rule = monthly(FIFTEENTH, count=3)

    later = occurrences(
        FIFTEENTH, BERLIN, rule, after=at(BERLIN, 2026, 2, 1), before=at(BERLIN, 2027, 1, 1)
    )

    assert local_dates(later, BERLIN) == [date(2026, 2, 15), date(2026, 3, 15)]


def test_a_series_until_a_date_includes_an_occurrence_on_that_date() -> None:
    on_the_day = monthly(FIFTEENTH, until="2026-04-15")
    the_day_before = monthly(FIFTEENTH, until="2026-04-14")

    assert local_dates(series(FIFTEENTH, BERLIN, on_the_day), BERLIN)[-1] == date(2026, 4, 15)
    assert local_dates(series(FIFTEENTH, BERLIN, the_day_before), BERLIN)[-1] == date(2026, 3, 15)


def test_a_late_evening_occurrence_on_the_until_date_is_included_though_utc_is_a_day_on() -> None:
    first = at(NEW_YORK, 2026, 1, 15, 23, 30)  # 04:30 UTC the next day
    rule = monthly(first, NEW_YORK, until="2026-03-15")

    assert local_dates(series(first, NEW_YORK, rule), NEW_YORK)[-1] == date(2026, 3, 15)


def test_an_open_ended_series_goes_on_as_far_as_asked() -> None:
    rule = monthly(FIFTEENTH)

    starts = occurrences(FIFTEENTH, BERLIN, rule, after=FIFTEENTH, before=at(BERLIN, 2036, 1, 15))

    assert len(starts) == 120  # ten years, the January 15, 2036 one left out by ``before``
    assert local_dates(starts, BERLIN)[-1] == date(2035, 12, 15)


# -- windows and cancelled occurrences --------------------------------------------------------


def test_the_window_includes_a_start_at_after_and_excludes_one_at_before() -> None:
    rule = monthly(FIFTEENTH)
    february, march = at(BERLIN, 2026, 2, 15), at(BERLIN, 2026, 3, 15)

    assert occurrences(FIFTEENTH, BERLIN, rule, after=february, before=march) == [february]


def test_nothing_comes_before_the_first_occurrence() -> None:
    rule = monthly(FIFTEENTH)

    assert (
        occurrences(FIFTEENTH, BERLIN, rule, after=at(BERLIN, 2025, 1, 1), before=FIFTEENTH) == []
    )


def test_skipped_occurrences_are_left_out_and_the_count_does_not_move_past_them() -> None:
    rule = monthly(SECOND_TUESDAY, by="weekday", count=4)
    cancelled = [at(BERLIN, 2026, 2, 10), at(BERLIN, 2026, 3, 10).astimezone(ZoneInfo(BERLIN))]

    starts = occurrences(
        SECOND_TUESDAY,
        BERLIN,
        rule,
        after=SECOND_TUESDAY,
        before=at(BERLIN, 2027, 1, 1),
        skip=cancelled,
    )

    assert starts == [SECOND_TUESDAY, at(BERLIN, 2026, 4, 14)]


def test_a_rule_made_for_another_first_occurrence_is_not_used() -> None:
    rule = monthly(FIFTEENTH)
    moved = at(BERLIN, 2026, 1, 16)

    with pytest.raises(ValueError, match="another first occurrence"):
        series(moved, BERLIN, rule)
    with pytest.raises(ValueError, match="another first occurrence"):
        series(FIFTEENTH, NEW_YORK, rule)


def test_an_instant_without_a_utc_offset_is_refused() -> None:
    rule = monthly(FIFTEENTH)
    naive = datetime(2026, 3, 1)  # the point of the test

    with pytest.raises(ValueError, match="after"):
        occurrences(FIFTEENTH, BERLIN, rule, after=naive, before=at(BERLIN, 2027, 1, 1))


# -- what the .ics says, and that a calendar reads it as we do --------------------------------

ICS_CASES: dict[str, tuple[datetime, str, dict[str, object]]] = {
    "2nd Tuesday, 12 times": (SECOND_TUESDAY, BERLIN, {"by": "weekday", "count": 12}),
    "last Friday": (LAST_FRIDAY, BERLIN, {"by": "weekday"}),
    "4th Friday": (FOURTH_AND_LAST_FRIDAY, BERLIN, {"by": "weekday"}),
    "last Friday by choice": (FOURTH_AND_LAST_FRIDAY, BERLIN, {"by": "weekday", "nth": -1}),
    "the 15th": (FIFTEENTH, BERLIN, {"by": "day_of_month"}),
    "the 31st until June 2027": (THIRTY_FIRST, BERLIN, {"until": "2027-06-30"}),
    "the 30th, 5 times": (at(BERLIN, 2026, 1, 30), BERLIN, {"count": 5}),
    "the 29th in New York": (at(NEW_YORK, 2027, 1, 29), NEW_YORK, {"until": "2028-12-31"}),
    "last Sunday at 02:30": (at(BERLIN, 2026, 1, 25, 2, 30), BERLIN, {"by": "weekday", "nth": -1}),
    "1st Sunday at 01:30": (at(NEW_YORK, 2026, 10, 4, 1, 30), NEW_YORK, {"by": "weekday"}),
}
EXPECTED_RRULES = {
    "2nd Tuesday, 12 times": "FREQ=MONTHLY;BYDAY=2TU;COUNT=12",
    "last Friday": "FREQ=MONTHLY;BYDAY=-1FR",
    "4th Friday": "FREQ=MONTHLY;BYDAY=4FR",
    "last Friday by choice": "FREQ=MONTHLY;BYDAY=-1FR",
    "the 15th": "FREQ=MONTHLY;BYMONTHDAY=15",
    # 23:59:59 on June 30 in Berlin (CEST, +02:00) is 21:59:59 UTC.
    "the 31st until June 2027": (
        "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;UNTIL=20270630T215959Z"
    ),
    "the 30th, 5 times": "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1;COUNT=5",
    # 23:59:59 on December 31 in New York (EST, -05:00) is 04:59:59 UTC the next day.
    "the 29th in New York": "FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1;UNTIL=20290101T045959Z",
    "last Sunday at 02:30": "FREQ=MONTHLY;BYDAY=-1SU",
    "1st Sunday at 01:30": "FREQ=MONTHLY;BYDAY=1SU",
}


@pytest.mark.parametrize("case", ICS_CASES)
def test_the_rrule_text_says_the_rule_in_rfc_5545_terms(case: str) -> None:
    first, zone, values = ICS_CASES[case]

    assert monthly(first, zone, **values).rrule_text() == EXPECTED_RRULES[case]


@pytest.mark.parametrize("case", ICS_CASES)
def test_a_calendar_reading_our_rrule_computes_the_same_starts(case: str) -> None:
    first, zone, values = ICS_CASES[case]
    rule = monthly(first, zone, **values)
    before = first + 3 * A_YEAR

    assert calendar_starts(first, zone, rule, before) == series(first, zone, rule, 3 * A_YEAR)


# -- what an organizer may ask for ------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        {"frequency": "monthly", "by": "weekday", "nth": -1, "count": 12},
        {"frequency": "monthly", "by": "day_of_month", "until": "2027-06-30"},
        {"frequency": "monthly", "by": "weekday", "nth": 4},
        {"frequency": "monthly"},
    ],
)
def test_a_rule_turned_into_values_parses_back_into_the_same_rule(
    values: dict[str, object],
) -> None:
    rule = Recurrence.parse(values, FOURTH_AND_LAST_FRIDAY, BERLIN)

    assert Recurrence.parse(rule.as_values(), FOURTH_AND_LAST_FRIDAY, BERLIN) == rule


def test_a_rule_by_day_of_month_is_the_default_and_its_values_say_it() -> None:
    rule = monthly(FIFTEENTH, count=None, until=None, nth=None)

    assert rule.by is RepeatBy.DAY_OF_MONTH
    assert rule.month_day == 15
    assert rule.as_values() == {"frequency": "monthly", "by": "day_of_month"}


def test_until_may_be_given_as_a_date() -> None:
    assert monthly(FIFTEENTH, until=date(2026, 6, 30)).until == date(2026, 6, 30)


def test_every_invalid_field_is_reported_at_once() -> None:
    values = {
        "frequency": "weekly",
        "by": "weekday",
        "nth": 3,
        "count": 0,
        "until": "someday",
        "interval": 2,
    }

    assert bad_fields(values, SECOND_TUESDAY) == [
        "recurrence.interval",
        "recurrence.frequency",
        "recurrence.nth",
        "recurrence.count",
        "recurrence.until",
    ]


@pytest.mark.parametrize("frequency", [None, "weekly", "yearly", "MONTHLY", 1])
def test_only_a_monthly_frequency_is_offered(frequency: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        Recurrence.parse({"frequency": frequency}, FIFTEENTH, BERLIN)

    [problem] = refused.value.errors
    assert problem.field == "recurrence.frequency"
    assert "monthly" in problem.message or problem.message == "is required"


@pytest.mark.parametrize("by", ["day", "WEEKDAY", 2, ""])
def test_a_rule_by_anything_but_day_of_month_or_weekday_is_refused(by: object) -> None:
    assert bad_fields({"frequency": "monthly", "by": by}, FIFTEENTH) == ["recurrence.by"]


def test_nth_is_refused_for_a_rule_by_day_of_month() -> None:
    assert bad_fields({"frequency": "monthly", "nth": 2}, SECOND_TUESDAY) == ["recurrence.nth"]


@pytest.mark.parametrize("nth", [1, 3, 5, 0, -2, "2", "last", True, 2.0])
def test_nth_other_than_the_first_occurrences_own_week_is_refused(nth: object) -> None:
    values = {"frequency": "monthly", "by": "weekday", "nth": nth}

    assert bad_fields(values, SECOND_TUESDAY) == ["recurrence.nth"]


def test_last_is_refused_when_the_first_occurrence_is_not_the_last_such_weekday() -> None:
    values = {"frequency": "monthly", "by": "weekday", "nth": -1}

    with pytest.raises(InvalidInput) as refused:
        Recurrence.parse(values, SECOND_TUESDAY, BERLIN)

    assert "last Tuesday" in refused.value.errors[0].message


def test_a_first_occurrence_in_the_5th_week_takes_last_and_refuses_5() -> None:
    values = {"frequency": "monthly", "by": "weekday", "nth": 5}

    assert bad_fields(values, LAST_FRIDAY) == ["recurrence.nth"]
    assert monthly(LAST_FRIDAY, by="weekday", nth=-1).nth == -1


@pytest.mark.parametrize("count", [1, 120])
def test_a_count_from_1_to_120_is_accepted(count: int) -> None:
    assert monthly(FIFTEENTH, count=count).count == count


@pytest.mark.parametrize("count", [0, 121, -1, "12", 12.0, True])
def test_a_count_outside_1_to_120_or_not_a_whole_number_is_refused(count: object) -> None:
    assert bad_fields({"frequency": "monthly", "count": count}, FIFTEENTH) == ["recurrence.count"]


@pytest.mark.parametrize(
    "until", ["2026-01-14", "30/06/2027", "2027-06-31", datetime(2027, 6, 30), 2027]
)
def test_an_until_before_the_first_occurrence_or_not_a_date_is_refused(until: object) -> None:
    assert bad_fields({"frequency": "monthly", "until": until}, FIFTEENTH) == ["recurrence.until"]


def test_until_on_the_first_occurrences_own_local_date_is_accepted() -> None:
    late_evening = at(NEW_YORK, 2026, 1, 15, 23, 30)  # already January 16 in UTC

    rule = monthly(late_evening, NEW_YORK, until="2026-01-15")

    assert series(late_evening, NEW_YORK, rule) == [late_evening]


def test_a_count_and_an_until_together_are_refused() -> None:
    values = {"frequency": "monthly", "count": 3, "until": "2027-01-01"}

    assert bad_fields(values, FIFTEENTH) == ["recurrence.until"]


def test_a_recurrence_that_is_not_an_object_is_refused() -> None:
    assert bad_fields("monthly", FIFTEENTH) == ["recurrence"]  # type: ignore[arg-type]


# -- whatever the first date, zone and rule ---------------------------------------------------

ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",  # its clocks change at midnight
    "Australia/Lord_Howe",  # its clocks change by half an hour
    "Asia/Kolkata",
    "UTC",
]
SPAN = timedelta(days=11 * 366)  # longer than 120 months


@st.composite
def first_and_rule(draw: st.DrawFn) -> tuple[datetime, str, Recurrence]:
    zone = draw(st.sampled_from(ZONES))
    day = draw(st.dates(date(2026, 1, 1), date(2030, 12, 31)))
    wall = time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 30, 45])))
    first = datetime.combine(day, wall, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    local_day = first.astimezone(ZoneInfo(zone)).date()
    values: dict[str, object] = {"frequency": "monthly", "by": draw(st.sampled_from(RepeatBy))}
    last_of_month = local_day.day + 7 > month_length(local_day)
    if values["by"] == RepeatBy.WEEKDAY and last_of_month and draw(st.booleans()):
        values["nth"] = -1
    end = draw(st.sampled_from(["count", "until", "none"]))
    if end == "count":
        values["count"] = draw(st.integers(1, 120))
    elif end == "until":
        values["until"] = local_day + timedelta(days=draw(st.integers(0, 1500)))
    return first, zone, Recurrence.parse(values, first, zone)


def falls_on_the_rule(day: date, rule: Recurrence) -> bool:
    if rule.by is RepeatBy.DAY_OF_MONTH:
        assert rule.month_day is not None
        return day.day == min(rule.month_day, month_length(day))
    week = (day.day - 1) // 7 + 1
    is_last = day.day + 7 > month_length(day)
    return day.weekday() == rule.weekday and (week == rule.nth or (rule.nth == -1 and is_last))


def exists(day: date, wall: time, zone: ZoneInfo) -> bool:
    """Whether the local wall-clock time happens on that day (it does not in a DST gap)."""
    moment = datetime.combine(day, wall, tzinfo=zone)
    return moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == moment.replace(
        tzinfo=None
    )


@settings(max_examples=150, deadline=None)
@given(first_and_rule())
def test_every_series_keeps_its_wall_clock_time_day_and_end_and_a_calendar_agrees(
    case: tuple[datetime, str, Recurrence],
) -> None:
    first, zone_name, rule = case
    zone = ZoneInfo(zone_name)
    wall = first.astimezone(zone).time()

    starts = series(first, zone_name, rule, SPAN)

    assert starts[0] == first
    assert all(earlier < later for earlier, later in pairwise(starts))
    for start in starts[1:]:
        seen = start.astimezone(zone)
        assert seen.time() == wall or not exists(seen.date(), wall, zone)
        assert start == datetime.combine(seen.date(), wall, tzinfo=zone).astimezone(UTC)
        assert falls_on_the_rule(seen.date(), rule)
    if rule.count is not None:
        assert len(starts) == rule.count
    if rule.until is not None:
        assert rule.until - timedelta(days=35) < starts[-1].astimezone(zone).date() <= rule.until
    assert calendar_starts(first, zone_name, rule, first + SPAN) == starts
