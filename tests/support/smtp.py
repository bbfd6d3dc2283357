"""A real SMTP server (aiosmtpd) on 127.0.0.1 for tests, which can be told to refuse mail."""

from __future__ import annotations

import asyncio
import email
import email.policy
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage

from aiosmtpd.smtp import SMTP, Envelope, Session

# What the server answers a message: None to accept it, else an SMTP reply such as
# "451 4.3.0 try again later" (a temporary failure) or "550 5.1.1 no such user".
Refusal = Callable[[list[str]], str | None]


class Inbox:
    """An aiosmtpd handler that keeps what it accepts and answers ``refuse`` first."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.recipients: list[list[str]] = []
        self.refused = 0
        self.refuse: Refusal = lambda recipients: None

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.content, bytes)
        refusal = self.refuse(list(envelope.rcpt_tos))
        if refusal is not None:
            self.refused += 1
            return refusal
        self.messages.append(envelope.content)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def parsed(self) -> list[EmailMessage]:
        """The accepted messages, as a mail app reads them."""
        return [
            email.message_from_bytes(raw, _class=EmailMessage, policy=email.policy.default)
            for raw in self.messages
        ]


@contextmanager
def smtp_server() -> Iterator[tuple[int, Inbox]]:
    """An SMTP server on 127.0.0.1 and an ephemeral port, and its inbox; stopped after."""
    inbox = Inbox()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    server = asyncio.run_coroutine_threadsafe(
        loop.create_server(lambda: SMTP(inbox), host="127.0.0.1", port=0), loop
    ).result(timeout=5)
    port = server.sockets[0].getsockname()[1]
    try:
        yield port, inbox
    finally:

        async def close() -> None:
            server.close()
            await server.wait_closed()

        asyncio.run_coroutine_threadsafe(close(), loop).result(timeout=5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        loop.close()
