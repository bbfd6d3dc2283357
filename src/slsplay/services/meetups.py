"""The organizer's and the invitee's use cases for meetups and invitations.

Each function loads what it needs, lets the domain decide, and saves through a repository
whose conditional writes make the decision stick. Authorization beyond the domain's rules
(who may *see* what) belongs to the caller, which knows who is asking and how.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from slsplay.domain.errors import (
    Conflict,
    FieldError,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    VersionConflict,
)
from slsplay.domain.invitations import Invitation, Response, normalise_email
from slsplay.domain.media import Media
from slsplay.domain.meetups import Meetup, MeetupCounts
from slsplay.domain.series import FOLLOWING, SERIES, THIS, Series
from slsplay.domain.tickets import Ticket
from slsplay.ids import new_id
from slsplay.ports import Clock, ItemStore, Put
from slsplay.services import series
from slsplay.store.repositories import (
    InvitationRepository,
    MediaRepository,
    MeetupRepository,
    UserRepository,
)
from slsplay.store.sessions import AnswerLink, AnswerLinkRepository
from slsplay.store.tickets import PayoutAccountRepository, TicketRepository

MAX_INVITEES_PER_REQUEST = 1_000


@dataclass(frozen=True)
class MeetupView:
    """A meetup with its counts, as readers see it."""

    meetup: Meetup
    counts: MeetupCounts
    organizer_name: str | None = None
    media: tuple[Media, ...] = ()
    series: Series | None = None  # an occurrence's series, where a reader shows it


def plan_meetup(
    store: ItemStore, clock: Clock, organizer_id: str, values: Mapping[str, object]
) -> MeetupView:
    """Create a draft meetup; with ``recurrence``, the first occurrence of a monthly series."""
    rule = values.get("recurrence")
    fields = {name: value for name, value in values.items() if name != "recurrence"}
    meetup = Meetup.plan(
        meetup_id=new_id(), organizer_id=organizer_id, values=fields, now=clock.now()
    )
    if rule is None:
        MeetupRepository(store).add(meetup)
        return MeetupView(meetup, MeetupCounts())
    started, meetup = series.start_series(store, clock, meetup, rule)
    return MeetupView(meetup, MeetupCounts(), series=started)


def view_meetup(store: ItemStore, meetup_id: str, viewer_id: str | None) -> MeetupView:
    """A meetup and its counts, for someone allowed to see it (others: ``NotFound``)."""
    meetup, counts = _visible(store, meetup_id, viewer_id)
    return MeetupView(
        meetup,
        counts,
        _organizer_name(store, meetup),
        _media_of(store, meetup),
        series.series_of(store, meetup),
    )


def _media_of(store: ItemStore, meetup: Meetup) -> tuple[Media, ...]:
    return tuple(MediaRepository(store).of_meetup(meetup.id))


def _organizer_name(store: ItemStore, meetup: Meetup) -> str | None:
    try:
        return UserRepository(store).get(meetup.organizer_id).name
    except NotFound:
        return None


def _visible(
    store: ItemStore, meetup_id: str, viewer_id: str | None
) -> tuple[Meetup, MeetupCounts]:
    # A stranger learns nothing about a private meetup, not even that it exists: the
    # answer is the same as for a meetup that does not exist.
    meetup, counts = MeetupRepository(store).get(meetup_id)
    if not meetup.visible_to(viewer_id):
        raise NotFound("meetup_not_found")
    return meetup, counts


def edit_meetup(
    store: ItemStore,
    clock: Clock,
    actor_id: str,
    meetup_id: str,
    changes: Mapping[str, object],
    *,
    expected_version: int | None = None,
    scope: str = THIS,
) -> MeetupView:
    """Change some fields; with ``expected_version``, ``PreconditionFailed`` if it moved on.

    For an occurrence of a series, scope ``following`` changes the occurrences to come too.
    """
    if scope not in (THIS, FOLLOWING):
        raise InvalidInput([FieldError("apply_to", f"must be {THIS} or {FOLLOWING}")])
    view = _change(
        store,
        actor_id,
        meetup_id,
        expected_version,
        lambda meetup, counts: meetup.edit(actor_id, changes, clock.now(), counts),
    )
    if scope == FOLLOWING:
        series.edit_following(store, clock, actor_id, view.meetup, changes)
        view = replace(view, series=series.series_of(store, view.meetup))  # split, perhaps
    return view


def publish_meetup(store: ItemStore, clock: Clock, actor_id: str, meetup_id: str) -> MeetupView:
    """Publish a draft; the change feed then has the invitations sent."""
    publisher = UserRepository(store).get(actor_id)

    def publish(meetup: Meetup, _: MeetupCounts) -> bool:
        can_be_paid = PayoutAccountRepository(store).find(meetup.organizer_id) is not None
        meetup.publish(publisher, clock.now(), organizer_can_be_paid=can_be_paid)
        return True

    view = _change(store, actor_id, meetup_id, None, publish)
    series.published(store, clock, view.meetup)
    return view


def cancel_meetup(store: ItemStore, clock: Clock, actor_id: str, meetup_id: str) -> MeetupView:
    """Cancel a meetup; the change feed then tells everyone invited."""

    def cancel(meetup: Meetup, _: MeetupCounts) -> bool:
        meetup.cancel(actor_id, clock.now())
        return True

    view = _change(store, actor_id, meetup_id, None, cancel)
    series.cancelled(store, clock, view.meetup)
    return view


def _change(
    store: ItemStore,
    actor_id: str,
    meetup_id: str,
    expected_version: int | None,
    action: Callable[[Meetup, MeetupCounts], bool],
) -> MeetupView:
    meetup, counts = _visible(store, meetup_id, actor_id)
    read_version = meetup.version
    if expected_version is not None and expected_version != read_version:
        raise PreconditionFailed
    if action(meetup, counts):
        MeetupRepository(store).save(meetup, read_version)
    return MeetupView(
        meetup, counts, media=_media_of(store, meetup), series=series.series_of(store, meetup)
    )


def delete_meetup(store: ItemStore, clock: Clock, actor_id: str, meetup_id: str) -> None:
    """Delete a draft (or a cancelled meetup) with its invitations."""
    meetup, _ = _visible(store, meetup_id, actor_id)
    meetup.ensure_deletable(actor_id)
    MeetupRepository(store).delete(meetup, clock.now())
    series.deleted(store, meetup)


def invite_people(
    store: ItemStore,
    clock: Clock,
    actor_id: str,
    meetup_id: str,
    invitees: Sequence[Mapping[str, object]],
) -> list[Invitation]:
    """Invite a list of people by email; nobody is invited twice.

    Every address is checked before anything is written; an address listed twice in one
    request is invited once. Addresses already invited are refused with ``already_invited``.
    """
    if not 1 <= len(invitees) <= MAX_INVITEES_PER_REQUEST:
        raise InvalidInput([FieldError("invitees", f"list 1 to {MAX_INVITEES_PER_REQUEST} people")])
    meetup, _ = _visible(store, meetup_id, actor_id)
    now = clock.now()
    invitations: dict[str, Invitation] = {}
    errors: list[FieldError] = []
    for position, invitee in enumerate(invitees):
        try:
            invitation = meetup.invite(
                actor_id,
                invitation_id=new_id(),
                email=invitee.get("email"),
                name=invitee.get("name"),
                now=now,
            )
        except InvalidInput as e:
            errors += [FieldError(f"invitees[{position}].{f.field}", f.message) for f in e.errors]
            continue
        invitations.setdefault(invitation.email, invitation)
    if errors:
        raise InvalidInput(errors)
    new = list(invitations.values())
    InvitationRepository(store).add_many(meetup, new)
    return new


def invitations_of(
    store: ItemStore, actor_id: str, meetup_id: str, *, limit: int = 100, cursor: str | None = None
) -> tuple[list[Invitation], str | None]:
    """The organizer's view of who is invited and what each answered."""
    meetup, _ = _visible(store, meetup_id, actor_id)
    if not meetup.is_organizer(actor_id):
        raise Forbidden("not_organizer")
    return InvitationRepository(store).of_meetup(meetup_id, limit=limit, cursor=cursor)


