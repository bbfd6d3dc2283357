"""The local mailbox: every email the product sends, kept as an ``.eml`` file to read.

Developers see these at ``/_dev/mail`` instead of mail reaching anyone. A file is named
after the message's Message-ID (hashed), so an email sent again with the same stable id (see
``Email.message_id``) stays one file, as a mail client folds copies; listing goes by the
time each file was written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from slsplay.mail.mime import DEFAULT_SENDER, ReadMessage, read, to_wire
from slsplay.ports import Clock, Email

_SUFFIX = ".eml"
# The first 32 hex digits of the SHA-256 of the Message-ID.
_ID = re.compile(r"\A[0-9a-f]{32}\Z")


@dataclass(frozen=True)
class MailboxMessage(ReadMessage):
    """One message in the mailbox, as ``GET /api/_dev/mail`` lists it; ``raw`` is the file."""

    id: str
    raw: bytes

    @classmethod
    def of(cls, message_id: str, raw: bytes) -> MailboxMessage:
        """A message read from its raw bytes, as a mail app would."""
        return cls(**vars(read(raw)), id=message_id, raw=raw)

    def as_json(self) -> dict[str, Any]:
        """The shape of DESIGN.md section 5: ``{id, to, subject, text, html, attachments,
        sent_at}``, the time as ISO 8601."""
        return {
            "id": self.id,
            "to": self.to,
            "subject": self.subject,
            "text": self.text,
            "html": self.html,
            "attachments": [
                {"filename": a.filename, "content_type": a.content_type} for a in self.attachments
            ],
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
        }


class MailboxMailer:
    """A ``Mailer`` that writes each message to ``directory`` instead of sending it."""

    def __init__(
        self, directory: Path, *, sender: str = DEFAULT_SENDER, clock: Clock | None = None
    ) -> None:
        self.directory = directory
        self.sender = sender
        self._clock = clock
        self._lock = threading.Lock()
        self._last_ns = 0

    def send(self, email: Email) -> str:
        """Write the message as ``<hash of its Message-ID>.eml``; answers its Message-ID.

        A message whose Message-ID is there already is not written again.
        """
        wire = to_wire(email, sender=self.sender, now=self._now())
        message_id = wire.message_id
        self.directory.mkdir(parents=True, exist_ok=True)
        final = self.directory / f"{_file_id(message_id)}{_SUFFIX}"
        # Written beside its final name, then linked there (which fails if the name is
        # taken, unlike a rename): a reader never sees half a message, and two sends of one
        # Message-ID leave one file. No fsync: a killed process loses nothing the kernel
        # has; a dev mailbox need not survive a power cut.
        descriptor, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.directory)
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(wire.data)
            # The file's time in full nanoseconds, strictly increasing within the process
            # (the kernel's own clock for files ticks in milliseconds): the listing's order.
            written = self._next_ns()
            os.utime(temporary, ns=(written, written))
            with contextlib.suppress(FileExistsError):
                os.link(temporary, final)
        finally:
            Path(temporary).unlink(missing_ok=True)
        return message_id

    def messages(self, limit: int | None = None) -> list[MailboxMessage]:
        """The messages, newest first (at most ``limit`` of them)."""
        if not self.directory.is_dir():
            return []
        written = []
        for entry in os.scandir(self.directory):
            if _ID.match(entry.name.removesuffix(_SUFFIX)) and entry.name.endswith(_SUFFIX):
                with contextlib.suppress(FileNotFoundError):  # deleted meanwhile
                    written.append((entry.stat().st_mtime_ns, entry.name))
        found = []
        for _, name in sorted(written, reverse=True)[:limit]:
            message = self.message(name.removesuffix(_SUFFIX))
            if message is not None:  # deleted meanwhile
                found.append(message)
        return found

    def message(self, message_id: str) -> MailboxMessage | None:
        """One message by its id (the file name without ``.eml``), or ``None``."""
        if not _ID.match(message_id):  # also keeps "../" out of the path
            return None
        try:
            raw = (self.directory / f"{message_id}{_SUFFIX}").read_bytes()
        except FileNotFoundError:
            return None
        return MailboxMessage.of(message_id, raw)

    def _now(self) -> datetime:
        return self._clock.now() if self._clock is not None else datetime.now(UTC)

    def _next_ns(self) -> int:
        with self._lock:
            self._last_ns = max(time.time_ns(), self._last_ns + 1)
            return self._last_ns


def _file_id(message_id: str) -> str:
    return hashlib.sha256(message_id.encode()).hexdigest()[:32]
