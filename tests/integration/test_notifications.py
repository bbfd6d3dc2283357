"""The emails domain events call for: who gets what, once, even when events come twice."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from slsplay.adapters.local.mailbox import MailboxMailer
from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.domain.invitations import Answer
from slsplay.domain.media import Media, MediaKind
from slsplay.domain.users import User
from slsplay.ports import Email, Item, Key, Page, TransactionOp, Update, Write
from slsplay.services import answers, group_mail, media, meetups, notifications, views
from slsplay.services.group_mail import GroupMail
from slsplay.services.notifications import MailPorts
from slsplay.store.mail_markers import MailMarkerRepository, meetup_mail_key
from slsplay.store.repositories import InvitationRepository, MediaRepository, UserRepository
from slsplay.store.schema import TABLE
from tests.support.clock import START, FakeClock
from tests.support.meetups import signed_up

BASE = "https://slsplay.example.com"
# An attendee's join link: the API's redirect to the meetup's, which notes who joined.
JOIN_THROUGH = re.compile(re.escape(BASE) + r"/api/rsvp/[^/\s]+/join\b")


class FlakyMailer:
    """Fails the first ``failures`` sends, then passes every send to the mailbox."""

    def __init__(self, inner: MailboxMailer, failures: int) -> None:
        self.inner, self.failures = inner, failures

    def send(self, email: Email) -> str:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("the mail server hung up")
        return self.inner.send(email)


class RecordingMailer:
    """Passes each send to the mailbox and records who it went to; the sends numbered in
    ``refused`` (from 1) fail, as a mail server hanging up in the middle of a group."""

    def __init__(self, inner: MailboxMailer, refused: Sequence[int] = ()) -> None:
        self.inner, self.refused = inner, set(refused)
        self.attempts = 0
        self.sent: list[str] = []

    def send(self, email: Email) -> str:
        self.attempts += 1
        if self.attempts in self.refused:
            raise ConnectionError("the mail server hung up")
        self.sent.append(email.to)
        return self.inner.send(email)


class CountingStore(SqliteItemStore):
    """The local store, counting the requests made of it by kind."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, TABLE)
        self.requests: Counter[str] = Counter()

    def get(self, key: Key) -> Item | None:
        self.requests["get"] += 1
        return super().get(key)

    def get_many(self, keys: Sequence[Key]) -> dict[Key, Item]:
        self.requests["get_many"] += 1
        return super().get_many(keys)

    def query(self, partition: str, **kwargs: Any) -> Page:
        self.requests["query"] += 1
        return super().query(partition, **kwargs)

    def write(self, op: Write) -> None:
        self.requests["write"] += 1
        super().write(op)

    def transact(self, ops: Sequence[TransactionOp]) -> None:
        self.requests["transact"] += 1
        super().transact(ops)


@pytest.fixture
def mailbox(tmp_path: Path) -> MailboxMailer:
    return MailboxMailer(tmp_path / "mailbox")


@pytest.fixture
def ports(tmp_path: Path, mailbox: MailboxMailer) -> Iterator[MailPorts]:
    store = SqliteItemStore(tmp_path / "db", TABLE)
    organizer = User.register(user_id="org", email="ada@example.com", name="Ada", now=START)
    UserRepository(store).add(organizer)
    yield MailPorts(store, FakeClock(), mailbox, BASE, "slsplay <no-reply@slsplay.example.com>")
    store.close()


def meetup(ports: MailPorts, invitees: list[str], starts_in: timedelta = timedelta(days=2)) -> str:
    meetup_id = meetups.plan_meetup(
        ports,
        "org",
        {
            "title": "Tasting at the cellar",
            "starts_at": ports.clock.now() + starts_in,
            "timezone": "Europe/Paris",
            "duration_minutes": 90,
            "join_url": "https://meet.example.com/cellar",
        },
    ).meetup.id
    meetups.invite_people(ports, "org", meetup_id, [{"email": e} for e in invitees])
    return meetup_id


