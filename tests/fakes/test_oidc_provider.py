"""The test OpenID Connect provider behaves as a real one, driven over HTTP as a client would."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest

from tests.support.oidc_provider import OidcProvider

REDIRECT_URI = "http://127.0.0.1:8000/api/auth/oidc/test/callback"


@dataclass
class Authorization:
    """What a client keeps between sending the user to the provider and the callback."""

    code: str
    state: str
    nonce: str
    verifier: str


@pytest.fixture
def provider() -> Iterator[OidcProvider]:
    with OidcProvider() as started:
        started.add_user("ada-1", "ada@example.com", name="Ada Lovelace")
        yield started


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    # One client for the module: making one loads the TLS certificates, a few hundredths of
    # a second each time.
    with httpx.Client(follow_redirects=False, timeout=5) as opened:
        yield opened


@pytest.fixture
def client(http: httpx.Client, provider: OidcProvider) -> httpx.Client:
    http.base_url = httpx.URL(provider.issuer)
    return http


def pkce_pair() -> tuple[str, str]:
    # Worked out here rather than with the provider's own code_challenge, so a mistake
    # there cannot hide itself.
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorization_request(provider: OidcProvider, **changes: Any) -> tuple[dict[str, str], str]:
    """An authorization request's parameters as a client builds them, some replaced (None
    leaves one out), and the PKCE verifier the client keeps to itself."""
    verifier, challenge = pkce_pair()
    params = {
        "response_type": "code",
        "client_id": provider.client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid email profile",
        "state": secrets.token_urlsafe(16),
        "nonce": secrets.token_urlsafe(16),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **changes,
    }
    return {k: v for k, v in params.items() if v is not None}, verifier


def callback(answer: httpx.Response) -> dict[str, str]:
    """The parameters the provider sent the browser back with."""
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    assert location.startswith(REDIRECT_URI + "?")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def authorize(client: httpx.Client, provider: OidcProvider, **changes: Any) -> Authorization:
    """The user signs in at the provider; answers what the callback received."""
    params, verifier = authorization_request(provider, **changes)
    back = callback(client.get("/authorize", params=params))
    assert back["state"] == params["state"]
    return Authorization(back["code"], back["state"], params["nonce"], verifier)


def redeem(
    client: httpx.Client,
    provider: OidcProvider,
    grant: Authorization,
    basic: tuple[str, str] | None = None,
    **changes: Any,
) -> httpx.Response:
    """The client trades the code at the token endpoint (client_secret_post unless ``basic``
    gives HTTP Basic's)."""
    form = {
        "grant_type": "authorization_code",
        "code": grant.code,
        "redirect_uri": REDIRECT_URI,
        "code_verifier": grant.verifier,
        "client_id": provider.client_id,
        "client_secret": provider.client_secret,
        **changes,
    }
    return client.post(
        "/token",
        data={k: v for k, v in form.items() if v is not None},
        auth=httpx.BasicAuth(*basic) if basic else httpx.USE_CLIENT_DEFAULT,
    )


def published_keys(client: httpx.Client) -> jwt.PyJWKSet:
    return jwt.PyJWKSet.from_dict(client.get("/jwks").json())


def claims_of(id_token: str, client: httpx.Client) -> dict[str, Any]:
    """The token's claims, its signature checked against the JWKS but no claim checked."""
    kid = jwt.get_unverified_header(id_token)["kid"]
    claims: dict[str, Any] = jwt.decode(
        id_token,
        published_keys(client)[kid].key,
        algorithms=["RS256"],
        options={"verify_exp": False, "verify_aud": False, "verify_iss": False},
    )
    return claims


def refusal(answer: httpx.Response) -> tuple[int, str]:
    return answer.status_code, answer.json()["error"]


# -- discovery --------------------------------------------------------------------------


def test_discovery_names_the_endpoints_under_the_issuer(
    provider: OidcProvider, client: httpx.Client
) -> None:
    config = client.get(provider.discovery_url).json()

    assert config["issuer"] == provider.issuer
    assert provider.issuer.startswith("http://127.0.0.1:")
    for endpoint in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"):
        assert config[endpoint].startswith(provider.issuer + "/")
    assert config["response_types_supported"] == ["code"]
    assert config["code_challenge_methods_supported"] == ["S256"]
    assert config["id_token_signing_alg_values_supported"] == ["RS256"]
    assert set(config["token_endpoint_auth_methods_supported"]) == {
        "client_secret_post",
        "client_secret_basic",
    }
    keys = client.get("/jwks").json()["keys"]
    assert [(k["kty"], k["use"], k["alg"], bool(k["kid"])) for k in keys] == [
        ("RSA", "sig", "RS256", True)
    ]


# -- the code flow ----------------------------------------------------------------------


def test_a_full_code_flow_gives_an_id_token_the_jwks_verifies(
    provider: OidcProvider, client: httpx.Client
) -> None:
    config = client.get(provider.discovery_url).json()
    grant = authorize(client, provider)

    answer = redeem(client, provider, grant)

    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    tokens = answer.json()
    assert tokens["token_type"] == "Bearer"
    assert tokens["scope"] == "openid email profile"
    assert tokens["expires_in"] > 0
    signing_key = jwt.PyJWKClient(config["jwks_uri"]).get_signing_key_from_jwt(tokens["id_token"])
    claims = jwt.decode(
        tokens["id_token"],
        signing_key.key,
        algorithms=["RS256"],
        audience=provider.client_id,
        issuer=provider.issuer,
        options={"require": ["exp", "iat", "iss", "aud", "sub", "nonce"]},
    )
    assert claims["nonce"] == grant.nonce
    assert claims["sub"] == "ada-1"
    assert claims["email"] == "ada@example.com"
    assert claims["email_verified"] is True
    assert claims["name"] == "Ada Lovelace"
    assert claims["iat"] <= claims["auth_time"] + 1
    assert 0 < claims["exp"] - time.time() <= 5 * 60
    userinfo = client.get(
        "/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert userinfo.json() == {
        "sub": "ada-1",
        "email": "ada@example.com",
        "email_verified": True,
        "name": "Ada Lovelace",
    }


def test_the_callback_carries_the_state_exactly_and_the_issuer(
    provider: OidcProvider, client: httpx.Client
) -> None:
    params, _ = authorization_request(provider, state="a b&c=d/é+%")

    back = callback(client.get("/authorize", params=params))

    assert back["state"] == "a b&c=d/é+%"
    assert back["iss"] == provider.issuer
    assert back["code"]


def test_a_client_may_authenticate_with_http_basic(
    provider: OidcProvider, client: httpx.Client
) -> None:
    grant = authorize(client, provider)

    # httpx does not form-encode the two halves as RFC 6749 asks; these need none.
    answer = redeem(
        client,
        provider,
        grant,
        client_id=None,
        client_secret=None,
        basic=(provider.client_id, provider.client_secret),
    )

    assert answer.status_code == 200, answer.text


def test_the_chosen_user_is_the_one_who_signs_in(
    provider: OidcProvider, client: httpx.Client
) -> None:
    provider.add_user("grace-2", "grace@example.com", email_verified=False)
    provider.choose("grace-2")

    tokens = redeem(client, provider, authorize(client, provider)).json()

    claims = claims_of(tokens["id_token"], client)
    assert (claims["sub"], claims["email"], claims["email_verified"]) == (
        "grace-2",
        "grace@example.com",
        False,
    )
    assert "name" not in claims  # a user without a name has no name claim


def test_a_user_who_cancels_is_sent_back_with_access_denied(
    provider: OidcProvider, client: httpx.Client
) -> None:
    provider.deny_next()
    params, _ = authorization_request(provider)

    back = callback(client.get("/authorize", params=params))

    assert (back["error"], back["state"]) == ("access_denied", params["state"])
    assert "code" not in back
    authorize(client, provider)  # only the next one


# -- what the authorization endpoint refuses --------------------------------------------


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge_method": None}, "invalid_request"),  # which means plain
        ({"code_challenge": None}, "invalid_request"),
        ({"code_challenge": "too-short"}, "invalid_request"),
        ({"scope": "email profile"}, "invalid_scope"),
        ({"response_type": "token"}, "unsupported_response_type"),
    ],
)
def test_a_bad_authorization_request_is_sent_back_with_an_oauth_error(
    provider: OidcProvider, client: httpx.Client, changes: dict[str, Any], error: str
) -> None:
    params, _ = authorization_request(provider, **changes)

    back = callback(client.get("/authorize", params=params))

    assert back["error"] == error
    assert back["state"] == params["state"]
    assert "code" not in back


