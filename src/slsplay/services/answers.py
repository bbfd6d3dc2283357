"""Answers: an invitee opens their answer link, answers (for one occurrence or a whole
series), waits in line for a seat or gets one, forfeits a paid ticket by leaving, and
unsubscribes. The organizer mints personal links and reads the waiting list."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from slsplay.domain.errors import (
    Conflict,
    FieldError,
    Forbidden,
    InvalidInput,
    NotFound,
    VersionConflict,
)
from slsplay.domain.invitations import Answer, Invitation, normalise_email
from slsplay.domain.meetups import Meetup, MeetupCounts
from slsplay.domain.series import SERIES, THIS
from slsplay.domain.tickets import Ticket
from slsplay.ports import Put
from slsplay.services.bundles import StorePorts
from slsplay.services.views import (
    MeetupView,
    media_of,
    occurrences_of,
    organizer_name,
    visible_meetup,
)
from slsplay.store.repositories import InvitationRepository, MeetupRepository
from slsplay.store.series import SeriesRepository
from slsplay.store.sessions import AnswerLink, AnswerLinkRepository
from slsplay.store.tickets import TicketRepository


def answer_link(
    ports: StorePorts, actor_id: str, meetup_id: str, email: object
) -> tuple[str, Invitation]:
    """A fresh personal answer link's token for one invitee, for the organizer to share."""
    meetup, _ = visible_meetup(ports, meetup_id, actor_id)
    if not meetup.is_organizer(actor_id):
        raise Forbidden("not_organizer")
    invitation = InvitationRepository(ports.store).get(meetup_id, normalise_email(email))
    return mint_answer_token(ports, meetup, invitation), invitation


def mint_answer_token(ports: StorePorts, meetup: Meetup, invitation: Invitation) -> str:
    """A new random token (256 bits) that lets one invitee see and answer one meetup.

    Only its hash is stored. It works until the meetup ends; the stored record is kept a
    week longer so that a late click says "ended" rather than "unknown link".
    """
    token = secrets.token_urlsafe(32)
    AnswerLinkRepository(ports.store).add(
        token, AnswerLink(meetup.id, invitation.email), meetup.ends_at + timedelta(days=7)
    )
    return token


def mint_answer_tokens(ports: StorePorts, meetup: Meetup, emails: Sequence[str]) -> dict[str, str]:
    """``mint_answer_token`` for several invitees of one meetup at once, by address, in as
    few writes as the store allows (a group of invitations is emailed in one run)."""
    tokens = {email: secrets.token_urlsafe(32) for email in emails}
    AnswerLinkRepository(ports.store).add_many(
        [(token, AnswerLink(meetup.id, email)) for email, token in tokens.items()],
        meetup.ends_at + timedelta(days=7),
    )
    return tokens


def open_answer_link(ports: StorePorts, token: str) -> tuple[Invitation, MeetupView]:
    """The invitation and meetup an answer link leads to, while the meetup has not ended."""
    link = AnswerLinkRepository(ports.store).find(token)
    if link is None:
        raise NotFound("invitation_not_found")
    meetup, counts = MeetupRepository(ports.store).get(link.meetup_id)
    if ports.clock.now() >= meetup.ends_at:
        raise NotFound("invitation_not_found", "This answer link expired when the meetup ended.")
    invitation = InvitationRepository(ports.store).get(link.meetup_id, link.email)
    view = MeetupView(meetup, counts, organizer_name(ports, meetup), media_of(ports, meetup))
    return invitation, view


def unsubscribe_link(ports: StorePorts, token: str) -> tuple[Invitation, Meetup]:
    """The invitation and meetup an email's unsubscribe link is about (even after the end)."""
    link = AnswerLinkRepository(ports.store).find(token)
    if link is None:
        raise NotFound("invitation_not_found")
    meetup, _ = MeetupRepository(ports.store).get(link.meetup_id)
    return InvitationRepository(ports.store).get(link.meetup_id, link.email), meetup


def unsubscribe_by_link(ports: StorePorts, token: str) -> tuple[Invitation, Meetup]:
    """Stop every further email about the meetup to the invitee the link belongs to.

    Doing it again changes nothing; an answer recorded meanwhile is kept (read again).
    """
    repository = InvitationRepository(ports.store)
    for _ in range(3):
        invitation, meetup = unsubscribe_link(ports, token)
        read_version = invitation.version
        invitation.unsubscribe(ports.clock.now())
        if invitation.version == read_version:
            return invitation, meetup
        try:
            repository.save(invitation, read_version)
        except VersionConflict:
            continue
        return invitation, meetup
    raise VersionConflict


def answer_by_link(
    ports: StorePorts,
    token: str,
    response: Answer,
    *,
    forfeit_ticket: bool = False,
    scope: str = THIS,
) -> tuple[Invitation, MeetupView]:
    """Record the answer of the invitee an answer link belongs to; with scope ``series``,
    for this occurrence and every later one of its series (those to come included)."""
    if scope not in (THIS, SERIES):
        raise InvalidInput([FieldError("scope", f"must be {THIS} or {SERIES}")])
    invitation, view = open_answer_link(ports, token)
    if scope == SERIES and view.meetup.series_id is None:
        raise InvalidInput([FieldError("scope", "this meetup does not repeat")])
    answered, after = _answer(
        ports,
        meetup=view.meetup,
        counts=view.counts,
        invitation=invitation,
        response=response,
        forfeit_ticket=forfeit_ticket,
    )
    if scope == SERIES:
        answer_following(ports, view.meetup, answered.email, response)
    return answered, replace(view, counts=after)


