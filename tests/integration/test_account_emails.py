"""Account emails through slsplay serve: the verification link after signing up, a password
reset, and signing in with a code, each read from the mail the notifier sent."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.support.api import PASSWORD, bearer, link_token, mail_to
from tests.support.server import Server, address
from tests.support.waiting import eventually

pytestmark = pytest.mark.served


def sign_up(api: httpx.Client, email: str) -> dict[str, Any]:
    answer = api.post(
        "/api/auth/signup", json={"email": email, "password": PASSWORD, "name": "Ada"}
    )
    assert answer.status_code == 201, answer.text
    session: dict[str, Any] = answer.json()
    return session


def test_a_new_account_proves_its_address_with_the_emailed_link(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    email = address("vera")
    session = sign_up(api, email)
    assert session["user"]["email_verified"] is False

    message = mail_to(server, email, "Confirm your email address")
    token = link_token(message, "verify")
    assert (
        f"{server.url}/verify/{token}" in message["text"] or f"/verify/{token}" in message["text"]
    )
    verified = api.post("/api/auth/verify", json={"token": token})
    assert verified.status_code == 200, verified.text
    assert verified.json()["email_verified"] is True
    me = api.get("/api/me", headers=bearer(session["access_token"])).json()
    assert me["email_verified"] is True

    again = api.post("/api/auth/verify", json={"token": token})
    assert again.status_code == 422
    assert again.json()["code"] == "invalid_token"


def test_signing_up_with_a_taken_address_answers_alike_and_emails_its_holder(
    server: Server,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    email, free = address("tess"), address("tom")
    sign_up(api, email)
    mail_to(server, email, "Confirm your email address")

    taken = api.post(
        "/api/auth/signup", json={"email": email, "password": "someone else's", "name": "Eve"}
    )
    new = api.post("/api/auth/signup", json={"email": free, "password": PASSWORD, "name": "Tom"})

    assert (taken.status_code, new.status_code) == (201, 201)
    assert taken.json().keys() == new.json().keys()
    assert taken.json()["user"].keys() == new.json()["user"].keys()
    assert taken.json()["user"]["email"] == email
    notice = mail_to(server, email, "Someone tried to sign up with your address")
    new_password = "the holder's new passphrase"
    token = link_token(notice, "reset")
    reset = api.post("/api/auth/password/reset", json={"token": token, "password": new_password})
    assert reset.status_code == 200, reset.text
    assert reset.json()["user"]["name"] == "Ada"
    assert (
        api.post("/api/auth/login", json={"email": email, "password": "someone else's"}).status_code
        == 401
    )


def test_a_reset_link_works_once_and_signs_out_everywhere_else(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    email = address("rita")
    before = sign_up(api, email)
    unknown = api.post("/api/auth/password/forgot", json={"email": address("nobody")})
    assert unknown.status_code == 202
    asked = api.post("/api/auth/password/forgot", json={"email": email})
    assert asked.status_code == 202

    token = link_token(mail_to(server, email, "Reset your slsplay password"), "reset")
    new_password = "a brand new passphrase"
    reset = api.post("/api/auth/password/reset", json={"token": token, "password": new_password})
    assert reset.status_code == 200, reset.text
    assert reset.json()["user"]["email_verified"] is True

    stale = api.post("/api/auth/refresh", json={"refresh_token": before["refresh_token"]})
    assert stale.status_code == 401
    login = api.post("/api/auth/login", json={"email": email, "password": new_password})
    assert login.status_code == 200
    reused = api.post("/api/auth/password/reset", json={"token": token, "password": new_password})
    assert reused.status_code == 422
    assert reused.json()["code"] == "invalid_token"


def test_a_code_signs_in_and_five_wrong_tries_pause_the_address(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    email = address("cody")
    sign_up(api, email)
    assert api.post("/api/auth/code", json={"email": email}).status_code == 202
    message = mail_to(server, email, "Your slsplay sign-in code")
    code = message["subject"].rsplit(" ", 1)[-1]
    assert re.fullmatch(r"\d{6}", code)

    signed_in = api.post("/api/auth/code/verify", json={"email": email, "code": code})
    assert signed_in.status_code == 200, signed_in.text
    assert signed_in.json()["user"]["email_verified"] is True
    spent = api.post("/api/auth/code/verify", json={"email": email, "code": code})
    assert spent.status_code == 401

    api.post("/api/auth/code", json={"email": email})

    def another_code() -> dict[str, Any] | None:
        """a second code emailed"""
        newest = mail_to(server, email, "Your slsplay sign-in code")
        return newest if newest["subject"] != message["subject"] else None

    fresh = eventually(another_code)
    code = fresh["subject"].rsplit(" ", 1)[-1]
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(4):  # the spent code was the first of five checks
        refused = api.post("/api/auth/code/verify", json={"email": email, "code": wrong})
        assert refused.status_code == 401
        assert refused.json()["code"] == "invalid_code"
    ended = api.post("/api/auth/code/verify", json={"email": email, "code": code})
    assert ended.status_code == 429
    assert ended.json()["code"] == "too_many_attempts"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/auth/password/forgot", {"email": "not an address"}, "email"),
        ("/api/auth/code", {}, "email"),
        ("/api/auth/password/reset", {"token": "x"}, "password"),
        ("/api/auth/verify", {"token": "x", "extra": 1}, "extra"),
    ],
)
def test_bad_requests_are_problems_naming_the_field(
    api: httpx.Client, path: str, body: dict[str, object], field: str
) -> None:
    answer = api.post(path, json=body)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in answer.json()["errors"]]


def test_graphql_signs_in_with_a_code_and_proves_an_address(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    email = address("gwen")
    sign_up(api, email)
    token = link_token(mail_to(server, email, "Confirm your email address"), "verify")

    def gql(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        answer = api.post("/api/graphql", json={"query": query, "variables": variables}).json()
        assert "errors" not in answer, answer
        data: dict[str, Any] = answer["data"]
        return data

    verified = gql(
        "mutation V($t: String!) { verifyEmail(token: $t) { user { emailVerified } } }",
        {"t": token},
    )
    assert verified["verifyEmail"]["user"] == {"emailVerified": True}
    asked = gql(
        "mutation R($e: String!) { requestSignInCode(email: $e) { accepted } }", {"e": email}
    )
    assert asked["requestSignInCode"] == {"accepted": True}
    code = mail_to(server, email, "Your slsplay sign-in code")["subject"].rsplit(" ", 1)[-1]
    signed_in = gql(
        """mutation S($e: String!, $c: String!) {
             signInWithCode(email: $e, code: $c) {
               session { user { email emailVerified } } userErrors { code }
             }
           }""",
        {"e": email, "c": code},
    )["signInWithCode"]
    assert signed_in == {
        "session": {"user": {"email": email, "emailVerified": True}},
        "userErrors": [],
    }
