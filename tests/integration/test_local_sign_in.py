"""Social sign-in through the runtime's own identity provider, which ``slsplay serve`` offers
as "Test provider" when no provider is configured: the app's real sign-in code (discovery,
PKCE, the code traded with the client's secret, the ID token checked against the JWKS) runs
against it, on either backend.

The browser's part is played by hand: the app's start sends to the provider's page, where the
form posts who signs in; the provider sends back to the app's callback, which sends to the web
app's page with a one-time code, traded for the session."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.support.api import PASSWORD, bearer
from tests.support.server import Server, address

pytestmark = [pytest.mark.served, pytest.mark.dev_only]


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def sign_in(api: httpx.Client, server: Server, **choice: str) -> httpx.Response:
    """Start at the app, choose at the provider's page, reach the callback: its answer."""
    start = api.get(
        "/api/auth/oidc/test/start",
        params={"next": "/meetups"},
        headers={"Accept": "application/json"},
    )
    assert start.status_code == 200, start.text
    authorize_url = start.json()["authorize_url"]
    assert authorize_url.startswith(f"{server.url}/_oidc/authorize?")
    page = api.get(authorize_url)
    assert page.status_code == 200, page.text
    # The page's forms carry the request along with the choice.
    chosen = api.post("/_oidc/authorize", data={**query(authorize_url), **choice})
    assert chosen.status_code == 303, chosen.text
    return api.get(chosen.headers["location"])


def signed_in(api: httpx.Client, server: Server, **choice: str) -> dict[str, str]:
    """The user a sign-in as ``choice`` ends with, at the web app's page it lands on."""
    callback = sign_in(api, server, **choice)
    assert callback.status_code == 302, callback.text
    landing = callback.headers["location"]
    assert landing.startswith(f"{server.url}/signin/complete?")
    assert query(landing)["next"] == "/meetups"
    session = api.post("/api/auth/oidc/exchange", json={"code": query(landing)["code"]})
    assert session.status_code == 200, session.text
    me = api.get("/api/me", headers=bearer(session.json()["access_token"]))
    assert me.status_code == 200, me.text
    user: dict[str, str] = me.json()
    return user


def test_the_login_page_offers_the_test_provider(api: httpx.Client) -> None:
    listed = api.get("/api/auth/providers").json()["providers"]
    assert listed == [
        {"name": "test", "label": "Test provider", "start_url": "/api/auth/oidc/test/start"}
    ]


def test_a_demo_person_signs_in_and_finds_the_same_account_again(
    api: httpx.Client, server: Server
) -> None:
    first = signed_in(api, server, person="grace@example.com")
    assert (first["email"], first["name"]) == ("grace@example.com", "Grace Hopper")
    assert signed_in(api, server, person="grace@example.com")["id"] == first["id"]


def test_an_address_typed_in_signs_in_to_the_account_that_has_it(
    api: httpx.Client, server: Server
) -> None:
    email = address("typed")
    signup = {"email": email, "password": PASSWORD, "name": "Mary Jackson"}
    account = api.post("/api/auth/signup", json=signup)
    assert account.status_code == 201, account.text

    user = signed_in(api, server, name="Mary J.", email=email.upper())

    assert user["id"] == account.json()["user"]["id"]


def test_cancelling_at_the_provider_leads_back_to_log_in(api: httpx.Client, server: Server) -> None:
    callback = sign_in(api, server, cancel="1")
    assert callback.status_code == 302
    assert callback.headers["location"] == f"{server.url}/login?error=provider_refused"
