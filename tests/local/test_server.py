"""The runtime over real HTTP: uvicorn on a free port, the web app, and ``slsplay serve``."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import httpx
import pytest

from slsplay.local.request_log import lines_in_batches
from slsplay.local.server import MAX_PAYLOAD_BYTES, LocalServer
from tests.local import fixture_functions
from tests.local.helpers import FIXTURE_TEMPLATE, Issuer
from tests.support.waiting import eventually

WITHIN_SECONDS = 10


@pytest.fixture
def signals(tmp_path: Path) -> Path:
    """Where the fixture functions, each in a process of its own, and the test signal."""
    directory = tmp_path / "signals"
    directory.mkdir()
    return directory


@pytest.fixture
def server(tmp_path: Path, signals: Path, issuer: Issuer) -> Iterator[LocalServer]:
    """The fixture template served on 127.0.0.1 and a free port; no web app built; the
    issuer function publishes the test issuer's keys."""
    with LocalServer(
        template=FIXTURE_TEMPLATE,
        port=0,
        data_dir=tmp_path / "data",
        static_dir=tmp_path / "web-not-built",
        environment={
            "FIXTURE_SIGNALS": str(signals),
            "FIXTURE_JWKS": json.dumps({"keys": [issuer.jwk()]}),
        },
    ) as running:
        yield running


@pytest.fixture
def client(server: LocalServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=WITHIN_SECONDS) as http:
        yield http


def test_the_server_listens_on_loopback_and_knows_its_own_url(server: LocalServer) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.url)
    assert not server.url.endswith(":0")


def test_a_request_over_http_reaches_its_function_as_an_api_gateway_event(
    client: httpx.Client,
) -> None:
    response = client.get("/public/ada?x=1&x=2", headers={"X-Custom": "yes", "Cookie": "c=1"})

    event = response.json()
    assert response.status_code == 200
    assert event["routeKey"] == "GET /public/{name}"
    assert event["pathParameters"] == {"name": "ada"}
    assert event["queryStringParameters"] == {"x": "1,2"}
    assert event["headers"]["x-custom"] == "yes"
    assert event["cookies"] == ["c=1"]
    assert event["requestContext"]["http"]["sourceIp"] == "127.0.0.1"
    assert response.headers["apigw-requestid"] == event["requestContext"]["requestId"]


def test_a_forwarded_for_header_is_appended_to_and_never_taken_for_the_source(
    client: httpx.Client,
) -> None:
    # API Gateway's sourceIp is the connection's peer, whatever the client claims.
    event = client.get("/public/ada", headers={"X-Forwarded-For": "203.0.113.9"}).json()

    assert event["requestContext"]["http"]["sourceIp"] == "127.0.0.1"
    assert event["headers"]["x-forwarded-for"] == "203.0.113.9, 127.0.0.1"


def test_binary_bodies_cross_in_both_directions(client: httpx.Client) -> None:
    sent = bytes(range(256))

    echoed = client.post("/echo", content=sent, headers={"content-type": "image/png"}).json()
    received = client.get("/results/binary")

    assert echoed["isBase64Encoded"] is True
    assert received.content == fixture_functions.PNG_BYTES


def test_cookies_and_errors_come_back_over_http(client: httpx.Client) -> None:
    made = client.get("/results/cookies")
    failed = client.get("/results/boom")
    missing = client.get("/api/nothing-here")

    assert made.headers.get_list("set-cookie") == ["a=1; Path=/", "b=2; HttpOnly"]
    assert (failed.status_code, failed.json()) == (500, {"message": "Internal Server Error"})
    assert (missing.status_code, missing.json()) == (404, {"message": "Not Found"})


def test_a_body_up_to_api_gateways_limit_reaches_its_function_and_one_byte_more_is_not_read(
    client: httpx.Client,
) -> None:
    def streamed(size: int) -> Iterator[bytes]:  # chunked: no length to refuse it by
        for start in range(0, size, 1024 * 1024):
            yield b"a" * min(1024 * 1024, size - start)

    text = {"content-type": "text/plain"}
    at_limit = client.post("/echo", content=streamed(MAX_PAYLOAD_BYTES), headers=text)
    past_limit = client.post("/echo", content=streamed(MAX_PAYLOAD_BYTES + 1), headers=text)

    assert len(at_limit.json()["body"]) == MAX_PAYLOAD_BYTES
    assert past_limit.status_code == 413
    assert past_limit.json()["code"] == "payload_too_large"
    assert past_limit.headers["connection"] == "close"


