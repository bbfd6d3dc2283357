"""The ``slsplay`` command: the local server, and the local data behind it."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from contextlib import closing
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from slsplay.config import Settings
from slsplay.local.template import DEFAULT_TEMPLATE

# The use cases, the adapters and the runtime load in the commands that need them: every
# execution environment `slsplay serve` starts imports this module again (multiprocessing
# prepares its processes from the main module), and the server needs none of the services.
if TYPE_CHECKING:
    from slsplay.bootstrap import Container
    from slsplay.local.apigateway import ApiGateway
    from slsplay.local.chaos import Chaos
    from slsplay.local.pumps import Pumps
    from slsplay.local.queue_pump import QueueSpec
    from slsplay.local.stream_pump import StreamPump

SCHEMA_FILE = DEFAULT_TEMPLATE.parent / "web" / "schema.graphql"
DEMO_ORGANIZER = "organizer@example.com"
DLQ_SOURCE = (
    "a queue (logical id or name), or a stream mapping (its function, or its failure bucket)"
)
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
    from slsplay.domain.invitations import Answer  # noqa: PLC0415  (see the imports above)
    from slsplay.services import answers, auth, meetups  # noqa: PLC0415
    from slsplay.store.repositories import UserRepository  # noqa: PLC0415

    if UserRepository(app.store).find_by_email(DEMO_ORGANIZER) is not None:
        return None
    user = auth.sign_up(app.auth, DEMO_ORGANIZER, DEMO_PASSWORD, "Ada Organizer", vouched=True).user
    zone = ZoneInfo("Europe/Berlin")
    tomorrow = app.clock.now().astimezone(zone).date() + timedelta(days=1)
    view = meetups.plan_meetup(
        app,
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
    meetups.invite_people(app, user.id, meetup_id, DEMO_GUESTS)
    meetups.publish_meetup(app, user.id, meetup_id)
    for email, response in [("grace@example.com", "attending"), ("alan@example.com", "declined")]:
        answers.answer_invitation(app, meetup_id, email, Answer(response))
    return meetup_id


def list_meetups(app: Container, organizer_email: str) -> list[str]:
    """One line per meetup of the organizer: start, status, title, counts."""
    from slsplay.services import views  # noqa: PLC0415  (see the imports above)
    from slsplay.store.repositories import UserRepository  # noqa: PLC0415

    user = UserRepository(app.store).find_by_email(organizer_email)
    if user is None:
        return [f"no account for {organizer_email}"]
    lines, cursor = [], None
    while True:
        page, cursor = views.meetups_of_organizer(app, user.id, cursor=cursor)
        for meetup in page:
            counts = views.view_meetup(app, meetup.id, user.id).counts
            local = meetup.starts_at.astimezone(ZoneInfo(meetup.details.timezone))
            lines.append(
                f"{local:%Y-%m-%d %H:%M} {meetup.details.timezone:<16} "
                f"{meetup.phase(app.clock.now()).value:<9} {meetup.details.title} "
                f"(invited {counts.invited}, attending {counts.attending}, "
                f"declined {counts.declined})"
            )
        if cursor is None:
            return lines


def serve(args: argparse.Namespace, settings: Settings) -> int:
    """Serve the template's HTTP API and the web app until stopped (Ctrl+C or SIGTERM)."""
    from slsplay.local.environments import start_forkserver  # noqa: PLC0415  (see below)

    # The functions' environments fork from a process that imports the libraries they share:
    # started first, it imports them while this one imports the runtime (at the same time,
    # where there is more than one core), and the first request waits less for it.
    start_forkserver()
    # uvicorn and the runtime load only for this command, not for seed or meetups.
    from slsplay.local.server import LocalServer, SetupFailed  # noqa: PLC0415

    data_dir = args.data_dir or settings.data_dir
    logging.basicConfig(format="%(asctime)s %(message)s", datefmt="%H:%M:%S", stream=sys.stderr)
    logging.getLogger("slsplay").setLevel(logging.INFO)
    if args.switch_interval is not None:
        sys.setswitchinterval(args.switch_interval)
    try:
        server = LocalServer(
            template=args.template,
            host=args.host,
            port=args.port,
            data_dir=data_dir,
            region=settings.aws_region,
            stage=args.stage,
            aws_endpoint=_endpoint(args),
            switch_interval=args.switch_interval,
            chaos=_chaos(args),
            parameters=_parameter_overrides(args.parameter_overrides),
        )
    except (ValueError, OSError, SetupFailed) as e:  # a bad template, setting or endpoint
        print(f"slsplay: {e}", file=sys.stderr)
        return 1
    routes = len(server.gateway.routes.all())
    print(f"slsplay serving {server.url}", flush=True)
    backend = f"AWS at {args.aws_endpoint}" if args.backend == "aws" else "local"
    print(f"  {routes} routes from {args.template}; {backend} backend; data in {data_dir}")
    server.run()
    print("slsplay stopped", flush=True)
    return 0


