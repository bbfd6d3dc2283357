"""People: account holders and guests who have not signed up yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from slsplay.domain.errors import FieldError, InvalidInput
from slsplay.domain.invitations import normalise_email, normalise_name

GUEST_NAME = "Guest"
PASSWORD_MIN = 10
PASSWORD_MAX = 256


def password_problems(password: object) -> list[FieldError]:
    """Why a chosen password is not acceptable; empty when it is."""
    if not isinstance(password, str):
        return [FieldError("password", "is required")]
    if len(password) < PASSWORD_MIN:
        return [FieldError("password", f"must be at least {PASSWORD_MIN} characters")]
    if len(password) > PASSWORD_MAX:
        return [FieldError("password", f"must be at most {PASSWORD_MAX} characters")]
    return []


@dataclass
class User:
    """Someone who can organize meetups; a guest has no email until they sign up."""

    id: str
    name: str
    email: str | None
    is_guest: bool
    created_at: datetime
    version: int = 1
    password_hash: str | None = None
    # When they proved the address theirs (a link emailed to it, or a provider that did).
    email_verified_at: datetime | None = None
    # Signed up with an address that another account holds: that account's holder was told,
    # and this one can neither prove the address nor act as it.
    address_taken: bool = False

    @property
    def acts_as_address(self) -> bool:
        """Whether the account may act as its address (join a public meetup as it, be paid
        at it): any account that has one, unless another account holds it."""
        return self.email is not None and not self.is_guest and not self.address_taken

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    def verify_email(self, now: datetime) -> bool:
        """The address is proved theirs; answers whether that is news."""
        if self.email_verified_at is not None:
            return False
        self.email_verified_at = now
        self.version += 1
        return True

    def change_password(self, password_hash: str, *, email_proved_at: datetime | None) -> None:
        """A new password (checked and hashed by the caller); set through a link emailed to
        the address (``email_proved_at``), it proves the address too."""
        self.password_hash = password_hash
        if self.email_verified_at is None:
            self.email_verified_at = email_proved_at
        self.version += 1

    @classmethod
    def register(
        cls,
        *,
        user_id: str,
        email: object,
        name: object,
        now: datetime,
        password: object = None,
    ) -> User:
        """A new account holder, with every invalid field reported at once.

        With ``password``, its strength is checked too (the caller hashes it afterwards).
        """
        errors: list[FieldError] = [] if password is None else password_problems(password)
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
