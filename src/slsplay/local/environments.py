"""The execution environments a Lambda function's invocations run in, one at a time.

An environment is a worker process (``worker.py``, forked from a server process that has
imported the libraries the handlers share) with exactly the function's environment, which
imports the handler once (a cold start) and is then reused warm; ``functions.py`` decides
when to start, reuse and stop environments.

Faults are Lambda's: an invocation past the function's ``Timeout`` stops its environment
(the process is killed) and fails with ``Sandbox.Timedout``; a handler that ends its process
(``os._exit``, a crash) fails its invocation with ``Runtime.ExitError``; a handler that cannot
be imported fails with ``Runtime.ImportModuleError``. In each case the next invocation gets a
fresh environment, and nothing else (the server, other functions) is touched.

An invocation is run either from a thread (``run``: the pumps, the CLI) or from the server's
event loop (``run_async``): there the answer is awaited on the loop, which watches the pipe,
so a request changes no thread on its way to the function's process and back.

``in_process=True`` runs the handlers in threads of this process instead, all sharing its
environment: for tests of event sources and events that read what a function received from
memory. ``slsplay serve`` never does: threads over one imported module mix up concurrent
requests' state (Powertools keeps the current request on its resolver).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import os
import queue
import secrets
import select
import signal
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from slsplay.local import worker

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

logger = logging.getLogger("slsplay.local")

DEFAULT_TIMEOUT_SECONDS = 3  # Lambda's defaults when the template sets none
DEFAULT_MEMORY_MB = 128
# Lambda's init phase may take 10 s; a busy laptop gets the function's timeout on top.
INIT_SECONDS = 10.0
# How long a worker whose pipe closed may take to end.
EXIT_SECONDS = 1.0

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


class Function(Protocol):
    """What an environment needs of the function it runs (a ``functions.LambdaFunction``)."""

    config: FunctionConfig
    switch_interval: float | None

    @property
    def name(self) -> str:
        """The function's name."""
        ...

    def handler(self) -> Handler:
        """The handler callable, imported into this process (``in_process`` functions)."""
        ...

    def process_environment(self, log_stream: str) -> dict[str, str]:
        """``os.environ`` of a new execution environment's process."""
        ...


class Environment(Protocol):
    """An execution environment: runs one invocation at a time until it is stopped."""

    log_stream: str
    idle_since: float

    def run(self, event: dict[str, Any], request_id: str, timeout: float) -> str:
        """The handler's result as JSON text, or ``InvocationError``."""
        ...

    async def run_async(self, event: dict[str, Any], request_id: str, timeout: float) -> str:
        """``run``, awaited on the running event loop."""
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


