"""Invitations and answers: who may be asked, until when, and how their answers are counted."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from slsplay.domain.errors import Conflict, InvalidInput
from slsplay.domain.invitations import Answer, Invitation, normalise_email, normalise_name
from slsplay.domain.meetups import Meetup, MeetupCounts
from tests.support.clock import START, FakeClock
from tests.support.meetups import ORGANIZER, STARTS_AT, STRANGER, draft, expect_refusal, published

JUST_BEFORE_START = STARTS_AT - timedelta(seconds=1)


def invite(meetup: Meetup, email: str = "ana@example.com", name: object = "Ana") -> Invitation:
    return meetup.invite(ORGANIZER, invitation_id=f"inv-{email}", email=email, name=name, now=START)


def bad_field(action: Callable[[], object]) -> list[str]:
    with pytest.raises(InvalidInput) as refused:
        action()
    return [problem.field for problem in refused.value.errors]


# -- who is invited -------------------------------------------------------------------------


def test_a_new_invitation_is_unsent_and_unanswered() -> None:
    meetup = draft()

    invitation = meetup.invite(
        ORGANIZER, invitation_id="inv-1", email="ana@example.com", name="Ana", now=START
    )

    assert invitation.id == "inv-1"
    assert invitation.meetup_id == meetup.id
    assert invitation.invited_at == START
    assert invitation.response is Answer.NONE
    assert invitation.responded_at is None
    assert not invitation.sent


def test_inviting_someone_does_not_change_the_meetup() -> None:
    meetup = published()
    before = copy.deepcopy(meetup)

    invite(meetup)

    assert meetup == before


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ana@example.com", "ana@example.com"),
        ("  Ana.Lopez@Example.COM \n", "ana.lopez@example.com"),
        ("ANA+WINE@EXAMPLE.ORG", "ana+wine@example.org"),
    ],
)
def test_an_invitee_email_is_trimmed_and_case_folded(typed: str, stored: str) -> None:
    assert invite(draft(), email=typed).email == stored


@pytest.mark.parametrize(
    "email",
    [
        "",
        "   ",
        "ana",
        "ana@",
        "@example.com",
        "ana@@example.com",
        "ana lopez@example.com",
        "ana@localhost",
        "ana@example",
        "Ana <ana@example.com>",
        None,
        42,
    ],
)
def test_an_invalid_email_address_is_refused(email: object) -> None:
    meetup = draft()
    before = copy.deepcopy(meetup)

    assert bad_field(lambda: invite(meetup, email=email)) == ["email"]  # type: ignore[arg-type]
    assert meetup == before


def test_the_email_check_can_name_another_field() -> None:
    assert bad_field(lambda: normalise_email("nope", field="invitees[2].email")) == [
        "invitees[2].email"
    ]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Ana", "Ana"),
        ("  Ana   María\tLópez ", "Ana María López"),
        ("", None),
        ("   ", None),
        (None, None),
        ("x" * 100, "x" * 100),
    ],
)
def test_an_invitee_name_is_trimmed_and_blank_means_no_name(
    typed: str | None, stored: str | None
) -> None:
    assert invite(draft(), name=typed).name == stored


@pytest.mark.parametrize("name", ["x" * 101, 42, ["Ana"]])
def test_an_overlong_or_non_text_name_is_refused(name: object) -> None:
    assert bad_field(lambda: invite(draft(), name=name)) == ["name"]


def test_the_name_check_can_name_another_field() -> None:
    assert bad_field(lambda: normalise_name("x" * 101, field="invitees[0].name")) == [
        "invitees[0].name"
    ]


def test_invitees_can_be_added_to_a_draft() -> None:
    assert invite(draft()).meetup_id == "m-1"


def test_invitees_can_be_added_after_publishing_until_just_before_the_start() -> None:
    meetup = published()

    invitation = meetup.invite(
        ORGANIZER,
        invitation_id="inv-late",
        email="late@example.com",
        name=None,
        now=JUST_BEFORE_START,
    )

    assert invitation.invited_at == JUST_BEFORE_START


@pytest.mark.parametrize("make", [draft, published])
@pytest.mark.parametrize("moment", [STARTS_AT, STARTS_AT + timedelta(hours=1)])
def test_an_invitee_added_at_or_after_the_start_is_refused(
    make: Callable[[], Meetup], moment: datetime
) -> None:
    meetup = make()

    expect_refusal(
        lambda: meetup.invite(
            ORGANIZER, invitation_id="inv-x", email="late@example.com", name=None, now=moment
        ),
        Conflict,
        "meetup_started",
        meetup,
    )


def test_the_invitation_email_is_recorded_as_sent_only_once() -> None:
    invitation = invite(draft())

    invitation.mark_sent(START + timedelta(minutes=1))
    invitation.mark_sent(START + timedelta(minutes=2))

    assert invitation.sent
    assert invitation.sent_at == START + timedelta(minutes=1)
    assert invitation.version == 2


# -- answering ------------------------------------------------------------------------------


def test_an_invitee_cannot_answer_before_the_meetup_is_published() -> None:
    meetup = draft()
    invitation = invite(meetup)

    expect_refusal(
        lambda: meetup.answer(invitation, Answer.ATTENDING, START, MeetupCounts(invited=1)),
        Conflict,
        "meetup_not_published",
        meetup,
        invitation,
    )


def test_an_invitee_can_answer_until_just_before_the_start() -> None:
    meetup = published()
    invitation = invite(meetup)

    counts = meetup.answer(invitation, Answer.ATTENDING, JUST_BEFORE_START, MeetupCounts(invited=1))

    assert counts == MeetupCounts(invited=1, attending=1, declined=0)
    assert invitation.response is Answer.ATTENDING
    assert invitation.responded_at == JUST_BEFORE_START
    assert invitation.version == 2


@pytest.mark.parametrize("moment", [STARTS_AT, STARTS_AT + timedelta(minutes=5)])
@pytest.mark.parametrize("response", [Answer.ATTENDING, Answer.DECLINED])
def test_an_answer_at_or_after_the_start_is_refused(moment: datetime, response: Answer) -> None:
    meetup = published()
    invitation = invite(meetup)

    expect_refusal(
        lambda: meetup.answer(invitation, response, moment, MeetupCounts(invited=1)),
        Conflict,
        "meetup_started",
        meetup,
        invitation,
    )


def test_an_invitee_can_change_their_answer_until_the_start() -> None:
    clock = FakeClock()
    meetup = published()
    invitation = invite(meetup)
    counts = MeetupCounts(invited=1)

    counts = meetup.answer(invitation, Answer.ATTENDING, clock.advance(days=1), counts)
    counts = meetup.answer(invitation, Answer.DECLINED, clock.advance(days=1), counts)
    counts = meetup.answer(invitation, Answer.ATTENDING, clock.advance(days=1), counts)

    assert invitation.response is Answer.ATTENDING
    assert invitation.responded_at == clock.now()
    assert counts == MeetupCounts(invited=1, attending=1, declined=0)


@pytest.mark.parametrize(
    ("before", "after", "counts_before", "counts_after"),
    [
        (Answer.NONE, Answer.ATTENDING, (5, 2, 2), (5, 3, 2)),
        (Answer.NONE, Answer.DECLINED, (5, 2, 2), (5, 2, 3)),
        (Answer.ATTENDING, Answer.DECLINED, (5, 3, 2), (5, 2, 3)),
        (Answer.DECLINED, Answer.ATTENDING, (5, 2, 3), (5, 3, 2)),
    ],
)
def test_the_counts_follow_each_change_of_answer(
    before: Answer,
    after: Answer,
    counts_before: tuple[int, int, int],
    counts_after: tuple[int, int, int],
) -> None:
    # GIVEN an invitee whose current answer is already in the counts
    meetup = published()
    invitation = invite(meetup)
    invitation.response = before

    # WHEN they answer
    counts = meetup.answer(invitation, after, START, MeetupCounts(*counts_before))

    # THEN only their move shows: (invited, attending, declined)
    assert counts == MeetupCounts(*counts_after)


@pytest.mark.parametrize("response", [Answer.ATTENDING, Answer.DECLINED])
def test_giving_the_same_answer_again_changes_nothing(response: Answer) -> None:
    meetup = published(capacity=1)
    invitation = invite(meetup)
    counts = meetup.answer(invitation, response, START, MeetupCounts(invited=1))
    before = copy.deepcopy((meetup, invitation))

    again = meetup.answer(invitation, response, START + timedelta(hours=1), counts)

    assert again == counts
    assert (meetup, invitation) == before


def test_answering_does_not_change_the_meetup() -> None:
    meetup = published()
    invitation = invite(meetup)
    before = copy.deepcopy(meetup)

    meetup.answer(invitation, Answer.ATTENDING, START, MeetupCounts(invited=1))

    assert meetup == before


def test_attending_a_full_meetup_puts_them_on_the_waiting_list() -> None:
    meetup = published(capacity=2)
    invitation = invite(meetup, email="third@example.com")

    counts = meetup.answer(invitation, Answer.ATTENDING, START, MeetupCounts(3, 2, 0))

    assert invitation.response is Answer.WAITLISTED
    assert invitation.waitlisted_at == START
    assert counts == MeetupCounts(invited=3, attending=2, declined=0, waitlisted=1)
    # Asking again keeps their place; declining leaves the line.
    assert meetup.answer(invitation, Answer.ATTENDING, START, counts) == counts
    left = meetup.answer(invitation, Answer.DECLINED, START, counts)
    assert (invitation.response, invitation.waitlisted_at) == (Answer.DECLINED, None)
    assert left == MeetupCounts(invited=3, attending=2, declined=1, waitlisted=0)


def test_a_freed_seat_goes_to_someone_waiting_and_only_then() -> None:
    meetup = published(capacity=1)
    waiting = invite(meetup, email="waiting@example.com")
    full = MeetupCounts(invited=2, attending=1, waitlisted=0)
    counts = meetup.answer(waiting, Answer.ATTENDING, START, full)

    with pytest.raises(Conflict, match="full"):
        meetup.promote(waiting, START, counts)
    promoted = meetup.promote(waiting, START, replace(counts, attending=0))

    assert waiting.response is Answer.ATTENDING
    assert promoted == MeetupCounts(invited=2, attending=1, waitlisted=0)


def test_declining_a_full_meetup_is_still_possible() -> None:
    meetup = published(capacity=1)
    invitation = invite(meetup)

    counts = meetup.answer(invitation, Answer.DECLINED, START, MeetupCounts(2, 1, 0))

    assert counts == MeetupCounts(invited=2, attending=1, declined=1)


def test_a_seat_freed_by_a_decline_can_be_taken_by_someone_else() -> None:
    # GIVEN a meetup for one, which Ana attends
    meetup = published(capacity=1)
    ana, ben = invite(meetup, "ana@example.com"), invite(meetup, "ben@example.com")
    counts = meetup.answer(ana, Answer.ATTENDING, START, MeetupCounts(invited=2))
    counts = meetup.answer(ben, Answer.ATTENDING, START, counts)
    assert ben.response is Answer.WAITLISTED

    # WHEN Ana declines
    counts = meetup.answer(ana, Answer.DECLINED, START, counts)

    # THEN Ben, first in line, gets the seat
    counts = meetup.promote(ben, START, counts)
    assert ben.response is Answer.ATTENDING
    assert counts == MeetupCounts(invited=2, attending=1, declined=1)


def test_no_answer_is_not_an_answer() -> None:
    meetup = published()
    invitation = invite(meetup)
    before = copy.deepcopy((meetup, invitation))

    assert bad_field(
        lambda: meetup.answer(invitation, Answer.NONE, START, MeetupCounts(invited=1))
    ) == ["response"]
    assert (meetup, invitation) == before


def test_an_invitation_to_another_meetup_cannot_answer_this_one() -> None:
    meetup = published()
    elsewhere = Invitation(
        id="inv-x", meetup_id="m-other", email="ana@example.com", name=None, invited_at=START
    )

    with pytest.raises(ValueError, match="another meetup"):
        meetup.answer(elsewhere, Answer.ATTENDING, START, MeetupCounts())


# -- who sees the join link -----------------------------------------------------------------


def test_the_organizer_sees_the_join_link() -> None:
    assert published().reveals_join_url(ORGANIZER, None)


def test_an_invitee_who_attends_sees_the_join_link() -> None:
    meetup = published()
    invitation = invite(meetup)
    meetup.answer(invitation, Answer.ATTENDING, START, MeetupCounts(invited=1))

    assert meetup.reveals_join_url(None, invitation)


@pytest.mark.parametrize("response", [Answer.NONE, Answer.DECLINED])
def test_an_invitee_who_has_not_said_yes_does_not_see_the_join_link(response: Answer) -> None:
    meetup = published()
    invitation = invite(meetup)
    if response is not Answer.NONE:
        meetup.answer(invitation, response, START, MeetupCounts(invited=1))

    assert not meetup.reveals_join_url(None, invitation)


def test_strangers_and_anonymous_visitors_do_not_see_the_join_link() -> None:
    meetup = published()

    assert not meetup.reveals_join_url(STRANGER, None)
    assert not meetup.reveals_join_url(None, None)


def test_attending_another_meetup_does_not_reveal_this_ones_join_link() -> None:
    meetup = published()
    elsewhere = Invitation(
        id="inv-x",
        meetup_id="m-other",
        email="ana@example.com",
        name=None,
        invited_at=START,
        response=Answer.ATTENDING,
    )

    assert not meetup.reveals_join_url(STRANGER, elsewhere)


def test_the_invitee_who_stops_attending_loses_the_join_link() -> None:
    meetup = published()
    invitation = invite(meetup)
    counts = meetup.answer(invitation, Answer.ATTENDING, START, MeetupCounts(invited=1))

    meetup.answer(invitation, Answer.DECLINED, START, counts)

    assert not meetup.reveals_join_url(None, invitation)
