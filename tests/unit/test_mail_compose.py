"""What invitees and organizers read in the product's emails, and what their calendar does."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from icalendar import Calendar

from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.meetups import Meetup
from slsplay.domain.money import Price
from slsplay.mail.compose import (
    Unsubscribe,
    account_email,
    answer_confirmation_email,
    attendee_list_email,
    cancellation_email,
    invitation_email,
    reminder_email,
    time_change_email,
)
from slsplay.mail.mime import read, to_wire
from slsplay.ports import Email
from tests.support.clock import START
from tests.support.meetups import published

BASE = "https://app.example.com"
TOKEN = "tok-ada-123"
JOIN = "https://meet.example.com/fireside"
# Emails give an attendee the API's redirect to it, which notes that they joined.
JOIN_THROUGH = f"{BASE}/api/rsvp/{TOKEN}/join"
MAIL_FROM = "slsplay <no-reply@slsplay.example.com>"
UNSUBSCRIBE = Unsubscribe(url=f"{BASE}/api/unsubscribe/u-ada")
# 18:00 UTC on a Tuesday in March 2031 is 19:00 in Berlin (CET, before the clocks change).
STARTS_AT = datetime(2031, 3, 4, 18, 0, tzinfo=UTC)
BERLIN_START = "Tuesday 4 March 2031, 19:00 (Europe/Berlin)"


def meetup(**overrides: object) -> Meetup:
    values: dict[str, object] = {"starts_at": STARTS_AT, "join_url": JOIN, **overrides}
    return published(**values)


def invitation(
    response: Answer = Answer.NONE, *, email: str = "ada@example.com", name: str = "Ada"
) -> Invitation:
    answered = START + timedelta(hours=3) if response is not Answer.NONE else None
    return Invitation(
        id=f"inv-{email}",
        meetup_id="m-1",
        email=email,
        name=name,
        invited_at=START,
        sent_at=START,
        response=response,
        responded_at=answered,
    )


def links(sequence: int = 0) -> dict[str, Any]:
    return {
        "organizer_name": "Olga Organizer",
        "base_url": BASE,
        "token": TOKEN,
        "sequence": sequence,
        "mail_from": MAIL_FROM,
        "unsubscribe": UNSUBSCRIBE,
    }


def invite(m: Meetup | None = None, i: Invitation | None = None, sequence: int = 0) -> Email:
    return invitation_email(m or meetup(), i or invitation(), **links(sequence))


def confirm(response: Answer, m: Meetup | None = None) -> Email:
    return answer_confirmation_email(m or meetup(), invitation(response), **links())


def remind(lead: timedelta = timedelta(hours=24)) -> Email:
    return reminder_email(
        meetup(),
        invitation(Answer.ATTENDING),
        lead=lead,
        organizer_name="Olga Organizer",
        base_url=BASE,
        token=TOKEN,
        unsubscribe=UNSUBSCRIBE,
    )


def reschedule(response: Answer = Answer.ATTENDING, sequence: int = 1) -> Email:
    return time_change_email(
        meetup(starts_at=STARTS_AT + timedelta(days=1)),
        invitation(response),
        previous_start=STARTS_AT,
        **links(sequence),
    )


def cancel(sequence: int = 2) -> Email:
    return cancellation_email(meetup(), invitation(Answer.ATTENDING), **links(sequence))


def attendee_list(attendees: list[Invitation]) -> Email:
    return attendee_list_email(
        meetup(),
        attendees,
        organizer_email="olga@example.com",
        organizer_name="Olga Organizer",
    )


def calendar_of(email: Email) -> Calendar:
    (ics,) = [a for a in email.attachments if a.filename.endswith(".ics")]
    assert ics.content_type.startswith("text/calendar")
    return Calendar.from_ical(ics.content)


def event_of(email: Email) -> Any:
    (event,) = calendar_of(email).walk("VEVENT")
    return event


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, [(k, (v or "").lower()) for k, v in attrs]))


def html_elements(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The elements a browser would build from ``html``, with their attributes."""
    parser = _Elements()
    parser.feed(html)
    return parser.found


def partstat(email: Email) -> str:
    return str(event_of(email)["ATTENDEE"].params["PARTSTAT"])


