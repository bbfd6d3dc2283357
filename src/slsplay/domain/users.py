"""People: account holders and guests who have not signed up yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from slsplay.domain.errors import FieldError, InvalidInput
from slsplay.domain.invitations import normalise_email, normalise_name

GUEST_NAME = "Guest"


@dataclass
class User:
    """Someone who can organize meetups; a guest has no email until they sign up."""

    id: str
    name: str
    email: str | None
    is_guest: bool
    created_at: datetime
    version: int = 1

    @classmethod
    def register(cls, *, user_id: str, email: object, name: object, now: datetime) -> User:
        """A new account holder, with every invalid field reported at once."""
        errors: list[FieldError] = []
        clean_email = clean_name = None
        try:
            clean_email = normalise_email(email)
        except InvalidInput as e:
            errors += e.errors
        try:
            clean_name = normalise_name(name)
            if clean_name is None:
                errors.append(FieldError("name", "a name is required"))
        except InvalidInput as e:
            errors += e.errors
        if errors or clean_email is None or clean_name is None:
            raise InvalidInput(errors)
        return cls(id=user_id, name=clean_name, email=clean_email, is_guest=False, created_at=now)

    @classmethod
    def guest(cls, *, user_id: str, now: datetime) -> User:
        """Someone trying the product before signing up."""
        return cls(id=user_id, name=GUEST_NAME, email=None, is_guest=True, created_at=now)
