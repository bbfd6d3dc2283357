"""Modules a handler names at import but loads on first use, to keep a cold start's import
short (tests/unit/test_import_time.py budgets it): what only some routes or messages need,
and pydantic, which the resolver needs on the first request anyway.

``models``, ``Header`` and ``Query`` stand in for the API's models and Powertools' parameter
markers: routes name them in their annotations, which the resolver reads on a route's first
request, and presenters build models from the first answer on. Importing them loads no
pydantic (some 100 ms of CPU with the models).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

__all__ = ["Header", "LazyModule", "Query", "lazy_callable", "models"]


class LazyModule:
    """The module ``name``, imported the first time one of its attributes is read (by code, or
    by the resolver evaluating a route's annotations such as ``models.MeetupOut``).

    Bound where a module-level import would be, with the import itself under
    ``TYPE_CHECKING`` for type checkers. Each attribute is looked up in the module once, then
    kept here: reading it again costs what reading a module's attribute does (answers build
    models on every request).
    """

    def __init__(self, name: str) -> None:
        self.__module = name

    def __getattr__(self, attribute: str) -> Any:
        # Only for attributes not kept yet. import_module holds the import system's lock for
        # the module: threads that reach it at once load it once, and none sees it half-run.
        value = getattr(importlib.import_module(self.__module), attribute)
        setattr(self, attribute, value)
        return value

    def __repr__(self) -> str:
        return f"<module {self.__module!r}, imported on first use>"


def lazy_callable(module: str, name: str) -> Callable[..., Any]:
    """``module.name`` called through, imported on its first call."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    return call


if TYPE_CHECKING:
    from aws_lambda_powertools.event_handler.openapi.params import Header, Query

    from slsplay.handlers import models
else:
    _PARAMS = "aws_lambda_powertools.event_handler.openapi.params"
    models = LazyModule("slsplay.handlers.models")
    Header = lazy_callable(_PARAMS, "Header")
    Query = lazy_callable(_PARAMS, "Query")
