"""The functions' log: one JSON object a line (Powertools Logger), as CloudWatch Logs Insights
reads them, each carrying the invocation it belongs to (function, request id, cold start).

Every handler logs through ``logger``; ``entry_point`` wraps a Lambda entry point so that its
entries carry the invocation's context. The service is POWERTOOLS_SERVICE_NAME (template.yaml);
POWERTOOLS_DEV=true indents the JSON for people to read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from aws_lambda_powertools import Logger

Result = TypeVar("Result")
Handler = Callable[[dict[str, Any], Any], Result]

logger = Logger()


def entry_point(handler: Handler[Result]) -> Handler[Result]:
    """``handler`` with the invocation's Lambda context in every log entry it makes."""
    with_context: Handler[Result] = logger.inject_lambda_context(handler)

    @functools.wraps(handler)
    def entry(event: dict[str, Any], context: Any) -> Result:
        if context is None:  # called outside Lambda (a test, a script): no invocation to name
            return handler(event, context)
        return with_context(event, context)

    return entry
