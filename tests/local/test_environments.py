"""Execution environments as Lambda has them: one invocation at a time, each in a process of
its own with only its function's variables, reused warm, stopped when idle, and ended (not
abandoned) when an invocation times out or crashes."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from slsplay.local import functions
from slsplay.local.apigateway import ApiGateway, HttpRequest
from slsplay.local.environments import InvocationError
from slsplay.local.functions import LambdaFunction, lambda_functions
from slsplay.local.template import Stack
from tests.support.waiting import eventually

TEMPLATE = Path(__file__).parent / "environments-template.yaml"
OVERRIDES = {"SLSPLAY_BACKEND": "local", "ENVIRONMENTS_OVERRIDDEN": "by the runtime"}


@pytest.fixture
def stack() -> Stack:
    return Stack.load(TEMPLATE)


@pytest.fixture
def lambdas(stack: Stack) -> Iterator[dict[str, LambdaFunction]]:
    """The template's functions, their environments stopped after the test."""
    made = lambda_functions(stack, OVERRIDES, inherited={})
    yield made
    for function in made.values():
        function.close()


def invoke(function: LambdaFunction, event: dict[str, Any] | None = None) -> Any:
    return json.loads(function.invoke(event or {}))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child stays a zombie until reaped; the runtime reaps what it stops.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"


def test_each_function_sees_its_own_variables_and_never_another_functions(
    lambdas: dict[str, LambdaFunction],
) -> None:
    first = invoke(lambdas["FirstFunction"])["env"]
    second = invoke(lambdas["SecondFunction"])["env"]

    assert first["ENVIRONMENTS_FIRST_ONLY"] == "first"
    assert "ENVIRONMENTS_SECOND_ONLY" not in first
    assert second["ENVIRONMENTS_SECOND_ONLY"] == "second"
    assert "ENVIRONMENTS_FIRST_ONLY" not in second
    for seen in (first, second):
        assert seen["ENVIRONMENTS_SHARED"] == "everyone"
        assert seen["ENVIRONMENTS_OVERRIDDEN"] == "by the runtime"
        assert seen["SLSPLAY_BACKEND"] == "local"


