"""Social sign-in over HTTP: slsplay serve against an OpenID provider the test starts (its
own keys, discovery document, authorize and token endpoints on 127.0.0.1).

The browser's part is played by following redirects by hand: the app's start sends to the
provider, the provider's authorize answers with the code at once (no login page), the app's
callback sends to the web app's page with a one-time code, traded for the session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.support.api import PASSWORD, bearer, new_meetup
from tests.support.oidc_provider import OidcProvider
from tests.support.server import Server, address, running_server

pytestmark = [pytest.mark.served, pytest.mark.own_provider]

CLIENT_ID, CLIENT_SECRET = "slsplay-test", "test-secret"


@pytest.fixture(scope="module")
def provider() -> Iterator[OidcProvider]:
    with OidcProvider(client_id=CLIENT_ID, client_secret=CLIENT_SECRET) as running:
        yield running


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, aws_endpoint: str | None, provider: OidcProvider
) -> Iterator[Server]:
    """``slsplay serve`` with the test provider configured as "test"."""
    configured = {
        "test": {
            "discovery_url": provider.discovery_url,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "display_name": "Test ID",
        }
    }
    data_dir = tmp_path_factory.mktemp("serve") / "data"
    with running_server(data_dir, sign_in_providers=configured) as running:
        yield running


def sign_in(
    api: httpx.Client, provider: OidcProvider, *, guest_token: str | None = None
) -> tuple[str, dict[str, str]]:
    """Start, pass the provider, reach the callback: the web app's page and its query."""
    start = api.get(
        "/api/auth/oidc/test/start",
        params={"next": "/meetups"},
        headers={"Accept": "application/json", **(bearer(guest_token) if guest_token else {})},
    )
    assert start.status_code == 200, start.text
    authorize = httpx.get(start.json()["authorize_url"], follow_redirects=False)
    assert authorize.status_code == 302, authorize.text
    callback = api.get(authorize.headers["location"])
    assert callback.status_code == 302, callback.text
    landing = urlsplit(callback.headers["location"])
    return landing.path, {k: v[0] for k, v in parse_qs(landing.query).items()}


def exchange(api: httpx.Client, code: str) -> httpx.Response:
    return api.post("/api/auth/oidc/exchange", json={"code": code})


def test_the_providers_are_listed_for_the_sign_in_buttons(api: httpx.Client) -> None:
    listed = api.get("/api/auth/providers").json()["providers"]
    assert listed == [
        {"name": "test", "label": "Test ID", "start_url": "/api/auth/oidc/test/start"}
    ]
    unknown = api.get("/api/auth/oidc/nobody/start")
    assert unknown.status_code == 404


def test_a_new_person_signs_in_and_gets_a_verified_account(
    api: httpx.Client, provider: OidcProvider
) -> None:
    email = address("sofia")
    provider.add_user("sub-sofia", email, name="Sofia")
    provider.choose("sub-sofia")

    start = api.get("/api/auth/oidc/test/start", params={"next": "/meetups"})
    assert start.status_code == 302
    sent_to = parse_qs(urlsplit(start.headers["location"]).query)
    assert sent_to["code_challenge_method"] == ["S256"]
    assert sent_to["client_id"] == [CLIENT_ID]
    assert sent_to["state"][0]
    assert sent_to["nonce"][0]

    path, query = sign_in(api, provider)
    assert path == "/signin/complete"
    assert query["next"] == "/meetups"
    session = exchange(api, query["code"])
    assert session.status_code == 200, session.text
    user = session.json()["user"]
    assert (user["email"], user["name"], user["email_verified"]) == (email, "Sofia", True)
    assert exchange(api, query["code"]).status_code == 422  # the code works once

    again_path, again = sign_in(api, provider)  # the same person again: the same account
    assert exchange(api, again["code"]).json()["user"]["id"] == user["id"]
    assert again_path == "/signin/complete"


def test_an_account_with_the_same_verified_address_is_linked(
    api: httpx.Client, provider: OidcProvider
) -> None:
    email = address("lina")
    signed_up = api.post(
        "/api/auth/signup", json={"email": email, "password": PASSWORD, "name": "Lina"}
    ).json()
    provider.add_user("sub-lina", email, name="Lina at Test")
    provider.choose("sub-lina")

    _, query = sign_in(api, provider)
    user = exchange(api, query["code"]).json()["user"]
    assert user["id"] == signed_up["user"]["id"]
    assert user["email_verified"] is True


