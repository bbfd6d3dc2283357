"""The local mailbox, for people and tests: ``GET /api/_dev/mail`` (JSON), ``/_dev/mail`` (HTML).

Local development only: the runtime serves these itself; they are in no template and are
never deployed. Each message's HTML is shown in a sandboxed frame, so a message's markup
cannot script the page.
"""

from __future__ import annotations

import html
import json
import urllib.request
from typing import Any, Protocol

from slsplay.adapters.local.mailbox import MailboxMessage

LIST_LIMIT = 200


class Mailbox(Protocol):
    """Where the runtime reads back the mail the functions sent."""

    def messages(self, limit: int | None = None) -> list[MailboxMessage]:
        """The messages, newest first (at most ``limit`` of them)."""
        ...


class EmulatedSesOutbox:
    """What SES accepted on an emulated endpoint (moto's server keeps it at
    ``/moto-api/data.json``): the mailbox of the runtime's AWS backend."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint.rstrip("/")

    def messages(self, limit: int | None = None) -> list[MailboxMessage]:
        """The raw messages SES accepted, newest first."""
        with urllib.request.urlopen(f"{self.endpoint}/moto-api/data.json", timeout=10) as answer:  # noqa: S310  (the configured endpoint)
            sent = json.load(answer).get("ses", {}).get("RawMessage", [])
        return [
            MailboxMessage.of(entry["id"], entry["raw_data"].encode())
            for entry in reversed(sent[-limit:] if limit else sent)
        ]


def mail_json(mailbox: Mailbox, limit: int = LIST_LIMIT) -> dict[str, Any]:
    """``{messages: [...]}`` newest first, in the shape DESIGN.md section 5 gives."""
    return {"messages": [m.as_json() for m in mailbox.messages(limit=limit)]}


def mail_page(mailbox: Mailbox, limit: int = LIST_LIMIT) -> str:
    """The mailbox as an HTML page: one entry per message, its HTML in a sandboxed frame."""
    entries = []
    for message in mailbox.messages(limit=limit):
        attachments = ", ".join(html.escape(a.filename) for a in message.attachments) or "none"
        entries.append(
            "<article>"
            f"<h2>{html.escape(message.subject)}</h2>"
            f"<p class=meta>To {html.escape(message.to)} · "
            f"{html.escape(message.sent_at.isoformat() if message.sent_at else '')} · "
            f"attachments: {attachments}</p>"
            f'<iframe sandbox title="{html.escape(message.subject)}" '
            f'srcdoc="{html.escape(message.html, quote=True)}"></iframe>'
            "<details><summary>Plain text</summary>"
            f"<pre>{html.escape(message.text)}</pre></details>"
            "</article>"
        )
    body = "".join(entries) or "<p>No mail yet. Publish a meetup to send invitations.</p>"
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width, initial-scale=1">'
        "<title>slsplay · local mailbox</title><style>"
        "body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:0 auto;padding:1rem;"
        "color:#1a1a1a}article{border-bottom:1px solid #ddd;padding:1rem 0}"
        "h2{font-size:1.1rem;margin:0}.meta{color:#555;margin:.25rem 0}"
        "iframe{width:100%;height:28rem;border:1px solid #ccc;border-radius:6px}"
        "</style></head><body><h1>Local mailbox</h1>"
        "<p>Mail slsplay sent while running locally, newest first. As JSON: "
        '<a href="/api/_dev/mail">/api/_dev/mail</a>.</p>'
        f"{body}</body></html>"
    )
