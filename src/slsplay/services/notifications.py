"""The emails domain events call for, each sent once per (event, recipient) however often the
event is delivered.

Before sending, a marker item is claimed with a conditional write; after sending, it is
marked sent. A redelivered event finds the marker and skips the email. A claim whose send
never finished (the process died in between) is taken over after ``STALE_CLAIM``, so an
email is delayed, not lost. If the process died after sending but before marking, the email
goes out again, with the same Message-ID: the local mailbox keeps one copy, mail clients
fold the two. The emails to many invitees at once (invitations on publish, a new time, a
cancellation, reminders) keep these rules for each invitee, a group at a time
(``group_mail.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from slsplay.domain.errors import NotFound, VersionConflict
from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.meetups import Meetup, MeetupStatus
from slsplay.mail import compose
from slsplay.mail.mime import sender_domain
from slsplay.ports import Clock, ConditionFailed, Email, ItemStore, Key, Mailer
from slsplay.services.answers import mint_answer_token, ticket_of
from slsplay.store.mail_markers import (
    MailMarkerRepository,
    account_mail_key,
    meetup_mail_key,
)
from slsplay.store.repositories import (
    InvitationRepository,
    MediaRepository,
    MeetupRepository,
    UserRepository,
)

# Longer than one send can take (the SMTP adapter's and the AWS clients' timeouts bound it
# well below): an older claim's holder died. Taking it over may send the email again, with
# the same Message-ID.
STALE_CLAIM = timedelta(seconds=60)
ATTENDEE_LIST_LEAD = timedelta(minutes=60)


@dataclass(frozen=True)
class MailPorts:
    """What sending the product's email needs."""

    store: ItemStore
    clock: Clock
    mailer: Mailer
    base_url: str
    mail_from: str


# How soon a delivery that found an email claimed by another looks again, the first time.
SETTLE = timedelta(seconds=5)


class ClaimHeld(ConditionFailed):
    """Another delivery claimed this email moments ago and may be sending it now.

    By ``retry_in`` it is marked sent, or its claim can be taken over.
    """

    def __init__(self, retry_in: timedelta) -> None:
        super().__init__()
        self.retry_in = retry_in

    def look_again_in(self, receives: int) -> timedelta:
        """When the delivery received ``receives`` times so far should come back.

        The holder is most likely another delivery of the same invitee (a published
        meetup's fan-out run twice makes two groups of them) that is sending right now:
        looking again soon usually finds the email sent. The wait doubles with each
        receive, so that a holder that died is outwaited (its claim taken over) within
        four receives, before the queue gives the message up to its dead-letter queue.
        """
        doubled: timedelta = SETTLE * 2 ** max(0, receives - 1)
        return min(self.retry_in, doubled)


def send_once(
    ports: MailPorts, meetup_id: str, purpose: str, recipient: str, build: Callable[[], Email]
) -> bool:
    """Send the email ``build`` makes unless this (purpose, recipient) already went out.

    Answers whether it was sent now.
    """
    return _send_once(ports, meetup_mail_key(meetup_id, purpose, recipient), build)


def _send_once(
    ports: MailPorts, key: Key, build: Callable[[], Email], *, keep: timedelta | None = None
) -> bool:
    """``send_once`` with its marker at ``key`` (forgotten ``keep`` after, if given)."""
    now = ports.clock.now()
    expires_at = None if keep is None else now + keep
    markers = MailMarkerRepository(ports.store)
    if not markers.claim(key, now, expires_at):
        held = markers.get(key)
        if held is None or held.sent:
            return False
        age = now - held.at
        if age < STALE_CLAIM:
            raise ClaimHeld(STALE_CLAIM - age)
        markers.take_over(key, held, now, expires_at)
    try:
        stable_id = message_id(sender_domain(ports.mail_from), key)
        ports.mailer.send(replace(build(), message_id=stable_id))
    except Exception:
        markers.release(key)  # not sent: let the retry claim it again
        raise
    markers.confirm(key, now)
    return True


