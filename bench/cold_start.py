"""Cold start of every function of template.yaml: handler import, then its first invocation.

Run: .venv/bin/python bench/cold_start.py [--runs 3]
For each function, in fresh Python processes (median of --runs), prints the milliseconds to
import its handler module (until the handler is callable) and to run its first invocation
with an event of its kind, and what that invocation answered. Then the same first
invocation through the local runtime, as ``slsplay serve`` runs it: the ``Init Duration``
and ``Duration`` of its ``REPORT`` line, and the first answer's milliseconds from asking
for the invocation (a new execution environment's process started for it) to its answer.
Then, for comparison, the import time of boto3, Powertools' event handler and pydantic
each alone.

Functions run on the local backend, with the environment the local runtime gives each (its
own template variables, then the runtime's overrides). The first table runs each process on
an empty data directory, in a fresh interpreter: the whole import a deployed function pays.
The second runs in the runtime's execution environments, forked from its forkserver, which
has the libraries the handlers share imported already (``local/worker.py``'s ``PRELOADED``),
on one data directory: each function is invoked once untimed first, which creates the
directory's files, as a restarted ``slsplay serve`` finds them; each timed invocation then
starts a new environment. That table comes from a process started with ``-c``: a new
environment's process imports the main module of the process that started the forkserver
once more before the handler (multiprocessing's preparation of a child), so that under
``slsplay serve`` each one also imports ``slsplay.cli``, which this table leaves out.

The events are the ones the runtime would deliver: an API Gateway HTTP API payload 2.0
event for one route of an HTTP function (GET /api/meetups/{id} asks for a meetup that does
not exist: a 404 problem), a DynamoDB Streams record of a real invitation insert for the
stream function, the SQS message the stream function queues for it for the notifier (it
fails: the meetup is not in the empty data directory, and Powertools raises when a whole
batch failed; the time is the notifier's cold path all the same), and EventBridge's
scheduled event for jobs. A first invocation on an empty data directory also creates the
SQLite file and, where tokens are signed, the signing key; on AWS the table exists and the
key is a Secrets Manager read.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from slsplay.adapters.clock import SystemClock
from slsplay.adapters.local.sqlite_store import SqliteItemStore
from slsplay.bootstrap import TOKEN_AUDIENCE, runtime_backend
from slsplay.config import Settings
from slsplay.local.apigateway import ApiGateway, HttpRequest, granted_event
from slsplay.local.environments import InvocationError
from slsplay.local.functions import LambdaFunction, reports
from slsplay.local.pumps import Pumps
from slsplay.local.routes import Route
from slsplay.local.schedules import scheduled_event
from slsplay.local.sqs_events import sqs_event
from slsplay.local.streams import stream_event
from slsplay.ports import Change, QueueMessage
from slsplay.services import meetups
from slsplay.services.bundles import StoreAndClock
from slsplay.store.changes import events_of
from slsplay.store.schema import TABLE

PUBLIC_URL = "http://127.0.0.1:9"
# The route each HTTP function is timed on, where it has one of these; else its first route.
PREFERRED_ROUTES = (
    "GET /api/openapi.json",
    "POST /api/auth/guest",
    "GET /api/meetups/{id}",
    "POST /api/graphql",
)
# A request's body, for a route timed on one: GraphQL's first query builds its schema.
BODIES = {"POST /api/graphql": '{"query": "{ viewer { id } }"}'}
# The media queue's messages are the bucket's notifications: one for an upload nobody awaits.
UPLOAD_KEY = "meetups/no-such-meetup/media/no-such-media/original"
MISSING_ID = "no-such-meetup"
COMPARED_MODULES = ("boto3", "aws_lambda_powertools.event_handler", "pydantic")

# What runs in each fresh process: stdin gives the handler (or a module), event and
# context; stdout answers the timings. Only the standard library is imported before the
# clock starts, as in Lambda's own runtime.
CHILD = """
import importlib, json, sys, time
job = json.load(sys.stdin)
started = time.perf_counter()
module = importlib.import_module(job["module"])
handler = getattr(module, job["attribute"]) if job["attribute"] else None
imported = time.perf_counter()
report = {"import_ms": (imported - started) * 1000}
if handler is not None:
    class Context:
        def __init__(self, spec):
            self.__dict__.update(spec)
            self._deadline = time.monotonic() + spec["timeout"]
        def get_remaining_time_in_millis(self):
            return max(0, int((self._deadline - time.monotonic()) * 1000))
    context = Context(job["context"])
    started = time.perf_counter()
    try:
        report["result"] = json.loads(json.dumps(handler(job["event"], context), default=str))
    except Exception as e:
        report["raised"] = type(e).__name__
    report["invoke_ms"] = (time.perf_counter() - started) * 1000
