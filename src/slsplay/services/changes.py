"""What the table's committed changes mean: the domain events the stream function hands on
to the consumers (mail, search, media, analytics), and the product's metrics they count.

It only forwards to ``store/changes.py``, and is here for the layering: handlers reach the
storage format through a service, never directly.
"""

from __future__ import annotations

from slsplay.domain.events import ActivityNoted, DomainEvent
from slsplay.ports import Change, Measure
from slsplay.store import activity, changes


def events_of(change: Change) -> list[DomainEvent]:
    """The domain events one committed change stands for (most changes stand for none)."""
    # How a change reads depends on the stored format of its item, which only store/ knows.
    return changes.events_of(change)


def measures_of(change: Change) -> list[Measure]:
    """The product's metrics one committed change counts (most changes count none)."""
    return changes.measures_of(change)


def activities_of(change: Change) -> list[ActivityNoted]:
    """What one change tells the organizers' insights (most changes tell nothing)."""
    return activity.facts_of(change)
