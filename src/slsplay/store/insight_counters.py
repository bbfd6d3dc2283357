"""An organizer's insights on the one table: per-meetup counters kept by the analytics
consumer, exact however often and in whatever order the facts arrive.

Each fact is counted in one transaction with a marker of its id (``attribute_not_exists``,
expiring after ``SEEN_KEPT``): a repeat finds the marker and counts nothing. Every counter
is an ADD, so order does not matter; a reminder's first send is a minimum, kept by a
compare-and-set of its own item; whether an answer or a join followed a reminder is read
from the reminder's mail marker for that invitee. Everything an insights read needs is one
partition, ``ANALYTICS#{meetup}``: the funnel, the hours with answers, the reminders and the
days with sales, whatever the number of invitees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

from slsplay.domain import analytics
from slsplay.domain.analytics import FUNNEL_FIELDS, InsightCounts, ReminderCounts
from slsplay.domain.events import ActivityNoted
from slsplay.ports import (
    MAX_BATCH_GET,
    MAX_QUERY_LIMIT,
    MAX_TRANSACTION_OPS,
    PK,
    SK,
    ConditionFailed,
    Equals,
    Item,
    ItemStore,
    Key,
    NotExists,
    Put,
    TransactionOp,
    Update,
)
from slsplay.store.mail_markers import meetup_mail_key

COUNTER_TYPE = "analytics_counter"
SEEN_TYPE = "analytics_seen"
# Longer than a message can live on the queue and its dead-letter queue (4 + 14 days), so a
# replayed message still finds its marker.
SEEN_KEPT = timedelta(days=30)
FUNNEL = "FUNNEL"
HOUR_PREFIX = "HOUR#"
REMINDER_PREFIX = "REMINDER#"
REMINDER_SENT_PREFIX = "REMINDERSENT#"
DAY_PREFIX = "DAY#"


def partition(meetup_id: str) -> str:
    """The partition of one meetup's insights."""
    return f"ANALYTICS#{meetup_id}"


def _seen_key(event_id: str) -> Key:
    return Key(f"ANALYTICSSEEN#{event_id}", "SEEN")


