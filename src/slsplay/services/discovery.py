"""Public meetups: kept in the search index from the change feed, searched by anyone, joined
by signed-in people.

The index is written here only, by the search function, for each change of a meetup or of
its answer counts; a request never writes it. What a search finds is read back from the
table, and a meetup that stopped being public since it was indexed is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from slsplay.domain.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from slsplay.domain.meetup_details import CATEGORIES, Visibility
from slsplay.domain.meetups import Meetup, MeetupStatus
from slsplay.domain.search import SORTS
from slsplay.domain.users import User
from slsplay.ids import new_id
from slsplay.ports import (
    MAX_SEARCH_PAGE,
    IndexedMeetup,
    SearchIndex,
    SearchQuery,
    SearchSort,
)
from slsplay.services.answers import mint_answer_token
from slsplay.services.bundles import StorePorts
from slsplay.services.views import MeetupView
from slsplay.store.repositories import (
    InvitationRepository,
    MediaRepository,
    MeetupRepository,
    UserRepository,
)

QUERY_TEXT_MAX = 200
TIME_FILTERS = ("starts_after", "starts_before", "created_after", "created_before", "closes_before")


def listed(meetup: Meetup) -> bool:
    """Whether a meetup belongs in the index: public and published (not cancelled)."""
    return (
        meetup.details.visibility is Visibility.PUBLIC and meetup.status is MeetupStatus.PUBLISHED
    )


class SearchPorts(StorePorts, Protocol):
    """Discovery's bundle: the table and the time, and the search index."""

    @property
    def search(self) -> SearchIndex:
        """The index of public meetups."""
        ...


def index_meetup(ports: SearchPorts, meetup_id: str) -> bool:
    """Bring the index in line with the meetup as stored now; answers whether it is listed.

    Safe to repeat, and to run for changes delivered out of order: it reads the present.
    """
    try:
        meetup, counts = MeetupRepository(ports.store).get(meetup_id)
    except NotFound:
        ports.search.remove(meetup_id)
        return False
    if not listed(meetup):
        ports.search.remove(meetup_id)
        return False
    organizer = UserRepository(ports.store).find(meetup.organizer_id)
    ports.search.upsert(
        IndexedMeetup(
            meetup_id=meetup.id,
            title=meetup.details.title,
            description=meetup.details.description,
            category=meetup.details.category,
            organizer_name=(organizer.name if organizer else None) or "",
            starts_at=meetup.starts_at,
            created_at=meetup.created_at,
            closes_at=meetup.answers_close_at,
            attending=counts.attending,
        )
    )
    return True


def search_query(values: Mapping[str, str | None], now: datetime) -> SearchQuery:
    """A search from query-string values (all text), or ``InvalidInput`` naming each bad one."""
    errors: list[FieldError] = []
    text = (values.get("q") or "").strip() or None
    if text is not None and len(text) > QUERY_TEXT_MAX:
        errors.append(FieldError("q", f"must be at most {QUERY_TEXT_MAX} characters"))
    category = values.get("category") or None
    if category is not None and category not in CATEGORIES:
        errors.append(FieldError("category", f"must be one of {', '.join(CATEGORIES)}"))
    sort = values.get("sort") or ("relevance" if text else "soonest")
    if sort not in SORTS:
        errors.append(FieldError("sort", f"must be one of {', '.join(SORTS)}"))
    times: dict[str, datetime | None] = {}
    for name in TIME_FILTERS:
        raw = values.get(name)
        times[name] = None
        if raw:
            try:
                moment = datetime.fromisoformat(raw)
            except ValueError:
                moment = None
            if moment is None or moment.utcoffset() is None:
                errors.append(FieldError(name, "must be a date and time with a UTC offset"))
            else:
                times[name] = moment
    limit_text = values.get("limit") or "20"
    limit = int(limit_text) if limit_text.isdigit() else 0
    if not 1 <= limit <= MAX_SEARCH_PAGE:
        errors.append(FieldError("limit", f"must be a whole number from 1 to {MAX_SEARCH_PAGE}"))
    if errors:
        raise InvalidInput(errors)
    chosen: SearchSort = sort  # type: ignore[assignment]  # one of SORTS, checked above
    return SearchQuery(
        now=now,
        text=text,
        category=category,
        sort=chosen,
        limit=limit,
        cursor=values.get("cursor") or None,
        **times,
    )


def search_public(ports: SearchPorts, query: SearchQuery) -> tuple[list[MeetupView], str | None]:
    """A page of public meetups for anyone, in the query's order, with their counts and
    covers (four batch reads, whatever the page's size)."""
    page = ports.search.search(query)
    found = MeetupRepository(ports.store).get_many(page.meetup_ids)
    counts = MeetupRepository(ports.store).counts_of(list(found))
    covers = MediaRepository(ports.store).covers_of(list(found))
    names = UserRepository(ports.store).find_many([m.organizer_id for m in found.values()])
    views = [
        MeetupView(
            meetup,
            counts[meetup.id],
            _name(names.get(meetup.organizer_id)),
            (covers[meetup.id],) if meetup.id in covers else (),
        )
        for meetup_id in page.meetup_ids
        if (meetup := found.get(meetup_id)) is not None and listed(meetup)
    ]
    return views, page.next_cursor


def _name(user: User | None) -> str | None:
    return None if user is None else user.name


@dataclass(frozen=True)
class Joined:
    """A signed-in person's place at a public meetup: their answer link's token."""

    token: str
    meetup: Meetup


def join_public(ports: StorePorts, user_id: str, meetup_id: str) -> Joined:
    """Let a signed-in person answer a public meetup: invited by their own address (no
    invitation email), with an answer link as invitees have; asking again changes nothing.

    Capacity, the waiting list and the price apply from there as for anyone invited.
    """
    user = UserRepository(ports.store).get(user_id)
    if user.is_guest or user.email is None:
        raise Conflict("signup_required")
    if not user.acts_as_address:  # the invitations to it are its holder's
        raise Forbidden("verification_required")
    meetup, _ = MeetupRepository(ports.store).get(meetup_id)
    if not listed(meetup):  # a private meetup stays unknown, even to its invitees here
        raise NotFound("meetup_not_found")
    invitations = InvitationRepository(ports.store)
    try:
        invitation = invitations.get(meetup_id, user.email)
    except NotFound:
        invitation = meetup.join(
            user_id, invitation_id=new_id(), email=user.email, name=user.name, now=ports.clock.now()
        )
        try:
            invitations.add_many(meetup, [invitation])
        except Conflict as e:
            if e.code != "already_invited":
                raise
            invitation = invitations.get(meetup_id, user.email)
    return Joined(mint_answer_token(ports, meetup, invitation), meetup)