@pytest.mark.parametrize(
    "changes",
    [{"client_id": "someone-else"}, {"redirect_uri": "not an address"}, {"redirect_uri": None}],
)
def test_an_unknown_client_or_address_gets_a_page_not_a_redirect(
    provider: OidcProvider, client: httpx.Client, changes: dict[str, Any]
) -> None:
    params, _ = authorization_request(provider, **changes)

    answer = client.get("/authorize", params=params)

    assert answer.status_code == 400
    assert "location" not in answer.headers
    assert answer.headers["content-type"].startswith("text/html")


def test_registered_redirect_uris_are_matched_exactly(http: httpx.Client) -> None:
    with OidcProvider(redirect_uris=[REDIRECT_URI]) as provider:
        http.base_url = httpx.URL(provider.issuer)
        provider.add_user("ada-1", "ada@example.com")
        params, _ = authorization_request(provider, redirect_uri=REDIRECT_URI + "/")

        assert http.get("/authorize", params=params).status_code == 400
        authorize(http, provider)


# -- what the token endpoint refuses ----------------------------------------------------


def test_a_code_is_good_once_and_its_second_use_revokes_the_first_tokens(
    provider: OidcProvider, client: httpx.Client
) -> None:
    grant = authorize(client, provider)
    first = redeem(client, provider, grant).json()

    second = redeem(client, provider, grant)

    assert refusal(second) == (400, "invalid_grant")
    userinfo = client.get("/userinfo", headers={"Authorization": f"Bearer {first['access_token']}"})
    assert userinfo.status_code == 401


