"""The OpenAPI document tells clients the whole truth: every route of template.yaml, what
each answers when it succeeds and the problems it can answer, and inputs described with the
domain's own rules (a generated client's types, a fuzzer's data)."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from slsplay.domain.invitations import NAME_MAX
from slsplay.domain.meetup_details import CATEGORIES, TITLE_MAX
from slsplay.domain.money import CURRENCIES
from slsplay.domain.users import PASSWORD_MIN
from slsplay.handlers.docs import openapi_schema
from slsplay.local.routes import http_api_routes
from slsplay.local.template import Stack

BODILESS_SUCCESS = {"202", "204"}
ANY_ROUTE_CAN_ANSWER = {"413", "415", "422", "429", "500"}


@functools.cache
def document() -> dict[str, Any]:
    return openapi_schema()


def operations() -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{method.upper()} {path}", operation)
        for path, item in document()["paths"].items()
        for method, operation in item.items()
    ]


def schema(name: str) -> dict[str, Any]:
    found: dict[str, Any] = document()["components"]["schemas"][name]
    return found


def test_every_route_of_the_template_is_in_the_document_and_no_other() -> None:
    routes = {route.key for route in http_api_routes(Stack.load()).all()}
    described = {key for key, _ in operations()}
    assert (routes - described, described - routes) == (set(), set())


@pytest.mark.parametrize("operation", [key for key, _ in operations()])
def test_every_operation_describes_its_success_with_a_schema(operation: str) -> None:
    responses = dict(operations())[operation]["responses"]
    successes = {status: r for status, r in responses.items() if status[0] in "23"}
    assert successes, "no success described"
    for status, response in successes.items():
        if status[0] == "3" or status in BODILESS_SUCCESS:
            assert "content" not in response, status
            continue
        content = response.get("content") or {}
        assert content, f"{status}: no content"
        assert all(media.get("schema") for media in content.values()), status


@pytest.mark.parametrize("operation", [key for key, _ in operations()])
def test_every_operation_describes_the_problems_any_route_can_answer(operation: str) -> None:
    responses = dict(operations())[operation]["responses"]
    assert ANY_ROUTE_CAN_ANSWER - set(responses) == set()
    # The web app and generated clients tell problems apart by the stable code in the body.
    for status in (s for s in responses if s[0] in "45"):
        assert "application/problem+json" in responses[status]["content"], status


def test_secured_operations_describe_api_gateway_refusing_a_token() -> None:
    for key, operation in operations():
        if {"bearer": []} in operation.get("security", []) and {} not in operation["security"]:
            gateway = operation["responses"]["401"]["content"]["application/json"]["schema"]
            assert gateway["properties"]["message"]["const"] == "Unauthorized", key


def test_inputs_carry_the_rules_of_the_domain() -> None:
    meetup, update = schema("MeetupCreate")["properties"], schema("MeetupUpdate")["properties"]
    assert meetup["category"]["enum"] == list(CATEGORIES)
    assert update["category"]["anyOf"][0]["enum"] == list(CATEGORIES)
    assert meetup["title"]["maxLength"] == TITLE_MAX
    assert "Europe/Berlin" in meetup["timezone"]["enum"]
    assert set(schema("PriceIn")["properties"]["currency"]["enum"]) == CURRENCIES
    assert schema("RsvpIn")["properties"]["response"]["enum"] == ["attending", "declined"]
    signup = schema("SignupIn")["properties"]
    assert (signup["password"]["minLength"], signup["name"]["maxLength"]) == (
        PASSWORD_MIN,
        NAME_MAX,
    )
    assert signup["email"]["format"] == "email"
    search = {
        p["name"]: p["schema"] for p in document()["paths"]["/api/meetups"]["get"]["parameters"]
    }
    assert search["category"]["enum"] == list(CATEGORIES)


def test_answers_name_the_categories_a_meetup_can_have() -> None:
    assert schema("MeetupOut")["properties"]["category"]["enum"] == list(CATEGORIES)
