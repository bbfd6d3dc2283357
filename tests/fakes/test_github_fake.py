"""The GitHub fake behaves as GitHub does for an OAuth app, driven over HTTP as a client
would."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

import httpx
import pytest

from tests.support.github_fake import GitHubFake, GitHubUser

REDIRECT_URI = "http://127.0.0.1:8000/api/auth/oidc/github/callback"
AUTHORIZE, TOKEN = "/login/oauth/authorize", "/login/oauth/access_token"


@dataclass
class Authorization:
    """What a client keeps between sending the user to GitHub and the callback."""

    code: str
    state: str
    verifier: str


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    # One client for the module: making one loads the TLS certificates, a few hundredths of
    # a second each time.
    with httpx.Client(follow_redirects=False, timeout=5) as opened:
        yield opened


@pytest.fixture
def fake() -> Iterator[GitHubFake]:
    with GitHubFake() as started:
        yield started


@pytest.fixture
def ada(fake: GitHubFake) -> GitHubUser:
    return fake.add_user("ada", "ada@example.com", name="Ada Lovelace")


@pytest.fixture
def client(http: httpx.Client, fake: GitHubFake, ada: GitHubUser) -> httpx.Client:
    http.base_url = httpx.URL(fake.base_url)
    return http


def pkce_pair() -> tuple[str, str]:
    # Worked out here rather than with the fake's own code_challenge, so a mistake there
    # cannot hide itself.
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorization_request(fake: GitHubFake, **changes: Any) -> tuple[dict[str, str], str]:
    """An authorization request's parameters as the app's client builds them, some replaced
    (None leaves one out), and the PKCE verifier the client keeps to itself."""
    verifier, challenge = pkce_pair()
    params = {
        "response_type": "code",
        "client_id": fake.client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": "read:user user:email",
        "state": secrets.token_urlsafe(16),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **changes,
    }
    return {k: v for k, v in params.items() if v is not None}, verifier


def callback(answer: httpx.Response, to: str = REDIRECT_URI) -> dict[str, str]:
    """The parameters GitHub sent the browser back with."""
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    assert location.startswith(to + "?"), location
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def authorize(client: httpx.Client, fake: GitHubFake, **changes: Any) -> Authorization:
    """The user signs in at GitHub; answers what the callback received."""
    params, verifier = authorization_request(fake, **changes)
    back = callback(client.get(AUTHORIZE, params=params))
    assert back["state"] == params["state"]
    return Authorization(back["code"], back["state"], verifier)


def redeem(
    client: httpx.Client,
    fake: GitHubFake,
    grant: Authorization,
    accept: str | None = "application/json",
    **changes: Any,
) -> httpx.Response:
    """The client trades the code at the token endpoint (its secret in the form)."""
    form = {
        "grant_type": "authorization_code",
        "code": grant.code,
        "redirect_uri": REDIRECT_URI,
        "code_verifier": grant.verifier,
        "client_id": fake.client_id,
        "client_secret": fake.client_secret,
        **changes,
    }
    return client.post(
        TOKEN,
        data={k: v for k, v in form.items() if v is not None},
        headers={"Accept": accept} if accept else {},
    )


def token_of(client: httpx.Client, fake: GitHubFake, **changes: Any) -> str:
    answer = redeem(client, fake, authorize(client, fake, **changes))
    token: str = answer.json()["access_token"]
    return token


def api(client: httpx.Client, fake: GitHubFake, path: str, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(fake.api_url + path, headers=headers)


def refusal(answer: httpx.Response) -> tuple[int, str]:
    """GitHub's token endpoint refuses with HTTP 200 and the error in the body."""
    return answer.status_code, answer.json()["error"]


# -- the code flow ----------------------------------------------------------------------