def test_the_jwt_authorizer_guards_routes_over_http(
    server: LocalServer, client: httpx.Client, issuer: Issuer
) -> None:
    token = issuer.token({"iss": server.url})

    allowed = client.get("/private/ada", headers={"Authorization": f"Bearer {token}"})
    refused = client.get("/private/ada")

    assert allowed.json()["requestContext"]["authorizer"]["jwt"]["claims"]["iss"] == server.url
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"


def test_a_slow_request_does_not_hold_up_a_fast_one(server: LocalServer, signals: Path) -> None:
    answers: dict[str, httpx.Response] = {}

    def ask_slow() -> None:
        with httpx.Client(base_url=server.url, timeout=WITHIN_SECONDS) as own:
            answers["slow"] = own.get("/slow")

    slow = threading.Thread(target=ask_slow)
    slow.start()
    deadline = time.monotonic() + WITHIN_SECONDS
    while not (signals / "slow-started").exists():
        assert time.monotonic() < deadline, "the slow function never started"
        time.sleep(0.01)  # polling for the function's file, with a deadline
    with httpx.Client(base_url=server.url, timeout=WITHIN_SECONDS) as other:
        fast = other.get("/fast")
    slow_was_still_running = slow.is_alive()
    (signals / "release-slow").touch()
    slow.join(WITHIN_SECONDS)

    assert fast.text == "fast"
    assert slow_was_still_running
    assert answers["slow"].text == "slow"


def test_connections_are_accepted_with_nagle_off(server: LocalServer) -> None:
    # Without TCP_NODELAY, Nagle and the client's delayed ACK hold each response on a
    # kept-alive connection ~40 ms (bench/api_latency.py's one-connection p50 shows it).
    # asyncio turns it off on each accepted connection only when the listening socket is
    # TCP's by protocol number, as socket.create_server's is not.
    listening = server._socket
    assert (listening.family, listening.type) == (socket.AF_INET, socket.SOCK_STREAM)
    assert listening.proto == socket.IPPROTO_TCP
    assert listening.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_each_request_is_logged_with_its_status_time_and_function(
    client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="slsplay.local"):
        client.get("/public/ada")
        client.get("/nowhere", headers={"accept": "application/json"})

    lines = [record.getMessage() for record in caplog.records if record.name == "slsplay.local"]
    assert re.fullmatch(r"GET /public/ada 200 \d+\.\dms EchoFunction", lines[0])
    assert re.fullmatch(r"GET /nowhere 404 \d+\.\dms -", lines[1])


def test_each_request_line_carries_its_figures_as_fields(
    client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="slsplay.local"):
        client.get("/public/ada")

        def logged() -> list[logging.LogRecord]:
            """The request's line (written once the answer has gone)."""
            return [record for record in caplog.records if record.name == "slsplay.local"]

        record = eventually(logged)[0]
    fields = record.request  # type: ignore[attr-defined]  # the server's structured fields
    assert fields["ms"] >= 0
    assert {**fields, "ms": 0} == {
        "method": "GET",
        "path": "/public/ada",
        "status": 200,
        "ms": 0,
        "function": "EchoFunction",
    }


def test_while_serving_log_lines_are_written_in_batches_and_warnings_at_once() -> None:
    stream = io.StringIO()
    plain = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(plain)
    said = logging.getLogger("slsplay.local.test-batches")
    said.setLevel(logging.INFO)
    try:
        with lines_in_batches():
            said.info("first")
            said.info("second")
            kept = stream.getvalue()
            said.warning("third")
            written = stream.getvalue()
            said.info("fourth")
        after = stream.getvalue()
    finally:
        root.removeHandler(plain)

    assert kept == ""
    assert written == "first\nsecond\nthird\n"
    assert after == "first\nsecond\nthird\nfourth\n"


