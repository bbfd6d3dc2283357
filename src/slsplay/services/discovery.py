"""Public meetups: kept in the search index from the change feed, searched by anyone, joined
by signed-in people.

The index is written here only: by the search function, for each change of a meetup or of
its answer counts, and by a reindex (``slsplay search reindex``), which rebuilds it from the
table after a change of its design or damage to it; a request never writes it. What a search
finds is read back from the table, and a meetup that stopped being public since it was
indexed is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from slsplay.domain.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from slsplay.domain.meetup_details import CATEGORIES, Visibility
from slsplay.domain.meetups import Meetup, MeetupCounts, MeetupStatus
from slsplay.domain.search import SORTS
from slsplay.domain.users import User
from slsplay.ids import new_id
from slsplay.ports import (
    MAX_BATCH_GET,
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
from slsplay.store.schema import instant

QUERY_TEXT_MAX = 200
# A reindex reads the published meetups by start, a page of one day's at a time, from now
# (a search never finds a meetup whose answers closed, and they close by its start) to this
# far ahead: one Query a day, whether the day has meetups or not.
REINDEX_HORIZON = timedelta(days=3 * 366)
REINDEX_PAGE = 100
# Where a reindex stands: a UTC instant, or the index key of the last meetup it did
# (``{start}#{id}``), or ``~`` after the instant of a day's end: that day is done.
REINDEX_POSITION = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z(#[0-9A-Za-z]*|~)?")
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
    ports.search.upsert(_indexed(meetup, counts, organizer))
    return True


def _indexed(meetup: Meetup, counts: MeetupCounts, organizer: User | None) -> IndexedMeetup:
    return IndexedMeetup(
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


@dataclass(frozen=True)
class ReindexPage:
    """One Query of a reindex: the day it read, the published meetups it found there and how
    many of them are public (indexed; the others removed), and the position after it."""

    day: date
    read: int
    listed: int
    position: str


def reindex_position(now: datetime) -> str:
    """Where a reindex from ``now`` starts (the meetups that start from then on)."""
    return instant(now)


def valid_reindex_position(text: str) -> bool:
    """Whether ``text`` is a position a reindex can start from (one it printed)."""
    return REINDEX_POSITION.fullmatch(text) is not None


def reindex_public(
    ports: SearchPorts, position: str, until: date, *, page: int = REINDEX_PAGE
) -> Iterator[ReindexPage]:
    """Rebuild the index of the public meetups starting from ``position`` (see
    ``reindex_position``) to the end of the day ``until``, a page at a time; each page says
    where to resume after it.

    Each published meetup is read again from the table (the present, not the start index's
    copy of it) and written whole into the index, or removed from it when it is not public:
    what the index kept of it, damaged or of an older design, is replaced. Safe to repeat,
    to stop anywhere and to run while the change feed indexes changes: both write what the
    table holds.
    """
    if not 1 <= page <= MAX_BATCH_GET:
        raise ValueError(f"a reindex page is from 1 to {MAX_BATCH_GET} meetups")
    if not valid_reindex_position(position):
        raise ValueError(f"{position!r} is not a reindex position")
    meetups = MeetupRepository(ports.store)
    day = date.fromisoformat(position[:10])
    while day <= until:
        found = meetups.published_after(position, limit=page)
        indexed = _reindex(ports, [meetup_id for _, meetup_id in found])
        day_done = len(found) < page  # a short page ends the day: the next is the next day's
        position = f"{day.isoformat()}T23:59:59Z~" if day_done else found[-1][0]
        yield ReindexPage(day, len(found), indexed, position)
        if day_done:
            day += timedelta(days=1)
            position = instant(datetime.combine(day, datetime.min.time(), UTC))


def _reindex(ports: SearchPorts, meetup_ids: list[str]) -> int:
    """Index the public ones of these meetups anew, remove the others; answers how many are
    indexed (three batch reads, whatever their number)."""
    if not meetup_ids:
        return 0
    found = MeetupRepository(ports.store).get_many(meetup_ids)
    counts = MeetupRepository(ports.store).counts_of(list(found))
    names = UserRepository(ports.store).find_many([m.organizer_id for m in found.values()])
    indexed = 0
    for meetup_id in meetup_ids:
        meetup = found.get(meetup_id)
        if meetup is None or not listed(meetup):
            ports.search.remove(meetup_id)
            continue
        organizer = names.get(meetup.organizer_id)
        ports.search.upsert(_indexed(meetup, counts[meetup_id], organizer), rewrite=True)
        indexed += 1
    return indexed


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
