"""The ``slsplay`` command: the local server, and the local data behind it."""

from __future__ import annotations

import argparse
import errno
import logging
import re
import sys
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
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
DATA_DIR_HELP = f"where local data lives (default {Settings.model_fields['data_dir'].default})"
# The reStructuredText literals (``x``) and interpreted text (`x`) of the docstrings the help
# is made of: shown as their plain words.
RST_LITERAL = re.compile(r"`{1,2}([^`]+)`{1,2}")
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
    from slsplay.domain.errors import NotFound  # noqa: PLC0415  (see the imports above)
    from slsplay.services import views  # noqa: PLC0415
    from slsplay.store.repositories import UserRepository  # noqa: PLC0415

    user = UserRepository(app.store).find_by_email(organizer_email)
    if user is None:
        raise NotFound("no_account", f"no account for {organizer_email}")
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
    except (ValueError, OSError, SetupFailed) as e:  # a bad template, setting, port or endpoint
        print(f"slsplay: {_setup_failure(e, args)}", file=sys.stderr)
        return 1
    routes = len(server.gateway.routes.all())
    print(f"slsplay serving {server.url}", flush=True)
    backend = f"AWS at {args.aws_endpoint}" if args.backend == "aws" else "local"
    print(f"  {routes} routes from {args.template}; {backend} backend; data in {data_dir}")
    server.run()
    print("slsplay stopped", flush=True)
    return 0


def _setup_failure(error: Exception, args: argparse.Namespace) -> str:
    """Why ``serve`` could not start, with the way out when its port is taken."""
    if isinstance(error, OSError) and error.errno == errno.EADDRINUSE:
        return (
            f"port {args.port} on {args.host} is in use (another slsplay serve?): stop what"
            " listens there, or serve on another port with --port N (0 picks a free one)"
        )
    return str(error)


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
    from slsplay import cli_reindex  # noqa: PLC0415  (see the imports above)

    refused = cli_reindex.refusal(args)
    if refused is not None:
        print(f"slsplay: {refused}", file=sys.stderr)
        return 2
    try:
        gateway = _gateway(args, settings)
    except (ValueError, LookupError, OSError) as e:
        print(f"slsplay: {e}", file=sys.stderr)
        return 1
    return cli_reindex.reindex(args, gateway)


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


def demo_data(args: argparse.Namespace, settings: Settings) -> int:
    """``seed`` (then the demo organizer's meetups) or ``meetups``, on the data directly."""
    from slsplay.bootstrap import bootstrap  # noqa: PLC0415  (see the imports above)
    from slsplay.domain.errors import DomainError  # noqa: PLC0415

    if args.data_dir is not None:
        settings = settings.model_copy(update={"data_dir": args.data_dir})
    try:
        app = bootstrap(settings)
        if args.command == "seed":
            meetup_id = seed(app)
            done = f"seeded meetup {meetup_id}" if meetup_id else "already seeded"
            print(f"{done}: log in as {DEMO_ORGANIZER} / {DEMO_PASSWORD} ({app.settings.data_dir})")
        for line in list_meetups(app, getattr(args, "organizer", DEMO_ORGANIZER)):
            print(line)
    except DomainError as e:
        print(f"slsplay: {e.message}", file=sys.stderr)
        return 1
    except OSError as e:  # e.g. a data directory that cannot be written
        print(f"slsplay: {e}", file=sys.stderr)
        return 1
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


def _data_dir_option(command: argparse.ArgumentParser) -> None:
    """``--data-dir`` on a command that reads or writes the local data, as after ``slsplay``."""
    # SUPPRESS keeps `slsplay --data-dir D serve` working: unset here, the top-level one stays.
    command.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=DATA_DIR_HELP)


class _PlainHelp(argparse.HelpFormatter):
    """The help with the docstrings' markup taken out, before the text is wrapped."""

    def _format_text(self, text: str) -> str:
        return super()._format_text(RST_LITERAL.sub(r"\1", text))

    def _expand_help(self, action: argparse.Action) -> str:
        return RST_LITERAL.sub(r"\1", super()._expand_help(action))


