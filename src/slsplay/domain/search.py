"""How public meetups are found: the orders a search can ask for, and what "popular" means."""

from __future__ import annotations

from datetime import datetime

# Popularity halves every 30 days of a meetup's age: a meetup that drew 40 people last
# year ranks below one that drew 15 this week.
POPULARITY_HALF_LIFE_DAYS = 30.0

SORTS = ("soonest", "newest", "closing", "popular", "relevance")
"""soonest: by start; newest: latest created first; closing: answers closing soonest first;
popular: most popular first; relevance: best text match first (``soonest`` without text).
Ties go by meetup id, so that every order is total and pages never overlap."""


def popularity(attending: int, created_at: datetime, now: datetime) -> float:
    """Attendees, decayed by the meetup's age (half as much every 30 days)."""
    age_days = max(0.0, (now - created_at).total_seconds() / 86_400)
    decay: float = 0.5 ** (age_days / POPULARITY_HALF_LIFE_DAYS)
    return attending * decay