def test_while_serving_a_requests_line_waits_for_its_batch_and_keeps_its_place_and_time() -> None:
    stream = io.StringIO()
    plain = logging.StreamHandler(stream)
    plain.setFormatter(logging.Formatter("%(created).3f %(message)s"))
    root = logging.getLogger()
    root.addHandler(plain)
    said = logging.getLogger("slsplay.local.test-batches")
    said.setLevel(logging.INFO)
    try:
        with lines_in_batches() as requests:
            assert requests is not None
            requests.add((1700000000.25, "GET", "/a", 200, 1.04, "AFunction"))
            kept = stream.getvalue()
            said.warning("after")
            written = stream.getvalue().splitlines()
    finally:
        root.removeHandler(plain)

    assert kept == ""
    assert written[0] == "1700000000.250 GET /a 200 1.0ms AFunction"
    assert written[1].endswith(" after")
    assert len(written) == 2


def test_pages_show_a_placeholder_while_the_web_app_is_not_built(client: httpx.Client) -> None:
    page = client.get("/", headers={"accept": "text/html"})
    script = client.get("/assets/app.js", headers={"accept": "*/*"})
    api = client.get("/api/unknown", headers={"accept": "text/html"})

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "not built yet" in page.text
    assert 'href="/api/docs"' in page.text
    assert script.status_code == 404
    assert api.json() == {"message": "Not Found"}


def test_the_built_web_app_is_served_with_the_index_for_every_page(tmp_path: Path) -> None:
    dist = tmp_path / "web" / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<html>the app</html>")
    (dist / "assets" / "app.js").write_text("console.log('app')")
    (tmp_path / "web" / "secret.txt").write_text("not for the web")

    with (
        LocalServer(
            template=FIXTURE_TEMPLATE, port=0, data_dir=tmp_path / "data", static_dir=dist
        ) as server,
        httpx.Client(base_url=server.url, timeout=WITHIN_SECONDS) as client,
    ):
        script = client.get("/assets/app.js")
        page = client.get("/meetups/123", headers={"accept": "text/html"})
        posted = client.post("/meetups/123", headers={"accept": "text/html"})
        escaped = client.get("/%2e%2e/secret.txt", headers={"accept": "*/*"})

    assert script.text == "console.log('app')"
    assert page.text == "<html>the app</html>"
    assert posted.status_code == 404
    assert escaped.status_code == 404


def test_stopping_the_server_frees_its_port_and_restores_the_environment(
    tmp_path: Path,
) -> None:
    server = LocalServer(template=FIXTURE_TEMPLATE, port=0, data_dir=tmp_path / "data")
    server.start()
    url = server.url

    server.stop()

    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/public/ada", timeout=2)
    assert "FIXTURE_TABLE" not in os.environ


def test_slsplay_serve_prints_its_url_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    process = subprocess.Popen(  # noqa: S603  (our own command, no shell)
        [
            sys.executable,
            "-m",
            "slsplay.cli",
            "serve",
            "--port",
            "0",
            "--template",
            str(FIXTURE_TEMPLATE),
            "--data-dir",
            str(tmp_path / "data"),
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = read_line(process.stdout, deadline=time.monotonic() + WITHIN_SECONDS)
        url = first.removeprefix("slsplay serving ").strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url), first

        answer = httpx.get(f"{url}/public/ada", timeout=WITHIN_SECONDS)

        process.send_signal(signal.SIGTERM)
        process.wait(timeout=WITHIN_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    output, errors = process.communicate()

    assert answer.json()["pathParameters"] == {"name": "ada"}
    assert process.returncode == 0, errors
    assert "slsplay stopped" in output
    assert "GET /public/ada 200" in errors


def read_line(stream: IO[str], deadline: float) -> str:
    """The next line of a child's output, or a failure once the deadline passes."""
    while time.monotonic() < deadline:
        readable, _, _ = select.select([stream], [], [], deadline - time.monotonic())
        if readable:
            return stream.readline()
    raise AssertionError("no output before the deadline")
