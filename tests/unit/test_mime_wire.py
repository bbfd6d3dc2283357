"""The wire form of an email, read back by the standard library's parser as a mail app would:
whatever the subject, names and bodies hold, the reader gets them back exactly."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

import pytest

from slsplay.mail.mime import read, to_wire
from slsplay.ports import Attachment, Email
from tests.support.clock import START

SENDER = '"Zoë\'s meetups, Inc." <no-reply@slsplay.example.com>'
LONG_WORDS = "Ünïcödé " * 30
TRICKY_TEXT = (
    "A line with trailing spaces   \n"
    "= an equals sign, a tab\there\n"
    ".\n"
    "From the start of a line\n" + "x" * 300 + "\nWindows line\r\nold Mac line\rend"
)


def parsed(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def wire(**changes: object) -> bytes:
    values: dict[str, object] = {
        "to": "Ada Lovelace <ada@example.com>",
        "subject": "Invitation",
        "text": "Hello\n",
        "html": "<p>Hello</p>",
    }
    values.update(changes)
    return to_wire(Email(**values), sender=SENDER, now=START).data  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "subject",
    ["Plain", "Zoë invited you: Fête", LONG_WORDS.strip(), "word" * 60],
)
def test_any_subject_reads_back_as_written(subject: str) -> None:
    assert str(parsed(wire(subject=subject))["Subject"]) == subject


def test_a_subject_reads_back_on_one_line_without_control_characters() -> None:
    subject = "Fête\x1b[31m  at\tnoon\x00 "

    assert str(parsed(wire(subject=subject))["Subject"]) == "Fête [31m at noon"


def test_names_with_commas_quotes_and_accents_read_back() -> None:
    message = parsed(wire(to='"Lovelace, Ada \\"Countess\\"" <ada@example.com>'))

    assert message["To"].addresses[0].display_name == 'Lovelace, Ada "Countess"'
    assert message["To"].addresses[0].addr_spec == "ada@example.com"
    assert message["From"].addresses[0].display_name == "Zoë's meetups, Inc."


def test_bodies_read_back_with_newlines_as_written() -> None:
    message = read(wire(text=TRICKY_TEXT, html=f"<p>{LONG_WORDS}</p>"))

    assert message.text == TRICKY_TEXT.replace("\r\n", "\n").replace("\r", "\n")
    assert message.html == f"<p>{LONG_WORDS}</p>"


def test_the_wire_is_7_bit_with_short_lines_and_no_defects() -> None:
    data = wire(
        subject=LONG_WORDS,
        text=TRICKY_TEXT,
        attachments=(Attachment("Zoë's list.csv", "text/csv", "é".encode() * 500),),
    )

    assert data.isascii()
    assert all(len(line) <= 78 for line in data.split(b"\r\n"))
    assert b"\n" not in data.replace(b"\r\n", b"")
    message = parsed(data)
    for part in message.walk():
        assert not part.defects
    [attachment] = message.iter_attachments()
    assert attachment.get_filename() == "Zoë's list.csv"
    assert attachment.get_payload(decode=True) == "é".encode() * 500


@pytest.mark.parametrize(
    ("headers", "problem"),
    [
        ({"X-Note": "one\r\nBcc: everyone@example.com"}, "line break"),
        ({"Subject": "another"}, "sets the Subject header itself"),
        ({"Bad Name": "x"}, "not a header name"),
    ],
)
def test_headers_that_would_break_the_message_are_refused(
    headers: dict[str, str], problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        wire(headers=headers)


def test_a_subject_cannot_smuggle_a_header() -> None:
    assert "Bcc" not in parsed(wire(subject="Hi\nBcc: everyone@example.com"))


def test_each_message_gets_its_own_boundaries() -> None:
    attachments = (Attachment("a.txt", "text/plain", b"a"),)

    first, second = wire(attachments=attachments), wire(attachments=attachments)

    assert parsed(first).get_boundary() != parsed(second).get_boundary()
