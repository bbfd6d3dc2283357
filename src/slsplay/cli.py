"""The ``slsplay`` command: local data and, as the runtime grows, the local server and jobs."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from slsplay.bootstrap import Container, bootstrap
from slsplay.config import Settings
from slsplay.domain.errors import DomainError
from slsplay.domain.invitations import Response
from slsplay.services import meetups, users
from slsplay.store.repositories import UserRepository

DEMO_ORGANIZER = "organizer@example.com"
DEMO_GUESTS = [
    {"email": "grace@example.com", "name": "Grace Hopper"},
    {"email": "alan@example.com", "name": "Alan Turing"},
    {"email": "katherine@example.com", "name": "Katherine Johnson"},
]


def seed(app: Container) -> str | None:
    """Create a demo organizer with a published meetup tomorrow evening, once.

    Answers the new meetup's id, or ``None`` when the demo organizer already exists.
    """
    if UserRepository(app.store).find_by_email(DEMO_ORGANIZER) is not None:
        return None
    user = users.register_user(app.store, app.clock, DEMO_ORGANIZER, "Ada Organizer")
    zone = ZoneInfo("Europe/Berlin")
    tomorrow = app.clock.now().astimezone(zone).date() + timedelta(days=1)
    view = meetups.plan_meetup(
        app.store,
        app.clock,
        user.id,
        {
            "title": "Founders' fireside chat",
            "description": "An hour with **three founders** on building in public.",
            "category": "business",
            "starts_at": datetime.combine(tomorrow, time(18, 0), zone),
            "timezone": "Europe/Berlin",
            "duration_minutes": 60,
            "join_url": "https://meet.example.com/fireside",
            "capacity": 50,
        },
    )
    meetup_id = view.meetup.id
    meetups.invite_people(app.store, app.clock, user.id, meetup_id, DEMO_GUESTS)
    meetups.publish_meetup(app.store, app.clock, user.id, meetup_id)
    for email, response in [("grace@example.com", "attending"), ("alan@example.com", "declined")]:
        meetups.answer_invitation(app.store, app.clock, meetup_id, email, Response(response))
    return meetup_id


def list_meetups(app: Container, organizer_email: str) -> list[str]:
    """One line per meetup of the organizer: start, status, title, counts."""
    user = UserRepository(app.store).find_by_email(organizer_email)
    if user is None:
        return [f"no account for {organizer_email}"]
    lines, cursor = [], None
    while True:
        page, cursor = meetups.meetups_of_organizer(app.store, user.id, cursor=cursor)
        for meetup in page:
            counts = meetups.view_meetup(app.store, meetup.id, user.id).counts
            local = meetup.starts_at.astimezone(ZoneInfo(meetup.details.timezone))
            lines.append(
                f"{local:%Y-%m-%d %H:%M} {meetup.details.timezone:<16} "
                f"{meetup.phase(app.clock.now()).value:<9} {meetup.details.title} "
                f"(invited {counts.invited}, attending {counts.attending}, "
                f"declined {counts.declined})"
            )
        if cursor is None:
            return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``slsplay`` command."""
    parser = argparse.ArgumentParser(prog="slsplay", description=__doc__)
    parser.add_argument("--data-dir", type=Path, help="where local data lives (default .slsplay)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("seed", help="create a demo organizer with a published meetup")
    listing = commands.add_parser("meetups", help="list an organizer's meetups")
    listing.add_argument("--organizer", default=DEMO_ORGANIZER, help="the organizer's email")
    args = parser.parse_args(argv)

    env = dict(os.environ)
    if args.data_dir is not None:
        env["SLSPLAY_DATA_DIR"] = str(args.data_dir)
    app = bootstrap(Settings.from_env(env))
    try:
        if args.command == "seed":
            meetup_id = seed(app)
            done = f"seeded meetup {meetup_id}" if meetup_id else "already seeded"
            print(f"{done}: {DEMO_ORGANIZER} in {app.settings.data_dir}")
        for line in list_meetups(app, getattr(args, "organizer", DEMO_ORGANIZER)):
            print(line)
    except DomainError as e:
        print(f"slsplay: {e.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
