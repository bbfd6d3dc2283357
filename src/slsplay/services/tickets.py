"""Paid meetups: checkout, the provider's webhooks, refunds, the organizer's balance and payouts.

The provider's word is final only through its signed webhook: a ticket becomes paid, and its
buyer attending, when ``checkout_paid`` arrives, whatever the browser was told. Webhooks may
come twice, late or out of order; each changes a ticket at most once (its version is the
condition of the write), and a payment that arrives when its seat is gone is refunded.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from slsplay.domain.errors import Conflict, Forbidden, NotFound, Unavailable, VersionConflict
from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.meetups import Meetup
from slsplay.domain.tickets import (
    Balance,
    LedgerEntry,
    Quote,
    Ticket,
    TicketStatus,
    balances,
    payout_entry,
    refund_entries,
    sale_entries,
)
from slsplay.ids import new_id, new_ticket_code
from slsplay.ports import (
    CheckoutRequest,
    Clock,
    ItemStore,
    PaymentEvent,
    PaymentFailed,
    Payments,
)
from slsplay.services.answers import answer_by_link, open_answer_link
from slsplay.services.bundles import StorePorts
from slsplay.services.views import MeetupView
from slsplay.store.repositories import InvitationRepository, MeetupRepository, UserRepository
from slsplay.store.tickets import LedgerRepository, PayoutAccountRepository, TicketRepository

logger = logging.getLogger(__name__)

ATTEMPTS = 3  # a write that loses a race is tried again on what is stored then
# How far back the jobs look: holds end within 15 minutes, sales become payable daily.
HOLDS_LOOKBACK = timedelta(days=2)
PAYABLE_LOOKBACK = timedelta(days=7)


@dataclass(frozen=True)
class PaymentPorts:
    """What selling tickets needs."""

    store: ItemStore
    clock: Clock
    payments: Payments
    base_url: str  # the web app's, for the pages the provider sends buyers back to


@dataclass(frozen=True)
class Checkout:
    """What an invitee's "attending" on a paid meetup led to: a ticket at checkout, or (the
    meetup being full) a place on the waiting list and no ticket."""

    invitation: Invitation
    view: MeetupView
    ticket: Ticket | None


def checkout_id(ticket: Ticket) -> str:
    """The id the provider knows a ticket's checkout by (and hands back in its webhook)."""
    return f"{ticket.meetup_id}_{ticket.id}"


def _ticket_of_checkout(value: str | None) -> tuple[str, str]:
    meetup_id, _, ticket_id = (value or "").partition("_")
    if not meetup_id or not ticket_id:
        raise NotFound("ticket_not_found")
    return meetup_id, ticket_id


# -- the invitee's checkout -----------------------------------------------------------------


def start_checkout(ports: PaymentPorts, token: str) -> Checkout:
    """Keep a seat for the invitee an answer link belongs to and open the provider's checkout.

    Asking again while the seat is kept answers the same checkout. A full meetup puts them
    on the waiting list instead.
    """
    store, now = ports.store, ports.clock.now()
    for attempt in range(1, ATTEMPTS + 1):
        invitation, view = open_answer_link(ports, token)
        meetup, counts = view.meetup, view.counts
        current = TicketRepository(store).find(meetup.id, invitation.ticket_id)
        if current is not None and current.holds_seat:
            if current.checkout_url is None:  # a seat offered to them: its checkout now
                _open_checkout(ports, meetup, current, token)
            return Checkout(invitation, view, current)
        if not counts.has_seat(meetup.details.capacity):
            invitation, view = answer_by_link(ports, token, Answer.ATTENDING)
            return Checkout(invitation, view, None)
        after = meetup.hold_seat(invitation, now, counts)
        ticket = _new_ticket(meetup, invitation.email, now)
        read_version = invitation.version
        invitation.ticket_id = ticket.id
        invitation.version += 1
        try:
            TicketRepository(store).hold(
                ticket,
                invitation,
                invitation_version=read_version,
                meetup=meetup,
                before=counts,
                after=after,
            )
        except Conflict:
            if attempt == ATTEMPTS:
                raise
            continue  # the last seat went, or the invitation moved: look again
        _open_checkout(ports, meetup, ticket, token)
        return Checkout(invitation, replace(view, counts=after), ticket)
    raise AssertionError("unreachable")  # pragma: no cover


