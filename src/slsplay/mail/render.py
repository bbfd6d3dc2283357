"""How meetup facts read in an email: local times, durations, and the description's Markdown.

The organizer writes Markdown; invitees see it as sanitised HTML in the HTML part and as
written in the text part.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

import nh3
from markdown_it import MarkdownIt

# Spelled out rather than taken from strftime("%A"), which follows the process locale.
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# What a description may use once rendered: text formatting, lists, quotes, code and links.
_ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "ul",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_URL_SCHEMES = {"http", "https", "mailto"}


def local_time(instant: datetime, timezone: str) -> str:
    """An instant as people in ``timezone`` read it: "Tuesday 4 March 2031, 19:00"."""
    local = instant.astimezone(ZoneInfo(timezone))
    return (
        f"{_WEEKDAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local.year}, "
        f"{local:%H:%M}"
    )


def local_time_with_zone(instant: datetime, timezone: str) -> str:
    """The local time followed by the zone: "Tuesday 4 March 2031, 19:00 (Europe/Berlin)"."""
    return f"{local_time(instant, timezone)} ({timezone})"


def clock_time(instant: datetime, timezone: str) -> str:
    """Only the hour and minute in ``timezone``: "19:00"."""
    return f"{instant.astimezone(ZoneInfo(timezone)):%H:%M}"


def duration(minutes: int) -> str:
    """A duration as people say it: "45 minutes", "1 hour", "1 hour 30 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


@cache
def _markdown() -> MarkdownIt:
    # CommonMark without raw HTML: a "<script>" in a description stays text. The sanitiser
    # below is the second line of defence, for whatever the parser lets through.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


@lru_cache(maxsize=64)
def markdown_html(source: str) -> str:
    """Markdown rendered to HTML that only keeps harmless tags and http(s)/mailto links.

    Kept for the next email: a meetup's thousands of invitations share one description.
    """
    if not source.strip():
        return ""
    return nh3.clean(
        _markdown().render(source),
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
