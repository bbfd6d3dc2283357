"""Starting ``slsplay serve`` as a separate process on a free port, and stopping it.

While ``emulated_aws()`` is open, the servers run on the AWS adapters against moto's server
(``--backend aws``), each data directory with a stage of its own. With ``SLSPLAY_API_URL``
set (``make test-remote``), no server is started: the tests talk to that deployed stage,
read its mail from a test inbox (``SLSPLAY_TEST_INBOX``) and its signing key from the
stage's secret, and address invitees at ``SLSPLAY_TEST_MAIL_DOMAIN``, where the inbox
receives.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer

from slsplay.adapters.local.mailbox import MailboxMessage
from slsplay.bootstrap import SIGNING_KEY_FILE
from tests.support.moto_speed import one_dynamodb_request_at_a_time, one_rollback_copy_per_table

READY_WITHIN_SECONDS = 30
# How long a deployed stage, whose queues the tests cannot see, is given to settle.
SETTLE_SECONDS = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


AWS_ENDPOINT_VARIABLE = "SLSPLAY_TEST_AWS_ENDPOINT"
REMOTE_URL_VARIABLE = "SLSPLAY_API_URL"
# Set by ``pytest --chaos``: the servers the tests start run with ``--chaos``.
CHAOS_VARIABLE = "SLSPLAY_TEST_CHAOS"
# Where a deployed stage's mail to test addresses can be read: s3://bucket/prefix (an SES
# receipt rule's bucket), or dir:/path (a directory of .eml files).
INBOX_VARIABLE = "SLSPLAY_TEST_INBOX"


# Addresses of one run of the suite: a stage's inbox keeps the mail of earlier runs.
_RUN = secrets.token_hex(3)


def address(local_part: str) -> str:
    """A test invitee's address, unique to this run, at the domain whose mail the tests read."""
    domain = os.environ.get("SLSPLAY_TEST_MAIL_DOMAIN", "example.com")
    return f"{local_part}.{_RUN}@{domain}"


@dataclass(frozen=True)
class Server:
    """A running ``slsplay serve``."""

    url: str
    data_dir: Path
    process: subprocess.Popen[bytes] | None  # None: a deployed stage, not ours to run
    aws_endpoint: str | None = None
    stage: str = "local"

    def signing_key(self) -> bytes:
        """The private key the server signs access tokens with (PEM)."""
        if self.process is not None and self.aws_endpoint is None:
            return (self.data_dir / SIGNING_KEY_FILE).read_bytes()
        if os.environ.get("SLSPLAY_TEST_SIGNING_KEY_FILE"):  # a stage whose key is at hand
            return Path(os.environ["SLSPLAY_TEST_SIGNING_KEY_FILE"]).read_bytes()
        emulated = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
        secrets = boto3.client(
            "secretsmanager",
            endpoint_url=self.aws_endpoint,
            region_name=os.environ.get("AWS_REGION", "eu-west-1"),
            **(emulated if self.aws_endpoint else {}),
        )
        secret = secrets.get_secret_value(SecretId=f"slsplay/{self.stage}/signing-key")
        return str(secret["SecretString"]).encode()

    def mail(self) -> list[dict[str, Any]]:
        """The mail sent, newest first, in the shape of ``GET /api/_dev/mail``."""
        if self.process is not None:
            answer = httpx.get(f"{self.url}/api/_dev/mail", timeout=30)
            answer.raise_for_status()
            messages: list[dict[str, Any]] = answer.json()["messages"]
            return messages
        return [
            MailboxMessage.of(hashlib.sha256(raw).hexdigest()[:32], raw).as_json()
            for raw in reversed(_inbox())
        ]

    def log_entries(self) -> list[dict[str, Any]]:
        """The JSON objects the server's log holds so far, oldest first: the functions' log
        entries and metrics (EMF lines), as their processes wrote them to its output."""
        if self.process is None:
            pytest.skip("a deployed stage's function logs are in CloudWatch Logs, not here")
        port = self.url.rsplit(":", 1)[-1]
        text = (self.data_dir.parent / f"server-{port}.log").read_text(errors="replace")
        return list(_json_objects(text))

    def quiet(self) -> bool:
        """Whether the runtime's event sources have delivered all they had and nothing is
        under way (``GET /api/_dev/quiet``): then what has not happened will not. A deployed
        stage shows nothing of its queues here: it is given ``SETTLE_SECONDS``."""
        if self.process is None:
            time.sleep(SETTLE_SECONDS)
            return True
        answer = httpx.get(f"{self.url}/api/_dev/quiet", timeout=30)
        answer.raise_for_status()
        return bool(answer.json()["quiet"])

    def sent_count(self) -> int:
        """How many emails the server sent (cheaper than reading them)."""
        if self.process is None:
            return len(_inbox())
        if self.aws_endpoint is None:
            mailbox = self.data_dir / "mailbox"
            return sum(1 for _ in mailbox.glob("*.eml")) if mailbox.is_dir() else 0
        return len(self._ses_messages())

    def _ses_messages(self) -> list[dict[str, str]]:
        data = httpx.get(f"{self.aws_endpoint}/moto-api/data.json", timeout=30).json()
        messages: list[dict[str, str]] = data.get("ses", {}).get("RawMessage", [])
        return messages

    def sent_mail(self) -> list[EmailMessage]:
        """Every email the server sent, oldest first, parsed as a mail app would."""
        if self.process is None:
            raws = _inbox()
        elif self.aws_endpoint is None:
            files = sorted(
                (self.data_dir / "mailbox").glob("*.eml"), key=lambda p: p.stat().st_mtime_ns
            )
            raws = [path.read_bytes() for path in files]
        else:
            raws = [entry["raw_data"].encode() for entry in self._ses_messages()]
        return [
            email.message_from_bytes(raw, _class=EmailMessage, policy=email.policy.default)
            for raw in raws
        ]