def offer_freed_seats(ports: StorePorts, meetup_id: str) -> list[Ticket]:
    """Keep each free seat of a paid meetup for the next in line, for 24 hours; answers the
    offers made (each is emailed, by the change feed).

    Someone whose offer lapsed unpaid has had their turn: the next in line is offered the
    seat. Each offer holds its seat in a conditional transaction, as a checkout does.
    """
    offers: list[Ticket] = []
    tickets = TicketRepository(ports.store)
    for _ in range(ATTEMPTS * 10):
        meetup, counts = MeetupRepository(ports.store).get(meetup_id)
        if not meetup.is_paid or not counts.has_seat(meetup.details.capacity):
            break
        waiting = InvitationRepository(ports.store).waiting_list(meetup_id)
        turn = next(
            (i for i in waiting if _awaits_offer(tickets.find(meetup_id, i.ticket_id))), None
        )
        if turn is None:
            break
        try:
            after = meetup.hold_seat(turn, ports.clock.now(), counts)
        except Conflict:
            break  # started or cancelled meanwhile
        offer = _new_ticket(meetup, turn.email, ports.clock.now(), offered=True)
        read_version = turn.version
        turn.ticket_id = offer.id
        turn.version += 1
        try:
            tickets.hold(
                offer,
                turn,
                invitation_version=read_version,
                meetup=meetup,
                before=counts,
                after=after,
            )
        except Conflict:
            continue  # the seat went, or the meetup or the invitation moved: look again
        offers.append(offer)
    return offers


def _new_ticket(meetup: Meetup, email: str, now: datetime, *, offered: bool = False) -> Ticket:
    return Ticket.hold(
        ticket_id=new_id(),
        code=new_ticket_code(),
        meetup_id=meetup.id,
        organizer_id=meetup.organizer_id,
        email=email,
        quote=quote_of(meetup),
        now=now,
        offered=offered,
    )


def _awaits_offer(latest: Ticket | None) -> bool:
    # Not holding an offer now, and not someone who let one lapse.
    if latest is None:
        return True
    return not latest.holds_seat and not (latest.offered and latest.status is TicketStatus.LAPSED)


def _open_checkout(ports: PaymentPorts, meetup: Meetup, ticket: Ticket, token: str) -> None:
    account = PayoutAccountRepository(ports.store).find(meetup.organizer_id)
    answer_page = f"{ports.base_url}/rsvp/{token}"
    try:
        if account is None:
            raise PaymentFailed("the organizer has no payout account")
        session = ports.payments.create_checkout(
            CheckoutRequest(
                checkout_id=checkout_id(ticket),
                meetup_id=meetup.id,
                title=meetup.details.title,
                email=ticket.email,
                amount_minor=ticket.amount_minor,
                fee_minor=ticket.fee_minor,
                currency=ticket.currency,
                connected_account=account,
                expires_at=ticket.expires_at,
                success_url=f"{answer_page}?checkout=paid",
                cancel_url=answer_page,
            )
        )
    except PaymentFailed as e:
        # Nothing can be paid: the seat goes back now rather than in 15 minutes.
        logger.warning("no checkout for ticket %s: %s", ticket.id, e)
        if not ticket.offered:  # an offered seat stays theirs until the offer ends
            lapse_ticket(ports, ticket)
        raise Unavailable("payment_provider_failed") from e
    read_version = ticket.version
    ticket.opened(session.session_id, session.url)
    TicketRepository(ports.store).save(ticket, read_version)


def quote_of(meetup: Meetup) -> Quote:
    """What a ticket to a paid meetup costs its buyer."""
    if meetup.details.price is None:
        raise Conflict("meetup_free", "This meetup is free: answer without paying.")
    return Quote.of(meetup.details.price)


# -- the provider's webhooks ----------------------------------------------------------------


def handle_payment_event(ports: PaymentPorts, event: PaymentEvent) -> Ticket | None:
    """Act on one verified webhook; answers the ticket it was about (``None``: ignored).

    Safe to repeat and independent of the order of delivery.
    """
    if event.kind == "ignored":
        return None
    meetup_id, ticket_id = _ticket_of_checkout(event.checkout_id)
    try:
        ticket = TicketRepository(ports.store).get(meetup_id, ticket_id)
    except NotFound:
        # Not one of ours (another stage's, or a deleted meetup's): acknowledged, so that
        # the provider stops sending it.
        logger.warning("a webhook for an unknown checkout %s", event.checkout_id)
        return None
    if event.kind == "checkout_expired":
        return lapse_ticket(ports, ticket)
    return _pay(ports, ticket, event)


