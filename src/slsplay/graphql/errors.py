"""How a refusal of the product reads in a mutation's payload: its ``userErrors``.

A mutation answers its refusals as data, one ``UserError`` per invalid field (or one for the
whole input), each with the stable ``code`` that REST's problem documents carry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import strawberry

from slsplay.domain.errors import DomainError, InvalidInput

T = TypeVar("T")

# Refusals about one field of the input though they are no validation error.
FIELD_OF_CODE = {"email_taken": "email"}


@strawberry.type(description="A refusal: the field it is about (null: the whole input).")
class UserError:
    field: str | None
    message: str
    code: str = strawberry.field(description="The stable code REST's problem documents carry.")


def _camel(path: str) -> str:
    """``invitees[2].starts_at`` -> ``invitees[2].startsAt`` (GraphQL's field names)."""
    head, *rest = path.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def user_errors(error: DomainError) -> list[UserError]:
    """A refusal as userErrors: one per invalid field, else one for the whole input."""
    if isinstance(error, InvalidInput) and error.errors:
        return [
            UserError(field=_camel(e.field), message=e.message, code=error.code)
            for e in error.errors
        ]
    return [UserError(field=FIELD_OF_CODE.get(error.code), message=error.message, code=error.code)]


def attempt(action: Callable[[], T]) -> tuple[T | None, list[UserError]]:
    """Run a use case; its refusal becomes userErrors instead of an error of the request."""
    try:
        return action(), []
    except DomainError as error:
        return None, user_errors(error)