def message_id(domain: str, key: Key) -> str:
    """One Message-ID per (purpose, recipient), at the sender's ``domain``: an email sent
    again after a crash between sending and marking it sent is then the same message, which
    mailboxes fold."""
    digest = hashlib.sha256(f"{key.pk}\n{key.sk}".encode()).hexdigest()[:32]
    return f"<{digest}@{domain}>"


def organizer_name(ports: MailPorts, meetup: Meetup) -> str:
    """The organizer's name as emails sign it."""
    try:
        return UserRepository(ports.store).get(meetup.organizer_id).name
    except NotFound:
        return "The organizer"


def _unsubscribe(ports: MailPorts, token: str) -> compose.Unsubscribe:
    return compose.Unsubscribe(url=f"{ports.base_url}/api/unsubscribe/{token}")


def to_invitee(
    ports: MailPorts,
    meetup: Meetup,
    invitation: Invitation,
    organizer: str,
    email_for: Callable[..., Email],
    *,
    token: str | None = None,
    **extra: Any,
) -> Callable[[], Email]:
    """How to build one email to an invitee, with the answer link of ``token`` (or of a
    fresh one, minted when it is built)."""

    def build() -> Email:
        link = token or mint_answer_token(ports, meetup, invitation)
        return email_for(
            meetup,
            invitation,
            organizer_name=organizer,
            base_url=ports.base_url,
            token=link,
            sequence=meetup.version,
            mail_from=ports.mail_from,
            unsubscribe=_unsubscribe(ports, link),
            **extra,
        )

    return build


# What an invitation's mail marker is marked for.
INVITATION = "invitation"


def invitation_to_send(invitation: Invitation) -> bool:
    """Whether an invitee is one to email an invitation to."""
    # Not unsubscribed, and not one who asked to come themselves: someone to invite.
    return invitation.wants_email and not invitation.joined


def _invite(ports: MailPorts, meetup: Meetup, invitation: Invitation, organizer: str) -> None:
    if not invitation_to_send(invitation):
        return
    build = to_invitee(ports, meetup, invitation, organizer, compose.invitation_email)
    if send_once(ports, meetup.id, INVITATION, invitation.email, build):
        _mark_sent(ports, invitation)


def _mark_sent(ports: MailPorts, invitation: Invitation) -> None:
    read_version = marked_sent(invitation, ports.clock.now())
    if read_version is not None:
        # Answered meanwhile: the "sent" flag shown to the organizer stays behind once;
        # the mail marker, not this flag, is what keeps the email from going out twice.
        with contextlib.suppress(VersionConflict):
            InvitationRepository(ports.store).save(invitation, read_version)


def marked_sent(invitation: Invitation, now: datetime) -> int | None:
    """Record on ``invitation`` that it was sent; the version it was read at, if that changed
    it (None: it was marked already)."""
    read_version = invitation.version
    invitation.mark_sent(now)
    return None if invitation.version == read_version else read_version


def _invitations(ports: MailPorts, meetup_id: str) -> Iterator[Invitation]:
    return InvitationRepository(ports.store).all_of_meetup(meetup_id)


def on_invitation_added(ports: MailPorts, meetup_id: str, email: str) -> None:
    """Invite one person added to a published meetup (a draft's invitees wait for publish)."""
    meetup, _ = MeetupRepository(ports.store).get(meetup_id)
    if meetup.status is not MeetupStatus.PUBLISHED or ports.clock.now() >= meetup.starts_at:
        return
    invitation = InvitationRepository(ports.store).get(meetup_id, email)
    if not invitation.sent:
        _invite(ports, meetup, invitation, organizer_name(ports, meetup))