EVERY_EMAIL: dict[str, Callable[[], Email]] = {
    "invitation": invite,
    "confirmation": lambda: confirm(Answer.ATTENDING),
    "reminder": remind,
    "time change": reschedule,
    "cancellation": cancel,
    "attendee list": lambda: attendee_list([invitation(Answer.ATTENDING)]),
}
TO_INVITEES = {name: compose for name, compose in EVERY_EMAIL.items() if name != "attendee list"}


# -- the invitation -------------------------------------------------------------------------


def test_the_invitation_shows_the_start_in_the_meetups_own_time_zone() -> None:
    email = invite()

    assert email.to == "ada@example.com"
    assert "Founders' fireside chat" in email.subject
    assert BERLIN_START in email.text
    assert BERLIN_START in email.html
    assert "1 hour" in email.text
    assert "Olga Organizer" in email.text


def test_the_invitation_answers_in_one_click_with_the_invitees_token() -> None:
    email = invite()

    for part in (email.text, email.html):
        assert f"{BASE}/rsvp/{TOKEN}?answer=attending" in part
        assert f"{BASE}/rsvp/{TOKEN}?answer=declined" in part
        assert f"{BASE}/rsvp/{TOKEN}" in part
    assert "Attending" in email.html
    assert "Can&#39;t make it" in email.html


def test_the_invitation_keeps_the_join_link_for_those_who_attend() -> None:
    email = invite()

    assert JOIN not in email.text
    assert JOIN_THROUGH not in email.text
    assert JOIN not in email.html
    assert JOIN_THROUGH not in email.html
    assert "LOCATION" not in event_of(email)


def test_a_paid_invitation_shows_the_price_the_service_fee_and_the_total() -> None:
    email = invite(meetup(price=Price(2000, "EUR")))

    for part in (email.text, email.html):
        assert "20.00 EUR" in part
        assert "1.00 EUR service fee" in part
        assert "21.00 EUR" in part
        assert "non-refundable" in part


def test_a_free_invitation_says_nothing_of_money() -> None:
    email = invite()

    assert "EUR" not in email.text
    assert "fee" not in email.text


def test_a_title_with_markup_is_shown_as_text_in_the_html() -> None:
    email = invite(meetup(title="<script>alert('hi')</script> & friends"))

    assert "<script>" not in email.html
    assert "&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt; &amp; friends" in email.html
    assert "<script>alert('hi')</script> & friends" in email.subject
    assert "<script>alert('hi')</script> & friends" in email.text


def test_the_description_is_rendered_from_markdown_and_sanitised() -> None:
    description = (
        "Bring **questions**.\n\n"
        "- [Agenda](https://example.com/agenda)\n"
        "- [Trap](javascript:alert(1))\n\n"
        '<script>steal()</script> <a href="javascript:alert(2)">click</a> '
        '<img src=x onerror="alert(3)">'
    )
    email = invite(meetup(description=description))

    assert "<strong>questions</strong>" in email.html
    assert '<a href="https://example.com/agenda"' in email.html
    assert "<li>" in email.html
    tags = html_elements(email.html)
    assert not {"script", "img"} & {tag for tag, _ in tags}
    assert not [v for _, attrs in tags for k, v in attrs if k == "href" and "javascript" in v]
    assert not [k for _, attrs in tags for k, _ in attrs if k.startswith("on")]
    # The text part shows the Markdown as the organizer wrote it.
    assert "Bring **questions**." in email.text


def test_every_email_says_why_it_was_sent() -> None:
    for name, compose in EVERY_EMAIL.items():
        email = compose()
        assert "You're getting this email because" in email.text, name
        assert "You&#39;re getting this email because" in email.html, name


def test_every_email_to_an_invitee_has_a_one_click_unsubscribe() -> None:
    for name, compose in TO_INVITEES.items():
        email = compose()
        assert email.headers["List-Unsubscribe"] == f"<{UNSUBSCRIBE.url}>", name
        assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", name
        assert UNSUBSCRIBE.url in email.html, name
        assert UNSUBSCRIBE.url in email.text, name


def test_the_organizers_attendee_list_has_no_unsubscribe() -> None:
    email = attendee_list([invitation(Answer.ATTENDING)])

    assert "List-Unsubscribe" not in email.headers
    assert "Unsubscribe" not in email.text
    assert "Unsubscribe" not in email.html


# -- the calendar file ----------------------------------------------------------------------


