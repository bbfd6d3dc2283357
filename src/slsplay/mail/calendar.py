"""The .ics file sent with meetup emails (RFC 5545), so the meetup lands in a calendar app.

One ``UID`` per meetup means every later file (a new time, the invitee's answer, the
cancellation) updates the same calendar entry; ``SEQUENCE`` tells the app which is newest.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from email.utils import parseaddr
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress, vRecur

from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.meetups import Meetup, MeetupStatus
from slsplay.domain.series import Series
from slsplay.domain.text import cleaned_text
from slsplay.ports import Attachment

PRODID = "-//slsplay//meetups//EN"
FILENAME = "invite.ics"

Method = Literal["REQUEST", "CANCEL"]

_PARTSTAT = {
    Answer.NONE: "NEEDS-ACTION",
    Answer.ATTENDING: "ACCEPTED",
    Answer.DECLINED: "DECLINED",
    Answer.WAITLISTED: "TENTATIVE",  # would come, and may yet
}


def meetup_uid(meetup: Meetup) -> str:
    """The calendar identity of a meetup, the same in every file sent about it."""
    return f"{meetup.id}@slsplay"


def meetup_calendar(
    meetup: Meetup,
    invitation: Invitation,
    *,
    organizer_name: str,
    mail_from: str,
    answer_url: str,
    sequence: int,
    method: Method = "REQUEST",
) -> bytes:
    """The iCalendar file for one invitee: the meetup as one event, their answer as PARTSTAT.

    ``mail_from`` is the no-reply sender (``"slsplay <no-reply@...>"`` or a bare address);
    replies from calendar apps go there, since answers are given on ``answer_url``.
    The join link is in the file only for an invitee who attends, as on the answer page.
    """
    event = _meetup_event(
        meetup,
        sequence=sequence,
        stamp=_stamp(meetup, invitation),
        description=_description(meetup, invitation, answer_url),
        url=answer_url,
        cancelled=method == "CANCEL",
        join_url=meetup.details.join_url if meetup.reveals_join_url(None, invitation) else None,
        organizer_name=organizer_name,
        mail_from=mail_from,
    )
    attendee = vCalAddress(f"mailto:{invitation.email}")
    if invitation.name:
        attendee.params["CN"] = cleaned_text(invitation.name)
    attendee.params["ROLE"] = "REQ-PARTICIPANT"
    attendee.params["PARTSTAT"] = _PARTSTAT[invitation.response]
    attendee.params["RSVP"] = "TRUE"
    event.add("attendee", attendee)

    return _file(method, meetup.details.timezone, meetup.starts_at.year, event)


def page_calendar(
    meetup: Meetup, *, viewer_id: str, organizer_name: str, mail_from: str, page_url: str
) -> bytes:
    """The iCalendar file of a meetup's page, for whoever may open it (its organizer, or
    anyone signed in for a public meetup): the same entry (UID) as the emails' files,
    published rather than asked of an attendee, and the join link only for the organizer."""
    details = meetup.details
    parts = [details.description.strip()] if details.description.strip() else []
    join_url = details.join_url if meetup.reveals_join_url(viewer_id, None) else None
    if join_url:
        parts.append(f"Join: {join_url}")
    parts.append(f"The meetup: {page_url}")
    event = _meetup_event(
        meetup,
        sequence=meetup.version,
        stamp=max(m for m in (meetup.updated_at, meetup.cancelled_at) if m is not None),
        description="\n\n".join(parts),
        url=page_url,
        cancelled=meetup.status is MeetupStatus.CANCELLED,
        join_url=join_url,
        organizer_name=organizer_name,
        mail_from=mail_from,
    )
    return _file("PUBLISH", details.timezone, meetup.starts_at.year, event)


def _meetup_event(
    meetup: Meetup,
    *,
    sequence: int,
    stamp: datetime,
    description: str,
    url: str,
    cancelled: bool,
    join_url: str | None,
    organizer_name: str,
    mail_from: str,
) -> Event:
    """The meetup as a calendar event, as every file about it carries it."""
    zone = ZoneInfo(meetup.details.timezone)
    event = Event()
    event.add("uid", meetup_uid(meetup))
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", meetup.starts_at.astimezone(zone))
    event.add("dtend", meetup.ends_at.astimezone(zone))
    event.add("summary", cleaned_text(meetup.details.title))
    event.add("description", description)
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if join_url is not None:
        event.add("location", join_url)
    organizer = vCalAddress(f"mailto:{parseaddr(mail_from)[1] or mail_from}")
    organizer.params["CN"] = cleaned_text(organizer_name)
    event.add("organizer", organizer)
    return event


def series_calendar(series: Series) -> bytes:
    """A series as one repeating event: its first start with the RRULE, and an EXDATE for
    each cancelled occurrence (a calendar app then shows every occurrence but those)."""
    zone = ZoneInfo(series.timezone)
    details = series.details
    event = Event()
    event.add("uid", f"{series.id}@slsplay")
    event.add("dtstamp", series.updated_at)
    event.add("sequence", series.version)
    event.add("dtstart", series.first_start.astimezone(zone))
    event.add(
        "dtend", (series.first_start + timedelta(minutes=details.duration_minutes)).astimezone(zone)
    )
    event.add("summary", cleaned_text(details.title))
    if details.description.strip():
        event.add("description", details.description.strip())
    event.add("rrule", vRecur.from_ical(series.rule.rrule_text()))
    skipped = series.exception_starts()
    if skipped:
        event.add("exdate", [start.astimezone(zone) for start in skipped])
    return _file("PUBLISH", series.timezone, series.first_start.year, event)


def calendar_attachment(content: bytes, method: Method = "REQUEST") -> Attachment:
    """The .ics as an attachment; its ``method`` parameter lets mail apps show Accept buttons."""
    return Attachment(FILENAME, f"text/calendar; method={method}; charset=utf-8", content)


def _stamp(meetup: Meetup, invitation: Invitation) -> datetime:
    # DTSTAMP says when this version of the object was made. The latest change it reflects
    # is the answer or the meetup's last edit; deriving it keeps composing pure and
    # repeatable (the same inputs give the same bytes).
    moments = [meetup.updated_at, invitation.invited_at]
    if invitation.responded_at is not None:
        moments.append(invitation.responded_at)
    if meetup.cancelled_at is not None:
        moments.append(meetup.cancelled_at)
    return max(moments)


def _description(meetup: Meetup, invitation: Invitation, answer_url: str) -> str:
    parts = [meetup.details.description.strip()] if meetup.details.description.strip() else []
    if meetup.reveals_join_url(None, invitation):
        parts.append(f"Join: {meetup.details.join_url}")
    parts.append(f"Your answer: {answer_url}")
    return "\n\n".join(parts)


def _file(method: str, tzid: str, year: int, event: Event) -> bytes:
    """The calendar file: its properties, the event's time zone, then the event.

    What is the same in every file (the calendar's lines, the zone's) is written once and
    kept: a published meetup's invitations differ only in their event.
    """
    opening, closing = _calendar_lines(method)
    content: bytes = opening + _timezone(tzid, year) + event.to_ical() + closing
    return content


@lru_cache(maxsize=8)
def _calendar_lines(method: str) -> tuple[bytes, bytes]:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    closing = b"END:VCALENDAR\r\n"
    lines: bytes = calendar.to_ical()
    return lines.removesuffix(closing), closing


@lru_cache(maxsize=64)
def _timezone(tzid: str, year: int) -> bytes:
    # The zone's transitions from the year before the start to the year after: enough for
    # any calendar app to place the event, and a few lines rather than a century of rules.
    # Building it walks the zone's offsets, so it is cached (icalendar's advice).
    zone = Timezone.from_tzid(tzid, first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    lines: bytes = zone.to_ical()
    return lines
