"""The runtime's own identity provider under ``/_oidc/``, spoken to as the app's social sign-in
speaks to a provider: discovery, the authorization page, PKCE, single-use codes, and ID tokens
that verify against its JWKS. Offered only when no provider is configured, and never in the
cloud."""

from __future__ import annotations

import ast
import json
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from slsplay.local.identity_provider import CLIENT_ID, code_challenge
from slsplay.local.server import LocalServer
from tests.local.helpers import FIXTURE_TEMPLATE

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-secret-the-app-and-provider-share"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """The runtime with no sign-in provider configured: its own is offered."""
    data = tmp_path_factory.mktemp("identity") / "data"
    with LocalServer(template=FIXTURE_TEMPLATE, port=0, data_dir=data, pumps=False) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: LocalServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as opened:
        yield opened


@pytest.fixture(scope="module")
def configured(server: LocalServer) -> dict[str, Any]:
    """The provider as the functions are configured with it."""
    settings: dict[str, Any] = json.loads(server.gateway.environment["SLSPLAY_OIDC_PROVIDERS"])
    return settings["test"]


def authorization(server: LocalServer, verifier: str, **changed: str) -> dict[str, str]:
    """An authorization request as the app's sign-in start makes it."""
    return {
        "client_id": CLIENT_ID,
        "redirect_uri": f"{server.url}/api/auth/oidc/test/callback",
        "response_type": "code",
        "scope": "openid email profile",
        "state": "the-state",
        "nonce": "the-nonce",
        "code_challenge": code_challenge(verifier),
        "code_challenge_method": "S256",
        **changed,
    }


def answer(response: httpx.Response) -> dict[str, str]:
    """The query the provider sent the browser back with."""
    assert response.status_code == 303, response.text
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["location"]).query).items()}


def code_for(client: httpx.Client, request: dict[str, str], **choice: str) -> str:
    """The code of a sign-in as the person ``choice`` names (picked, or typed in)."""
    back = answer(client.post("/_oidc/authorize", data={**request, **choice}))
    assert back["state"] == "the-state"
    return back["code"]


def trade(
    client: httpx.Client, server: LocalServer, code: str, verifier: str, secret: str
) -> httpx.Response:
    return client.post(
        "/_oidc/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": f"{server.url}/api/auth/oidc/test/callback",
            "code_verifier": verifier,
            "client_id": CLIENT_ID,
            "client_secret": secret,
        },
    )


def verified(client: httpx.Client, id_token: str) -> dict[str, Any]:
    """The claims of an ID token whose RS256 signature a key of the provider's JWKS checks."""
    keys = KeySet.import_key_set(client.get("/_oidc/jwks").json())
    return dict(jwt.decode(id_token, keys, algorithms=["RS256"]).claims)


def test_the_functions_are_configured_with_it_by_its_discovery_document(
    server: LocalServer, client: httpx.Client, configured: dict[str, Any]
) -> None:
    assert configured["display_name"] == "Test provider"
    assert configured["discovery_url"] == f"{server.url}/_oidc/.well-known/openid-configuration"
    document = client.get(configured["discovery_url"]).json()
    assert document["issuer"] == f"{server.url}/_oidc"
    for endpoint in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        assert document[endpoint].startswith(f"{server.url}/_oidc/")
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]


def test_the_page_offers_the_demo_people_and_a_name_and_address_to_type(
    server: LocalServer, client: httpx.Client
) -> None:
    page = client.get("/_oidc/authorize", params=authorization(server, "v" * 43))
    assert page.status_code == 200
    assert "Grace Hopper" in page.text
    assert "organizer@example.com" in page.text
    assert 'name="email"' in page.text


def test_the_id_token_says_who_signed_in_and_verifies_against_the_jwks(
    server: LocalServer, client: httpx.Client, configured: dict[str, Any]
) -> None:
    verifier = secrets.token_urlsafe(64)
    code = code_for(client, authorization(server, verifier), person="grace@example.com")
    tokens = trade(client, server, code, verifier, configured["client_secret"])
    assert tokens.status_code == 200, tokens.text
    assert tokens.headers["cache-control"] == "no-store"
    claims = verified(client, tokens.json()["id_token"])
    assert claims["iss"] == f"{server.url}/_oidc"
    assert claims["aud"] == CLIENT_ID
    assert claims["nonce"] == "the-nonce"
    assert (claims["email"], claims["email_verified"]) == ("grace@example.com", True)
    assert claims["name"] == "Grace Hopper"


def test_someone_typed_in_signs_in_with_the_same_subject_each_time(
    server: LocalServer, client: httpx.Client, configured: dict[str, Any]
) -> None:
    subjects = []
    for _ in range(2):
        verifier = secrets.token_urlsafe(64)
        request = authorization(server, verifier)
        code = code_for(client, request, name="Mary Jackson", email="Mary@Example.com")
        token = trade(client, server, code, verifier, configured["client_secret"]).json()
        claims = jwt.decode(
            token["id_token"], KeySet.import_key_set(client.get("/_oidc/jwks").json())
        )
        assert (claims.claims["email"], claims.claims["name"]) == (
            "mary@example.com",
            "Mary Jackson",
        )
        subjects.append(claims.claims["sub"])
    assert subjects[0] == subjects[1]

    typo = client.post("/_oidc/authorize", data={**request, "name": "M", "email": "nope"})
    assert typo.status_code == 422
    assert "valid email address" in typo.text