def email_all(ports: MailPorts, meetup_id: str, mail: GroupMail) -> None:
    """What the notifier does for an email to many invitees: page through those it is for,
    and email them a group at a time (one queued message per group)."""
    cursor: str | None = None
    per_message = group_mail.PER_MESSAGE
    while True:
        emails, cursor = group_mail.invitees_page(ports, meetup_id, mail, cursor)
        for start in range(0, len(emails), per_message):
            group_mail.email_group(ports, meetup_id, mail, emails[start : start + per_message])
        if cursor is None:
            return


def publish_fan_out(ports: MailPorts, meetup_id: str) -> None:
    """The invitations of a published meetup."""
    email_all(ports, meetup_id, group_mail.INVITATIONS)


def remind(ports: MailPorts) -> None:
    """What the reminders job queues, done: the reminders of the meetups starting soon."""
    for meetup, hours in group_mail.starting_soon(ports):
        email_all(ports, meetup.id, group_mail.reminder(hours))


def invite_group(ports: MailPorts, meetup_id: str, emails: Sequence[str]) -> None:
    group_mail.email_group(ports, meetup_id, group_mail.INVITATIONS, emails)


def with_mailer(ports: MailPorts, mailer: RecordingMailer) -> MailPorts:
    return MailPorts(ports.store, ports.clock, mailer, BASE, ports.mail_from)


GUESTS = [f"guest{n}@example.com" for n in range(5)]


def inbox(mailbox: MailboxMailer) -> list[tuple[str, str]]:
    return sorted((m.to, m.subject) for m in mailbox.messages())


def test_publishing_invites_each_invitee_once_even_when_the_event_comes_twice(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    meetup_id = meetup(ports, ["ann@example.com", "bob@example.com"])
    meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)

    publish_fan_out(ports, meetup_id)
    publish_fan_out(ports, meetup_id)

    assert inbox(mailbox) == [
        ("ann@example.com", "Ada invited you: Tasting at the cellar"),
        ("bob@example.com", "Ada invited you: Tasting at the cellar"),
    ]
    listed, _ = meetups.invitations_of(ports, "org", meetup_id)
    assert all(i.sent for i in listed)


def test_the_answer_link_in_the_invitation_works(ports: MailPorts, mailbox: MailboxMailer) -> None:
    meetup_id = meetup(ports, ["ann@example.com"])
    meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)
    publish_fan_out(ports, meetup_id)

    (message,) = mailbox.messages()
    token = re.search(rf"{BASE}/rsvp/([A-Za-z0-9_-]+)", message.text)
    assert token is not None
    invitation, _ = answers.answer_by_link(ports, token.group(1), Answer.ATTENDING)

    assert invitation.email == "ann@example.com"
    assert invitation.response is Answer.ATTENDING


def test_someone_added_after_publishing_is_invited_at_once_but_not_before(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    meetup_id = meetup(ports, ["ann@example.com"])
    notifications.on_invitation_added(ports, meetup_id, "ann@example.com")
    assert inbox(mailbox) == []  # a draft: invitations wait for the publish

    meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)
    meetups.invite_people(ports, "org", meetup_id, [{"email": "cy@example.com"}])
    notifications.on_invitation_added(ports, meetup_id, "cy@example.com")
    publish_fan_out(ports, meetup_id)

    assert [to for to, _ in inbox(mailbox)] == ["ann@example.com", "cy@example.com"]


def test_a_mail_server_failing_twice_still_ends_with_exactly_one_email(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    flaky = MailPorts(
        ports.store, ports.clock, FlakyMailer(mailbox, failures=2), BASE, ports.mail_from
    )
    meetup_id = meetup(ports, ["ann@example.com"])
    meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)

    for _ in range(2):
        with pytest.raises(ConnectionError):
            publish_fan_out(flaky, meetup_id)
    publish_fan_out(flaky, meetup_id)
    publish_fan_out(flaky, meetup_id)

    assert [to for to, _ in inbox(mailbox)] == ["ann@example.com"]


