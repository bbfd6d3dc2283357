"""The template's Lambda functions, each run in execution environments as Lambda runs them.

Each ``AWS::Serverless::Function`` (Globals merged) becomes a ``LambdaFunction``. An
invocation runs in an execution environment that handles one invocation at a time: a worker
process (``worker.py``, forked from a server process that has imported the libraries the
handlers share) with exactly the function's environment, which imports the handler once (a
cold start, logged with its ``Init Duration`` as Lambda's ``REPORT`` line has it) and is
then reused warm. Concurrent invocations get environments of their own, up to
the function's concurrency: its ``ReservedConcurrentExecutions``, else ``DEFAULT_CONCURRENCY``
(twice this machine's cores). Beyond it, an invocation that may be throttled (a
synchronous one, from API Gateway, when the function has reserved concurrency) fails with
Lambda's ``TooManyRequestsException``, which API Gateway answers with a 500 as it does in
the cloud; any other invocation waits for an environment to be free, as a poller holds its
batch. An environment idle for ``IDLE_ENVIRONMENT_SECONDS`` is stopped.

Faults are Lambda's: an invocation past the function's ``Timeout`` stops its environment
(the process is killed) and fails with ``Sandbox.Timedout``; a handler that ends its process
(``os._exit``, a crash) fails its invocation with ``Runtime.ExitError``; a handler that cannot
be imported fails with ``Runtime.ImportModuleError``. In each case the next invocation gets a
fresh environment, and nothing else (the server, other functions) is touched.

Each environment's ``os.environ`` is what Lambda gives a function: a few of the host's
variables (``PATH``, locale, temporary directory), the developer's local settings
(``SLSPLAY_*`` and AWS credentials from the shell that started the runtime), then the
function's own template variables, then the runtime's overrides, then Lambda's own
(``AWS_LAMBDA_FUNCTION_NAME``, ``_HANDLER``, ...). Two functions never see each other's.

``in_process=True`` runs the handlers in threads of this process instead, all sharing its
environment: for tests of event sources and events that read what a function received from
memory. ``slsplay serve`` never does: threads over one imported module mix up concurrent
requests' state (Powertools keeps the current request on its resolver).
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import os
import queue
import secrets
import signal
import sys
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from slsplay.local import worker
from slsplay.local.template import Stack, TemplateError

logger = logging.getLogger("slsplay.local")
# Lambda's REPORT lines: the functions' log, apart from the runtime's own.
reports = logging.getLogger("slsplay.local.reports")

DEFAULT_TIMEOUT_SECONDS = 3  # Lambda's defaults when the template sets none
DEFAULT_MEMORY_MB = 128
# Environments per function when the template reserves none: enough to keep this machine's
# cores busy while some wait on I/O, few enough that a burst does not start dozens of
# interpreters (each one is tens of MB).
DEFAULT_CONCURRENCY = max(2, 2 * (os.cpu_count() or 1))
# Lambda keeps an idle environment warm for minutes; then it is stopped.
IDLE_ENVIRONMENT_SECONDS = 300.0
# Lambda's init phase may take 10 s; a busy laptop gets the function's timeout on top.
INIT_SECONDS = 10.0
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

Handler = Callable[[dict[str, Any], Any], Any]


class InvocationError(Exception):
    """The function failed: Lambda would answer with an error of this type, not a result."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(f"{error_type}: {message}")
        self.error_type = error_type


@dataclass(frozen=True)
class FunctionConfig:
    """What the template says about one function, intrinsics resolved and Globals merged."""

    logical_id: str
    name: str
    handler: str
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    memory_size: int = DEFAULT_MEMORY_MB
    environment: Mapping[str, str] = field(default_factory=dict)
    code_dir: Path | None = None
    region: str = "eu-west-1"
    account_id: str = "123456789012"
    reserved_concurrency: int | None = None

    @property
    def arn(self) -> str:
        """The function's ARN, as ``context.invoked_function_arn`` carries it."""
        return f"arn:aws:lambda:{self.region}:{self.account_id}:function:{self.name}"

    @property
    def log_group(self) -> str:
        """Its CloudWatch log group, as Lambda names it."""
        return f"/aws/lambda/{self.name}"

    def context(self, request_id: str, log_stream: str) -> worker.LambdaContext:
        """The ``context`` of an invocation starting now, as its environment makes it."""
        return worker.LambdaContext(
            request_id=request_id,
            function_name=self.name,
            function_arn=self.arn,
            memory_mb=str(self.memory_size),
            log_group=self.log_group,
            log_stream=log_stream,
            deadline_ms=int((time.time() + self.timeout) * 1000),
        )


