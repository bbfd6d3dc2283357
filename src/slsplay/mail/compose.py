"""The emails the product sends, composed from domain objects: invitation, answer
confirmation, reminder, time change, cancellation, and the organizer's attendee list.

Every function is pure: the caller supplies what the domain does not know (the web app's
base URL, the invitee's answer token, the organizer's name, the calendar sequence number,
the unsubscribe links) and gets an ``Email`` back to hand to a ``Mailer``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.media import Media
from slsplay.domain.meetups import Meetup, MeetupStatus
from slsplay.domain.money import Price
from slsplay.domain.tickets import Quote, Ticket
from slsplay.mail.calendar import Method, calendar_attachment, meetup_calendar
from slsplay.mail.render import clock_time, duration, local_time_with_zone, markdown_html
from slsplay.ports import Attachment, Email

ATTENDEES_CSV = "attendees.csv"
CSV_COLUMNS = ("name", "email", "responded_at")
# Spreadsheet apps run a cell that starts with one of these as a formula; a name such as
# "=HYPERLINK(...)" typed by an invitee must stay text (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Unsubscribe:
    """The recipient's way out, made by the caller: an https link.

    The link must also accept a POST (RFC 8058 one-click), which mail apps send when the
    reader presses their own "Unsubscribe" button. (No ``mailto:``: nobody reads one.)
    """

    url: str

    def headers(self) -> dict[str, str]:
        """The ``List-Unsubscribe`` headers (RFC 2369 and RFC 8058)."""
        return {
            "List-Unsubscribe": f"<{self.url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }


@dataclass(frozen=True)
class AnswerLinks:
    """The invitee's answer page, its two one-click answers, and their way in to the meetup."""

    page: str
    attending: str
    declined: str
    # The API's redirect to the meetup's join link, which notes that the attendee joined
    # (the organizer's insights); the link itself stays in the .ics, for calendar apps.
    join: str


def answer_links(base_url: str, token: str) -> AnswerLinks:
    """Links to ``<base>/rsvp/<token>``, plain and with ``?answer=attending|declined``, and to
    ``<base>/api/rsvp/<token>/join``."""
    base = base_url.rstrip("/")
    page = f"{base}/rsvp/{quote(token, safe='')}"
    return AnswerLinks(
        page=page,
        attending=f"{page}?answer={Answer.ATTENDING.value}",
        declined=f"{page}?answer={Answer.DECLINED.value}",
        join=f"{base}/api/rsvp/{quote(token, safe='')}/join",
    )


# -- to invitees ----------------------------------------------------------------------------


def invitation_email(
    meetup: Meetup,
    invitation: Invitation,
    *,
    organizer_name: str,
    base_url: str,
    token: str,
    sequence: int,
    mail_from: str,
    unsubscribe: Unsubscribe,
) -> Email:
    """The invitation with one-click answers and an .ics, sent on publish or when added; a
    paid meetup's shows what a ticket costs, fee included, before anyone clicks "Attending"."""
    return _with_calendar(
        "invitation",
        f"{organizer_name} invited you: {meetup.details.title}",
        meetup,
        invitation,
        _Sender(organizer_name, base_url, token, sequence, mail_from, unsubscribe),
        quote=_quote_view(meetup),
    )


def answer_confirmation_email(
    meetup: Meetup,
    invitation: Invitation,
    *,
    organizer_name: str,
    base_url: str,
    token: str,
    sequence: int,
    mail_from: str,
    unsubscribe: Unsubscribe,
    ticket: Ticket | None = None,
) -> Email:
    """The confirmation of the invitee's answer; the join link only when they attend, and
    their ticket when they paid for it."""
    if invitation.response is Answer.NONE:
        raise ValueError("only an answered invitation can be confirmed")
    attending = invitation.response is Answer.ATTENDING
    waitlisted = invitation.response is Answer.WAITLISTED
    paid = ticket if attending and ticket is not None and ticket.is_paid else None
    title = meetup.details.title
    subject = (
        f"Your ticket for {title}"
        if paid
        else f"You're going to {title}"
        if attending
        else f"You're on the waiting list for {title}"
        if waitlisted
        else f"You can't make {title}"
    )
    return _with_calendar(
        "confirmation",
        subject,
        meetup,
        invitation,
        _Sender(organizer_name, base_url, token, sequence, mail_from, unsubscribe),
        attending=attending,
        waitlisted=waitlisted,
        ticket=None
        if paid is None
        else {
            "code": paid.code,
            "total": Price(paid.total_minor, paid.currency).formatted(),
        },
    )


