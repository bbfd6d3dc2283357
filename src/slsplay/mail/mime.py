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

import base64
import binascii
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, formataddr, make_msgid, parseaddr, parsedate_to_datetime
from urllib.parse import quote

from slsplay.domain.text import cleaned_text
from slsplay.ports import CORRELATION_HEADER, Attachment, Email, correlation_id

DEFAULT_SENDER = "slsplay <no-reply@slsplay.example.com>"
"""The sender when none is configured (``Settings.mail_from`` has the same default)."""

_MESSAGE_ID = re.compile(r"\A<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+>\Z")
# Headers the mailer sets itself; an Email may not override them.
_RESERVED = {"from", "to", "subject", "date", "message-id", "mime-version", "content-type"}


@dataclass(frozen=True)
class Wire:
    """A message as it goes on the wire, and the Message-ID it carries."""

    message_id: str
    data: bytes


def to_wire(email: Email, *, sender: str, now: datetime) -> Wire:
    """The MIME message for ``email`` from ``sender``, dated ``now``, with the email's
    Message-ID or a fresh one: CRLF line ends, 7-bit safe.

    Written out directly rather than through ``email.message``, whose header objects made
    up most of the cost of an invitation (a published meetup sends thousands). The shape
    is the one of the module docstring; ``read`` (the standard parser) reads it back.
    """
    if email.message_id is not None and not _MESSAGE_ID.match(email.message_id):
        raise ValueError(f"{email.message_id!r} is not a Message-ID (<id@domain>)")
    message_id = email.message_id or make_msgid(domain=sender_domain(sender))
    head = [
        _header("From", _address(sender)),
        _header("To", _address(email.to)),
        # Only cleaned text in a header: a control character in a title must not make a
        # relay refuse the message (RFC 5322), nor reach a mail app raw.
        _header("Subject", cleaned_text(email.subject)),
        _header("Date", format_datetime(now)),
        _header("Message-ID", message_id),
    ]
    for name, value in email.headers.items():
        if name.lower() in _RESERVED:
            raise ValueError(f"the mailer sets the {name} header itself")
        if not _HEADER_NAME.match(name):
            raise ValueError(f"{name!r} is not a header name")
        head.append(_header(name, value))
    correlation = correlation_id()
    if correlation is not None:  # the request this email came of, to find in the logs
        head.append(_header(CORRELATION_HEADER, correlation))
    head.append(b"MIME-Version: 1.0\r\n")

    alternatives = [_text_part(email.text, "plain"), _text_part(email.html, "html")]
    attachments = [(a, *_content_type(a)) for a in email.attachments]
    for attachment, maintype, subtype, params in attachments:
        if (maintype, subtype) == ("text", "calendar") and "method" in params:
            # A third alternative besides the attachment: the inline copy that Outlook and
            # Gmail read to show their own Accept/Decline buttons.
            alternatives.append(_binary_part(attachment.content, f"{maintype}/{subtype}", params))
    body = _multipart("alternative", alternatives)
    if attachments:
        files = [
            _binary_part(a.content, f"{maintype}/{subtype}", params, filename=a.filename)
            for a, maintype, subtype, params in attachments
        ]
        body = _multipart("mixed", [body, *files])
    return Wire(message_id, b"".join(head) + body)


# RFC 5322: a field name is printable ASCII but the colon.
_HEADER_NAME = re.compile(r"\A[!-9;-~]+\Z")
# A boundary that cannot occur in the parts: quoted-printable writes "=" only before two hex
# digits or a line end, and base64 has no "_".
_BOUNDARY = "=_slsplay_"
# RFC 5322 asks lines to be at most 78 characters, and allows 998.
_LINE = 78
_MAX_LINE = 998


def _header(name: str, value: str) -> bytes:
    if "\r" in value or "\n" in value:
        raise ValueError(f"the {name} header may not hold a line break")
    if value.isascii():
        return f"{_folded(f'{name}: {value}')}\r\n".encode("ascii")
    # Not ASCII: RFC 2047 words, folded between them.
    words = Header(value, "utf-8", header_name=name).encode(linesep="\r\n", maxlinelen=_LINE)
    return f"{name}: {words}\r\n".encode("ascii")


def _folded(line: str) -> str:
    """A header ``line`` folded before spaces into lines of at most 78 characters where it
    can be (RFC 5322 2.2.3); a longer word stays whole, up to the 998 allowed."""
    lines = []
    start = line.index(": ") + 2  # never fold between the name and its value
    while len(line) > _LINE:
        cut = line.rfind(" ", start, _LINE)
        if cut == -1:
            cut = line.find(" ", _LINE)
        if cut == -1 or not line[cut:].strip():  # no line may be only whitespace
            break
        lines.append(line[:cut])
        line, start = line[cut:], 1
    lines.append(line)
    if max(len(piece) for piece in lines) > _MAX_LINE:
        raise ValueError(f"a word of the header {line.partition(':')[0]} is too long")
    return "\r\n".join(lines)


def _address(value: str) -> str:
    name, address = parseaddr(value)
    if not address or "@" not in address:
        raise ValueError(f"{value!r} is not an email address")
    return formataddr((name, address), charset="utf-8")


def _text_part(text: str, subtype: str) -> bytes:
    # One kind of line end (the wire's CRLF), then quoted-printable, soft breaks at 76.
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    encoded = binascii.b2a_qp(normal.encode("utf-8"), istext=True).replace(b"\n", b"\r\n")
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    ).encode("ascii") + encoded


def _binary_part(
    content: bytes, content_type: str, params: dict[str, str], *, filename: str | None = None
) -> bytes:
    all_params = dict(params)
    if filename is not None:
        all_params["name"] = filename
    head = [f"Content-Type: {content_type}{_params(all_params)}"]
    if filename is not None:
        head.append(f"Content-Disposition: attachment{_params({'filename': filename})}")
    head.append("Content-Transfer-Encoding: base64")
    lines = "".join(f"{line}\r\n" for line in head)
    encoded = base64.encodebytes(content).replace(b"\n", b"\r\n")
    return f"{lines}\r\n".encode("ascii") + encoded


def _params(params: dict[str, str]) -> str:
    pieces = []
    for name, value in params.items():
        if not value.isascii() or '"' in value or "\\" in value or "\r" in value or "\n" in value:
            # RFC 2231: a value of any characters, percent-encoded UTF-8.
            pieces.append(f"; {name}*=utf-8''{quote(value, safe='')}")
        else:
            pieces.append(f'; {name}="{value}"')
    return "".join(pieces)


def _multipart(subtype: str, parts: list[bytes]) -> bytes:
    boundary = f"{_BOUNDARY}{secrets.token_hex(8)}"
    separator = f"--{boundary}\r\n".encode("ascii")
    head = f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n\r\n'
    # The line end before each boundary belongs to the boundary (RFC 2046), not to the part.
    body = b"".join(separator + part + b"\r\n" for part in parts)
    return head.encode("ascii") + body + f"--{boundary}--\r\n".encode("ascii")


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


def attachment(raw: bytes, index: int) -> Attachment | None:
    """The ``index``-th attachment of a raw message, in the order ``read`` lists them, with
    its content; ``None`` when it has fewer."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)  # policy.default parses into EmailMessage
    for position, part in enumerate(message.iter_attachments()):
        if position == index:
            content = part.get_payload(decode=True)
            return Attachment(
                part.get_filename() or "",
                part.get_content_type(),
                content if isinstance(content, bytes) else b"",
            )
    return None


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