def _pay(ports: PaymentPorts, ticket: Ticket, event: PaymentEvent) -> Ticket:
    store, now = ports.store, ports.clock.now()
    tickets = TicketRepository(store)
    for _ in range(ATTEMPTS):
        if ticket.is_paid or ticket.status is TicketStatus.REFUNDED:
            return ticket  # told before
        held, ticket_version = ticket.holds_seat, ticket.version
        ticket.pay(event.payment_ref or "", event.amount_minor, event.currency, now)
        meetup, counts = MeetupRepository(store).get(ticket.meetup_id)
        invitation = InvitationRepository(store).get(ticket.meetup_id, ticket.email)
        invitation_version, in_line_since = invitation.version, invitation.waitlisted_at
        try:
            after = meetup.admit(invitation, now, counts, held=held)
            invitation.ticket_id = ticket.id
            tickets.admit(
                ticket,
                invitation,
                ticket_version=ticket_version,
                invitation_version=invitation_version,
                meetup=meetup,
                before=counts,
                after=after,
                entries=sale_entries(ticket, meetup.ends_at, now),
                left_line=in_line_since,
            )
        except VersionConflict:
            ticket = tickets.get(ticket.meetup_id, ticket.id)
            continue
        except Conflict as e:
            # Cancelled meanwhile, or the seat went while the hold had lapsed: the money
            # goes back at once.
            logger.info("ticket %s paid but not admitted (%s): refunding", ticket.id, e.code)
            return _refund_unadmitted(ports, meetup, ticket, ticket_version, held)
        return ticket
    raise VersionConflict


def _refund_unadmitted(
    ports: PaymentPorts, meetup: Meetup, ticket: Ticket, ticket_version: int, held: bool
) -> Ticket:
    now = ports.clock.now()
    refund_ref = _provider_refund(ports, ticket)
    ticket.refund(refund_ref, now)
    entries = [
        *sale_entries(ticket, meetup.ends_at, now),
        *refund_entries(ticket, meetup.ends_at, now),
    ]
    tickets = TicketRepository(ports.store)
    if held:
        _, counts = MeetupRepository(ports.store).get(meetup.id)
        after = meetup.release_seat(counts)
        tickets.release(
            ticket,
            ticket_version=ticket_version,
            meetup=meetup,
            before=counts,
            after=after,
            entries=entries,
        )
    else:
        tickets.settle(ticket, ticket_version, entries)
    return ticket


def _provider_refund(ports: PaymentPorts, ticket: Ticket) -> str:
    try:
        return ports.payments.refund(
            ticket.payment_ref or "", ticket.total_minor, f"refund-{ticket.id}"
        )
    except PaymentFailed as e:
        raise Unavailable("payment_provider_failed") from e


def lapse_ticket(ports: StorePorts, ticket: Ticket) -> Ticket:
    """End a hold unpaid and give its seat back (nothing happens to a ticket not held)."""
    tickets = TicketRepository(ports.store)
    for _ in range(ATTEMPTS):
        if not ticket.holds_seat:
            return ticket
        read_version = ticket.version
        ticket.lapse()
        meetup, counts = MeetupRepository(ports.store).get(ticket.meetup_id)
        try:
            tickets.release(
                ticket,
                ticket_version=read_version,
                meetup=meetup,
                before=counts,
                after=meetup.release_seat(counts),
            )
        except VersionConflict:
            ticket = tickets.get(ticket.meetup_id, ticket.id)
            continue
        return ticket
    raise VersionConflict


def end_lapsed_holds(ports: PaymentPorts) -> int:
    """The checkout job: every hold past its end lapses (its checkout made unpayable first).

    A payment that still arrives after is admitted on a free seat, or refunded.
    """
    now = ports.clock.now()
    ended = 0
    for ticket in TicketRepository(ports.store).holds_ending_between(now - HOLDS_LOOKBACK, now):
        if ticket.session_id is not None:
            try:
                ports.payments.expire_checkout(ticket.session_id)
            except PaymentFailed as e:
                logger.warning("could not expire checkout %s: %s", ticket.session_id, e)
                continue  # tried again on the next run, before its seat goes
        lapse_ticket(ports, ticket)
        ended += 1
    return ended


# -- cancelled meetups ------------------------------------------------------------------------


def refund_tickets(ports: PaymentPorts, meetup_id: str) -> int:
    """Give every paid ticket of a cancelled meetup its money back in full; answers how many.

    Each refund carries an idempotency key, so a run repeated after a crash refunds no one
    twice; holds are ended too.
    """
    meetup, _ = MeetupRepository(ports.store).get(meetup_id)
    refunded = 0
    for ticket in TicketRepository(ports.store).of_meetup(meetup_id):
        if ticket.holds_seat:
            if ticket.session_id is not None:
                ports.payments.expire_checkout(ticket.session_id)
            lapse_ticket(ports, ticket)
        elif ticket.is_paid:
            _refund(ports, meetup, ticket)
            refunded += 1
    return refunded


def _refund(ports: PaymentPorts, meetup: Meetup, ticket: Ticket) -> None:
    tickets = TicketRepository(ports.store)
    for _ in range(ATTEMPTS):
        if not ticket.is_paid:
            return
        read_version, now = ticket.version, ports.clock.now()
        ticket.refund(_provider_refund(ports, ticket), now)
        try:
            tickets.settle(ticket, read_version, refund_entries(ticket, meetup.ends_at, now))
        except VersionConflict:
            ticket = tickets.get(ticket.meetup_id, ticket.id)
            continue
        return
    raise VersionConflict