def _json_objects(text: str) -> Iterator[dict[str, Any]]:
    """Each JSON object in ``text``: one a line, but a line written by one process may run
    into another's (a print writes its text and its newline apart)."""
    decoder = json.JSONDecoder()
    for line in text.splitlines():
        start = line.find("{")
        while start != -1:
            try:
                found, end = decoder.raw_decode(line, start)
            except json.JSONDecodeError:
                start = line.find("{", start + 1)
                continue
            if isinstance(found, dict):
                yield found
            start = line.find("{", end)


def _inbox() -> list[bytes]:
    """The raw messages in the test inbox, oldest first (``pytest.skip`` when there is none)."""
    where = os.environ.get(INBOX_VARIABLE, "")
    if where.startswith("dir:"):
        files = sorted(Path(where[4:]).glob("*.eml"), key=lambda path: path.stat().st_mtime_ns)
        return [path.read_bytes() for path in files]
    if where.startswith("s3://"):
        bucket, _, prefix = where[5:].partition("/")
        s3 = boto3.client("s3")
        objects = [
            entry
            for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
            for entry in page.get("Contents", [])
        ]
        objects.sort(key=lambda entry: entry["LastModified"])
        return [s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in objects]
    pytest.skip(
        f"the deployed stage's mail cannot be read: set {INBOX_VARIABLE}=s3://bucket/prefix "
        "(where an SES receipt rule stores mail to SLSPLAY_TEST_MAIL_DOMAIN)"
    )


@contextmanager
def emulated_aws() -> Iterator[str]:
    """moto's server on 127.0.0.1 and a free port; ``running_server`` uses it meanwhile."""
    fit = ExitStack()
    fit.enter_context(one_rollback_copy_per_table())
    fit.enter_context(one_dynamodb_request_at_a_time())
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    # moto keeps its state per process, not per server: start from nothing.
    httpx.post(f"{endpoint}/moto-api/reset", timeout=30).raise_for_status()
    os.environ[AWS_ENDPOINT_VARIABLE] = endpoint
    try:
        yield endpoint
    finally:
        os.environ.pop(AWS_ENDPOINT_VARIABLE, None)
        server.stop()
        fit.close()


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server process with SIGTERM (a clean stop); kill it if not gone within 10 s."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def running_server(
    data_dir: Path, *extra: str, sign_in_providers: dict[str, Any] | None = None
) -> Iterator[Server]:
    """``slsplay serve`` on 127.0.0.1 and a free port, ready when this yields, stopped after;
    with ``sign_in_providers``, the server's process (only) has them as its settings."""
    remote = os.environ.get(REMOTE_URL_VARIABLE)
    if remote:
        yield Server(
            remote.rstrip("/"), data_dir, None, stage=os.environ.get("SLSPLAY_STAGE", "dev")
        )
        return
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if sign_in_providers is not None:
        env["SLSPLAY_OIDC_PROVIDERS"] = json.dumps(sign_in_providers)
    aws_endpoint = os.environ.get(AWS_ENDPOINT_VARIABLE)
    stage = "local"
    if aws_endpoint is not None:
        stage = "t" + hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:12]
        extra = ("--backend", "aws", "--aws-endpoint", aws_endpoint, "--stage", stage, *extra)
        env |= {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
    if os.environ.get(CHAOS_VARIABLE):
        extra = ("--chaos", *extra)
    log = open(data_dir.parent / f"server-{port}.log", "wb")  # noqa: SIM115  (closed below)
    process = subprocess.Popen(  # noqa: S603  (our own command)
        [
            sys.executable,
            "-m",
            "slsplay.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--data-dir",
            str(data_dir),
            *extra,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + READY_WITHIN_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"slsplay serve exited early; see {log.name}")
            try:
                if httpx.get(f"{url}/api/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"slsplay serve did not answer within {READY_WITHIN_SECONDS} s")
            time.sleep(0.05)
        yield Server(url, data_dir, process, aws_endpoint, stage)
    finally:
        stop(process)
        log.close()
