"""Functions receive the payload 2.0 event AWS would send, and a Lambda-shaped context."""

from __future__ import annotations

import base64
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from slsplay.local.apigateway import ApiGateway
from slsplay.local.template import Stack
from tests.local.helpers import Issuer, echoed_event, sample_event, send

# Maps whose keys depend on the request: only the type of their values is compared.
FREE_FORM = {"headers", "queryStringParameters", "pathParameters", "claims"}
# Keys of the samples that only a feature slsplay does not emulate produces.
UNUSED_FEATURES = {"stageVariables", "authentication"}


def shape(value: Any, name: str = "") -> Any:
    """The keys, nesting and value types of an event, without its values."""
    if isinstance(value, dict):
        if name in FREE_FORM:
            return {"*": sorted({type(item).__name__ for item in value.values()})}
        return {key: shape(item, key) for key, item in value.items() if key not in UNUSED_FEATURES}
    if isinstance(value, list):
        return [sorted({type(item).__name__ for item in value})]
    return type(value).__name__


def test_a_post_event_has_the_structure_of_the_recorded_one_field_for_field(
    gateway: ApiGateway,
) -> None:
    sample = sample_event("apiGatewayProxyV2Event.json")
    del sample["requestContext"]["authorizer"]  # this route has no authorizer

    event = echoed_event(
        send(
            gateway,
            "POST",
            "/echo?parameter1=value1&parameter1=value2&parameter2=value",
            headers=[
                ("content-type", "application/json"),
                ("cookie", "cookie1=a; cookie2=b"),
                ("header2", "value1"),
                ("header2", "value2"),
            ],
            body=b'{"message": "hello world", "username": "tom"}',
        )
    )
    event["pathParameters"] = {"parameter1": "value1"}  # /echo has none; the sample's route has

    assert shape(event) == shape(sample)


def test_a_get_event_on_a_jwt_route_has_the_structure_of_the_recorded_one(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    sample = sample_event("apiGatewayProxyV2Event_GET.json")

    event = echoed_event(
        send(
            gateway,
            "GET",
            "/private/ada?parameter1=value1&parameter1=value2&parameter2=value",
            headers=[
                ("authorization", f"Bearer {published_keys.token()}"),
                ("cookie", "cookie1=a; cookie2=b"),
            ],
        )
    )

    assert shape(event) == shape(sample)
    assert "body" not in event


def test_header_names_are_lower_cased_and_repeated_headers_joined_by_commas(
    gateway: ApiGateway,
) -> None:
    event = echoed_event(
        send(
            gateway,
            "POST",
            "/echo",
            headers=[("X-Trace", "one"), ("x-trace", "two"), ("Accept", "text/html")],
        )
    )

    assert event["headers"]["x-trace"] == "one,two"
    assert event["headers"]["accept"] == "text/html"
    assert all(name == name.lower() for name in event["headers"])


def test_api_gateway_adds_forwarding_and_trace_headers(gateway: ApiGateway) -> None:
    headers = echoed_event(send(gateway, "POST", "/echo"))["headers"]

    assert headers["x-forwarded-for"] == "127.0.0.1"
    assert (headers["x-forwarded-proto"], headers["x-forwarded-port"]) == ("http", "9")
    assert re.fullmatch(r"Root=1-[0-9a-f]{8}-[0-9a-f]{24}", headers["x-amzn-trace-id"])


def test_cookies_leave_the_headers_for_their_own_list(gateway: ApiGateway) -> None:
    event = echoed_event(
        send(gateway, "POST", "/echo", headers=[("cookie", "a=1; b=2"), ("cookie", "c=3")])
    )

    assert event["cookies"] == ["a=1", "b=2", "c=3"]
    assert "cookie" not in event["headers"]


def test_the_query_string_stays_raw_while_its_parameters_are_decoded_and_joined(
    gateway: ApiGateway,
) -> None:
    event = echoed_event(send(gateway, "POST", "/echo?tag=a&tag=b%20c&q=caf%C3%A9&flag"))

    assert event["rawQueryString"] == "tag=a&tag=b%20c&q=caf%C3%A9&flag"
    assert event["queryStringParameters"] == {"tag": "a,b c", "q": "café", "flag": ""}


def test_what_a_request_lacks_is_left_out_of_the_event(gateway: ApiGateway) -> None:
    event = echoed_event(send(gateway, "POST", "/echo"))

    for absent in ("cookies", "queryStringParameters", "pathParameters", "body"):
        assert absent not in event
    assert event["rawQueryString"] == ""
    assert event["isBase64Encoded"] is False
    assert "authorizer" not in event["requestContext"]


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", "text/plain", "application/xml"],
)
def test_a_text_body_arrives_as_text(gateway: ApiGateway, content_type: str) -> None:
    event = echoed_event(
        send(gateway, "POST", "/echo", [("content-type", content_type)], body="héllo".encode())
    )

    assert (event["body"], event["isBase64Encoded"]) == ("héllo", False)


