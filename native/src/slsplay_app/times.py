"""A meetup's time as a person reads it: in their own time zone and in the meetup's."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def parse(instant: str) -> datetime:
    """An ISO 8601 instant with offset, as the API sends it."""
    return datetime.fromisoformat(instant)


def shown(instant: str, meetup_zone: str, local_zone: ZoneInfo | None = None) -> str:
    """ "Tue 8 Dec 2026, 18:00 (your time) · 19:00 Europe/Berlin" (one part when they agree)."""
    moment = parse(instant)
    mine = moment.astimezone(local_zone)
    text = f"{mine:%a} {mine.day} {mine:%b %Y, %H:%M} (your time)"
    try:
        theirs = moment.astimezone(ZoneInfo(meetup_zone))
    except (ZoneInfoNotFoundError, ValueError):
        return text
    if theirs.utcoffset() == mine.utcoffset():
        return f"{text}, {meetup_zone}"
    day = "" if theirs.date() == mine.date() else f"{theirs:%a} {theirs.day} {theirs:%b}, "
    return f"{text} · {day}{theirs:%H:%M} {meetup_zone}"