# -- the organizer's money ------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """An organizer's balances, their latest entries, and their payout account."""

    balances: list[Balance]
    entries: list[LedgerEntry]
    account_id: str | None


def statement_of(ports: StorePorts, user_id: str, *, latest: int = 50) -> Statement:
    """What the organizer has earned, what may be paid out, and how it came about."""
    entries = list(LedgerRepository(ports.store).entries_of(user_id, newest_first=True))
    return Statement(
        balances(entries, ports.clock.now()),
        entries[:latest],
        PayoutAccountRepository(ports.store).find(user_id),
    )


def payout_account(ports: PaymentPorts, user_id: str, return_path: str = "/balance") -> str:
    """The page where the organizer sets up (or finishes setting up) how they are paid."""
    user = UserRepository(ports.store).get(user_id)
    if user.is_guest or user.email is None:
        raise Conflict("signup_required")
    if not user.acts_as_address:  # no payouts in another account's name
        raise Forbidden("verification_required")
    accounts = PayoutAccountRepository(ports.store)
    account = accounts.find(user_id)
    try:
        if account is None:
            made = ports.payments.create_account(user_id, user.email, f"account-{user_id}")
            account = accounts.add(user_id, made)
        page = f"{ports.base_url}{return_path}"
        return ports.payments.onboarding_url(account, return_url=page, refresh_url=page)
    except PaymentFailed as e:
        raise Unavailable("payment_provider_failed") from e


def ensure_can_sell(ports: PaymentPorts, meetup: Meetup) -> None:
    """A paid meetup is published only when its organizer can be paid."""
    if not meetup.is_paid:
        return
    account = PayoutAccountRepository(ports.store).find(meetup.organizer_id)
    try:
        ready = account is not None and ports.payments.account_ready(account)
    except PaymentFailed as e:
        raise Unavailable("payment_provider_failed") from e
    if not ready:
        raise Conflict("payout_account_required")


def pay_out(ports: PaymentPorts, user_id: str) -> list[LedgerEntry]:
    """Move each currency's available balance to the organizer's bank; answers the payouts.

    The idempotency key names the ledger as it stood, so a retried run pays out once.
    """
    account = PayoutAccountRepository(ports.store).find(user_id)
    if account is None:
        raise Conflict("payout_account_required")
    ledger = LedgerRepository(ports.store)
    entries = list(ledger.entries_of(user_id))
    now = ports.clock.now()
    paid: list[LedgerEntry] = []
    for balance in balances(entries, now):
        if balance.available_minor <= 0:
            continue
        state = "|".join(e.id for e in entries if e.currency == balance.currency)
        digest = hashlib.sha256(state.encode()).hexdigest()[:24]
        key = f"payout-{user_id}-{balance.currency}-{digest}"
        try:
            ref = ports.payments.payout(account, balance.available_minor, balance.currency, key)
        except PaymentFailed as e:
            raise Unavailable("payment_provider_failed") from e
        entry = payout_entry(user_id, balance.available_minor, balance.currency, ref, now)
        try:
            ledger.record([entry])
        except VersionConflict:
            continue  # recorded by an earlier run that stopped before answering
        paid.append(entry)
    return paid


def pay_out_now(ports: PaymentPorts, user_id: str) -> list[LedgerEntry]:
    """The organizer asks for their available balance; ``nothing_to_pay_out`` if it is none."""
    paid = pay_out(ports, user_id)
    if not paid:
        raise Conflict("nothing_to_pay_out")
    return paid


def pay_out_due(ports: PaymentPorts) -> dict[str, int]:
    """The payout job: every organizer with sales that became payable lately and an account
    is paid out; answers how many payouts per organizer."""
    now = ports.clock.now()
    organizers = LedgerRepository(ports.store).organizers_with_sales_available_between(
        now - PAYABLE_LOOKBACK, now
    )
    done: dict[str, int] = {}
    for organizer_id in sorted(organizers):
        if PayoutAccountRepository(ports.store).find(organizer_id) is None:
            continue
        done[organizer_id] = len(pay_out(ports, organizer_id))
    return done


def tickets_of_meetup(ports: StorePorts, meetup_id: str) -> Iterator[Ticket]:
    """Every ticket of a meetup (for the organizer's list and the tests' ledger checks)."""
    return TicketRepository(ports.store).of_meetup(meetup_id)


def has_tickets(ports: StorePorts, meetup_id: str) -> bool:
    """Whether anyone ever went to checkout for the meetup."""
    return next(TicketRepository(ports.store).of_meetup(meetup_id), None) is not None