class ProcessEnvironment:
    """An execution environment in a worker process of its own (``worker.serve``)."""

    def __init__(self, function: Function) -> None:
        config = function.config
        self.function = function
        self.log_stream = _log_stream()
        self.idle_since = time.monotonic()
        self.init_ms: float | None = None
        context = _forkserver()
        self._connection, theirs = context.Pipe()  # duplex: both ends read and write
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
            self._ended = select.poll()
            for fd in (self._connection.fileno(), self._process.sentinel):
                self._ended.register(fd, select.POLLIN)
            if not self._connection.poll(INIT_SECONDS + config.timeout):
                raise self._timed_out("init")
            kind, data = self._receive()
            if kind != "ready":
                raise _failure(data)
        except BaseException:
            self.stop()
            raise
        self.init_ms = float(data)

    def run(self, event: dict[str, Any], request_id: str, timeout: float) -> str:
        """Send one event, wait for the answer until the function's timeout."""
        self._send(event, request_id, timeout)
        if not self._connection.poll(timeout):
            self.stop()
            raise self._timed_out("invoke")
        return self._result()

    async def run_async(self, event: dict[str, Any], request_id: str, timeout: float) -> str:
        """``run``, with the answer awaited on the running event loop: no thread waits."""
        self._send(event, request_id, timeout)
        try:
            answered = await _readable(self._connection, timeout)
        except BaseException:  # cancelled: the answer would be left unread
            self._broken = True
            raise
        if not answered:
            self.stop()
            raise self._timed_out("invoke")
        return self._result()

    def usable(self) -> bool:
        """Whether the process is still there, and no answer was left unread."""
        # One poll, no waiting: the pipe reads when it holds something unasked for or the
        # worker's end closed, the process's sentinel when it has ended.
        return not self._broken and not self._ended.poll(0)

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
            self._connection.send_bytes(b"")
        self._process.join(timeout=2)
        self.stop()

    def _send(self, event: dict[str, Any], request_id: str, timeout: float) -> None:
        """Hand the worker one invocation, which must end within ``timeout`` seconds."""
        deadline_ms = int((time.time() + timeout) * 1000)
        trace = f"Root=1-{int(time.time()):08x}-{secrets.token_hex(12)};Sampled=0"
        message = worker.request_message(
            event, request_id, deadline_ms, self.function.config.arn, trace
        )
        try:
            self._connection.send_bytes(message)
        except OSError:
            self._broken = True
            raise self._exited() from None

    def _result(self) -> str:
        """The answer to the invocation sent, which is there to read."""
        kind, data = self._receive()
        if kind == "ok":
            return data.decode()
        raise _failure(data)

    def _receive(self) -> tuple[str, bytes]:
        """The worker's next message, once the pipe has something to read."""
        try:
            return worker.read_answer(self._connection.recv_bytes())
        except (EOFError, OSError):
            self._broken = True
            raise self._exited() from None

    def _timed_out(self, phase: str) -> InvocationError:
        seconds = self.function.config.timeout
        if phase == "init":
            message = f"INIT did not finish within {INIT_SECONDS + seconds:.2f} seconds"
            return InvocationError("Runtime.InitTimeout", message)
        return InvocationError("Sandbox.Timedout", f"Task timed out after {seconds:.2f} seconds")

    def _exited(self) -> InvocationError:
        # Its pipe closed: the process is ending. Should it not be (the pipe failed under a
        # live worker), it is ended here, never waited for: the event loop may be waiting.
        self._process.join(EXIT_SECONDS)
        if self._process.exitcode is None:
            self._process.kill()
            self._process.join()
        code = self._process.exitcode or 0
        if code < 0:
            reason = f"signal: {signal.Signals(-code).name.removeprefix('SIG').lower()}"
        else:
            reason = f"exit status {code}"
        return InvocationError("Runtime.ExitError", f"Runtime exited with error: {reason}")


def _failure(data: bytes) -> InvocationError:
    problem = json.loads(data)
    return InvocationError(problem["errorType"], problem["errorMessage"])


async def _readable(connection: Connection, timeout: float) -> bool:
    """Whether the pipe has something to read (an answer, or its end) within ``timeout``,
    watched by the running event loop."""
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[bool] = loop.create_future()
    fd = connection.fileno()
    loop.add_reader(fd, _settle, ready, True)
    timer = loop.call_later(timeout, _settle, ready, False)
    try:
        return await ready
    finally:
        timer.cancel()
        loop.remove_reader(fd)
        # uvloop (libuv) made the pipe non-blocking to watch it: reads expect it blocking.
        os.set_blocking(fd, True)


def _settle(ready: asyncio.Future[bool], readable: bool) -> None:
    if not ready.done():  # the loop may call a reader again before the waiter runs
        ready.set_result(readable)


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


class ThreadEnvironment:
    """An execution environment as a thread of this process (``in_process`` functions)."""

    def __init__(self, function: Function) -> None:
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
        raise _failure(data)

    async def run_async(self, event: dict[str, Any], request_id: str, timeout: float) -> str:
        """``run`` from a thread of the loop's pool: this environment is a thread anyway."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.run, event, request_id, timeout)

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


def _log_stream() -> str:
    return f"{datetime.now(UTC):%Y/%m/%d}/[$LATEST]{uuid.uuid4().hex}"
