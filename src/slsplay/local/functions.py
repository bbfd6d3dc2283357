"""The template's Lambda functions, run in this process as the Lambda Python runtime runs them.

Each ``AWS::Serverless::Function`` (Globals merged) becomes a ``LambdaFunction``: its
``Handler`` is imported on the first invocation, once, and called with the event and a
Lambda-shaped context whose remaining time counts down from the function's ``Timeout``. The
result is serialised to JSON as the runtime does, so a handler that returns something Lambda
could not send back fails here too. A handler that runs past its timeout is abandoned (its
thread cannot be killed) and the invocation fails, as Lambda's does.

Known limit: every function shares this one process, so they share ``os.environ``,
``sys.modules`` and global state. The environment is the union of every function's
``Environment.Variables`` (a variable two functions set differently is logged), then the
runtime's own overrides; in the cloud each function has only its own.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import queue
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from slsplay.local.template import Stack, TemplateError

logger = logging.getLogger("slsplay.local")

DEFAULT_TIMEOUT_SECONDS = 3  # Lambda's defaults when the template sets none
DEFAULT_MEMORY_MB = 128
# Lambda keeps an idle environment warm for minutes; more than a few idle is waste here.
IDLE_ENVIRONMENT_SECONDS = 300
MAX_IDLE_ENVIRONMENTS = 8

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

    @property
    def arn(self) -> str:
        """The function's ARN, as ``context.invoked_function_arn`` carries it."""
        return f"arn:aws:lambda:{self.region}:{self.account_id}:function:{self.name}"


class LambdaContext:
    """The ``context`` argument, with the attributes the Lambda Python runtime gives it."""

    def __init__(self, function: FunctionConfig, request_id: str, log_stream: str) -> None:
        self.aws_request_id = request_id
        self.function_name = function.name
        self.function_version = "$LATEST"
        self.invoked_function_arn = function.arn
        # A string, as the real runtime reads it from AWS_LAMBDA_FUNCTION_MEMORY_SIZE.
        self.memory_limit_in_mb = str(function.memory_size)
        self.log_group_name = f"/aws/lambda/{function.name}"
        self.log_stream_name = log_stream
        self.identity: object | None = None
        self.client_context: object | None = None
        self._deadline = time.monotonic() + function.timeout

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before Lambda would stop this invocation."""
        return max(0, int((self._deadline - time.monotonic()) * 1000))

    def __repr__(self) -> str:
        return f"LambdaContext({self.function_name}, {self.aws_request_id})"


class _Invocation:
    """One call of a handler, and what came of it."""

    def __init__(self, handler: Handler, event: dict[str, Any], context: LambdaContext) -> None:
        self.handler = handler
        self.event = event
        self.context = context
        self.result: Any = None
        self.error: BaseException | None = None
        self.finished = threading.Event()

    def __call__(self) -> None:
        try:
            self.result = self.handler(self.event, self.context)
        except BaseException as e:  # reported to the caller, as the Lambda runtime does
            self.error = e
        finally:
            self.finished.set()


class _Environment:
    """An execution environment: a daemon thread running one invocation after another.

    A daemon, so that a handler stuck forever cannot keep the process from exiting.
    """

    def __init__(self, function: LambdaFunction) -> None:
        self.function = function
        self.log_stream = f"{datetime.now(UTC):%Y/%m/%d}/[$LATEST]{uuid.uuid4().hex}"
        self._work: queue.SimpleQueue[_Invocation | None] = queue.SimpleQueue()
        name = f"{function.name}-{self.log_stream[-8:]}"
        threading.Thread(target=self._serve, name=name, daemon=True).start()

    def run(self, invocation: _Invocation) -> None:
        """Start ``invocation`` in this environment."""
        self._work.put(invocation)

    def retire(self) -> None:
        """End the thread once the invocation in hand, if any, is over."""
        self._work.put(None)

    def _serve(self) -> None:
        while True:
            try:
                invocation = self._work.get(timeout=IDLE_ENVIRONMENT_SECONDS)
            except queue.Empty:
                if self.function._reclaim(self):
                    return
                continue  # picked for an invocation just now: it is on its way
            if invocation is None:
                return
            invocation()


class LambdaFunction:
    """One function of the template: its handler, imported once, and its invocations.

    Invocations run in execution environments, as on Lambda: a thread that serves one
    invocation at a time and stays warm for the next, so what a handler keeps between calls
    (clients, connections) is reused. Concurrent invocations get environments of their own;
    an environment idle for ``IDLE_ENVIRONMENT_SECONDS`` is reclaimed, and one whose
    invocation timed out is never used again.
    """

    def __init__(self, config: FunctionConfig) -> None:
        self.config = config
        self._handler: Handler | None = None
        self._import_lock = threading.Lock()
        self._idle: list[_Environment] = []
        self._idle_lock = threading.Lock()

    @property
    def name(self) -> str:
        """The function's name (its ``FunctionName``, or its logical id)."""
        return self.config.name

    def handler(self) -> Handler:
        """The handler callable, imported on first use; a failed import is tried again later."""
        if self._handler is not None:
            return self._handler
        with self._import_lock:
            if self._handler is None:
                self._handler = self._import()
        return self._handler

    def invoke(self, event: dict[str, Any]) -> str:
        """The handler's result as the JSON text Lambda would send back, or ``InvocationError``."""
        handler = self.handler()
        environment = self._environment()
        context = LambdaContext(self.config, str(uuid.uuid4()), environment.log_stream)
        invocation = _Invocation(handler, event, context)
        environment.run(invocation)
        if not invocation.finished.wait(self.config.timeout):
            # The environment's thread cannot be stopped; it is dropped, never reused.
            message = f"Task timed out after {self.config.timeout:.2f} seconds"
            logger.error("%s %s %s", self.name, context.aws_request_id, message)
            environment.retire()
            raise InvocationError("Sandbox.Timedout", message)
        self._release(environment)
        if invocation.error is not None:
            error = invocation.error
            logger.error(
                "%s %s [ERROR] %s: %s",
                self.name,
                context.aws_request_id,
                type(error).__name__,
                error,
                exc_info=error,
            )
            raise InvocationError(type(error).__name__, str(error))
        try:
            return json.dumps(invocation.result, default=_json_default)
        except (TypeError, ValueError) as e:
            logger.error("%s [ERROR] Runtime.MarshalError: %s", self.name, e)
            raise InvocationError("Runtime.MarshalError", f"Unable to marshal response: {e}") from e

    def environments(self) -> int:
        """How many warm environments wait for an invocation."""
        with self._idle_lock:
            return len(self._idle)

    def close(self) -> None:
        """Reclaim every idle environment (their threads end)."""
        with self._idle_lock:
            idle, self._idle = self._idle, []
        for environment in idle:
            environment.retire()

    def _environment(self) -> _Environment:
        with self._idle_lock:
            if self._idle:
                return self._idle.pop()
        return _Environment(self)

    def _release(self, environment: _Environment) -> None:
        with self._idle_lock:
            if len(self._idle) < MAX_IDLE_ENVIRONMENTS:
                self._idle.append(environment)
                return
        environment.retire()

    def _reclaim(self, environment: _Environment) -> bool:
        """Take an environment idle too long out of service; False if it was just picked."""
        with self._idle_lock:
            if environment in self._idle:
                self._idle.remove(environment)
                return True
            return False

    def _import(self) -> Handler:
        module_name, _, attribute = self.config.handler.rpartition(".")
        if not module_name:
            raise InvocationError("Runtime.MalformedHandlerName", self.config.handler)
        try:
            module = importlib.import_module(module_name)
        except Exception as e:
            logger.exception("%s [ERROR] Runtime.ImportModuleError", self.name)
            message = f"Unable to import module '{module_name}': {e}"
            raise InvocationError("Runtime.ImportModuleError", message) from e
        handler = getattr(module, attribute, None)
        if not callable(handler):
            message = f"Handler '{attribute}' missing on module '{module_name}'"
            logger.error("%s [ERROR] Runtime.HandlerNotFound: %s", self.name, message)
            raise InvocationError("Runtime.HandlerNotFound", message)
        return handler  # type: ignore[no-any-return]  # callable, checked above