def seat_offer_email(
    meetup: Meetup,
    invitation: Invitation,
    *,
    organizer_name: str,
    base_url: str,
    token: str,
    sequence: int,
    mail_from: str,
    unsubscribe: Unsubscribe,
    ticket: Ticket,
) -> Email:
    """A freed seat of a paid meetup, kept for someone in line until the offer ends."""
    return _to_invitee(
        "seat_offer",
        f"A seat is free for you: {meetup.details.title}",
        meetup,
        invitation,
        organizer_name=organizer_name,
        links=answer_links(base_url, token),
        unsubscribe=unsubscribe,
        total=Price(ticket.total_minor, ticket.currency).formatted(),
        until=local_time_with_zone(ticket.expires_at, meetup.details.timezone),
    )


def refund_email(
    meetup: Meetup,
    invitation: Invitation,
    *,
    organizer_name: str,
    base_url: str,
    token: str,
    sequence: int,
    mail_from: str,
    unsubscribe: Unsubscribe,
    ticket: Ticket,
) -> Email:
    """The money of a ticket given back: the meetup was cancelled, or the payment came after
    its seat had gone to someone else."""
    return _to_invitee(
        "refund",
        f"Refunded: {meetup.details.title}",
        meetup,
        invitation,
        organizer_name=organizer_name,
        links=answer_links(base_url, token),
        unsubscribe=unsubscribe,
        total=Price(ticket.total_minor, ticket.currency).formatted(),
        cancelled=meetup.status is MeetupStatus.CANCELLED,
    )


def reminder_email(
    meetup: Meetup,
    invitation: Invitation,
    *,
    lead: timedelta,
    organizer_name: str,
    base_url: str,
    token: str,
    unsubscribe: Unsubscribe,
) -> Email:
    """The reminder ``lead`` before the start (24 hours, 1 hour) to an attendee, to join."""
    if invitation.response is not Answer.ATTENDING:
        raise ValueError("reminders go to attendees only: they carry the join link")
    when = _in(lead)
    return _to_invitee(
        "reminder",
        f"Starting {when}: {meetup.details.title}",
        meetup,
        invitation,
        organizer_name=organizer_name,
        links=answer_links(base_url, token),
        unsubscribe=unsubscribe,
        lead=when,
    )


def time_change_email(
    meetup: Meetup,
    invitation: Invitation,
    *,
    previous_start: datetime,
    organizer_name: str,
    base_url: str,
    token: str,
    sequence: int,
    mail_from: str,
    unsubscribe: Unsubscribe,
) -> Email:
    """The notice of a new time, with an .ics that moves the calendar entry.

    ``sequence`` must be higher than in every .ics sent before, or calendar apps keep
    the old time.
    """
    return _with_calendar(
        "time_change",
        f"New time: {meetup.details.title}",
        meetup,
        invitation,
        _Sender(organizer_name, base_url, token, sequence, mail_from, unsubscribe),
        previous_when=local_time_with_zone(previous_start, meetup.details.timezone),
        attending=meetup.reveals_join_url(None, invitation),
    )


def cancellation_email(
    meetup: Meetup,
    invitation: Invitation,
    *,
    organizer_name: str,
    base_url: str,
    token: str,
    sequence: int,
    mail_from: str,
    unsubscribe: Unsubscribe,
) -> Email:
    """The notice that the meetup is off, with an .ics that removes it from calendars."""
    return _with_calendar(
        "cancellation",
        f"Cancelled: {meetup.details.title}",
        meetup,
        invitation,
        _Sender(organizer_name, base_url, token, sequence, mail_from, unsubscribe),
        method="CANCEL",
    )


# -- to the organizer -----------------------------------------------------------------------


