"""Emails to many of a meetup's invitees at once: the invitations when it is published, the
notice of a new time or of a cancellation, the reminders before the start.

However many are invited, no run holds more than a page of them: ``invitees_page`` reads a
page of those the email is for, the notifier queues them in groups of ``PER_MESSAGE`` (a
message each, see ``reactions.py``), and one run emails a group (``email_group``). Each
invitee still gets each email once, by the rules of ``notifications.send_once``: one batch
read finds the group's invitations with their mail markers, one transaction claims the
markers, one writes the answer links, the emails go out one after the other, and one
transaction confirms the sent ones (an invitation's with its "sent" flag). A failed send
gives its claim up and, once the others are confirmed, fails the run: the retry sends only
what did not go out. An email another run claimed moments ago is left to it, and the run
fails with ``ClaimHeld`` to look again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from slsplay.domain.analytics import REMINDER_LEADS
from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.meetups import Meetup, MeetupStatus
from slsplay.mail import compose
from slsplay.mail.mime import sender_domain
from slsplay.ports import Email, Key
from slsplay.services.answers import mint_answer_tokens
from slsplay.services.notifications import (
    INVITATION,
    STALE_CLAIM,
    ClaimHeld,
    MailPorts,
    invitation_to_send,
    marked_sent,
    message_id,
    organizer_name,
    to_invitee,
)
from slsplay.store.mail_markers import MailMarker, MailMarkerRepository, meetup_mail_key
from slsplay.store.repositories import InvitationRepository, MeetupRepository

PAGE = 500
# The invitees of one queued message, whose emails one run sends one after the other. In
# the cloud an invocation of the notifier takes up to 10 messages (its BatchSize): 10 x 8 =
# 80 emails, each a SendEmail (50 to 80 ms), at most 6.4 s, plus 6 store requests a message
# (0.6 s): within the function's 10 s Timeout, with room for a cold start. The notifier's
# MaximumConcurrency bounds the emails sent at once, hence the rate asked of SES
# (template.yaml has that arithmetic).
PER_MESSAGE = 8
# A refused send may be about its one address: the rest of the group goes on. A second one
# is more likely the mail server or the sending quota: the rest waits for the retry, rather
# than spending the run's time on a server that refuses.
REFUSALS_PER_RUN = 2


@dataclass(frozen=True)
class GroupMail:
    """One email to many invitees of a meetup: what it is, who it is for, and while when."""

    # What its mail markers are marked for (one marker per invitee and purpose).
    purpose: str
    compose: Callable[..., Email]
    # Whether an invitee is to get it, as their invitation reads now.
    wanted: Callable[[Invitation], bool]
    # Whether the meetup, as it reads now, still calls for it.
    due: Callable[[Meetup, datetime], bool]
    extra: Mapping[str, Any] = field(default_factory=dict)
    # Whether sending it records on the invitation that it was sent.
    flags_invitation: bool = False


def _before_the_start(meetup: Meetup, now: datetime) -> bool:
    return meetup.status is MeetupStatus.PUBLISHED and now < meetup.starts_at


INVITATIONS = GroupMail(
    INVITATION,
    compose.invitation_email,
    wanted=lambda invitation: not invitation.sent and invitation_to_send(invitation),
    due=_before_the_start,
    flags_invitation=True,
)


def change_notice(cause: str, previous_start: datetime | None) -> GroupMail:
    """The notice of a new time (the start before it), or of the cancellation (None)."""
    return GroupMail(
        f"change-{cause}",
        compose.cancellation_email if previous_start is None else compose.time_change_email,
        # Never invited by email (nothing to take back or move), or unsubscribed: nothing.
        wanted=lambda invitation: invitation.sent and invitation.wants_email,
        due=lambda meetup, now: True,
        extra={} if previous_start is None else {"previous_start": previous_start},
    )


def reminder(lead_hours: int) -> GroupMail:
    """The reminder to attendees, ``lead_hours`` before the start, with the join link."""
    return GroupMail(
        f"reminder-{lead_hours}h",
        _reminder_email,
        wanted=lambda i: i.response is Answer.ATTENDING and i.wants_email,
        due=_before_the_start,
        extra={"lead": timedelta(hours=lead_hours)},
    )


def _reminder_email(meetup: Meetup, invitation: Invitation, **links: Any) -> Email:
    # A reminder carries no .ics: the entry the invitation put in the calendar stands.
    del links["sequence"], links["mail_from"]
    return compose.reminder_email(meetup, invitation, **links)


def invitees_page(
    ports: MailPorts, meetup_id: str, mail: GroupMail, cursor: str | None = None
) -> tuple[list[str], str | None]:
    """One page of a meetup's invitees ``mail`` is for, and the next page's cursor.

    A page holds at most ``PAGE`` invitations (fewer addresses when some are not wanted),
    so whoever goes through them holds one page at a time, however long the list.
    """
    meetup, _ = MeetupRepository(ports.store).get(meetup_id)
    if not mail.due(meetup, ports.clock.now()):
        return [], None
    page, following = InvitationRepository(ports.store).of_meetup(
        meetup_id, limit=PAGE, cursor=cursor
    )
    return [i.email for i in page if mail.wanted(i)], following


def email_group(ports: MailPorts, meetup_id: str, mail: GroupMail, emails: Sequence[str]) -> None:
    """Send ``mail`` to the invitees of ``emails`` it is for, each once however often this
    runs (the module's docstring has how)."""
    meetup, _ = MeetupRepository(ports.store).get(meetup_id)
    now = ports.clock.now()
    if not mail.due(meetup, now):
        return
    markers = MailMarkerRepository(ports.store)
    claims: list[tuple[Key, MailMarker | None]] = []
    invitations: dict[Key, Invitation] = {}
    unflagged: list[Invitation] = []
    retry_in: list[timedelta] = []
    for invitation, marker in markers.invitations_with_markers(meetup_id, mail.purpose, emails):
        if not mail.wanted(invitation):
            continue
        key = meetup_mail_key(meetup_id, mail.purpose, invitation.email)
        if marker is None or (not marker.sent and now - marker.at >= STALE_CLAIM):
            claims.append((key, marker))
            invitations[key] = invitation
        elif marker.sent:
            unflagged.append(invitation)  # sent by a run that stopped before flagging it
        else:
            retry_in.append(STALE_CLAIM - (now - marker.at))
    claimed = markers.claim_many(claims, now)
    retry_in += [STALE_CLAIM] * (len(claims) - len(claimed))
    tokens = mint_answer_tokens(ports, meetup, [invitations[key].email for key in claimed])
    organizer = organizer_name(ports, meetup) if claimed else ""
    sent, unsent, refusal = _send_each(
        ports,
        [
            (
                key,
                to_invitee(
                    ports,
                    meetup,
                    invitations[key],
                    organizer,
                    mail.compose,
                    token=tokens[invitations[key].email],
                    **mail.extra,
                ),
            )
            for key in claimed
        ],
    )
    flagged = [invitations[key] for key in sent] + unflagged if mail.flags_invitation else []
    invited = [(i, read) for i in flagged if (read := marked_sent(i, now)) is not None]
    markers.confirm_many(sent, now, invited)
    markers.release_many(unsent)
    if refusal is not None:
        raise refusal
    if retry_in:
        raise ClaimHeld(min(retry_in))


def _send_each(
    ports: MailPorts, emails: Sequence[tuple[Key, Callable[[], Email]]]
) -> tuple[list[Key], list[Key], Exception | None]:
    """Send claimed emails one after the other: the keys of those sent, of those not sent,
    and the first refusal (after ``REFUSALS_PER_RUN`` of them, the rest is not tried)."""
    sent: list[Key] = []
    unsent: list[Key] = []
    refusals: list[Exception] = []
    domain = sender_domain(ports.mail_from)  # parsed once: it costs as much as a store write
    for key, build in emails:
        if len(refusals) >= REFUSALS_PER_RUN:
            unsent.append(key)
            continue
        try:
            ports.mailer.send(replace(build(), message_id=message_id(domain, key)))
        except Exception as e:  # whatever the failure: released, and raised once confirmed
            refusals.append(e)
            unsent.append(key)
        else:
            sent.append(key)
    return sent, unsent, (refusals[0] if refusals else None)


REMINDER_WINDOW = timedelta(minutes=15)  # how often the reminders job runs


def starting_soon(ports: MailPorts) -> list[tuple[Meetup, int]]:
    """The meetups whose attendees are to be reminded now, each with its lead in hours.

    Run every ``REMINDER_WINDOW``: each run finds the meetups whose reminder fell due in the
    window just passed, so a late or repeated run neither skips nor repeats one (the mail
    markers keep a meetup found twice from reminding anyone twice).
    """
    now = ports.clock.now()
    return [
        (meetup, hours)
        for hours in REMINDER_LEADS
        for meetup in MeetupRepository(ports.store).published_starting_between(
            now + timedelta(hours=hours) - REMINDER_WINDOW, now + timedelta(hours=hours)
        )
    ]
