"""The app's screens on Toga's dummy backend, against the stand-in API: what a person sees
after each step (the right screen, the list, the message under the field at fault)."""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest

from slsplay_app.app import SlsplayApp
from tests.conftest import API
from tests.fake_api import FakeApi, meetup_json


@pytest.fixture
def app(fake_api: FakeApi, tmp_path: Path) -> SlsplayApp:
    """The app on the dummy backend, its data in the test's folder, the fake API behind it."""
    return SlsplayApp(api_url=API, data_dir=tmp_path, transport=fake_api.transport())


def run(app: SlsplayApp, step: Coroutine[Any, Any, Any]) -> None:
    """One handler, run to its end on the app's loop."""
    app.loop.run_until_complete(step)


def sign_in(app: SlsplayApp, password: str = "right password") -> None:
    app.sign_in.form.inputs["email"].value = "ann@example.com"
    app.sign_in.form.inputs["password"].value = password
    run(app, app.log_in())


def test_the_app_opens_on_sign_in_at_phone_size(app: SlsplayApp) -> None:
    assert app.current is app.sign_in.content
    assert tuple(app.window.size) == (390, 844)


def test_signing_in_shows_my_meetups(app: SlsplayApp, fake_api: FakeApi) -> None:
    fake_api.organized = [meetup_json("mine", title="Rust and tea")]

    sign_in(app)

    assert app.current is app.my_meetups.content
    [(title, subtitle)] = app.my_meetups.rows()
    assert title == "Rust and tea"
    assert subtitle.startswith("yours, published")


def test_a_missing_field_is_marked_under_it(app: SlsplayApp) -> None:
    sign_in(app, password="")

    assert app.current is app.sign_in.content
    assert app.sign_in.form.errors["password"].text == "is required"
    assert app.sign_in.form.errors["email"].text == ""


def test_a_refusal_shows_the_apis_detail(app: SlsplayApp) -> None:
    sign_in(app, password="wrong")

    assert app.sign_in.status.text == "Wrong email or password."


def test_opening_an_answer_link_and_answering(app: SlsplayApp, fake_api: FakeApi) -> None:
    fake_api.answers["tok-9"] = "none"
    app.sign_in.form.inputs["link"].value = f"{API}/rsvp/tok-9"

    run(app, app.open_answer_link())
    run(app, app.answer_attending())

    assert app.current is app.answering.content
    assert app.answering.response.text == "Your answer: attending"


def test_an_answer_link_given_at_start_opens_its_page(fake_api: FakeApi, tmp_path: Path) -> None:
    fake_api.answers["tok-1"] = "none"
    app = SlsplayApp(
        api_url=API,
        answer_link=f"{API}/rsvp/tok-1",
        data_dir=tmp_path,
        transport=fake_api.transport(),
    )

    run(app, app.started())

    assert app.current is app.answering.content
    assert app.answering.title.text == "Rust and tea"


def test_an_invitee_answers_from_the_meetups_page(app: SlsplayApp, fake_api: FakeApi) -> None:
    invitation = {"email": "ann@example.com", "name": "Ann", "response": "none"}
    fake_api.invited = [{"meetup": meetup_json("theirs"), "invitation": invitation}]
    fake_api.answers["t-mine"] = "none"
    sign_in(app)

    run(app, app.open_meetup("theirs", "none", organizer=False))
    assert app.current is app.meetup_page.content
    run(app, app.answer_declined())

    assert app.current is app.meetup_page.content
    assert "your answer: declined" in app.meetup_page.state.text


def test_a_draft_refused_shows_the_message_next_to_the_field(
    app: SlsplayApp, fake_api: FakeApi
) -> None:
    sign_in(app)
    run(app, app.new_draft())
    values = {
        "title": "Tea",
        "starts_at": "2030-06-01T18:00:00+02:00",
        "timezone": "Europe/Berlin",
        "duration_minutes": "45",
        "join_url": "http://plain.example.com",
    }
    for name, value in values.items():
        app.draft.form.inputs[name].value = value

    run(app, app.save_draft())

    assert app.current is app.draft.content
    assert app.draft.form.errors["join_url"].text == "must be https"
    assert app.draft.form.errors["title"].text == ""


def test_offline_the_app_shows_the_kept_list_when_started_again(
    fake_api: FakeApi, tmp_path: Path
) -> None:
    fake_api.organized = [meetup_json("mine", title="Rust and tea")]
    first = SlsplayApp(api_url=API, data_dir=tmp_path, transport=fake_api.transport())
    sign_in(first)
    fake_api.down = True

    again = SlsplayApp(api_url=API, data_dir=tmp_path, transport=fake_api.transport())
    run(again, again.refresh_my_meetups())

    assert again.current is again.my_meetups.content
    assert [title for title, _ in again.my_meetups.rows()] == ["Rust and tea"]
    assert again.my_meetups.status.text.startswith("Offline")


def test_signing_out_returns_to_sign_in(app: SlsplayApp) -> None:
    sign_in(app)

    run(app, app.sign_out())

    assert app.current is app.sign_in.content
    assert app.session.person is None


def test_the_server_typed_at_sign_in_is_used_and_kept_for_the_next_start(
    fake_api: FakeApi, tmp_path: Path
) -> None:
    first = SlsplayApp(data_dir=tmp_path, transport=fake_api.transport())
    first.sign_in.form.inputs["api"].value = "https://stage.example.com/"
    sign_in(first)

    again = SlsplayApp(data_dir=tmp_path, transport=fake_api.transport())

    assert again.session.api.base_url == "https://stage.example.com"
    assert again.session.person is not None


def test_a_meetups_page_shows_its_photo(app: SlsplayApp, fake_api: FakeApi) -> None:
    photo = (Path(__file__).parents[1] / "icons" / "slsplay-64.png").read_bytes()
    fake_api.files["/media/m1/small.png"] = photo
    rendition = {
        "name": "small",
        "content_type": "image/png",
        "width": 64,
        "height": 64,
        "url": "http://storage.test/media/m1/small.png",
    }
    media = {
        "id": "p1",
        "kind": "photo",
        "status": "ready",
        "reason": None,
        "content_type": "image/jpeg",
        "size": 2048,
        "duration_seconds": None,
        "renditions": [rendition],
        "stream_url": None,
        "poster_url": None,
        "created_at": "2030-01-01T10:00:00+00:00",
        "updated_at": "2030-01-01T10:00:00+00:00",
    }
    fake_api.organized = [meetup_json("m1", media=[media])]
    sign_in(app)

    run(app, app.open_meetup("m1", None, organizer=True))

    assert app.meetup_page.photo.image is not None
    assert app.meetup_page.photo.image.size == (64, 64)


def test_choosing_a_meetup_in_the_list_opens_its_page(app: SlsplayApp, fake_api: FakeApi) -> None:
    fake_api.organized = [
        meetup_json("early", title="Breakfast", starts_at="2030-03-01T08:00:00+00:00"),
        meetup_json("late", title="Dinner", starts_at="2030-03-01T19:00:00+00:00"),
    ]
    sign_in(app)

    app.my_meetups.list._impl.simulate_selection(1)
    run(app, app.open_selected_meetup())

    assert app.current is app.meetup_page.content
    assert app.meetup_page.title.text == "Dinner"


def test_an_answer_the_document_does_not_describe_reads_as_a_sentence(
    app: SlsplayApp, fake_api: FakeApi
) -> None:
    fake_api.organized = [{"id": "broken"}]  # a meetup without its fields

    sign_in(app)

    assert app.current is app.my_meetups.content
    assert app.my_meetups.status.text == "Something went wrong. Please try again."
