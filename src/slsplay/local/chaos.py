"""``slsplay serve --chaos``: the at-least-once delivery AWS promises, made to happen often.

SQS, DynamoDB Streams and EventBridge all deliver at least once: a message can come twice,
out of order; a batch whose answer was lost is delivered again; a schedule can fire twice.
In the cloud this is rare enough to slip past every test and common enough to double an
email in production. With chaos on, the pumps make it common:

- a queue message, once handled and deleted, is delivered again (same message id, body and
  receipt, one more receive) in a later batch, and batches are shuffled: out of order;
- a stream batch, once delivered and checkpointed, is delivered again;
- an invocation's successful answer is lost now and then: the pump takes it for a failure,
  so the batch comes again (a queue's at once, not after its visibility timeout, to keep
  runs short; a stream's as a retry);
- a scheduled job fires twice for the same time.

The rates are high on purpose (each happens many times in one run of the integration suite),
and the random choices come from one seeded generator: the seed is logged, and
``--chaos-seed`` replays a run's choices as far as thread timing allows.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

logger = logging.getLogger("slsplay.local")

Item = TypeVar("Item")

DUPLICATE_RATE = 0.3
LOST_ANSWER_RATE = 0.1


@dataclass
class Chaos:
    """The random choices of one run: what to deliver twice, which answers to lose."""

    seed: int = field(default_factory=lambda: random.SystemRandom().randrange(2**32))
    duplicate_rate: float = DUPLICATE_RATE
    lost_answer_rate: float = LOST_ANSWER_RATE
    _random: random.Random = field(init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)  # noqa: S311  (chaos, not secrets)
        logger.warning(
            "chaos: deliveries twice (%.0f%%), lost answers (%.0f%%), batches out of order;"
            " seed %d",
            self.duplicate_rate * 100,
            self.lost_answer_rate * 100,
            self.seed,
        )

    def again(self) -> bool:
        """Whether something delivered is delivered once more."""
        with self._lock:
            return self._random.random() < self.duplicate_rate

    def lose_answer(self) -> bool:
        """Whether a function's successful answer is lost on its way back."""
        with self._lock:
            return self._random.random() < self.lost_answer_rate

    def shuffled(self, items: Sequence[Item]) -> list[Item]:
        """``items`` in another order."""
        shuffled = list(items)
        with self._lock:
            self._random.shuffle(shuffled)
        return shuffled