class _Environment(Protocol):
    """An execution environment: runs one invocation at a time until it is stopped."""

    log_stream: str
    idle_since: float

    def run(self, event: dict[str, Any], request_id: str, timeout: float) -> str:
        """The handler's result as JSON text, or ``InvocationError``."""
        ...

    def usable(self) -> bool:
        """Whether another invocation may run here."""
        ...

    def stop(self) -> None:
        """End the environment at once (a process is killed, a thread left to finish)."""
        ...

    def close(self) -> None:
        """End an idle environment the orderly way."""
        ...


class _ProcessEnvironment:
    """An execution environment in a worker process of its own (``worker.serve``)."""

    def __init__(self, function: LambdaFunction) -> None:
        config = function.config
        self.function = function
        self.log_stream = _log_stream()
        self.idle_since = time.monotonic()
        self.init_ms: float | None = None
        context = _forkserver()
        self._connection, theirs = context.Pipe()
        self._process = context.Process(
            target=worker.serve,
            args=(
                theirs,
                function.process_environment(self.log_stream),
                None if config.code_dir is None else str(config.code_dir),
                function.switch_interval,
            ),
            name=f"{function.name}-{self.log_stream[-8:]}",
            daemon=True,  # ended with the runtime, should it stop without closing them
        )
        self._broken = self._stopped = False
        try:
            self._process.start()
            theirs.close()
            kind, data = self._answer(time.monotonic() + INIT_SECONDS + config.timeout, "init")
            if kind != "ready":
                problem = json.loads(data)
                raise InvocationError(problem["errorType"], problem["errorMessage"])
        except BaseException:
            self.stop()
            raise
        self.init_ms = float(data)

    def run(self, event: dict[str, Any], request_id: str, timeout: float) -> str:
        """Send one event, wait for the answer until the function's timeout."""
        deadline = time.monotonic() + timeout
        deadline_ms = int((time.time() + timeout) * 1000)
        trace = f"Root=1-{int(time.time()):08x}-{secrets.token_hex(12)};Sampled=0"
        request = (json.dumps(event), request_id, deadline_ms, self.function.config.arn, trace)
        try:
            self._connection.send(request)
        except OSError:
            self._broken = True
            raise self._exited() from None
        kind, data = self._answer(deadline, "invoke")
        if kind == "ok":
            return data.decode()
        problem = json.loads(data)
        raise InvocationError(problem["errorType"], problem["errorMessage"])

    def usable(self) -> bool:
        """Whether the process is still there, and no answer was left unread."""
        return not self._broken and self._process.is_alive()

    def stop(self) -> None:
        """Kill the process at once: what it was doing is abandoned, as Lambda does."""
        self._broken = True
        if self._stopped:
            return
        self._stopped = True
        if self._process.pid is not None:
            self._process.kill()
            self._process.join()
            self._process.close()
        self._connection.close()

    def close(self) -> None:
        """End an idle environment: told to stop, the worker returns."""
        self._broken = True
        with contextlib.suppress(OSError):  # gone already
            self._connection.send(None)
        self._process.join(timeout=2)
        self.stop()

    def _answer(self, deadline: float, phase: str) -> tuple[str, bytes]:
        """The worker's next message, waited for until ``deadline``."""
        if not self._connection.poll(max(0.0, deadline - time.monotonic())):
            self.stop()
            raise self._timed_out(phase)
        try:
            answer: tuple[str, bytes] = self._connection.recv()
        except (EOFError, OSError):
            self._broken = True
            raise self._exited() from None
        return answer

    def _timed_out(self, phase: str) -> InvocationError:
        seconds = self.function.config.timeout
        if phase == "init":
            message = f"INIT did not finish within {INIT_SECONDS + seconds:.2f} seconds"
            return InvocationError("Runtime.InitTimeout", message)
        return InvocationError("Sandbox.Timedout", f"Task timed out after {seconds:.2f} seconds")

    def _exited(self) -> InvocationError:
        self._process.join()
        code = self._process.exitcode or 0
        if code < 0:
            reason = f"signal: {signal.Signals(-code).name.removeprefix('SIG').lower()}"
        else:
            reason = f"exit status {code}"
        return InvocationError("Runtime.ExitError", f"Runtime exited with error: {reason}")


_forkserver_lock = threading.Lock()
_forkserver_context: multiprocessing.context.ForkServerContext | None = None


def start_forkserver() -> None:
    """Start the forkserver now, in the background: the first cold start need not wait for
    its imports."""
    _forkserver()
    threading.Thread(
        target=multiprocessing.forkserver.ensure_running, name="forkserver-start", daemon=True
    ).start()


def _forkserver() -> multiprocessing.context.ForkServerContext:
    """The forkserver environments start from, with ``worker.PRELOADED`` imported (once)."""
    global _forkserver_context  # noqa: PLW0603  (one per runtime process, made on first use)
    with _forkserver_lock:
        if _forkserver_context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([worker.__name__, *worker.PRELOADED])
            _forkserver_context = context
        return _forkserver_context