def lambda_functions(stack: Stack) -> dict[str, LambdaFunction]:
    """Every ``AWS::Serverless::Function`` of the template by logical id."""
    functions = {}
    for logical_id in stack.resources("AWS::Serverless::Function"):
        properties = stack.properties(logical_id)
        handler = properties.get("Handler")
        if not isinstance(handler, str):
            raise TemplateError(f"{logical_id} has no Handler")
        code_uri = properties.get("CodeUri")
        variables = (properties.get("Environment") or {}).get("Variables") or {}
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
        )
        functions[logical_id] = LambdaFunction(config)
    return functions


def shared_environment(
    functions: Mapping[str, LambdaFunction], overrides: Mapping[str, str]
) -> dict[str, str]:
    """The one environment all functions run in: theirs merged, then the runtime's overrides."""
    merged: dict[str, str] = {}
    owner: dict[str, str] = {}
    for function in functions.values():
        for name, value in function.config.environment.items():
            if name in merged and merged[name] != value and name not in overrides:
                logger.warning(
                    "%s and %s set %s differently; in one process %s's value wins",
                    owner[name],
                    function.name,
                    name,
                    function.name,
                )
            merged[name] = value
            owner[name] = function.name
    return merged | dict(overrides)


@contextmanager
def runtime_environment(environment: Mapping[str, str], code_dirs: set[Path]) -> Iterator[None]:
    """``os.environ`` and ``sys.path`` as the functions need them, restored afterwards."""
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


def _json_default(value: object) -> object:
    # The Lambda Python runtime serialises Decimal (what boto3 reads numbers as) as a float.
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