def attendee_list_email(
    meetup: Meetup,
    attendees: Iterable[Invitation],
    *,
    organizer_email: str,
    organizer_name: str,
) -> Email:
    """The attendee list for the organizer, as a table and as ``attendees.csv``.

    Only invitations answered "attending" are listed, in the order given. It is part of
    organizing the meetup, not a mailing, so it has no unsubscribe link.
    """
    people = [a for a in attendees if a.response is Answer.ATTENDING]
    zone = meetup.details.timezone
    rows = [
        {
            "name": person.name or "",
            "email": person.email,
            "responded": local_time_with_zone(person.responded_at, zone)
            if person.responded_at
            else "",
        }
        for person in people
    ]
    title = meetup.details.title
    subject = f"Who's coming to {title}: {len(people)} attending"
    context = {
        "subject": subject,
        "meetup": _meetup_view(meetup, organizer_name),
        "attendees": rows,
        "reason": f"You're getting this email because you organise {title} on slsplay.",
    }
    return Email(
        to=organizer_email,
        subject=subject,
        text=_render("attendee_list.txt", context),
        html=_render("attendee_list.html", context),
        attachments=(Attachment(ATTENDEES_CSV, "text/csv", attendees_csv(people, zone)),),
    )


ACCOUNT_EMAILS = {
    # purpose: (template, subject, the web app's page for a link; None: a code to type)
    "verify_email": ("verify_email", "Confirm your email address for slsplay", "verify"),
    "password_reset": ("password_reset", "Reset your slsplay password", "reset"),
    "sign_in_code": ("sign_in_code", "Your slsplay sign-in code: {secret}", None),
    # Someone signed up with an address that has an account: a link to reset its password.
    "signup_attempt": ("signup_attempt", "Someone tried to sign up with your address", "reset"),
}


def account_email(purpose: str, to: str, secret: str, *, base_url: str) -> Email:
    """An email about the account at ``to``: a link to confirm the address or reset the
    password (``<base>/verify/{token}``, ``<base>/reset/{token}``), or a sign-in code.

    Not a mailing: no unsubscribe link (the person asked for it, or just signed up)."""
    template, subject, page = ACCOUNT_EMAILS[purpose]
    context = {
        "subject": subject.format(secret=secret),
        "link": None if page is None else f"{base_url.rstrip('/')}/{page}/{secret}",
        "code": secret if page is None else None,
        "reason": (
            f"You're getting this email because someone (we hope you) asked for it for "
            f"{to} on slsplay. If it wasn't you, you can ignore it."
        ),
    }
    return Email(
        to=to,
        subject=context["subject"],  # type: ignore[arg-type]  # a str, from the format above
        text=_render(f"{template}.txt", context),
        html=_render(f"{template}.html", context),
    )


def attendees_csv(attendees: Iterable[Invitation], timezone: str = "UTC") -> bytes:
    """name, email, responded_at (ISO 8601 in ``timezone``) as UTF-8 CSV with a BOM.

    The BOM makes Excel read the file as UTF-8 (names with accents stay intact); the csv
    module quotes commas, quotes and line breaks.
    """
    zone = ZoneInfo(timezone)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for person in attendees:
        responded = person.responded_at.astimezone(zone).isoformat() if person.responded_at else ""
        writer.writerow([_cell(person.name or ""), _cell(person.email), responded])
    return buffer.getvalue().encode("utf-8-sig")


# -- shared parts ---------------------------------------------------------------------------


def _to_invitee(
    template: str,
    subject: str,
    meetup: Meetup,
    invitation: Invitation,
    *,
    organizer_name: str,
    links: AnswerLinks,
    unsubscribe: Unsubscribe,
    calendar: Attachment | None = None,
    **extra: Any,
) -> Email:
    title = meetup.details.title
    context = {
        "subject": subject,
        "meetup": {**_meetup_view(meetup, organizer_name), "join_url": links.join},
        "links": links,
        "reason": (
            f"You're getting this email because {organizer_name} invited you "
            f"({invitation.email}) to {title} on slsplay."
        ),
        "unsubscribe_url": unsubscribe.url,
        **extra,
    }
    return Email(
        to=invitation.email,
        subject=subject,
        text=_render(f"{template}.txt", context),
        html=_render(f"{template}.html", context),
        attachments=(calendar,) if calendar is not None else (),
        headers=unsubscribe.headers(),
    )