def test_a_code_is_refused_with_a_wrong_verifier_and_spent_by_the_try(
    server: LocalServer, client: httpx.Client, configured: dict[str, Any]
) -> None:
    verifier = secrets.token_urlsafe(64)
    code = code_for(client, authorization(server, verifier), person="alan@example.com")
    wrong = trade(client, server, code, secrets.token_urlsafe(64), configured["client_secret"])
    assert (wrong.status_code, wrong.json()["error"]) == (400, "invalid_grant")
    right = trade(client, server, code, verifier, configured["client_secret"])
    assert (right.status_code, right.json()["error"]) == (400, "invalid_grant")


def test_a_code_is_good_once(
    server: LocalServer, client: httpx.Client, configured: dict[str, Any]
) -> None:
    verifier = secrets.token_urlsafe(64)
    code = code_for(client, authorization(server, verifier), person="alan@example.com")
    assert trade(client, server, code, verifier, configured["client_secret"]).status_code == 200
    again = trade(client, server, code, verifier, configured["client_secret"])
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")


def test_only_the_app_with_its_secret_trades_codes(
    server: LocalServer, client: httpx.Client
) -> None:
    verifier = secrets.token_urlsafe(64)
    code = code_for(client, authorization(server, verifier), person="alan@example.com")
    refused = trade(client, server, code, verifier, SECRET)
    assert (refused.status_code, refused.json()["error"]) == (401, "invalid_client")


@pytest.mark.parametrize(
    "changed",
    [
        {"code_challenge_method": "plain"},
        {"code_challenge": ""},
        {"code_challenge_method": ""},
    ],
)
def test_a_request_without_an_s256_challenge_goes_back_refused(
    server: LocalServer, client: httpx.Client, changed: dict[str, str]
) -> None:
    request = authorization(server, secrets.token_urlsafe(64), **changed)
    back = answer(client.get("/_oidc/authorize", params=request))
    assert back["error"] == "invalid_request"
    assert "code" not in back


def test_cancelling_goes_back_with_access_denied(server: LocalServer, client: httpx.Client) -> None:
    request = authorization(server, secrets.token_urlsafe(64))
    back = answer(client.post("/_oidc/authorize", data={**request, "cancel": "1"}))
    assert (back["error"], back["state"]) == ("access_denied", "the-state")


@pytest.mark.parametrize(
    "changed",
    [{"redirect_uri": "https://evil.example/callback"}, {"client_id": "someone-else"}],
)
def test_an_unknown_client_or_address_is_told_to_the_person_not_redirected_to(
    server: LocalServer, client: httpx.Client, changed: dict[str, str]
) -> None:
    request = authorization(server, secrets.token_urlsafe(64), **changed)
    for sent in (
        client.get("/_oidc/authorize", params=request),
        client.post("/_oidc/authorize", data={**request, "person": "grace@example.com"}),
    ):
        assert sent.status_code == 400
        assert "location" not in sent.headers


def test_a_configured_provider_takes_its_place(tmp_path: Path) -> None:
    mine = {
        "google": {"discovery_url": "https://a.example", "client_id": "a", "client_secret": "b"}
    }
    environment = {"SLSPLAY_OIDC_PROVIDERS": json.dumps(mine)}
    with (
        LocalServer(
            template=FIXTURE_TEMPLATE,
            port=0,
            data_dir=tmp_path,
            pumps=False,
            environment=environment,
        ) as server,
        httpx.Client(base_url=server.url, timeout=10) as client,
    ):
        assert json.loads(server.gateway.environment["SLSPLAY_OIDC_PROVIDERS"]) == mine
        assert client.get("/_oidc/.well-known/openid-configuration").status_code == 404


def test_it_is_never_offered_in_the_cloud() -> None:
    # The cloud's functions are configured by the template alone, and never with a provider
    # (the stage's secret names them); no route of the template leads to the runtime's pages.
    template = (ROOT / "template.yaml").read_text()
    assert "OIDC_PROVIDERS" not in template
    assert "/_oidc" not in template
    # Only the runtime's server starts it: no handler or composition root reaches it.
    importers = {
        path.relative_to(ROOT / "src").as_posix()
        for path in (ROOT / "src" / "slsplay").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if (
            isinstance(node, ast.ImportFrom)
            and node.module in ("slsplay.local.identity_provider", "slsplay.local.identity_http")
        )
        or (
            isinstance(node, ast.ImportFrom)
            and node.module == "slsplay.local"
            and any(alias.name == "identity_http" for alias in node.names)
        )
    }
    assert importers == {"slsplay/local/server.py", "slsplay/local/identity_http.py"}
