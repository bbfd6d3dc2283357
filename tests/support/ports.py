"""The bundle of ports a test hands a use case that needs more than the table and the time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slsplay.ports import Clock, ItemStore


@dataclass(frozen=True)
class GivenPorts:
    """What the container holds, for a test: the table, the time and the others it sets."""

    store: ItemStore
    clock: Clock
    media: Any = None
    media_processor: Any = None
    search: Any = None