def test_lambdas_own_variables_name_the_function_and_its_handler(
    lambdas: dict[str, LambdaFunction],
) -> None:
    seen = invoke(lambdas["SecondFunction"])["env"]

    assert seen["AWS_LAMBDA_FUNCTION_NAME"] == "SecondFunction"
    assert seen["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "1024"
    assert seen["AWS_LAMBDA_LOG_GROUP_NAME"] == "/aws/lambda/SecondFunction"
    assert seen["_HANDLER"] == "tests.local.environment_functions.describe"


def test_the_developers_settings_reach_every_function_below_the_templates(stack: Stack) -> None:
    made = lambda_functions(
        stack,
        OVERRIDES,
        inherited={"SLSPLAY_SMTP_URL": "smtp://127.0.0.1:1025", "ENVIRONMENTS_SHARED": "shell"},
    )
    try:
        seen = invoke(made["FirstFunction"])["env"]
    finally:
        made["FirstFunction"].close()

    assert seen["SLSPLAY_SMTP_URL"] == "smtp://127.0.0.1:1025"
    assert seen["ENVIRONMENTS_SHARED"] == "everyone"


def test_a_warm_environment_is_reused_and_keeps_what_its_module_holds(
    lambdas: dict[str, LambdaFunction],
) -> None:
    first, second = invoke(lambdas["FirstFunction"]), invoke(lambdas["FirstFunction"])

    assert first["pid"] == second["pid"] != os.getpid()
    assert (first["invocations"], second["invocations"]) == (1, 2)
    assert first["request_id"] != second["request_id"]
    assert 9000 < first["remaining_ms"] <= 10000


def test_an_event_reaches_the_function_as_the_json_it_would_be_sent_as(
    lambdas: dict[str, LambdaFunction],
) -> None:
    event = {
        "text": "caf\u00e9 \U0001f389",
        "numbers": [0, -1, 2**70, 1.5, 1e-300],
        "flags": [True, False, None],
        "nested": {"empty": {}, "list": [[], [{}]]},
    }

    answer = invoke(lambdas["FirstFunction"], event)

    assert answer["event"] == event
    assert answer["event_is_parsed_json"] is True


def test_a_cold_start_is_reported_with_its_init_duration(
    lambdas: dict[str, LambdaFunction], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="slsplay.local.reports"):
        invoke(lambdas["FirstFunction"])
        invoke(lambdas["FirstFunction"])

    reports = [r.getMessage() for r in caplog.records if r.name == "slsplay.local.reports"]
    assert len(reports) == 1, "only the cold start is reported at INFO"
    assert reports[0].startswith("FirstFunction REPORT RequestId: ")
    assert "\tInit Duration: " in reports[0]


def test_concurrent_invocations_each_get_an_environment_that_runs_one_at_a_time(
    lambdas: dict[str, LambdaFunction], tmp_path: Path
) -> None:
    function = lambdas["FirstFunction"]
    function.concurrency = 3
    release = tmp_path / "release"
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = [pool.submit(invoke, function, {"release": str(release)}) for _ in range(6)]
        # GIVEN three invocations in flight: the other three wait for an environment
        eventually(lambda: function.busy() == 3)
        release.touch()
        results = [answer.result(timeout=30) for answer in answers]

    by_process: dict[int, list[tuple[float, float]]] = {}
    for result in results:
        by_process.setdefault(result["pid"], []).append((result["began"], result["ended"]))
    assert len(by_process) == 3
    for spans in by_process.values():
        spans.sort()
        assert all(end <= next_begin for (_, end), (next_begin, _) in itertools.pairwise(spans))


def test_a_timed_out_invocation_ends_its_process_and_the_next_gets_a_fresh_one(
    lambdas: dict[str, LambdaFunction],
) -> None:
    function = lambdas["MisbehavingFunction"]
    before = invoke(function, {"how": "nothing"})["pid"]

    with pytest.raises(InvocationError) as timed_out:
        invoke(function, {"how": "sleep"})
    after = invoke(function, {"how": "nothing"})["pid"]

    assert timed_out.value.error_type == "Sandbox.Timedout"
    assert "Task timed out after 1.00 seconds" in str(timed_out.value)
    assert not alive(before)
    assert after != before


@pytest.mark.parametrize(
    ("how", "reason"), [("exit", "exit status 3"), ("segfault", "signal: segv")]
)
def test_a_handler_that_ends_its_process_fails_that_invocation_alone(
    lambdas: dict[str, LambdaFunction], how: str, reason: str
) -> None:
    function = lambdas["MisbehavingFunction"]
    other = invoke(lambdas["FirstFunction"])["pid"]

    with pytest.raises(InvocationError) as crashed:
        invoke(function, {"how": how})
    following = invoke(function, {"how": "nothing"})

    assert crashed.value.error_type == "Runtime.ExitError"
    assert f"Runtime exited with error: {reason}" in str(crashed.value)
    assert following["pid"] != other
    assert invoke(lambdas["FirstFunction"])["pid"] == other, "another function is untouched"


def test_a_handlers_exception_fails_the_invocation_and_keeps_the_environment(
    lambdas: dict[str, LambdaFunction],
) -> None:
    function = lambdas["MisbehavingFunction"]
    before = invoke(function, {"how": "nothing"})["pid"]

    with pytest.raises(InvocationError) as refused:
        invoke(function, {"how": "raise"})

    assert refused.value.error_type == "ValueError"
    assert "refused on purpose" in str(refused.value)
    assert invoke(function, {"how": "nothing"})["pid"] == before


def test_a_handler_that_cannot_be_imported_fails_each_invocation_until_it_can(
    lambdas: dict[str, LambdaFunction],
) -> None:
    function = lambdas["MissingFunction"]

    for _ in range(2):
        with pytest.raises(InvocationError) as failed:
            invoke(function)
        assert failed.value.error_type == "Runtime.ImportModuleError"
        assert "tests.local.no_such_module" in str(failed.value)
    assert function.busy() == 0
    assert function.environments() == 0


def test_idle_environments_are_stopped_after_a_while(lambdas: dict[str, LambdaFunction]) -> None:
    function = lambdas["FirstFunction"]
    pid = invoke(function)["pid"]

    assert function.reap() == 0, "a warm environment is kept at first"
    later = time.monotonic() + functions.IDLE_ENVIRONMENT_SECONDS
    assert function.reap(now=later) == 1

    assert not alive(pid)
    assert invoke(function)["pid"] != pid


def test_past_its_reserved_concurrency_a_request_is_throttled_and_a_poller_waits(
    stack: Stack, tmp_path: Path
) -> None:
    gateway = ApiGateway(stack, environment=OVERRIDES)
    function = gateway.functions["ReservedFunction"]
    release = tmp_path / "release"
    with gateway, ThreadPoolExecutor(max_workers=2) as pool:
        holding = pool.submit(invoke, function, {"release": str(release)})
        eventually(lambda: function.busy() == 1)
        request = HttpRequest("POST", "/reserved", body=b"{}")
        throttled = gateway.handle(request)
        waiting = pool.submit(invoke, function, {})
        release.touch()
        first, second = holding.result(timeout=30), waiting.result(timeout=30)

    assert throttled.status == 500
    assert throttled.json() == {"message": "Internal Server Error"}
    assert first["pid"] == second["pid"], "the poller waited for the one environment"


def test_a_function_with_no_reserved_concurrency_is_throttled_every_time(
    lambdas: dict[str, LambdaFunction],
) -> None:
    with pytest.raises(InvocationError) as throttled:
        invoke(lambdas["NeverFunction"])

    assert throttled.value.error_type == "TooManyRequestsException"
    assert lambdas["NeverFunction"].busy() == 0


def invoke_from_loop(function: LambdaFunction, *events: dict[str, Any]) -> list[Any]:
    """Each event's answer, all invoked at once from one event loop, as the server does."""

    async def all_of() -> list[str]:
        return await asyncio.gather(*(function.invoke_async(event) for event in events))

    return [json.loads(answer) for answer in asyncio.run(all_of())]


def test_invocations_from_the_event_loop_wait_their_turn_in_order_one_at_a_time(
    lambdas: dict[str, LambdaFunction], tmp_path: Path
) -> None:
    function = lambdas["FirstFunction"]
    function.concurrency = 1
    release = tmp_path / "release"
    # The first holds the one environment until the file exists; the rest wait in line.
    threading.Timer(0.5, release.touch).start()
    events = [{"release": str(release)} for _ in range(5)]

    results = invoke_from_loop(function, *events)

    assert len({result["pid"] for result in results}) == 1
    in_order = sorted(results, key=lambda result: result["began"])
    assert [r["request_id"] for r in in_order] == [r["request_id"] for r in results], (
        "served in the order they came"
    )
    spans = [(result["began"], result["ended"]) for result in in_order]
    assert all(end <= next_begin for (_, end), (next_begin, _) in itertools.pairwise(spans))
    assert function.busy() == 0


def test_a_timeout_or_a_crash_awaited_on_the_event_loop_fails_that_invocation_alone(
    lambdas: dict[str, LambdaFunction],
) -> None:
    function = lambdas["MisbehavingFunction"]
    before = invoke_from_loop(function, {"how": "nothing"})[0]["pid"]

    for how, error_type in [("sleep", "Sandbox.Timedout"), ("exit", "Runtime.ExitError")]:
        with pytest.raises(InvocationError) as failed:
            invoke_from_loop(function, {"how": how})
        assert failed.value.error_type == error_type
    after = invoke_from_loop(function, {"how": "nothing"})[0]["pid"]

    assert not alive(before)
    assert after != before
    assert function.busy() == 0


def test_a_thread_and_the_event_loop_share_a_functions_environments(
    stack: Stack, tmp_path: Path
) -> None:
    gateway = ApiGateway(stack, environment=OVERRIDES)
    function = gateway.functions["ReservedFunction"]
    release = tmp_path / "release"
    with gateway, ThreadPoolExecutor(max_workers=1) as pool:
        holding = pool.submit(invoke, function, {"release": str(release)})
        eventually(lambda: function.busy() == 1)

        async def throttled_then_waiting() -> tuple[InvocationError, str]:
            with pytest.raises(InvocationError) as throttled:
                await function.invoke_async({}, may_throttle=True)
            loop = asyncio.get_running_loop()
            loop.call_later(0.2, release.touch)
            return throttled.value, await function.invoke_async({})

        throttled, waited = asyncio.run(throttled_then_waiting())
        first = holding.result(timeout=30)

    assert throttled.error_type == "TooManyRequestsException"
    assert json.loads(waited)["pid"] == first["pid"], "handed the one environment"


def test_an_invocation_cancelled_while_it_waits_gives_its_place_back(
    lambdas: dict[str, LambdaFunction], tmp_path: Path
) -> None:
    function = lambdas["FirstFunction"]
    function.concurrency = 1
    release = tmp_path / "release"

    async def cancel_one_in_line() -> str:
        holding = asyncio.ensure_future(function.invoke_async({"release": str(release)}))
        while function.busy() == 0:
            await asyncio.sleep(0.01)  # polling the holder's start, within the test's loop
        waiting = asyncio.ensure_future(function.invoke_async({}))
        await asyncio.sleep(0.05)
        waiting.cancel()
        release.touch()
        await holding
        return await function.invoke_async({})

    answer = json.loads(asyncio.run(cancel_one_in_line()))

    assert answer["invocations"] >= 2, "the environment was reused, not lost"
    assert function.busy() == 0
