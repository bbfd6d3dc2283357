"""What the pump tests share: the pumps of ``pumps-template.yaml`` and a clock moved by hand."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from slsplay.bootstrap import RuntimeParts, runtime_backend
from slsplay.config import Settings
from slsplay.local.apigateway import ApiGateway
from slsplay.local.chaos import Chaos
from slsplay.local.pumps import Pumps

PUMPS_TEMPLATE = Path(__file__).parent / "pumps-template.yaml"


class FakeClock:
    """A clock that moves only when a test says so."""

    def __init__(self, at: datetime = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)) -> None:
        self.at = at

    def now(self) -> datetime:
        """The instant the test set."""
        return self.at

    def advance(self, **delta: float) -> None:
        """Move on by a ``timedelta``'s worth."""
        self.at += timedelta(**delta)


def local_backend(data_dir: Path, clock: FakeClock | None = None) -> RuntimeParts:
    """The local backend over ``data_dir``, as ``slsplay serve`` hands it to its pumps."""
    return runtime_backend(Settings(backend="local", data_dir=data_dir), clock)


def template_variant(directory: Path, old: str, new: str) -> Path:
    """The fixture template with ``old`` replaced by ``new``, written into ``directory``."""
    text = PUMPS_TEMPLATE.read_text()
    assert old in text, f"{old!r} is not in the fixture template"
    root = PUMPS_TEMPLATE.parents[2]  # what the fixture's relative CodeUri names
    text = text.replace(old, new).replace("CodeUri: ../../", f"CodeUri: {root}")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "template.yaml"
    path.write_text(text)
    return path


@contextmanager
def open_pumps(
    data_dir: Path, clock: FakeClock, template: Path = PUMPS_TEMPLATE, chaos: Chaos | None = None
) -> Iterator[Pumps]:
    """A template's pumps over ``data_dir``, functions ready to run; closed after."""
    # The functions in threads of this process: pump_functions records what they receive.
    with ApiGateway.from_template(
        template, public_url="http://127.0.0.1:9", data_dir=data_dir, in_process=True
    ) as gateway:
        backend = local_backend(data_dir, clock)
        pumps = Pumps(gateway.stack, gateway.functions, backend=backend, chaos=chaos)
        try:
            yield pumps
        finally:
            pumps.close()


def drain(pumps: Pumps, limit: int = 100) -> None:
    """Step every pump, and wait for the scheduled runs, until none has anything left to do."""
    for _ in range(limit):
        worked = pumps.pump_once()
        if pumps.schedules:
            assert pumps.scheduler.wait(timeout=10), "a scheduled run did not end"
        if not worked:
            return
    raise AssertionError(f"the pumps were still busy after {limit} steps")
