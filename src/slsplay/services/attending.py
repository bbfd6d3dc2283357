"""An attendee's home: the meetups a signed-in person is invited to by their account's
address or joined themselves, each with their answer, and an answer link for any of them.

An account sees the invitations to its address once it has proved the address is its own;
before that, only the public meetups it joined itself (which it did as that account).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from slsplay.domain.errors import NotFound
from slsplay.domain.invitations import Invitation
from slsplay.domain.meetup_details import DURATION_MAX_MINUTES
from slsplay.domain.meetups import Meetup, MeetupStatus
from slsplay.domain.users import User
from slsplay.services.answers import mint_answer_token
from slsplay.services.bundles import StorePorts
from slsplay.services.views import MeetupView, names_of, views_of
from slsplay.store.invitee_lists import InviteeListRepository
from slsplay.store.repositories import InvitationRepository, MeetupRepository, UserRepository

# A meetup still running is upcoming: the list starts this long before now, then leaves out
# the meetups that have ended.
LONGEST_MEETUP = timedelta(minutes=DURATION_MAX_MINUTES)


@dataclass(frozen=True)
class Attendance:
    """One meetup in a person's list, with their invitation (and answer) to it."""

    invitation: Invitation
    view: MeetupView


def meetups_attended(
    ports: StorePorts,
    user_id: str,
    *,
    past: bool = False,
    limit: int = 20,
    cursor: str | None = None,
) -> tuple[list[Attendance], str | None]:
    """The meetups a person is invited to or joined that have not ended, soonest first
    (``past``: those that have, latest first), a page at a time."""
    user = UserRepository(ports.store).get(user_id)
    if not user.acts_as_address or user.email is None:
        return [], None
    lists = InviteeListRepository(ports.store)
    if cursor is None:  # once a list is read, its invitations stored before it are placed
        _place_unplaced(ports, lists, user.email)
    now = ports.clock.now()
    invitations, following = lists.page(
        user.email,
        since=now if past else now - LONGEST_MEETUP,
        past=past,
        limit=limit,
        cursor=cursor,
    )
    meetups = MeetupRepository(ports.store).get_many([i.meetup_id for i in invitations])
    shown: list[tuple[Invitation, Meetup]] = []
    for invitation in invitations:
        meetup = meetups.get(invitation.meetup_id)
        if meetup is None or not _shown_to(user, invitation, meetup):
            continue
        if invitation.meetup_starts_at != meetup.starts_at:  # moved since it was written
            lists.place(invitation, meetup.starts_at)
        if (meetup.ends_at <= now) == past:
            shown.append((invitation, meetup))
    shown.sort(key=lambda pair: (pair[1].starts_at, pair[1].id), reverse=past)
    views = views_of(ports, [meetup for _, meetup in shown])
    names = names_of(ports, sorted({meetup.organizer_id for _, meetup in shown}))
    return [
        Attendance(invitation, replace(view, organizer_name=names[view.meetup.organizer_id]))
        for (invitation, _), view in zip(shown, views, strict=True)
    ], following


def answer_link_of(ports: StorePorts, user_id: str, meetup_id: str) -> tuple[str, Meetup]:
    """A new answer link's token for a meetup in the person's list (others: ``NotFound``)."""
    user = UserRepository(ports.store).get(user_id)
    if not user.acts_as_address or user.email is None:
        raise NotFound("invitation_not_found")
    invitation = InvitationRepository(ports.store).get(meetup_id, user.email)
    meetup, _ = MeetupRepository(ports.store).get(meetup_id)
    if not _shown_to(user, invitation, meetup):
        raise NotFound("invitation_not_found")
    return mint_answer_token(ports, meetup, invitation), meetup


def place_invitations(ports: StorePorts, meetup_id: str, cursor: str | None, limit: int) -> None:
    """Put a page of a meetup's invitations (``limit`` from ``cursor``, as the emails about
    the meetup go through them) at its start in each invitee's list: when it is published,
    and when it moves."""
    meetup, _ = MeetupRepository(ports.store).get(meetup_id)
    page, _ = InvitationRepository(ports.store).of_meetup(meetup_id, limit=limit, cursor=cursor)
    lists = InviteeListRepository(ports.store)
    for invitation in page:
        if invitation.meetup_starts_at != meetup.starts_at:
            lists.place(invitation, meetup.starts_at)


def _shown_to(user: User, invitation: Invitation, meetup: Meetup) -> bool:
    """Whether the invitation is the account's to see: a draft's invitees are not told yet,
    and only a proved address shows what others sent to it."""
    if meetup.status is MeetupStatus.DRAFT:
        return False
    return user.email_verified or invitation.joined


def _place_unplaced(ports: StorePorts, lists: InviteeListRepository, email: str) -> None:
    """Place the address's invitations stored before they carried their meetup's start."""
    unplaced = lists.unplaced(email)
    if not unplaced:
        return
    meetups = MeetupRepository(ports.store).get_many([i.meetup_id for i in unplaced])
    for invitation in unplaced:
        meetup = meetups.get(invitation.meetup_id)
        if meetup is not None:
            lists.place(invitation, meetup.starts_at)
