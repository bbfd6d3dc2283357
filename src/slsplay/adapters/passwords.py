"""Password hashing with argon2id (RFC 9106), the same locally and in the cloud."""

from __future__ import annotations

from argon2 import PasswordHasher as _Argon2
from argon2.exceptions import InvalidHashError, VerificationError


class Argon2PasswordHasher:
    """argon2-cffi's defaults: argon2id, 64 MiB, 3 passes (RFC 9106's second recommendation)."""

    def __init__(self) -> None:
        self._argon2 = _Argon2()

    def hash(self, password: str) -> str:
        """A salted argon2id hash in PHC string form."""
        return self._argon2.hash(password)

    def verify(self, stored_hash: str, password: str) -> bool:
        """Whether the password matches; a malformed stored hash never matches."""
        try:
            return self._argon2.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False