def test_a_full_code_flow_gives_a_token_that_reads_the_user_and_addresses(
    fake: GitHubFake, client: httpx.Client, ada: GitHubUser
) -> None:
    grant = authorize(client, fake)

    answer = redeem(client, fake, grant)

    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.headers["cache-control"] == "no-store"
    tokens = answer.json()
    assert set(tokens) == {"access_token", "token_type", "scope"}
    assert tokens["token_type"] == "bearer"
    assert tokens["scope"] == "read:user,user:email"  # GitHub joins them with commas
    user = api(client, fake, "/user", tokens["access_token"])
    assert user.status_code == 200
    assert user.headers["x-oauth-scopes"] == "read:user, user:email"
    assert user.json() == {"id": ada.id, "login": "ada", "name": "Ada Lovelace", "email": None}
    emails = api(client, fake, "/user/emails", tokens["access_token"]).json()
    assert emails == [
        {"email": "ada@example.com", "primary": True, "verified": True, "visibility": "private"}
    ]


def test_the_callback_carries_the_code_and_the_state_exactly(
    fake: GitHubFake, client: httpx.Client
) -> None:
    params, _ = authorization_request(fake, state="a b&c=d/é+%")

    back = callback(client.get(AUTHORIZE, params=params))

    assert back["state"] == "a b&c=d/é+%"
    assert set(back) == {"code", "state"}


def test_without_accept_json_the_token_comes_as_a_form(
    fake: GitHubFake, client: httpx.Client
) -> None:
    answer = redeem(client, fake, authorize(client, fake), accept=None)

    assert answer.headers["content-type"] == "application/x-www-form-urlencoded"
    form = dict(parse_qsl(answer.text))
    assert form["token_type"] == "bearer"
    assert form["access_token"].startswith("gho_")


def test_the_api_takes_the_token_as_bearer_or_token(fake: GitHubFake, client: httpx.Client) -> None:
    token = token_of(client, fake)

    for scheme in ("Bearer", "token", "TOKEN"):
        answer = client.get(f"{fake.api_url}/user", headers={"Authorization": f"{scheme} {token}"})
        assert answer.status_code == 200, scheme


def test_the_chosen_user_is_the_one_who_signs_in(fake: GitHubFake, client: httpx.Client) -> None:
    grace = fake.add_user("grace", "grace@example.com", verified=False)
    fake.choose(grace)

    token = token_of(client, fake)

    user = api(client, fake, "/user", token).json()
    assert (user["id"], user["login"], user["name"]) == (grace.id, "grace", None)
    (email,) = api(client, fake, "/user/emails", token).json()
    assert (email["email"], email["primary"], email["verified"]) == (
        "grace@example.com",
        True,
        False,
    )


def test_a_user_may_have_several_addresses_and_one_primary(
    fake: GitHubFake, client: httpx.Client, ada: GitHubUser
) -> None:
    fake.add_email(ada, "ada@work.example.com", verified=False)
    ada = fake.add_email(ada, "ada@home.example.com", primary=True)

    emails = api(client, fake, "/user/emails", token_of(client, fake)).json()

    assert ada.primary_email == "ada@home.example.com"
    assert [(e["email"], e["primary"], e["visibility"]) for e in emails] == [
        ("ada@home.example.com", True, "private"),
        ("ada@example.com", False, None),
        ("ada@work.example.com", False, None),
    ]


def test_a_user_who_cancels_is_sent_back_with_access_denied(
    fake: GitHubFake, client: httpx.Client
) -> None:
    fake.deny_next()
    params, _ = authorization_request(fake)

    back = callback(client.get(AUTHORIZE, params=params))

    assert (back["error"], back["state"]) == ("access_denied", params["state"])
    assert "code" not in back
    authorize(client, fake)  # only the next one


# -- what the authorization page refuses ------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"code_challenge_method": "plain"},
        {"code_challenge_method": None},  # which means plain
        {"code_challenge": None},
        {"code_challenge": "too-short"},
        {"state": None},
    ],
)
def test_a_request_without_pkce_s256_or_state_is_sent_back_with_an_error(
    fake: GitHubFake, client: httpx.Client, changes: dict[str, Any]
) -> None:
    params, _ = authorization_request(fake, **changes)

    back = callback(client.get(AUTHORIZE, params=params))

    assert back["error"] == "invalid_request"
    assert back.get("state") == params.get("state")
    assert "code" not in back