def test_the_invitation_calendar_asks_for_an_answer_at_the_meetups_start() -> None:
    calendar = calendar_of(invite())
    (event,) = calendar.walk("VEVENT")

    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert "PRODID" in calendar
    assert event["UID"] == "m-1@slsplay"
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event["SUMMARY"] == "Founders' fireside chat"
    assert event["URL"] == f"{BASE}/rsvp/{TOKEN}"
    assert event.decoded("DTSTART") == STARTS_AT
    assert event.decoded("DTEND") == STARTS_AT + timedelta(hours=1)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert "DTSTAMP" in event
    assert str(event["ORGANIZER"]) == "mailto:no-reply@slsplay.example.com"
    assert event["ORGANIZER"].params["CN"] == "Olga Organizer"
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:ada@example.com"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendee.params["RSVP"] == "TRUE"


def test_the_calendar_entry_keeps_its_uid_across_every_email_about_the_meetup() -> None:
    uids = {str(event_of(email)["UID"]) for email in (invite(), invite(), reschedule(), cancel())}

    assert uids == {"m-1@slsplay"}


def test_the_calendar_answer_follows_the_invitees_answer() -> None:
    assert partstat(invite()) == "NEEDS-ACTION"
    assert partstat(confirm(Answer.ATTENDING)) == "ACCEPTED"
    assert partstat(confirm(Answer.DECLINED)) == "DECLINED"


# -- the confirmation -----------------------------------------------------------------------


def test_the_confirmation_of_attending_gives_the_join_link() -> None:
    email = confirm(Answer.ATTENDING)

    assert "You're going" in email.subject
    assert JOIN_THROUGH in email.text
    assert JOIN_THROUGH in email.html
    assert event_of(email)["LOCATION"] == JOIN
    assert f"{BASE}/rsvp/{TOKEN}" in email.text


def test_the_confirmation_of_declining_keeps_the_join_link_back() -> None:
    email = confirm(Answer.DECLINED)

    assert "can't make" in email.subject
    assert JOIN not in email.text
    assert JOIN_THROUGH not in email.text
    assert JOIN not in email.html
    assert JOIN_THROUGH not in email.html
    assert JOIN not in calendar_of(email).to_ical().decode()
    assert f"{BASE}/rsvp/{TOKEN}" in email.text


def test_an_invitation_without_an_answer_is_not_confirmed() -> None:
    with pytest.raises(ValueError, match="answered"):
        confirm(Answer.NONE)


# -- reminders ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "said"),
    [(timedelta(hours=24), "in 24 hours"), (timedelta(hours=1), "in 1 hour")],
)
def test_a_reminder_says_when_and_gives_the_join_link(lead: timedelta, said: str) -> None:
    email = remind(lead)

    assert said in email.subject
    assert "Founders' fireside chat" in email.subject
    assert BERLIN_START in email.text
    assert JOIN_THROUGH in email.text
    assert JOIN_THROUGH in email.html


def test_reminders_go_to_attendees_only() -> None:
    with pytest.raises(ValueError, match="attendees"):
        reminder_email(
            meetup(),
            invitation(Answer.DECLINED),
            lead=timedelta(hours=1),
            organizer_name="Olga Organizer",
            base_url=BASE,
            token=TOKEN,
            unsubscribe=UNSUBSCRIBE,
        )


# -- time change and cancellation -----------------------------------------------------------


def test_a_time_change_shows_the_new_and_the_old_time_and_bumps_the_sequence() -> None:
    email = reschedule(sequence=3)
    event = event_of(email)

    assert email.subject.startswith("New time")
    assert "Wednesday 5 March 2031, 19:00 (Europe/Berlin)" in email.text
    assert BERLIN_START in email.text  # what it was
    assert calendar_of(email)["METHOD"] == "REQUEST"
    assert event["SEQUENCE"] == 3
    assert event.decoded("DTSTART") == STARTS_AT + timedelta(days=1)


def test_a_time_change_gives_the_join_link_to_attendees_and_answer_links_to_others() -> None:
    attending = reschedule(Answer.ATTENDING)
    undecided = reschedule(Answer.NONE)

    assert JOIN_THROUGH in attending.text
    assert JOIN not in undecided.text
    assert JOIN_THROUGH not in undecided.text
    assert JOIN not in undecided.html
    assert JOIN_THROUGH not in undecided.html
    assert f"{BASE}/rsvp/{TOKEN}?answer=attending" in undecided.html