def test_an_unverified_address_does_not_take_over_an_account(
    api: httpx.Client, provider: OidcProvider
) -> None:
    email = address("otto")
    api.post("/api/auth/signup", json={"email": email, "password": PASSWORD, "name": "Otto"})
    provider.add_user("sub-mallory", email, email_verified=False)
    provider.choose("sub-mallory")

    path, query = sign_in(api, provider)
    assert (path, query) == ("/login", {"error": "email_not_verified"})


def test_a_guest_keeps_the_drafts_on_signing_in(api: httpx.Client, provider: OidcProvider) -> None:
    guest = api.post("/api/auth/guest").json()["access_token"]
    draft = new_meetup(api, guest, title="Drafted as a guest")
    provider.add_user("sub-gina", address("gina"), name="Gina")
    provider.choose("sub-gina")

    _, query = sign_in(api, provider, guest_token=guest)
    token = exchange(api, query["code"]).json()["access_token"]
    mine = api.get("/api/me/meetups", headers=bearer(token)).json()["meetups"]
    assert [m["id"] for m in mine] == [draft["id"]]


def refused(api: httpx.Client, provider: OidcProvider, **tamper: Any) -> dict[str, str]:
    """Where the callback sends the person when the provider's answer is tampered with."""
    provider.add_user("sub-tess", address("tess"), name="Tess")
    provider.choose("sub-tess")
    provider.tamper_next(**tamper)
    path, query = sign_in(api, provider)
    assert path == "/login"
    return query


@pytest.mark.parametrize(
    ("tamper", "error"),
    [
        ({"nonce": "another nonce"}, "id_token_nonce"),
        ({"audience": "someone-else"}, "id_token_aud"),
        ({"issuer": "https://evil.example.com"}, "id_token_iss"),
        ({"expired": True}, "id_token_exp"),
        ({"wrong_key": True}, "id_token_signature"),
    ],
)
def test_an_id_token_not_to_trust_is_refused(
    api: httpx.Client, provider: OidcProvider, tamper: dict[str, Any], error: str
) -> None:
    assert refused(api, provider, **tamper) == {"error": error}


def test_a_tampered_state_is_refused(api: httpx.Client, provider: OidcProvider) -> None:
    provider.add_user("sub-stan", address("stan"))
    provider.choose("sub-stan")
    start = api.get("/api/auth/oidc/test/start", headers={"Accept": "application/json"})
    authorize = httpx.get(start.json()["authorize_url"], follow_redirects=False)
    back = urlsplit(authorize.headers["location"])
    query = parse_qs(back.query)
    forged = f"{back.path}?code={query['code'][0]}&state=forged-{query['state'][0]}"
    callback = api.get(forged)
    assert callback.status_code == 302
    assert callback.headers["location"].endswith("/login?error=invalid_state")


def test_a_code_is_refused_when_reused_or_expired(
    api: httpx.Client, provider: OidcProvider
) -> None:
    provider.add_user("sub-remy", address("remy"))
    provider.choose("sub-remy")
    start = api.get("/api/auth/oidc/test/start", headers={"Accept": "application/json"})
    authorize = httpx.get(start.json()["authorize_url"], follow_redirects=False)
    first = api.get(authorize.headers["location"])
    assert "/signin/complete?" in first.headers["location"]
    replayed = api.get(authorize.headers["location"])  # the same state and code again
    assert replayed.headers["location"].endswith("/login?error=invalid_state")

    start = api.get("/api/auth/oidc/test/start", headers={"Accept": "application/json"})
    authorize = httpx.get(start.json()["authorize_url"], follow_redirects=False)
    provider.expire_codes()
    late = api.get(authorize.headers["location"])
    assert late.headers["location"].endswith("/login?error=code_refused")


def test_a_refusal_at_the_provider_sends_back_to_log_in(api: httpx.Client) -> None:
    start = api.get("/api/auth/oidc/test/start", headers={"Accept": "application/json"})
    state = parse_qs(urlsplit(start.json()["authorize_url"]).query)["state"][0]
    denied = api.get(
        "/api/auth/oidc/test/callback", params={"error": "access_denied", "state": state}
    )
    assert denied.status_code == 302
    assert denied.headers["location"].endswith("/login?error=provider_refused")
