"""The template's ``Schedule``/``ScheduleV2`` events, fired as EventBridge fires them.

See ``schedules.py`` for the expressions supported; each run is a thread of its own, so a
slow job never delays another.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slsplay.local.backend import Checkpoints
from slsplay.local.chaos import Chaos
from slsplay.local.delivery import Outcome, iso_time
from slsplay.local.environments import InvocationError
from slsplay.local.functions import LambdaFunction
from slsplay.local.schedules import Schedule, scheduled_event
from slsplay.ports import Clock

logger = logging.getLogger("slsplay.local")


@dataclass(frozen=True)
class ScheduledTarget:
    """A function's ``Schedule``/``ScheduleV2`` event."""

    function: LambdaFunction
    event_name: str
    schedule: Schedule
    rule_arn: str
    input: Any = None  # the template's Input, sent instead of the Scheduled Event

    @property
    def key(self) -> str:
        """Its name among the checkpoints."""
        return f"schedule/{self.function.config.logical_id}.{self.event_name}"


class Scheduler:
    """Fires every schedule of the template at its times, by the injected clock.

    Each firing runs in a thread of its own, as each EventBridge firing is an invocation of
    its own: a slow job never delays another schedule, and a run that outlasts its period
    overlaps the next run of the same job, as on Lambda (jobs are idempotent for that
    reason). Overlaps stay few: every run ends within its function's ``Timeout``.

    Each schedule's next due time is a checkpoint, moved past a time once the run for it has
    ended: after a restart a time that passed while the runtime was down, or whose run the
    stop cut short, fires once, late, then the schedule goes on from now (EventBridge never
    misses a time; it is never down). A job's failure is logged and not retried.
    """

    name = "scheduler"

    def __init__(
        self,
        targets: Sequence[ScheduledTarget],
        *,
        checkpoints: Checkpoints,
        clock: Clock,
        account_id: str,
        region: str,
        chaos: Chaos | None = None,
    ) -> None:
        self.targets = list(targets)
        self.chaos = chaos
        self.checkpoints = checkpoints
        self.clock = clock
        self.account_id = account_id
        self.region = region
        self._due: dict[str, tuple[datetime, datetime]] = {}  # key: (due, anchor)
        self._running: dict[threading.Thread, tuple[ScheduledTarget, datetime]] = {}
        self._lock = threading.Lock()  # over _due, _running and the checkpoints they save
        now = clock.now()
        for target in self.targets:
            saved = checkpoints.get(target.key)
            state = json.loads(saved) if saved else {}
            if state.get("expression") == target.schedule.expression:
                due = datetime.fromisoformat(state["due"])
                anchor = datetime.fromisoformat(state["anchor"])
            else:
                anchor = now
                due = target.schedule.next_after(now, anchor)
                self._save(target, due, anchor)
            self._due[target.key] = (due, anchor)

    def due(self, target: ScheduledTarget) -> datetime:
        """When ``target`` fires next."""
        return self._due[target.key][0]

    def idle_wait(self) -> float:
        """Until the next due time, at most a second (the clock may be a test's)."""
        soonest = min((due for due, _ in self._due.values()), default=None)
        if soonest is None:
            return 1.0
        return min(1.0, max(0.01, (soonest - self.clock.now()).total_seconds()))

    def quiet(self) -> bool:
        """Whether no scheduled run is under way."""
        with self._lock:
            return not self._running

    def pump_once(self) -> Outcome:
        """Start a run of every schedule that is due, once each; never waits for one."""
        fired = False
        for target in self.targets:
            with self._lock:
                due, anchor = self._due[target.key]
                now = self.clock.now()
                if due > now:
                    continue
                following = target.schedule.next_after(max(due, now), anchor)
                self._due[target.key] = (following, anchor)
                # With chaos, EventBridge's at-least-once: the same time fired twice.
                twice = self.chaos is not None and self.chaos.again()
                runs = [
                    threading.Thread(
                        target=self._run,
                        args=(target, due),
                        name=f"job-{target.function.name}",
                        daemon=True,  # as the functions' own threads: a stuck job cannot hang exit
                    )
                    for _ in range(2 if twice else 1)
                ]
                for run in runs:
                    self._running[run] = (target, due)
            for run in runs:
                run.start()
            fired = True
        return Outcome.WORKED if fired else Outcome.IDLE

    def wait(self, timeout: float | None = None) -> bool:
        """Wait up to ``timeout`` seconds for the runs started so far; True if all ended."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._lock:
                runs = list(self._running)
            if not runs:
                return True
            for run in runs:
                run.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
                if run.is_alive():
                    return False

    def fire(self, target: ScheduledTarget, at: datetime) -> str:
        """Invoke ``target``'s function with the event of its schedule for ``at``."""
        event = target.input
        if event is None:
            event = scheduled_event(
                rule_arn=target.rule_arn, at=at, account_id=self.account_id, region=self.region
            )
        logger.info("%s: scheduled run for %s", target.function.name, iso_time(at))
        return target.function.invoke(event)

    def _run(self, target: ScheduledTarget, due: datetime) -> None:
        """One firing, in its own thread; then the schedule's checkpoint moves on."""
        try:
            self.fire(target, due)
        except InvocationError:
            logger.error("%s: the scheduled run at %s failed", target.function.name, iso_time(due))
        except Exception:
            logger.exception(
                "%s: the scheduled run at %s failed", target.function.name, iso_time(due)
            )
        finally:
            with self._lock:
                del self._running[threading.current_thread()]
                # Not past a time whose run (of the same schedule) is still going.
                pending = [at for t, at in self._running.values() if t.key == target.key]
                following, anchor = self._due[target.key]
                try:
                    self._save(target, min([*pending, following]), anchor)
                except Exception:  # closed by a stop that gave up waiting: fired again later
                    logger.exception("%s: the schedule's place was not saved", target.key)

    def _save(self, target: ScheduledTarget, due: datetime, anchor: datetime) -> None:
        state = {"expression": target.schedule.expression, "due": due.isoformat()}
        self.checkpoints.put(target.key, json.dumps(state | {"anchor": anchor.isoformat()}))
