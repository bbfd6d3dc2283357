"""Schemathesis against a running ``slsplay serve``: requests generated from its OpenAPI
document for every operation, each answer checked against the document.

Path parameters are mostly (``KNOWN_SHARE``) ids and tokens of things that exist (meetups,
answer links, photos); the rest are generated, so that answers of both kinds, found and
not, are checked. The fuzzer signs its requests with
an organizer's access token.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.api import answer_link, bearer, new_meetup, sign_up_organizer
from tests.support.server import Server

# Every check of what the server answers; none of the checks that judge what it accepts
# (whether generated data is refused or accepted is the domain's business, not the schema's).
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance,response_headers_conformance"
)
KNOWN_SHARE = 0.8

# `st`, run by this interpreter with one ast.parse at a time. Schemathesis's workers are
# threads, and Hypothesis parses source in them all the time (each lambda given to .filter(),
# to describe it and to read bounds out of it; functions it reflects on; modules, for their
# constants). CPython 3.11.0-3.11.7 and 3.12.0-3.12.1 count the depth of the tree being
# turned into Python objects in state shared by all threads, so two parses at once now and
# then fail with "SystemError: AST constructor recursion depth mismatch" (python/cpython
# gh-106905, fixed in 3.11.8 and 3.12.2), reported as an error of whichever operation was
# being generated. A parse holds the GIL nearly throughout: one at a time costs nothing.
ST_WITH_ONE_PARSE_AT_A_TIME = """
import ast, sys, threading

parse, lock = ast.parse, threading.Lock()

def one_parse_at_a_time(*args, **kwargs):
    with lock:
        return parse(*args, **kwargs)

ast.parse = one_parse_at_a_time
from schemathesis.cli import schemathesis

sys.argv[0] = "st"
sys.exit(schemathesis())
"""


@dataclass(frozen=True)
class Known:
    """What the fuzzer is given: an organizer's access token, and ids and tokens of what
    exists, by dictionary name."""

    token: str
    dictionaries: dict[str, list[str]]


# Path parameters, and the dictionary each draws from. The operations that end a meetup or
# remove a photo draw from things of their own, so that the others keep finding theirs.
BINDINGS = {
    "path.id": "meetups",
    "path.meetup_id": "meetups",
    "path.token": "answer_tokens",
    "path.media_id": "media",
}
# Each photo's routes take the id of the meetup it belongs to.
MEDIA_BINDINGS = {"path.id": "media_meetups", "path.media_id": "media"}
OPERATION_BINDINGS = {
    "GET /api/meetups/{id}/media/{media_id}": MEDIA_BINDINGS,
    "DELETE /api/meetups/{id}/media/{media_id}": {
        **MEDIA_BINDINGS,
        "path.media_id": "doomed_media",
    },
    "DELETE /api/meetups/{id}": {"path.id": "doomed_meetups"},
    "POST /api/meetups/{id}/cancel": {"path.id": "doomed_meetups"},
}


def known_things(server: Server) -> Known:
    """An organizer's meetups: a draft with two photos (one to remove), a public published
    one with two invitees, a published monthly series; and, for the operations that end
    them, two more drafts and another published one."""
    with httpx.Client(base_url=server.url, timeout=30) as api:
        token = sign_up_organizer(api, server, "Fuzz")["access_token"]
        headers = bearer(token)

        def published(**changes: object) -> str:
            meetup: str = new_meetup(api, token, **changes)["id"]
            emails = [f"fuzz-{n}-{meetup.lower()}@example.com" for n in (1, 2)]
            invitees = {"invitees": [{"email": e} for e in emails]}
            api.post(f"/api/meetups/{meetup}/invitations", json=invitees, headers=headers)
            api.post(f"/api/meetups/{meetup}/publish", headers=headers).raise_for_status()
            tokens.extend(answer_link(api, token, meetup, e) for e in emails)
            return meetup

        def photo(meetup: str) -> str:
            upload = {"kind": "photo", "content_type": "image/png", "size": 1000}
            answer = api.post(f"/api/meetups/{meetup}/media", json=upload, headers=headers)
            answer.raise_for_status()
            media: str = answer.json()["media"]["id"]
            return media

        tokens: list[str] = []
        draft = new_meetup(api, token)["id"]
        kept = [
            draft,
            published(visibility="public", category="music"),
            published(recurrence={"frequency": "monthly"}),
        ]
        doomed = [new_meetup(api, token)["id"], new_meetup(api, token)["id"], published()]
        return Known(
            token,
            {
                "meetups": kept,
                "answer_tokens": tokens,
                "media_meetups": [draft],
                "media": [photo(draft)],
                "doomed_media": [photo(draft)],
                "doomed_meetups": doomed,
            },
        )


def config_text(known: Known) -> str:
    """A schemathesis.toml binding the path parameters to what exists."""
    lines = []
    for name, values in known.dictionaries.items():
        lines += [f"[dictionaries.{name}]", f"values = {json.dumps(values)}", ""]
    lines += ["[parameters]", *_bindings(BINDINGS), ""]
    for operation, bindings in OPERATION_BINDINGS.items():
        lines += ["[[operations]]", f"include-name = {json.dumps(operation)}"]
        lines += ["[operations.parameters]", *_bindings(bindings), ""]
    return "\n".join(lines)


def _bindings(bindings: dict[str, str]) -> list[str]:
    return [
        f'"{parameter}" = {{ dictionary = "{dictionary}", probability = {KNOWN_SHARE} }}'
        for parameter, dictionary in bindings.items()
    ]


def run_fuzzer(
    server: Server,
    work_dir: Path,
    *,
    workers: int,
    seed: int,
    max_examples: int | None = None,
    max_time: int | None = None,
    report: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """``st run`` over the server's document with ``workers`` threads; its exit code is 0 when
    no check failed."""
    known = known_things(server)
    config = work_dir / "schemathesis.toml"
    config.write_text(config_text(known), encoding="utf-8")
    options = ["--max-examples", str(max_examples)] if max_examples else []
    options += ["--max-time", str(max_time)] if max_time else []
    if report is not None:
        options += ["--report", "ndjson", "--report-ndjson-path", str(report)]
    return subprocess.run(  # noqa: S603  (our own test tool)
        [
            sys.executable,
            "-c",
            ST_WITH_ONE_PARSE_AT_A_TIME,
            "--config-file",
            str(config),
            "run",
            f"{server.url}/api/openapi.json",
            "--checks",
            CHECKS,
            "--header",
            f"Authorization: Bearer {known.token}",
            "--seed",
            str(seed),
            "--phases",
            "examples,coverage,fuzzing",
            "--workers",
            str(workers),
            # A function's own Timeout is 10 s; past it, a busy machine's queueing for an
            # execution environment (four workers, two checks at a time on two cores).
            "--request-timeout",
            "30",
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=(max_time or 0) + 600,
        check=False,
        cwd=work_dir,
    )


def answers_by_operation(report: Path) -> dict[str, Counter[int]]:
    """The statuses each operation answered in a run, from its NDJSON report."""
    answers: dict[str, Counter[int]] = defaultdict(Counter)
    with report.open(encoding="utf-8") as events:
        for line in events:
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if finished is None:
                continue
            recorder = finished["recorder"]
            for interaction in recorder.get("interactions", {}).values():
                if interaction.get("response"):
                    answers[recorder["label"]][interaction["response"]["status_code"]] += 1
    return dict(answers)
