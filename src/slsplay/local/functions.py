"""The template's Lambda functions, each run in execution environments as Lambda runs them.

Each ``AWS::Serverless::Function`` (Globals merged) becomes a ``LambdaFunction``. An
invocation runs in an execution environment (``environments.py``) that handles one
invocation at a time: it imports the handler once (a cold start, logged with its ``Init
Duration`` as Lambda's ``REPORT`` line has it) and is then reused warm. Concurrent
invocations get environments of their own, up to the function's concurrency: its
``ReservedConcurrentExecutions``, else ``DEFAULT_CONCURRENCY`` (twice this machine's cores).
Beyond it, an invocation that may be throttled (a synchronous one, from API Gateway, when
the function has reserved concurrency) fails with Lambda's ``TooManyRequestsException``,
which API Gateway answers with a 500 as it does in the cloud; any other invocation waits for
an environment to be free, as a poller holds its batch. Waiting invocations are served in
the order they came, each handed the environment the one before it released; a thread
waits blocked (``invoke``), the server's event loop awaits (``invoke_async``). An environment
idle for ``IDLE_ENVIRONMENT_SECONDS`` is stopped.

Each environment's ``os.environ`` is what Lambda gives a function: a few of the host's
variables (``PATH``, locale, temporary directory), the developer's local settings
(``SLSPLAY_*`` and AWS credentials from the shell that started the runtime), then the
function's own template variables, then the runtime's overrides, then Lambda's own
(``AWS_LAMBDA_FUNCTION_NAME``, ``_HANDLER``, ...). Two functions never see each other's.
``in_process`` functions run in threads of this process instead (see ``environments.py``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
import time
import uuid
import weakref
from collections import deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from slsplay.local import worker
from slsplay.local.environments import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT_SECONDS,
    Environment,
    FunctionConfig,
    Handler,
    InvocationError,
    ProcessEnvironment,
    ThreadEnvironment,
)
from slsplay.local.template import Stack, TemplateError

logger = logging.getLogger("slsplay.local")
# Lambda's REPORT lines: the functions' log, apart from the runtime's own.
reports = logging.getLogger("slsplay.local.reports")

# Environments per function when the template reserves none: enough to keep this machine's
# cores busy while some wait on I/O, few enough that a burst does not start dozens of
# interpreters (each one is tens of MB).
DEFAULT_CONCURRENCY = max(2, 2 * (os.cpu_count() or 1))
# Lambda keeps an idle environment warm for minutes; then it is stopped.
IDLE_ENVIRONMENT_SECONDS = 300.0
# The host's variables a function's process needs to run at all (Lambda sets its own).
HOST_VARIABLES = frozenset(
    {"PATH", "HOME", "USER", "LANG", "TMPDIR", "TEMP", "TMP", "TZ", "SYSTEMROOT"}
)
# What the developer's shell passes to every function: local settings and credentials.
INHERITED_PREFIXES = ("SLSPLAY_",)
INHERITED_VARIABLES = frozenset(
    {
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_CONFIG_FILE",
        "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_CA_BUNDLE",
        "AWS_ACCOUNT_ID_ENDPOINT_MODE",
        "POWERTOOLS_DEV",
    }
)


class LambdaFunction:
    """One function of the template: its execution environments and their invocations."""

    def __init__(
        self,
        config: FunctionConfig,
        *,
        environment: Mapping[str, str] | None = None,
        in_process: bool = False,
        switch_interval: float | None = None,
    ) -> None:
        self.config = config
        # The variables the function runs with, beside Lambda's own (see the module's doc).
        self.environment = dict(environment if environment is not None else config.environment)
        self.in_process = in_process
        self.switch_interval = switch_interval
        reserved = config.reserved_concurrency
        self.concurrency = DEFAULT_CONCURRENCY if reserved is None else reserved
        self._handler: Handler | None = None
        self._import_lock = threading.Lock()
        self._lock = threading.Lock()
        self._idle: list[Environment] = []
        self._busy = 0  # invocations holding an environment, or starting one
        self._waiters: deque[_Waiter] = deque()
        self._closed = False
        _LIVE.add(self)

    @property
    def name(self) -> str:
        """The function's name (its ``FunctionName``, or its logical id)."""
        return self.config.name

    def invoke(self, event: dict[str, Any], *, may_throttle: bool = False) -> str:
        """The handler's result as the JSON text Lambda would send back, or ``InvocationError``.

        ``may_throttle``: a synchronous invocation (API Gateway's) fails with Lambda's
        throttling error when the function's reserved concurrency is all in use; otherwise
        the invocation waits for an environment.
        """
        taken = self._take(may_throttle, _ThreadWaiter)
        if isinstance(taken, _ThreadWaiter):
            taken = taken.wait()
        environment, cold = (taken, False) if taken is not None else (self._start(), True)
        with self._invocation(environment, cold) as request_id:
            return environment.run(event, request_id, self.config.timeout)

    async def invoke_async(self, event: dict[str, Any], *, may_throttle: bool = False) -> str:
        """``invoke`` from the running event loop: waiting for an environment and for the
        answer are awaited; only a cold start runs in a thread (it waits for the import)."""
        taken = self._take(may_throttle, _LoopWaiter)
        if isinstance(taken, _LoopWaiter):
            taken = await self._handed(taken)
        if taken is None:
            environment, cold = await self._cold_start(), True
        else:
            environment, cold = taken, False
        with self._invocation(environment, cold) as request_id:
            return await environment.run_async(event, request_id, self.config.timeout)

    def handler(self) -> Handler:
        """The handler callable, imported into this process (``in_process`` functions)."""
        if self._handler is not None:
            return self._handler
        with self._import_lock:
            if self._handler is None:
                self._handler = _import(self.name, self.config.handler)
        return self._handler

    def environments(self) -> int:
        """How many warm environments wait for an invocation."""
        with self._lock:
            return len(self._idle)

    def busy(self) -> int:
        """How many invocations are running now."""
        with self._lock:
            return self._busy

    def process_environment(self, log_stream: str) -> dict[str, str]:
        """``os.environ`` of a new execution environment's process (see the module's doc)."""
        config = self.config
        variables = {
            name: value
            for name, value in os.environ.items()
            if name in HOST_VARIABLES or name.startswith("LC_")
        }
        variables |= self.environment
        variables |= {
            "AWS_LAMBDA_FUNCTION_NAME": config.name,
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(config.memory_size),
            "AWS_LAMBDA_LOG_GROUP_NAME": config.log_group,
            "AWS_LAMBDA_LOG_STREAM_NAME": log_stream,
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "_HANDLER": config.handler,
            "PYTHONUNBUFFERED": "1",
        }
        if config.code_dir is not None:
            # Lambda puts the function's code (its CodeUri) on the import path.
            variables["LAMBDA_TASK_ROOT"] = str(config.code_dir)
            variables["PYTHONPATH"] = str(config.code_dir)
        return variables

    def close(self) -> None:
        """Stop every idle environment; those running stop when their invocation ends."""
        with self._lock:
            idle, self._idle = self._idle, []
            self._closed = True
        for environment in idle:
            environment.close()

    def reap(self, now: float | None = None) -> int:
        """Stop the environments idle for ``IDLE_ENVIRONMENT_SECONDS``; answers how many."""
        now = time.monotonic() if now is None else now
        with self._lock:
            old = [e for e in self._idle if now - e.idle_since >= IDLE_ENVIRONMENT_SECONDS]
            self._idle = [e for e in self._idle if e not in old]
        for environment in old:
            environment.close()
        return len(old)

    def _take(self, may_throttle: bool, waiter: type[W]) -> Environment | W | None:
        """A warm environment; ``None``: start one (its place is held); or, when all are
        in use, a waiter in line for the next one released."""
        dead = []
        try:
            with self._lock:
                self._closed = False
                while self._idle:
                    environment = self._idle.pop()  # the most recently used: warmest
                    if environment.usable():
                        self._busy += 1
                        return environment
                    dead.append(environment)
                if self._busy < self.concurrency:
                    self._busy += 1
                    return None
                # None may ever run (reserved 0), or a request meets a reserved limit.
                reserved = self.config.reserved_concurrency is not None
                if self.concurrency == 0 or (may_throttle and reserved):
                    raise InvocationError("TooManyRequestsException", "Rate Exceeded.")
                waiting = waiter()
                self._waiters.append(waiting)
                return waiting
        finally:
            for environment in dead:
                environment.stop()

    async def _handed(self, waiter: _LoopWaiter) -> Environment | None:
        """What the waiter is handed; given back if the waiting task is cancelled meanwhile."""
        try:
            await waiter.handed
        except asyncio.CancelledError:
            with self._lock:
                still_waiting = waiter in self._waiters
                if still_waiting:
                    self._waiters.remove(waiter)
            if not still_waiting:
                self._release(waiter.environment)
            raise
        return waiter.environment

    async def _cold_start(self) -> Environment:
        """``_start`` in a thread of the loop's pool; what it starts is released should the
        waiting task be cancelled meanwhile."""
        starting = asyncio.get_running_loop().run_in_executor(None, self._start)
        try:
            return await asyncio.shield(starting)
        except asyncio.CancelledError:
            starting.add_done_callback(self._release_started)
            raise

    def _release_started(self, started: asyncio.Future[Environment]) -> None:
        if not started.cancelled() and started.exception() is None:
            self._release(started.result())

    def _start(self) -> Environment:
        """A new environment (a cold start) in the place ``_take`` held for it."""
        try:
            if self.in_process:
                return ThreadEnvironment(self)
            return ProcessEnvironment(self)
        except BaseException:
            self._release(None)
            raise

    @contextmanager
    def _invocation(self, environment: Environment, cold: bool) -> Iterator[str]:
        """One invocation's request id; its error logged, its REPORT line, the environment
        released after."""
        request_id = str(uuid.uuid4())
        started = time.perf_counter()
        try:
            yield request_id
        except InvocationError as e:
            logger.error("%s %s [ERROR] %s", self.name, request_id, e)
            raise
        finally:
            self._report(request_id, started, environment, cold)
            self._release(environment)

    def _release(self, environment: Environment | None) -> None:
        """Hand the environment (or, if it is not to be reused, its place) to the first
        invocation in line; with none waiting, keep it warm."""
        usable = environment is not None and environment.usable()
        with self._lock:
            kept = usable and not self._closed
            handed = False
            while self._waiters and not handed:
                handed = self._waiters.popleft().hand(environment if kept else None)
            if not handed:
                self._busy -= 1
                if kept and environment is not None:
                    environment.idle_since = time.monotonic()
                    self._idle.append(environment)
        if environment is None or kept:
            return
        if usable:
            environment.close()
        else:
            environment.stop()  # what is left of a timed-out or crashed environment

    def _report(
        self, request_id: str, started: float, environment: Environment, cold: bool
    ) -> None:
        """Lambda's ``REPORT`` line: at INFO for a cold start, with its init duration."""
        elapsed = (time.perf_counter() - started) * 1000
        init_ms = getattr(environment, "init_ms", None) if cold else None
        level = logging.INFO if cold else logging.DEBUG
        if not reports.isEnabledFor(level):
            return
        init = f"\tInit Duration: {init_ms:.2f} ms" if init_ms is not None else ""
        reports.log(
            level,
            "%s REPORT RequestId: %s\tDuration: %.2f ms\tMemory Size: %d MB%s",
            self.name,
            request_id,
            elapsed,
            self.config.memory_size,
            init,
        )