print(json.dumps(report))
"""
# A REPORT line of a cold start, as the local runtime logs it (functions.py).
REPORT = re.compile(r"\tDuration: ([0-9.]+) ms\t.*\tInit Duration: ([0-9.]+) ms")


@dataclass(frozen=True)
class Probe:
    """One function's handler, the event it is first invoked with, and what that event is."""

    function: LambdaFunction
    event: dict[str, Any]
    described: str


def run_fresh(job: Mapping[str, Any], environment: Mapping[str, str]) -> dict[str, Any]:
    """Run ``CHILD`` in a fresh interpreter with ``job`` on stdin; answers its report."""
    answer = subprocess.run(  # noqa: S603  (our own interpreter, our own program)
        [sys.executable, "-c", CHILD],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        env=dict(environment),
        check=False,
        timeout=120,
    )
    if answer.returncode != 0:
        raise RuntimeError(f"{job['module']}: the process failed\n{answer.stderr}")
    report: dict[str, Any] = json.loads(answer.stdout.strip().splitlines()[-1])
    return report


def outcome(result: Any) -> str:
    """What an invocation answered, in a few words."""
    if isinstance(result, dict) and "statusCode" in result:
        return f"HTTP {result['statusCode']}"
    if isinstance(result, dict) and "batchItemFailures" in result:
        return f"{len(result['batchItemFailures'])} batch item failures"
    text = json.dumps(result, default=str, separators=(",", ":"))
    return "answered " + (text if len(text) <= 40 else text[:39] + "...")


def base_environment() -> dict[str, str]:
    """This process's environment without the settings a function gets from the runtime."""
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SLSPLAY_", "AWS_", "POWERTOOLS_"))
    }


def function_environment(function: LambdaFunction, data_dir: Path) -> dict[str, str]:
    """The environment ``slsplay serve`` runs functions in, on ``data_dir``."""
    gateway = ApiGateway.from_template(public_url=PUBLIC_URL, data_dir=data_dir)
    own = gateway.functions[function.config.logical_id]
    environment = base_environment() | own.process_environment("2030/01/01/[$LATEST]bench")
    if function.config.code_dir is not None:
        # Lambda puts the function's code (its CodeUri) first on the import path.
        environment["PYTHONPATH"] = str(function.config.code_dir)
    return environment


# -- the events -------------------------------------------------------------------------------


def http_event(gateway: ApiGateway, route: Route) -> tuple[dict[str, Any], str]:
    """A payload 2.0 event for ``route``, as the gateway builds it for a request."""
    path = re.sub(r"\{[^}]+\}", MISSING_ID, route.path)
    headers = [("host", "127.0.0.1:9"), ("user-agent", "bench/cold_start")]
    body = BODIES.get(route.key, "")
    if body:
        headers.append(("content-type", "application/json"))
    request = HttpRequest(route.method, path, headers=headers, body=body.encode())
    matched = gateway.match(request.method, request.path)
    assert matched is not None, f"{route.key} does not match its own path"
    claims = None
    if route.authorizer is not None:
        # The claims the JWT authorizer passes on for a signed-in user's access token.
        now = int(time.time())
        claims = {
            "sub": "user-bench",
            "name": "Bench",
            "guest": False,
            "email": "bench@example.com",
            "iss": PUBLIC_URL,
            "aud": TOKEN_AUDIENCE,
            "iat": now,
            "nbf": now,
            "exp": now + 900,
        }
    return granted_event(gateway.stack, request, matched, claims), f"{route.method} {path}"


def invitation_change() -> Change:
    """A real change of the table: an invitation inserted under a draft meetup."""
    with tempfile.TemporaryDirectory() as directory:
        store = SqliteItemStore(Path(directory) / "changes.db", TABLE)
        values = {
            "title": "Cold start",
            "starts_at": datetime.now(UTC) + timedelta(days=7),
            "timezone": "UTC",
            "duration_minutes": 60,
            "join_url": "https://meet.example.com/cold",
        }
        clock = SystemClock()
        meetup = meetups.plan_meetup(StoreAndClock(store, clock), "user-bench", values).meetup
        meetups.invite_people(
            StoreAndClock(store, clock), "user-bench", meetup.id, [{"email": "a@example.com"}]
        )
        changes = store.changes(limit=100).changes
        store.close()
    # The one change that stands for a domain event: InvitationAdded.
    return next(change for change in changes if events_of(change))


