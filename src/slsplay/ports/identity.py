"""Who someone is: password hashes, signed access tokens, and the social sign-in
providers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol


class PasswordHasher(Protocol):
    """One-way password hashing (argon2id in every environment)."""

    def hash(self, password: str) -> str:
        """A salted hash to store."""
        ...

    def verify(self, stored_hash: str, password: str) -> bool:
        """Whether ``password`` matches ``stored_hash``."""
        ...


class AccessTokens(Protocol):
    """Short-lived signed access tokens, and the public keys that verify them."""

    issuer: str
    audience: str
    lifetime_seconds: int

    def sign(self, claims: Mapping[str, Any]) -> str:
        """A token carrying ``claims`` plus issuer, audience and times."""
        ...

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of a valid token; ``Unauthorized`` for anything else."""
        ...

    def jwks(self) -> dict[str, Any]:
        """The JSON Web Key Set of the verification keys."""
        ...


# -- social sign-in ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """Who a provider says signed in: its own id for them, and their address if it has one
    (``email_verified``: the provider says the address is theirs)."""

    provider: str
    subject: str
    email: str | None
    email_verified: bool
    name: str | None


class SignInRefused(Exception):
    """The provider's answer was not one to trust (or it refused): ``code`` says which."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


class IdentityProviders(Protocol):
    """The sign-in providers configured (OpenID Connect by discovery, GitHub's OAuth 2):
    the authorization-code flow with PKCE, the ID token checked (signature, issuer,
    audience, expiry, nonce)."""

    def names(self) -> list[str]:
        """The configured providers, in the order to show them."""
        ...

    def authorization_url(
        self, provider: str, *, redirect_uri: str, state: str, nonce: str, code_verifier: str
    ) -> str:
        """Where to send the person to sign in at ``provider``."""
        ...

    def identity(
        self, provider: str, *, code: str, redirect_uri: str, code_verifier: str, nonce: str
    ) -> Identity:
        """Trade the code for who signed in; ``SignInRefused`` for anything not to trust."""
        ...
