"""A ``Mailer`` on Amazon SES (v2 API), sending the same raw MIME as the other mailers.

The client is built on first use, never at import, so a function that sends no mail pays
nothing for it at cold start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from slsplay.mail.mime import to_wire
from slsplay.ports import Email

if TYPE_CHECKING:
    from mypy_boto3_sesv2 import SESV2Client


class SesMailer:
    """Sends through SES v2 ``SendEmail`` with raw content; ``sender`` must be verified."""

    def __init__(self, client_factory: Callable[[str], Any], sender: str) -> None:
        self._client_factory = client_factory
        self.sender = sender
        self._client: SESV2Client | None = None

    @property
    def client(self) -> SESV2Client:
        """The SES v2 client, built the first time it is needed."""
        if self._client is None:
            self._client = self._client_factory("sesv2")
        return self._client

    def send(self, email: Email) -> str:
        """Send one message; answers the id SES gives it.

        SES replaces the Message-ID header with one made from that id, so the id is
        what bounce and complaint notifications will name.
        """
        wire = to_wire(email, sender=self.sender, now=datetime.now(UTC))
        response = self.client.send_email(
            FromEmailAddress=self.sender,
            Destination={"ToAddresses": [email.to]},
            Content={"Raw": {"Data": wire.data}},
        )
        return response["MessageId"]
