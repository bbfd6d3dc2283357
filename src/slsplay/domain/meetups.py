"""The meetup aggregate: what an organizer plans, and the rules for changing and answering it.

Every method takes ``now`` from the caller: the domain never reads a clock. A method that
changes the meetup bumps ``version`` exactly once; a refused call changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from slsplay.domain.errors import (
    MESSAGES,
    Conflict,
    FieldError,
    Forbidden,
    InvalidInput,
    NotFound,
    field_error,
)
from slsplay.domain.invitations import Answer, Invitation, normalise_email, normalise_name
from slsplay.domain.meetup_details import MeetupDetails, Visibility
from slsplay.domain.users import User


class MeetupStatus(StrEnum):
    """The stored lifecycle: draft -> published -> cancelled (a draft may be cancelled too)."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class Phase(StrEnum):
    """Where a meetup stands at a given instant: the status plus what the clock says."""

    DRAFT = "draft"
    UPCOMING = "upcoming"
    LIVE = "live"
    ENDED = "ended"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class MeetupCounts:
    """How many people are invited, attending and declined; kept beside the meetup.

    ``held``: seats kept for people paying at checkout; they count against the capacity.
    """

    invited: int = 0
    attending: int = 0
    declined: int = 0
    waitlisted: int = 0
    held: int = 0

    @property
    def taken(self) -> int:
        """Seats nobody else may have: attending, or held at checkout."""
        return self.attending + self.held

    def has_seat(self, capacity: int | None) -> bool:
        """Whether one more person may attend."""
        return capacity is None or self.taken < capacity


