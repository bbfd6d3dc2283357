"""Organizer insights on the local backend: facts per second through the analytics consumer,
and the insights read's latency for a meetup with 10,000 invitees.

Run: .venv/bin/python bench/analytics.py [--facts 20000] [--invitees 10000] [--reads 2000]

1. The consumer: SQS events of 100 ``activity_noted`` messages each (a meetup's invitations,
   emails, opens, answers over two days, joins), fed to the analytics function's handler in
   this process, as an execution environment runs it: each fact counted in the table (SQLite)
   and each batch's records written as a Parquet file. Printed: facts per second, and the
   floor measured in the same run, the same events through Powertools' batch processing with
   a record handler that only reads the message (what any SQS consumer pays).
2. The read: ``GET /api/meetups/{id}/insights``'s use case for a meetup whose 10,000
   invitees were invited, emailed, opened, answered over 48 hours and joined (counted by the
   same consumer code). Printed: p50 and p99 over ``--reads`` reads, and the floor, one
   GetItem of the same meetup, in the same run. Goal: p99 under 20 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from aws_lambda_powertools.utilities.batch import (  # noqa: E402
    BatchProcessor,
    EventType,
    process_partial_response,
)

from slsplay.domain import analytics  # noqa: E402
from slsplay.domain.events import ActivityNoted  # noqa: E402

BATCH = 100
START = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)


def facts(meetup_id: str, invitees: int) -> list[ActivityNoted]:
    """What happens to a meetup's ``invitees``: invited, emailed, most open, answer, join."""
    found = []
    for n in range(invitees):
        email = f"guest{n}@example.com"
        at = START + timedelta(minutes=(n * 2_880) // max(invitees, 1))  # over 48 hours
        happened: list[tuple[str, dict[str, Any]]] = [
            (analytics.INVITATION_CREATED, {}),
            (analytics.EMAIL_SENT, {"detail": "invitation"}),
        ]
        if n % 4:
            happened.append((analytics.INVITATION_OPENED, {}))
        if n % 2:
            answer = "attending" if n % 3 else "declined"
            happened.append((analytics.ANSWERED, {"detail": answer, "first": True}))
            if answer == "attending" and n % 5 == 1:
                happened.append((analytics.JOIN_OPENED, {}))
        found += [
            ActivityNoted(f"{meetup_id}-{kind}-{n}", kind, at, meetup_id, email=email, **fields)
            for kind, fields in happened
        ]
    return found


def sqs_events(batch_facts: list[ActivityNoted]) -> list[dict[str, Any]]:
    """The facts as SQS events of ``BATCH`` messages each."""
    events = []
    for start in range(0, len(batch_facts), BATCH):
        records = [
            {
                "messageId": f.id,
                "receiptHandle": f.id,
                "body": json.dumps(f.to_message()),
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:eu-west-1:123456789012:slsplay-local-analytics",
                "awsRegion": "eu-west-1",
            }
            for f in batch_facts[start : start + BATCH]
        ]
        events.append({"Records": records})
    return events


def floor_rate(events: list[dict[str, Any]], count: int) -> float:
    """Facts per second through batch processing alone (the message read, nothing done)."""
    processor = BatchProcessor(event_type=EventType.SQS)

    def read(record: Any) -> None:
        json.loads(record.body)

    began = time.perf_counter()
    for event in events:
        process_partial_response(event=event, record_handler=read, processor=processor)
    return count / (time.perf_counter() - began)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=20_000)
    parser.add_argument("--invitees", type=int, default=10_000)
    parser.add_argument("--reads", type=int, default=2_000)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="slsplay-bench-analytics-"))
    os.environ.update(
        {"SLSPLAY_BACKEND": "local", "SLSPLAY_DATA_DIR": str(data_dir), "SLSPLAY_STAGE": "bench"}
    )
    from slsplay.bootstrap import bootstrap  # noqa: PLC0415  (after the environment is set)
    from slsplay.domain.users import User  # noqa: PLC0415
    from slsplay.handlers import analytics as analytics_function  # noqa: PLC0415
    from slsplay.ids import new_id  # noqa: PLC0415
    from slsplay.services import insights, meetups  # noqa: PLC0415
    from slsplay.store.repositories import UserRepository  # noqa: PLC0415

    app = bootstrap()
    organizer = User.register(
        user_id=new_id(), email="host@example.com", name="Host", now=app.clock.now()
    )
    UserRepository(app.store).add(organizer)

    def plan(title: str) -> str:
        values = {
            "title": title,
            "starts_at": app.clock.now() + timedelta(days=3),
            "timezone": "UTC",
            "duration_minutes": 60,
            "join_url": "https://meet.example.com/bench",
        }
        return meetups.plan_meetup(app, organizer.id, values).meetup.id

    # 1. the consumer
    consumed = facts(plan("Throughput"), args.invitees)[: args.facts]
    events = sqs_events(consumed)
    floor = floor_rate(events, len(consumed))
    began = time.perf_counter()
    for event in events:
        answer = analytics_function.handler(event, None)
        assert answer == {"batchItemFailures": []}, answer
    rate = len(consumed) / (time.perf_counter() - began)
    print(
        f"consumer: {len(consumed)} facts in batches of {BATCH}: {rate:,.0f} facts/s"
        f" (floor, batch processing alone: {floor:,.0f}/s; goal >= 2,000/s)"
    )

    # 2. the read
    read_meetup = plan("Ten thousand")
    everything = facts(read_meetup, args.invitees)
    for start in range(0, len(everything), BATCH):
        insights.count_activities(app, everything[start : start + BATCH])
    shown = insights.insights_of(app, organizer.id, read_meetup)
    key_items = 1 + len(shown.answers_by_hour)
    latencies, floors = [], []
    for _ in range(args.reads):
        began = time.perf_counter()
        insights.insights_of(app, organizer.id, read_meetup)
        latencies.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        app.store.get(meetups_key(read_meetup))
        floors.append((time.perf_counter() - began) * 1000)
    print(
        f"insights read, {args.invitees:,} invitees ({shown.funnel['invited']:,} invited,"
        f" {key_items} counter items): p50 {statistics.median(latencies):.2f} ms,"
        f" p99 {percentile(latencies, 0.99):.2f} ms"
        f" (floor, one GetItem: p50 {statistics.median(floors):.3f} ms,"
        f" p99 {percentile(floors, 0.99):.3f} ms; goal p99 < 20 ms)"
    )
    files = list((data_dir / "analytics" / "events").glob("dt=*/*.parquet"))
    print(f"history: {len(files)} Parquet files written")
    app.store.close()
    shutil.rmtree(data_dir)


def meetups_key(meetup_id: str) -> Any:
    from slsplay.store.schema import meetup_key  # noqa: PLC0415

    return meetup_key(meetup_id)


if __name__ == "__main__":
    main()
