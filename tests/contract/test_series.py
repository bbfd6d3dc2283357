"""Monthly series on every item store: occurrences created 60 days ahead with the invitees
carried over, at the same wall-clock time across DST; the daily job creating each once;
one occurrence cancelled (and never back); edits of one occurrence against "this and all
future"; answers for a whole series.

The clock starts on Monday 2030-03-04. A "2nd Tuesday at 19:00 Berlin" series begins on
March 12 (CET, 18:00 UTC); Berlin moves to summer time on March 31, so April 9 is at 17:00
UTC, still 19:00 in Berlin.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from slsplay.domain.errors import InvalidInput
from slsplay.domain.invitations import Answer
from slsplay.domain.meetups import Meetup, MeetupStatus
from slsplay.mail.calendar import series_calendar
from slsplay.ports import ItemStore
from slsplay.services import answers, meetups, series, views
from slsplay.services.bundles import StoreAndClock
from slsplay.store.repositories import InvitationRepository, MeetupRepository
from slsplay.store.series import SeriesRepository
from tests.support.clock import FakeClock
from tests.support.meetups import signed_up

ORGANIZER = "organizer-1"
BERLIN = ZoneInfo("Europe/Berlin")
GUESTS = ("ann@example.com", "ben@example.com")


def berlin(year: int, month: int, day: int, hour: int = 19) -> datetime:
    return datetime(year, month, day, hour, tzinfo=BERLIN)


def plan_series(
    store: ItemStore,
    clock: FakeClock,
    first: datetime,
    rule: dict[str, object],
    **values: object,
) -> Meetup:
    """A draft first occurrence with two invitees."""
    view = meetups.plan_meetup(
        StoreAndClock(store, clock),
        ORGANIZER,
        {
            "title": "Board dinner",
            "starts_at": first,
            "timezone": "Europe/Berlin",
            "duration_minutes": 90,
            "join_url": "https://meet.example.com/board",
            "recurrence": rule,
            **values,
        },
    )
    meetups.invite_people(
        StoreAndClock(store, clock), ORGANIZER, view.meetup.id, [{"email": g} for g in GUESTS]
    )
    return view.meetup


def occurrences(store: ItemStore, meetup: Meetup) -> list[Meetup]:
    """The occurrences created so far of the series ``meetup`` now belongs to."""
    current, _ = MeetupRepository(store).get(meetup.id)
    found = views.series_of(StoreAndClock(store, FakeClock()), current)
    assert found is not None
    return [o.meetup for o in views.occurrences_of(StoreAndClock(store, FakeClock()), found)]


def local_starts(found: list[Meetup]) -> list[str]:
    return [f"{m.starts_at.astimezone(BERLIN):%Y-%m-%d %H:%M}" for m in found]


SECOND_TUESDAY = {"frequency": "monthly", "by": "weekday"}


def test_publishing_creates_the_next_60_days_with_the_invitees_at_the_same_local_time(
    store: ItemStore,
) -> None:
    clock = FakeClock(datetime(2030, 3, 4, 9, tzinfo=UTC))
    first = plan_series(store, clock, berlin(2030, 3, 12), SECOND_TUESDAY)
    assert first.occurrence == 1
    assert len(occurrences(store, first)) == 1  # a draft series has only its first

    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), first.id)

    found = occurrences(store, first)
    assert local_starts(found) == ["2030-03-12 19:00", "2030-04-09 19:00"]
    assert [m.starts_at.hour for m in found] == [18, 17]  # UTC: the offset changed, not the time
    second = found[1]
    assert second.status is MeetupStatus.PUBLISHED
    assert (second.details.title, second.occurrence) == ("Board dinner", 2)
    invited = sorted(i.email for i in InvitationRepository(store).all_of_meetup(second.id))
    assert invited == list(GUESTS)
    assert MeetupRepository(store).get(second.id)[1].invited == 2


def test_the_daily_job_creates_each_occurrence_once_as_time_passes(store: ItemStore) -> None:
    clock = FakeClock(datetime(2030, 3, 4, 9, tzinfo=UTC))
    first = plan_series(store, clock, berlin(2030, 3, 12), {**SECOND_TUESDAY, "count": 4})
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), first.id)

    clock.set(datetime(2030, 4, 20, 3, tzinfo=UTC))
    assert series.extend_all(StoreAndClock(store, clock)) == 2  # May 14 and June 11
    assert series.extend_all(StoreAndClock(store, clock)) == 0
    clock.set(datetime(2031, 1, 1, 3, tzinfo=UTC))
    assert series.extend_all(StoreAndClock(store, clock)) == 0  # four in all: the series ended
    assert local_starts(occurrences(store, first)) == [
        "2030-03-12 19:00",
        "2030-04-09 19:00",
        "2030-05-14 19:00",
        "2030-06-11 19:00",
    ]


def test_a_series_on_the_31st_falls_on_the_last_day_of_shorter_months(store: ItemStore) -> None:
    clock = FakeClock(datetime(2030, 3, 4, 9, tzinfo=UTC))
    first = plan_series(store, clock, berlin(2030, 3, 31), {"frequency": "monthly"})
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), first.id)
    clock.set(datetime(2030, 5, 2, 3, tzinfo=UTC))  # 60 days ahead: June 30 is due
    series.extend_all(StoreAndClock(store, clock))
    assert local_starts(occurrences(store, first)) == [
        "2030-03-31 19:00",
        "2030-04-30 19:00",
        "2030-05-31 19:00",
        "2030-06-30 19:00",
    ]


def test_a_cancelled_occurrence_is_skipped_for_good_and_listed_as_an_exception(
    store: ItemStore,
) -> None:
    clock = FakeClock(datetime(2030, 3, 4, 9, tzinfo=UTC))
    first = plan_series(store, clock, berlin(2030, 3, 12), SECOND_TUESDAY)
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), first.id)
    second = occurrences(store, first)[1]

    meetups.cancel_meetup(StoreAndClock(store, clock), ORGANIZER, second.id)
    clock.set(datetime(2030, 4, 20, 3, tzinfo=UTC))
    series.extend_all(StoreAndClock(store, clock))

    found = occurrences(store, first)
    assert [(m.occurrence, m.status) for m in found] == [
        (1, MeetupStatus.PUBLISHED),
        (2, MeetupStatus.CANCELLED),
        (3, MeetupStatus.PUBLISHED),
        (4, MeetupStatus.PUBLISHED),
    ]
    kept = SeriesRepository(store).get(str(first.series_id))
    assert kept.skipped == frozenset({2})
    ics = series_calendar(kept).decode()
    assert "RRULE:FREQ=MONTHLY;BYDAY=2TU" in ics
    assert "EXDATE;TZID=Europe/Berlin:20300409T190000" in ics
    assert "DTSTART;TZID=Europe/Berlin:20300312T190000" in ics


def test_an_edit_of_one_occurrence_leaves_the_series_as_it_was(store: ItemStore) -> None:
    clock = FakeClock(datetime(2030, 3, 4, 9, tzinfo=UTC))
    first = plan_series(store, clock, berlin(2030, 3, 12), SECOND_TUESDAY)
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), first.id)
    second = occurrences(store, first)[1]

    meetups.edit_meetup(
        StoreAndClock(store, clock),
        ORGANIZER,
        second.id,
        {"title": "Spring dinner", "starts_at": berlin(2030, 4, 10)},
    )
    clock.set(datetime(2030, 4, 20, 3, tzinfo=UTC))
    series.extend_all(StoreAndClock(store, clock))

    found = occurrences(store, first)
    assert [m.details.title for m in found] == [
        "Board dinner",
        "Spring dinner",
        "Board dinner",
        "Board dinner",
    ]
    assert local_starts(found)[1:3] == ["2030-04-10 19:00", "2030-05-14 19:00"]


def test_an_edit_of_this_and_all_future_splits_the_series_there(store: ItemStore) -> None:
    clock = FakeClock(datetime(2030, 3, 4, 9, tzinfo=UTC))
    first = plan_series(store, clock, berlin(2030, 3, 12), {**SECOND_TUESDAY, "count": 6})
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), first.id)
    clock.set(datetime(2030, 4, 1, 3, tzinfo=UTC))
    series.extend_all(StoreAndClock(store, clock))
    before = occurrences(store, first)
    assert len(before) == 3  # March, April, May

    meetups.edit_meetup(
        StoreAndClock(store, clock),
        ORGANIZER,
        before[1].id,
        {"title": "Late dinner", "starts_at": berlin(2030, 4, 9, hour=20)},
        scope="following",
    )

    old = SeriesRepository(store).get(str(first.series_id))
    assert old.rule.count == 1
    assert [m.id for m in occurrences(store, first)] == [first.id]
    after = occurrences(store, before[1])
    assert [m.id for m in after] == [before[1].id, before[2].id]
    assert [m.occurrence for m in after] == [1, 2]
    assert [m.details.title for m in after] == ["Late dinner", "Late dinner"]
    assert local_starts(after) == ["2030-04-09 20:00", "2030-05-14 20:00"]
    assert MeetupRepository(store).get(first.id)[0].details.title == "Board dinner"

    clock.set(datetime(2030, 6, 1, 3, tzinfo=UTC))
    series.extend_all(StoreAndClock(store, clock))
    later = occurrences(store, before[1])
    assert local_starts(later)[2:] == ["2030-06-11 20:00", "2030-07-09 20:00"]
    assert later[2].details.title == "Late dinner"
    clock.set(datetime(2030, 7, 20, 3, tzinfo=UTC))  # September 10 is within 60 days too
    series.extend_all(StoreAndClock(store, clock))
    last = occurrences(store, before[1])
    assert local_starts(last)[-1] == "2030-08-13 20:00"  # six in all, one before the split
    assert len(last) == 5


def test_an_answer_for_the_series_holds_for_occurrences_created_later(store: ItemStore) -> None:
    clock = FakeClock(datetime(2030, 3, 4, 9, tzinfo=UTC))
    first = plan_series(store, clock, berlin(2030, 3, 12), SECOND_TUESDAY)
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), first.id)
    token, _ = answers.answer_link(StoreAndClock(store, clock), ORGANIZER, first.id, GUESTS[0])

    answers.answer_by_link(StoreAndClock(store, clock), token, Answer.ATTENDING, scope="series")
    clock.set(datetime(2030, 4, 20, 3, tzinfo=UTC))
    series.extend_all(StoreAndClock(store, clock))

    for occurrence in occurrences(store, first):
        answered = {
            i.email: i.response for i in InvitationRepository(store).all_of_meetup(occurrence.id)
        }
        assert answered == {GUESTS[0]: Answer.ATTENDING, GUESTS[1]: Answer.NONE}


def test_an_answer_for_the_series_needs_a_series(store: ItemStore) -> None:
    clock = FakeClock(datetime(2030, 3, 4, 9, tzinfo=UTC))
    plain = meetups.plan_meetup(
        StoreAndClock(store, clock),
        ORGANIZER,
        {
            "title": "Once",
            "starts_at": berlin(2030, 3, 12),
            "timezone": "Europe/Berlin",
            "duration_minutes": 60,
            "join_url": "https://meet.example.com/once",
        },
    ).meetup
    meetups.invite_people(StoreAndClock(store, clock), ORGANIZER, plain.id, [{"email": GUESTS[0]}])
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), plain.id)
    token, _ = answers.answer_link(StoreAndClock(store, clock), ORGANIZER, plain.id, GUESTS[0])
    with pytest.raises(InvalidInput) as refused:
        answers.answer_by_link(StoreAndClock(store, clock), token, Answer.ATTENDING, scope="series")
    assert refused.value.errors[0].field == "scope"


def test_a_bad_rule_is_refused_and_nothing_is_stored(store: ItemStore) -> None:
    clock = FakeClock(datetime(2030, 3, 4, 9, tzinfo=UTC))
    with pytest.raises(InvalidInput) as refused:
        plan_series(store, clock, berlin(2030, 3, 12), {"frequency": "weekly", "count": 0})
    assert {e.field for e in refused.value.errors} == {
        "recurrence.frequency",
        "recurrence.count",
    }
    assert MeetupRepository(store).of_organizer(ORGANIZER)[0] == []


def test_two_runs_racing_create_an_occurrence_once(store: ItemStore) -> None:
    clock = FakeClock(datetime(2030, 3, 4, 9, tzinfo=UTC))
    first = plan_series(store, clock, berlin(2030, 3, 12), SECOND_TUESDAY)
    repository = SeriesRepository(store)
    stale = repository.get(str(first.series_id))  # a run that read before the publish
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), first.id)

    stale.publish(clock.now())
    number, start = stale.due(clock.now())[0]
    late = stale.occurrence(meetup_id="late-run", number=number, start=start, now=clock.now())
    assert not repository.add_occurrence(stale, stale.version, late)
    assert [m.occurrence for m in occurrences(store, first)] == [1, 2]
    with pytest.raises(Exception):  # noqa: B017, PT011  (nothing of it was written)
        MeetupRepository(store).get("late-run")
