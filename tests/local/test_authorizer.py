"""Routes behind the JWT authorizer admit exactly the tokens API Gateway would admit."""

from __future__ import annotations

import asyncio
import base64
import time
from typing import Any

import pytest

from slsplay.local.apigateway import ApiGateway, HttpRequest, HttpResponse
from slsplay.local.authorizer import AuthorizationDenied, JwtAuthorizer, gateway_text
from slsplay.local.routes import JwtAuthorizerConfig
from tests.local import fixture_functions
from tests.local.helpers import Issuer, ec_key, echoed_event, send


def call_private(gateway: ApiGateway, authorization: str | None) -> HttpResponse:
    headers = [("authorization", authorization)] if authorization is not None else []
    return send(gateway, "GET", "/private/ada", headers)


def assert_unauthorized(response: HttpResponse, description: str | None = None) -> None:
    assert response.status == 401
    assert response.body == b'{"message":"Unauthorized"}'
    challenge = response.header("www-authenticate")
    assert challenge is not None
    assert challenge.startswith("Bearer")
    if description is not None:
        assert f'error_description="{description}"' in challenge


def test_a_valid_token_reaches_the_function_with_its_claims_as_strings(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    token = published_keys.token({"admin": False, "groups": ["a", "b"], "level": 3})

    event = echoed_event(call_private(gateway, f"Bearer {token}"))

    jwt_context = event["requestContext"]["authorizer"]["jwt"]
    claims: dict[str, Any] = jwt_context["claims"]
    assert claims["sub"] == "user-1"
    assert claims["aud"] == "fixture"
    assert claims["admin"] == "false"
    assert claims["groups"] == "[a b]"
    assert claims["level"] == "3"
    assert claims["exp"].isdigit()
    assert all(isinstance(value, str) for value in claims.values())
    assert jwt_context["scopes"] == ["meetups.read", "meetups.write"]


def test_a_token_without_a_scope_claim_has_null_scopes(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    token = published_keys.token(drop=["scope"])

    event = echoed_event(call_private(gateway, f"Bearer {token}"))

    assert event["requestContext"]["authorizer"]["jwt"]["scopes"] is None


def test_the_token_may_come_without_the_bearer_prefix(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    assert call_private(gateway, published_keys.token()).status == 200


def test_client_id_counts_as_the_audience_only_when_there_is_no_aud(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    only_client_id = published_keys.token({"client_id": "other-audience"}, drop=["aud"])
    both = published_keys.token({"aud": "stranger", "client_id": "fixture"})

    assert call_private(gateway, f"Bearer {only_client_id}").status == 200
    assert_unauthorized(call_private(gateway, f"Bearer {both}"))


def test_an_audience_list_passes_when_one_of_them_is_configured(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    token = published_keys.token({"aud": ["stranger", "other-audience"]})

    assert call_private(gateway, f"Bearer {token}").status == 200


def test_a_missing_token_is_refused(gateway: ApiGateway, published_keys: Issuer) -> None:
    response = call_private(gateway, None)

    assert_unauthorized(response)
    assert response.header("www-authenticate") == "Bearer"


def test_credentials_of_another_scheme_are_refused(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    assert_unauthorized(call_private(gateway, "Basic YWRhOnNlY3JldA=="))


def test_a_tampered_signature_is_refused(gateway: ApiGateway, published_keys: Issuer) -> None:
    header, payload, signature = published_keys.token().split(".")
    flipped = bytearray(base64.urlsafe_b64decode(signature + "=="))
    flipped[0] ^= 1
    forged = base64.urlsafe_b64encode(bytes(flipped)).rstrip(b"=").decode()

    assert_unauthorized(call_private(gateway, f"Bearer {header}.{payload}.{forged}"))


def test_a_tampered_payload_is_refused(gateway: ApiGateway, published_keys: Issuer) -> None:
    header, _, signature = published_keys.token().split(".")
    _, other_payload, _ = published_keys.token({"sub": "someone-else"}).split(".")

    assert_unauthorized(call_private(gateway, f"Bearer {header}.{other_payload}.{signature}"))


def test_an_expired_token_is_refused(gateway: ApiGateway, published_keys: Issuer) -> None:
    token = published_keys.token({"exp": int(time.time()) - 1})

    assert_unauthorized(call_private(gateway, f"Bearer {token}"), "the token has expired")


def test_a_token_not_valid_yet_is_refused(gateway: ApiGateway, published_keys: Issuer) -> None:
    token = published_keys.token({"nbf": int(time.time()) + 300})

    assert_unauthorized(call_private(gateway, f"Bearer {token}"))


def test_a_token_of_another_issuer_is_refused(gateway: ApiGateway, published_keys: Issuer) -> None:
    token = published_keys.token({"iss": "https://elsewhere.example.com"})

    assert_unauthorized(call_private(gateway, f"Bearer {token}"))


def test_a_token_for_another_audience_is_refused_with_api_gateways_header(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    token = published_keys.token({"aud": "stranger"})

    response = call_private(gateway, f"Bearer {token}")

    assert_unauthorized(response)
    assert response.header("www-authenticate") == (
        'Bearer scope="" error="invalid_token" '
        'error_description="the token does not have a valid audience"'
    )


def test_a_token_signed_by_a_key_missing_from_the_key_set_is_refused(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    stranger = Issuer(kid="not-published")

    assert_unauthorized(call_private(gateway, f"Bearer {stranger.token()}"))


def test_a_token_naming_a_published_kid_but_signed_by_another_key_is_refused(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    impostor = Issuer(kid=published_keys.kid)

    assert_unauthorized(call_private(gateway, f"Bearer {impostor.token()}"))


def test_an_es256_token_is_refused_as_api_gateway_accepts_only_rsa(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    token = published_keys.token(key=ec_key(), algorithm="ES256")

    assert_unauthorized(call_private(gateway, f"Bearer {token}"), "signing method ES256 is invalid")


def test_a_route_that_opts_out_needs_no_token(gateway: ApiGateway) -> None:
    event = echoed_event(send(gateway, "GET", "/public/ada"))

    assert "authorizer" not in event["requestContext"]


def test_a_route_with_scopes_forbids_a_token_without_any_of_them(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    reader = published_keys.token({"scope": "meetups.read"})
    writer = published_keys.token({"scope": "meetups.write"})

    refused = send(gateway, "GET", "/scoped", [("authorization", f"Bearer {reader}")])
    allowed = send(gateway, "GET", "/scoped", [("authorization", f"Bearer {writer}")])

    assert (refused.status, refused.body) == (403, b'{"message":"Forbidden"}')
    assert allowed.status == 200


def test_the_key_set_is_read_through_the_issuers_own_routes_once_and_cached(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    for _ in range(3):
        assert call_private(gateway, f"Bearer {published_keys.token()}").status == 200

    assert len(fixture_functions.KEY_SET_READS) == 1


def test_an_unknown_kid_refetches_the_key_set_at_most_once_a_minute(
    published_keys: Issuer,
) -> None:
    now = [1_000_000.0]
    reads: list[str] = []
    key_sets = [{"keys": [published_keys.jwk()]}]

    def fetch_json(target: str) -> Any:
        if target == "/.well-known/openid-configuration":
            return {"jwks_uri": "http://127.0.0.1:9/keys/jwks.json"}
        reads.append(target)
        return key_sets[-1]

    config = JwtAuthorizerConfig("FixtureJwt", "http://127.0.0.1:9", ("fixture",))
    authorizer = JwtAuthorizer(config, fetch_json, clock=lambda: now[0])
    rotated = Issuer(kid="key-2")

    def authorized(issuer: Issuer) -> bool:
        token = issuer.token({"iat": int(now[0]) - 10, "exp": int(now[0]) + 600})
        try:
            authorizer.authorize({"authorization": f"Bearer {token}"}, {})
        except AuthorizationDenied:
            return False
        return True

    assert authorized(published_keys)
    key_sets.append({"keys": [published_keys.jwk(), rotated.jwk()]})
    now[0] += 30
    assert not authorized(rotated)  # too soon to ask the issuer again
    now[0] += 31
    assert authorized(rotated)  # a minute on, the unknown kid brings the new key set
    assert reads == ["/keys/jwks.json", "/keys/jwks.json"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("text", "text"),
        (1700000000, "1700000000"),
        (1.5, "1.5"),
        (2.0, "2"),
        (True, "true"),
        (False, "false"),
        (["a", "b", "c"], "[a b c]"),
        ({"b": 1, "a": "x"}, "map[a:x b:1]"),
    ],
)
def test_claims_are_turned_into_strings_as_api_gateway_does(value: Any, text: str) -> None:
    assert gateway_text(value) == text


BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _segment(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "shape",
    ["two-segments", "four-segments", "header-not-an-object", "junk", "non-canonical", "kid"],
)
def test_a_token_not_in_jws_compact_form_is_not_a_valid_jwt(
    gateway: ApiGateway, published_keys: Issuer, shape: str
) -> None:
    header, payload, signature = published_keys.token().split(".")
    # The last character with another unused low bit: it decodes to the same bytes.
    sibling = BASE64URL[BASE64URL.index(signature[-1]) ^ 1]
    numeric_kid = _segment(b'{"alg":"RS256","kid":7}')
    token = {
        "two-segments": f"{header}.{payload}",
        "four-segments": f"{header}.{payload}.{signature}.{signature}",
        "header-not-an-object": f"{_segment(b'[1]')}.{payload}.{signature}",
        "junk": f"{header}.{payload}.!!!!",
        "non-canonical": f"{header}.{payload}.{signature[:-1]}{sibling}",
        "kid": f"{numeric_kid}.{payload}.{signature}",
    }[shape]

    assert_unauthorized(call_private(gateway, f"Bearer {token}"), "the token is not a valid JWT")


def test_the_event_loop_learns_a_key_set_is_due_and_never_fetches_it_itself(
    published_keys: Issuer,
) -> None:
    reads: list[str] = []

    def fetch_json(target: str) -> Any:
        reads.append(target)
        if target == "/.well-known/openid-configuration":
            return {"jwks_uri": "http://127.0.0.1:9/keys/jwks.json"}
        return {"keys": [published_keys.jwk()]}

    config = JwtAuthorizerConfig("FixtureJwt", "http://127.0.0.1:9", ("fixture",))
    authorizer = JwtAuthorizer(config, fetch_json)
    headers = {"authorization": f"Bearer {published_keys.token()}"}
    token = authorizer.token(headers, {})

    assert authorizer.keys_due(token)
    with pytest.raises(AuthorizationDenied):
        authorizer.grant(token, may_fetch=False)
    assert reads == []

    assert authorizer.grant(token).claims["aud"] == "fixture"
    assert not authorizer.keys_due(token)
    assert authorizer.grant(token, may_fetch=False).claims["aud"] == "fixture"
    assert len(reads) == 2


def test_requests_from_the_event_loop_share_one_fetch_of_the_key_set(
    gateway: ApiGateway, published_keys: Issuer
) -> None:
    request = HttpRequest(
        "GET", "/private/ada", headers=[("authorization", f"Bearer {published_keys.token()}")]
    )

    async def at_once() -> list[HttpResponse]:
        matched = gateway.match("GET", "/private/ada")
        assert matched is not None
        return await asyncio.gather(*(gateway.dispatch_async(request, matched) for _ in range(5)))

    answers = asyncio.run(at_once())

    assert [answer.status for answer in answers] == [200] * 5
    assert len(fixture_functions.KEY_SET_READS) == 1