def attendees_of(store: ItemStore, actor_id: str, meetup_id: str) -> list[Invitation]:
    """Everyone attending, by the time they answered (the organizer only)."""
    meetup, _ = _visible(store, meetup_id, actor_id)
    if not meetup.is_organizer(actor_id):
        raise Forbidden("not_organizer")
    attending = [
        invitation
        for invitation in InvitationRepository(store).all_of_meetup(meetup_id)
        if invitation.response is Response.ATTENDING
    ]
    return sorted(attending, key=lambda i: (i.responded_at, i.email))


def answer_link(
    store: ItemStore, clock: Clock, actor_id: str, meetup_id: str, email: object
) -> tuple[str, Invitation]:
    """A fresh personal answer link's token for one invitee, for the organizer to share."""
    meetup, _ = _visible(store, meetup_id, actor_id)
    if not meetup.is_organizer(actor_id):
        raise Forbidden("not_organizer")
    invitation = InvitationRepository(store).get(meetup_id, normalise_email(email))
    return mint_answer_token(store, meetup, invitation), invitation


def mint_answer_token(store: ItemStore, meetup: Meetup, invitation: Invitation) -> str:
    """A new random token (256 bits) that lets one invitee see and answer one meetup.

    Only its hash is stored. It works until the meetup ends; the stored record is kept a
    week longer so that a late click says "ended" rather than "unknown link".
    """
    token = secrets.token_urlsafe(32)
    AnswerLinkRepository(store).add(
        token, AnswerLink(meetup.id, invitation.email), meetup.ends_at + timedelta(days=7)
    )
    return token