@pytest.mark.parametrize(
    "changes",
    [
        {"code_verifier": pkce_pair()[0]},
        {"code_verifier": None},
        {"redirect_uri": REDIRECT_URI + "?again=1"},
        {"redirect_uri": None},
        {"code": "made-up"},
    ],
    ids=["wrong verifier", "no verifier", "other redirect_uri", "no redirect_uri", "unknown"],
)
def test_a_code_that_does_not_match_its_authorization_is_refused(
    provider: OidcProvider, client: httpx.Client, changes: dict[str, Any]
) -> None:
    grant = authorize(client, provider)

    assert refusal(redeem(client, provider, grant, **changes)) == (400, "invalid_grant")


def test_an_expired_code_is_refused(provider: OidcProvider, client: httpx.Client) -> None:
    grant = authorize(client, provider)
    provider.expire_codes()

    assert refusal(redeem(client, provider, grant)) == (400, "invalid_grant")


def test_a_wrong_client_secret_is_refused_and_does_not_spend_the_code(
    provider: OidcProvider, client: httpx.Client
) -> None:
    grant = authorize(client, provider)

    by_post = redeem(client, provider, grant, client_secret="guess")
    by_basic = redeem(
        client, provider, grant, client_id=None, client_secret=None, basic=("slsplay-test", "guess")
    )

    assert refusal(by_post) == (401, "invalid_client")
    assert refusal(by_basic) == (401, "invalid_client")
    assert by_basic.headers["www-authenticate"].startswith("Basic")
    assert redeem(client, provider, grant).status_code == 200