class InsightCounters:
    """The counters of every meetup's insights."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def count(self, fact: ActivityNoted, now: datetime) -> bool:
        """Count ``fact`` unless it was counted before; answers whether it counted now."""
        return self.count_many([fact], now) == 1

    def count_many(self, facts: Sequence[ActivityNoted], now: datetime) -> int:
        """Count each of ``facts`` not counted before, in as few transactions as the store
        allows (a fact's marker and its share of every counter commit together); answers
        how many counted now."""
        # A message delivered twice may be twice in one batch: each fact once from here on.
        facts = list({fact.id: fact for fact in facts}.values())
        firsts: dict[tuple[str, int], datetime] = {}
        for fact in facts:
            if fact.kind == analytics.REMINDER_SENT and fact.detail is not None:
                sent = (fact.meetup_id, int(fact.detail))
                firsts[sent] = min(firsts.get(sent, fact.occurred_at), fact.occurred_at)
        for (meetup_id, lead), at in firsts.items():
            self._first_send(meetup_id, lead, at)
        followed = self._reminders_before(facts)
        additions = {fact.id: _additions(fact, followed.get(fact.id, ())) for fact in facts}
        counted = 0
        pending = facts
        while pending:
            chunk: list[ActivityNoted] = []
            keys: set[tuple[str, str]] = set()
            for fact in pending:
                more = {(fact.meetup_id, sk) for sk in additions[fact.id]} - keys
                if chunk and len(chunk) + 1 + len(keys) + len(more) > MAX_TRANSACTION_OPS:
                    break
                chunk.append(fact)
                keys |= more
            pending = pending[len(chunk) :]
            counted += self._commit(chunk, additions, now)
        return counted

    def _commit(
        self,
        chunk: list[ActivityNoted],
        additions: Mapping[str, dict[str, dict[str, int]]],
        now: datetime,
    ) -> int:
        """Count the facts of ``chunk`` in one transaction, without those counted before."""
        ttl = int((now + SEEN_KEPT).timestamp())
        while chunk:
            merged: dict[tuple[str, str], dict[str, int]] = {}
            for fact in chunk:
                for sk, adds in additions[fact.id].items():
                    total = merged.setdefault((fact.meetup_id, sk), {})
                    for name, amount in adds.items():
                        total[name] = total.get(name, 0) + amount
            ops: list[TransactionOp] = [
                Put(
                    {PK: _seen_key(f.id).pk, SK: "SEEN", "type": SEEN_TYPE, "ttl": ttl},
                    NotExists(),
                )
                for f in chunk
            ]
            ops += [
                Update(Key(partition(meetup_id), sk), set={"type": COUNTER_TYPE}, add=adds)
                for (meetup_id, sk), adds in merged.items()
            ]
            try:
                self.store.transact(ops)
            except ConditionFailed as e:
                seen = {i for i in e.failed if i < len(chunk)}
                if not seen:
                    raise
                chunk = [f for i, f in enumerate(chunk) if i not in seen]
                continue
            return len(chunk)
        return 0

    def _reminders_before(self, facts: Sequence[ActivityNoted]) -> dict[str, list[int]]:
        """The reminders that had gone out to each invitee when they answered or joined, by
        fact id.

        Read from the reminders' mail markers, not from the facts of their sending: a
        marker is confirmed ``sent`` before anything that follows it can happen, so the
        answer is the same whatever order the facts come in.
        """
        asked = [
            (fact, lead, meetup_mail_key(fact.meetup_id, f"reminder-{lead}h", fact.email))
            for fact in facts
            if fact.email is not None
            and (
                fact.kind == analytics.JOIN_OPENED
                or (fact.kind == analytics.ANSWERED and fact.detail in analytics.CURRENT_ANSWERS)
            )
            for lead in analytics.REMINDER_LEADS
        ]
        markers: dict[Key, Item] = {}
        keys = list(dict.fromkeys(key for _, _, key in asked))
        for start in range(0, len(keys), MAX_BATCH_GET):
            markers |= self.store.get_many(keys[start : start + MAX_BATCH_GET])
        followed: dict[str, list[int]] = {}
        for fact, lead, key in asked:
            marker = markers.get(key)
            if (
                marker is not None
                and marker.get("state") == "sent"
                and datetime.fromisoformat(marker["at"]) <= fact.occurred_at
            ):
                followed.setdefault(fact.id, []).append(lead)
        return followed

    def _first_send(self, meetup_id: str, lead_hours: int, at: datetime) -> None:
        # The earliest send wins, whatever order the sends are counted in: compare and set.
        key = Key(partition(meetup_id), f"{REMINDER_SENT_PREFIX}{lead_hours:04d}")
        moment = at.isoformat()
        item = {PK: key.pk, SK: key.sk, "type": COUNTER_TYPE, "at": moment}
        for _ in range(10):
            stored = self.store.get(key)
            if stored is not None and datetime.fromisoformat(stored["at"]) <= at:
                return
            condition = NotExists() if stored is None else Equals("at", stored["at"])
            try:
                self.store.put(item, condition)
            except ConditionFailed:
                continue
            return

    def of_meetup(self, meetup_id: str) -> InsightCounts:
        """The counts of one meetup: one Query of its partition (more pages only past
        ``MAX_QUERY_LIMIT`` hours with answers)."""
        items = []
        cursor = None
        while True:
            page = self.store.query(partition(meetup_id), limit=MAX_QUERY_LIMIT, cursor=cursor)
            items += page.items
            cursor = page.next_cursor
            if cursor is None:
                break
        return _counts(items)


def _additions(fact: ActivityNoted, followed: Sequence[int]) -> dict[str, dict[str, int]]:
    """The counters a fact adds to, by sort key (``followed``: the reminders it followed)."""
    adds: dict[str, dict[str, int]] = {}

    def add(sk: str, name: str, amount: int = 1) -> None:
        adds.setdefault(sk, {})
        adds[sk][name] = adds[sk].get(name, 0) + amount

    kind = fact.kind
    if kind in (analytics.INVITATION_CREATED, analytics.JOINED_FROM_SEARCH):
        add(FUNNEL, "invited")
    elif kind == analytics.EMAIL_SENT and fact.detail == analytics.INVITATION_MAIL:
        add(FUNNEL, "emailed")
    elif kind == analytics.INVITATION_OPENED:
        add(FUNNEL, "opened")
    elif kind == analytics.PUBLIC_PAGE_VIEWED:
        add(FUNNEL, "page_views")
    elif kind == analytics.ANSWERED and fact.detail in analytics.CURRENT_ANSWERS:
        add(FUNNEL, fact.detail)
        if fact.previous in analytics.CURRENT_ANSWERS:
            add(FUNNEL, fact.previous, -1)
        if fact.first:
            add(FUNNEL, "answered")
        add(f"{HOUR_PREFIX}{analytics.hour_of(fact.occurred_at)}", fact.detail)
    elif kind == analytics.REMINDER_SENT and fact.detail is not None:
        add(f"{REMINDER_PREFIX}{int(fact.detail):04d}", "sent")
    elif kind == analytics.JOIN_OPENED:
        add(FUNNEL, "joined")
    elif kind in (analytics.TICKET_SOLD, analytics.TICKET_REFUNDED) and fact.currency:
        sign = 1 if kind == analytics.TICKET_SOLD else -1
        day = f"{DAY_PREFIX}{fact.occurred_at.astimezone(UTC):%Y-%m-%d}#{fact.currency}"
        add(day, "tickets", sign)
        add(day, "amount_minor", sign * (fact.amount_minor or 0))
    counter = "joined_after" if kind == analytics.JOIN_OPENED else "answered_after"
    for lead in followed:
        add(f"{REMINDER_PREFIX}{lead:04d}", counter)
    return adds


def _counts(items: list[Item]) -> InsightCounts:
    by_sk = {str(item[SK]): item for item in items}
    funnel_item = by_sk.get(FUNNEL, {})
    funnel = {name: _int(funnel_item.get(name)) for name in FUNNEL_FIELDS}
    hours = [
        (sk.removeprefix(HOUR_PREFIX), {a: _int(item.get(a)) for a in analytics.CURRENT_ANSWERS})
        for sk, item in sorted(by_sk.items())
        if sk.startswith(HOUR_PREFIX)
    ]
    reminders = []
    for sk, item in sorted(by_sk.items()):
        if not sk.startswith(REMINDER_SENT_PREFIX):
            continue
        lead = int(sk.removeprefix(REMINDER_SENT_PREFIX))
        counts = by_sk.get(f"{REMINDER_PREFIX}{lead:04d}", {})
        reminders.append(
            ReminderCounts(
                lead_hours=lead,
                sent_at=datetime.fromisoformat(str(item["at"])),
                sent=_int(counts.get("sent")),
                answered_after=_int(counts.get("answered_after")),
                joined_after=_int(counts.get("joined_after")),
            )
        )
    reminders.sort(key=lambda r: r.sent_at)
    revenue = []
    for sk, item in sorted(by_sk.items()):
        if sk.startswith(DAY_PREFIX):
            day, currency = sk.removeprefix(DAY_PREFIX).split("#", 1)
            revenue.append(
                (day, currency, _int(item.get("tickets")), _int(item.get("amount_minor")))
            )
    return InsightCounts(funnel, hours, reminders, revenue)


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | float | str) and value != "" else 0
