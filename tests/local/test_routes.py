"""Requests reach the route API Gateway would pick, and the template's routes are all served."""

from __future__ import annotations

import pytest

from slsplay.local.apigateway import ApiGateway
from slsplay.local.routes import Route, RouteTable, http_api_routes
from slsplay.local.template import DEFAULT_TEMPLATE, Stack, TemplateError, load_template
from tests.local.helpers import echoed_event, send

# The example of API Gateway's documentation on routing HTTP API requests.
PETS = RouteTable(
    [
        Route("GET", "/pets/dog/1", "Exact"),
        Route("GET", "/pets/dog/{id}", "Variable"),
        Route("GET", "/pets/{proxy+}", "Greedy"),
        Route("ANY", "/{proxy+}", "AnyGreedy"),
    ]
)


@pytest.mark.parametrize(
    ("method", "path", "function"),
    [
        ("GET", "/pets/dog/1", "Exact"),
        ("GET", "/pets/dog/2", "Variable"),
        ("GET", "/pets/cat/1", "Greedy"),
        ("POST", "/pets/dog/1", "AnyGreedy"),
    ],
)
def test_the_most_specific_route_wins_as_in_api_gateways_own_example(
    method: str, path: str, function: str
) -> None:
    matched = PETS.match(method, path)

    assert matched is not None
    assert matched.route.function == function


def test_a_literal_segment_beats_a_variable_from_the_left() -> None:
    table = RouteTable(
        [Route("GET", "/a/{x}/c", "Variable"), Route("GET", "/a/b/{y}", "LiteralFirst")]
    )

    matched = table.match("GET", "/a/b/c")

    assert matched is not None
    assert (matched.route.function, matched.path_parameters) == ("LiteralFirst", {"y": "c"})


def test_a_named_method_beats_any_on_the_same_path() -> None:
    table = RouteTable([Route("ANY", "/items/{id}", "Any"), Route("DELETE", "/items/{id}", "Del")])

    deleting, putting = table.match("DELETE", "/items/1"), table.match("PUT", "/items/1")

    assert deleting is not None
    assert putting is not None
    assert (deleting.route.function, putting.route.function) == ("Del", "Any")


def test_a_greedy_variable_takes_the_rest_of_the_path_but_never_nothing() -> None:
    greedy = PETS.match("GET", "/pets/cat/tabby/photos")

    assert greedy is not None
    assert greedy.path_parameters == {"proxy": "cat/tabby/photos"}
    assert RouteTable([Route("GET", "/pets/{proxy+}", "G")]).match("GET", "/pets/") is None


def test_a_path_variable_needs_a_non_empty_segment_and_extra_segments_do_not_match() -> None:
    table = RouteTable([Route("GET", "/meetups/{id}", "Get")])

    assert table.match("GET", "/meetups/") is None
    assert table.match("GET", "/meetups/1/extra") is None
    assert table.match("GET", "/meetups") is None


def test_the_default_route_catches_what_nothing_else_does() -> None:
    table = RouteTable([Route("GET", "/known", "Known"), Route("ANY", "$default", "Fallback")])

    matched = table.match("PATCH", "/anything/at/all")

    assert matched is not None
    assert (matched.route.function, matched.route.key) == ("Fallback", "$default")


def test_two_events_declaring_the_same_route_are_refused() -> None:
    with pytest.raises(TemplateError, match="declared twice"):
        RouteTable([Route("GET", "/a", "One"), Route("GET", "/a", "Two")])


def test_a_request_that_matches_no_route_gets_api_gateways_404(gateway: ApiGateway) -> None:
    response = send(gateway, "GET", "/nowhere")

    assert response.status == 404
    assert response.body == b'{"message":"Not Found"}'
    assert response.header("content-type") == "application/json"


def test_a_request_with_the_wrong_method_gets_404(gateway: ApiGateway) -> None:
    assert send(gateway, "DELETE", "/public/ada").status == 404


def test_the_route_key_and_path_parameters_reach_the_function(gateway: ApiGateway) -> None:
    event = echoed_event(send(gateway, "GET", "/items/42/parts/wheel"))

    assert event["routeKey"] == "GET /items/{id}/parts/{part}"
    assert event["requestContext"]["routeKey"] == "GET /items/{id}/parts/{part}"
    assert event["pathParameters"] == {"id": "42", "part": "wheel"}


def test_the_path_is_percent_decoded_before_routing_as_api_gateway_does(
    gateway: ApiGateway,
) -> None:
    event = echoed_event(send(gateway, "GET", "/public/Ada%20Lovelace"))

    assert event["rawPath"] == "/public/Ada Lovelace"
    assert event["pathParameters"] == {"name": "Ada Lovelace"}


def test_every_http_api_route_of_the_real_template_is_registered() -> None:
    document = load_template(DEFAULT_TEMPLATE)
    declared = {
        f"{event['Properties']['Method']} {event['Properties']['Path']}"
        for resource in document["Resources"].values()
        if resource["Type"] == "AWS::Serverless::Function"
        for event in resource["Properties"].get("Events", {}).values()
        if event["Type"] == "HttpApi"
    }
    stack = Stack.load(DEFAULT_TEMPLATE, {"Stage": "local", "PublicUrl": "http://127.0.0.1:8000"})

    routes = http_api_routes(stack)

    assert routes.keys == declared
    assert "POST /api/meetups/{id}/publish" in routes.keys


def test_the_real_templates_routes_carry_its_authorizer_unless_they_opt_out() -> None:
    stack = Stack.load(DEFAULT_TEMPLATE, {"Stage": "local", "PublicUrl": "http://127.0.0.1:8000"})
    routes = {route.key: route for route in http_api_routes(stack).all()}

    me = routes["GET /api/me"].authorizer
    assert me is not None
    assert (me.issuer, me.audiences) == ("http://127.0.0.1:8000", ("slsplay",))
    assert routes["POST /api/auth/login"].authorizer is None
    assert routes["GET /.well-known/jwks.json"].authorizer is None