def test_a_cancellation_removes_the_meetup_from_the_calendar() -> None:
    email = cancel(sequence=2)
    calendar = calendar_of(email)
    (event,) = calendar.walk("VEVENT")

    assert email.subject.startswith("Cancelled")
    assert BERLIN_START in email.text
    assert JOIN not in email.text
    assert JOIN_THROUGH not in email.text
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["UID"] == "m-1@slsplay"
    assert event["SEQUENCE"] == 2
    assert email.attachments[0].content_type.startswith("text/calendar; method=CANCEL")


# -- the attendee list ----------------------------------------------------------------------


def test_the_attendee_list_reaches_the_organizer_as_a_table_and_a_csv() -> None:
    ada = invitation(Answer.ATTENDING)
    zoe = invitation(Answer.ATTENDING, email="zoe@example.com", name='Zoë "Z", Jr.')
    email = attendee_list([ada, zoe])

    assert email.to == "olga@example.com"
    assert "2 attending" in email.subject
    assert "<td" in email.html
    assert "Zoë &#34;Z&#34;, Jr." in email.html
    assert "zoe@example.com" in email.text
    (attachment,) = email.attachments
    assert attachment.filename == "attendees.csv"
    assert attachment.content_type == "text/csv"
    assert attachment.content.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheet apps want
    rows = list(csv.DictReader(io.StringIO(attachment.content.decode("utf-8-sig"))))
    assert [(r["name"], r["email"]) for r in rows] == [
        ("Ada", "ada@example.com"),
        ('Zoë "Z", Jr.', "zoe@example.com"),
    ]
    assert [datetime.fromisoformat(r["responded_at"]) for r in rows] == [
        ada.responded_at,
        zoe.responded_at,
    ]


def test_the_attendee_list_leaves_out_those_who_did_not_say_yes() -> None:
    email = attendee_list(
        [
            invitation(Answer.ATTENDING),
            invitation(Answer.DECLINED, email="bob@example.com"),
            invitation(email="cy@example.com"),
        ]
    )

    assert "1 attending" in email.subject
    assert "bob@example.com" not in email.text
    assert b"cy@example.com" not in email.attachments[0].content


def test_a_name_that_looks_like_a_formula_stays_text_in_the_spreadsheet() -> None:
    email = attendee_list([invitation(Answer.ATTENDING, name="=HYPERLINK(1)")])

    (row,) = csv.DictReader(io.StringIO(email.attachments[0].content.decode("utf-8-sig")))
    assert row["name"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    ("purpose", "subject", "shown"),
    [
        (
            "verify_email",
            "Confirm your email address for slsplay",
            "https://app.example/verify/t0k",
        ),
        ("password_reset", "Reset your slsplay password", "https://app.example/reset/t0k"),
        ("sign_in_code", "Your slsplay sign-in code: t0k", "t0k"),
    ],
)
def test_an_account_email_carries_its_link_or_code_and_no_unsubscribe(
    purpose: str, subject: str, shown: str
) -> None:
    email = account_email(purpose, "ada@example.com", "t0k", base_url="https://app.example/")
    assert (email.to, email.subject) == ("ada@example.com", subject)
    assert shown in email.text
    assert shown in email.html
    assert "Unsubscribe" not in email.text
    assert not email.headers


def test_headers_and_calendar_names_carry_only_cleaned_text() -> None:
    # A title stored before titles were checked (no store takes a lone surrogate), and names
    # as a sign-in provider gave them.
    old = meetup()
    old.details = dataclasses.replace(old.details, title="Launch\x00\x1b[31m\x85party")
    email = invitation_email(
        old, invitation(name="Ada\x07 Lovelace"), **{**links(), "organizer_name": "Olga\r\nBcc: x"}
    )

    raw = to_wire(email, sender=MAIL_FROM, now=START).data
    head = raw.split(b"\r\n\r\n", 1)[0]
    (event,) = calendar_of(email).walk("VEVENT")

    assert read(raw).subject == "Olga Bcc: x invited you: Launch [31m party"
    assert not any(byte < 0x20 and byte not in b"\r\n\t" for byte in head)
    assert b"\r\nBcc:" not in head
    assert event["SUMMARY"] == "Launch [31m party"
    assert event["ORGANIZER"].params["CN"] == "Olga Bcc: x"
    assert event["ATTENDEE"].params["CN"] == "Ada Lovelace"
