"""The event-driven tier's delivery promises, on template.yaml's own wiring, in process.

The pumps run step by step on a clock the test moves, so a visibility timeout passes at
once; the real stream and notifier functions send to a real SMTP server that the test tells
when to refuse mail.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from slsplay import cli
from slsplay.domain.users import User
from slsplay.handlers.context import container, forget
from slsplay.local.apigateway import ApiGateway
from slsplay.local.pumps import Pumps
from slsplay.local.template import DEFAULT_TEMPLATE
from slsplay.ports import ItemStore
from slsplay.services import meetups
from slsplay.services.bundles import StoreAndClock
from slsplay.store.repositories import UserRepository
from tests.local.pump_support import FakeClock, drain, local_backend
from tests.support.meetups import signed_up
from tests.support.smtp import Inbox, smtp_server

VISIBILITY = timedelta(seconds=61)  # past the notifier queue's VisibilityTimeout (60 s)
TEMPORARY = "451 4.3.0 Mailbox busy, try again later"
PERMANENT = "550 5.7.1 Relaying denied"


@dataclass
class Runtime:
    pumps: Pumps
    clock: FakeClock
    inbox: Inbox
    store: ItemStore
    data_dir: Path

    def retry_after_visibility_timeout(self) -> None:
        self.clock.advance(seconds=VISIBILITY.total_seconds())
        drain(self.pumps)

    def waiting(self, queue: str) -> int:
        return self.pumps.queue(queue).approximate_count()


def _clear_caches() -> None:
    forget()


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    data_dir = tmp_path / "data"
    with smtp_server() as (port, inbox):
        monkeypatch.setenv("SLSPLAY_SMTP_URL", f"smtp://127.0.0.1:{port}")
        # The test's own adapters on the data the functions' processes use.
        monkeypatch.setenv("SLSPLAY_BACKEND", "local")
        monkeypatch.setenv("SLSPLAY_DATA_DIR", str(data_dir))
        _clear_caches()
        # Ahead of real time: what the functions queue (stamped by the system clock) is due.
        clock = FakeClock(datetime.now(UTC) + timedelta(hours=1))
        with ApiGateway.from_template(
            DEFAULT_TEMPLATE, public_url="http://127.0.0.1:9", data_dir=data_dir
        ) as gateway:
            pumps = Pumps(gateway.stack, gateway.functions, backend=local_backend(data_dir, clock))
            try:
                yield Runtime(pumps, clock, inbox, container().store, data_dir)
            finally:
                pumps.close()
                container().store.close()
                _clear_caches()


def published_meetup(runtime: Runtime, invitees: list[str]) -> str:
    """A meetup planned and its invitees invited (their events handled), then published."""
    store, now = runtime.store, datetime.now(UTC)
    UserRepository(store).add(
        User.register(user_id="org", email="ada@example.com", name="Ada", now=now)
    )
    details = {
        "title": "Cellar tasting",
        "starts_at": now + timedelta(days=3),
        "timezone": "Europe/Paris",
        "duration_minutes": 90,
        "join_url": "https://meet.example.com/cellar",
    }
    clock = container().clock
    meetup_id = meetups.plan_meetup(StoreAndClock(store, clock), "org", details).meetup.id
    meetups.invite_people(
        StoreAndClock(store, clock), "org", meetup_id, [{"email": e} for e in invitees]
    )
    drain(runtime.pumps)
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, "org"), meetup_id)
    drain(runtime.pumps)
    return meetup_id


def test_a_mail_server_refusing_twice_then_accepting_delivers_exactly_one_invitation(
    runtime: Runtime,
) -> None:
    runtime.inbox.refuse = lambda recipients: TEMPORARY if runtime.inbox.refused < 2 else None
    published_meetup(runtime, ["ann@example.com"])

    assert (runtime.inbox.refused, runtime.inbox.messages) == (1, [])
    runtime.retry_after_visibility_timeout()
    assert (runtime.inbox.refused, runtime.inbox.messages) == (2, [])
    runtime.retry_after_visibility_timeout()
    runtime.retry_after_visibility_timeout()  # nothing is left to send again

    [invitation] = runtime.inbox.parsed()
    assert invitation["To"] == "ann@example.com"
    assert invitation["Subject"] == "Ada invited you: Cellar tasting"
    assert runtime.waiting("NotifierQueue") == runtime.waiting("NotifierDeadLetterQueue") == 0


def test_a_message_failing_five_times_goes_to_the_dead_letter_queue_and_a_replay_delivers_it(
    runtime: Runtime, capsys: pytest.CaptureFixture[str]
) -> None:
    runtime.inbox.refuse = lambda recipients: PERMANENT
    published_meetup(runtime, ["ann@example.com", "bob@example.com"])
    for _ in range(5):  # receives 2 to 5, then the sixth moves each to the dead-letter queue
        runtime.retry_after_visibility_timeout()

    assert runtime.inbox.refused == 2 * 5
    assert runtime.waiting("NotifierQueue") == 0
    # Both invitations in one message: a published meetup's invitees are queued in groups.
    assert runtime.waiting("NotifierDeadLetterQueue") == 1

    runtime.inbox.refuse = lambda recipients: None  # the mail server is mended
    replayed = cli.main(["--data-dir", str(runtime.data_dir), "dlq", "replay", "NotifierQueue"])
    assert replayed == 0
    assert "1 messages moved back" in capsys.readouterr().out
    drain(runtime.pumps)

    assert sorted(m["To"] for m in runtime.inbox.parsed()) == ["ann@example.com", "bob@example.com"]
    assert runtime.waiting("NotifierQueue") == runtime.waiting("NotifierDeadLetterQueue") == 0
