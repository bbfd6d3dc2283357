"""What text the product takes, and how a request's JSON is read: no input can crash it."""

from __future__ import annotations

import json

import pytest

from slsplay.domain.errors import InvalidInput, Unreadable
from slsplay.domain.invitations import normalise_name
from slsplay.domain.meetup_details import MeetupDetails
from slsplay.domain.text import cleaned_text, text_problem
from slsplay.handlers.inputs import MAX_DEPTH, parameter_errors, read_json
from tests.support.meetups import meetup_values


def details(**overrides: object) -> MeetupDetails:
    return MeetupDetails.parse(meetup_values(**overrides))


REFUSED = ["\x00", "\x1b", "\x7f", "\x85", "\x9f", "\x0b", "\ud800", "\udfff"]


@pytest.mark.parametrize("character", REFUSED)
def test_control_characters_and_lone_surrogates_are_not_text(character: str) -> None:
    problem = text_problem(f"Launch {character} party")

    assert problem is not None
    assert f"U+{ord(character):04X}" in problem


@pytest.mark.parametrize("text", ["Zoë 🎉 Müller", "line one\nline two\r\n\tindented", ""])
def test_letters_of_any_script_line_breaks_and_tabs_are_text(text: str) -> None:
    assert text_problem(text) is None


def test_a_description_keeps_its_lines_and_a_title_folds_them() -> None:
    parsed = details(title="Launch\n\tparty", description="# Agenda\n\n\t- talk")

    assert parsed.title == "Launch party"
    assert parsed.description == "# Agenda\n\n\t- talk"


@pytest.mark.parametrize("field", ["title", "description"])
def test_a_meetup_field_with_a_control_character_is_refused_by_name(field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        details(**{field: "Launch \x1b[31mparty"})

    assert [e.field for e in refused.value.errors] == [field]


def test_a_name_with_a_lone_surrogate_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput) as refused:
        normalise_name("Ada \ud800", "invitees[3].name")

    assert refused.value.errors[0].field == "invitees[3].name"


def test_cleaned_text_is_one_line_without_what_text_may_not_hold() -> None:
    assert cleaned_text(" Olga\r\nBcc: x\x00\x1b[1m\x85 ") == "Olga Bcc: x [1m"


def test_json_nested_past_the_limit_is_unreadable_however_deep() -> None:
    at_limit = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert read_json(at_limit) is not None
    for depth in (MAX_DEPTH + 1, 5_000, 200_000):
        with pytest.raises(Unreadable):
            read_json('{"a":' * depth + "1" + "}" * depth)


def test_every_string_of_a_body_that_is_not_text_is_named_by_its_path() -> None:
    body = json.dumps(
        {
            "title": "fine",
            "invitees": [{"email": "a@example.com", "name": "A\u0000"}, {"name": "\ud800"}],
            "k\u001bey": 1,
        }
    )

    with pytest.raises(InvalidInput) as refused:
        read_json(body)

    # A bad key is named by the object that holds it (the body itself here).
    assert [e.field for e in refused.value.errors] == [
        "body",
        "invitees[0].name",
        "invitees[1].name",
    ]


def test_a_raw_c1_character_is_found_though_json_needs_no_escape_for_it() -> None:
    with pytest.raises(InvalidInput):
        read_json('{"title": "Launch \u0085 party"}')


def test_parameters_that_are_not_text_are_named() -> None:
    errors = parameter_errors({"q": "jazz\x00", "category": "music", "x\x1b": "1"})

    assert [e.field for e in errors] == ["q", "x\x1b"]
