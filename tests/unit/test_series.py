"""The rules of a monthly series: what it creates when, how it reads in words, and how an
edit of "this and all future" splits it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from slsplay.domain.errors import Conflict, Forbidden
from slsplay.domain.meetups import Meetup, MeetupStatus
from slsplay.domain.recurrence import Recurrence
from slsplay.domain.series import Series

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2030, 3, 4, 9, tzinfo=UTC)


def first_meetup(start: datetime, **values: object) -> Meetup:
    return Meetup.plan(
        meetup_id="m1",
        organizer_id="org",
        values={
            "title": "Board dinner",
            "starts_at": start,
            "timezone": "Europe/Berlin",
            "duration_minutes": 90,
            "join_url": "https://meet.example.com/board",
            **values,
        },
        now=NOW,
    )


def series_from(start: datetime, rule: dict[str, object], **values: object) -> Series:
    series, first = Series.start(
        series_id="s1", first=first_meetup(start, **values), values=rule, now=NOW
    )
    assert (first.series_id, first.occurrence) == ("s1", 1)
    return series


@pytest.mark.parametrize(
    ("start", "rule", "words"),
    [
        (datetime(2030, 3, 12, 19, tzinfo=BERLIN), {"by": "weekday"}, "Monthly on the 2nd Tuesday"),
        (
            datetime(2030, 3, 29, 19, tzinfo=BERLIN),
            {"by": "weekday", "nth": -1, "count": 6},
            "Monthly on the last Friday, 6 times",
        ),
        (
            datetime(2030, 3, 31, 19, tzinfo=BERLIN),
            {"until": "2030-12-31"},
            "Monthly on the 31st (or the month's last day), until 2030-12-31",
        ),
        (datetime(2030, 3, 12, 19, tzinfo=BERLIN), {}, "Monthly on the 12th"),
        (datetime(2030, 3, 22, 19, tzinfo=BERLIN), {}, "Monthly on the 22nd"),
    ],
)
def test_a_rule_reads_in_words(start: datetime, rule: dict[str, object], words: str) -> None:
    series = series_from(start, {"frequency": "monthly", **rule})
    assert series.rule.describe() == words


def test_an_occurrence_closes_answers_as_long_before_its_start_as_the_first() -> None:
    start = datetime(2030, 3, 12, 19, tzinfo=BERLIN)
    series = series_from(
        start, {"frequency": "monthly"}, rsvp_closes_at=start - timedelta(hours=36)
    )
    april = datetime(2030, 4, 12, 17, tzinfo=UTC)
    details = series.occurrence_details(april)
    assert details.starts_at == april
    assert details.rsvp_closes_at == april - timedelta(hours=36)


def test_what_is_due_leaves_out_what_exists_what_was_skipped_and_the_past() -> None:
    series = series_from(datetime(2030, 3, 12, 19, tzinfo=BERLIN), {"frequency": "monthly"})
    later = datetime(2030, 4, 20, tzinfo=UTC)
    assert [n for n, _ in series.due(later)] == [3, 4]  # April 12 is past; May, June ahead
    series.created(3, later)
    series.skip(4, later)
    assert series.due(later) == []
    assert series.exception_starts() == [datetime(2030, 6, 12, 17, tzinfo=UTC)]


def test_an_occurrence_is_published_only_once_the_series_is() -> None:
    series = series_from(datetime(2030, 3, 12, 19, tzinfo=BERLIN), {"frequency": "monthly"})
    start = datetime(2030, 4, 12, 17, tzinfo=UTC)
    draft = series.occurrence(meetup_id="m2", number=2, start=start, now=NOW)
    assert draft.status is MeetupStatus.DRAFT
    series.publish(NOW)
    published = series.occurrence(meetup_id="m2", number=2, start=start, now=NOW)
    assert published.status is MeetupStatus.PUBLISHED
    assert (published.series_id, published.occurrence) == ("s1", 2)


def test_a_split_by_date_ends_the_old_series_the_day_of_its_last_occurrence() -> None:
    series = series_from(
        datetime(2030, 3, 12, 19, tzinfo=BERLIN),
        {"frequency": "monthly", "by": "weekday", "until": "2030-12-31"},
    )
    series.created(4, NOW)
    series.skip(2, NOW)
    series.skip(4, NOW)
    moved = datetime(2030, 5, 14, 20, tzinfo=BERLIN)  # occurrence 3, an hour later
    following = series.split(
        "org", number=3, details=replace(series.details, starts_at=moved), new_id="s2", now=NOW
    )

    assert series.rule.until == date(2030, 4, 9)
    assert (series.generated, series.skipped) == (2, frozenset({2}))
    assert following.rule == Recurrence.parse(
        {"frequency": "monthly", "by": "weekday", "until": "2030-12-31"}, moved, "Europe/Berlin"
    )
    assert (following.generated, following.skipped) == (2, frozenset({2}))
    assert following.start_of(2) == datetime(2030, 6, 11, 20, tzinfo=BERLIN)


def test_a_split_by_count_shares_the_count() -> None:
    series = series_from(
        datetime(2030, 3, 12, 19, tzinfo=BERLIN), {"frequency": "monthly", "count": 6}
    )
    following = series.split("org", number=3, details=series.details, new_id="s2", now=NOW)
    assert (series.rule.count, following.rule.count) == (2, 4)


def test_only_the_organizer_changes_a_series_and_not_at_its_first() -> None:
    series = series_from(datetime(2030, 3, 12, 19, tzinfo=BERLIN), {"frequency": "monthly"})
    with pytest.raises(Forbidden):
        series.split("someone", number=2, details=series.details, new_id="s2", now=NOW)
    with pytest.raises(Conflict):
        series.split("org", number=1, details=series.details, new_id="s2", now=NOW)


def test_a_new_template_reads_the_rule_again_from_its_start() -> None:
    series = series_from(
        datetime(2030, 3, 12, 19, tzinfo=BERLIN), {"frequency": "monthly", "by": "weekday"}
    )
    thursday = datetime(2030, 3, 21, 19, tzinfo=BERLIN)  # the 3rd Thursday
    series.retemplate("org", replace(series.details, starts_at=thursday), NOW)
    assert series.rule.describe() == "Monthly on the 3rd Thursday"