def test_a_group_of_invitations_delivered_twice_emails_each_invitee_once(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    meetup_id = meetup(ports, GUESTS)
    meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)
    mailer = RecordingMailer(mailbox)

    invite_group(with_mailer(ports, mailer), meetup_id, GUESTS)
    invite_group(with_mailer(ports, mailer), meetup_id, GUESTS)

    assert sorted(mailer.sent) == GUESTS
    listed, _ = meetups.invitations_of(ports, "org", meetup_id)
    assert all(i.sent for i in listed)


def test_a_mail_server_hanging_up_mid_group_sends_none_of_those_sent_again(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    meetup_id = meetup(ports, GUESTS)
    meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)
    mailer = RecordingMailer(mailbox, refused=[3])

    with pytest.raises(ConnectionError):  # the message fails: the queue delivers it again
        invite_group(with_mailer(ports, mailer), meetup_id, GUESTS)
    assert len(mailer.sent) == len(GUESTS) - 1  # one refusal: the others went out
    invite_group(with_mailer(ports, mailer), meetup_id, GUESTS)

    assert sorted(mailer.sent) == GUESTS
    assert len(mailbox.messages()) == len(GUESTS)


def test_a_second_refusal_leaves_the_rest_of_the_group_to_the_retry(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    meetup_id = meetup(ports, GUESTS)
    meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)
    mailer = RecordingMailer(mailbox, refused=[2, 3])

    with pytest.raises(ConnectionError):
        invite_group(with_mailer(ports, mailer), meetup_id, GUESTS)
    assert (mailer.attempts, len(mailer.sent)) == (3, 1)
    invite_group(with_mailer(ports, mailer), meetup_id, GUESTS)

    assert sorted(mailer.sent) == GUESTS


def test_an_invitee_another_run_is_emailing_is_left_to_it_until_its_claim_goes_stale(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    clock = ports.clock
    assert isinstance(clock, FakeClock)
    meetup_id = meetup(ports, GUESTS)
    meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)
    # Another run claimed guest1's invitation, and stopped before sending it.
    MailMarkerRepository(ports.store).claim(
        meetup_mail_key(meetup_id, "invitation", GUESTS[1]), clock.now()
    )
    mailer = RecordingMailer(mailbox)

    clock.advance(seconds=20)
    with pytest.raises(notifications.ClaimHeld) as held:
        invite_group(with_mailer(ports, mailer), meetup_id, GUESTS)
    assert held.value.retry_in == notifications.STALE_CLAIM - timedelta(seconds=20)
    assert sorted(mailer.sent) == [g for g in GUESTS if g != GUESTS[1]]
    clock.advance(seconds=held.value.retry_in.total_seconds())
    invite_group(with_mailer(ports, mailer), meetup_id, GUESTS)

    assert sorted(mailer.sent) == GUESTS


def test_a_delivery_that_finds_a_claim_held_looks_again_soon_then_less_often() -> None:
    held = notifications.ClaimHeld(retry_in=timedelta(seconds=50))

    waits = [held.look_again_in(receives).total_seconds() for receives in range(1, 6)]

    assert waits == [5, 10, 20, 40, 50]  # never past when the claim can be taken over
    # Before its fifth receive (the queue's last before the dead-letter queue), a delivery
    # has waited out a claim whose holder died.
    assert sum(waits[:4]) >= notifications.STALE_CLAIM.total_seconds()


def test_a_group_of_invitations_takes_a_few_store_requests_whatever_its_size(
    ports: MailPorts, mailbox: MailboxMailer, tmp_path: Path
) -> None:
    def requests(invitees: list[str]) -> Counter[str]:
        meetup_id = meetup(ports, invitees)
        meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)
        counting = CountingStore(tmp_path / "db")  # the same table
        try:
            counted = MailPorts(counting, ports.clock, mailbox, BASE, ports.mail_from)
            invite_group(counted, meetup_id, invitees)
        finally:
            counting.close()
        return counting.requests

    few = requests([f"few{n}@example.com" for n in range(5)])
    many = requests([f"many{n}@example.com" for n in range(40)])

    # The meetup, the organizer, the invitations with their markers, and three
    # transactions: the claims, the answer links, the confirmations.
    assert few == many
    assert few["transact"] == 3
    assert "write" not in few


