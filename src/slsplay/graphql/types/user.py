"""Who uses the web app: an account or a guest, and the session a sign-in hands out."""

from __future__ import annotations

from typing import Any

import strawberry

from slsplay.graphql.relay import Node, to_global_id
from slsplay.services.auth import Session as DomainSession


@strawberry.type
class User(Node):
    email: str | None
    name: str | None
    is_guest: bool
    email_verified: bool = strawberry.field(
        default=False, description="The address was proved (an emailed link or code)."
    )


def to_user(user: Any) -> User:
    """A user of the services as the schema shows them."""
    return User(
        id=to_global_id("User", user.id),
        email=user.email,
        name=user.name,
        is_guest=user.is_guest,
        email_verified=user.email_verified,
    )


@strawberry.type
class Session:
    user: User
    access_token: str
    refresh_token: str | None = strawberry.field(
        description="null for the web app (X-Slsplay-Client: web): its HttpOnly cookie holds it."
    )
    token_type: str = "Bearer"  # noqa: S105  (the scheme's name, not a secret)
    expires_in: int = 0


def to_session(session: DomainSession) -> Session:
    """A signed-in session with its tokens, as the schema shows it."""
    return Session(
        user=to_user(session.user),
        access_token=session.access_token,
        refresh_token=session.refresh_token,
        expires_in=session.expires_in,
    )
