"""Lambda's event filtering: which records an event source mapping's ``FilterCriteria`` lets by.

In the cloud a mapping with filters invokes its function only with the records that match
one of them; the others are dropped (a queue's messages deleted, a stream's passed over). So
that the local pumps drop exactly what Lambda would, this module is the grammar Lambda
documents for SQS and DynamoDB Streams records
(https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html), a subset of
EventBridge's event patterns:

- a record passes when any filter matches; within a pattern every key must match, a nested
  object descends into the record, and a list holds matchers of which any may match;
- ``"$or": [pattern, ...]`` at any level: any one of the patterns, each read at that level;
- matchers: exact strings, numbers, booleans and ``null``; ``{"exists": bool}``,
  ``{"prefix": s}``, ``{"suffix": s}``, ``{"equals-ignore-case": s}``, ``{"anything-but":
  value or [values]}`` and ``{"numeric": [op, n]}`` or ``[">", a, "<=", b]``.

What the docs leave out is refused, not guessed: ``anything-but`` with a prefix, suffix or
wildcard, ``wildcard`` and ``cidr`` are EventBridge's but not in Lambda's table.

Matching follows EventBridge where Lambda's page defers to it: a field that holds a list
matches when any element does; a field that holds an object is no leaf, so a list of
matchers never matches it (except ``{"exists": false}``); a missing field fails every matcher
but ``{"exists": false}``. Exact numbers compare as written (Lambda's note: 300, 300.0 and
3.0e2 are not equal), ``numeric`` compares values and matches numbers only: a DynamoDB
``N`` is a string in a stream record, so ``numeric`` never matches it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# Lambda's default quota of filters per event source mapping (an increase allows up to 10).
MAX_FILTERS = 5
MAX_PATTERN_LENGTH = 4096  # the API's limit on one Filter's Pattern
LOWER_BOUNDS = (">", ">=")
UPPER_BOUNDS = ("<", "<=")
COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "=": lambda value, bound: value == bound,
    "<": lambda value, bound: value < bound,
    "<=": lambda value, bound: value <= bound,
    ">": lambda value, bound: value > bound,
    ">=": lambda value, bound: value >= bound,
}
OPERATORS = ("exists", "prefix", "suffix", "equals-ignore-case", "anything-but", "numeric")
OR = "$or"


class FilterError(ValueError):
    """A pattern Lambda would refuse at deploy, or one outside the grammar it documents."""


class _WrittenNumber(float):
    """A JSON number as written: an exact match compares its text, ``numeric`` its value."""

    text: str

    def __new__(cls, text: str) -> _WrittenNumber:
        number = super().__new__(cls, text)
        number.text = text
        return number

    def __repr__(self) -> str:
        return self.text


def _loads(text: str) -> Any:
    """JSON text as data, its numbers as written."""
    return json.loads(text, parse_int=_WrittenNumber, parse_float=_WrittenNumber)


@dataclass(frozen=True)
class EventFilter:
    """An event source mapping's filters, parsed and checked: whether a record gets through."""

    patterns: tuple[dict[str, Any], ...]

    @classmethod
    def from_criteria(cls, criteria: Mapping[str, Any] | None) -> EventFilter | None:
        """The filter of a ``FilterCriteria`` property, or None when it has no ``Filters``."""
        if not criteria:
            return None
        if not isinstance(criteria, Mapping):
            raise FilterError("FilterCriteria must be an object with a list of Filters")
        filters = criteria.get("Filters")
        if not filters:
            return None
        if not isinstance(filters, list):
            raise FilterError("FilterCriteria.Filters must be a list of {Pattern: ...}")
        if len(filters) > MAX_FILTERS:
            raise FilterError(
                f"{len(filters)} filters: Lambda takes {MAX_FILTERS} per event source mapping"
                " by default (up to 10 with a quota increase)"
            )
        return cls(tuple(_parse(number, entry) for number, entry in enumerate(filters, 1)))

    def matches_stream_record(self, record: Mapping[str, Any]) -> bool:
        """Whether a DynamoDB Streams record, as the Lambda event carries it, gets through."""
        return any(_matches_object(pattern, record) for pattern in self.patterns)

    def matches_sqs_message(self, message: Mapping[str, Any]) -> bool:
        """Whether an SQS record, as the Lambda event carries it, gets through.

        A body that is a JSON object is matched as that object, by a pattern whose ``body``
        is an object; any other body is plain text, matched as one string by a list. Where
        the two disagree Lambda drops the message, whatever the matchers.
        """
        body = message.get("body")
        document = _json_object(body) if isinstance(body, str) else None
        return any(_matches_message(pattern, message, document) for pattern in self.patterns)


