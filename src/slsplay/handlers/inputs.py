"""Reading what a request sends, REST and GraphQL alike, so that no input can crash a
function: JSON nested at most ``MAX_DEPTH`` levels (else 400), and every string in it, and in
the path and query parameters, text the product takes (``domain/text.py``; else 422 naming
each field at fault).

Checking costs a pass over the parsed body only when the raw text could hold what is refused
(an escape, a C1 or DEL character, more brackets than the depth allows): a plain body is read
at the speed of ``json.loads``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from slsplay.domain.errors import FieldError, InvalidInput, Unreadable
from slsplay.domain.text import text_problem

# How deep a request's JSON may nest (the product's deepest input has 4 levels).
MAX_DEPTH = 32
# A request with many bad strings is told about the first ones.
MAX_REPORTED = 20
# What a string in JSON text needs to hold a character ``text_problem`` refuses: an escape
# (``\u0000``, ``\ud800``) or a raw C1 or DEL character (JSON refuses raw C0 ones itself).
_MAY_HOLD_REFUSED = re.compile(r"\\u|[\x7f-\x9f]")


def read_json(text: str, field: str = "") -> Any:
    """The JSON ``text`` (a body, a parameter named ``field``) as Python values; ``Unreadable``
    when it nests too deeply, ``InvalidInput`` naming the strings that are not text.
    Malformed JSON raises ``json.JSONDecodeError`` as ``json.loads`` does."""
    try:
        value = json.loads(text)
    except RecursionError as e:  # far past MAX_DEPTH: the parser's own stack ran out
        raise _too_deep() from e
    if text.count("[") + text.count("{") > MAX_DEPTH or _MAY_HOLD_REFUSED.search(text):
        errors = text_errors(value, field)
        if errors:
            raise InvalidInput(errors)
    return value


def text_errors(value: Any, field: str = "") -> list[FieldError]:
    """The strings (keys too) in a JSON ``value`` that are not text, each by its field's path
    (``invitees[2].name``); ``Unreadable`` past ``MAX_DEPTH`` levels."""
    errors: list[FieldError] = []
    for path, text in _strings(value, field):
        problem = text_problem(text)
        if problem is not None:
            errors.append(FieldError(path or "body", problem))
            if len(errors) == MAX_REPORTED:
                break
    return errors


def parameter_errors(parameters: Mapping[str, str] | None) -> list[FieldError]:
    """The path or query parameters whose value (or name) is not text, by name."""
    return [
        FieldError(name, problem)
        for name, value in (parameters or {}).items()
        if (problem := text_problem(f"{name}{value}")) is not None
    ]


def _strings(value: Any, field: str) -> Iterator[tuple[str, str]]:
    # A stack, not recursion: what limits the depth must not itself run out of stack.
    pending: list[tuple[Any, str, int]] = [(value, field, 0)]
    while pending:
        current, path, depth = pending.pop()
        if isinstance(current, str):
            yield path, current
        elif isinstance(current, dict | list):
            if depth == MAX_DEPTH:
                raise _too_deep()
            children = (
                [(item, f"{path}[{index}]") for index, item in enumerate(current)]
                if isinstance(current, list)
                else [(item, f"{path}.{key}" if path else key) for key, item in current.items()]
            )
            if isinstance(current, dict):
                yield from ((path, key) for key in current)
            # Reversed onto the stack: the fields come out in the order they were sent.
            pending.extend((item, at, depth + 1) for item, at in reversed(children))


def _too_deep() -> Unreadable:
    return Unreadable("nesting_too_deep", f"The JSON is nested more than {MAX_DEPTH} levels deep.")
