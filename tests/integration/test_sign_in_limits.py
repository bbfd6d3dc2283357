"""Guessing a password or an emailed code over HTTP, many requests at once: however they
arrive, one address gets five checks in 15 minutes, and every other request is paused."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.support.api import PASSWORD, sign_up
from tests.support.server import Server

pytestmark = pytest.mark.served

GUESSES = 40


def guess_at_once(server: Server, path: str, bodies: list[dict[str, str]]) -> list[httpx.Response]:
    """Every body posted to ``path`` at the same moment, each on a connection of its own."""
    start = threading.Barrier(len(bodies))

    def post(body: dict[str, str]) -> httpx.Response:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            start.wait()
            return client.post(path, json=body)

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(post, bodies))


def test_forty_password_guesses_at_once_get_five_checks_and_the_rest_are_paused(
    api: httpx.Client, server: Server
) -> None:
    email = sign_up(api, "Ada")["user"]["email"]

    answers = guess_at_once(
        server,
        "/api/auth/login",
        [{"email": email, "password": f"guess number {n}"} for n in range(GUESSES)],
    )

    statuses = Counter(answer.status_code for answer in answers)
    assert statuses[401] <= 5
    assert statuses[401] + statuses[429] == GUESSES, statuses
    paused = [answer for answer in answers if answer.status_code == 429]
    assert {answer.json()["code"] for answer in paused} == {"too_many_attempts"}
    assert all(0 < int(answer.headers["Retry-After"]) <= 15 * 60 for answer in paused)
    # The right password waits for the pause too: a guess among the forty would.
    right = api.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert right.status_code == 429


def test_code_guesses_are_paused_after_five_whatever_new_codes_are_asked_for(
    api: httpx.Client, server: Server
) -> None:
    email = sign_up(api, "Bea")["user"]["email"]
    assert api.post("/api/auth/code", json={"email": email}).status_code == 202

    first = guess_at_once(
        server,
        "/api/auth/code/verify",
        [{"email": email, "code": f"{n:06d}"} for n in range(GUESSES)],
    )
    assert api.post("/api/auth/code", json={"email": email}).status_code == 202
    after_a_new_code = api.post("/api/auth/code/verify", json={"email": email, "code": "123456"})

    statuses = Counter(answer.status_code for answer in first)
    assert statuses[401] <= 5
    assert statuses[401] + statuses[429] == GUESSES, statuses
    assert after_a_new_code.status_code == 429
    assert after_a_new_code.json()["code"] == "too_many_attempts"
