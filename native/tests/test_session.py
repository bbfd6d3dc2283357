"""The app's use cases against a stand-in API: signing in, My meetups online and offline,
answering, organizing, and the API's refusals turned into messages by field."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path
from zoneinfo import ZoneInfo

import keyring
import pytest
from keyring.backend import KeyringBackend

from slsplay_app.api import Api
from slsplay_app.cache import MeetupCache
from slsplay_app.problems import ApiProblem, Offline
from slsplay_app.session import Session, answer_token
from slsplay_app.times import shown
from slsplay_app.tokens import Tokens, TokenStore
from tests.conftest import API
from tests.fake_api import FakeApi, meetup_json

run = asyncio.run


def test_signing_in_keeps_the_tokens_in_a_file_only_its_owner_reads(
    session: Session, tmp_path: Path
) -> None:
    person = run(session.log_in("ann@example.com", "right password"))

    assert person.name == "Ann"
    kept = tmp_path / "sign-in.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert TokenStore(tmp_path, use_keyring=False).load(API) == person


def test_a_wrong_password_shows_the_apis_detail(session: Session) -> None:
    with pytest.raises(ApiProblem) as refused:
        run(session.log_in("ann@example.com", "wrong"))

    assert refused.value.code == "invalid_credentials"
    assert str(refused.value) == "Wrong email or password."
    assert session.person is None


def test_empty_fields_are_marked_before_anything_is_sent(
    session: Session, fake_api: FakeApi
) -> None:
    with pytest.raises(ApiProblem) as refused:
        run(session.log_in("", ""))

    assert set(refused.value.fields) == {"email", "password"}
    assert fake_api.requests == []


def test_a_problems_field_errors_are_keyed_by_the_form_field() -> None:
    content = (
        b'{"type":"urn:slsplay:problem:validation_failed","title":"Unprocessable Entity",'
        b'"status":422,"detail":"Check the fields.","code":"validation_failed","errors":'
        b'[{"field":"invitees.0.email","message":"is not an email address"},'
        b'{"field":"title","message":"is required"}]}'
    )

    problem = ApiProblem.of(422, content)

    assert problem.fields == {"invitees": "is not an email address", "title": "is required"}
    assert problem.detail == "Check the fields."


def test_the_gateways_own_refusals_read_as_problems_too() -> None:
    problem = ApiProblem.of(429, b'{"message":"Too Many Requests"}')

    assert (problem.status, problem.code, problem.detail) == (
        429,
        "too_many_requests",
        "Too Many Requests",
    )


def test_my_meetups_are_upcoming_ones_i_organize_and_am_invited_to_with_my_answer(
    session: Session, fake_api: FakeApi
) -> None:
    fake_api.organized = [
        meetup_json("mine", starts_at="2030-05-01T10:00:00+00:00"),
        meetup_json("over", ends_at="2020-01-01T00:00:00+00:00"),
    ]
    invitation = {"email": "ann@example.com", "name": "Ann", "response": "attending"}
    fake_api.invited = [{"meetup": meetup_json("theirs"), "invitation": invitation}]
    run(session.log_in("ann@example.com", "right password"))

    mine = run(session.my_meetups())

    assert [(m.id, m.role, m.response) for m in mine] == [
        ("theirs", "invited", "attending"),
        ("mine", "organizer", None),
    ]


def test_offline_the_list_and_a_meetups_page_come_from_the_device(
    session: Session, fake_api: FakeApi, tmp_path: Path
) -> None:
    fake_api.organized = [meetup_json("mine")]
    run(session.log_in("ann@example.com", "right password"))
    run(session.my_meetups())
    fake_api.down = True
    # The app started anew on the device: the sign-in and the copy are read from the disk.
    tokens = TokenStore(tmp_path, use_keyring=False)
    again = Session(
        Api(API, tokens, fake_api.transport()), MeetupCache(tmp_path / "cache.sqlite3"), tmp_path
    )

    mine = run(again.my_meetups())
    page = run(again.meetup("mine", organizer=True))

    assert [m.id for m in mine] == ["mine"]
    assert again.offline
    assert page["title"] == "Rust and tea"
    with pytest.raises(Offline):
        run(again.meetup("never-seen", organizer=True))


def test_an_expired_token_is_renewed_once_and_the_request_sent_again(
    session: Session, fake_api: FakeApi
) -> None:
    run(session.log_in("ann@example.com", "right password"))
    fake_api.valid_tokens = set()  # access-1 expired; the refresh hands out access-2

    run(session.my_meetups())

    assert session.person is not None
    assert session.person.access_token == "access-2"
    assert ("POST", "/api/auth/refresh") in fake_api.requests


def test_signing_out_forgets_the_sign_in_and_the_kept_list(
    session: Session, fake_api: FakeApi, tmp_path: Path
) -> None:
    fake_api.organized = [meetup_json("mine")]
    run(session.log_in("ann@example.com", "right password"))
    run(session.my_meetups())

    run(session.sign_out())

    assert session.person is None
    assert TokenStore(tmp_path, use_keyring=False).load(API) is None
    assert MeetupCache(tmp_path / "cache.sqlite3").meetups("u-ann") == []
    assert ("POST", "/api/auth/logout") in fake_api.requests


@pytest.mark.parametrize(
    "link",
    ["http://127.0.0.1:8000/rsvp/tok-123", "https://slsplay.dev/rsvp/tok-123?x=1", " tok-123 "],
)
def test_an_answer_links_token_is_read_from_the_link_or_taken_as_it_is(link: str) -> None:
    assert answer_token(link) == "tok-123"


def test_a_link_that_is_no_answer_link_is_marked_on_its_field() -> None:
    with pytest.raises(ApiProblem) as refused:
        answer_token("https://slsplay.dev/meetups/m1")

    assert "link" in refused.value.fields


def test_answering_by_link_needs_no_sign_in(session: Session, fake_api: FakeApi) -> None:
    fake_api.answers["tok"] = "none"

    rsvp = run(session.answer("tok", "attending"))

    assert rsvp["invitation"]["response"] == "attending"
    assert fake_api.answers["tok"] == "attending"


def test_a_draft_refused_by_the_api_names_the_field_at_fault(
    session: Session, fake_api: FakeApi
) -> None:
    run(session.log_in("ann@example.com", "right password"))
    form = {
        "title": "Tea",
        "starts_at": "2030-06-01T18:00:00+02:00",
        "timezone": "Europe/Berlin",
        "duration_minutes": "45",
        "join_url": "http://plain.example.com",
    }

    with pytest.raises(ApiProblem) as refused:
        run(session.create_draft(form))

    assert refused.value.fields == {"join_url": "must be https"}


def test_a_draft_with_an_unknown_time_zone_is_marked_before_it_is_sent(
    session: Session, fake_api: FakeApi
) -> None:
    run(session.log_in("ann@example.com", "right password"))
    form = {
        "title": "Tea",
        "starts_at": "2030-06-01T18:00:00+02:00",
        "timezone": "Mars/Olympus",
        "duration_minutes": "45",
        "join_url": "https://meet.example.com/tea",
    }

    with pytest.raises(ApiProblem) as refused:
        run(session.create_draft(form))

    assert list(refused.value.fields) == ["timezone"]
    assert ("POST", "/api/meetups") not in fake_api.requests


def test_the_app_calls_the_api_only_through_the_generated_client() -> None:
    sources = Path(__file__).parents[1] / "src" / "slsplay_app"
    # api.py builds the generated client; only session.py's photo reads a storage address.
    for module in sources.glob("*.py"):
        text = module.read_text()
        for call in (
            "httpx.get(",
            "httpx.post(",
            "httpx.AsyncClient(",
            "httpx.Client(",
            "urlopen(",
        ):
            assert call not in text, f"{module.name} sends {call} itself"


def test_a_meetups_time_reads_in_my_zone_and_in_its_own() -> None:
    utc, paris = ZoneInfo("UTC"), ZoneInfo("Europe/Paris")

    elsewhere = shown("2030-03-14T17:00:00+00:00", "Europe/Paris", utc)
    same = shown("2030-03-14T17:00:00+00:00", "Europe/Paris", paris)
    next_day = shown("2030-03-14T23:30:00+00:00", "Asia/Tokyo", utc)

    assert elsewhere == "Thu 14 Mar 2030, 17:00 (your time) · 18:00 Europe/Paris"
    assert same == "Thu 14 Mar 2030, 18:00 (your time), Europe/Paris"
    assert next_day == "Thu 14 Mar 2030, 23:30 (your time) · Fri 15 Mar, 08:30 Asia/Tokyo"


def test_editing_a_draft_sends_only_what_changed_for_the_version_seen(
    session: Session, fake_api: FakeApi
) -> None:
    fake_api.organized = [meetup_json("d1", status="draft", version=3)]
    run(session.log_in("ann@example.com", "right password"))

    edited = run(session.update_draft("d1", {"title": "Rust, tea and cake"}, 3))
    with pytest.raises(ApiProblem) as refused:
        run(session.update_draft("d1", {"title": "Too late"}, 3))

    assert (edited["title"], edited["version"], edited["description"]) == (
        "Rust, tea and cake",
        4,
        "Bring a question.",
    )
    assert refused.value.status == 412


class MemoryKeyring(KeyringBackend):
    """Secure storage that keeps its secrets in memory (as the Keychain would, on a Mac)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username))


def test_where_the_platform_has_secure_storage_the_tokens_go_there(tmp_path: Path) -> None:
    storage = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(storage)
    try:
        tokens = TokenStore(tmp_path)
        person = Tokens("access-1", "refresh-1", "u-ann", "Ann", is_guest=False)

        tokens.save(API, person)

        assert tokens.secure
        assert tokens.load(API) == person
        assert not (tmp_path / "sign-in.json").exists()
        tokens.clear(API)
        assert storage.secrets == {}
    finally:
        keyring.set_keyring(previous)