@pytest.mark.parametrize(
    "changes",
    [{"client_id": "someone-else"}, {"redirect_uri": "not an address"}, {"redirect_uri": None}],
)
def test_an_unknown_app_or_address_gets_a_page_not_a_redirect(
    fake: GitHubFake, client: httpx.Client, changes: dict[str, Any]
) -> None:
    params, _ = authorization_request(fake, **changes)

    answer = client.get(AUTHORIZE, params=params)

    assert answer.status_code in (400, 404)
    assert "location" not in answer.headers
    assert answer.headers["content-type"].startswith("text/html")


def test_a_registered_callback_takes_its_subpaths_and_refuses_other_places(
    http: httpx.Client,
) -> None:
    registered = "http://127.0.0.1:8000/api/auth"
    with GitHubFake(callback_url=registered) as fake:
        http.base_url = httpx.URL(fake.base_url)
        fake.add_user("ada", "ada@example.com")

        authorize(http, fake)  # REDIRECT_URI is below the registered callback
        for elsewhere in ("http://127.0.0.1:8001/api/auth", "http://127.0.0.1:8000/api/authx"):
            params, _ = authorization_request(fake, redirect_uri=elsewhere)
            back = callback(http.get(AUTHORIZE, params=params), to=registered)
            assert (back["error"], back["state"]) == ("redirect_uri_mismatch", params["state"])
        params, verifier = authorization_request(fake, redirect_uri=None)
        back = callback(http.get(AUTHORIZE, params=params), to=registered)
        grant = Authorization(back["code"], back["state"], verifier)
        assert redeem(http, fake, grant, redirect_uri=None).json()["token_type"] == "bearer"


# -- what the token endpoint refuses ----------------------------------------------------


def test_a_code_is_good_once_and_its_second_use_revokes_the_first_token(
    fake: GitHubFake, client: httpx.Client
) -> None:
    grant = authorize(client, fake)
    first = redeem(client, fake, grant).json()

    second = redeem(client, fake, grant)

    assert refusal(second) == (200, "bad_verification_code")
    assert second.json()["error_description"] == "The code passed is incorrect or expired."
    assert api(client, fake, "/user", first["access_token"]).status_code == 401


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"code_verifier": pkce_pair()[0]}, "bad_verification_code"),
        ({"code_verifier": None}, "bad_verification_code"),
        ({"code": "made-up"}, "bad_verification_code"),
        ({"redirect_uri": REDIRECT_URI + "/elsewhere"}, "redirect_uri_mismatch"),
        ({"redirect_uri": None}, "redirect_uri_mismatch"),
        ({"grant_type": "password"}, "unsupported_grant_type"),
    ],
    ids=[
        "wrong verifier",
        "no verifier",
        "unknown code",
        "other redirect_uri",
        "no redirect_uri",
        "other grant",
    ],
)
def test_a_code_that_does_not_match_its_authorization_is_refused(
    fake: GitHubFake, client: httpx.Client, changes: dict[str, Any], error: str
) -> None:
    grant = authorize(client, fake)

    assert refusal(redeem(client, fake, grant, **changes)) == (200, error)


def test_a_refused_try_spends_the_code(fake: GitHubFake, client: httpx.Client) -> None:
    grant = authorize(client, fake)
    redeem(client, fake, grant, code_verifier=pkce_pair()[0])

    assert refusal(redeem(client, fake, grant)) == (200, "bad_verification_code")


def test_an_expired_code_is_refused(fake: GitHubFake, client: httpx.Client) -> None:
    grant = authorize(client, fake)
    fake.expire_codes()

    assert refusal(redeem(client, fake, grant)) == (200, "bad_verification_code")


def test_a_wrong_client_secret_is_refused_and_does_not_spend_the_code(
    fake: GitHubFake, client: httpx.Client
) -> None:
    grant = authorize(client, fake)

    wrong = redeem(client, fake, grant, client_secret="guess")
    unknown = redeem(client, fake, grant, client_id="someone-else")

    assert refusal(wrong) == (200, "incorrect_client_credentials")
    assert refusal(unknown) == (200, "incorrect_client_credentials")
    assert "access_token" in redeem(client, fake, grant).json()