def probes(gateway: ApiGateway) -> list[Probe]:
    """Every function of the template, with the first event it is timed on."""
    stack = gateway.stack
    routes: dict[str, list[Route]] = {}
    for route in gateway.routes.all():
        routes.setdefault(route.function, []).append(route)
    change = invitation_change()
    now = datetime.now(UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory() as directory:
        # Only read for the rules' ARNs: the pumps open no file until they run.
        settings = Settings(backend="local", data_dir=Path(directory))
        pumps = Pumps(stack, gateway.functions, backend=runtime_backend(settings))
        schedules = {target.function.config.logical_id: target for target in pumps.schedules}
    found = []
    for logical_id, function in gateway.functions.items():
        events = stack.properties(logical_id).get("Events") or {}
        kinds = {event.get("Type"): event.get("Properties") or {} for event in events.values()}
        if "HttpApi" in kinds:
            own = routes[logical_id]
            route = next((r for r in own if r.key in PREFERRED_ROUTES), own[0])
            event, described = http_event(gateway, route)
        elif "DynamoDB" in kinds:
            arn = str(kinds["DynamoDB"]["Stream"])
            event = stream_event([change], stream_arn=arn, region=stack.region)
            described = "stream: 1 record (invitation INSERT)"
        elif "SQS" in kinds and logical_id == "MediaFunction":
            upload = {
                "Records": [
                    {"eventName": "ObjectCreated:Post", "s3": {"object": {"key": UPLOAD_KEY}}}
                ]
            }
            message = QueueMessage(
                message_id="00000000-0000-4000-8000-000000000002",
                receipt_handle="bench-receipt",
                body=json.dumps(upload),
                receive_count=1,
                sent_at=now,
                first_received_at=now,
            )
            arn = str(kinds["SQS"]["Queue"])
            event = sqs_event([message], queue_arn=arn, region=stack.region)
            described = "SQS: 1 S3 notification (no such upload)"
        elif "SQS" in kinds:
            domain_event = events_of(change)[0]
            message = QueueMessage(
                message_id="00000000-0000-4000-8000-000000000001",
                receipt_handle="bench-receipt",
                body=json.dumps(domain_event.to_message()),
                receive_count=1,
                sent_at=now,
                first_received_at=now,
                attributes={"event": domain_event.name, "event_id": domain_event.id},
            )
            arn = str(kinds["SQS"]["Queue"])
            event = sqs_event([message], queue_arn=arn, region=stack.region)
            described = f"SQS: 1 message ({domain_event.name})"
        elif logical_id in schedules:
            event = scheduled_event(
                rule_arn=schedules[logical_id].rule_arn,
                at=now,
                account_id=stack.account_id,
                region=stack.region,
            )
            described = "EventBridge scheduled event"
        else:
            print(f"{logical_id}: no event source this benchmark knows; left out")
            continue
        found.append(Probe(function, event, described))
    return found


# -- the runs ---------------------------------------------------------------------------------


def time_function(probe: Probe, runs: int) -> tuple[float, float, str]:
    """Median import and first-invocation milliseconds over ``runs`` fresh processes."""
    config = probe.function.config
    module, _, attribute = config.handler.rpartition(".")
    job = {
        "module": module,
        "attribute": attribute,
        "event": probe.event,
        "context": {
            "function_name": config.name,
            "function_version": "$LATEST",
            "invoked_function_arn": config.arn,
            "memory_limit_in_mb": str(config.memory_size),
            "aws_request_id": "00000000-0000-4000-8000-00000000beef",
            "log_group_name": f"/aws/lambda/{config.name}",
            "log_stream_name": "bench",
            "timeout": config.timeout,
        },
    }
    imports: list[float] = []
    invokes: list[float] = []
    outcomes: list[str] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as directory:
            environment = function_environment(probe.function, Path(directory) / "data")
            report = run_fresh(job, environment)
        imports.append(report["import_ms"])
        invokes.append(report["invoke_ms"])
        outcomes.append(
            f"raised {report['raised']}" if "raised" in report else outcome(report["result"])
        )
    return statistics.median(imports), statistics.median(invokes), _summary(outcomes)


class _Reports(logging.Handler):
    """The runtime's REPORT lines, as they are logged."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def time_in_runtime(
    function: LambdaFunction, event: dict[str, Any], runs: int
) -> tuple[float, float, float, float, str]:
    """Median init, first invocation and first answer milliseconds of ``runs`` cold starts of
    ``function`` in the local runtime, and the least first answer (the least disturbed by
    other work on the machine); ``function`` is invoked once untimed first."""
    logged = _Reports()
    reports.addHandler(logged)
    level = reports.level
    reports.setLevel(logging.INFO)
    inits: list[float] = []
    durations: list[float] = []
    answers: list[float] = []
    outcomes: list[str] = []
    try:
        for attempt in range(runs + 1):
            function.close()  # the next invocation starts a new environment
            logged.lines.clear()
            started = time.perf_counter()
            try:
                text = function.invoke(event)
            except InvocationError as e:
                answered = f"raised {e.error_type}"
            else:
                answered = outcome(json.loads(text))
            answered_ms = (time.perf_counter() - started) * 1000
            if attempt == 0:
                continue  # creates the data directory's files
            (report,) = (found for line in logged.lines if (found := REPORT.search(line)))
            durations.append(float(report.group(1)))
            inits.append(float(report.group(2)))
            answers.append(answered_ms)
            outcomes.append(answered)
    finally:
        function.close()
        reports.removeHandler(logged)
        reports.setLevel(level)
    return (
        statistics.median(inits),
        statistics.median(durations),
        statistics.median(answers),
        min(answers),
        _summary(outcomes),
    )


def runtime_table(runs: int) -> None:
    """Print each function's first invocations in the local runtime (see the module's doc)."""
    # What the functions print and log is not the benchmark's: their processes inherit this
    # one's stdout and stderr, which point at /dev/null from here on; the table goes to a copy.
    table = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    discarded = os.open(os.devnull, os.O_WRONLY)
    os.dup2(discarded, sys.stdout.fileno())
    os.dup2(discarded, sys.stderr.fileno())
    print(
        f"\nthe same first invocations in the local runtime's execution environments, median "
        f"of {runs} cold starts (REPORT's Init Duration and Duration; first answer: from the "
        "invocation to its answer, the environment's process started for it; and its least)",
        file=table,
    )
    print(
        f"{'function':<18} {'init ms':>7} {'1st call ms':>11} {'1st answer ms':>13} "
        f"{'least':>6}  answered",
        file=table,
    )
    try:
        with tempfile.TemporaryDirectory() as directory:
            gateway = ApiGateway.from_template(public_url=PUBLIC_URL, data_dir=Path(directory))
            found = probes(gateway)
            with gateway:
                for probe in found:
                    logical_id = probe.function.config.logical_id
                    function = gateway.functions[logical_id]
                    init, invoked, first, least, answered = time_in_runtime(
                        function, probe.event, runs
                    )
                    print(
                        f"{logical_id:<18} {init:>7.0f} {invoked:>11.0f} {first:>13.0f} "
                        f"{least:>6.0f}  {answered}",
                        file=table,
                    )
    except BaseException:
        traceback.print_exc(file=table)  # stderr is discarded
        raise


def _summary(outcomes: list[str]) -> str:
    return outcomes[-1] if len(set(outcomes)) == 1 else " / ".join(sorted(set(outcomes)))


def time_module(module: str, runs: int) -> float:
    """Median milliseconds to import ``module`` alone in a fresh process."""
    job = {"module": module, "attribute": ""}
    samples: list[float] = [run_fresh(job, base_environment())["import_ms"] for _ in range(runs)]
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per function")
    runs = parser.parse_args().runs
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as directory:
        gateway = ApiGateway.from_template(public_url=PUBLIC_URL, data_dir=Path(directory))
        found = probes(gateway)
    version = sys.version.split()[0]
    print(f"cold start on the local backend, median of {runs} fresh processes (Python {version})")
    print(
        f"{'function':<18} {'handler':<34} {'import ms':>9} {'1st call ms':>11}  "
        f"{'first event':<38} answered"
    )
    for probe in found:
        config = probe.function.config
        imported, invoked, answered = time_function(probe, runs)
        print(
            f"{config.logical_id:<18} {config.handler:<34} {imported:>9.0f} {invoked:>11.0f}  "
            f"{probe.described:<38} {answered}"
        )
    sys.stdout.flush()
    # In a process of its own started with -c: an environment's process imports the main
    # module of the process that started the runtime's forkserver again (multiprocessing's
    # preparation), and this script's imports are not the runtime's.
    program = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
    program += f"import cold_start; cold_start.runtime_table({runs})"
    subprocess.run([sys.executable, "-c", program], check=True)  # noqa: S603  (ours)
    print("\nfor comparison, each imported alone in a fresh process:")
    for module in COMPARED_MODULES:
        print(f"  {module:<40} {time_module(module, runs):>6.0f} ms")
    print(f"\n({time.perf_counter() - started:.0f} s in all)")


if __name__ == "__main__":
    main()
