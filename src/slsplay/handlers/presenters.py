"""Domain objects as the API's JSON (DESIGN.md section 5). Times carry the meetup's own offset."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slsplay.domain.invitations import Invitation
from slsplay.domain.money import display
from slsplay.domain.series import Series
from slsplay.domain.tickets import Balance, LedgerEntry, Quote, Ticket
from slsplay.domain.users import User
from slsplay.services.auth import Session
from slsplay.services.media import Shown
from slsplay.services.views import MeetupView, Occurrence


def _local(moment: datetime | None, zone: str) -> str | None:
    return None if moment is None else moment.astimezone(ZoneInfo(zone)).isoformat()


def meetup_json(
    view: MeetupView,
    now: datetime,
    *,
    viewer_id: str | None,
    invitation: Invitation | None = None,
    organizer_name: str | None = None,
    media: Sequence[Shown] = (),
) -> dict[str, Any]:
    """A meetup as its viewer may see it: the join link only for organizer and attendees,
    and ``media`` as ``services.media.links_for`` signed them for this viewer."""
    meetup, d, zone = view.meetup, view.meetup.details, view.meetup.details.timezone
    price = d.price
    return {
        "id": meetup.id,
        "title": d.title,
        "description": d.description,
        "category": d.category,
        "starts_at": _local(meetup.starts_at, zone),
        "ends_at": _local(meetup.ends_at, zone),
        "timezone": zone,
        "duration_minutes": d.duration_minutes,
        "visibility": d.visibility.value,
        "rsvp_closes_at": _local(d.rsvp_closes_at, zone),
        "answers_close_at": _local(meetup.answers_close_at, zone),
        "status": meetup.status.value,
        "phase": meetup.phase(now).value,
        "version": meetup.version,
        "organizer": {
            "id": meetup.organizer_id,
            "name": organizer_name or view.organizer_name or "Organizer",
        },
        "capacity": d.capacity,
        "price": None if price is None else money_json(price.amount_minor, price.currency),
        "join_url": d.join_url if meetup.reveals_join_url(viewer_id, invitation) else None,
        "media": [media_json(shown) for shown in media],
        "counts": {
            "invited": view.counts.invited,
            "attending": view.counts.attending,
            "declined": view.counts.declined,
            "waitlisted": view.counts.waitlisted,
        },
        "series": _series_ref(view),
        "created_at": _local(meetup.created_at, zone),
        "updated_at": _local(meetup.updated_at, zone),
    }


def _series_ref(view: MeetupView) -> dict[str, Any] | None:
    meetup, series = view.meetup, view.series
    if meetup.series_id is None:
        return None
    return {
        "id": meetup.series_id,
        "occurrence": meetup.occurrence,
        "summary": None if series is None else series.rule.describe(),
        "rrule": None if series is None else series.rule.rrule_text(),
    }


def media_json(shown: Shown) -> dict[str, Any]:
    """A photo or video with the signed URLs of its renditions."""
    media = shown.media
    return {
        "id": media.id,
        "kind": media.kind.value,
        "status": media.status.value,
        "reason": media.reason,
        "content_type": media.content_type,
        "size": media.size,
        "duration_seconds": media.duration_seconds,
        "renditions": [
            {
                "name": r.name,
                "content_type": r.content_type,
                "width": r.width,
                "height": r.height,
                "url": shown.urls[r.name],
            }
            for r in media.renditions
        ],
        "stream_url": shown.stream_url,
        "poster_url": shown.poster_url,
        "created_at": media.created_at.isoformat(),
        "updated_at": media.updated_at.isoformat(),
    }


def invitation_json(invitation: Invitation) -> dict[str, Any]:
    """An invitation as the organizer sees it."""
    return {
        "id": invitation.id,
        "email": invitation.email,
        "name": invitation.name,
        "sent": invitation.sent,
        "response": invitation.response.value,
        "responded_at": None
        if invitation.responded_at is None
        else invitation.responded_at.isoformat(),
    }


def user_json(user: User) -> dict[str, Any]:
    """Who someone is, as they see themselves."""
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "is_guest": user.is_guest,
        "email_verified": user.email_verified,
    }


def session_json(session: Session) -> dict[str, Any]:
    """What sign-up, login, guest and refresh answer."""
    return {
        "user": user_json(session.user),
        "access_token": session.access_token,
        "refresh_token": session.refresh_token,
        "token_type": "Bearer",
        "expires_in": session.expires_in,
    }


def money_json(amount_minor: int, currency: str) -> dict[str, Any]:
    """An amount as the API shows money: minor units, the currency, and how people read it."""
    return {
        "amount_minor": amount_minor,
        "currency": currency,
        "display": display(amount_minor, currency),
    }


def quote_json(quote: Quote | None) -> dict[str, Any] | None:
    """What a ticket costs its buyer, fee included, shown before paying."""
    if quote is None:
        return None
    currency = quote.price.currency
    return {
        "price": money_json(quote.price.amount_minor, currency),
        "fee": money_json(quote.fee_minor, currency) if quote.fee_minor else None,
        "total": money_json(quote.total_minor, currency),
    }


def ticket_json(ticket: Ticket | None) -> dict[str, Any] | None:
    """A ticket as its holder sees it: the code once paid, the checkout while held."""
    if ticket is None:
        return None
    return {
        "id": ticket.id,
        "status": ticket.status.value,
        "code": ticket.shown_code,
        "total": money_json(ticket.total_minor, ticket.currency),
        "checkout_url": ticket.checkout_url if ticket.holds_seat else None,
        "expires_at": ticket.expires_at.isoformat() if ticket.holds_seat else None,
        "paid_at": None if ticket.paid_at is None else ticket.paid_at.isoformat(),
    }


def balance_json(balance: Balance) -> dict[str, Any]:
    """One currency's balance: all of it, and what may be paid out now."""
    return {
        "currency": balance.currency,
        "total": money_json(balance.total_minor, balance.currency),
        "available": money_json(balance.available_minor, balance.currency),
    }


def entry_json(entry: LedgerEntry) -> dict[str, Any]:
    """One ledger entry."""
    return {
        "id": entry.id,
        "kind": entry.kind.value,
        "amount": money_json(entry.amount_minor, entry.currency),
        "meetup_id": entry.meetup_id,
        "recorded_at": entry.recorded_at.isoformat(),
        "available_at": entry.available_at.isoformat(),
    }


def series_json(series: Series, occurrences: Sequence[Occurrence]) -> dict[str, Any]:
    """A series with the occurrences its viewer may see, times in the series' zone."""
    zone = series.timezone
    return {
        "id": series.id,
        "summary": series.rule.describe(),
        "rule": series.rule.as_values(),
        "first_starts_at": _local(series.first_start, zone),
        "timezone": zone,
        "published": series.is_published,
        "occurrences": [
            {
                "occurrence": o.number,
                "meetup_id": o.meetup.id,
                "starts_at": _local(o.meetup.starts_at, zone),
                "status": o.meetup.status.value,
            }
            for o in occurrences
        ],
        "skipped": sorted(series.skipped),
    }
