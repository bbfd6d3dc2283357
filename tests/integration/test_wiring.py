"""template.yaml and the handlers agree: every route has a handler, every handler a route."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest

from slsplay.local.template import load_template

TEMPLATE = load_template()


def _functions() -> dict[str, dict[str, Any]]:
    return {
        name: resource["Properties"]
        for name, resource in TEMPLATE["Resources"].items()
        if resource["Type"] == "AWS::Serverless::Function"
    }


def _template_routes(properties: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (event["Properties"]["Method"].upper(), event["Properties"]["Path"])
        for event in properties.get("Events", {}).values()
        if event["Type"] == "HttpApi"
    }


def _handler_module(properties: dict[str, Any]) -> Any:
    module, _, attribute = properties["Handler"].rpartition(".")
    loaded = importlib.import_module(module)
    assert callable(getattr(loaded, attribute)), properties["Handler"]
    return loaded


def _handler_routes(module: Any) -> set[tuple[str, str]]:
    """The routes a handler module declares on its routers (plus Swagger UI's page), or in
    its ``ROUTES`` when it has no router."""
    if hasattr(module, "ROUTES"):
        return set(module.ROUTES)
    routes = {
        (method, re.sub(r"<(\w+)>", r"{\1}", rule))
        for router in getattr(module, "ROUTERS", (module.router,))
        for rule, methods, *_ in router._routes
        for method in methods
    }
    swagger = getattr(module, "SWAGGER_PATH", None)
    if swagger:
        routes.add(("GET", swagger))
    return routes


@pytest.mark.parametrize("function", sorted(_functions()))
def test_every_function_in_the_template_has_its_handler(function: str) -> None:
    _handler_module(_functions()[function])


HTTP_FUNCTIONS = sorted(name for name, props in _functions().items() if _template_routes(props))


@pytest.mark.parametrize("function", HTTP_FUNCTIONS)
def test_every_route_of_a_function_is_served_by_its_handler_and_no_other(function: str) -> None:
    properties = _functions()[function]
    module = _handler_module(properties)

    assert _template_routes(properties) == _handler_routes(module)


def test_routes_that_need_no_token_are_exactly_the_public_ones() -> None:
    public = {
        route
        for properties in _functions().values()
        for event in properties.get("Events", {}).values()
        if event["Properties"].get("Auth", {}).get("Authorizer") == "NONE"
        for route in [(event["Properties"]["Method"], event["Properties"]["Path"])]
    }

    assert public == {
        ("POST", "/api/auth/signup"),
        ("POST", "/api/auth/login"),
        ("POST", "/api/auth/guest"),
        ("POST", "/api/auth/refresh"),
        ("POST", "/api/auth/logout"),
        # Emailed links and codes are their own credentials; the requests answer alike for
        # any address.
        ("POST", "/api/auth/verify"),
        ("POST", "/api/auth/password/forgot"),
        ("POST", "/api/auth/password/reset"),
        ("POST", "/api/auth/code"),
        ("POST", "/api/auth/code/verify"),
        # Social sign-in: the provider's answer, then a one-time code, are the credentials.
        ("GET", "/api/auth/providers"),
        ("GET", "/api/auth/oidc/{provider}/start"),
        ("GET", "/api/auth/oidc/{provider}/callback"),
        ("POST", "/api/auth/oidc/exchange"),
        ("GET", "/.well-known/openid-configuration"),
        ("GET", "/.well-known/jwks.json"),
        ("GET", "/api/rsvp/{token}"),
        ("POST", "/api/rsvp/{token}"),
        ("GET", "/api/rsvp/{token}/calendar.ics"),
        ("GET", "/api/rsvp/{token}/join"),
        # The answer link's token is the credential of a checkout, as of an answer.
        ("POST", "/api/rsvp/{token}/checkout"),
        # The payment provider's webhook: its signature is the credential.
        ("POST", "/api/payments/webhook"),
        ("GET", "/api/unsubscribe/{token}"),
        ("POST", "/api/unsubscribe/{token}"),
        # A video's playlists: the signed grant in the path is the credential.
        ("GET", "/api/media/{meetup_id}/{media_id}/{grant}/{folder}/{name}"),
        # GraphQL: the answer page and signing in need no token; the function checks one.
        ("POST", "/api/graphql"),
        ("GET", "/api/graphql"),
        ("GET", "/api/openapi.json"),
        ("GET", "/api/docs"),
        # Public meetups are searched by anyone (joining one takes an account).
        ("GET", "/api/meetups"),
        # A public meetup's own page and share image, for link previews and search engines.
        ("GET", "/m/{id}"),
        ("GET", "/m/{id}/share.png"),
    }
