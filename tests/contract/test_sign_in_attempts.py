"""The budgets of sign-in attempts per address, on every store: never more attempts in a
window than allowed, however many requests ask at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from slsplay.ports import ItemStore, Key
from slsplay.store.attempts import AttemptBudget
from tests.support.clock import START

WINDOW = timedelta(minutes=15)
ADA = "ada@example.com"


def budget(store: ItemStore, kind: str = "password") -> AttemptBudget:
    return AttemptBudget(store, kind, allowed=5, window=WINDOW)


def test_an_address_has_its_attempts_and_then_waits_for_the_oldest_to_leave_the_window(
    store: ItemStore,
) -> None:
    checks = budget(store)
    for minute in range(5):
        assert checks.take(ADA, START + timedelta(minutes=minute)) is None

    assert checks.take(ADA, START + timedelta(minutes=6)) == timedelta(minutes=9)
    assert checks.take(ADA, START + timedelta(minutes=15)) is None  # the first one left
    assert checks.take(ADA, START + timedelta(minutes=15, seconds=30)) == timedelta(seconds=30)


def test_a_window_never_holds_more_than_the_allowed_attempts(store: ItemStore) -> None:
    # Five at 14 minutes past, then at 15 (a fixed window would start again there).
    checks = budget(store)
    assert checks.take(ADA, START) is None
    for _ in range(4):
        assert checks.take(ADA, START + timedelta(minutes=14)) is None

    assert checks.take(ADA, START + timedelta(minutes=15)) is None  # the one at 0 left
    assert checks.take(ADA, START + timedelta(minutes=15)) is not None


def test_of_many_attempts_at_once_only_the_allowed_ones_are_made(store: ItemStore) -> None:
    checks = budget(store)
    start = threading.Barrier(40)

    def attempt(_: int) -> bool:
        start.wait()
        return checks.take(ADA, START) is None

    with ThreadPoolExecutor(40) as pool:
        made = sum(pool.map(attempt, range(40)))

    assert made == 5


def test_a_reset_gives_the_address_its_attempts_back(store: ItemStore) -> None:
    checks = budget(store)
    for _ in range(5):
        checks.take(ADA, START)

    checks.reset(ADA)

    for _ in range(5):
        assert checks.take(ADA, START) is None
    assert checks.take(ADA, START) is not None


def test_addresses_and_kinds_of_attempt_have_budgets_of_their_own(store: ItemStore) -> None:
    for _ in range(5):
        budget(store).take(ADA, START)

    assert budget(store).take("bob@example.com", START) is None
    assert budget(store, "code").take(ADA, START) is None
    assert budget(store).take(ADA, START) is not None


def test_an_attempt_expired_and_swept_meanwhile_leaves_its_slot_free(store: ItemStore) -> None:
    checks = budget(store)
    for _ in range(5):
        checks.take(ADA, START)

    class SweptAfterReading:
        """The store, with every slot removed by its time to live right after the read."""

        def __getattr__(self, name: str) -> object:
            return getattr(store, name)

        def query(self, partition: str, **options: object) -> object:
            page = store.query(partition, **options)  # type: ignore[arg-type]
            for item in page.items:
                store.delete(Key(item["pk"], item["sk"]))
            return page

    swept = AttemptBudget(SweptAfterReading(), "password", 5, WINDOW)  # type: ignore[arg-type]
    assert swept.take(ADA, START + WINDOW) is None
