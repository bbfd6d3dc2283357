"""The refusals the product can give, each with a stable code and a message a person can read.

Callers match on the error *type* (the API maps types to HTTP statuses in one table) and
report the *code*; nobody inspects message text.
"""

from __future__ import annotations

from dataclasses import dataclass

MESSAGES: dict[str, str] = {
    # not found
    "meetup_not_found": "There is no such meetup.",
    "invitation_not_found": "There is no such invitation.",
    "user_not_found": "There is no such user.",
    # who may do what
    "not_organizer": "Only the meetup's organizer may do that.",
    # state conflicts
    "version_conflict": "The meetup was changed by someone else; reload it and try again.",
    "already_invited": "That person is already invited.",
    "already_published": "The meetup is already published.",
    "email_taken": "An account with that email address already exists.",
    "meetup_cancelled": "The meetup has been cancelled.",
    "meetup_started": "The meetup has already started.",
    "answers_closed": "Answers to this meetup are closed.",
    "meetup_ended": "The meetup has already ended.",
    "meetup_not_published": "The meetup is not published yet.",
    "meetup_published": "A published meetup cannot be deleted; cancel it instead.",
    "capacity_reached": "The meetup is full.",
    "start_in_past": "The start time has passed; choose a new one first.",
    "capacity_below_attendance": "More people are attending than the new capacity allows.",
    "signup_required": "Sign up (or log in) to do that; your drafts are kept.",
    "verification_required": (
        "Confirm your email address first: open the link we emailed you. Your drafts are kept."
    ),
    "media_not_found": "There is no such photo or video.",
    "media_too_large": "The file is too large: photos take up to 10 MB, videos up to 200 MB.",
    "media_limit_reached": "A meetup takes up to 20 photos and videos; remove one first.",
    "media_type_unsupported": (
        "That type of file is not taken: photos as JPEG, PNG or WebP, videos as MP4, MOV or WebM."
    ),
    # paid meetups
    "checkout_required": "This meetup is paid: attend by paying for a ticket at checkout.",
    "ticket_not_refundable": (
        "Your ticket is not refunded if you decline. Confirm that you give it up to decline."
    ),
    "already_attending": "You are already attending.",
    "ticket_not_found": "There is no such ticket.",
    "payout_account_required": (
        "Set up payouts first: paid meetups need an account to pay the organizer."
    ),
    "nothing_to_pay_out": "There is no money available to pay out yet.",
    "payment_provider_failed": "The payment provider did not answer; try again in a minute.",
    "invalid_webhook": "The webhook's signature does not check out.",
    # who is asking
    "invalid_credentials": "The email address or password is wrong.",
    "invalid_token": "The token is invalid or has expired.",
    "refresh_token_reused": "The session was ended because its refresh token was used twice.",
    "too_many_attempts": "Too many failed attempts; try again later.",
    # input
    "invalid_input": "Some fields are not valid.",
    "nesting_too_deep": "The request is nested too deeply to be read.",
    "precondition_failed": "The meetup has changed since you loaded it; reload it and try again.",
}


@dataclass(frozen=True)
class FieldError:
    """One invalid field: a dotted path (``invitees[2].email``) and what is wrong with it."""

    field: str
    message: str


class DomainError(Exception):
    """Base of every refusal; ``code`` is stable, ``message`` is for people."""

    def __init__(self, code: str, message: str | None = None) -> None:
        self.code = code
        self.message = message or MESSAGES.get(code, code.replace("_", " ").capitalize())
        super().__init__(self.message)


class NotFound(DomainError):
    """The thing asked for does not exist, or the caller may not know that it does."""


class Forbidden(DomainError):
    """The caller is known but may not do this."""


class Unauthorized(DomainError):
    """The caller did not prove who they are (bad credentials, a bad or expired token)."""


class TooManyRequests(DomainError):
    """Refused for now; ``retry_after`` seconds from now it may work."""

    def __init__(self, code: str, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(code)


class Conflict(DomainError):
    """The request clashes with the current state (a lost race, a duplicate, a finished meetup)."""


class VersionConflict(Conflict):
    """Someone else changed the aggregate since it was read."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__("version_conflict", message)


class PayloadTooLarge(DomainError):
    """What the caller wants to send is larger than the product takes."""


class UnsupportedMediaType(DomainError):
    """What the caller wants to send is of a type the product does not take."""


class PreconditionFailed(DomainError):
    """The caller's copy is older than the stored one (a stale ``If-Match``)."""

    def __init__(self) -> None:
        super().__init__("precondition_failed")


class Unavailable(DomainError):
    """Something the product depends on (the payment provider) did not answer; try later."""


class Unreadable(DomainError):
    """The request cannot be read as input at all (its JSON is nested too deeply)."""


class InvalidInput(DomainError):
    """One or more fields are invalid; ``errors`` lists every one of them."""

    def __init__(self, errors: list[FieldError], code: str = "invalid_input") -> None:
        self.errors = errors
        super().__init__(code, "; ".join(f"{e.field}: {e.message}" for e in errors))


def field_error(field: str, message: str) -> InvalidInput:
    """The error for a single invalid field."""
    return InvalidInput([FieldError(field, message)])