class _Parser(argparse.ArgumentParser):
    """The command's parsers, each subcommand's too (argparse makes those of this class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _PlainHelp)
        super().__init__(*args, **kwargs)


class _Version(argparse.Action):
    """``--version``: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show the version and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import version  # noqa: PLC0415  (only when asked for)

        print(f"{parser.prog} {version('slsplay')}")
        parser.exit()


def _serve_options(serving: argparse.ArgumentParser, settings: Settings) -> None:
    """The options of `slsplay serve`."""
    serving.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    serving.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    _backend_options(serving, settings)
    _data_dir_option(serving)
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


def _search_commands(commands: argparse._SubParsersAction[_Parser], settings: Settings) -> None:
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
    from slsplay import cli_reindex  # noqa: PLC0415  (its use cases load only when it runs)

    cli_reindex.add_options(reindex)
    reindex.add_argument("--template", type=Path, default=DEFAULT_TEMPLATE)
    _backend_options(reindex, settings)
    _data_dir_option(reindex)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``slsplay`` command."""
    try:
        settings = Settings.from_env()  # the options' defaults, and what the commands run on
    except ValueError as e:
        print(f"slsplay: {e}", file=sys.stderr)
        return 1
    parser = _Parser(prog="slsplay", description=__doc__)
    parser.add_argument("--version", action=_Version)
    parser.add_argument("--data-dir", type=Path, help=DATA_DIR_HELP)
    commands = parser.add_subparsers(dest="command", required=True)
    serving = commands.add_parser(
        "serve", help="serve the API of template.yaml and the web app", description=serve.__doc__
    )
    _serve_options(serving, settings)
    seeding = commands.add_parser("seed", help="create a demo organizer with a published meetup")
    schema = commands.add_parser("schema", help="write the GraphQL schema's SDL for the web app")
    schema.add_argument("--out", type=Path, default=SCHEMA_FILE, help=f"default {SCHEMA_FILE}")
    listing = commands.add_parser(
        "meetups", help="list an organizer's meetups", description=list_meetups.__doc__
    )
    listing.add_argument("--organizer", default=DEMO_ORGANIZER, help="the organizer's email")
    jobs = commands.add_parser("jobs", help="the template's scheduled jobs")
    job_commands = jobs.add_subparsers(dest="action", required=True)
    job_run = job_commands.add_parser(
        "run", help="run one scheduled job now", description=run_job.__doc__
    )
    job_run.add_argument(
        "name", help="its logical id (AttendeeListJob) or kebab name (attendee-list)"
    )
    job_run.add_argument("--template", type=Path, default=DEFAULT_TEMPLATE)
    dlq = commands.add_parser(
        "dlq",
        help="the dead-letter queues of the template's queues",
        description=dead_letters.__doc__,
    )
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
    analytics = commands.add_parser("analytics", help="SQL over the insights history")
    from slsplay import cli_analytics  # noqa: PLC0415  (loads only with its command)

    for runs_sql in cli_analytics.add_commands(analytics):
        _backend_options(runs_sql, settings)
        _data_dir_option(runs_sql)
    for sub in (seeding, listing, job_run, dlq_list, dlq_replay):
        _data_dir_option(sub)
    args = parser.parse_args(argv)
    deployed = args.command in ("search", "analytics")  # these also run on AWS itself
    if getattr(args, "backend", None) == "aws" and not args.aws_endpoint and not deployed:
        parser.error("--backend aws runs against an AWS-compatible endpoint: give --aws-endpoint")
    runners = {
        "serve": serve,
        "jobs": run_job,
        "dlq": dead_letters,
        "search": reindex_search,
        "analytics": cli_analytics.run,
    }
    if args.command in runners:
        return runners[args.command](args, settings)
    if args.command == "schema":
        return write_schema(args.out)
    return demo_data(args, settings)


if __name__ == "__main__":
    sys.exit(main())
