"""Organizer insights: the funnel of a meetup's invitees, its answers over time, what
followed each reminder and what it earned, counted from the change feed.

The analytics consumer counts the facts the feed noted (``count_activities``) and appends
the records of a batch to the history SQL reads (``keep_history``); the organizer reads the
counts (``insights_of``: one Query, whatever the number of invitees). Two visits are written
here so that the feed sees them: an answer link's first visit and a join link's first use
(by the answer link's redirect, or by a signed-in attendee).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Protocol

from slsplay.domain.analytics import AnalyticsRecord, InsightCounts, record_of
from slsplay.domain.errors import NotFound
from slsplay.domain.events import ActivityNoted
from slsplay.domain.invitations import Invitation
from slsplay.domain.meetups import Meetup
from slsplay.ports import AnalyticsHistory
from slsplay.services.answers import open_answer_link
from slsplay.services.bundles import StorePorts
from slsplay.services.views import MeetupView, visible_meetup
from slsplay.store import activity
from slsplay.store.insight_counters import InsightCounters
from slsplay.store.repositories import InvitationRepository, MeetupRepository, UserRepository


class InsightPorts(StorePorts, Protocol):
    """The analytics consumer's bundle: the table and the time, the history, and the key of
    the invitees' pseudonyms."""

    @property
    def analytics_history(self) -> AnalyticsHistory:
        """Where the records go for SQL."""
        ...

    @property
    def invitee_secret(self) -> bytes:
        """The stage's key of the invitees' pseudonyms."""
        ...


def count_activities(ports: InsightPorts, facts: Sequence[ActivityNoted]) -> list[AnalyticsRecord]:
    """Count ``facts`` in their meetups' insights (each once, however often it comes) and
    answer their history records."""
    InsightCounters(ports.store).count_many(facts, ports.clock.now())
    organizers: dict[str, str] = {}
    for meetup_id in {fact.meetup_id for fact in facts}:
        try:
            meetup, _ = MeetupRepository(ports.store).get(meetup_id)
        except NotFound:  # deleted since: its history stays, without an organizer
            organizers[meetup_id] = ""
        else:
            organizers[meetup_id] = meetup.organizer_id
    secret = ports.invitee_secret
    return [record_of(fact, organizers[fact.meetup_id], secret) for fact in facts]


def keep_history(ports: InsightPorts, records: Sequence[AnalyticsRecord]) -> None:
    """Append a batch's records to the history (again, if the batch is retried)."""
    if records:
        ports.analytics_history.put(records)


def expire_history(ports: InsightPorts, retention_days: int) -> int:
    """Remove the history's days older than the retention; answers how many went."""
    before = (ports.clock.now() - timedelta(days=retention_days)).date()
    return ports.analytics_history.expire(before)


def insights_of(ports: StorePorts, actor_id: str | None, meetup_id: str) -> InsightCounts:
    """A meetup's insights, for its organizer only (anyone else: no such meetup)."""
    meetup, _ = visible_meetup(ports, meetup_id, actor_id)
    if not meetup.is_organizer(actor_id):
        raise NotFound("meetup_not_found")
    return InsightCounters(ports.store).of_meetup(meetup_id)


def visit_answer_link(ports: StorePorts, token: str) -> tuple[Invitation, MeetupView]:
    """What an answer link leads to (``open_answer_link``); its first visit is noted, as the
    invitation opened (later visits write nothing new)."""
    invitation, view = open_answer_link(ports, token)
    key = activity.opened_key(view.meetup.id, invitation.email)
    activity.mark_once(ports.store, key, activity.OPENED_TYPE, ports.clock.now())
    return invitation, view


def open_join_link(ports: StorePorts, token: str) -> str:
    """The online join link of an attendee's answer link; its first use is noted, as the
    attendee joined. Anyone not attending: no such link."""
    invitation, view = open_answer_link(ports, token)
    return _joined(ports, view.meetup, invitation)


def open_join_link_of(ports: StorePorts, user_id: str, meetup_id: str) -> str:
    """The online join link for a signed-in attendee of the meetup (as ``open_join_link``)."""
    user = UserRepository(ports.store).get(user_id)
    if not user.acts_as_address or user.email is None:
        raise NotFound("invitation_not_found")
    invitation = InvitationRepository(ports.store).get(meetup_id, user.email)
    meetup, _ = MeetupRepository(ports.store).get(meetup_id)
    if ports.clock.now() >= meetup.ends_at:
        raise NotFound("invitation_not_found", "The meetup has ended.")
    return _joined(ports, meetup, invitation)


def _joined(ports: StorePorts, meetup: Meetup, invitation: Invitation) -> str:
    if not meetup.reveals_join_url(None, invitation):
        raise NotFound("invitation_not_found", "The join link is for those who attend.")
    key = activity.join_opened_key(meetup.id, invitation.email)
    activity.mark_once(ports.store, key, activity.JOIN_OPENED_TYPE, ports.clock.now())
    return meetup.details.join_url
