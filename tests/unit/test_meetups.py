"""The meetup aggregate: which fields an organizer may write, and how a meetup lives and dies."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest

from slsplay.domain.errors import Conflict, Forbidden, InvalidInput
from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.meetup_details import CATEGORIES, MeetupDetails, Visibility
from slsplay.domain.meetups import Meetup, MeetupCounts, MeetupStatus, Phase
from slsplay.domain.money import Price
from tests.support.clock import START, FakeClock
from tests.support.meetups import (
    ORGANIZER,
    STARTS_AT,
    STRANGER,
    account,
    draft,
    expect_refusal,
    meetup_values,
    published,
)

NOTHING_YET = MeetupCounts()


def parsed(**overrides: object) -> MeetupDetails:
    return MeetupDetails.parse(meetup_values(**overrides))


def bad_fields(values: dict[str, object]) -> list[str]:
    """The fields named by the refusal of ``values``, in the order they were reported."""
    with pytest.raises(InvalidInput) as refused:
        MeetupDetails.parse(values)
    return [problem.field for problem in refused.value.errors]


def invitation_to(meetup: Meetup, response: Answer = Answer.NONE) -> Invitation:
    return Invitation(
        id="inv-1",
        meetup_id=meetup.id,
        email="ana@example.com",
        name="Ana",
        invited_at=START,
        response=response,
    )


# -- the fields an organizer writes ---------------------------------------------------------


def test_a_planned_meetup_is_a_private_draft_at_version_one() -> None:
    meetup = draft()

    assert meetup.status is MeetupStatus.DRAFT
    assert meetup.phase(START) is Phase.DRAFT
    assert meetup.details.visibility is Visibility.PRIVATE
    assert meetup.version == 1
    assert meetup.created_at == meetup.updated_at == START
    assert meetup.published_at is None
    assert meetup.cancelled_at is None


def test_the_title_is_trimmed_and_its_inner_whitespace_collapsed() -> None:
    assert parsed(title="  Founders'\t fireside \n chat  ").title == "Founders' fireside chat"


@pytest.mark.parametrize("length", [1, 120])
def test_a_title_of_1_to_120_characters_is_accepted(length: int) -> None:
    assert parsed(title="x" * length).title == "x" * length


@pytest.mark.parametrize("title", ["", "   ", "\t\n", "x" * 121, None, 42])
def test_a_blank_overlong_or_non_text_title_is_refused(title: object) -> None:
    assert bad_fields(meetup_values(title=title)) == ["title"]


def test_the_title_limit_counts_the_title_as_it_is_stored() -> None:
    assert parsed(title="a" + " " * 200 + "b").title == "a b"


def test_the_description_may_be_left_out_and_is_then_empty() -> None:
    values = meetup_values()
    del values["description"]

    assert MeetupDetails.parse(values).description == ""


def test_a_description_of_5000_characters_is_accepted_and_one_more_is_refused() -> None:
    assert parsed(description="d" * 5000).description == "d" * 5000
    assert bad_fields(meetup_values(description="d" * 5001)) == ["description"]


def test_the_description_keeps_its_line_breaks_and_loses_its_outer_whitespace() -> None:
    assert parsed(description="  # Agenda\n\n- talk\n- questions \n").description == (
        "# Agenda\n\n- talk\n- questions"
    )


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_listed_category_is_accepted(category: str) -> None:
    assert parsed(category=category).category == category


def test_the_category_defaults_to_other() -> None:
    values = meetup_values()
    del values["category"]

    assert MeetupDetails.parse(values).category == "other"


@pytest.mark.parametrize("category", ["Music", "parties", "", None, ["music"]])
def test_a_category_outside_the_list_is_refused(category: object) -> None:
    assert bad_fields(meetup_values(category=category)) == ["category"]


def test_a_start_without_a_utc_offset_is_refused() -> None:
    naive = datetime(2030, 3, 11, 9, 0)  # the point of the test

    assert bad_fields(meetup_values(starts_at=naive)) == ["starts_at"]


@pytest.mark.parametrize("starts_at", ["2030-03-11T09:00:00+00:00", 1_900_000_000, None])
def test_a_start_that_is_not_a_date_and_time_is_refused(starts_at: object) -> None:
    assert bad_fields(meetup_values(starts_at=starts_at)) == ["starts_at"]


def test_the_start_is_stored_as_a_utc_instant_without_microseconds() -> None:
    berlin_winter = timezone(timedelta(hours=1))
    written = datetime(2030, 3, 11, 10, 30, 15, 987654, tzinfo=berlin_winter)

    stored = parsed(starts_at=written).starts_at

    assert stored == datetime(2030, 3, 11, 9, 30, 15, tzinfo=UTC)
    assert stored.tzinfo is UTC
    assert stored.microsecond == 0


@pytest.mark.parametrize(
    "zone", ["Europe/Berlin", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "UTC"]
)
def test_an_iana_time_zone_is_accepted(zone: str) -> None:
    assert parsed(timezone=zone).timezone == zone


@pytest.mark.parametrize(
    "zone",
    ["Mars/Olympus_Mons", "", " Europe/Berlin", "+02:00", "../../etc/passwd", "/etc/localtime"],
)
def test_a_time_zone_that_is_not_an_iana_name_is_refused(zone: str) -> None:
    assert bad_fields(meetup_values(timezone=zone)) == ["timezone"]


@pytest.mark.parametrize("zone", [None, 1, UTC])
def test_a_time_zone_that_is_not_text_is_refused(zone: object) -> None:
    assert bad_fields(meetup_values(timezone=zone)) == ["timezone"]


def test_a_time_zone_naming_a_region_rather_than_a_zone_is_refused() -> None:
    assert bad_fields(meetup_values(timezone="Europe")) == ["timezone"]


@pytest.mark.parametrize("minutes", [5, 90, 24 * 60])
def test_a_duration_from_5_minutes_to_24_hours_is_accepted(minutes: int) -> None:
    assert parsed(duration_minutes=minutes).duration_minutes == minutes


@pytest.mark.parametrize("minutes", [4, 0, -60, 24 * 60 + 1, 60.0, "60", True, None])
def test_a_duration_outside_5_minutes_to_24_hours_or_not_whole_is_refused(minutes: object) -> None:
    assert bad_fields(meetup_values(duration_minutes=minutes)) == ["duration_minutes"]


@pytest.mark.parametrize(
    "url",
    [
        "https://meet.example.com/fireside",
        "https://zoom.us/j/123456789?pwd=abc",
        "https://meet.example.com:8443/room#top",
    ],
)
def test_an_https_join_link_with_a_host_is_accepted(url: str) -> None:
    assert parsed(join_url=url).join_url == url


def test_the_join_link_is_trimmed() -> None:
    assert parsed(join_url="  https://meet.example.com/x \n").join_url == (
        "https://meet.example.com/x"
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://meet.example.com/fireside",
        "ftp://meet.example.com/fireside",
        "https://ana:secret@meet.example.com/fireside",
        "https://ana@meet.example.com/fireside",
        "https://meet.example.com/fire side",
        "https://meet.example.com/fire\tside",
        "https://",
        "https:///fireside",
        "https://localhost/fireside",
        "meet.example.com/fireside",
        "javascript:alert(1)",
        "",
        "https://meet.example.com/" + "x" * 2048,
        None,
    ],
)
def test_a_join_link_that_is_not_plain_https_to_a_host_is_refused(url: object) -> None:
    assert bad_fields(meetup_values(join_url=url)) == ["join_url"]


@pytest.mark.parametrize(
    "url", ["https://[meet.example.com/fireside", "https://meet.example.com:99999/fireside"]
)
def test_a_malformed_join_link_is_refused_rather_than_crashing(url: str) -> None:
    assert bad_fields(meetup_values(join_url=url)) == ["join_url"]


@pytest.mark.parametrize("capacity", [None, 1, 250, 100_000])
def test_capacity_is_unlimited_or_at_least_one(capacity: int | None) -> None:
    assert parsed(capacity=capacity).capacity == capacity


@pytest.mark.parametrize("capacity", [0, -1, 100_001, True, False, 1.5, "10"])
def test_a_capacity_below_one_or_not_a_whole_number_is_refused(capacity: object) -> None:
    assert bad_fields(meetup_values(capacity=capacity)) == ["capacity"]


def test_a_meetup_is_free_unless_priced() -> None:
    assert parsed().price is None
    assert parsed(price=None).price is None


def test_a_price_is_read_from_an_amount_in_minor_units_and_a_currency() -> None:
    price = parsed(price={"amount_minor": 1250, "currency": "EUR"}).price

    assert price == Price(amount_minor=1250, currency="EUR")


def test_a_price_object_is_kept_as_it_is() -> None:
    assert parsed(price=Price(500, "JPY")).price == Price(500, "JPY")


@pytest.mark.parametrize(
    ("price", "fields"),
    [
        ({"amount_minor": 0, "currency": "EUR"}, ["price.amount_minor"]),
        ({"amount_minor": -100, "currency": "EUR"}, ["price.amount_minor"]),
        ({"amount_minor": 12.5, "currency": "EUR"}, ["price.amount_minor"]),
        ({"amount_minor": True, "currency": "EUR"}, ["price.amount_minor"]),
        ({"amount_minor": "1250", "currency": "EUR"}, ["price.amount_minor"]),
        ({"amount_minor": 1250, "currency": "eur"}, ["price.currency"]),
        ({"amount_minor": 1250, "currency": "EURO"}, ["price.currency"]),
        ({"amount_minor": 1250}, ["price.currency"]),
        ({"amount_minor": 0, "currency": "ZZZ"}, ["price.amount_minor", "price.currency"]),
        ("12.50 EUR", ["price"]),
        (1250, ["price"]),
    ],
)
def test_a_price_that_is_not_a_positive_amount_in_an_iso_currency_is_refused(
    price: object, fields: list[str]
) -> None:
    assert bad_fields(meetup_values(price=price)) == fields


def test_a_price_object_is_checked_like_any_other_price() -> None:
    assert bad_fields(meetup_values(price=Price(0, "ZZZ"))) == [
        "price.amount_minor",
        "price.currency",
    ]


@pytest.mark.parametrize("visibility", ["public", Visibility.PUBLIC])
def test_a_meetup_can_be_made_public(visibility: object) -> None:
    assert parsed(visibility=visibility).visibility is Visibility.PUBLIC


@pytest.mark.parametrize("visibility", ["PUBLIC", "secret", "", None, True])
def test_a_visibility_other_than_private_or_public_is_refused(visibility: object) -> None:
    assert bad_fields(meetup_values(visibility=visibility)) == ["visibility"]


def test_a_field_a_meetup_does_not_have_is_refused() -> None:
    assert bad_fields(meetup_values(location="Berlin", organizer_id="someone-else")) == [
        "location",
        "organizer_id",
    ]


def test_every_missing_required_field_is_reported() -> None:
    assert sorted(bad_fields({})) == [
        "duration_minutes",
        "join_url",
        "starts_at",
        "timezone",
        "title",
    ]


def test_every_bad_field_is_reported_at_once() -> None:
    values = meetup_values(
        title=" ",
        description="d" * 5001,
        category="parties",
        starts_at=datetime(2030, 3, 11, 9, 0),  # naive on purpose
        timezone="Mars/Olympus_Mons",
        duration_minutes=1,
        join_url="http://meet.example.com",
        capacity=0,
        price={"amount_minor": 0, "currency": "ZZZ"},
        visibility="secret",
        venue="Room 1",
    )

    assert sorted(bad_fields(values)) == [
        "capacity",
        "category",
        "description",
        "duration_minutes",
        "join_url",
        "price.amount_minor",
        "price.currency",
        "starts_at",
        "timezone",
        "title",
        "venue",
        "visibility",
    ]


def test_a_refusal_carries_the_invalid_input_code_and_a_readable_message() -> None:
    with pytest.raises(InvalidInput) as refused:
        MeetupDetails.parse(meetup_values(title="", capacity=0))

    assert refused.value.code == "invalid_input"
    assert "title" in refused.value.message
    assert "capacity" in refused.value.message


# -- creating and publishing ----------------------------------------------------------------


@pytest.mark.parametrize(
    "starts_at", [START, START - timedelta(seconds=1), START - timedelta(days=3)]
)
def test_a_meetup_cannot_be_planned_to_start_now_or_in_the_past(starts_at: datetime) -> None:
    with pytest.raises(InvalidInput) as refused:
        draft(starts_at=starts_at)

    assert [problem.field for problem in refused.value.errors] == ["starts_at"]


def test_a_meetup_can_be_planned_to_start_a_second_from_now() -> None:
    assert draft(starts_at=START + timedelta(seconds=1)).starts_at == START + timedelta(seconds=1)


def test_a_past_start_is_reported_together_with_the_other_bad_fields() -> None:
    with pytest.raises(InvalidInput) as refused:
        draft(title="", starts_at=START - timedelta(days=1))

    assert sorted(problem.field for problem in refused.value.errors) == ["starts_at", "title"]


def test_publishing_a_draft_makes_it_upcoming_and_bumps_the_version() -> None:
    meetup = draft()
    publish_time = START + timedelta(hours=2)

    meetup.publish(account(), publish_time)

    assert meetup.status is MeetupStatus.PUBLISHED
    assert meetup.phase(publish_time) is Phase.UPCOMING
    assert meetup.published_at == meetup.updated_at == publish_time
    assert meetup.version == 2


def test_publishing_twice_is_refused() -> None:
    meetup = published()

    expect_refusal(lambda: meetup.publish(account(), START), Conflict, "already_published", meetup)


def test_a_draft_whose_start_has_passed_cannot_be_published() -> None:
    clock = FakeClock()
    meetup = draft(clock.now())
    clock.set(STARTS_AT)

    expect_refusal(
        lambda: meetup.publish(account(), clock.now()), Conflict, "start_in_past", meetup
    )


def test_a_draft_whose_start_has_passed_can_be_rescheduled_and_then_published() -> None:
    clock = FakeClock()
    meetup = draft(clock.now())
    clock.set(STARTS_AT + timedelta(days=1))

    meetup.edit(ORGANIZER, {"starts_at": clock.now() + timedelta(days=7)}, clock.now(), NOTHING_YET)
    meetup.publish(account(), clock.now())

    assert meetup.phase(clock.now()) is Phase.UPCOMING


# -- the phase a meetup is in, by the clock ------------------------------------------------


def test_a_draft_stays_a_draft_whatever_the_clock_says() -> None:
    meetup = draft()

    assert meetup.phase(START) is Phase.DRAFT
    assert meetup.phase(STARTS_AT + timedelta(days=30)) is Phase.DRAFT


def test_a_published_meetup_is_upcoming_then_live_then_ended() -> None:
    meetup = published(duration_minutes=90)
    ends_at = STARTS_AT + timedelta(minutes=90)

    assert meetup.ends_at == ends_at
    assert meetup.phase(STARTS_AT - timedelta(seconds=1)) is Phase.UPCOMING
    assert meetup.phase(STARTS_AT) is Phase.LIVE
    assert meetup.phase(ends_at - timedelta(seconds=1)) is Phase.LIVE
    assert meetup.phase(ends_at) is Phase.ENDED
    assert meetup.phase(ends_at + timedelta(days=365)) is Phase.ENDED


def test_a_cancelled_meetup_is_cancelled_at_any_time() -> None:
    meetup = published()
    meetup.cancel(ORGANIZER, START)

    assert meetup.phase(START) is Phase.CANCELLED
    assert meetup.phase(STARTS_AT) is Phase.CANCELLED
    assert meetup.phase(STARTS_AT + timedelta(days=1)) is Phase.CANCELLED


# -- cancelling -----------------------------------------------------------------------------


def test_a_draft_can_be_cancelled() -> None:
    meetup = draft()

    meetup.cancel(ORGANIZER, START + timedelta(minutes=1))

    assert meetup.status is MeetupStatus.CANCELLED
    assert meetup.cancelled_at == START + timedelta(minutes=1)
    assert meetup.version == 2


def test_a_live_meetup_can_be_cancelled() -> None:
    meetup = published()

    meetup.cancel(ORGANIZER, STARTS_AT + timedelta(minutes=30))

    assert meetup.phase(STARTS_AT + timedelta(minutes=30)) is Phase.CANCELLED


def test_a_meetup_that_has_ended_cannot_be_cancelled() -> None:
    meetup = published()

    expect_refusal(
        lambda: meetup.cancel(ORGANIZER, meetup.ends_at), Conflict, "meetup_ended", meetup
    )


# -- only the organizer ---------------------------------------------------------------------

ORGANIZER_ACTIONS: dict[str, Callable[[Meetup, str], object]] = {
    "edit": lambda meetup, actor: meetup.edit(actor, {"title": "Mine now"}, START, NOTHING_YET),
    "publish": lambda meetup, actor: meetup.publish(account(actor), START),
    "cancel": lambda meetup, actor: meetup.cancel(actor, START),
    "invite": lambda meetup, actor: meetup.invite(
        actor, invitation_id="inv-9", email="eve@example.com", name="Eve", now=START
    ),
    "delete": lambda meetup, actor: meetup.ensure_deletable(actor),
}


@pytest.mark.parametrize("action", ORGANIZER_ACTIONS)
def test_only_the_organizer_may_change_a_meetup(action: str) -> None:
    meetup = draft()

    expect_refusal(
        lambda: ORGANIZER_ACTIONS[action](meetup, STRANGER), Forbidden, "not_organizer", meetup
    )


def test_nobody_signed_out_is_the_organizer() -> None:
    meetup = draft()

    assert meetup.is_organizer(ORGANIZER)
    assert not meetup.is_organizer(STRANGER)
    assert not meetup.is_organizer(None)


# -- a cancelled meetup accepts nothing -----------------------------------------------------


@pytest.mark.parametrize("action", ["edit", "publish", "cancel", "invite"])
def test_a_cancelled_meetup_refuses_every_change(action: str) -> None:
    meetup = published()
    meetup.cancel(ORGANIZER, START)

    expect_refusal(
        lambda: ORGANIZER_ACTIONS[action](meetup, ORGANIZER), Conflict, "meetup_cancelled", meetup
    )


def test_a_cancelled_meetup_refuses_answers() -> None:
    meetup = published()
    invitation = invitation_to(meetup)
    meetup.cancel(ORGANIZER, START)

    expect_refusal(
        lambda: meetup.answer(invitation, Answer.ATTENDING, START, NOTHING_YET),
        Conflict,
        "meetup_cancelled",
        meetup,
        invitation,
    )


# -- deleting -------------------------------------------------------------------------------


def test_the_organizer_may_delete_a_draft() -> None:
    draft().ensure_deletable(ORGANIZER)


def test_a_published_meetup_cannot_be_deleted() -> None:
    meetup = published()

    expect_refusal(lambda: meetup.ensure_deletable(ORGANIZER), Conflict, "meetup_published", meetup)


# -- editing --------------------------------------------------------------------------------


def test_editing_the_title_changes_it_and_bumps_the_version_once() -> None:
    meetup = draft()
    edit_time = START + timedelta(minutes=5)

    changed = meetup.edit(ORGANIZER, {"title": "Fireside, part two"}, edit_time, NOTHING_YET)

    assert changed is True
    assert meetup.details.title == "Fireside, part two"
    assert meetup.version == 2
    assert meetup.updated_at == edit_time


def test_an_edit_touches_only_the_fields_it_names() -> None:
    meetup = draft(capacity=20, price={"amount_minor": 900, "currency": "GBP"})
    before = meetup.details

    meetup.edit(ORGANIZER, {"duration_minutes": 45}, START, NOTHING_YET)

    assert meetup.details.duration_minutes == 45
    assert meetup.details.as_values() == {**before.as_values(), "duration_minutes": 45}


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"title": "  Founders'   fireside chat "},
        {"starts_at": STARTS_AT + timedelta(microseconds=400)},
        {"category": "business", "duration_minutes": 60},
    ],
)
def test_an_edit_that_changes_nothing_answers_false_and_keeps_the_version(
    changes: dict[str, object],
) -> None:
    meetup = draft()
    before = copy.deepcopy(meetup)

    changed = meetup.edit(ORGANIZER, changes, START + timedelta(hours=1), NOTHING_YET)

    assert changed is False
    assert meetup == before
    assert meetup.updated_at == START


def test_each_accepted_change_bumps_the_version_by_exactly_one() -> None:
    clock = FakeClock()
    meetup = draft(clock.now())
    versions = [meetup.version]

    meetup.edit(ORGANIZER, {"title": "Second title"}, clock.advance(minutes=1), NOTHING_YET)
    versions.append(meetup.version)
    meetup.publish(account(), clock.advance(minutes=1))
    versions.append(meetup.version)
    meetup.edit(ORGANIZER, {"capacity": 30, "visibility": "public"}, clock.now(), NOTHING_YET)
    versions.append(meetup.version)
    meetup.cancel(ORGANIZER, clock.advance(hours=1))
    versions.append(meetup.version)

    assert versions == [1, 2, 3, 4, 5]


def test_an_invalid_edit_lists_every_bad_field_and_changes_nothing() -> None:
    meetup = published()

    error = expect_refusal(
        lambda: meetup.edit(
            ORGANIZER,
            {"title": "", "join_url": "http://meet.example.com", "mood": "festive"},
            START,
            NOTHING_YET,
        ),
        InvalidInput,
        "invalid_input",
        meetup,
    )

    assert isinstance(error, InvalidInput)
    assert sorted(problem.field for problem in error.errors) == ["join_url", "mood", "title"]


def test_a_live_meetup_can_still_have_its_description_edited() -> None:
    meetup = published()
    during = STARTS_AT + timedelta(minutes=10)

    assert meetup.edit(ORGANIZER, {"description": "Slides: see chat"}, during, NOTHING_YET)
    assert meetup.details.description == "Slides: see chat"


def test_a_published_meetup_that_has_ended_cannot_be_edited() -> None:
    meetup = published()

    expect_refusal(
        lambda: meetup.edit(ORGANIZER, {"title": "Recap"}, meetup.ends_at, NOTHING_YET),
        Conflict,
        "meetup_ended",
        meetup,
    )


def test_moving_the_start_of_an_upcoming_meetup_is_accepted() -> None:
    meetup = published()
    later = STARTS_AT + timedelta(days=2, hours=3)

    assert meetup.edit(ORGANIZER, {"starts_at": later}, START, NOTHING_YET)
    assert meetup.starts_at == later
    assert meetup.phase(STARTS_AT) is Phase.UPCOMING


@pytest.mark.parametrize("after_start", [timedelta(0), timedelta(minutes=30)])
def test_moving_the_start_of_a_meetup_that_has_started_is_refused(after_start: timedelta) -> None:
    meetup = published()

    expect_refusal(
        lambda: meetup.edit(
            ORGANIZER,
            {"starts_at": STARTS_AT + timedelta(days=1)},
            STARTS_AT + after_start,
            NOTHING_YET,
        ),
        Conflict,
        "meetup_started",
        meetup,
    )


@pytest.mark.parametrize("new_start", [START, START - timedelta(hours=1)])
def test_moving_the_start_to_now_or_the_past_is_refused(new_start: datetime) -> None:
    meetup = published()

    error = expect_refusal(
        lambda: meetup.edit(ORGANIZER, {"starts_at": new_start}, START, NOTHING_YET),
        InvalidInput,
        "invalid_input",
        meetup,
    )

    assert isinstance(error, InvalidInput)
    assert [problem.field for problem in error.errors] == ["starts_at"]


def test_lowering_the_capacity_below_the_number_attending_is_refused() -> None:
    meetup = published(capacity=10)

    error = expect_refusal(
        lambda: meetup.edit(ORGANIZER, {"capacity": 3}, START, MeetupCounts(5, 4, 1)),
        InvalidInput,
        "capacity_below_attendance",
        meetup,
    )

    assert isinstance(error, InvalidInput)
    assert [problem.field for problem in error.errors] == ["capacity"]


def test_lowering_the_capacity_to_exactly_the_number_attending_is_accepted() -> None:
    meetup = published(capacity=10)

    assert meetup.edit(ORGANIZER, {"capacity": 4}, START, MeetupCounts(5, 4, 1))
    assert meetup.details.capacity == 4


def test_removing_the_capacity_of_a_busy_meetup_is_accepted() -> None:
    meetup = published(capacity=4)

    assert meetup.edit(ORGANIZER, {"capacity": None}, START, MeetupCounts(4, 4, 0))
    assert meetup.details.capacity is None


def test_an_edit_reports_a_past_start_together_with_the_other_bad_fields() -> None:
    meetup = draft()

    error = expect_refusal(
        lambda: meetup.edit(
            ORGANIZER, {"title": "", "starts_at": START - timedelta(days=1)}, START, NOTHING_YET
        ),
        InvalidInput,
        "invalid_input",
        meetup,
    )

    assert isinstance(error, InvalidInput)
    assert sorted(problem.field for problem in error.errors) == ["starts_at", "title"]


# -- guests, and who may see a meetup -------------------------------------------------------


def test_a_guest_must_sign_up_before_publishing() -> None:
    meetup = draft()

    expect_refusal(
        lambda: meetup.publish(account(guest=True), START), Forbidden, "signup_required", meetup
    )


def test_an_account_must_prove_its_email_address_before_publishing() -> None:
    meetup = draft()

    expect_refusal(
        lambda: meetup.publish(account(verified=False), START),
        Forbidden,
        "verification_required",
        meetup,
    )


def test_an_account_that_proved_its_address_later_publishes_the_waiting_draft() -> None:
    meetup, publisher = draft(), account(verified=False)
    publisher.verify_email(START + timedelta(minutes=5))

    meetup.publish(publisher, START + timedelta(minutes=6))

    assert meetup.status is MeetupStatus.PUBLISHED


def test_a_draft_handed_over_at_sign_up_belongs_to_the_new_account() -> None:
    meetup = draft()
    sign_up_time = START + timedelta(minutes=20)

    meetup.hand_over(ORGANIZER, "user-new-account", sign_up_time)

    assert meetup.organizer_id == "user-new-account"
    assert meetup.version == 2
    assert meetup.updated_at == sign_up_time
    meetup.publish(account("user-new-account"), sign_up_time)
    assert meetup.status is MeetupStatus.PUBLISHED


def test_only_the_organizer_can_hand_a_meetup_over() -> None:
    meetup = draft()

    expect_refusal(
        lambda: meetup.hand_over(STRANGER, STRANGER, START), Forbidden, "not_organizer", meetup
    )


@pytest.mark.parametrize("visibility", ["private", "public"])
def test_the_organizer_sees_their_meetup_even_as_a_draft(visibility: str) -> None:
    assert draft(visibility=visibility).visible_to(ORGANIZER)


@pytest.mark.parametrize("viewer", [STRANGER, None])
def test_a_public_meetup_is_seen_by_anyone_once_published(viewer: str | None) -> None:
    meetup = draft(visibility="public")
    assert not meetup.visible_to(viewer)

    meetup.publish(account(), START)

    assert meetup.visible_to(viewer)


@pytest.mark.parametrize("viewer", [STRANGER, None])
def test_a_private_meetup_is_not_seen_by_strangers_even_when_published(
    viewer: str | None,
) -> None:
    assert not published(visibility="private").visible_to(viewer)


def test_a_cancelled_public_meetup_stays_visible_so_people_learn_it_was_called_off() -> None:
    meetup = published(visibility="public")
    meetup.cancel(ORGANIZER, START)

    assert meetup.visible_to(STRANGER)


# -- the RSVP closing time ----------------------------------------------------------------------


def test_answers_close_at_the_start_unless_the_organizer_closes_them_sooner() -> None:
    open_until_start = published()
    closing = published(rsvp_closes_at=STARTS_AT - timedelta(days=1))
    late = STARTS_AT - timedelta(hours=12)

    assert open_until_start.answers_close_at == STARTS_AT
    assert closing.answers_close_at == STARTS_AT - timedelta(days=1)
    open_until_start.answer(_invitee(), Answer.ATTENDING, late, MeetupCounts())
    refused = _invitee()
    expect_refusal(
        lambda: closing.answer(refused, Answer.ATTENDING, late, MeetupCounts()),
        Conflict,
        "answers_closed",
        refused,
    )


def test_answers_cannot_close_after_the_start() -> None:
    with pytest.raises(InvalidInput) as refused:
        draft(rsvp_closes_at=STARTS_AT + timedelta(minutes=1))
    assert [e.field for e in refused.value.errors] == ["rsvp_closes_at"]
    meetup = draft(rsvp_closes_at=STARTS_AT - timedelta(hours=1))
    with pytest.raises(InvalidInput):  # moving the start before the closing time
        meetup.edit(
            meetup.organizer_id,
            {"starts_at": STARTS_AT - timedelta(hours=2)},
            START,
            MeetupCounts(),
        )


def _invitee() -> Invitation:
    return Invitation("i-1", "m-1", "ann@example.com", None, START)
