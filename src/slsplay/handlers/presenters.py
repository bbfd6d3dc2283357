"""Domain objects as the API's answers (DESIGN.md section 5): each builds the pydantic model
the route returns, so every answer's fields are written once, in ``models.py``. Times carry
the meetup's own offset."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from slsplay.domain.money import display
from slsplay.domain.tickets import Quote
from slsplay.handlers.lazy import models

if TYPE_CHECKING:  # what the presenters take, only named in their signatures
    from slsplay.domain.invitations import Invitation
    from slsplay.domain.series import Series
    from slsplay.domain.tickets import Balance, LedgerEntry, Ticket
    from slsplay.domain.users import User
    from slsplay.services.auth import Session
    from slsplay.services.media import MediaWithLinks
    from slsplay.services.tickets import Checkout, Statement
    from slsplay.services.views import MeetupView, Occurrence


def _local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def _literal(member: StrEnum) -> Any:
    # A model's Literal field takes the enum's value and pydantic checks it against the
    # Literal; a type checker cannot tell that a StrEnum's values are those literals.
    return member.value


def answer_page_url(public_url: str, token: str) -> str:
    """The web app's answer page of an answer link's token."""
    return f"{public_url}/rsvp/{token}"


def meetup_out(
    view: MeetupView,
    now: datetime,
    *,
    viewer_id: str | None,
    invitation: Invitation | None = None,
    organizer_name: str | None = None,
    media: Sequence[MediaWithLinks] = (),
) -> models.MeetupOut:
    """A meetup as its viewer may see it: the join link only for organizer and attendees,
    and ``media`` as ``services.media.links_for`` signed them for this viewer."""
    meetup, d, zone = view.meetup, view.meetup.details, view.meetup.details.timezone
    price = d.price
    return models.MeetupOut(
        id=meetup.id,
        title=d.title,
        description=d.description,
        category=d.category,
        starts_at=_local(meetup.starts_at, zone),
        ends_at=_local(meetup.ends_at, zone),
        timezone=zone,
        duration_minutes=d.duration_minutes,
        visibility=_literal(d.visibility),
        rsvp_closes_at=None if d.rsvp_closes_at is None else _local(d.rsvp_closes_at, zone),
        answers_close_at=_local(meetup.answers_close_at, zone),
        status=_literal(meetup.status),
        phase=_literal(meetup.phase(now)),
        version=meetup.version,
        organizer=models.OrganizerOut(
            id=meetup.organizer_id, name=organizer_name or view.organizer_name or "Organizer"
        ),
        capacity=d.capacity,
        price=None if price is None else money_out(price.amount_minor, price.currency),
        join_url=d.join_url if meetup.reveals_join_url(viewer_id, invitation) else None,
        media=[media_out(shown) for shown in media],
        counts=models.CountsOut(
            invited=view.counts.invited,
            attending=view.counts.attending,
            declined=view.counts.declined,
            waitlisted=view.counts.waitlisted,
        ),
        series=_series_ref(view),
        created_at=_local(meetup.created_at, zone),
        updated_at=_local(meetup.updated_at, zone),
    )


def _series_ref(view: MeetupView) -> models.SeriesRefOut | None:
    meetup, series = view.meetup, view.series
    if meetup.series_id is None:
        return None
    assert meetup.occurrence is not None  # set together with the series
    return models.SeriesRefOut(
        id=meetup.series_id,
        occurrence=meetup.occurrence,
        summary=None if series is None else series.rule.describe(),
        rrule=None if series is None else series.rule.rrule_text(),
    )


def media_out(shown: MediaWithLinks) -> models.MediaOut:
    """A photo or video with the signed URLs of its renditions."""
    media = shown.media
    return models.MediaOut(
        id=media.id,
        kind=_literal(media.kind),
        status=_literal(media.status),
        reason=media.reason,
        content_type=media.content_type,
        size=media.size,
        duration_seconds=media.duration_seconds,
        renditions=[
            models.RenditionOut(
                name=r.name,
                content_type=r.content_type,
                width=r.width,
                height=r.height,
                url=shown.urls[r.name],
            )
            for r in media.renditions
        ],
        stream_url=shown.stream_url,
        poster_url=shown.poster_url,
        created_at=media.created_at,
        updated_at=media.updated_at,
    )


def invitation_out(invitation: Invitation) -> models.InvitationOut:
    """An invitation as the organizer sees it."""
    return models.InvitationOut(
        id=invitation.id,
        email=invitation.email,
        name=invitation.name,
        sent=invitation.sent,
        response=_literal(invitation.response),
        responded_at=invitation.responded_at,
    )


def attendees_out(
    attending: Sequence[Invitation], waiting: Sequence[Invitation]
) -> models.AttendeesOut:
    """Who attends, in the order they answered, and who waits for a seat."""
    return models.AttendeesOut(
        attendees=[
            models.AttendeeOut(name=p.name, email=p.email, responded_at=p.responded_at)
            for p in attending
        ],
        waitlist=[_waiting_out(p) for p in waiting],
    )


def _waiting_out(invitation: Invitation) -> models.WaitingOut:
    assert invitation.waitlisted_at is not None  # the waiting list holds only who waits
    return models.WaitingOut(
        name=invitation.name, email=invitation.email, waitlisted_at=invitation.waitlisted_at
    )


def rsvp_out(
    invitation: Invitation,
    view: MeetupView,
    now: datetime,
    *,
    ticket: Ticket | None = None,
    media: Sequence[MediaWithLinks] = (),
) -> models.RsvpOut:
    """What an invitee sees: the meetup (with ``media`` as signed for them), their answer,
    and for a paid meetup what a ticket costs and their ticket."""
    price = view.meetup.details.price
    return models.RsvpOut(
        meetup=meetup_out(view, now, viewer_id=None, invitation=invitation, media=media),
        invitation=models.RsvpInvitationOut(
            email=invitation.email,
            name=invitation.name,
            response=_literal(invitation.response),
            joined=invitation.joined,
        ),
        quote=None if price is None else quote_out(Quote.of(price)),
        ticket=None if ticket is None else ticket_out(ticket),
    )


def checkout_started_out(started: Checkout, now: datetime) -> models.CheckoutStartedOut:
    """An invitee's answer with where to pay; without the meetup's media, as the buyer is on
    their way to pay (and the payments function signs no URLs of the media bucket)."""
    answer = rsvp_out(started.invitation, started.view, now, ticket=started.ticket)
    ticket = started.ticket
    checkout = None
    if ticket is not None:
        assert ticket.checkout_url is not None  # a started checkout has the provider's page
        checkout = models.CheckoutOut(url=ticket.checkout_url, expires_at=ticket.expires_at)
    return models.CheckoutStartedOut(**dict(answer), checkout=checkout)


def user_out(user: User) -> models.UserOut:
    """Who someone is, as they see themselves."""
    return models.UserOut(
        id=user.id,
        email=user.email,
        name=user.name,
        is_guest=user.is_guest,
        email_verified=user.email_verified,
    )


def session_out(session: Session) -> models.SessionOut:
    """What sign-up, login, guest and refresh answer."""
    return models.SessionOut(
        user=user_out(session.user),
        access_token=session.access_token,
        refresh_token=session.refresh_token,
        expires_in=session.expires_in,
    )


def money_out(amount_minor: int, currency: str) -> models.PriceOut:
    """An amount as the API shows money: minor units, the currency, and how people read it."""
    return models.PriceOut(
        amount_minor=amount_minor, currency=currency, display=display(amount_minor, currency)
    )


def quote_out(quote: Quote) -> models.QuoteOut:
    """What a ticket costs its buyer, fee included, shown before paying."""
    currency = quote.price.currency
    return models.QuoteOut(
        price=money_out(quote.price.amount_minor, currency),
        fee=money_out(quote.fee_minor, currency) if quote.fee_minor else None,
        total=money_out(quote.total_minor, currency),
    )


def ticket_out(ticket: Ticket) -> models.TicketOut:
    """A ticket as its holder sees it: the code once paid, the checkout while held."""
    return models.TicketOut(
        id=ticket.id,
        status=_literal(ticket.status),
        code=ticket.shown_code,
        total=money_out(ticket.total_minor, ticket.currency),
        checkout_url=ticket.checkout_url if ticket.holds_seat else None,
        expires_at=ticket.expires_at if ticket.holds_seat else None,
        paid_at=ticket.paid_at,
    )


def statement_out(statement: Statement) -> models.StatementOut:
    """An organizer's balances, latest ledger entries and payout account."""
    account = statement.account_id
    return models.StatementOut(
        balances=[_balance_out(b) for b in statement.balances],
        entries=[entry_out(e) for e in statement.entries],
        payout_account=None if account is None else models.PayoutAccountOut(id=account),
    )


