"""The local mailbox, for people and tests: ``GET /api/_dev/mail`` (JSON), ``/_dev/mail``
(HTML), and each message's attachments to download at ``/_dev/mail/<id>/attachments/<n>``.

Local development only: the runtime serves these itself; they are in no template and are
never deployed. Each message's HTML is shown in a sandboxed frame, so a message's markup
cannot script the page; its links open at the top level (a new tab where the email asks for
one), as they would from a mail app, not inside the frame.
"""

from __future__ import annotations

import html
import json
import re
import urllib.request
from typing import Any, Protocol
from urllib.parse import quote

from starlette.responses import HTMLResponse, JSONResponse, Response

from slsplay.adapters.local.mailbox import MailboxMessage
from slsplay.mail.mime import attachment

LIST_LIMIT = 200
JSON_PATH = "/api/_dev/mail"
PAGE_PATH = "/_dev/mail"
_ATTACHMENT_PATH = re.compile(r"\A/_dev/mail/([^/]{1,200})/attachments/(\d{1,4})\Z")
# No allow-scripts: the email's markup runs nothing. A person's click on a link may take the
# whole tab (the <base> below aims the email's links there) or open a tab of its own, which
# leaves the sandbox: the app it opens must run its scripts.
FRAME_SANDBOX = (
    "allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox"
)
TOP_LEVEL_LINKS = '<base target="_top">'
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
NO_ATTACHMENT = {
    "type": "urn:slsplay:problem:not_found",
    "title": "Not Found",
    "status": 404,
    "detail": "The mailbox has no such message, or the message no such attachment.",
    "code": "not_found",
}


class Mailbox(Protocol):
    """Where the runtime reads back the mail the functions sent."""

    def messages(self, limit: int | None = None) -> list[MailboxMessage]:
        """The messages, newest first (at most ``limit`` of them)."""
        ...

    def message(self, message_id: str) -> MailboxMessage | None:
        """One message by its id, or ``None``."""
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

    def message(self, message_id: str) -> MailboxMessage | None:
        """One message SES accepted, by its id (SES keeps no index by id: all are read)."""
        return next((m for m in self.messages() if m.id == message_id), None)


def is_mail_path(path: str) -> bool:
    """Whether ``path`` is one of the mailbox's own (answered to GET)."""
    return path in (JSON_PATH, PAGE_PATH) or path.startswith(f"{PAGE_PATH}/")


def answer(mailbox: Mailbox, path: str) -> Response:
    """The mailbox's answer to ``GET path``: its JSON, its page, or one attachment."""
    if path == JSON_PATH:
        return JSONResponse(mail_json(mailbox))
    if path == PAGE_PATH:
        return HTMLResponse(mail_page(mailbox))
    return attachment_download(mailbox, path)


def attachment_download(mailbox: Mailbox, path: str) -> Response:
    """``/_dev/mail/<id>/attachments/<n>``: the file, as a download of its own type and name."""
    matched = _ATTACHMENT_PATH.match(path)
    message = mailbox.message(matched[1]) if matched else None
    found = attachment(message.raw, int(matched[2])) if message and matched else None
    if found is None:
        return JSONResponse(NO_ATTACHMENT, 404, media_type="application/problem+json")
    name = quote(found.filename or "attachment", safe="")
    return Response(
        found.content,
        media_type=found.content_type,
        headers={
            "content-disposition": f"attachment; filename*=utf-8''{name}",
            "x-content-type-options": "nosniff",
        },
    )


def mail_json(mailbox: Mailbox, limit: int = LIST_LIMIT) -> dict[str, Any]:
    """``{messages: [...]}`` newest first, in the shape DESIGN.md section 5 gives."""
    return {"messages": [m.as_json() for m in mailbox.messages(limit=limit)]}


def mail_page(mailbox: Mailbox, limit: int = LIST_LIMIT) -> str:
    """The mailbox as an HTML page: one entry per message, its HTML in a sandboxed frame, a
    link to download each attachment."""
    entries = []
    for message in mailbox.messages(limit=limit):
        attachments = (
            ", ".join(
                f'<a href="{PAGE_PATH}/{quote(message.id, safe="")}/attachments/{index}" '
                f'download="{html.escape(a.filename)}">{html.escape(a.filename)}</a>'
                for index, a in enumerate(message.attachments)
            )
            or "none"
        )
        entries.append(
            "<article>"
            f"<h2>{html.escape(message.subject)}</h2>"
            f"<p class=meta>To {html.escape(message.to)} · "
            f"{html.escape(message.sent_at.isoformat() if message.sent_at else '')} · "
            f"attachments: {attachments}</p>"
            f'<iframe sandbox="{FRAME_SANDBOX}" title="{html.escape(message.subject)}" '
            f'srcdoc="{html.escape(_links_at_the_top(message.html), quote=True)}"></iframe>'
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


def _links_at_the_top(markup: str) -> str:
    """The email's HTML with its links aimed at the whole tab rather than the frame."""
    head = _HEAD.search(markup)
    # In its head, after any doctype: a <base> before the doctype would put it in quirks mode.
    at = head.end() if head is not None else 0
    return f"{markup[:at]}{TOP_LEVEL_LINKS}{markup[at:]}"