@dataclass(frozen=True)
class _Sender:
    """What the emails that carry an .ics share: who sends, the links, the calendar's sequence."""

    organizer_name: str
    base_url: str
    token: str
    sequence: int
    mail_from: str
    unsubscribe: Unsubscribe


def _with_calendar(
    template: str,
    subject: str,
    meetup: Meetup,
    invitation: Invitation,
    sender: _Sender,
    *,
    method: Method = "REQUEST",
    **extra: Any,
) -> Email:
    """An email to an invitee with answer links and the meetup as an .ics attachment."""
    links = answer_links(sender.base_url, sender.token)
    content = meetup_calendar(
        meetup,
        invitation,
        organizer_name=sender.organizer_name,
        mail_from=sender.mail_from,
        answer_url=links.page,
        sequence=sender.sequence,
        method=method,
    )
    return _to_invitee(
        template,
        subject,
        meetup,
        invitation,
        organizer_name=sender.organizer_name,
        links=links,
        unsubscribe=sender.unsubscribe,
        calendar=calendar_attachment(content, method),
        **extra,
    )


def media_timed_out_email(
    meetup: Meetup,
    media: Media,
    *,
    organizer_email: str,
    organizer_name: str,
    base_url: str,
) -> Email:
    """The organizer's notice that a photo or video took too long to process and was failed,
    with the meetup's page to upload it again from. Part of organizing, so no unsubscribe link."""
    title = meetup.details.title
    subject = f"Your {media.kind.value} for {title} could not be processed"
    context = {
        "subject": subject,
        "meetup": _meetup_view(meetup, organizer_name),
        "kind": media.kind.value,
        "uploaded": local_time_with_zone(media.created_at, meetup.details.timezone),
        "page": f"{base_url.rstrip('/')}/meetups/{quote(meetup.id, safe='')}",
        "reason": f"You're getting this email because you organise {title} on slsplay.",
    }
    return Email(
        to=organizer_email,
        subject=subject,
        text=_render("media_timed_out.txt", context),
        html=_render("media_timed_out.html", context),
    )


def _meetup_view(meetup: Meetup, organizer_name: str) -> dict[str, Any]:
    details = meetup.details
    return {
        "title": details.title,
        "organizer": organizer_name,
        "when": local_time_with_zone(meetup.starts_at, details.timezone),
        "starts": clock_time(meetup.starts_at, details.timezone),
        "duration": duration(details.duration_minutes),
        "description": details.description,
        # Sanitised by markdown_html: the one string the templates may show unescaped.
        "description_html": Markup(markdown_html(details.description)),  # noqa: S704
        "join_url": details.join_url,
    }


def _quote_view(meetup: Meetup) -> dict[str, str | None] | None:
    """A ticket's price, fee and total as the answer page shows them (None when free)."""
    price = meetup.details.price
    if price is None:
        return None
    quote = Quote.of(price)
    fee = quote.fee
    return {
        "price": price.formatted(),
        "fee": None if fee is None else fee.formatted(),
        "total": quote.total.formatted(),
    }


def _in(lead: timedelta) -> str:
    minutes = round(lead.total_seconds() / 60)
    if minutes >= 60 and minutes % 60 == 0:
        hours = minutes // 60
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    return f"in {minutes} minute{'s' if minutes != 1 else ''}"


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


@cache
def _templates() -> Environment:
    # Built on first use: a function that never sends mail never parses the templates.
    return Environment(
        loader=PackageLoader("slsplay.mail", "templates"),
        autoescape=select_autoescape(
            enabled_extensions=("html",), disabled_extensions=("txt",), default=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _render(name: str, context: dict[str, Any]) -> str:
    # Text templates are not escaped (autoescape is chosen by file extension): a title
    # "<b>" reads as "<b>" in the text part, as the organizer typed it.
    return _templates().get_template(name).render(context)
