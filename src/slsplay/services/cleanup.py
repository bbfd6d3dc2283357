"""The daily clean-up: drafts guests left behind, and deletions that were cut short.

Expired tokens are not its business: they carry a ``ttl`` attribute, and the table's
time-to-live deletes them (DynamoDB in the cloud, the local runtime's emulation locally);
every reader already treats an expired token as absent.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import timedelta

from slsplay.domain.errors import VersionConflict
from slsplay.services.bundles import StorePorts
from slsplay.store.repositories import MeetupRepository, UserRepository

GUEST_DRAFT_LIFETIME = timedelta(days=30)
# How far back each run looks past the lifetime, so that runs missed for up to a week are
# caught up; anything older was seen by an earlier run.
CATCH_UP = timedelta(days=7)


@dataclass(frozen=True)
class Cleaned:
    """What one run removed."""

    guest_drafts: int = 0
    guests: int = 0
    purges_finished: int = 0


def clean_up(ports: StorePorts) -> Cleaned:
    """Remove guests' drafts untouched for 30 days (and the guests left with none), and
    finish deletions a stopped process left half done."""
    now = ports.clock.now()
    meetups, users = MeetupRepository(ports.store), UserRepository(ports.store)
    abandoned_before = now - GUEST_DRAFT_LIFETIME
    drafts = guests = 0
    organizers: set[str] = set()
    for draft in meetups.drafts_last_changed_between(abandoned_before - CATCH_UP, abandoned_before):
        organizer = users.find(draft.organizer_id)
        if organizer is not None and not organizer.is_guest:
            continue  # an account's draft stays as long as the account
        with contextlib.suppress(VersionConflict):  # changed meanwhile: not abandoned
            meetups.delete(draft, now)
            drafts += 1
            if organizer is not None:
                organizers.add(organizer.id)
    for guest_id in sorted(organizers):
        guest = users.find(guest_id)
        if guest is not None and not meetups.of_organizer(guest_id, limit=1)[0]:
            users.remove_guest(guest)
            guests += 1
    finished = 0
    for meetup_id in list(meetups.unfinished_purges(now - CATCH_UP, now)):
        meetups.purge(meetup_id)
        finished += 1
    return Cleaned(guest_drafts=drafts, guests=guests, purges_finished=finished)