def open_answer_link(store: ItemStore, clock: Clock, token: str) -> tuple[Invitation, MeetupView]:
    """The invitation and meetup an answer link leads to, while the meetup has not ended."""
    link = AnswerLinkRepository(store).find(token)
    if link is None:
        raise NotFound("invitation_not_found")
    meetup, counts = MeetupRepository(store).get(link.meetup_id)
    if clock.now() >= meetup.ends_at:
        raise NotFound("invitation_not_found", "This answer link expired when the meetup ended.")
    invitation = InvitationRepository(store).get(link.meetup_id, link.email)
    view = MeetupView(meetup, counts, _organizer_name(store, meetup), _media_of(store, meetup))
    return invitation, view


def unsubscribe_link(store: ItemStore, token: str) -> tuple[Invitation, Meetup]:
    """The invitation and meetup an email's unsubscribe link is about (even after the end)."""
    link = AnswerLinkRepository(store).find(token)
    if link is None:
        raise NotFound("invitation_not_found")
    meetup, _ = MeetupRepository(store).get(link.meetup_id)
    return InvitationRepository(store).get(link.meetup_id, link.email), meetup


def unsubscribe_by_link(store: ItemStore, clock: Clock, token: str) -> tuple[Invitation, Meetup]:
    """Stop every further email about the meetup to the invitee the link belongs to.

    Doing it again changes nothing; an answer recorded meanwhile is kept (read again).
    """
    repository = InvitationRepository(store)
    for _ in range(3):
        invitation, meetup = unsubscribe_link(store, token)
        read_version = invitation.version
        invitation.unsubscribe(clock.now())
        if invitation.version == read_version:
            return invitation, meetup
        try:
            repository.save(invitation, read_version)
        except VersionConflict:
            continue
        return invitation, meetup
    raise VersionConflict


def answer_by_link(
    store: ItemStore,
    clock: Clock,
    token: str,
    response: Response,
    *,
    forfeit_ticket: bool = False,
    scope: str = THIS,
) -> tuple[Invitation, MeetupView]:
    """Record the answer of the invitee an answer link belongs to; with scope ``series``,
    for this occurrence and every later one of its series (those to come included)."""
    if scope not in (THIS, SERIES):
        raise InvalidInput([FieldError("scope", f"must be {THIS} or {SERIES}")])
    invitation, view = open_answer_link(store, clock, token)
    if scope == SERIES and view.meetup.series_id is None:
        raise InvalidInput([FieldError("scope", "this meetup does not repeat")])
    answered, after = _answer(
        store,
        clock,
        meetup=view.meetup,
        counts=view.counts,
        invitation=invitation,
        response=response,
        forfeit_ticket=forfeit_ticket,
    )
    if scope == SERIES:
        series.answer_following(store, clock, view.meetup, answered.email, response)
    return answered, replace(view, counts=after)


def answer_invitation(
    store: ItemStore, clock: Clock, meetup_id: str, email: str, response: Response
) -> tuple[Invitation, MeetupView]:
    """Record an invitee's answer; answering the same again changes nothing."""
    meetup, counts = MeetupRepository(store).get(meetup_id)
    invitation = InvitationRepository(store).get(meetup_id, normalise_email(email))
    answered, after = _answer(
        store, clock, meetup=meetup, counts=counts, invitation=invitation, response=response
    )
    return answered, MeetupView(meetup, after)


# An answer that loses the last seat to another, or a race with a write of the invitation or
# the meetup, is decided again on fresh reads; after that it waits in line, or is refused.
ANSWER_ATTEMPTS = 3
RETRIED = ("capacity_reached", "version_conflict")


