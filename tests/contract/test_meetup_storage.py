"""The repositories and use cases on every adapter: the product's invariants hold in storage.

Races are played out step by step (both sides read, then both write) rather than with
threads, so that each test shows exactly which write loses and why.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.domain.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    VersionConflict,
)
from slsplay.domain.invitations import Answer
from slsplay.domain.media import Media, MediaKind, Rendition
from slsplay.domain.meetups import Meetup, MeetupStatus
from slsplay.domain.users import User
from slsplay.ports import Delete, ItemStore, Key, Put
from slsplay.services import answers, meetups, views
from slsplay.services.bundles import StoreAndClock
from slsplay.store import records
from slsplay.store.invitee_lists import InviteeListRepository
from slsplay.store.repositories import (
    InvitationRepository,
    MediaRepository,
    MeetupRepository,
    UserRepository,
)
from slsplay.store.schema import TABLE
from tests.support.clock import START, FakeClock
from tests.support.meetups import signed_up

ORGANIZER = "organizer-1"


def values(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "title": "Quarterly investors' briefing",
        "starts_at": START + timedelta(days=7),
        "timezone": "Europe/Berlin",
        "duration_minutes": 90,
        "join_url": "https://meet.example.com/q4",
    }
    return {**base, **changes}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def published(store: ItemStore, clock: FakeClock, **changes: object) -> str:
    meetup_id = meetups.plan_meetup(
        StoreAndClock(store, clock), ORGANIZER, values(**changes)
    ).meetup.id
    meetups.invite_people(
        StoreAndClock(store, clock),
        ORGANIZER,
        meetup_id,
        [{"email": "ann@example.com"}, {"email": "bob@example.com"}, {"email": "cy@example.com"}],
    )
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, ORGANIZER), meetup_id)
    return meetup_id


def test_a_planned_meetup_reads_back_with_zero_counts(store: ItemStore, clock: FakeClock) -> None:
    planned = meetups.plan_meetup(
        StoreAndClock(store, clock),
        ORGANIZER,
        values(capacity=10, price={"amount_minor": 2500, "currency": "EUR"}),
    )

    seen = views.view_meetup(StoreAndClock(store, clock), planned.meetup.id, ORGANIZER)

    assert seen.meetup == planned.meetup
    assert (seen.counts.invited, seen.counts.attending, seen.counts.declined) == (0, 0, 0)


def test_an_unknown_meetup_is_not_found(store: ItemStore) -> None:
    with pytest.raises(NotFound):
        views.view_meetup(StoreAndClock(store, clock), "no-such-meetup", ORGANIZER)


def test_the_whole_journey_from_draft_to_attendee_list(store: ItemStore, clock: FakeClock) -> None:
    meetup_id = published(store, clock, capacity=2)

    clock.advance(minutes=5)
    answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "bob@example.com", Answer.ATTENDING
    )
    clock.advance(minutes=5)
    answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "ANN@example.com ", Answer.ATTENDING
    )
    answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "cy@example.com", Answer.DECLINED
    )

    attendees = meetups.attendees_of(StoreAndClock(store, clock), ORGANIZER, meetup_id)
    counts = views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).counts
    assert [a.email for a in attendees] == ["bob@example.com", "ann@example.com"]
    assert (counts.invited, counts.attending, counts.declined) == (3, 2, 1)
    assert (
        views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).meetup.status
        is MeetupStatus.PUBLISHED
    )


def test_two_people_racing_for_the_last_seat_cannot_both_get_it(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = published(store, clock, capacity=1)
    repository = InvitationRepository(store)
    meetup, counts = MeetupRepository(store).get(meetup_id)
    ann, bob = (
        repository.get(meetup_id, "ann@example.com"),
        repository.get(meetup_id, "bob@example.com"),
    )
    # Both read the same counts (nobody attending yet) and both pass the domain's check.
    ann_after = meetup.answer(ann, Answer.ATTENDING, clock.now(), counts)
    bob_after = meetup.answer(bob, Answer.ATTENDING, clock.now(), counts)

    repository.save_answer(meetup, ann, 1, counts, ann_after)
    with pytest.raises(Conflict) as refused:
        repository.save_answer(meetup, bob, 1, counts, bob_after)

    assert refused.value.code == "capacity_reached"
    assert (
        views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).counts.attending == 1
    )
    assert repository.get(meetup_id, "bob@example.com").response is Answer.NONE


def test_a_full_meetup_keeps_a_waiting_list_and_a_freed_seat_goes_to_the_first_in_line(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = published(store, clock, capacity=1)
    answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "ann@example.com", Answer.ATTENDING
    )
    clock.advance(seconds=1)
    bob, _ = answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "bob@example.com", Answer.ATTENDING
    )
    clock.advance(seconds=1)
    cy, _ = answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "cy@example.com", Answer.ATTENDING
    )
    assert (bob.response, cy.response) == (Answer.WAITLISTED, Answer.WAITLISTED)
    line = answers.waiting_list_of(StoreAndClock(store, clock), ORGANIZER, meetup_id)
    assert [i.email for i in line] == ["bob@example.com", "cy@example.com"]

    answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "ann@example.com", Answer.DECLINED
    )
    promoted = answers.promote_from_waiting_list(StoreAndClock(store, clock), meetup_id)

    assert [i.email for i in promoted] == ["bob@example.com"]
    assert [
        i.email for i in answers.waiting_list_of(StoreAndClock(store, clock), ORGANIZER, meetup_id)
    ] == ["cy@example.com"]
    counts = views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).counts
    assert (counts.attending, counts.declined, counts.waitlisted) == (1, 1, 1)
    assert (
        answers.promote_from_waiting_list(StoreAndClock(store, clock), meetup_id) == []
    )  # no seat left


def test_many_racing_for_few_seats_seat_exactly_the_capacity_and_line_up_the_rest(
    tmp_path: Path, clock: FakeClock
) -> None:
    # Real concurrent writers, on SQLite. (moto serialises nothing across threads, so there
    # the interleaved race above is what proves DynamoDB's conditions do the same.)
    store = SqliteItemStore(tmp_path / "race.db", TABLE)
    UserRepository(store).add(
        User.register(user_id=ORGANIZER, email="org@example.com", name="Org", now=START)
    )
    meetup_id = published(store, clock, capacity=3)
    people = [f"p{n}@example.com" for n in range(12)]
    meetups.invite_people(
        StoreAndClock(store, clock), ORGANIZER, meetup_id, [{"email": e} for e in people]
    )
    given: list[Answer] = []

    def attend(email: str) -> None:
        for _ in range(20):  # an answer that lost a race on the same invitation tries again
            try:
                invitation, _ = answers.answer_invitation(
                    StoreAndClock(store, clock), meetup_id, email, Answer.ATTENDING
                )
            except VersionConflict:
                continue
            given.append(invitation.response)
            return
        raise AssertionError(f"{email} never got an answer in")

    threads = [threading.Thread(target=attend, args=(email,)) for email in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    counts = views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).counts
    attending = meetups.attendees_of(StoreAndClock(store, clock), ORGANIZER, meetup_id)
    line = answers.waiting_list_of(StoreAndClock(store, clock), ORGANIZER, meetup_id)
    assert sorted(given) == sorted([Answer.ATTENDING] * 3 + [Answer.WAITLISTED] * 9)
    assert (counts.attending, counts.waitlisted) == (3, 9)
    assert len(attending) == 3
    assert len(line) == 9
    assert {i.email for i in attending} | {i.email for i in line} == set(people)
    store.close()


def test_an_answer_racing_with_a_change_of_answer_is_a_version_conflict(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = published(store, clock)
    repository = InvitationRepository(store)
    meetup, counts = MeetupRepository(store).get(meetup_id)
    first = repository.get(meetup_id, "ann@example.com")
    second = repository.get(meetup_id, "ann@example.com")
    first_counts = meetup.answer(first, Answer.ATTENDING, clock.now(), counts)
    second_counts = meetup.answer(second, Answer.DECLINED, clock.now(), counts)

    repository.save_answer(meetup, first, 1, counts, first_counts)
    with pytest.raises(VersionConflict):
        repository.save_answer(meetup, second, 1, counts, second_counts)

    counts = views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).counts
    assert (counts.attending, counts.declined) == (1, 0)


def test_lowering_the_capacity_below_a_concurrent_answer_is_refused(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = published(store, clock, capacity=5)
    meetup, counts = MeetupRepository(store).get(meetup_id)  # the organizer reads: nobody attends
    answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "ann@example.com", Answer.ATTENDING
    )
    read_version = meetup.version
    meetup.edit(ORGANIZER, {"capacity": 1}, clock.now(), counts)  # fine on the stale counts
    answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "bob@example.com", Answer.ATTENDING
    )

    with pytest.raises(InvalidInput) as refused:
        MeetupRepository(store).save(meetup, read_version)

    assert refused.value.code == "capacity_below_attendance"
    assert (
        views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).meetup.details.capacity
        == 5
    )


def test_an_edit_from_a_stale_copy_fails_its_precondition(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = meetups.plan_meetup(StoreAndClock(store, clock), ORGANIZER, values()).meetup.id
    meetups.edit_meetup(StoreAndClock(store, clock), ORGANIZER, meetup_id, {"title": "First edit"})

    with pytest.raises(PreconditionFailed):
        meetups.edit_meetup(
            StoreAndClock(store, clock),
            ORGANIZER,
            meetup_id,
            {"title": "Second edit"},
            expected_version=1,
        )

    seen = views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).meetup
    assert (seen.details.title, seen.version) == ("First edit", 2)


def test_inviting_someone_twice_is_refused_and_writes_nothing(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = published(store, clock)

    with pytest.raises(Conflict) as refused:
        meetups.invite_people(
            StoreAndClock(store, clock),
            ORGANIZER,
            meetup_id,
            [{"email": "dee@example.com"}, {"email": "Ann@Example.com"}],
        )

    assert refused.value.code == "already_invited"
    assert "ann@example.com" in refused.value.message
    invited, _ = meetups.invitations_of(StoreAndClock(store, clock), ORGANIZER, meetup_id)
    assert [i.email for i in invited] == ["ann@example.com", "bob@example.com", "cy@example.com"]
    assert views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).counts.invited == 3


def test_an_address_listed_twice_in_one_request_is_invited_once(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = meetups.plan_meetup(StoreAndClock(store, clock), ORGANIZER, values()).meetup.id

    added = meetups.invite_people(
        StoreAndClock(store, clock),
        ORGANIZER,
        meetup_id,
        [{"email": "dee@example.com"}, {"email": " DEE@example.com"}],
    )

    assert [i.email for i in added] == ["dee@example.com"]
    assert views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).counts.invited == 1


def test_every_invalid_address_in_a_list_is_reported_and_nobody_is_invited(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = meetups.plan_meetup(StoreAndClock(store, clock), ORGANIZER, values()).meetup.id

    with pytest.raises(InvalidInput) as refused:
        meetups.invite_people(
            StoreAndClock(store, clock),
            ORGANIZER,
            meetup_id,
            [{"email": "ok@example.com"}, {"email": "nope"}, {"email": "x@example.com", "name": 3}],
        )

    assert [e.field for e in refused.value.errors] == ["invitees[1].email", "invitees[2].name"]
    assert meetups.invitations_of(StoreAndClock(store, clock), ORGANIZER, meetup_id)[0] == []


def test_an_invitation_to_a_meetup_cancelled_meanwhile_is_refused(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = published(store, clock)
    meetup, _ = MeetupRepository(store).get(meetup_id)
    invitation = meetup.invite(
        ORGANIZER, invitation_id="i-9", email="dee@example.com", name=None, now=clock.now()
    )
    meetups.cancel_meetup(StoreAndClock(store, clock), ORGANIZER, meetup_id)

    with pytest.raises(VersionConflict):
        InvitationRepository(store).add_many(meetup, [invitation])

    with pytest.raises(Conflict, match="cancelled"):
        meetups.invite_people(
            StoreAndClock(store, clock), ORGANIZER, meetup_id, [{"email": "dee@example.com"}]
        )


def test_more_invitees_than_one_transaction_holds_are_all_invited(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = meetups.plan_meetup(StoreAndClock(store, clock), ORGANIZER, values()).meetup.id
    people = [{"email": f"guest{n:03d}@example.com"} for n in range(130)]

    meetups.invite_people(StoreAndClock(store, clock), ORGANIZER, meetup_id, people)

    listed = list(InvitationRepository(store).all_of_meetup(meetup_id))
    assert len(listed) == 130
    assert (
        views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).counts.invited == 130
    )


def test_deleting_a_draft_removes_it_with_everything_kept_under_it(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = meetups.plan_meetup(StoreAndClock(store, clock), ORGANIZER, values()).meetup.id
    meetups.invite_people(
        StoreAndClock(store, clock),
        ORGANIZER,
        meetup_id,
        [{"email": f"g{n}@example.com"} for n in range(120)],
    )
    store.put({"pk": f"MEETUP#{meetup_id}", "sk": "MAIL#invitation#g1@example.com"})

    meetups.delete_meetup(StoreAndClock(store, clock), ORGANIZER, meetup_id)

    with pytest.raises(NotFound):
        views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER)
    assert store.query(f"MEETUP#{meetup_id}").items == []
    assert InviteeListRepository(store).page("g7@example.com", since=clock.now())[0] == []
    assert list(MeetupRepository(store).unfinished_purges(clock.now(), clock.now())) == []


def test_a_deletion_cut_short_is_finished_by_a_later_purge(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = meetups.plan_meetup(StoreAndClock(store, clock), ORGANIZER, values()).meetup.id
    meetups.invite_people(
        StoreAndClock(store, clock), ORGANIZER, meetup_id, [{"email": "g@example.com"}]
    )
    # The first step of a deletion, then the process stopped.
    store.transact(
        [
            Delete(Key(f"MEETUP#{meetup_id}", "MEETUP")),
            Put(records.purge_marker_item(meetup_id, clock.now())),
        ]
    )
    day = clock.now()

    assert list(MeetupRepository(store).unfinished_purges(day, day)) == [meetup_id]
    # The counts, the media list and the invitation.
    assert MeetupRepository(store).purge(meetup_id) == 3
    assert store.query(f"MEETUP#{meetup_id}").items == []
    assert list(MeetupRepository(store).unfinished_purges(day, day)) == []


def test_only_the_organizer_sees_invitations_and_attendees(
    store: ItemStore, clock: FakeClock
) -> None:
    public = published(store, clock, visibility="public")

    with pytest.raises(Forbidden):
        meetups.invitations_of(StoreAndClock(store, clock), "someone-else", public)
    with pytest.raises(Forbidden):
        meetups.attendees_of(StoreAndClock(store, clock), "someone-else", public)


def test_a_stranger_cannot_tell_a_private_meetup_from_none(
    store: ItemStore, clock: FakeClock
) -> None:
    private = published(store, clock)

    for attempt in (
        lambda: views.view_meetup(StoreAndClock(store, clock), private, "someone-else"),
        lambda: meetups.invitations_of(StoreAndClock(store, clock), "someone-else", private),
        lambda: meetups.cancel_meetup(StoreAndClock(store, clock), "someone-else", private),
        lambda: meetups.edit_meetup(
            StoreAndClock(store, clock), "someone-else", private, {"title": "Mine"}
        ),
    ):
        with pytest.raises(NotFound) as refused:
            attempt()
        assert refused.value.code == "meetup_not_found"


def test_an_organizers_meetups_come_by_start_a_page_at_a_time(
    store: ItemStore, clock: FakeClock
) -> None:
    starts = [START + timedelta(days=d) for d in (9, 2, 5, 30, 1)]
    for n, start in enumerate(starts):
        meetups.plan_meetup(
            StoreAndClock(store, clock), ORGANIZER, values(title=f"M{n}", starts_at=start)
        )
    meetups.plan_meetup(StoreAndClock(store, clock), "another-organizer", values(title="Not mine"))

    first, cursor = views.meetups_of_organizer(StoreAndClock(store, clock), ORGANIZER, limit=3)
    second, end = views.meetups_of_organizer(
        StoreAndClock(store, clock), ORGANIZER, limit=3, cursor=cursor
    )

    assert [m.details.title for m in first + second] == ["M4", "M1", "M2", "M0", "M3"]
    assert end is None


def test_published_meetups_are_found_by_start_across_midnight(
    store: ItemStore, clock: FakeClock
) -> None:
    midnight = (START + timedelta(days=3)).replace(hour=0)
    late = published(store, clock, starts_at=midnight - timedelta(minutes=20))
    early = published(store, clock, starts_at=midnight + timedelta(minutes=25))
    published(store, clock, starts_at=midnight + timedelta(hours=2))  # outside the window
    meetups.plan_meetup(
        StoreAndClock(store, clock), ORGANIZER, values(starts_at=midnight)
    )  # a draft

    found = MeetupRepository(store).published_starting_between(
        midnight - timedelta(minutes=30), midnight + timedelta(minutes=30)
    )

    assert [m.id for m in found] == [late, early]


def test_an_email_address_belongs_to_one_account(store: ItemStore, clock: FakeClock) -> None:
    users = UserRepository(store)
    ada = User.register(user_id="u-1", email="Ada@Example.com", name="Ada", now=clock.now())
    users.add(ada)

    with pytest.raises(Conflict) as refused:
        users.add(
            User.register(user_id="u-2", email="ada@example.com", name="Ada 2", now=clock.now())
        )

    assert refused.value.code == "email_taken"
    assert users.find_by_email("ada@example.com") == ada
    assert users.get("u-1") == ada
    with pytest.raises(NotFound):
        users.get("u-2")


def test_guests_have_no_email_to_reserve(store: ItemStore, clock: FakeClock) -> None:
    users = UserRepository(store)
    users.add(User.guest(user_id="g-1", now=clock.now()))
    users.add(User.guest(user_id="g-2", now=clock.now()))

    assert users.get("g-1").is_guest
    assert users.get("g-2").is_guest


def test_a_meetups_media_are_kept_under_it_and_go_with_it(
    store: ItemStore, clock: FakeClock
) -> None:
    meetup_id = meetups.plan_meetup(StoreAndClock(store, clock), ORGANIZER, values()).meetup.id
    repository = MediaRepository(store)
    photo = Media.request(
        media_id="p1",
        meetup_id=meetup_id,
        kind=MediaKind.PHOTO,
        content_type="image/png",
        size=1234,
        now=clock.now(),
    )
    repository.add(photo)
    read_version = photo.version
    photo.start_processing(clock.now())
    repository.save(photo, read_version)
    read_version = photo.version
    photo.finish((Rendition("w320.webp", "image/webp", 320, 213),), clock.now(), duration=2.5)
    repository.save(photo, read_version)

    assert repository.of_meetup(meetup_id) == [photo]
    assert repository.get(meetup_id, "p1").renditions[0].width == 320
    with pytest.raises(VersionConflict):
        repository.save(photo, read_version)  # a stale copy
    meetups.delete_meetup(StoreAndClock(store, clock), ORGANIZER, meetup_id)
    with pytest.raises(NotFound):
        repository.get(meetup_id, "p1")


def test_an_answer_racing_with_a_background_write_of_its_invitation_is_decided_again(
    store: ItemStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    meetup_id = published(store, clock)
    save_answer = InvitationRepository.save_answer
    raced: list[bool] = []

    def invitation_email_marked_sent_first(
        self: InvitationRepository, *args: Any, **kw: Any
    ) -> None:
        if not raced:  # the notifier marks the invitation email sent in between
            raced.append(True)
            background = self.get(meetup_id, "ann@example.com")
            read = background.version
            background.mark_sent(clock.now())
            self.save(background, read)
        save_answer(self, *args, **kw)

    monkeypatch.setattr(InvitationRepository, "save_answer", invitation_email_marked_sent_first)
    answered, _ = answers.answer_invitation(
        StoreAndClock(store, clock), meetup_id, "ann@example.com", Answer.ATTENDING
    )

    assert raced == [True]
    assert answered.response is Answer.ATTENDING
    assert answered.sent  # the background write is kept
    assert (
        views.view_meetup(StoreAndClock(store, clock), meetup_id, ORGANIZER).counts.attending == 1
    )


def test_meetups_saved_together_are_all_saved_or_none_is(
    store: ItemStore, clock: FakeClock
) -> None:
    repository = MeetupRepository(store)
    ids = [
        meetups.plan_meetup(StoreAndClock(store, clock), "guest-1", values(capacity=c)).meetup.id
        for c in (None, 5)
    ]

    def handed_over() -> list[tuple[Meetup, int]]:
        read = [repository.get(meetup_id)[0] for meetup_id in ids]
        versions = [meetup.version for meetup in read]
        for meetup in read:
            meetup.hand_over("guest-1", ORGANIZER, clock.now())
        return list(zip(read, versions, strict=True))

    stale = handed_over()
    meetups.edit_meetup(StoreAndClock(store, clock), "guest-1", ids[1], {"title": "Moved on"})
    with pytest.raises(VersionConflict):
        repository.save_all(stale)  # the second moved on meanwhile: the first stays too
    assert [repository.get(i)[0].organizer_id for i in ids] == ["guest-1", "guest-1"]

    repository.save_all(handed_over())
    assert [repository.get(i)[0].organizer_id for i in ids] == [ORGANIZER, ORGANIZER]
