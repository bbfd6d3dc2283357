"""Where the person's sign-in is kept between runs: the platform's secure storage (Keychain,
Android's keystore-backed storage, Secret Service) through keyring where a backend exists,
else a file in the app's data directory that only its owner can read (0600), as the web app
keeps its refresh token out of a page's reach."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

SERVICE = "dev.slsplay.app"


@dataclass(frozen=True)
class Tokens:
    """A sign-in: the bearer token, the token that renews it, and whose they are."""

    access_token: str
    refresh_token: str | None
    user_id: str
    name: str
    is_guest: bool


class TokenStore:
    """Keeps one sign-in per API address."""

    def __init__(self, data_dir: Path, *, use_keyring: bool | None = None) -> None:
        self._file = data_dir / "sign-in.json"
        self._keyring = _usable_keyring() if use_keyring is None else use_keyring

    @property
    def secure(self) -> bool:
        """Whether the platform's secure storage holds the tokens (else the 0600 file)."""
        return self._keyring

    def load(self, api: str) -> Tokens | None:
        """The sign-in kept for ``api``, if any."""
        text = self._read(api)
        if not text:
            return None
        try:
            return Tokens(**json.loads(text))
        except (TypeError, ValueError):
            return None

    def save(self, api: str, tokens: Tokens) -> None:
        """Keep ``tokens`` as the sign-in for ``api``."""
        text = json.dumps(asdict(tokens))
        if self._keyring:
            import keyring  # noqa: PLC0415  (loads its backends: only when there is one)

            keyring.set_password(SERVICE, api, text)
            return
        entries = self._entries()
        entries[api] = text
        self._write(entries)

    def clear(self, api: str) -> None:
        """Forget the sign-in for ``api`` (signing out)."""
        if self._keyring:
            import keyring  # noqa: PLC0415
            from keyring.errors import PasswordDeleteError  # noqa: PLC0415

            with contextlib.suppress(PasswordDeleteError):
                keyring.delete_password(SERVICE, api)
            return
        entries = self._entries()
        if entries.pop(api, None) is not None:
            self._write(entries)

    def _read(self, api: str) -> str | None:
        if self._keyring:
            import keyring  # noqa: PLC0415

            return keyring.get_password(SERVICE, api)
        return self._entries().get(api)

    def _entries(self) -> dict[str, str]:
        try:
            entries = json.loads(self._file.read_text())
        except (OSError, ValueError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def _write(self, entries: dict[str, str]) -> None:
        self._file.parent.mkdir(parents=True, exist_ok=True)
        # Created 0600 from the start: never readable by others, not even for a moment.
        descriptor = os.open(self._file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            json.dump(entries, file)
        os.chmod(self._file, 0o600)


def _usable_keyring() -> bool:
    """Whether keyring has a real backend here (not its "fail" or plaintext ones)."""
    try:
        import keyring  # noqa: PLC0415
        from keyring.backends import fail  # noqa: PLC0415
    except ImportError:
        return False
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    # A chainer with no backends, or Secret Service without a running daemon, has priority 0.
    try:
        return float(backend.priority) > 0
    except Exception:
        return False