def test_an_answer_is_confirmed_once_per_answer(ports: MailPorts, mailbox: MailboxMailer) -> None:
    meetup_id = meetup(ports, ["ann@example.com"])
    meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)
    answers.answer_invitation(ports, meetup_id, "ann@example.com", Answer.ATTENDING)

    notifications.on_rsvp_changed(ports, "event-1", meetup_id, "ann@example.com")
    notifications.on_rsvp_changed(ports, "event-1", meetup_id, "ann@example.com")

    (confirmation,) = mailbox.messages()
    assert confirmation.to == "ann@example.com"
    assert JOIN_THROUGH.search(confirmation.text)


def test_a_new_time_and_a_cancellation_reach_everyone_who_was_invited(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    meetup_id = meetup(ports, ["ann@example.com", "bob@example.com"])
    meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)
    publish_fan_out(ports, meetup_id)
    before = views.view_meetup(ports, meetup_id, "org").meetup.starts_at
    meetups.edit_meetup(ports, "org", meetup_id, {"starts_at": before + timedelta(hours=1)})

    email_all(ports, meetup_id, group_mail.change_notice("moved", before))
    assert len(mailbox.messages()) == 2 + 2
    email_all(ports, meetup_id, group_mail.change_notice("moved", before))  # delivered again
    assert len(mailbox.messages()) == 2 + 2
    meetups.cancel_meetup(ports, "org", meetup_id)
    email_all(ports, meetup_id, group_mail.change_notice("off", None))

    assert len(mailbox.messages()) == 2 + 2 + 2


def test_the_attendee_list_goes_out_once_within_the_hour_before_the_start(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    soon = meetup(ports, ["ann@example.com", "bob@example.com"], starts_in=timedelta(minutes=59))
    later = meetup(ports, ["cy@example.com"], starts_in=timedelta(minutes=61))
    for meetup_id in (soon, later):
        meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)
    answers.answer_invitation(ports, soon, "bob@example.com", Answer.ATTENDING)

    assert notifications.send_attendee_lists(ports) == 1
    assert notifications.send_attendee_lists(ports) == 0

    (listing,) = mailbox.messages()
    assert listing.to == "ada@example.com"
    assert [a["filename"] for a in listing.as_json()["attachments"]] == ["attendees.csv"]
    assert "bob@example.com" in listing.text
    assert "ann@example.com" not in listing.text


def test_attendees_are_reminded_a_day_and_an_hour_before_once_each(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    clock = ports.clock
    assert isinstance(clock, FakeClock)
    meetup_id = meetup(ports, ["ann@example.com", "bob@example.com"], starts_in=timedelta(days=2))
    meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)
    answers.answer_invitation(ports, meetup_id, "ann@example.com", Answer.ATTENDING)
    start = views.view_meetup(ports, meetup_id, "org").meetup.starts_at

    clock.set(start - timedelta(hours=23, minutes=55))  # the run just after 24 h before
    remind(ports)
    assert len(mailbox.messages()) == 1
    remind(ports)  # run twice
    assert len(mailbox.messages()) == 1
    clock.set(start - timedelta(minutes=55))
    remind(ports)

    reminders = mailbox.messages()
    assert [m.to for m in reminders] == ["ann@example.com", "ann@example.com"]
    assert all(JOIN_THROUGH.search(m.text) for m in reminders)