def test_userinfo_without_a_valid_bearer_token_is_401(client: httpx.Client) -> None:
    for headers in ({}, {"Authorization": "Bearer made-up"}, {"Authorization": "Basic eDp5"}):
        answer = client.get("/userinfo", headers=headers)

        assert refusal(answer) == (401, "invalid_token")
        assert answer.headers["www-authenticate"].startswith("Bearer")


# -- misbehaving on purpose -------------------------------------------------------------


@pytest.mark.parametrize(
    ("tampering", "claim", "value"),
    [
        ({"nonce": "someone-elses-nonce"}, "nonce", "someone-elses-nonce"),
        ({"audience": "another-client"}, "aud", "another-client"),
        ({"issuer": "https://accounts.example.org"}, "iss", "https://accounts.example.org"),
    ],
)
def test_tampering_replaces_one_claim_of_the_next_id_token_only(
    provider: OidcProvider,
    client: httpx.Client,
    tampering: dict[str, Any],
    claim: str,
    value: str,
) -> None:
    provider.tamper_next(**tampering)

    grant = authorize(client, provider)
    tampered = claims_of(redeem(client, provider, grant).json()["id_token"], client)
    again = authorize(client, provider)
    honest = claims_of(redeem(client, provider, again).json()["id_token"], client)

    assert tampered[claim] == value
    expected = {"nonce": again.nonce, "aud": provider.client_id, "iss": provider.issuer}
    assert honest[claim] == expected[claim]


def test_tampering_can_send_an_expired_id_token(
    provider: OidcProvider, client: httpx.Client
) -> None:
    provider.tamper_next(expired=True)
    id_token = redeem(client, provider, authorize(client, provider)).json()["id_token"]

    assert claims_of(id_token, client)["exp"] < time.time() - 60  # past any clock leeway
    with pytest.raises(jwt.ExpiredSignatureError):
        jwt.decode(
            id_token,
            published_keys(client)[jwt.get_unverified_header(id_token)["kid"]].key,
            algorithms=["RS256"],
            audience=provider.client_id,
            leeway=60,
        )


def test_tampering_can_sign_with_a_key_the_jwks_does_not_hold(
    provider: OidcProvider, client: httpx.Client
) -> None:
    provider.tamper_next(wrong_key=True)
    forged = redeem(client, provider, authorize(client, provider)).json()["id_token"]

    with pytest.raises(jwt.InvalidSignatureError):
        claims_of(forged, client)
    honest = redeem(client, provider, authorize(client, provider)).json()["id_token"]
    claims_of(honest, client)  # only the next one was forged


def test_tampering_waits_for_a_token_actually_issued(
    provider: OidcProvider, client: httpx.Client
) -> None:
    provider.tamper_next(audience="another-client")
    refused = redeem(client, provider, authorize(client, provider), code_verifier=None)

    issued = redeem(client, provider, authorize(client, provider)).json()

    assert refused.status_code == 400
    assert claims_of(issued["id_token"], client)["aud"] == "another-client"


# -- what it records, and stopping ------------------------------------------------------


def test_it_records_what_the_client_sent(provider: OidcProvider, client: httpx.Client) -> None:
    grant = authorize(client, provider)
    redeem(client, provider, grant)

    (sent,) = provider.requests_to("/token")
    assert [r.path for r in provider.requests] == ["/authorize", "/token"]
    assert sent.method == "POST"
    assert sent.params["code_verifier"] == grant.verifier
    assert provider.requests[0].params["code_challenge_method"] == "S256"


def test_the_port_is_closed_once_the_block_ends(http: httpx.Client) -> None:
    with OidcProvider() as provider:
        issuer = provider.issuer
        assert http.get(f"{issuer}/jwks").status_code == 200

    with pytest.raises(httpx.ConnectError):
        http.get(f"{issuer}/jwks")
    with pytest.raises(RuntimeError):
        _ = provider.issuer