@dataclass
class Meetup:
    """A virtual gathering planned by one organizer."""

    id: str
    organizer_id: str
    details: MeetupDetails
    created_at: datetime
    updated_at: datetime
    status: MeetupStatus = MeetupStatus.DRAFT
    version: int = 1
    published_at: datetime | None = None
    cancelled_at: datetime | None = None
    # The start it had before its last move after publishing: the public page says that a
    # published meetup was rescheduled (schema.org's previousStartDate).
    previous_start: datetime | None = None
    # An occurrence of a monthly series: the series, and its number there (the first is 1).
    series_id: str | None = None
    occurrence: int | None = None
    _changed: bool = field(default=False, repr=False, compare=False)

    # -- creation and reading ---------------------------------------------------------------

    @classmethod
    def plan(
        cls, *, meetup_id: str, organizer_id: str, values: Mapping[str, object], now: datetime
    ) -> Meetup:
        """A new draft; its start must lie in the future."""
        details = MeetupDetails.parse(values, start_after=now)
        return cls(
            id=meetup_id, organizer_id=organizer_id, details=details, created_at=now, updated_at=now
        )

    @property
    def starts_at(self) -> datetime:
        """The start, as a UTC instant."""
        return self.details.starts_at

    @property
    def answers_close_at(self) -> datetime:
        """When answers stop being taken: the RSVP closing time, else the start."""
        return self.details.rsvp_closes_at or self.details.starts_at

    @property
    def ends_at(self) -> datetime:
        """The end: start plus duration."""
        return self.details.starts_at + timedelta(minutes=self.details.duration_minutes)

    def phase(self, now: datetime) -> Phase:
        """Draft, upcoming, live, ended or cancelled, at ``now``."""
        if self.status is MeetupStatus.CANCELLED:
            return Phase.CANCELLED
        if self.status is MeetupStatus.DRAFT:
            return Phase.DRAFT
        if now < self.starts_at:
            return Phase.UPCOMING
        return Phase.LIVE if now < self.ends_at else Phase.ENDED

    @property
    def is_paid(self) -> bool:
        """Whether attending takes a ticket bought at checkout."""
        return self.details.price is not None

    def is_organizer(self, user_id: str | None) -> bool:
        """Whether ``user_id`` is the organizer."""
        return user_id is not None and user_id == self.organizer_id

    def visible_to(self, viewer_id: str | None) -> bool:
        """The organizer sees their meetup; anyone else only a public one that was published.

        Invitees of a private meetup see it through their answer link, not through this.
        """
        if self.is_organizer(viewer_id):
            return True
        return (
            self.details.visibility is Visibility.PUBLIC and self.status is not MeetupStatus.DRAFT
        )

    def reveals_join_url(self, viewer_id: str | None, invitation: Invitation | None) -> bool:
        """The join link is for the organizer and for invitees who said they attend."""
        if self.is_organizer(viewer_id):
            return True
        return (
            invitation is not None
            and invitation.meetup_id == self.id
            and invitation.response is Answer.ATTENDING
        )

    # -- the organizer's actions ------------------------------------------------------------

    def edit(
        self, actor_id: str, changes: Mapping[str, object], now: datetime, counts: MeetupCounts
    ) -> bool:
        """Apply a partial edit; answers whether anything changed."""
        self._ensure_organizer(actor_id)
        self._ensure_not_cancelled()
        if self.status is MeetupStatus.PUBLISHED and now >= self.ends_at:
            raise Conflict("meetup_ended")
        details = MeetupDetails.parse(
            {**self.details.as_values(), **changes}, start_after=now, kept_start=self.starts_at
        )
        if details == self.details:
            return False
        moved = details.starts_at != self.starts_at
        if moved and self.status is MeetupStatus.PUBLISHED and now >= self.starts_at:
            raise Conflict("meetup_started")
        if details.capacity is not None and details.capacity < counts.taken:
            raise InvalidInput(
                [FieldError("capacity", MESSAGES["capacity_below_attendance"])],
                code="capacity_below_attendance",
            )
        if moved and self.status is MeetupStatus.PUBLISHED:
            self.previous_start = self.starts_at
        self.details = details
        self._bump(now)
        return True

    def publish(
        self, publisher: User, now: datetime, *, organizer_can_be_paid: bool = False
    ) -> None:
        """Make the meetup visible to its invitees (who are then emailed).

        A guest may plan and invite, but must sign up to publish, and an account must have
        proved its email address (by the emailed link, or a provider that vouched for it):
        invitations go out in the organizer's name. The draft waits for them either way.
        A paid meetup needs an organizer who can be paid (a payout account).
        """
        self._ensure_organizer(publisher.id)
        self._ensure_not_cancelled()
        if publisher.is_guest:
            raise Forbidden("signup_required")
        if not publisher.email_verified:
            raise Forbidden("verification_required")
        if self.is_paid and not organizer_can_be_paid:
            raise Conflict("payout_account_required")
        if self.status is MeetupStatus.PUBLISHED:
            raise Conflict("already_published")
        if self.starts_at <= now:
            raise Conflict("start_in_past")
        self.status = MeetupStatus.PUBLISHED
        self.published_at = now
        self._bump(now)

    def cancel(self, actor_id: str, now: datetime) -> None:
        """Call the meetup off; everyone invited is told, and nothing is accepted after."""
        self._ensure_organizer(actor_id)
        self._ensure_not_cancelled()
        if self.status is MeetupStatus.PUBLISHED and now >= self.ends_at:
            raise Conflict("meetup_ended")
        self.status = MeetupStatus.CANCELLED
        self.cancelled_at = now
        self._bump(now)

    def hand_over(self, from_id: str, to_id: str, now: datetime) -> None:
        """Move the meetup from a guest to the account they signed up or logged in with."""
        self._ensure_organizer(from_id)
        self.organizer_id = to_id
        self._bump(now)

    def follow_series(
        self,
        actor_id: str,
        *,
        series_id: str,
        occurrence: int,
        changes: Mapping[str, object],
        now: datetime,
        counts: MeetupCounts,
    ) -> None:
        """Part of an edit "this and all future": the occurrence takes the ``changes`` and
        belongs to the series that goes on from the edited one, under its number there
        (one new version for both)."""
        self._ensure_organizer(actor_id)
        changed = self.edit(actor_id, changes, now, counts) if changes else False
        if (self.series_id, self.occurrence) != (series_id, occurrence):
            self.series_id, self.occurrence = series_id, occurrence
            if not changed:
                self._bump(now)

    def ensure_deletable(self, actor_id: str) -> None:
        """Only a draft may be deleted: once published, invitees must hear of a cancellation."""
        self._ensure_organizer(actor_id)
        if self.status is MeetupStatus.PUBLISHED:
            raise Conflict("meetup_published")

    def invite(
        self, actor_id: str, *, invitation_id: str, email: object, name: object, now: datetime
    ) -> Invitation:
        """A new invitation; allowed in draft and published, up to the start."""
        self._ensure_organizer(actor_id)
        self.ensure_open_for_invitations(now)
        return self._invitation(invitation_id, email, name, now)

    def join(
        self, user_id: str, *, invitation_id: str, email: object, name: object, now: datetime
    ) -> Invitation:
        """An invitation of their own for someone signed in who asks to come to a public
        meetup (nobody emails them an invitation: they asked)."""
        if self.details.visibility is not Visibility.PUBLIC or self.status is MeetupStatus.DRAFT:
            raise NotFound("meetup_not_found")
        if self.is_organizer(user_id):
            raise Conflict("organizer_joins", "You organize this meetup.")
        self.ensure_open_for_invitations(now)
        return self._invitation(invitation_id, email, name, now, joined=True)

    def _invitation(
        self,
        invitation_id: str,
        email: object,
        name: object,
        now: datetime,
        *,
        joined: bool = False,
    ) -> Invitation:
        return Invitation(
            id=invitation_id,
            meetup_id=self.id,
            email=normalise_email(email),
            name=normalise_name(name),
            invited_at=now,
            joined=joined,
            meetup_starts_at=self.starts_at,
        )

    def ensure_media_allowed(self, actor_id: str, now: datetime) -> None:
        """Only the organizer adds photos and videos, until the meetup is cancelled or over."""
        self._ensure_organizer(actor_id)
        self._ensure_not_cancelled()
        if now >= self.ends_at:
            raise Conflict("meetup_ended")

    def ensure_open_for_invitations(self, now: datetime) -> None:
        """Refuse invitations to a cancelled or started meetup."""
        self._ensure_not_cancelled()
        if now >= self.starts_at:
            raise Conflict("meetup_started")

    # -- the invitee's answer ---------------------------------------------------------------

    def answer(
        self,
        invitation: Invitation,
        response: Answer,
        now: datetime,
        counts: MeetupCounts,
        *,
        forfeit_ticket: bool = False,
    ) -> MeetupCounts:
        """Record an invitee's answer and return the counts it leads to.

        An answer equal to the current one changes nothing and returns the same counts. On
        a paid meetup, "attending" goes through checkout (``hold_seat``, then ``admit``),
        and someone who paid may decline only knowing that nothing is refunded
        (``forfeit_ticket``).
        """
        if invitation.meetup_id != self.id:
            raise ValueError("the invitation belongs to another meetup")
        if response not in (Answer.ATTENDING, Answer.DECLINED):
            raise field_error("response", "must be attending or declined")
        self._ensure_answerable(now)
        previous = invitation.response
        if response is previous:
            return counts
        if response is Answer.ATTENDING and previous is Answer.WAITLISTED:
            return counts  # already in line: asking again keeps the place
        if response is Answer.ATTENDING and not counts.has_seat(self.details.capacity):
            response = Answer.WAITLISTED  # full: in line for the next seat
        elif response is Answer.ATTENDING and self.is_paid:
            raise Conflict("checkout_required")
        if self.is_paid and previous is Answer.ATTENDING and not forfeit_ticket:
            raise Conflict("ticket_not_refundable")
        return self._move(invitation, response, now, counts)

    def hold_seat(
        self, invitation: Invitation, now: datetime, counts: MeetupCounts
    ) -> MeetupCounts:
        """Keep a seat of a paid meetup for an invitee going to checkout."""
        if invitation.meetup_id != self.id:
            raise ValueError("the invitation belongs to another meetup")
        if not self.is_paid:
            raise Conflict("meetup_free", "This meetup is free: answer without paying.")
        self._ensure_answerable(now)
        if invitation.response is Answer.ATTENDING:
            raise Conflict("already_attending")
        if not counts.has_seat(self.details.capacity):
            raise Conflict("capacity_reached")
        return replace(counts, held=counts.held + 1)

    def admit(
        self, invitation: Invitation, now: datetime, counts: MeetupCounts, *, held: bool
    ) -> MeetupCounts:
        """A paid ticket seats its buyer: on the seat ``held`` for them, or on a free one.

        The start may have passed (people pay until the last minute); a cancelled meetup
        admits nobody, and its tickets are refunded.
        """
        self._ensure_not_cancelled()
        if invitation.response is Answer.ATTENDING:
            raise Conflict("already_attending")
        if held:
            counts = replace(counts, held=counts.held - 1)
        elif not counts.has_seat(self.details.capacity):
            raise Conflict("capacity_reached")
        return self._move(invitation, Answer.ATTENDING, now, counts)

    def release_seat(self, counts: MeetupCounts) -> MeetupCounts:
        """A seat held at checkout goes back, unpaid."""
        return replace(counts, held=max(0, counts.held - 1))

    def promote(self, invitation: Invitation, now: datetime, counts: MeetupCounts) -> MeetupCounts:
        """Give a freed seat to someone waiting in line (the first one, chosen by the caller)."""
        if invitation.response is not Answer.WAITLISTED:
            raise Conflict("not_waitlisted", "That person is not on the waiting list.")
        self._ensure_not_cancelled()
        if now >= self.starts_at:
            raise Conflict("meetup_started")
        if not counts.has_seat(self.details.capacity):
            raise Conflict("capacity_reached")
        return self._move(invitation, Answer.ATTENDING, now, counts)

    def _move(
        self, invitation: Invitation, response: Answer, now: datetime, counts: MeetupCounts
    ) -> MeetupCounts:
        previous = invitation.response
        invitation.response = response
        invitation.responded_at = now
        invitation.waitlisted_at = now if response is Answer.WAITLISTED else None
        invitation.version += 1
        return replace(
            counts,
            attending=counts.attending + _delta(Answer.ATTENDING, previous, response),
            declined=counts.declined + _delta(Answer.DECLINED, previous, response),
            waitlisted=counts.waitlisted + _delta(Answer.WAITLISTED, previous, response),
        )

    # -- helpers ----------------------------------------------------------------------------

    def _ensure_organizer(self, actor_id: str) -> None:
        if not self.is_organizer(actor_id):
            raise Forbidden("not_organizer")

    def _ensure_answerable(self, now: datetime) -> None:
        self._ensure_not_cancelled()
        if self.status is MeetupStatus.DRAFT:
            raise Conflict("meetup_not_published")
        if now >= self.starts_at:
            raise Conflict("meetup_started")
        if now >= self.answers_close_at:
            raise Conflict("answers_closed")

    def _ensure_not_cancelled(self) -> None:
        if self.status is MeetupStatus.CANCELLED:
            raise Conflict("meetup_cancelled")

    def _bump(self, now: datetime) -> None:
        self.version += 1
        self.updated_at = now


def _delta(counted: Answer, previous: Answer, current: Answer) -> int:
    return (current is counted) - (previous is counted)
