"""What a use case is given: every one takes its ports as one bundle, first, named ``ports``.

Every bundle holds the table and the time (``StorePorts``). A family of use cases that
needs more has a bundle of its own that adds it: ``MediaPorts`` and ``SearchPorts``, which
the composition root's container satisfies as it is (a handler hands on ``container()``);
``MailPorts``, ``PaymentPorts`` and ``AuthPorts``, which carry settings too and are built
once per function by ``handlers/context.py``; ``ReactionPorts`` for the notifier. A test
of the architecture fails on a use case that takes a port on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from slsplay.ports import Clock, ItemStore


class StorePorts(Protocol):
    """The table and the time: what every use case is given."""

    @property
    def store(self) -> ItemStore:
        """The one table."""
        ...

    @property
    def clock(self) -> Clock:
        """What time it is."""
        ...


@dataclass(frozen=True)
class StoreAndClock:
    """The two, held together by a caller that has them apart (a command, a test)."""

    store: ItemStore
    clock: Clock
