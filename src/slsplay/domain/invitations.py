"""Invitations: who is asked to a meetup, whether the email went out, and what they answered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from email_validator import EmailNotValidError, validate_email

from slsplay.domain.errors import field_error
from slsplay.domain.text import one_line

NAME_MAX = 100


class Answer(StrEnum):
    """An invitee's answer; ``none`` until they give one.

    ``waitlisted``: they want to attend, and the meetup is full; they are in line for the
    next seat that frees up. Nobody answers it: it is what "attending" becomes when full.
    """

    NONE = "none"
    ATTENDING = "attending"
    DECLINED = "declined"
    WAITLISTED = "waitlisted"


def normalise_email(raw: object, field: str = "email") -> str:
    """The address trimmed and case-folded, or an ``InvalidInput`` naming the field.

    Deliverability (DNS) is not checked here: the domain does no I/O, and an invitation to a
    mistyped domain fails visibly when the email bounces.
    """
    if not isinstance(raw, str) or not raw.strip():
        raise field_error(field, "an email address is required")
    try:
        valid = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as e:
        raise field_error(field, f"is not a valid email address ({e})") from e
    return valid.normalized.casefold()


def normalise_name(raw: object, field: str = "name") -> str | None:
    """A person's display name trimmed, ``None`` when blank, refused when too long."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise field_error(field, "must be text")
    name = one_line(raw, field)
    if len(name) > NAME_MAX:
        raise field_error(field, f"must be at most {NAME_MAX} characters")
    return name or None


@dataclass
class Invitation:
    """One person invited to one meetup, unique by email within it."""

    id: str
    meetup_id: str
    email: str
    name: str | None
    invited_at: datetime
    sent_at: datetime | None = None
    response: Answer = Answer.NONE
    responded_at: datetime | None = None
    unsubscribed_at: datetime | None = None
    version: int = 1
    # When they joined the waiting list: their place in line (kept while they wait).
    waitlisted_at: datetime | None = None
    # Their ticket to a paid meetup: the one being paid at checkout, or the one paid.
    ticket_id: str | None = None
    # They asked to come to a public meetup themselves: nobody invites them by email.
    joined: bool = False
    # When the meetup starts, as written with the invitation: the order of the invitee's
    # own list (``None`` on invitations stored before it was kept; see store/README.md).
    meetup_starts_at: datetime | None = None

    @property
    def sent(self) -> bool:
        """Whether the invitation email has gone out."""
        return self.sent_at is not None

    @property
    def wants_email(self) -> bool:
        """False once the invitee unsubscribed from this meetup's emails."""
        return self.unsubscribed_at is None

    def unsubscribe(self, now: datetime) -> None:
        """Stop every further email about this meetup to the invitee (the first time counts)."""
        if self.unsubscribed_at is None:
            self.unsubscribed_at = now
            self.version += 1

    def mark_sent(self, now: datetime) -> None:
        """Record that the invitation email went out (the first time only)."""
        if self.sent_at is None:
            self.sent_at = now
            self.version += 1