# -- checking a pattern ---------------------------------------------------------------------


def _parse(number: int, entry: Any) -> dict[str, Any]:
    where = f"filter {number}"
    if not isinstance(entry, Mapping) or not isinstance(entry.get("Pattern"), str):
        raise FilterError(f"{where}: each filter is {{Pattern: '<JSON text>'}}")
    text = entry["Pattern"]
    if len(text) > MAX_PATTERN_LENGTH:
        raise FilterError(f"{where}: a pattern is at most {MAX_PATTERN_LENGTH} characters")
    try:
        pattern = _loads(text)
    except json.JSONDecodeError as e:
        raise FilterError(f"{where}: the pattern is not JSON ({e})") from e
    if not isinstance(pattern, dict):
        raise FilterError(f"{where}: a pattern is a JSON object of fields, not {text!r}")
    _check_object(pattern, where)
    return pattern


def _check_object(pattern: Any, where: str) -> None:
    if not isinstance(pattern, dict):
        raise FilterError(f"{where}: a pattern is a JSON object of fields")
    if not pattern:
        raise FilterError(f"{where}: an empty object (EventBridge's grammar refuses it)")
    for key, value in pattern.items():
        path = f"{where}, {key}"
        if key == OR:
            if not isinstance(value, list) or not value:
                raise FilterError(f"{path}: $or takes a list of patterns")
            for alternative in value:
                _check_object(alternative, path)
        elif isinstance(value, dict):
            _check_object(value, path)
        elif isinstance(value, list):
            _check_matchers(value, path)
        else:
            raise FilterError(f"{path}: a field's matchers go in a list, as in [{value!r}]")


def _check_matchers(matchers: list[Any], where: str) -> None:
    if not matchers:
        raise FilterError(f"{where}: an empty list of matchers (EventBridge's grammar refuses it)")
    for matcher in matchers:
        if isinstance(matcher, dict):
            _check_operator(matcher, where)
        elif not _is_scalar(matcher):
            raise FilterError(f"{where}: {matcher!r} is neither a value nor a matcher")


def _check_operator(matcher: dict[str, Any], where: str) -> None:
    if len(matcher) != 1:
        raise FilterError(f"{where}: a matcher has one operator, not {sorted(matcher)}")
    ((operator, argument),) = matcher.items()
    if operator not in OPERATORS:
        raise FilterError(
            f"{where}: {operator!r} is not an operator of Lambda's filters"
            f" (they are {', '.join(OPERATORS)})"
        )
    if operator == "exists" and not isinstance(argument, bool):
        raise FilterError(f"{where}: exists takes true or false")
    if operator in ("prefix", "suffix", "equals-ignore-case") and not isinstance(argument, str):
        raise FilterError(f"{where}: {operator} takes a string")
    if operator == "anything-but":
        _check_anything_but(argument, where)
    if operator == "numeric":
        _check_numeric(argument, where)


def _check_anything_but(argument: Any, where: str) -> None:
    if isinstance(argument, dict):
        raise FilterError(
            f"{where}: anything-but with {', '.join(argument)} is EventBridge's;"
            " Lambda documents anything-but with values only"
        )
    values = argument if isinstance(argument, list) else [argument]
    if not values or not all(isinstance(v, str) or _is_number(v) for v in values):
        raise FilterError(f"{where}: anything-but takes a string, a number, or a list of them")


def _check_numeric(argument: Any, where: str) -> None:
    shapes = "['=', 100], ['>', 0] or ['>', 0, '<=', 5]"
    if not isinstance(argument, list) or len(argument) not in (2, 4):
        raise FilterError(f"{where}: numeric takes {shapes}")
    operators, bounds = argument[0::2], argument[1::2]
    if not all(_is_number(bound) for bound in bounds):
        raise FilterError(f"{where}: numeric compares with numbers, not {bounds!r}")
    if len(argument) == 2:
        if operators[0] not in COMPARISONS:
            raise FilterError(f"{where}: {operators[0]!r} is not a numeric operator ({shapes})")
        return
    pairs = list(zip(operators, bounds, strict=True))
    lower = [bound for operator, bound in pairs if operator in LOWER_BOUNDS]
    upper = [bound for operator, bound in pairs if operator in UPPER_BOUNDS]
    if len(lower) != 1 or len(upper) != 1:
        raise FilterError(f"{where}: a numeric range is a lower bound and an upper one ({shapes})")
    if not lower[0] < upper[0]:
        raise FilterError(f"{where}: a numeric range's lower bound must be below its upper one")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | bool) or _is_number(value)


