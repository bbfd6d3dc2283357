"""One execution environment of a Lambda function: a process that runs one invocation at a time.

``environments.py`` forks each environment from a server process (multiprocessing's
forkserver) that has imported the libraries the handlers share (``PRELOADED``, the layer's
heaviest), so that a cold start costs the function's own imports, not the interpreter's and
Powertools' again. The new process takes exactly the function's environment (its template
variables, the runtime's overrides, and the variables the Lambda runtime itself sets, such as
``AWS_LAMBDA_FUNCTION_NAME`` and ``_HANDLER``), its code's folder as the working directory and
first on the import path, then imports the handler once (Lambda's init phase, timed as the
``Init Duration`` of its first ``REPORT``), says it is ready, and loops as the Lambda runtime
interface does: take one event, call the handler with a context whose remaining time counts
down to the invocation's deadline, answer with the result as JSON text, or the error Lambda
would report. What the handler prints, on either stream, goes to the runtime's log (its
standard error), as Lambda sends a function's output to CloudWatch Logs.

The messages, on a pipe to the runtime, are bytes (no pickling):

    in:  ``(request id, deadline in epoch ms, invoked ARN, trace id, event)`` in marshal's
         format (``request_message``, read back by ``read_request``): the Runtime API's next
         invocation, its headers and body; an empty message to stop. Marshal rather than JSON
         text: both ends run the same interpreter (the forkserver's), the runtime builds its
         events of JSON's types only (as ``in_process`` functions receive them, unencoded),
         which marshal carries unchanged, and it writes and reads them in a fraction of the
         time JSON takes, on every request
    out: ``KIND DATA`` (``answer_message``, read back by ``read_answer``): ``ready`` (the
         init duration), ``ok`` (the result's JSON text) or ``error`` (``{"errorType",
         "errorMessage"}`` as JSON)

Where it differs from Lambda: the preloaded libraries are imported before the environment's
variables are set (none of them reads one at import that matters to a handler), and their
import is not part of the init duration (``bench/cold_start.py`` measures the whole).
"""

from __future__ import annotations

import importlib
import json
import marshal
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# The function's handler, as the Lambda runtime reads it.
HANDLER_VARIABLE = "_HANDLER"


class LambdaContext:
    """The ``context`` argument, with the attributes the Lambda Python runtime gives it."""

    def __init__(
        self,
        *,
        request_id: str,
        function_name: str,
        function_arn: str,
        memory_mb: str,
        log_group: str,
        log_stream: str,
        deadline_ms: int,
    ) -> None:
        self.aws_request_id = request_id
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = function_arn
        # A string, as the real runtime reads it from AWS_LAMBDA_FUNCTION_MEMORY_SIZE.
        self.memory_limit_in_mb = memory_mb
        self.log_group_name = log_group
        self.log_stream_name = log_stream
        self.identity: object | None = None
        self.client_context: object | None = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before Lambda would stop this invocation."""
        return max(0, self._deadline_ms - int(time.time() * 1000))

    def __repr__(self) -> str:
        return f"LambdaContext({self.function_name}, {self.aws_request_id})"


class HandlerError(Exception):
    """The handler could not be loaded: Lambda's init error, by its type."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type


def load_handler(name: str) -> Any:
    """The callable a ``Handler`` setting names (``package.module.function``)."""
    module_name, _, attribute = name.rpartition(".")
    if not module_name:
        raise HandlerError("Runtime.MalformedHandlerName", f"Bad handler '{name}'")
    try:
        module = importlib.import_module(module_name)
    except Exception as e:
        traceback.print_exc()
        raise HandlerError(
            "Runtime.ImportModuleError", f"Unable to import module '{module_name}': {e}"
        ) from e
    handler = getattr(module, attribute, None)
    if not callable(handler):
        raise HandlerError(
            "Runtime.HandlerNotFound", f"Handler '{attribute}' missing on module '{module_name}'"
        )
    return handler


def result_json(result: Any) -> bytes:
    """The result as the JSON text Lambda sends back (``Decimal`` as a number, as it does)."""

    def default(value: object) -> object:
        if isinstance(value, Decimal):
            return float(value)
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    return json.dumps(result, default=default).encode()


def error_json(error_type: str, message: str) -> bytes:
    """An error as the Lambda runtime reports it."""
    return json.dumps({"errorType": error_type, "errorMessage": message}).encode()


