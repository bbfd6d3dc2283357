"""Every Mailer delivers the same message: the local mailbox, a real SMTP server, and SES v2.

Each test sends one ``Email`` and parses what arrived (the .eml file, the bytes the SMTP
server received, the raw data SES stored) as a mail app would.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from slsplay.adapters.aws.ses import SesMailer
from slsplay.adapters.local.mailbox import MailboxMailer
from slsplay.adapters.smtp import SmtpMailer, SmtpServer
from slsplay.ports import CORRELATION_HEADER, Attachment, Email, Mailer, correlation
from tests.contract.conftest import REGION
from tests.support.clock import START, FakeClock
from tests.support.smtp import Inbox, smtp_server

SENDER = "slsplay <no-reply@slsplay.example.com>"
ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
CSV = "\ufeffname,email\r\nZoë,zoe@example.com\r\n".encode()
EMAIL = Email(
    to="zoe@example.com",
    subject="Zoë, you're invited: Founders' fireside chat",
    text="Hello Zoë,\nyou're invited.\n",
    html="<p>Hello Zoë,<br>you&#39;re <strong>invited</strong>.</p>",
    attachments=(
        Attachment("invite.ics", "text/calendar; method=REQUEST; charset=utf-8", ICS),
        Attachment("attendees.csv", "text/csv", CSV),
    ),
    headers={
        "List-Unsubscribe": "<mailto:unsubscribe@slsplay.example.com>, "
        "<https://app.example.com/unsubscribe/u1>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
)


@dataclass
class MailerUnderTest:
    mailer: Mailer
    delivered: Callable[[], list[bytes]]  # raw messages that arrived, oldest first


@pytest.fixture(name="smtp_server")
def running_smtp_server() -> Iterator[tuple[int, Inbox]]:
    """A real SMTP server on 127.0.0.1 and an ephemeral port, stopped after the test."""
    with smtp_server() as running:
        yield running


@pytest.fixture(params=["mailbox", "smtp", "ses"])
def under_test(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MailerUnderTest]:
    """The adapter under test and a way to read what it delivered."""
    if request.param == "mailbox":
        mailbox = MailboxMailer(tmp_path / "mailbox", sender=SENDER, clock=FakeClock())
        yield MailerUnderTest(mailbox, lambda: [m.raw for m in reversed(mailbox.messages())])
        return
    if request.param == "smtp":
        port, inbox = request.getfixturevalue("smtp_server")
        yield MailerUnderTest(
            SmtpMailer(f"smtp://127.0.0.1:{port}", sender=SENDER), lambda: inbox.messages
        )
        return
    request.getfixturevalue("aws_credentials")
    with mock_aws():
        boto3.client("sesv2", region_name=REGION).create_email_identity(
            EmailIdentity="no-reply@slsplay.example.com"
        )
        backend = ses_backends[DEFAULT_ACCOUNT_ID][REGION]
        yield MailerUnderTest(
            SesMailer(lambda service: boto3.client(service, region_name=REGION), SENDER),
            lambda: [m.raw_data.encode() for m in backend.sent_messages],
        )


def parsed(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def only_delivery(under_test: MailerUnderTest) -> EmailMessage:
    (raw,) = under_test.delivered()
    return parsed(raw)


def test_the_message_reaches_the_recipient_with_its_subject_and_sender(
    under_test: MailerUnderTest,
) -> None:
    message_id = under_test.mailer.send(EMAIL)

    message = only_delivery(under_test)
    assert message_id
    assert message["To"] == "zoe@example.com"
    assert message["Subject"] == EMAIL.subject
    assert message["From"] == SENDER
    assert message["Date"] is not None
    assert message["Message-ID"] is not None


def test_the_message_carries_both_alternatives(under_test: MailerUnderTest) -> None:
    under_test.mailer.send(EMAIL)

    message = only_delivery(under_test)
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    assert text.get_content().replace("\r\n", "\n") == EMAIL.text
    assert html.get_content().replace("\r\n", "\n").rstrip("\n") == EMAIL.html


def test_the_attachments_arrive_with_their_names_types_and_bytes(
    under_test: MailerUnderTest,
) -> None:
    under_test.mailer.send(EMAIL)

    message = only_delivery(under_test)
    assert message.get_content_type() == "multipart/mixed"
    attachments = {
        part.get_filename(): (part.get_content_type(), part.get_payload(decode=True))
        for part in message.iter_attachments()
    }
    assert attachments == {
        "invite.ics": ("text/calendar", ICS),
        "attendees.csv": ("text/csv", CSV),
    }


def test_calendar_apps_find_the_invitation_inline_with_its_method(
    under_test: MailerUnderTest,
) -> None:
    under_test.mailer.send(EMAIL)

    message = only_delivery(under_test)
    (alternative,) = [p for p in message.walk() if p.get_content_type() == "multipart/alternative"]
    kinds = [(p.get_content_type(), p.get_param("method")) for p in alternative.iter_parts()]
    assert kinds == [
        ("text/plain", None),
        ("text/html", None),
        ("text/calendar", "REQUEST"),
    ]


def test_the_message_can_be_unsubscribed_from(under_test: MailerUnderTest) -> None:
    under_test.mailer.send(EMAIL)

    message = only_delivery(under_test)
    assert message["List-Unsubscribe"] == EMAIL.headers["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_message_sent_under_a_correlation_id_names_it_in_a_header(
    under_test: MailerUnderTest,
) -> None:
    with correlation("publish-1"):
        under_test.mailer.send(EMAIL)

    assert only_delivery(under_test)[CORRELATION_HEADER] == "publish-1"


def test_a_message_without_attachments_is_just_the_two_alternatives(
    under_test: MailerUnderTest,
) -> None:
    under_test.mailer.send(Email(to="zoe@example.com", subject="Hi", text="Hi", html="<p>Hi</p>"))

    message = only_delivery(under_test)
    assert message.get_content_type() == "multipart/alternative"
    assert list(message.iter_attachments()) == []


# -- what only one adapter does -------------------------------------------------------------


def test_the_mailbox_lists_messages_newest_first_in_the_dev_mail_shape(tmp_path: Path) -> None:
    clock = FakeClock()
    mailbox = MailboxMailer(tmp_path / "mailbox", sender=SENDER, clock=clock)
    mailbox.send(EMAIL)
    clock.advance(minutes=1)
    mailbox.send(Email(to="bob@example.com", subject="Second", text="2", html="<p>2</p>"))

    listed = [m.as_json() for m in mailbox.messages()]

    assert [m["subject"] for m in listed] == ["Second", EMAIL.subject]
    newest, oldest = listed
    assert set(oldest) == {"id", "to", "subject", "text", "html", "attachments", "sent_at"}
    assert oldest["to"] == "zoe@example.com"
    assert oldest["text"] == EMAIL.text
    assert oldest["attachments"] == [
        {"filename": "invite.ics", "content_type": "text/calendar"},
        {"filename": "attendees.csv", "content_type": "text/csv"},
    ]
    assert oldest["sent_at"] == START.isoformat()
    assert newest["attachments"] == []
    one = mailbox.message(oldest["id"])
    assert one is not None
    assert parsed(one.raw)["Subject"] == EMAIL.subject


def test_the_mailbox_keeps_one_copy_of_a_message_sent_again_with_its_message_id(
    tmp_path: Path,
) -> None:
    mailbox = MailboxMailer(tmp_path / "mailbox", sender=SENDER)
    stable = replace(EMAIL, message_id="<invitation.m1.zoe@slsplay.example.com>")

    first = mailbox.send(stable)
    again = mailbox.send(stable)
    mailbox.send(EMAIL)  # no stable id: a fresh one, another message

    assert first == again == "<invitation.m1.zoe@slsplay.example.com>"
    assert len(mailbox.messages()) == 2
    assert sorted(p.suffix for p in (tmp_path / "mailbox").iterdir()) == [".eml"] * 2


def test_smtp_and_the_mailbox_send_a_stable_message_id_as_it_is(
    tmp_path: Path, smtp_server: tuple[int, Any]
) -> None:
    # (SES replaces every Message-ID with one of its own, so only these two can keep it.)
    port, inbox = smtp_server
    stable = replace(EMAIL, message_id="<invitation.m1.zoe@slsplay.example.com>")
    mailbox = MailboxMailer(tmp_path / "mailbox", sender=SENDER)

    SmtpMailer(f"smtp://127.0.0.1:{port}", sender=SENDER).send(stable)
    mailbox.send(stable)

    [received] = inbox.messages
    [kept] = mailbox.messages()
    assert parsed(received)["Message-ID"] == stable.message_id
    assert parsed(kept.raw)["Message-ID"] == stable.message_id


def test_a_message_id_that_is_not_one_is_refused(under_test: MailerUnderTest) -> None:
    with pytest.raises(ValueError, match="Message-ID"):
        under_test.mailer.send(replace(EMAIL, message_id="not an id\r\nBcc: eve@example.com"))


def test_the_mailbox_leaves_no_partial_files_and_refuses_odd_ids(tmp_path: Path) -> None:
    mailbox = MailboxMailer(tmp_path / "mailbox", sender=SENDER)
    for _ in range(3):
        mailbox.send(EMAIL)

    assert sorted(p.suffix for p in (tmp_path / "mailbox").iterdir()) == [".eml"] * 3
    assert len(mailbox.messages(limit=2)) == 2
    assert mailbox.message("../../etc/passwd") is None
    assert MailboxMailer(tmp_path / "nowhere").messages() == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://localhost:1025", SmtpServer("localhost", 1025, "none")),
        ("smtp+starttls://mail.example.com", SmtpServer("mail.example.com", 587, "starttls")),
        (
            "smtps://user%40example.com:p%3Ass@mail.example.com:2465",
            SmtpServer("mail.example.com", 2465, "tls", "user@example.com", "p:ss"),
        ),
    ],
)
def test_the_smtp_url_says_where_and_how_to_deliver(url: str, expected: SmtpServer) -> None:
    assert SmtpServer.from_url(url) == expected


def test_an_smtp_url_of_another_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="smtp://"):
        SmtpServer.from_url("http://mail.example.com")


def test_smtp_delivers_to_the_recipient_of_the_email(smtp_server: tuple[int, Any]) -> None:
    port, inbox = smtp_server
    SmtpMailer(f"smtp://127.0.0.1:{port}", sender=SENDER).send(EMAIL)

    assert inbox.recipients == [["zoe@example.com"]]
