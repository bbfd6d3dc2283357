"""An ``Email`` as the MIME message every mailer sends, and read back from one.

The shape is the one mail and calendar apps expect of an invitation:

    multipart/mixed
      multipart/alternative
        text/plain
        text/html
        text/calendar; method=REQUEST   (only with an .ics: shows "Accept/Decline" inline)
      text/calendar  invite.ics         (attachment)
      text/csv       attendees.csv      (attachment)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid, parseaddr, parsedate_to_datetime

from slsplay.domain.text import cleaned_text
from slsplay.ports import Attachment, Email

DEFAULT_SENDER = "slsplay <no-reply@slsplay.example.com>"
"""The sender when none is configured (``Settings.mail_from`` has the same default)."""

_MESSAGE_ID = re.compile(r"\A<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+>\Z")
# Headers the mailer sets itself; an Email may not override them.
_RESERVED = {"from", "to", "subject", "date", "message-id", "mime-version", "content-type"}


def to_mime(email: Email, *, sender: str, now: datetime) -> EmailMessage:
    """The MIME message for ``email`` from ``sender``, dated ``now``, with the email's
    Message-ID or a fresh one."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = email.to
    # Only cleaned text in a header: a control character in a title must not make a relay
    # refuse the message (RFC 5322), nor reach a mail app raw.
    message["Subject"] = cleaned_text(email.subject)
    message["Date"] = format_datetime(now)
    if email.message_id is not None and not _MESSAGE_ID.match(email.message_id):
        raise ValueError(f"{email.message_id!r} is not a Message-ID (<id@domain>)")
    message["Message-ID"] = email.message_id or make_msgid(domain=sender_domain(sender))
    for name, value in email.headers.items():
        if name.lower() in _RESERVED:
            raise ValueError(f"the mailer sets the {name} header itself")
        message[name] = value

    message.set_content(email.text, subtype="plain", cte="quoted-printable")
    message.add_alternative(email.html, subtype="html", cte="quoted-printable")
    attachments = [(a, *_content_type(a)) for a in email.attachments]
    for attachment, maintype, subtype, params in attachments:
        if (maintype, subtype) == ("text", "calendar") and "method" in params:
            # A third alternative besides the attachment: the inline copy that Outlook and
            # Gmail read to show their own Accept/Decline buttons.
            message.add_alternative(
                attachment.content, maintype=maintype, subtype=subtype, params=params
            )
    for attachment, maintype, subtype, params in attachments:
        message.add_attachment(
            attachment.content,
            maintype=maintype,
            subtype=subtype,
            filename=attachment.filename,
            params=params,
        )
    return message


def to_bytes(message: EmailMessage) -> bytes:
    """The message on the wire: CRLF line ends, 7-bit safe."""
    return message.as_bytes(policy=policy.SMTP)


@dataclass(frozen=True)
class AttachmentInfo:
    """An attachment as a mail list shows it."""

    filename: str
    content_type: str


@dataclass(frozen=True)
class ReadMessage:
    """What a person sees of a received message."""

    to: str
    subject: str
    text: str
    html: str
    attachments: tuple[AttachmentInfo, ...]
    sent_at: datetime | None
    message_id: str


def read(raw: bytes) -> ReadMessage:
    """The recipient, subject, both alternatives and the attachments of a raw message."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)  # policy.default parses into EmailMessage
    date = message["Date"]
    return ReadMessage(
        to=str(message["To"] or ""),
        subject=str(message["Subject"] or ""),
        text=_body(message, "plain"),
        html=_body(message, "html"),
        attachments=tuple(
            AttachmentInfo(part.get_filename() or "", part.get_content_type())
            for part in message.iter_attachments()
        ),
        sent_at=parsedate_to_datetime(str(date)) if date else None,
        message_id=str(message["Message-ID"] or ""),
    )


def _body(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    if part is None or part.get_content_subtype() != subtype:
        return ""
    content = part.get_content()
    # The wire form has CRLF line ends; readers of the text want the newlines it was written with.
    return content.replace("\r\n", "\n") if isinstance(content, str) else ""


def _content_type(attachment: Attachment) -> tuple[str, str, dict[str, str]]:
    kind, *raw_params = (piece.strip() for piece in attachment.content_type.split(";"))
    maintype, _, subtype = kind.partition("/")
    if not maintype or not subtype:
        raise ValueError(f"not a content type: {attachment.content_type!r}")
    params = {}
    for raw in raw_params:
        name, _, value = raw.partition("=")
        if name:
            params[name.strip().lower()] = value.strip().strip('"')
    return maintype.lower(), subtype.lower(), params


def sender_domain(sender: str) -> str:
    """The domain of a sender such as ``slsplay <no-reply@example.com>``."""
    address = parseaddr(sender)[1]
    try:
        return Address(addr_spec=address).domain or "slsplay.localhost"
    except (ValueError, IndexError):
        return "slsplay.localhost"