@pytest.mark.parametrize(
    "content_type",
    ["image/png", "application/octet-stream", "application/x-www-form-urlencoded", None],
)
def test_any_other_body_arrives_base64_encoded(gateway: ApiGateway, content_type: str) -> None:
    payload = (
        b"\x89PNG\r\n\x00\xff" if content_type != "application/x-www-form-urlencoded" else b"a=1"
    )
    headers = [("content-type", content_type)] if content_type else []

    event = echoed_event(send(gateway, "POST", "/echo", headers, body=payload))

    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == payload


def test_the_request_context_describes_the_request(gateway: ApiGateway) -> None:
    event = echoed_event(send(gateway, "POST", "/echo", [("user-agent", "curl/8.0")]))
    context = event["requestContext"]

    assert context["http"] == {
        "method": "POST",
        "path": "/echo",
        "protocol": "HTTP/1.1",
        "sourceIp": "127.0.0.1",
        "userAgent": "pytest,curl/8.0",
    }
    assert (context["stage"], context["domainName"], context["domainPrefix"]) == (
        "$default",
        "127.0.0.1:9",
        "127",
    )
    assert re.fullmatch(r"[a-z0-9]{10}", context["apiId"])
    assert re.fullmatch(r"[A-Za-z0-9+/]{15}=", context["requestId"])
    assert re.fullmatch(r"\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000", context["time"])
    assert isinstance(context["timeEpoch"], int)


def test_the_context_object_is_shaped_like_lambdas(gateway: ApiGateway) -> None:
    info = send(gateway, "GET", "/context").json()

    assert info["function_name"] == "fixture-local-context"
    assert info["function_version"] == "$LATEST"
    assert info["invoked_function_arn"] == (
        "arn:aws:lambda:eu-west-1:123456789012:function:fixture-local-context"
    )
    assert info["memory_limit_in_mb"] == "1024"  # a string, as in the Lambda Python runtime
    assert info["log_group_name"] == "/aws/lambda/fixture-local-context"
    assert re.fullmatch(r"\d{4}/\d\d/\d\d/\[\$LATEST\][0-9a-f]{32}", info["log_stream_name"])
    assert re.fullmatch(r"[0-9a-f-]{36}", info["aws_request_id"])
    assert 6000 < info["remaining_ms"] <= 7000


def test_functions_see_the_templates_environment_with_the_runtimes_overrides(
    gateway: ApiGateway, tmp_path: Path
) -> None:
    env = send(gateway, "GET", "/context").json()["env"]

    assert env == {
        "FIXTURE_STAGE": "local",
        "FIXTURE_TABLE": "fixture-local",
        "FIXTURE_QUEUE_ARN": "arn:aws:sqs:eu-west-1:123456789012:slsplay-Jobs",
        "FIXTURE_ORIGIN": "http://127.0.0.1:9 in eu-west-1 (${literal})",
        "FIXTURE_OWN": "context-only",
        "SLSPLAY_BACKEND": "local",
        "SLSPLAY_DATA_DIR": str((tmp_path / "data").resolve()),
        "SLSPLAY_PUBLIC_URL": "http://127.0.0.1:9",
        "SLSPLAY_STAGE": "local",
    }


def test_closing_an_in_process_gateway_restores_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLSPLAY_BACKEND", "as-before")
    monkeypatch.delenv("FIXTURE_TABLE", raising=False)
    gateway = ApiGateway.from_template(
        Path(__file__).parent / "fixture-template.yaml",
        public_url="http://x:1",
        data_dir=tmp_path,
        in_process=True,
    )

    with gateway:
        assert (os.environ["SLSPLAY_BACKEND"], os.environ["FIXTURE_TABLE"]) == (
            "local",
            "fixture-local",
        )

    assert os.environ["SLSPLAY_BACKEND"] == "as-before"
    assert "FIXTURE_TABLE" not in os.environ


def test_an_in_process_handler_is_imported_on_its_first_request_after_the_environment_is_set() -> (
    None
):
    sys.modules.pop("tests.local.fixture_lazy", None)
    template = {
        "Resources": {
            "Lazy": {
                "Type": "AWS::Serverless::Function",
                "Properties": {
                    "Handler": "tests.local.fixture_lazy.handler",
                    "Environment": {"Variables": {"LAZY_WORD": "hello"}},
                    "Events": {"Get": {"Type": "HttpApi", "Properties": {"Path": "/lazy"}}},
                },
            }
        }
    }
    gateway = ApiGateway(Stack(template), environment={"SLSPLAY_BACKEND": "local"}, in_process=True)

    with gateway:
        assert "tests.local.fixture_lazy" not in sys.modules
        first = send(gateway, "GET", "/lazy").json()
        module = sys.modules["tests.local.fixture_lazy"]
        send(gateway, "GET", "/lazy")

    assert first == {"imported_with": {"SLSPLAY_BACKEND": "local", "LAZY_WORD": "hello"}}
    assert sys.modules["tests.local.fixture_lazy"] is module
    assert gateway.functions["Lazy"].handler() is module.handler
