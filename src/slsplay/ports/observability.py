"""What lets an operator follow the product at work: the metrics of what it did, and the
correlation id that ties one request to everything it caused.

A request's correlation id is bound (``correlation``) while its work runs: a function's entry
point binds the API request's, a stream or queue consumer the one its record carries. The
adapters carry the bound id across each hop, so that it reaches the email at the end: every
item written holds it (``CORRELATION_ATTRIBUTE``: the table's stream shows it to the stream
function), every queue message has it as a message attribute of the same name, and every
email sent has it as the ``CORRELATION_HEADER`` header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

CORRELATION_ATTRIBUTE = "correlation_id"
CORRELATION_HEADER = "X-Slsplay-Correlation-Id"
# What a caller may send as its own id (X-Correlation-Id): API Gateway's request ids and
# UUIDs fit, and nothing that could break a log line, a message attribute or an email header.
_CORRELATION_ID = re.compile(r"\A[A-Za-z0-9._:=+/-]{1,128}\Z")

Value = TypeVar("Value")

_bound: ContextVar[str | None] = ContextVar("slsplay_correlation_id", default=None)


def valid_correlation_id(value: object) -> bool:
    """Whether ``value`` may serve as a correlation id."""
    return isinstance(value, str) and _CORRELATION_ID.match(value) is not None


def correlation_id() -> str | None:
    """The correlation id of the work under way, if any."""
    return _bound.get()


@contextmanager
def correlation(value: str | None) -> Iterator[None]:
    """Bind ``value`` (None: none) as the correlation id while the block runs."""
    if value is not None and not valid_correlation_id(value):
        raise ValueError(f"not a correlation id: {value!r}")
    token = _bound.set(value)
    try:
        yield
    finally:
        _bound.reset(token)


def with_correlation(attributes: Mapping[str, Value]) -> dict[str, Value | str]:
    """``attributes`` of an item or a message, with the bound correlation id if there is one."""
    value = _bound.get()
    if value is None:
        return dict(attributes)
    return {**attributes, CORRELATION_ATTRIBUTE: value}


@dataclass(frozen=True)
class Measure:
    """One count of a product metric: ``name`` by ``dimensions`` (few values each: a
    dimension with many, such as an id, would make a CloudWatch metric of each value)."""

    name: str
    value: int = 1
    dimensions: Mapping[str, str] = field(default_factory=dict)


class Metrics(Protocol):
    """Where the product's metrics go: CloudWatch's embedded metric format in the log."""

    def count(self, measure: Measure) -> None:
        """Record one measure now, with the bound correlation id beside it."""
        ...