# -- matching -------------------------------------------------------------------------------


class _Missing:
    """A field the record does not have."""


MISSING = _Missing()


def _matches_object(pattern: dict[str, Any], record: Any) -> bool:
    """Whether every field of the pattern (and one of each ``$or``) matches the record."""
    for key, expected in pattern.items():
        if key == OR:
            matched = any(_matches_object(alternative, record) for alternative in expected)
        else:
            value = record.get(key, MISSING) if isinstance(record, Mapping) else MISSING
            matched = _matches_field(expected, value)
        if not matched:
            return False
    return True


def _matches_field(expected: dict[str, Any] | list[Any], value: Any) -> bool:
    if isinstance(expected, dict):
        # A list of objects matches when one element matches, all the pattern's fields in it.
        elements = value if isinstance(value, list) else [value]
        return any(_matches_object(expected, element) for element in elements)
    return _matches_leaf(expected, _leaf_values(value))


def _leaf_values(value: Any) -> list[Any]:
    """The values a list of matchers is tried on: none for a missing field or an object."""
    if isinstance(value, list):
        return [leaf for element in value for leaf in _leaf_values(element)]
    if value is MISSING or isinstance(value, Mapping):
        return []
    return [value]


def _matches_leaf(matchers: list[Any], values: list[Any]) -> bool:
    for matcher in matchers:
        if isinstance(matcher, dict) and "exists" in matcher:
            if matcher["exists"] == bool(values):
                return True
        elif any(_matches_value(matcher, value) for value in values):
            return True
    return False


def _matches_value(matcher: Any, value: Any) -> bool:
    if not isinstance(matcher, dict):
        return _equals_exactly(matcher, value)
    ((operator, argument),) = matcher.items()
    if operator == "numeric":
        return _is_number(value) and _in_range(argument, float(value))
    if operator == "anything-but":
        excluded = argument if isinstance(argument, list) else [argument]
        return not any(_equals_exactly(other, value) for other in excluded)
    if not isinstance(value, str):
        return False
    if operator == "prefix":
        return value.startswith(argument)
    if operator == "suffix":
        return value.endswith(argument)
    return value.casefold() == str(argument).casefold()  # equals-ignore-case


def _in_range(argument: list[Any], value: float) -> bool:
    operators, bounds = argument[0::2], argument[1::2]
    return all(
        COMPARISONS[operator](value, float(bound))
        for operator, bound in zip(operators, bounds, strict=True)
    )


def _equals_exactly(expected: Any, value: Any) -> bool:
    """An exact match: the same type, and for numbers the same text."""
    if expected is None or isinstance(expected, bool):
        return value is expected
    if isinstance(expected, str):
        return isinstance(value, str) and value == expected
    return _is_number(value) and _text(expected) == _text(value)


def _text(number: float) -> str:
    return number.text if isinstance(number, _WrittenNumber) else json.dumps(number)


# -- SQS bodies -------------------------------------------------------------------------------


def _json_object(body: str) -> dict[str, Any] | None:
    """The body as the JSON object it holds, or None when it is plain text."""
    try:
        document = _loads(body)
    except json.JSONDecodeError:
        return None
    return document if isinstance(document, dict) else None


def _matches_message(
    pattern: dict[str, Any], message: Mapping[str, Any], document: dict[str, Any] | None
) -> bool:
    """``_matches_object`` for an SQS record whose body holds ``document`` (None: plain text).

    A pattern whose ``body`` is an object reads a JSON body, a list of matchers a plain one;
    Lambda drops the message when the two disagree, whatever the matchers say.
    """
    if "body" in pattern:
        expected = pattern["body"]
        if isinstance(expected, dict) != (document is not None):
            return False
        body = message.get("body", MISSING) if document is None else document
        if not _matches_field(expected, body):
            return False
    if OR in pattern and not any(
        _matches_message(alternative, message, document) for alternative in pattern[OR]
    ):
        return False
    others = {key: expected for key, expected in pattern.items() if key not in ("body", OR)}
    return _matches_object(others, message)