def on_rsvp_changed(ports: MailPorts, event_id: str, meetup_id: str, email: str) -> None:
    """Confirm an answer to the invitee, with the join link when they attend."""
    meetup, _ = MeetupRepository(ports.store).get(meetup_id)
    invitation = InvitationRepository(ports.store).get(meetup_id, email)
    if invitation.response is Answer.NONE or not invitation.wants_email:
        return
    organizer = organizer_name(ports, meetup)
    ticket = ticket_of(ports, invitation)
    build = to_invitee(
        ports, meetup, invitation, organizer, compose.answer_confirmation_email, ticket=ticket
    )
    send_once(ports, meetup_id, f"answer-{event_id}", email, build)


def on_seat_offered(ports: MailPorts, event_id: str, meetup_id: str, email: str) -> None:
    """Tell someone in line that a seat of a paid meetup is kept for them, to pay for."""
    _about_ticket(ports, event_id, meetup_id, email, compose.seat_offer_email)


def on_ticket_refunded(ports: MailPorts, event_id: str, meetup_id: str, email: str) -> None:
    """Tell a buyer that their money went back."""
    _about_ticket(ports, event_id, meetup_id, email, compose.refund_email)


def _about_ticket(
    ports: MailPorts,
    event_id: str,
    meetup_id: str,
    email: str,
    email_for: Callable[..., Email],
) -> None:
    meetup, _ = MeetupRepository(ports.store).get(meetup_id)
    invitation = InvitationRepository(ports.store).get(meetup_id, email)
    ticket = ticket_of(ports, invitation)
    if ticket is None or not invitation.wants_email:
        return
    organizer = organizer_name(ports, meetup)
    build = to_invitee(ports, meetup, invitation, organizer, email_for, ticket=ticket)
    send_once(ports, meetup_id, f"ticket-{event_id}", email, build)


def send_attendee_lists(ports: MailPorts) -> int:
    """Email each organizer whose meetup starts within the hour its attendee list, once."""
    now = ports.clock.now()
    sent = 0
    for meetup in MeetupRepository(ports.store).published_starting_between(
        now, now + ATTENDEE_LIST_LEAD
    ):
        if now >= meetup.starts_at:
            continue
        try:
            organizer = UserRepository(ports.store).get(meetup.organizer_id)
        except NotFound:
            continue
        if organizer.email is None:
            continue
        attendees = [i for i in _invitations(ports, meetup.id) if i.response is Answer.ATTENDING]

        def build(
            meetup: Meetup = meetup,
            organizer_email: str = organizer.email,
            organizer_name: str = organizer.name,
            attendees: list[Invitation] = attendees,
        ) -> Email:
            return compose.attendee_list_email(
                meetup,
                attendees,
                organizer_email=organizer_email,
                organizer_name=organizer_name,
            )

        sent += send_once(ports, meetup.id, "attendee-list", organizer.email, build)
    return sent


def on_media_timed_out(ports: MailPorts, meetup_id: str, media_id: str) -> None:
    """Tell the organizer, once, that one of their uploads took too long to process and was
    failed; nothing when the meetup, the upload or the organizer's address is gone."""
    try:
        meetup, _ = MeetupRepository(ports.store).get(meetup_id)
        media = MediaRepository(ports.store).get(meetup_id, media_id)
        organizer = UserRepository(ports.store).get(meetup.organizer_id)
    except NotFound:
        return
    if organizer.email is None or not media.timed_out:
        return
    to, name = organizer.email, organizer.name

    def build() -> Email:
        return compose.media_timed_out_email(
            meetup, media, organizer_email=to, organizer_name=name, base_url=ports.base_url
        )

    send_once(ports, meetup_id, f"media-timed-out-{media_id}", to, build)


ACCOUNT_MAIL_KEPT = timedelta(days=1)


def on_account_mail(ports: MailPorts, event_id: str, purpose: str, to: str, secret: str) -> None:
    """Send a link or code an account asked for (once per request, however often delivered)."""

    def build() -> Email:
        return compose.account_email(purpose, to, secret, base_url=ports.base_url)

    # Each request's email once, however often its message is delivered; a day is plenty
    # for SQS's redeliveries, and longer than any link or code lives.
    _send_once(ports, account_mail_key(event_id, purpose), build, keep=ACCOUNT_MAIL_KEPT)
