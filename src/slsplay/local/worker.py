"""One execution environment of a Lambda function: a process that runs one invocation at a time.

``functions.py`` starts ``python -m slsplay.local.worker`` with exactly the function's
environment (its template variables, the runtime's overrides, and the variables the Lambda
runtime itself sets, such as ``AWS_LAMBDA_FUNCTION_NAME`` and ``_HANDLER``). The process
imports the handler once (Lambda's init phase, timed as the ``Init Duration`` of its first
``REPORT``), says it is ready, then loops, as the Lambda runtime interface does: read one
event, call the handler with a context whose remaining time counts down from the function's
timeout, answer with the result as JSON text, or the error Lambda would report.

The frames, on the process's standard input and on the standard output it had at start
(anything the handler prints goes to standard error, into the runtime's log, as Lambda
sends a function's output to CloudWatch Logs):

    in:  ``<length> <request id> <deadline, epoch ms> <invoked ARN> <trace id>\\n`` then the
         event, JSON, in that many bytes (the headers of the Runtime API's next invocation)
    out: ``<kind> <length>\\n`` then that many bytes: ``ready`` (the init duration), ``ok``
         (the result's JSON text) or ``error`` (``{"errorType", "errorMessage"}`` as JSON)

Only the standard library is imported here before the handler: what the handler imports is
the cold start the function pays, nothing of the runtime's.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from decimal import Decimal
from typing import Any, BinaryIO

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


def _send(out: BinaryIO, kind: str, data: bytes) -> None:
    out.write(f"{kind} {len(data)}\n".encode() + data)
    out.flush()


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


def main(argv: list[str]) -> None:
    """Import the handler, then run invocations until standard input closes.

    ``argv`` may hold the interpreter's thread switch interval (``slsplay serve
    --switch-interval``), set before anything is imported.
    """
    # The frames go out on the standard output this process was given; print() and the
    # handler's logs go to standard error from here on.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    events = sys.stdin.buffer
    if argv:
        sys.setswitchinterval(float(argv[0]))
    started = time.perf_counter()
    try:
        handler = load_handler(os.environ[HANDLER_VARIABLE])
    except HandlerError as e:
        _send(out, "error", error_json(e.error_type, str(e)))
        return
    _send(out, "ready", f"{(time.perf_counter() - started) * 1000:.2f}".encode())
    environ = os.environ
    while True:
        header = events.readline()
        if not header:
            return  # the runtime closed the environment
        length, request_id, deadline_ms, arn, trace_id = header.decode().split()
        event = json.loads(events.read(int(length)))
        environ["_X_AMZN_TRACE_ID"] = trace_id  # as the runtime sets it for each invocation
        context = LambdaContext(
            request_id=request_id,
            function_name=environ["AWS_LAMBDA_FUNCTION_NAME"],
            function_arn=arn,
            memory_mb=environ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"],
            log_group=environ["AWS_LAMBDA_LOG_GROUP_NAME"],
            log_stream=environ["AWS_LAMBDA_LOG_STREAM_NAME"],
            deadline_ms=int(deadline_ms),
        )
        kind, data = invoke(handler, event, context)
        _send(out, kind, data)


if __name__ == "__main__":
    main(sys.argv[1:])
