"""A ``Mailer`` for any SMTP server (a local Mailpit or MailHog, or a provider's relay).

``SLSPLAY_SMTP_URL`` says where and how:

- ``smtp://host:port``: plain SMTP (a local catcher);
- ``smtp+starttls://user:pass@host:587``: upgraded to TLS with STARTTLS;
- ``smtps://user:pass@host:465``: TLS from the first byte.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parseaddr
from urllib.parse import unquote, urlsplit

from slsplay.mail.mime import DEFAULT_SENDER, to_wire
from slsplay.ports import Email

_DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class SmtpServer:
    """Where to deliver: host, port, how to secure the connection, and a login if any."""

    host: str
    port: int
    security: str  # "none", "starttls" or "tls"
    username: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        """The server an ``smtp://``, ``smtp+starttls://`` or ``smtps://`` URL names."""
        parts = urlsplit(url)
        if parts.scheme not in _DEFAULT_PORTS:
            raise ValueError("an SMTP URL starts with smtp://, smtp+starttls:// or smtps://")
        if not parts.hostname:
            raise ValueError("an SMTP URL needs a host")
        security = {"smtp": "none", "smtp+starttls": "starttls", "smtps": "tls"}[parts.scheme]
        return cls(
            host=parts.hostname,
            port=parts.port or _DEFAULT_PORTS[parts.scheme],
            security=security,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


class SmtpMailer:
    """Sends each message over its own SMTP connection."""

    def __init__(self, url: str, *, sender: str = DEFAULT_SENDER) -> None:
        self.server = SmtpServer.from_url(url)
        self.sender = sender

    def send(self, email: Email) -> str:
        """Deliver one message; answers its Message-ID."""
        wire = to_wire(email, sender=self.sender, now=datetime.now(UTC))
        with self._connect() as connection:
            if self.server.username is not None:
                connection.login(self.server.username, self.server.password or "")
            connection.sendmail(parseaddr(self.sender)[1], [parseaddr(email.to)[1]], wire.data)
        return wire.message_id

    def _connect(self) -> smtplib.SMTP:
        # One connection per message keeps the adapter stateless between Lambda-style
        # invocations; a consumer sends a batch of at most a few messages at a time.
        server = self.server
        if server.security == "tls":
            return smtplib.SMTP_SSL(
                server.host,
                server.port,
                timeout=_TIMEOUT_SECONDS,
                context=ssl.create_default_context(),
            )
        connection = smtplib.SMTP(server.host, server.port, timeout=_TIMEOUT_SECONDS)
        if server.security == "starttls":
            connection.starttls(context=ssl.create_default_context())
        return connection