def _balance_out(balance: Balance) -> models.BalanceOut:
    return models.BalanceOut(
        currency=balance.currency,
        total=money_out(balance.total_minor, balance.currency),
        available=money_out(balance.available_minor, balance.currency),
    )


def entry_out(entry: LedgerEntry) -> models.EntryOut:
    """One ledger entry."""
    return models.EntryOut(
        id=entry.id,
        kind=_literal(entry.kind),
        amount=money_out(entry.amount_minor, entry.currency),
        meetup_id=entry.meetup_id,
        recorded_at=entry.recorded_at,
        available_at=entry.available_at,
    )


def series_out(series: Series, occurrences: Sequence[Occurrence]) -> models.SeriesOut:
    """A series with the occurrences its viewer may see, times in the series' zone."""
    zone = series.timezone
    return models.SeriesOut(
        id=series.id,
        summary=series.rule.describe(),
        rule=models.RecurrenceOut.model_validate(series.rule.as_values()),
        first_starts_at=_local(series.first_start, zone),
        timezone=zone,
        published=series.is_published,
        occurrences=[
            models.OccurrenceOut(
                occurrence=o.number,
                meetup_id=o.meetup.id,
                starts_at=_local(o.meetup.starts_at, zone),
                status=_literal(o.meetup.status),
            )
            for o in occurrences
        ],
        skipped=sorted(series.skipped),
    )