def run_job(args: argparse.Namespace, settings: Settings) -> int:
    """Fire one scheduled job of the template now, with the event its schedule would send."""
    from slsplay.local.environments import InvocationError  # noqa: PLC0415  (the runtime: only here)

    try:
        gateway, pumps = _runtime(args, settings)
        job = pumps.job(args.name)
    except (ValueError, LookupError, OSError) as e:
        print(f"slsplay: {e}", file=sys.stderr)
        return 1
    try:
        with gateway:
            result = pumps.run_job(job.function.config.logical_id)
    except InvocationError as e:
        print(f"slsplay: {job.function.name} failed: {e}", file=sys.stderr)
        return 1
    finally:
        pumps.close()
    print(f"{job.function.name}: {result}")
    return 0


def dead_letters(args: argparse.Namespace, settings: Settings) -> int:
    """List what the template's event sources gave up on, or deliver it again (``replay``):
    a queue's dead letters (moved back to the queue), a stream mapping's failed batches
    (kept whole in its failure bucket, sent to its function again)."""

    try:
        # The queues and buckets as `slsplay serve` names them, on the same backend.
        gateway, pumps = _runtime(args, settings)
        streams: list[StreamPump]
        sources: list[QueueSpec]
        if args.queue:
            stream = pumps.find_stream(args.queue)
            streams = [stream] if stream is not None else []
            sources = [] if stream is not None else [pumps.find_queue(args.queue)]
        else:
            streams = [pump for pump in pumps.stream_pumps if pump.failed_batches is not None]
            sources = [spec for spec in pumps.queue_specs.values() if spec.dead_letter]
    except (ValueError, LookupError, OSError) as e:
        print(f"slsplay: {e}", file=sys.stderr)
        return 1
    try:
        gateway.open()  # the backend's endpoint and credentials, for the calls below
        for source in sources:
            if source.dead_letter is None:
                print(f"slsplay: {source.logical_id} has no dead-letter queue", file=sys.stderr)
                return 1
            _queue_dead_letters(pumps, source, args)
        for pump in streams:
            if pump.failed_batches is None:
                print(f"slsplay: {pump.name} keeps no failed batches", file=sys.stderr)
                return 1
            if not _stream_failures(pump, args):
                return 1
    finally:
        pumps.close()
        gateway.close()
    return 0


def _queue_dead_letters(pumps: Pumps, source: QueueSpec, args: argparse.Namespace) -> None:
    assert source.dead_letter is not None
    queue = pumps.queue(source.logical_id)
    dead = pumps.queue(source.dead_letter)
    if args.action == "replay":
        moved = dead.redrive(queue)
        print(f"{source.name}: {moved} messages moved back from {dead.name}")
        return
    messages = dead.dead_letters(limit=args.limit)
    print(f"{source.name}: {dead.approximate_count()} in {dead.name}")
    for message in messages:
        body = message.body[:100].replace("\n", " ")
        print(
            f"  {message.message_id}  received {message.receive_count}x"
            f"  sent {message.sent_at:%Y-%m-%d %H:%M:%S}Z  {body}"
        )


def _stream_failures(pump: StreamPump, args: argparse.Namespace) -> bool:
    """List or replay a stream mapping's failed batches; False when some still fail."""
    assert pump.failed_batches is not None
    if args.action == "replay":
        replayed, failing = pump.replay_failed()
        print(f"{pump.name}: {replayed} failed batches delivered again, {failing} failing still")
        return failing == 0
    batches = pump.failed_batches.batches(limit=args.limit)
    print(f"{pump.name}: {len(batches)} failed batches in {pump.failed_batches.name}")
    for batch in batches:
        info = batch.record.get("DDBStreamBatchInfo", {})
        context = batch.record.get("requestContext", {})
        error = batch.record.get("responseContext", {}).get("functionError", "-")
        print(
            f"  {batch.key}  {info.get('batchSize', '?')} records"
            f"  {info.get('approximateArrivalOfFirstRecord', '?')}"
            f"  invoked {context.get('approximateInvokeCount', '?')}x  {error}"
        )
    return True


