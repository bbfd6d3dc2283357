"""``slsplay search reindex``: the search index of public meetups rebuilt from the table, a page
at a time, with progress on the terminal and the position to resume from when stopped."""

from __future__ import annotations

import argparse
from contextlib import closing
from datetime import date
from typing import TYPE_CHECKING

from slsplay.config import Settings

if TYPE_CHECKING:
    from slsplay.local.apigateway import ApiGateway


def add_options(reindex: argparse.ArgumentParser) -> None:
    """The command's own options (the backend's and the data directory's are the CLI's)."""
    reindex.add_argument(
        "--from",
        dest="start",
        metavar="POSITION",
        help="resume where a reindex stopped, at the position it printed",
    )
    reindex.add_argument(
        "--until",
        type=date.fromisoformat,
        help="the last day of starts to read (YYYY-MM-DD; default three years ahead)",
    )
    reindex.add_argument("--pages", type=int, help="stop after this many pages of meetups")
    reindex.add_argument(
        "--page-size", type=_page_size, default=100, help="meetups a page (1 to 100)"
    )


def refusal(args: argparse.Namespace) -> str | None:
    """What is wrong with the command's arguments, before anything is opened; else ``None``."""
    from slsplay.services import discovery  # noqa: PLC0415  (the use cases: only when run)

    if args.start is not None and not discovery.valid_reindex_position(args.start):
        return f"--from takes a position a reindex printed, not {args.start!r}"
    if args.backend == "aws" and not args.aws_endpoint and args.stage == "local":
        return "on AWS itself, give the deployed stage: --stage NAME"
    return None


def reindex(args: argparse.Namespace, gateway: ApiGateway) -> int:
    """Run the reindex on the functions' settings of ``gateway``; the exit status."""
    from slsplay.bootstrap import bootstrap  # noqa: PLC0415  (the use cases: only when run)
    from slsplay.local.functions import runtime_environment  # noqa: PLC0415
    from slsplay.services import discovery  # noqa: PLC0415

    # The functions' settings (the table, the backend), and the runtime's AWS variables (the
    # endpoint, and credentials an emulator takes) for this process's own calls.
    app = bootstrap(Settings.from_env(gateway.environment))
    aws = {name: value for name, value in gateway.overrides.items() if name.startswith("AWS_")}
    now = app.clock.now()
    position = args.start or discovery.reindex_position(now)
    until = args.until or (now + discovery.REINDEX_HORIZON).date()
    where = _index_location(app.settings)
    print(f"reindexing public meetups starting from {position} to {until} ({where})", flush=True)
    pages = meetups = indexed = days = 0
    try:
        with runtime_environment(aws, set()), closing(app.store):
            for page in discovery.reindex_public(app, position, until, page=args.page_size):
                position = page.position
                days += position.endswith("~")
                if page.read:
                    pages += 1
                    meetups += page.read
                    indexed += page.listed
                    print(
                        f"page {pages}: {page.day}, {page.read} published, {page.listed} public;"
                        f" {meetups} done, {days} days read; at {position}",
                        flush=True,
                    )
                elif page.day.day == 1:  # a sign of life through empty months
                    print(f"{page.day}: {meetups} done, {days} days read", flush=True)
                if args.pages is not None and pages >= args.pages and page.read:
                    done = f"{pages} page{'s' if pages > 1 else ''} of meetups"
                    print(f"stopped after {done}; resume with: {_resume(position)}")
                    return 0
    except KeyboardInterrupt:
        print(f"\ninterrupted; resume with: {_resume(position)}", flush=True)
        return 130
    print(
        f"done: {meetups} meetups read, {indexed} public ones indexed, the others removed;"
        f" {pages} pages of meetups, {days} days read"
    )
    return 0


def _resume(position: str) -> str:
    return f"slsplay search reindex --from '{position}'"


def _index_location(settings: Settings) -> str:
    """Which index a command works on, in words."""
    if settings.backend == "local":
        return f"local index in {settings.data_dir}"
    endpoint = settings.aws_endpoint or f"AWS, {settings.aws_region}"
    return f"table {settings.table_name} at {endpoint}"


def _page_size(text: str) -> int:
    size = int(text)
    if not 1 <= size <= 100:
        raise argparse.ArgumentTypeError("a page is 1 to 100 meetups")
    return size
