"""What a stage's secrets store answers when a secret is not there."""

from __future__ import annotations


class SecretMissing(LookupError):
    """No secret is stored under that name (an optional one, such as a stage's sign-in
    providers, may be absent)."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no secret is stored as {name!r}")