class _ThreadEnvironment:
    """An execution environment as a thread of this process (``in_process`` functions)."""

    def __init__(self, function: LambdaFunction) -> None:
        self.function = function
        self.log_stream = _log_stream()
        self.idle_since = time.monotonic()
        self.init_ms: float | None = None
        self._handler = function.handler()
        self._work: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._abandoned = False
        name = f"{function.name}-{self.log_stream[-8:]}"
        threading.Thread(target=self._serve, name=name, daemon=True).start()

    def run(self, event: dict[str, Any], request_id: str, timeout: float) -> str:
        """Call the handler in this environment's thread; wait until the timeout."""
        config = self.function.config
        context = config.context(request_id, self.log_stream)
        outcome: list[tuple[str, bytes]] = []
        finished = threading.Event()

        def call() -> None:
            try:
                outcome.append(worker.invoke(self._handler, event, context, self._log_error))
            finally:
                finished.set()

        self._work.put(call)
        if not finished.wait(timeout):
            # A thread cannot be stopped: it is abandoned, never used again.
            self._abandoned = True
            self._work.put(None)
            seconds = config.timeout
            raise InvocationError("Sandbox.Timedout", f"Task timed out after {seconds:.2f} seconds")
        kind, data = outcome[0]
        if kind == "ok":
            return data.decode()
        problem = json.loads(data)
        raise InvocationError(problem["errorType"], problem["errorMessage"])

    def _log_error(self, error: BaseException) -> None:
        logger.error(
            "%s [ERROR] %s: %s", self.function.name, type(error).__name__, error, exc_info=error
        )

    def usable(self) -> bool:
        """Whether the thread is not stuck in an invocation that timed out."""
        return not self._abandoned

    def stop(self) -> None:
        """End the thread once the invocation in hand, if any, is over."""
        self._abandoned = True
        self._work.put(None)

    close = stop

    def _serve(self) -> None:
        while (call := self._work.get()) is not None:
            call()


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
        self._idle: list[_Environment] = []
        self._busy = 0
        self._changed = threading.Condition()
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
        environment, cold = self._acquire(may_throttle)
        request_id = str(uuid.uuid4())
        started = time.perf_counter()
        try:
            return environment.run(event, request_id, self.config.timeout)
        except InvocationError as e:
            logger.error("%s %s [ERROR] %s", self.name, request_id, e)
            raise
        finally:
            self._report(request_id, started, environment, cold)
            self._release(environment)

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
        with self._changed:
            return len(self._idle)

    def busy(self) -> int:
        """How many invocations are running now."""
        with self._changed:
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
        with self._changed:
            idle, self._idle = self._idle, []
            self._closed = True
        for environment in idle:
            environment.close()

    def reap(self, now: float | None = None) -> int:
        """Stop the environments idle for ``IDLE_ENVIRONMENT_SECONDS``; answers how many."""
        now = time.monotonic() if now is None else now
        with self._changed:
            old = [e for e in self._idle if now - e.idle_since >= IDLE_ENVIRONMENT_SECONDS]
            self._idle = [e for e in self._idle if e not in old]
        for environment in old:
            environment.close()
        return len(old)

    def _acquire(self, may_throttle: bool) -> tuple[_Environment, bool]:
        with self._changed:
            self._closed = False
            while True:
                while self._idle:
                    environment = self._idle.pop()  # the most recently used: warmest
                    if environment.usable():
                        self._busy += 1
                        return environment, False
                    environment.stop()
                if self._busy < self.concurrency:
                    self._busy += 1
                    break
                # None may ever run (reserved 0), or a request meets a reserved limit.
                reserved = self.config.reserved_concurrency is not None
                if self.concurrency == 0 or (may_throttle and reserved):
                    raise InvocationError("TooManyRequestsException", "Rate Exceeded.")
                self._changed.wait()
        try:
            if self.in_process:
                return _ThreadEnvironment(self), True
            return _ProcessEnvironment(self), True
        except BaseException:
            self._release(None)
            raise

    def _release(self, environment: _Environment | None) -> None:
        with self._changed:
            self._busy -= 1
            usable = environment is not None and environment.usable()
            kept = usable and not self._closed
            if kept and environment is not None:
                environment.idle_since = time.monotonic()
                self._idle.append(environment)
            self._changed.notify()
        if environment is None or kept:
            return
        if usable:
            environment.close()
        else:
            environment.stop()  # what is left of a timed-out or crashed environment

    def _report(
        self, request_id: str, started: float, environment: _Environment, cold: bool
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


def _log_stream() -> str:
    return f"{datetime.now(UTC):%Y/%m/%d}/[$LATEST]{uuid.uuid4().hex}"


def _import(name: str, handler: str) -> Handler:
    try:
        return worker.load_handler(handler)  # type: ignore[no-any-return]  # callable, checked
    except worker.HandlerError as e:
        logger.error("%s [ERROR] %s: %s", name, e.error_type, e)
        raise InvocationError(e.error_type, str(e)) from e


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
