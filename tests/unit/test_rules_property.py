"""Random days in the life of one meetup, checked against the product's rules after every step.

The organizer edits (capacity and start included), publishes, cancels and invites; a stranger
tries the same and deleting; invitees say yes or no; the clock moves by minutes to days.
Whatever the order, a user must never see an answer taken at or after the start, more people
attending than there are seats, counts that disagree with the answers, a version that goes
backwards or moves on a refusal, or a cancelled meetup that changes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from enum import Enum

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from slsplay.domain.errors import DomainError, Forbidden
from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.meetups import Meetup, MeetupCounts, MeetupStatus
from tests.support.clock import START, FakeClock
from tests.support.meetups import ORGANIZER, STRANGER, account

MAX_INVITEES = 8

# An edit as drawn: the start is drawn as minutes from "now" (negative ones must be refused),
# and capacity 0 or an empty title must be refused too.
EDITS = st.fixed_dictionaries(
    {},
    optional={
        "title": st.sampled_from(["Wine tasting", "Wine tasting, second pour", "  "]),
        "capacity": st.integers(min_value=0, max_value=4),
        "start_in_minutes": st.integers(min_value=-120, max_value=4 * 24 * 60),
        "duration_minutes": st.sampled_from([30, 90, 240]),
    },
)
CLOCK_STEPS = st.one_of(
    st.builds(timedelta, minutes=st.integers(min_value=1, max_value=90)),
    st.builds(timedelta, hours=st.integers(min_value=1, max_value=12)),
    st.just(timedelta(days=1)),
)


class Outcome(Enum):
    """What an accepted action did to the meetup itself."""

    CHANGED = "changed"  # the meetup itself changed: exactly one version step
    UNCHANGED = "unchanged"  # accepted, but the meetup stays as it was (invite, answer, no-op)


State = tuple[Meetup, list[Invitation], MeetupCounts]


class OneMeetup(RuleBasedStateMachine):
    """One meetup with a capacity, its invitations and counts, as a service would keep them."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.invitations: list[Invitation] = []
        self.counts = MeetupCounts()
        self.versions_seen: list[int] = []
        self.after_cancel: State | None = None

    @initialize(
        capacity=st.integers(min_value=1, max_value=3),
        guests=st.integers(min_value=0, max_value=5),
        publish_at_once=st.booleans(),
    )
    def organizer_plans_the_meetup(self, capacity: int, guests: int, publish_at_once: bool) -> None:
        # Starting with a guest list, and sometimes published, leaves the steps of a run
        # for answers near a full meetup and near the start, where the rules bite.
        self.meetup = Meetup.plan(
            meetup_id="m-1",
            organizer_id=ORGANIZER,
            values={
                "title": "Wine tasting",
                "starts_at": START + timedelta(days=3),
                "timezone": "Europe/Paris",
                "duration_minutes": 90,
                "join_url": "https://meet.example.com/wine",
                "capacity": capacity,
            },
            now=self.clock.now(),
        )
        self.versions_seen.append(self.meetup.version)
        for _ in range(guests):
            self.invite(name=None)
        if publish_at_once:
            self.organizer_publishes()

    # -- running an action ------------------------------------------------------------------

    def state(self) -> State:
        return (self.meetup, self.invitations, self.counts)

    def attempt(
        self, label: str, action: Callable[[], object], accepted: Callable[[object], Outcome]
    ) -> bool:
        """Run ``action``; a refusal must change nothing, an acceptance must step the version
        exactly when the meetup changed. Answers whether it was accepted."""
        before = copy.deepcopy(self.state())
        try:
            result = action()
        except DomainError as refused:
            event(f"{label}: refused, {refused.code}")  # shown by --hypothesis-show-statistics
            assert self.state() == before, "a refused call changed something"
            return False
        event(f"{label}: accepted")
        if accepted(result) is Outcome.CHANGED:
            assert self.meetup.version == before[0].version + 1
        else:
            assert self.meetup == before[0], "the meetup changed without a version step"
        self.versions_seen.append(self.meetup.version)
        if self.meetup.status is MeetupStatus.CANCELLED and self.after_cancel is None:
            self.after_cancel = copy.deepcopy(self.state())
        return True

    # -- the organizer ----------------------------------------------------------------------

    @rule(drawn=EDITS)
    def organizer_edits(self, drawn: dict[str, object]) -> None:
        changes = dict(drawn)
        if "start_in_minutes" in changes:
            minutes = changes.pop("start_in_minutes")
            assert isinstance(minutes, int)
            changes["starts_at"] = self.clock.now() + timedelta(minutes=minutes)
        self.edit(changes)

    @rule(capacity=st.integers(min_value=0, max_value=3))
    def organizer_changes_the_capacity(self, capacity: int) -> None:
        self.edit({"capacity": capacity})

    @rule(minutes=st.integers(min_value=-120, max_value=4 * 24 * 60))
    def organizer_moves_the_start(self, minutes: int) -> None:
        self.edit({"starts_at": self.clock.now() + timedelta(minutes=minutes)})

    def edit(self, changes: dict[str, object]) -> None:
        now = self.clock.now()
        before = copy.deepcopy(self.meetup)

        def outcome(changed: object) -> Outcome:
            assert changed == (self.meetup.details != before.details)
            return Outcome.CHANGED if changed else Outcome.UNCHANGED

        accepted = self.attempt(
            "edit", lambda: self.meetup.edit(ORGANIZER, changes, now, self.counts), outcome
        )

        if accepted and before.status is MeetupStatus.PUBLISHED:
            assert now < before.ends_at, "a meetup was edited after it ended"
            if now >= before.starts_at:
                assert self.meetup.starts_at == before.starts_at, "a started meetup was moved"

    @rule()
    def organizer_publishes(self) -> None:
        now = self.clock.now()
        if self.attempt(
            "publish", lambda: self.meetup.publish(account(), now), lambda _: Outcome.CHANGED
        ):
            assert now < self.meetup.starts_at, "a meetup was published with its start passed"

    @rule(follows_through=st.integers(min_value=0, max_value=3).map(lambda n: n == 0))
    def organizer_cancels(self, follows_through: bool) -> None:
        # A cancellation freezes the rest of the run, so the organizer only goes through with
        # one in four: runs then spend most of their steps on answers, edits and the clock.
        if not follows_through:
            return
        now = self.clock.now()
        was_published = self.meetup.status is MeetupStatus.PUBLISHED
        if self.attempt(
            "cancel", lambda: self.meetup.cancel(ORGANIZER, now), lambda _: Outcome.CHANGED
        ):
            assert not (was_published and now >= self.meetup.ends_at), "an ended meetup cancelled"

    @precondition(lambda self: len(self.invitations) < MAX_INVITEES)
    @rule(name=st.sampled_from([None, "Ana", "  Ben  "]))
    def organizer_invites(self, name: str | None) -> None:
        self.invite(name)

    def invite(self, name: str | None) -> None:
        now = self.clock.now()
        number = len(self.invitations)

        def invite() -> Invitation:
            invitation = self.meetup.invite(
                ORGANIZER,
                invitation_id=f"inv-{number}",
                email=f"Guest{number}@Example.com",
                name=name,
                now=now,
            )
            # The service stores the invitation and counts it; a domain refusal stops both.
            self.invitations.append(invitation)
            self.counts = replace(self.counts, invited=self.counts.invited + 1)
            return invitation

        if self.attempt("invite", invite, lambda _: Outcome.UNCHANGED):
            assert now < self.meetup.starts_at, "an invitee was added at or after the start"

    # -- someone who is not the organizer ---------------------------------------------------

    @rule(action=st.sampled_from(["edit", "publish", "cancel", "invite", "delete"]))
    def stranger_tries(self, action: str) -> None:
        now = self.clock.now()
        actions: dict[str, Callable[[], object]] = {
            "edit": lambda: self.meetup.edit(STRANGER, {"title": "Mine"}, now, self.counts),
            "publish": lambda: self.meetup.publish(account(STRANGER), now),
            "cancel": lambda: self.meetup.cancel(STRANGER, now),
            "invite": lambda: self.meetup.invite(
                STRANGER, invitation_id="inv-s", email="s@example.com", name=None, now=now
            ),
            "delete": lambda: self.meetup.ensure_deletable(STRANGER),
        }
        before = copy.deepcopy(self.state())
        with pytest.raises(Forbidden) as refused:
            actions[action]()
        assert refused.value.code == "not_organizer"
        assert self.state() == before

    # -- invitees ---------------------------------------------------------------------------

    @precondition(lambda self: bool(self.invitations))
    @rule(pick=st.integers(min_value=0, max_value=MAX_INVITEES - 1))
    def invitee_says_yes(self, pick: int) -> None:
        # Three times in four it is someone not attending yet, so that runs press against the
        # capacity; otherwise anyone, which includes saying yes twice.
        not_yet = [
            number
            for number, invitation in enumerate(self.invitations)
            if invitation.response is not Answer.ATTENDING
        ]
        if not_yet and pick % 4:
            pick = not_yet[pick % len(not_yet)]
        self.answer(pick, Answer.ATTENDING)

    @precondition(lambda self: bool(self.invitations))
    @rule(pick=st.integers(min_value=0, max_value=MAX_INVITEES - 1))
    def invitee_says_no(self, pick: int) -> None:
        self.answer(pick, Answer.DECLINED)

    def answer(self, pick: int, response: Answer) -> None:
        now = self.clock.now()
        invitation = self.invitations[pick % len(self.invitations)]

        def answer() -> MeetupCounts:
            self.counts = self.meetup.answer(invitation, response, now, self.counts)
            return self.counts

        had_seat = self.counts.has_seat(self.meetup.details.capacity)
        previous = invitation.response
        if self.attempt(f"answer {response}", answer, lambda _: Outcome.UNCHANGED):
            assert self.meetup.status is MeetupStatus.PUBLISHED
            assert now < self.meetup.starts_at, "an answer was taken at or after the start"
            waits = previous is Answer.WAITLISTED or (
                previous is not Answer.ATTENDING and not had_seat
            )
            if response is Answer.ATTENDING and waits:
                # A full meetup puts them in line, and keeps them there when they ask again.
                assert invitation.response is Answer.WAITLISTED
            else:
                assert invitation.response is response

    # -- time -------------------------------------------------------------------------------

    @rule(step=CLOCK_STEPS)
    def time_passes(self, step: timedelta) -> None:
        self.clock.advance(seconds=step.total_seconds())

    @rule(
        offset=st.sampled_from([-60, -1, 0, 0, 1]),
        follows_through=st.integers(min_value=0, max_value=3).map(lambda n: n == 0),
    )
    def time_passes_to_around_the_start(self, offset: int, follows_through: bool) -> None:
        # The rules change at the start, and random steps of minutes to days rarely land
        # there: this step goes onto it or a second or a minute either side. It only goes
        # one time in four, or most runs would reach the start too soon.
        if not follows_through:
            return
        moment = self.meetup.starts_at + timedelta(seconds=offset)
        if moment > self.clock.now():
            self.clock.set(moment)

    # -- what must hold after every step ----------------------------------------------------

    @invariant()
    def attending_never_exceeds_capacity(self) -> None:
        capacity = self.meetup.details.capacity
        assert capacity is None or self.counts.attending <= capacity

    @invariant()
    def counts_agree_with_the_answers(self) -> None:
        responses = [invitation.response for invitation in self.invitations]
        assert self.counts == MeetupCounts(
            invited=len(self.invitations),
            attending=responses.count(Answer.ATTENDING),
            declined=responses.count(Answer.DECLINED),
            waitlisted=responses.count(Answer.WAITLISTED),
        )

    @invariant()
    def every_answer_was_given_before_the_start(self) -> None:
        for invitation in self.invitations:
            if invitation.responded_at is not None:
                assert invitation.responded_at < self.meetup.starts_at

    @invariant()
    def the_version_only_moves_forward(self) -> None:
        assert self.versions_seen == sorted(self.versions_seen)
        assert self.meetup.version == self.versions_seen[-1]

    @invariant()
    def a_cancelled_meetup_never_changes_again(self) -> None:
        if self.after_cancel is not None:
            assert self.state() == self.after_cancel


OneMeetup.TestCase.settings = settings(max_examples=200, stateful_step_count=40, deadline=None)
TestAnyDayInTheLifeOfAMeetupKeepsTheRules = OneMeetup.TestCase