def answer_invitation(
    ports: StorePorts, meetup_id: str, email: str, response: Answer
) -> tuple[Invitation, MeetupView]:
    """Record an invitee's answer; answering the same again changes nothing."""
    meetup, counts = MeetupRepository(ports.store).get(meetup_id)
    invitation = InvitationRepository(ports.store).get(meetup_id, normalise_email(email))
    answered, after = _answer(
        ports, meetup=meetup, counts=counts, invitation=invitation, response=response
    )
    return answered, MeetupView(meetup, after)


# An answer that loses the last seat to another, or a race with a write of the invitation or
# the meetup, is decided again on fresh reads; after that it waits in line, or is refused.
ANSWER_ATTEMPTS = 3
RETRIED = ("capacity_reached", "version_conflict")


def _answer(
    ports: StorePorts,
    *,
    meetup: Meetup,
    counts: MeetupCounts,
    invitation: Invitation,
    response: Answer,
    forfeit_ticket: bool = False,
) -> tuple[Invitation, MeetupCounts]:
    # The answer and the counts in one transaction, conditional on what was read: a race
    # with another write is decided again rather than miscounted, and a race for the last
    # seat puts the loser on the waiting list.
    for attempt in range(1, ANSWER_ATTEMPTS + 1):
        read_version = invitation.version
        in_line_since = invitation.waitlisted_at
        was_attending = invitation.response is Answer.ATTENDING
        after = meetup.answer(
            invitation, response, ports.clock.now(), counts, forfeit_ticket=forfeit_ticket
        )
        if invitation.version == read_version:
            return invitation, after
        left_line = in_line_since if invitation.response is not Answer.WAITLISTED else None
        forfeited = _forfeited_ticket(ports, invitation) if was_attending else ()
        try:
            InvitationRepository(ports.store).save_answer(
                meetup, invitation, read_version, counts, after, left_line=left_line, also=forfeited
            )
        except Conflict as e:
            # Lost the last seat, or the invitation or meetup moved on meanwhile (a webhook,
            # an email marked sent, an edit): decide again on what is stored now.
            if e.code not in RETRIED or attempt == ANSWER_ATTEMPTS:
                raise
            meetup, counts = MeetupRepository(ports.store).get(meetup.id)
            invitation = InvitationRepository(ports.store).get(meetup.id, invitation.email)
            continue
        return invitation, after
    raise AssertionError("unreachable")  # pragma: no cover


def ticket_of(ports: StorePorts, invitation: Invitation) -> Ticket | None:
    """The invitee's ticket: being paid, paid, or the last one that lapsed or was refunded."""
    return TicketRepository(ports.store).find(invitation.meetup_id, invitation.ticket_id)


def _forfeited_ticket(ports: StorePorts, invitation: Invitation) -> tuple[Put, ...]:
    """The write that voids the paid ticket of someone who stops attending (not refunded)."""
    ticket = TicketRepository(ports.store).find(invitation.meetup_id, invitation.ticket_id)
    if ticket is None or not ticket.is_paid:
        return ()
    read_version = ticket.version
    ticket.forfeit()
    return (TicketRepository.versioned_put(ticket, read_version),)


MAX_PROMOTIONS = 100  # per run; a run more is queued by the answers that free seats


def promote_from_waiting_list(ports: StorePorts, meetup_id: str) -> list[Invitation]:
    """Give every free seat to the first in line, in order; answers who got one.

    Each promotion is its own conditional transaction (the seat, the place in line, the
    invitation read), so concurrent runs and answers never seat more than the capacity.
    """
    promoted: list[Invitation] = []
    repository = InvitationRepository(ports.store)
    for _ in range(MAX_PROMOTIONS):
        meetup, counts = MeetupRepository(ports.store).get(meetup_id)
        if meetup.is_paid:
            break  # a seat of a paid meetup is had at checkout, by whoever in line pays first
        if not counts.waitlisted or not counts.has_seat(meetup.details.capacity):
            break
        first = repository.first_in_line(meetup_id)
        if first is None:
            break
        read_version, in_line_since = first.version, first.waitlisted_at
        try:
            after = meetup.promote(first, ports.clock.now(), counts)
            repository.save_answer(
                meetup, first, read_version, counts, after, left_line=in_line_since
            )
        except VersionConflict:
            continue  # the meetup or that invitation changed meanwhile: look again
        except Conflict:
            break  # no seat after all, the meetup started or was cancelled
        promoted.append(first)
    return promoted


def waiting_list_of(ports: StorePorts, actor_id: str, meetup_id: str) -> list[Invitation]:
    """Who waits for a seat, first in line first (for the organizer)."""
    meetup, _ = visible_meetup(ports, meetup_id, actor_id)
    if not meetup.is_organizer(actor_id):
        raise Forbidden("not_organizer")
    return InvitationRepository(ports.store).waiting_list(meetup_id)


def answer_following(ports: StorePorts, meetup: Meetup, email: str, response: Answer) -> int:
    """An answer "for the whole series": recorded for the occurrences to come, and given
    to each later one created so far. Answers how many later occurrences took it."""
    if meetup.series_id is None or meetup.occurrence is None:
        raise InvalidInput([FieldError("scope", "this meetup does not repeat")])
    SeriesRepository(ports.store).record_answer(
        meetup.series_id, email, response, ports.clock.now()
    )
    series = SeriesRepository(ports.store).get(meetup.series_id)
    taken = 0
    for occurrence in occurrences_of(ports, series):
        if occurrence.number > meetup.occurrence:
            taken += answer_quietly(ports, occurrence.meetup.id, email, response)
    return taken


def answer_quietly(ports: StorePorts, meetup_id: str, email: str, response: Answer) -> int:
    """Give one occurrence the series' answer where its own rules allow (answers closed,
    a paid occurrence to check out, not invited: left as it is)."""
    try:
        answer_invitation(ports, meetup_id, email, response)
    except (Conflict, NotFound, InvalidInput):
        return 0
    return 1