def reindex_search(args: argparse.Namespace, settings: Settings) -> int:
    """Rebuild the search index of public meetups from the table, a page at a time, showing
    progress and where to resume (``--from``) when stopped."""
    from slsplay.bootstrap import bootstrap  # noqa: PLC0415  (see the imports above)
    from slsplay.local.functions import runtime_environment  # noqa: PLC0415
    from slsplay.services import discovery  # noqa: PLC0415

    if args.start is not None and not discovery.valid_reindex_position(args.start):
        print(
            f"slsplay: --from takes a position a reindex printed, not {args.start!r}",
            file=sys.stderr,
        )
        return 2
    if args.backend == "aws" and not args.aws_endpoint and args.stage == "local":
        print("slsplay: on AWS itself, give the deployed stage: --stage NAME", file=sys.stderr)
        return 2
    try:
        gateway = _gateway(args, settings)
    except (ValueError, LookupError, OSError) as e:
        print(f"slsplay: {e}", file=sys.stderr)
        return 1
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


def _gateway(args: argparse.Namespace, settings: Settings) -> ApiGateway:
    """The template's functions as ``slsplay serve`` would run them on the backend asked for
    (an AWS endpoint; or, for the commands that take it, AWS itself, without an endpoint)."""
    from slsplay.local.apigateway import ApiGateway  # noqa: PLC0415  (the runtime: only here)

    deployed = args.backend == "aws" and not args.aws_endpoint
    return ApiGateway.from_template(
        args.template,
        public_url=settings.public_url,
        data_dir=args.data_dir or settings.data_dir,
        region=settings.aws_region,
        stage=args.stage,
        aws_endpoint=_endpoint(args),
        environment={"SLSPLAY_BACKEND": "aws"} if deployed else None,
    )


def _runtime(args: argparse.Namespace, settings: Settings) -> tuple[ApiGateway, Pumps]:
    """The template's functions and event sources as ``slsplay serve`` would run them."""
    from slsplay.bootstrap import runtime_backend  # noqa: PLC0415
    from slsplay.local.pumps import Pumps  # noqa: PLC0415  (the runtime: only here)

    gateway = _gateway(args, settings)
    # The functions' settings: the runtime's overrides (backend, endpoint, data) included.
    functions = Settings.from_env(gateway.environment)
    return gateway, Pumps(gateway.stack, gateway.functions, backend=runtime_backend(functions))


def write_schema(path: Path) -> int:
    """Write the GraphQL schema's SDL (the web app's client types are generated from it)."""
    from slsplay.graphql.schema import sdl  # noqa: PLC0415  (strawberry, for this command only)

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sdl(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


def _chaos(args: argparse.Namespace) -> Chaos | None:
    from slsplay.local.chaos import Chaos  # noqa: PLC0415  (the runtime: only here)

    if not args.chaos:
        return None
    return Chaos() if args.chaos_seed is None else Chaos(seed=args.chaos_seed)


def _endpoint(args: argparse.Namespace) -> str | None:
    return str(args.aws_endpoint) if args.backend == "aws" and args.aws_endpoint else None


def _backend_options(command: argparse.ArgumentParser, settings: Settings) -> None:
    command.add_argument(
        "--backend",
        choices=["local", "aws"],
        default=settings.backend,
        help="local (SQLite, files) or aws (the AWS adapters, at --aws-endpoint)",
    )
    command.add_argument(
        "--aws-endpoint",
        default=settings.aws_endpoint,
        help="an AWS-compatible endpoint (e.g. moto's server) for --backend aws",
    )
    command.add_argument("--stage", default="local", help="the template's Stage (names resources)")


def _parameter_overrides(pairs: Sequence[str]) -> dict[str, str]:
    """``Name=value`` pairs as ``sam deploy --parameter-overrides`` takes them."""
    overrides = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise ValueError(f"--parameter-overrides takes Name=value pairs, not {pair!r}")
        overrides[name] = value
    return overrides


def _serve_options(serving: argparse.ArgumentParser, settings: Settings) -> None:
    """The options of `slsplay serve`."""
    serving.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    serving.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    _backend_options(serving, settings)
    # SUPPRESS keeps `slsplay --data-dir D serve` working: unset here, the top-level one stays.
    serving.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    serving.add_argument("--template", type=Path, default=DEFAULT_TEMPLATE)
    serving.add_argument(
        "--parameter-overrides",
        nargs="+",
        default=[],
        metavar="NAME=VALUE",
        help="the template's parameters, as sam deploy takes them (ClientRateLimit=300)",
    )
    serving.add_argument(
        "--chaos",
        action="store_true",
        help="deliver queue messages, stream records and scheduled runs twice and out of order,"
        " and lose some answers, as AWS may (every consumer must stay idempotent)",
    )
    serving.add_argument("--chaos-seed", type=int, help="the seed of --chaos's choices")
    serving.add_argument(
        "--switch-interval",
        type=float,
        help="the interpreter's thread switch interval in seconds, in the server and in every"
        " execution environment (tests shorten it so that races show)",
    )


def _search_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], settings: Settings
) -> None:
    """`slsplay search reindex` and its options."""
    search = commands.add_parser("search", help="the search index of public meetups")
    search_commands = search.add_subparsers(dest="action", required=True)
    reindex = search_commands.add_parser(
        "reindex",
        help="rebuild the index from the table (resumable with --from)",
        description="Write every public meetup starting from now (or --from) into the search"
        " index anew, from the table, a page at a time; remove published meetups that are not"
        " public. Safe to repeat and to stop. With --backend aws and no --aws-endpoint, the"
        " deployed stage's table (--stage) with your AWS credentials and region.",
    )
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
    reindex.add_argument("--template", type=Path, default=DEFAULT_TEMPLATE)
    _backend_options(reindex, settings)


