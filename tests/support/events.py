"""Comparing events the runtime makes with the samples AWS documents."""

from __future__ import annotations

from typing import Any


def shape(value: Any) -> Any:
    """Keys and value types, without the values (a list by its first item)."""
    if isinstance(value, dict):
        return {key: shape(v) for key, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__
