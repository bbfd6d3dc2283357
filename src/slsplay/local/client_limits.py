"""The local runtime's limit on requests per client: what the template's WAF rate-based rule
(``ClientRateLimits``) does in front of the deployed API.

With the template's ``ClientRateLimit`` parameter above 0, a client (an IP address) that has
made more than that many requests under ``/api/`` in the last 5 minutes is answered 429, with
the rule's problem document, until its rate falls again; 0 (the default) sets no limit, as
the template then has no rule. A test holds the window, the paths and the answer to the
template's rule.

Requests are counted per client in fixed windows, and the rate of the trailing 5 minutes is
estimated from the current window and the part of the previous one that it still overlaps:
a constant cost per request, whatever the rate.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from slsplay.local.template import Stack

PARAMETER = "ClientRateLimit"
WINDOW_SECONDS = 300
PATH_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 300
# The rule's answer, a problem document as the API's own refusals are.
REFUSAL = {
    "type": "urn:slsplay:problem:too_many_requests",
    "title": "Too Many Requests",
    "status": 429,
    "detail": "Too many requests from your address; try again in a few minutes.",
    "code": "too_many_requests",
}
# Past this many clients, those not seen for two windows are forgotten.
CLIENTS_KEPT = 4096


@dataclass
class _Count:
    window: int
    current: int
    previous: int


class ClientLimits:
    """At most ``limit`` requests under ``/api/`` per client in any 5 minutes."""

    def __init__(self, limit: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.clock = clock
        self._counts: dict[str, _Count] = {}

    @classmethod
    def from_stack(cls, stack: Stack) -> ClientLimits | None:
        """The limit the template's parameters set, or ``None`` when they set none."""
        limit = int(stack.parameters.get(PARAMETER, 0))
        return cls(limit) if limit > 0 else None

    def admits(self, client: str, path: str) -> bool:
        """Count a request of ``client``; whether it stays within the limit (every request
        counts, refused or not, as the rule counts them)."""
        if not path.startswith(PATH_PREFIX):
            return True
        now = self.clock()
        window, into = divmod(now, WINDOW_SECONDS)
        count = self._counts.get(client)
        if count is None:
            if len(self._counts) >= CLIENTS_KEPT:
                self._forget_before(int(window) - 1)
            count = self._counts[client] = _Count(int(window), 0, 0)
        elif count.window != window:
            count.previous = count.current if count.window == window - 1 else 0
            count.current = 0
            count.window = int(window)
        count.current += 1
        overlap = 1 - into / WINDOW_SECONDS
        return count.current + count.previous * overlap <= self.limit

    def _forget_before(self, window: int) -> None:
        for client in [c for c, count in self._counts.items() if count.window < window]:
            del self._counts[client]