def test_refusals_come_as_a_form_without_accept_json(
    fake: GitHubFake, client: httpx.Client
) -> None:
    answer = redeem(client, fake, authorize(client, fake), accept=None, code="made-up")

    assert answer.status_code == 200
    assert dict(parse_qsl(answer.text))["error"] == "bad_verification_code"


# -- what the API refuses ---------------------------------------------------------------


def test_the_api_without_a_valid_token_is_401(fake: GitHubFake, client: httpx.Client) -> None:
    for headers, message in [
        ({}, "Requires authentication"),
        ({"Authorization": "Bearer made-up"}, "Bad credentials"),
        ({"Authorization": "Basic eDp5"}, "Bad credentials"),
    ]:
        answer = client.get(f"{fake.api_url}/user", headers=headers)

        assert answer.status_code == 401
        assert answer.json()["message"] == message


def test_the_addresses_need_the_user_email_scope(fake: GitHubFake, client: httpx.Client) -> None:
    token = token_of(client, fake, scope="read:user")

    assert api(client, fake, "/user", token).status_code == 200
    assert api(client, fake, "/user/emails", token).status_code == 404
    wide = token_of(client, fake, scope="user")
    assert api(client, fake, "/user/emails", wide).status_code == 200


# -- misbehaving on purpose -------------------------------------------------------------


def test_misbehaving_answers_the_next_call_to_one_path_only(
    fake: GitHubFake, client: httpx.Client
) -> None:
    token = token_of(client, fake)
    fake.misbehave_next("/user", 500, {"message": "Server Error"})
    fake.misbehave_next("/user/emails", body={"not": "a list"})

    assert api(client, fake, "/user", token).status_code == 500
    assert api(client, fake, "/user/emails", None).json() == {"not": "a list"}  # token or not
    assert api(client, fake, "/user", token).status_code == 200
    assert isinstance(api(client, fake, "/user/emails", token).json(), list)


def test_misbehaving_can_send_a_body_that_is_not_json(
    fake: GitHubFake, client: httpx.Client
) -> None:
    fake.misbehave_next("/user", 200, b"<html>unicorn</html>")

    answer = api(client, fake, "/user", None)

    assert answer.text == "<html>unicorn</html>"
    assert answer.headers["content-type"].startswith("text/html")


# -- what it records, and stopping ------------------------------------------------------


def test_it_records_what_the_client_sent(fake: GitHubFake, client: httpx.Client) -> None:
    grant = authorize(client, fake)
    token = redeem(client, fake, grant).json()["access_token"]
    api(client, fake, "/user", token)

    (sent,) = fake.requests_to(TOKEN)
    assert [r.path for r in fake.requests] == [AUTHORIZE, TOKEN, "/api/v3/user"]
    assert sent.method == "POST"
    assert sent.params["code_verifier"] == grant.verifier
    assert sent.header("accept") == "application/json"
    assert fake.requests[0].params["code_challenge_method"] == "S256"


def test_the_addresses_are_its_own_on_127_0_0_1(fake: GitHubFake) -> None:
    assert fake.base_url.startswith("http://127.0.0.1:")
    assert fake.api_url == fake.base_url + "/api/v3"


def test_choosing_a_user_of_another_fake_is_a_mistake(fake: GitHubFake) -> None:
    fake.add_user("ada", "ada@example.com")
    with GitHubFake() as other:
        linus = other.add_user("linus", "linus@example.com")  # the same id as ada's

    with pytest.raises(KeyError, match="linus"):
        fake.choose(linus)


def test_the_port_is_closed_once_the_block_ends(http: httpx.Client) -> None:
    with GitHubFake() as fake:
        base = fake.base_url
        assert http.get(f"{base}/api/v3/user").status_code == 401

    with pytest.raises(httpx.ConnectError):
        http.get(f"{base}/api/v3/user")
    with pytest.raises(RuntimeError):
        _ = fake.base_url
