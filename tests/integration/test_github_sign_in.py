"""Signing in with GitHub over HTTP: slsplay serve against a fake of GitHub the test starts
on 127.0.0.1 (its OAuth pages, its token endpoint, and its API under ``/api/v3``, as an
Enterprise Server has it), configured as a ``github`` provider naming those hosts.

The browser's part is played by following redirects by hand: the app's start sends to
GitHub, GitHub's authorize answers with the code at once (no login page), the app's callback
trades it, asks the API who signed in and sends to the web app's page with a one-time code,
traded for the session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.support.api import PASSWORD, bearer, new_meetup
from tests.support.github_fake import GitHubFake, GitHubUser
from tests.support.server import Server, address, running_server

pytestmark = [pytest.mark.served, pytest.mark.own_provider]

CLIENT_ID, CLIENT_SECRET = "Ov23liSlsplayTest", "github-test-secret"
START, EXCHANGE = "/api/auth/oidc/github/start", "/api/auth/oidc/exchange"


@pytest.fixture(scope="module")
def github() -> Iterator[GitHubFake]:
    with GitHubFake(client_id=CLIENT_ID, client_secret=CLIENT_SECRET) as running:
        yield running


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, aws_endpoint: str | None, github: GitHubFake
) -> Iterator[Server]:
    """``slsplay serve`` with the fake configured as "github"."""
    configured = {
        "github": {
            "kind": "github",
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "base_url": github.base_url,
            "api_url": github.api_url,
        }
    }
    data_dir = tmp_path_factory.mktemp("serve") / "data"
    with running_server(data_dir, sign_in_providers=configured) as running:
        yield running


def signing_in(github: GitHubFake, login: str, **details: Any) -> GitHubUser:
    """A new GitHub user, unique to the run, chosen to sign in next."""
    user = github.add_user(login, address(login), **details)
    github.choose(user)
    return user


def at_github(api: httpx.Client, *, guest_token: str | None = None) -> str:
    """Start, and pass GitHub: the app's callback address, with GitHub's code and state."""
    start = api.get(
        START,
        params={"next": "/meetups"},
        headers={"Accept": "application/json", **(bearer(guest_token) if guest_token else {})},
    )
    assert start.status_code == 200, start.text
    authorize = httpx.get(start.json()["authorize_url"], follow_redirects=False)
    assert authorize.status_code == 302, authorize.text
    callback: str = authorize.headers["location"]
    return callback


def land(api: httpx.Client, callback: str) -> tuple[str, dict[str, str]]:
    """Reach the app's callback: the web app's page and its query."""
    answer = api.get(callback)
    assert answer.status_code == 302, answer.text
    landing = urlsplit(answer.headers["location"])
    return landing.path, {k: v[0] for k, v in parse_qs(landing.query).items()}


def sign_in(api: httpx.Client, *, guest_token: str | None = None) -> tuple[str, dict[str, str]]:
    return land(api, at_github(api, guest_token=guest_token))


def session_of(api: httpx.Client, *, guest_token: str | None = None) -> dict[str, Any]:
    """A whole sign-in that must succeed: the session the one-time code is traded for."""
    path, query = sign_in(api, guest_token=guest_token)
    assert path == "/signin/complete", query
    answer = api.post(EXCHANGE, json={"code": query["code"]})
    assert answer.status_code == 200, answer.text
    session: dict[str, Any] = answer.json()
    return session


def test_github_is_listed_for_the_sign_in_buttons(api: httpx.Client) -> None:
    listed = api.get("/api/auth/providers").json()["providers"]

    assert listed == [{"name": "github", "label": "GitHub", "start_url": START}]


def test_the_start_sends_to_the_configured_github_with_pkce(
    api: httpx.Client, github: GitHubFake, server: Server
) -> None:
    start = api.get(START, params={"next": "/meetups"})

    assert start.status_code == 302
    sent_to = urlsplit(start.headers["location"])
    assert f"{sent_to.scheme}://{sent_to.netloc}{sent_to.path}" == (
        f"{github.base_url}/login/oauth/authorize"
    )
    query = {k: v[0] for k, v in parse_qs(sent_to.query).items()}
    assert query["client_id"] == CLIENT_ID
    assert query["code_challenge_method"] == "S256"
    assert query["scope"] == "read:user user:email"
    assert query["redirect_uri"].endswith("/api/auth/oidc/github/callback")
    assert query["state"]
    assert "nonce" not in query  # OAuth 2, not OpenID Connect: no ID token to bind it to


def test_a_new_person_gets_a_verified_account_that_can_publish_at_once(
    api: httpx.Client, github: GitHubFake
) -> None:
    octo = signing_in(github, "octo", name="Octo Cat")

    session = session_of(api)

    user = session["user"]
    assert (user["email"], user["name"], user["email_verified"]) == (
        octo.primary_email,
        "Octo Cat",
        True,
    )
    token = session["access_token"]
    viewer = api.post(
        "/api/graphql",
        json={"query": "{ viewer { email emailVerified } }"},
        headers=bearer(token),
    ).json()["data"]["viewer"]
    assert viewer == {"email": octo.primary_email, "emailVerified": True}
    draft = new_meetup(api, token, title="Octo's first meetup")
    published = api.post(f"/api/meetups/{draft['id']}/publish", headers=bearer(token))
    assert published.status_code == 200, published.text
    assert published.json()["status"] == "published"

    again = session_of(api)  # the same GitHub user again: the same account
    assert again["user"]["id"] == user["id"]


def test_the_app_trades_the_code_and_reads_the_api_as_github_asks(
    api: httpx.Client, github: GitHubFake
) -> None:
    signing_in(github, "tracy")
    already = len(github.requests)

    session_of(api)

    sent = github.requests[already:]
    assert [(r.method, r.path) for r in sent] == [
        ("GET", "/login/oauth/authorize"),
        ("POST", "/login/oauth/access_token"),
        ("GET", "/api/v3/user"),
        ("GET", "/api/v3/user/emails"),
    ]
    traded = sent[1]
    assert traded.header("accept") == "application/json"  # else GitHub answers a form
    assert traded.params["client_secret"] == CLIENT_SECRET
    assert traded.params["code_verifier"]
    assert traded.params["redirect_uri"] == sent[0].params["redirect_uri"]
    for call in sent[2:]:
        assert (call.header("authorization") or "").startswith("Bearer gho_")


def test_a_person_without_a_name_at_github_is_named_by_their_login(
    api: httpx.Client, github: GitHubFake
) -> None:
    signing_in(github, "nameless")

    assert session_of(api)["user"]["name"] == "nameless"


def test_an_account_with_the_same_verified_address_is_linked(
    api: httpx.Client, github: GitHubFake
) -> None:
    email = address("lina")
    signed_up = api.post(
        "/api/auth/signup", json={"email": email, "password": PASSWORD, "name": "Lina"}
    ).json()
    lina = github.add_user("lina-gh", email, name="Lina at GitHub")
    github.choose(lina)

    user = session_of(api)["user"]

    assert user["id"] == signed_up["user"]["id"]
    assert user["email_verified"] is True
    by_password = api.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert by_password.json()["user"]["id"] == user["id"]  # one account, two ways in


def test_an_unverified_primary_address_is_refused_and_takes_nothing_over(
    api: httpx.Client, github: GitHubFake
) -> None:
    email = address("otto")
    api.post("/api/auth/signup", json={"email": email, "password": PASSWORD, "name": "Otto"})
    mallory = github.add_user("mallory", email, verified=False)
    # A verified address that is not the primary one does not make it trusted either.
    github.add_email(mallory, address("mallory"))
    github.choose(mallory)

    assert sign_in(api) == ("/login", {"error": "email_not_verified"})


def test_a_code_is_refused_when_reused_or_expired(api: httpx.Client, github: GitHubFake) -> None:
    signing_in(github, "remy")
    callback = at_github(api)
    first, _ = land(api, callback)
    assert first == "/signin/complete"
    assert land(api, callback) == ("/login", {"error": "invalid_state"})  # the state is spent

    # The spent code under a state of a sign-in begun since: GitHub refuses the code.
    code = parse_qs(urlsplit(callback).query)["code"][0]
    fresh = urlsplit(at_github(api))
    state = parse_qs(fresh.query)["state"][0]
    replayed = api.get(fresh.path, params={"code": code, "state": state})
    assert replayed.headers["location"].endswith("/login?error=code_refused")

    late = at_github(api)
    github.expire_codes()
    assert land(api, late) == ("/login", {"error": "code_refused"})


def test_a_guest_keeps_the_drafts_on_signing_in(api: httpx.Client, github: GitHubFake) -> None:
    guest = api.post("/api/auth/guest").json()["access_token"]
    draft = new_meetup(api, guest, title="Drafted as a guest")
    signing_in(github, "gina", name="Gina")

    token = session_of(api, guest_token=guest)["access_token"]

    mine = api.get("/api/me/meetups", headers=bearer(token)).json()["meetups"]
    assert [m["id"] for m in mine] == [draft["id"]]


def test_a_person_who_cancels_at_github_is_sent_back_to_log_in(
    api: httpx.Client, github: GitHubFake
) -> None:
    signing_in(github, "carl")
    github.deny_next()

    assert sign_in(api) == ("/login", {"error": "provider_refused"})


@pytest.mark.parametrize(
    ("path", "status", "body", "error"),
    [
        ("/user", 500, {"message": "Server Error"}, "github_user_refused"),
        ("/user", 401, {"message": "Bad credentials"}, "github_user_refused"),
        ("/user", 200, {"login": "no-id"}, "github_user_refused"),
        ("/user", 200, b"<html>unicorn</html>", "github_user_refused"),
        ("/user/emails", 404, {"message": "Not Found"}, "github_emails_refused"),
        ("/user/emails", 200, {"email": "not-a-list@example.com"}, "github_emails_refused"),
    ],
    ids=[
        "user 500",
        "user 401",
        "user without id",
        "user not json",
        "emails 404",
        "emails not a list",
    ],
)
def test_an_api_answer_not_to_trust_sends_back_to_log_in(
    api: httpx.Client, github: GitHubFake, path: str, status: int, body: Any, error: str
) -> None:
    signing_in(github, "brent")
    github.misbehave_next(path, status, body)

    assert sign_in(api) == ("/login", {"error": error})
