"""The local mailbox at ``/_dev/mail`` as a newcomer uses it in a first demo: an email's links
open the app at the top level (not inside the email's frame, where the app would load in a
box), its markup runs no script, and each attachment downloads as its own file."""

from __future__ import annotations

import html
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from slsplay.adapters.local.mailbox import MailboxMailer
from slsplay.bootstrap import MAILBOX_DIR
from slsplay.local.server import LocalServer
from slsplay.ports import Attachment, Email
from tests.local.helpers import FIXTURE_TEMPLATE

INVITE = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Café 🎉\r\nEND:VCALENDAR\r\n".encode()
ATTENDEES = b"name,email\r\nGrace Hopper,grace@example.com\r\n"
INVITATION = Email(
    to="grace@example.com",
    subject="You're invited: Founders' fireside chat",
    text="Answer: http://127.0.0.1:8000/rsvp/abc",
    html=(
        "<!doctype html><html><head><meta charset=utf-8><title>Invitation</title></head>"
        '<body><a href="http://127.0.0.1:8000/rsvp/abc?response=attending">Attending</a>'
        "<script>parent.document.title = 'taken'</script></body></html>"
    ),
    attachments=(
        Attachment("invite.ics", "text/calendar", INVITE),
        Attachment("attendees.csv", "text/csv", ATTENDEES),
    ),
)


class Frames(HTMLParser):
    """The mailbox page's frames and links, as a browser reads its markup."""

    def __init__(self) -> None:
        super().__init__()
        self.frames: list[dict[str, str]] = []
        self.links: dict[str, dict[str, str]] = {}
        self._link: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep each frame's attributes, and each link's until its text comes."""
        attributes = {name: value or "" for name, value in attrs}
        if tag == "iframe":
            self.frames.append(attributes)
        elif tag == "a":
            self._link = attributes

    def handle_data(self, data: str) -> None:
        """A link's text names it."""
        if self._link is not None:
            self.links[data] = self._link
            self._link = None


@pytest.fixture
def mailbox_page(tmp_path: Path) -> Iterator[tuple[httpx.Client, Frames]]:
    """The runtime on 127.0.0.1 with the invitation in its mailbox; a client, and its page."""
    data = tmp_path / "data"
    MailboxMailer(data / MAILBOX_DIR).send(INVITATION)
    with (
        LocalServer(template=FIXTURE_TEMPLATE, port=0, data_dir=data, pumps=False) as server,
        httpx.Client(base_url=server.url, timeout=10) as client,
    ):
        page = client.get("/_dev/mail")
        assert page.status_code == 200
        frames = Frames()
        frames.feed(page.text)
        yield client, frames


def test_an_emails_links_open_at_the_top_level_and_its_markup_runs_no_script(
    mailbox_page: tuple[httpx.Client, Frames],
) -> None:
    _, page = mailbox_page

    [frame] = page.frames

    allowed = set(frame["sandbox"].split())
    assert "allow-top-navigation-by-user-activation" in allowed
    assert {"allow-popups", "allow-popups-to-escape-sandbox"} <= allowed  # links asking for a tab
    assert not {"allow-scripts", "allow-same-origin"} & allowed
    shown = frame["srcdoc"]  # the parser has undone the page's escaping already
    assert shown.startswith('<!doctype html><html><head><base target="_top">')
    assert "Attending</a>" in shown


@pytest.mark.parametrize(
    ("name", "content_type", "content"),
    [("invite.ics", "text/calendar", INVITE), ("attendees.csv", "text/csv", ATTENDEES)],
)
def test_each_attachment_downloads_as_a_file_of_its_type(
    mailbox_page: tuple[httpx.Client, Frames], name: str, content_type: str, content: bytes
) -> None:
    client, page = mailbox_page
    link = page.links[name]

    download = client.get(link["href"])

    assert link["download"] == name
    assert download.status_code == 200
    assert download.headers["content-type"].split(";")[0] == content_type
    assert download.headers["content-disposition"] == f"attachment; filename*=utf-8''{name}"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.content == content


@pytest.mark.parametrize(
    "path",
    [
        "/_dev/mail/{id}/attachments/2",
        "/_dev/mail/0123456789abcdef0123456789abcdef/attachments/0",
        "/_dev/mail/..%2F..%2Fsecret/attachments/0",
        "/_dev/mail/{id}/attachments/x",
        "/_dev/mail/{id}",
    ],
)
def test_an_attachment_not_there_is_a_problem_document(
    mailbox_page: tuple[httpx.Client, Frames], path: str
) -> None:
    client, page = mailbox_page
    message_id = page.links["invite.ics"]["href"].split("/")[3]

    answer = client.get(path.replace("{id}", message_id))

    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "not_found"


def test_the_json_list_and_the_page_still_answer(
    mailbox_page: tuple[httpx.Client, Frames],
) -> None:
    client, _ = mailbox_page

    [message] = client.get("/api/_dev/mail").json()["messages"]

    assert message["subject"] == INVITATION.subject
    assert [a["filename"] for a in message["attachments"]] == ["invite.ics", "attendees.csv"]
    assert html.escape("Founders' fireside chat") in client.get("/_dev/mail").text