def _answer(
    store: ItemStore,
    clock: Clock,
    *,
    meetup: Meetup,
    counts: MeetupCounts,
    invitation: Invitation,
    response: Response,
    forfeit_ticket: bool = False,
) -> tuple[Invitation, MeetupCounts]:
    # The answer and the counts in one transaction, conditional on what was read: a race
    # with another write is decided again rather than miscounted, and a race for the last
    # seat puts the loser on the waiting list.
    for attempt in range(1, ANSWER_ATTEMPTS + 1):
        read_version = invitation.version
        in_line_since = invitation.waitlisted_at
        was_attending = invitation.response is Response.ATTENDING
        after = meetup.answer(
            invitation, response, clock.now(), counts, forfeit_ticket=forfeit_ticket
        )
        if invitation.version == read_version:
            return invitation, after
        left_line = in_line_since if invitation.response is not Response.WAITLISTED else None
        forfeited = _forfeited_ticket(store, invitation) if was_attending else ()
        try:
            InvitationRepository(store).save_answer(
                meetup, invitation, read_version, counts, after, left_line=left_line, also=forfeited
            )
        except Conflict as e:
            # Lost the last seat, or the invitation or meetup moved on meanwhile (a webhook,
            # an email marked sent, an edit): decide again on what is stored now.
            if e.code not in RETRIED or attempt == ANSWER_ATTEMPTS:
                raise
            meetup, counts = MeetupRepository(store).get(meetup.id)
            invitation = InvitationRepository(store).get(meetup.id, invitation.email)
            continue
        return invitation, after
    raise AssertionError("unreachable")  # pragma: no cover


def ticket_of(store: ItemStore, invitation: Invitation) -> Ticket | None:
    """The invitee's ticket: being paid, paid, or the last one that lapsed or was refunded."""
    return TicketRepository(store).find(invitation.meetup_id, invitation.ticket_id)


def has_tickets(store: ItemStore, meetup_id: str) -> bool:
    """Whether anyone ever went to checkout for the meetup."""
    return next(TicketRepository(store).of_meetup(meetup_id), None) is not None


def _forfeited_ticket(store: ItemStore, invitation: Invitation) -> tuple[Put, ...]:
    """The write that voids the paid ticket of someone who stops attending (not refunded)."""
    ticket = TicketRepository(store).find(invitation.meetup_id, invitation.ticket_id)
    if ticket is None or not ticket.is_paid:
        return ()
    read_version = ticket.version
    ticket.forfeit()
    return (TicketRepository.versioned_put(ticket, read_version),)


MAX_PROMOTIONS = 100  # per run; a run more is queued by the answers that free seats


def promote_from_waiting_list(store: ItemStore, clock: Clock, meetup_id: str) -> list[Invitation]:
    """Give every free seat to the first in line, in order; answers who got one.

    Each promotion is its own conditional transaction (the seat, the place in line, the
    invitation read), so concurrent runs and answers never seat more than the capacity.
    """
    promoted: list[Invitation] = []
    repository = InvitationRepository(store)
    for _ in range(MAX_PROMOTIONS):
        meetup, counts = MeetupRepository(store).get(meetup_id)
        if meetup.is_paid:
            break  # a seat of a paid meetup is had at checkout, by whoever in line pays first
        if not counts.waitlisted or not counts.has_seat(meetup.details.capacity):
            break
        first = repository.first_in_line(meetup_id)
        if first is None:
            break
        read_version, in_line_since = first.version, first.waitlisted_at
        try:
            after = meetup.promote(first, clock.now(), counts)
            repository.save_answer(
                meetup, first, read_version, counts, after, left_line=in_line_since
            )
        except VersionConflict:
            continue  # the meetup or that invitation changed meanwhile: look again
        except Conflict:
            break  # no seat after all, the meetup started or was cancelled
        promoted.append(first)
    return promoted


def waiting_list_of(store: ItemStore, actor_id: str, meetup_id: str) -> list[Invitation]:
    """Who waits for a seat, first in line first (for the organizer)."""
    meetup, _ = _visible(store, meetup_id, actor_id)
    if not meetup.is_organizer(actor_id):
        raise Forbidden("not_organizer")
    return InvitationRepository(store).waiting_list(meetup_id)


def counts_of(store: ItemStore, meetup_ids: Sequence[str]) -> dict[str, MeetupCounts]:
    """The answer counts of up to 100 meetups, in one request (for a page of them)."""
    return MeetupRepository(store).counts_of(meetup_ids)


def names_of(store: ItemStore, user_ids: Sequence[str]) -> dict[str, str | None]:
    """The names of up to 100 organizers, in one request (``None``: unnamed or gone)."""
    found = UserRepository(store).find_many(user_ids)
    return {user_id: found[user_id].name if user_id in found else None for user_id in user_ids}


def views_of(store: ItemStore, page: Sequence[Meetup]) -> list[MeetupView]:
    """A page of meetups (at most 100) with their counts, read in one request."""
    counts = MeetupRepository(store).counts_of([meetup.id for meetup in page])
    # One query per meetup for its media (a page holds 50 at most).
    return [
        MeetupView(meetup, counts[meetup.id], media=_media_of(store, meetup)) for meetup in page
    ]


def meetups_of_organizer(
    store: ItemStore, organizer_id: str, *, limit: int = 50, cursor: str | None = None
) -> tuple[list[Meetup], str | None]:
    """An organizer's meetups by start."""
    return MeetupRepository(store).of_organizer(organizer_id, limit=limit, cursor=cursor)
