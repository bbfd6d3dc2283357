"""The ``slsplay`` command: the local server, and the local data behind it."""

from __future__ import annotations

import argparse
import logging
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
from slsplay.local.template import DEFAULT_TEMPLATE
from slsplay.services import auth, meetups
from slsplay.store.repositories import UserRepository

DEMO_ORGANIZER = "organizer@example.com"
# A password for local demo data only; it is printed so that a new user can log in.
DEMO_PASSWORD = "slsplay-demo-password"  # noqa: S105
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
    user = auth.sign_up(app.auth, DEMO_ORGANIZER, DEMO_PASSWORD, "Ada Organizer").user
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


def serve(args: argparse.Namespace) -> int:
    """Serve the template's HTTP API and the web app until stopped (Ctrl+C or SIGTERM)."""
    # uvicorn and the runtime load only for this command, not for seed or meetups.
    from slsplay.local.server import LocalServer  # noqa: PLC0415

    data_dir = args.data_dir or Path(os.environ.get("SLSPLAY_DATA_DIR", ".slsplay"))
    logging.basicConfig(format="%(asctime)s %(message)s", datefmt="%H:%M:%S", stream=sys.stderr)
    logging.getLogger("slsplay").setLevel(logging.INFO)
    try:
        server = LocalServer(
            template=args.template,
            host=args.host,
            port=args.port,
            data_dir=data_dir,
            region=Settings.from_env().aws_region,
        )
    except (ValueError, OSError) as e:  # a bad template or setting, or the port is taken
        print(f"slsplay: {e}", file=sys.stderr)
        return 1
    routes = len(server.gateway.routes.all())
    print(f"slsplay serving {server.url}", flush=True)
    print(f"  {routes} routes from {args.template}; data in {data_dir}; Ctrl+C stops", flush=True)
    server.run()
    print("slsplay stopped", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``slsplay`` command."""
    parser = argparse.ArgumentParser(prog="slsplay", description=__doc__)
    parser.add_argument("--data-dir", type=Path, help="where local data lives (default .slsplay)")
    commands = parser.add_subparsers(dest="command", required=True)
    serving = commands.add_parser("serve", help="serve the API of template.yaml and the web app")
    serving.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    serving.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    # SUPPRESS keeps `slsplay --data-dir D serve` working: unset here, the top-level one stays.
    serving.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    serving.add_argument("--template", type=Path, default=DEFAULT_TEMPLATE)
    commands.add_parser("seed", help="create a demo organizer with a published meetup")
    listing = commands.add_parser("meetups", help="list an organizer's meetups")
    listing.add_argument("--organizer", default=DEMO_ORGANIZER, help="the organizer's email")
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve(args)

    env = dict(os.environ)
    if args.data_dir is not None:
        env["SLSPLAY_DATA_DIR"] = str(args.data_dir)
    app = bootstrap(Settings.from_env(env))
    try:
        if args.command == "seed":
            meetup_id = seed(app)
            done = f"seeded meetup {meetup_id}" if meetup_id else "already seeded"
            print(f"{done}: log in as {DEMO_ORGANIZER} / {DEMO_PASSWORD} ({app.settings.data_dir})")
        for line in list_meetups(app, getattr(args, "organizer", DEMO_ORGANIZER)):
            print(line)
    except DomainError as e:
        print(f"slsplay: {e.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