def _page_size(text: str) -> int:
    size = int(text)
    if not 1 <= size <= 100:
        raise argparse.ArgumentTypeError("a page is 1 to 100 meetups")
    return size


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``slsplay`` command."""
    try:
        settings = Settings.from_env()  # the options' defaults, and what the commands run on
    except ValueError as e:
        print(f"slsplay: {e}", file=sys.stderr)
        return 1
    parser = argparse.ArgumentParser(prog="slsplay", description=__doc__)
    parser.add_argument(
        "--data-dir",
        type=Path,
        help=f"where local data lives (default {Settings.model_fields['data_dir'].default})",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serving = commands.add_parser("serve", help="serve the API of template.yaml and the web app")
    _serve_options(serving, settings)
    commands.add_parser("seed", help="create a demo organizer with a published meetup")
    schema = commands.add_parser("schema", help="write the GraphQL schema's SDL for the web app")
    schema.add_argument("--out", type=Path, default=SCHEMA_FILE, help=f"default {SCHEMA_FILE}")
    listing = commands.add_parser("meetups", help="list an organizer's meetups")
    listing.add_argument("--organizer", default=DEMO_ORGANIZER, help="the organizer's email")
    jobs = commands.add_parser("jobs", help="the template's scheduled jobs")
    job_commands = jobs.add_subparsers(dest="action", required=True)
    job_run = job_commands.add_parser("run", help="run one scheduled job now")
    job_run.add_argument(
        "name", help="its logical id (AttendeeListJob) or kebab name (attendee-list)"
    )
    job_run.add_argument("--template", type=Path, default=DEFAULT_TEMPLATE)
    dlq = commands.add_parser("dlq", help="the dead-letter queues of the template's queues")
    dlq_commands = dlq.add_subparsers(dest="action", required=True)
    dlq_list = dlq_commands.add_parser("list", help="show dead letters (of one queue, or all)")
    dlq_list.add_argument("queue", nargs="?", help=DLQ_SOURCE)
    dlq_list.add_argument("--limit", type=int, default=20, help="messages to show per queue")
    dlq_replay = dlq_commands.add_parser("replay", help="move dead letters back to their queue")
    dlq_replay.add_argument("queue", help=DLQ_SOURCE)
    for sub in (dlq_list, dlq_replay):
        sub.add_argument("--template", type=Path, default=DEFAULT_TEMPLATE)
    for sub in (job_run, dlq_list, dlq_replay):
        _backend_options(sub, settings)
    _search_commands(commands, settings)
    args = parser.parse_args(argv)
    deployed = args.command == "search"  # the one command that also runs on AWS itself
    if getattr(args, "backend", None) == "aws" and not args.aws_endpoint and not deployed:
        parser.error("--backend aws runs against an AWS-compatible endpoint: give --aws-endpoint")
    runners = {"serve": serve, "jobs": run_job, "dlq": dead_letters, "search": reindex_search}
    if args.command in runners:
        return runners[args.command](args, settings)
    if args.command == "schema":
        return write_schema(args.out)

    from slsplay.bootstrap import bootstrap  # noqa: PLC0415  (see the imports above)
    from slsplay.domain.errors import DomainError  # noqa: PLC0415

    if args.data_dir is not None:
        settings = settings.model_copy(update={"data_dir": args.data_dir})
    app = bootstrap(settings)
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