def invoke(
    handler: Any, event: Any, context: Any, report: Callable[[BaseException], None] | None = None
) -> tuple[str, bytes]:
    """Call the handler: ``("ok", result JSON)`` or ``("error", the error Lambda reports)``,
    after ``report`` (by default: the error and its traceback on standard error, the log)."""
    try:
        result = handler(event, context)
    except Exception as e:  # reported to the caller, as the Lambda runtime does
        (report or _print_error)(e)
        return "error", error_json(type(e).__name__, str(e))
    try:
        return "ok", result_json(result)
    except (TypeError, ValueError) as e:
        return "error", error_json("Runtime.MarshalError", f"Unable to marshal response: {e}")


def _print_error(error: BaseException) -> None:
    print(f"[ERROR] {type(error).__name__}: {error}", file=sys.stderr)
    traceback.print_exception(error)


# Imported once by the process environments are forked from (a module missing is passed
# over), before the first environment can start: the libraries most handlers load on their
# cold start, and strawberry, the GraphQL function's (the web app's first requests are its,
# and its cold start would take some 300 ms without). Not the libraries only functions fed by
# queues and streams load (Powertools' batch processing; jinja2 and icalendar, for mail):
# those start in the background, and every server start would wait for them. Not the
# handlers' modules: those read their variables at import.
PRELOADED = (
    "aws_lambda_powertools",
    "aws_lambda_powertools.event_handler",
    "aws_lambda_powertools.event_handler.openapi.params",
    "aws_lambda_powertools.utilities.data_classes",
    "pydantic",
    "pydantic_settings",  # the settings every function reads on its first invocation
    "jwt",
    "email_validator",
    "dateutil.rrule",
    "strawberry",
)


def serve(
    connection: Connection,
    environment: dict[str, str],
    code_dir: str | None,
    switch_interval: float | None,
) -> None:
    """The environment's process: set it up as Lambda does, import the handler, then run
    invocations until the runtime says stop or goes away."""
    # The runtime stops its environments itself; Ctrl+C in its terminal is not for them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Standard output stays the runtime's own, for what a command answers (`jobs run`):
    # Powertools' logger writes to standard output, and that is the function's log.
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    os.environ.clear()
    os.environ.update(environment)
    if code_dir is not None:
        os.chdir(code_dir)
        sys.path.insert(0, code_dir)
    if switch_interval is not None:
        sys.setswitchinterval(switch_interval)
    started = time.perf_counter()
    try:
        handler = load_handler(environment[HANDLER_VARIABLE])
    except HandlerError as e:
        connection.send_bytes(answer_message("error", error_json(e.error_type, str(e))))
        return
    init_ms = f"{(time.perf_counter() - started) * 1000:.2f}".encode()
    connection.send_bytes(answer_message("ready", init_ms))
    while True:
        try:
            request = connection.recv_bytes()
        except EOFError:
            return  # the runtime went away
        if not request:
            return
        request_id, deadline_ms, arn, trace_id, event = read_request(request)
        os.environ["_X_AMZN_TRACE_ID"] = trace_id  # as the runtime sets it for each one
        context = LambdaContext(
            request_id=request_id,
            function_name=environment["AWS_LAMBDA_FUNCTION_NAME"],
            function_arn=arn,
            memory_mb=environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"],
            log_group=environment["AWS_LAMBDA_LOG_GROUP_NAME"],
            log_stream=environment["AWS_LAMBDA_LOG_STREAM_NAME"],
            deadline_ms=deadline_ms,
        )
        connection.send_bytes(answer_message(*invoke(handler, event, context)))


def request_message(
    event: Any, request_id: str, deadline_ms: int, arn: str, trace_id: str
) -> bytes:
    """One invocation as the runtime sends it to an environment's process."""
    return marshal.dumps((request_id, deadline_ms, arn, trace_id, event))


def read_request(message: bytes) -> tuple[str, int, str, str, Any]:
    """An invocation as ``request_message`` wrote it."""
    # From the runtime that started this process, over the pipe only it holds.
    request_id, deadline_ms, arn, trace_id, event = marshal.loads(message)  # noqa: S302
    return request_id, deadline_ms, arn, trace_id, event


def answer_message(kind: str, data: bytes) -> bytes:
    """What a worker answers: ``ready``, ``ok`` or ``error``, and its data."""
    return kind.encode() + b" " + data


def read_answer(message: bytes) -> tuple[str, bytes]:
    """A worker's answer as its kind and data."""
    kind, _, data = message.partition(b" ")
    return kind.decode(), data