class _Waiter:
    """An invocation in line for an environment: handed a warm one, or ``None`` (the place
    of one that is not reused, to start its own)."""

    environment: Environment | None = None

    def hand(self, environment: Environment | None) -> bool:
        """Wake the waiter with what it gets; ``False`` if it can no longer take it."""
        raise NotImplementedError


class _ThreadWaiter(_Waiter):
    """A thread blocked until it is handed an environment."""

    def __init__(self) -> None:
        self._handed = threading.Event()

    def hand(self, environment: Environment | None) -> bool:
        self.environment = environment
        self._handed.set()
        return True

    def wait(self) -> Environment | None:
        """What this waiter is handed, once it is."""
        self._handed.wait()
        return self.environment


class _LoopWaiter(_Waiter):
    """A task of the running event loop awaiting ``handed``; woken from any thread."""

    def __init__(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._thread = threading.get_ident()
        self.handed: asyncio.Future[None] = self._loop.create_future()

    def hand(self, environment: Environment | None) -> bool:
        self.environment = environment
        if threading.get_ident() == self._thread:
            _wake(self.handed)
            return True
        try:
            self._loop.call_soon_threadsafe(_wake, self.handed)
        except RuntimeError:  # the loop is closed: its tasks are gone
            return False
        return True


def _wake(handed: asyncio.Future[None]) -> None:
    if not handed.done():  # a cancelled waiter gives back what it was handed (_handed)
        handed.set_result(None)


def _import(name: str, handler: str) -> Handler:
    try:
        return worker.load_handler(handler)  # type: ignore[no-any-return]  # callable, checked
    except worker.HandlerError as e:
        logger.error("%s [ERROR] %s: %s", name, e.error_type, e)
        raise InvocationError(e.error_type, str(e)) from e


W = TypeVar("W", bound=_Waiter)

# Every function not yet collected, for the thread that stops idle environments.
_LIVE: weakref.WeakSet[LambdaFunction] = weakref.WeakSet()
_reaper_started = threading.Lock()


def _start_reaper() -> None:
    """Stop idle environments every minute, in a daemon thread (started once)."""
    if not _reaper_started.acquire(blocking=False):
        return

    def reap_forever() -> None:
        while True:
            time.sleep(60)  # a period, not a wait for something: idle ones age meanwhile
            for function in list(_LIVE):
                function.reap()

    threading.Thread(target=reap_forever, name="environment-reaper", daemon=True).start()


def lambda_functions(
    stack: Stack,
    overrides: Mapping[str, str] | None = None,
    *,
    inherited: Mapping[str, str] | None = None,
    in_process: bool = False,
    switch_interval: float | None = None,
) -> dict[str, LambdaFunction]:
    """Every ``AWS::Serverless::Function`` of the template by logical id.

    Each runs with ``inherited`` (by default the developer's settings from this process's
    environment), then its own template variables, then ``overrides`` (the runtime's own).
    """
    if inherited is None:
        inherited = inherited_environment(os.environ)
    functions = {}
    for logical_id in stack.resources("AWS::Serverless::Function"):
        properties = stack.properties(logical_id)
        handler = properties.get("Handler")
        if not isinstance(handler, str):
            raise TemplateError(f"{logical_id} has no Handler")
        code_uri = properties.get("CodeUri")
        variables = (properties.get("Environment") or {}).get("Variables") or {}
        reserved = properties.get("ReservedConcurrentExecutions")
        config = FunctionConfig(
            logical_id=logical_id,
            name=stack.physical_name(logical_id),
            handler=handler,
            timeout=float(properties.get("Timeout", DEFAULT_TIMEOUT_SECONDS)),
            memory_size=int(properties.get("MemorySize", DEFAULT_MEMORY_MB)),
            environment={name: _env_text(value) for name, value in variables.items()},
            code_dir=(stack.directory / code_uri).resolve() if isinstance(code_uri, str) else None,
            region=stack.region,
            account_id=stack.account_id,
            reserved_concurrency=None if reserved is None else int(reserved),
        )
        if config.reserved_concurrency == 0:
            logger.warning("%s has ReservedConcurrentExecutions 0: it never runs", logical_id)
        functions[logical_id] = LambdaFunction(
            config,
            environment={**inherited, **config.environment, **(overrides or {})},
            in_process=in_process,
            switch_interval=switch_interval,
        )
    if not in_process:
        _start_reaper()
    return functions


def inherited_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The developer's settings every function gets: ``SLSPLAY_*`` and AWS credentials."""
    return {
        name: value
        for name, value in environ.items()
        if name.startswith(INHERITED_PREFIXES) or name in INHERITED_VARIABLES
    }


def shared_environment(
    functions: Mapping[str, LambdaFunction], overrides: Mapping[str, str]
) -> dict[str, str]:
    """Every function's variables merged, then the runtime's overrides: the settings the
    runtime reads its own (the table, the queues, the bucket), and what ``in_process``
    functions share."""
    merged: dict[str, str] = {}
    for function in functions.values():
        merged |= function.config.environment
    return merged | dict(overrides)


@contextmanager
def runtime_environment(environment: Mapping[str, str], code_dirs: set[Path]) -> Iterator[None]:
    """``os.environ`` and ``sys.path`` as ``in_process`` functions need them, restored after."""
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    # Lambda puts the function's code (its CodeUri) on the import path.
    added = [str(path) for path in sorted(code_dirs) if str(path) not in sys.path]
    sys.path.extend(added)
    try:
        yield
    finally:
        for path in added:
            if path in sys.path:
                sys.path.remove(path)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _env_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