def test_an_email_sent_again_after_a_crash_before_it_was_marked_stays_one_message(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    clock = ports.clock
    assert isinstance(clock, FakeClock)
    email = Email(to="ann@example.com", subject="Hello", text="Hi", html="<p>Hi</p>")
    assert notifications.send_once(ports, "m1", "hello", "ann@example.com", lambda: email)
    # As if the process had died after sending, before marking the email sent.
    marker = Key("MEETUP#m1", "MAIL#hello#ann@example.com")
    ports.store.write(Update(marker, set={"state": "sending"}))

    clock.advance(seconds=20)
    with pytest.raises(notifications.ClaimHeld) as held:  # someone may be sending it right now
        notifications.send_once(ports, "m1", "hello", "ann@example.com", lambda: email)
    assert held.value.retry_in == notifications.STALE_CLAIM - timedelta(seconds=20)
    clock.advance(seconds=held.value.retry_in.total_seconds())
    assert notifications.send_once(ports, "m1", "hello", "ann@example.com", lambda: email)
    assert not notifications.send_once(ports, "m1", "hello", "ann@example.com", lambda: email)

    assert len(mailbox.messages()) == 1


def test_an_invitee_who_unsubscribed_gets_nothing_more_about_the_meetup(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    clock = ports.clock
    assert isinstance(clock, FakeClock)
    meetup_id = meetup(ports, ["ann@example.com", "bob@example.com"], starts_in=timedelta(days=2))
    meetups.publish_meetup(ports, signed_up(ports.store, "org"), meetup_id)
    publish_fan_out(ports, meetup_id)
    for email in ("ann@example.com", "bob@example.com"):
        answers.answer_invitation(ports, meetup_id, email, Answer.ATTENDING)
    view = views.view_meetup(ports, meetup_id, "org").meetup
    ann = InvitationRepository(ports.store).get(meetup_id, "ann@example.com")
    token = answers.mint_answer_token(ports, view, ann)

    answers.unsubscribe_by_link(ports, token)
    answers.unsubscribe_by_link(ports, token)  # again: no harm
    sent_before = len(mailbox.messages())
    notifications.on_rsvp_changed(ports, "answer-1", meetup_id, "ann@example.com")
    clock.set(view.starts_at - timedelta(minutes=55))
    remind(ports)
    meetups.edit_meetup(ports, "org", meetup_id, {"starts_at": view.starts_at + timedelta(hours=1)})
    email_all(ports, meetup_id, group_mail.change_notice("moved", view.starts_at))

    later = mailbox.messages()[: len(mailbox.messages()) - sent_before]  # newest first
    assert [(m.to, m.subject.split(":")[0]) for m in later] == [
        ("bob@example.com", "New time"),
        ("bob@example.com", "Starting in 1 hour"),
    ]
    ann = InvitationRepository(ports.store).get(meetup_id, "ann@example.com")
    assert ann.response is Answer.ATTENDING  # still counted as coming


def test_the_organizer_is_told_once_of_a_video_that_took_too_long(
    ports: MailPorts, mailbox: MailboxMailer
) -> None:
    # GIVEN a video of the organizer's meetup, failed by the sweep after two hours processing
    meetup_id = meetup(ports, ["ann@example.com"])
    video = Media.request(
        media_id="clip",
        meetup_id=meetup_id,
        kind=MediaKind.VIDEO,
        content_type="video/mp4",
        size=5000,
        now=ports.clock.now(),
    )
    MediaRepository(ports.store).add(video)
    video.start_processing(ports.clock.now())
    MediaRepository(ports.store).save(video, video.version - 1)
    assert isinstance(ports.clock, FakeClock)
    ports.clock.advance(hours=3)
    assert media.fail_stalled(ports) == 1

    # WHEN the notifier hears of it, twice (a redelivery)
    for _ in range(2):
        notifications.on_media_timed_out(ports, meetup_id, "clip")

    # THEN the organizer has one email that names the meetup and says what to do
    (told,) = mailbox.messages()
    assert told.to == "ada@example.com"
    assert told.subject == "Your video for Tasting at the cellar could not be processed"
    assert "Upload the file again" in told.text
    assert f"{BASE}/meetups/{meetup_id}" in told.text
