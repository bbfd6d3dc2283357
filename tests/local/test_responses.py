"""A function's result becomes the HTTP response API Gateway would send for payload 2.0."""

from __future__ import annotations

import logging
import time
from dataclasses import replace

import pytest

from slsplay.local.apigateway import ApiGateway
from tests.local import fixture_functions
from tests.local.helpers import send


def test_a_full_response_keeps_its_status_headers_and_body(gateway: ApiGateway) -> None:
    response = send(gateway, "GET", "/results/cookies")

    assert response.status == 201
    assert response.body == b"made"
    assert response.header("x-one") == "1"
    assert response.header("x-number") == "2"


def test_each_cookie_becomes_a_set_cookie_header(gateway: ApiGateway) -> None:
    response = send(gateway, "GET", "/results/cookies")

    cookies = [value for name, value in response.headers if name == "set-cookie"]
    assert cookies == ["a=1; Path=/", "b=2; HttpOnly"]


def test_a_plain_dict_becomes_200_json(gateway: ApiGateway) -> None:
    response = send(gateway, "GET", "/results/plain-dict")

    assert response.status == 200
    assert response.header("content-type") == "application/json"
    assert response.json() == {"meetups": [1, 2], "ok": True}


def test_a_plain_string_becomes_200_json_of_that_string(gateway: ApiGateway) -> None:
    response = send(gateway, "GET", "/results/plain-string")

    assert (response.status, response.body) == (200, b'"hello"')
    assert response.header("content-type") == "application/json"


def test_decimals_are_sent_as_numbers_as_the_lambda_runtime_sends_them(
    gateway: ApiGateway,
) -> None:
    assert send(gateway, "GET", "/results/decimal").json() == {"price": 9.5}


def test_a_base64_body_is_decoded_to_its_bytes(gateway: ApiGateway) -> None:
    response = send(gateway, "GET", "/results/binary")

    assert response.body == fixture_functions.PNG_BYTES
    assert response.header("content-type") == "image/png"


def test_a_body_without_a_content_type_is_sent_as_plain_text(gateway: ApiGateway) -> None:
    response = send(gateway, "GET", "/results/no-content-type")

    assert response.body == b"plain words"
    assert response.header("content-type") == "text/plain; charset=utf-8"


def test_a_response_without_a_body_has_none(gateway: ApiGateway) -> None:
    response = send(gateway, "GET", "/results/empty")

    assert (response.status, response.body) == (204, b"")
    assert response.header("content-type") is None


def test_multi_value_headers_are_ignored_with_a_warning_as_payload_2_0_has_none(
    gateway: ApiGateway, caplog: pytest.LogCaptureFixture
) -> None:
    response = send(gateway, "GET", "/results/multi-value")

    assert (response.status, response.body) == (200, b"ok")
    assert response.header("x-many") is None
    assert "multiValueHeaders" in caplog.text


def test_every_response_carries_the_request_id(gateway: ApiGateway) -> None:
    assert len(send(gateway, "GET", "/results/plain-dict").header("apigw-requestid") or "") == 16


def test_an_exception_is_a_500_without_its_traceback_which_goes_to_the_log(
    gateway: ApiGateway, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="slsplay.local"):
        response = send(gateway, "GET", "/results/boom")

    assert response.status == 500
    assert response.body == b'{"message":"Internal Server Error"}'
    assert b"hunter2" not in response.body
    assert "Traceback" in caplog.text
    assert "the database password is hunter2" in caplog.text


@pytest.mark.parametrize("kind", ["bad-status", "object-body", "unserialisable"])
def test_a_result_api_gateway_cannot_use_is_a_500(
    gateway: ApiGateway, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    response = send(gateway, "GET", f"/results/{kind}")

    assert response.status == 500
    assert response.json() == {"message": "Internal Server Error"}
    assert "ResultsFunction" in caplog.text


def test_a_handler_that_cannot_be_imported_is_a_500(gateway: ApiGateway) -> None:
    function = gateway.functions["EchoFunction"]
    function.config = replace(function.config, handler="tests.local.no_such_module.handler")

    assert send(gateway, "POST", "/echo").status == 500


def test_a_function_past_its_timeout_is_a_500_at_the_timeout(
    gateway: ApiGateway, caplog: pytest.LogCaptureFixture
) -> None:
    started = time.monotonic()

    response = send(gateway, "GET", "/stuck")

    assert response.status == 500
    assert time.monotonic() - started >= 1.0, "answered before the function's timeout"
    assert "Task timed out after 1.00 seconds" in caplog.text
