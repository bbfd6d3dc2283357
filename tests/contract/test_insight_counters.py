"""The insights' counters on every store: each fact counted once, whatever the number of its
deliveries and their order, and read back in one Query."""

from __future__ import annotations

import random
from datetime import timedelta

from slsplay.domain import analytics
from slsplay.domain.events import ActivityNoted
from slsplay.ports import ItemStore
from slsplay.store.insight_counters import InsightCounters, partition
from slsplay.store.mail_markers import MailMarkerRepository, meetup_mail_key
from tests.support.clock import START


def fact(n: int, kind: str, minutes: int = 0, **fields: object) -> ActivityNoted:
    return ActivityNoted(
        f"f{n}",
        kind,
        START + timedelta(minutes=minutes),
        "m1",
        email=f"g{n}@example.com",
        **fields,  # type: ignore[arg-type]
    )


FACTS = [
    fact(1, analytics.INVITATION_CREATED),
    fact(2, analytics.INVITATION_CREATED),
    fact(3, analytics.JOINED_FROM_SEARCH, detail="search"),
    fact(4, analytics.EMAIL_SENT, detail="invitation"),
    fact(5, analytics.EMAIL_SENT, detail="change-e1"),  # not an invitation: not "emailed"
    fact(6, analytics.INVITATION_OPENED),
    fact(7, analytics.ANSWERED, 5, detail="declined", first=True),
    fact(8, analytics.ANSWERED, 70, detail="attending", previous="declined"),
    fact(9, analytics.ANSWERED, 71, detail="waiting", first=True),
    fact(10, analytics.TICKET_SOLD, amount_minor=2500, currency="EUR"),
    fact(11, analytics.TICKET_SOLD, amount_minor=2500, currency="EUR"),
    fact(12, analytics.TICKET_REFUNDED, amount_minor=2500, currency="EUR"),
]


def test_facts_delivered_twice_and_out_of_order_count_once(store: ItemStore) -> None:
    counters = InsightCounters(store)
    deliveries = FACTS * 2
    random.Random(7).shuffle(deliveries)

    counted = [counters.count(f, START) for f in deliveries]

    assert counted.count(True) == len(FACTS)
    shown = counters.of_meetup("m1")
    assert shown.funnel == {
        "invited": 3,
        "emailed": 1,
        "opened": 1,
        "answered": 2,
        "attending": 1,
        "declined": 0,
        "waiting": 1,
        "joined": 0,
    }
    assert shown.answers_by_hour == [
        ("2030-03-04T09:00:00Z", {"attending": 0, "declined": 1, "waiting": 0}),
        ("2030-03-04T10:00:00Z", {"attending": 1, "declined": 0, "waiting": 1}),
    ]
    assert shown.revenue_by_day == [("2030-03-04", "EUR", 1, 2500)]


def test_a_reminder_counts_its_first_send_and_what_followed_it_in_any_order(
    store: ItemStore,
) -> None:
    markers = MailMarkerRepository(store)
    counters = InsightCounters(store)
    ann, ben = "g1@example.com", "g2@example.com"
    for email, minutes in ((ann, 10), (ben, 12)):
        key = meetup_mail_key("m1", "reminder-24h", email)
        markers.claim(key, START)
        markers.confirm(key, START + timedelta(minutes=minutes))
    sent = [
        ActivityNoted(
            "s1",
            analytics.REMINDER_SENT,
            START + timedelta(minutes=10),
            "m1",
            email=ann,
            detail="24",
        ),
        ActivityNoted(
            "s2",
            analytics.REMINDER_SENT,
            START + timedelta(minutes=12),
            "m1",
            email=ben,
            detail="24",
        ),
    ]
    joins = [
        ActivityNoted("j1", analytics.JOIN_OPENED, START + timedelta(minutes=11), "m1", email=ann),
        # before their own reminder: it did not follow it
        ActivityNoted("j2", analytics.JOIN_OPENED, START + timedelta(minutes=11), "m1", email=ben),
    ]

    for f in reversed(sent):
        counters.count(f, START)
    assert counters.count_many([*joins, *joins], START) == 2  # a batch with each one twice
    for f in [*sent, *joins]:
        assert not counters.count(f, START)

    (reminder,) = counters.of_meetup("m1").reminders
    assert (reminder.lead_hours, reminder.sent_at) == (24, START + timedelta(minutes=10))
    assert (reminder.sent, reminder.answered_after, reminder.joined_after) == (2, 0, 1)


def test_the_insights_are_one_partition_of_their_own(store: ItemStore) -> None:
    counters = InsightCounters(store)
    for f in FACTS:
        counters.count(f, START)

    items = store.query(partition("m1"), limit=1000).items
    assert {item["type"] for item in items} == {"analytics_counter"}
    assert len(items) == 4  # the funnel, two hours, one day
