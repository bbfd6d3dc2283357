"""The composition root: the one place that picks adapters, from the settings, on first use."""

from __future__ import annotations

import contextlib
import hmac
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from slsplay.ports import (
    AccessTokens,
    AnalyticsHistory,
    Clock,
    FailedBatches,
    ItemStore,
    Mailer,
    MediaProcessor,
    MediaStorage,
    Metrics,
    PasswordHasher,
    Payments,
    Queue,
    SearchIndex,
    SecretMissing,
)
from slsplay.store.schema import TABLE

if TYPE_CHECKING:
    from collections.abc import Callable

    from slsplay.adapters.aws.cloudfront import CloudFrontEdgeCache
    from slsplay.adapters.local.checkpoints import SqliteCheckpoints
    from slsplay.adapters.local.edge_invalidations import SqliteEdgeInvalidations
    from slsplay.adapters.local.file_media import FileMediaStorage
    from slsplay.adapters.local.local_payments import LocalPayments
    from slsplay.adapters.local.sqlite_queue import SqliteQueues
    from slsplay.adapters.local.sqlite_store import SqliteItemStore
    from slsplay.adapters.oidc import AuthlibProviders
    from slsplay.config import Settings
    from slsplay.local.backend import InvalidationFeed
    from slsplay.local.devmail import Mailbox
    from slsplay.local.template import Stack
    from slsplay.services.auth import AuthPorts

SQLITE_FILE = "slsplay.db"
SIGNING_KEY_FILE = "signing-key.pem"
MAILBOX_DIR = "mailbox"
QUEUES_FILE = "queues.db"
PAYMENTS_FILE = "payments.db"
SEARCH_FILE = "search.db"
EDGE_FILE = "edge.db"  # the local edge cache's invalidations
MEDIA_DIR = "media"
ANALYTICS_DIR = "analytics"  # the analytics history's Parquet files, by day
BUCKETS_DIR = "buckets"  # the template's other buckets, one folder each
TOKEN_AUDIENCE = "slsplay"  # noqa: S105  (the audience template.yaml's authorizer accepts)


def _settings_from_environment() -> Settings:
    """This process's settings, read from its environment."""
    # Imported on the first invocation, as boto3 is, not with the handler's module: with
    # pydantic, pydantic-settings costs some 85-100 ms of CPU where a handler has not loaded
    # pydantic (about 20 ms where it has), which tests/unit/test_import_time.py would count.
    from slsplay.config import Settings  # noqa: PLC0415

    return Settings.from_env()


@dataclass
class Container:
    """Adapters for one process, each built the first time it is asked for."""

    settings: Settings = field(default_factory=_settings_from_environment)
    _queues: dict[str, Queue] = field(default_factory=dict, init=False, repr=False)

    @cached_property
    def clock(self) -> Clock:
        from slsplay.adapters.clock import SystemClock  # noqa: PLC0415

        return SystemClock()

    @cached_property
    def store(self) -> ItemStore:
        # Each backend's adapter is imported only when chosen: a Lambda function on the
        # AWS backend never loads sqlite3 code, and the local runtime never loads boto3.
        if self.settings.backend == "local":
            from slsplay.adapters.local.sqlite_store import SqliteItemStore  # noqa: PLC0415

            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            return SqliteItemStore(self.settings.data_dir / SQLITE_FILE, TABLE)
        from slsplay.adapters.aws.dynamo_store import DynamoItemStore  # noqa: PLC0415

        return DynamoItemStore(self.settings.table_name, TABLE, self.aws_client)

    @cached_property
    def metrics(self) -> Metrics:
        # EMF lines in the log on either backend: CloudWatch reads them in the cloud, and the
        # local runtime keeps each function's log as Lambda would.
        from slsplay.adapters.emf_metrics import EmfMetrics  # noqa: PLC0415

        return EmfMetrics(self.settings.metrics_namespace)

    @cached_property
    def hasher(self) -> PasswordHasher:
        from slsplay.adapters.passwords import Argon2PasswordHasher  # noqa: PLC0415

        return Argon2PasswordHasher()

    @cached_property
    def tokens(self) -> AccessTokens:
        from slsplay.adapters.tokens import JwtAccessTokens  # noqa: PLC0415

        key = self._signing_key
        return JwtAccessTokens(key, issuer=self.settings.public_url, audience=TOKEN_AUDIENCE)

    @cached_property
    def url_secret(self) -> bytes:
        """The key of the URLs slsplay signs itself (media streams; local media files),
        derived from the token-signing key, so that it needs no secret of its own."""
        return hmac.digest(self._signing_key, b"slsplay media urls", "sha256")

    @cached_property
    def invitee_secret(self) -> bytes:
        """The key of the invitees' pseudonyms in the analytics history, derived from the
        token-signing key: a stage secret that needs no secret of its own."""
        return hmac.digest(self._signing_key, b"slsplay analytics invitees", "sha256")

    @cached_property
    def analytics_history(self) -> AnalyticsHistory:
        # Firehose (Parquet on S3) in the cloud, Parquet files locally; imported when chosen.
        if self.settings.backend == "aws":
            from slsplay.adapters.aws.firehose_history import FirehoseHistory  # noqa: PLC0415

            return FirehoseHistory(self.settings.analytics_stream, self.aws_client)
        from slsplay.adapters.local.parquet_history import ParquetHistory  # noqa: PLC0415

        return ParquetHistory(self.settings.data_dir / ANALYTICS_DIR)

    @cached_property
    def _signing_key(self) -> bytes:
        if self.settings.backend == "local":
            from slsplay.adapters.local.keys import signing_key_file  # noqa: PLC0415

            return signing_key_file(self.settings.data_dir / SIGNING_KEY_FILE)
        from slsplay.adapters.aws.secrets import secret_bytes, signing_key_name  # noqa: PLC0415

        name = signing_key_name(self.settings.stage)
        return secret_bytes(name, self.aws_client("secretsmanager"))

    @cached_property
    def media(self) -> MediaStorage:
        # S3 in the cloud, a folder of the data directory locally; each imported when chosen.
        settings = self.settings
        if settings.backend == "aws":
            from slsplay.adapters.aws.s3_media import S3MediaStorage  # noqa: PLC0415

            return S3MediaStorage(settings.media_bucket, self.aws_client)
        from slsplay.adapters.local.file_media import FileMediaStorage  # noqa: PLC0415

        directory = settings.data_dir / MEDIA_DIR
        return FileMediaStorage(directory, settings.public_url, self.url_secret, self.clock)

    @cached_property
    def media_processor(self) -> MediaProcessor:
        settings = self.settings
        if settings.transcoder == "mediaconvert":
            from slsplay.adapters.aws.mediaconvert import MediaConvertProcessor  # noqa: PLC0415

            if settings.mediaconvert_role_arn is None:
                raise ValueError("SLSPLAY_MEDIACONVERT_ROLE_ARN is needed to use MediaConvert")
            return MediaConvertProcessor(
                self.media,
                settings.media_bucket,
                self.aws_client,
                role_arn=settings.mediaconvert_role_arn,
                queue_arn=settings.mediaconvert_queue_arn,
            )
        from slsplay.adapters.media_processing import FfmpegMediaProcessor  # noqa: PLC0415

        return FfmpegMediaProcessor(self.media)

    @cached_property
    def mailer(self) -> Mailer:
        # SES in the cloud, an SMTP server when one is configured (a local mail catcher),
        # else the mailbox directory that /_dev/mail shows. Imported only when chosen: a
        # function on the AWS backend never loads smtplib, and the local one never boto3.
        settings = self.settings
        if settings.backend == "aws":
            from slsplay.adapters.aws.ses import SesMailer  # noqa: PLC0415

            return SesMailer(self.aws_client, settings.mail_from)
        if settings.smtp_url:
            from slsplay.adapters.smtp import SmtpMailer  # noqa: PLC0415

            return SmtpMailer(settings.smtp_url, sender=settings.mail_from)
        from slsplay.adapters.local.mailbox import MailboxMailer  # noqa: PLC0415

        return MailboxMailer(
            settings.data_dir / MAILBOX_DIR, sender=settings.mail_from, clock=self.clock
        )

    @cached_property
    def identity_providers(self) -> AuthlibProviders:
        """The social sign-in providers: from the settings, or the stage's secret."""
        from slsplay.adapters.oidc import AuthlibProviders, parse_providers  # noqa: PLC0415

        text = self.settings.oidc_providers
        if text is None and self.settings.backend == "aws":
            from slsplay.adapters.aws.secrets import (  # noqa: PLC0415
                secret_bytes,
                sign_in_providers_name,
            )

            name = sign_in_providers_name(self.settings.stage)
            with contextlib.suppress(SecretMissing):  # none: sign-in is by email only
                text = secret_bytes(name, self.aws_client("secretsmanager")).decode()
        return AuthlibProviders(parse_providers(text))

    @cached_property
    def payments(self) -> Payments:
        # Stripe in the cloud, with its keys from Secrets Manager; else the local provider,
        # whose webhook key is derived from the signing key. Each imported when chosen.
        settings = self.settings
        if settings.payments == "stripe":
            import json  # noqa: PLC0415

            from slsplay.adapters.aws.secrets import secret_bytes, stripe_keys_name  # noqa: PLC0415
            from slsplay.adapters.stripe_payments import StripePayments  # noqa: PLC0415

            name = stripe_keys_name(settings.stage)
            keys = json.loads(secret_bytes(name, self.aws_client("secretsmanager")))
            clock = self.clock
            return StripePayments(
                keys["secret_key"],
                keys["webhook_secret"],
                api_base=settings.stripe_api_base,
                clock=lambda: clock.now().timestamp(),
            )
        from slsplay.adapters.local.local_payments import LocalPayments  # noqa: PLC0415

        settings.data_dir.mkdir(parents=True, exist_ok=True)
        secret = hmac.digest(self._signing_key, b"slsplay local payment webhooks", "sha256")
        return LocalPayments(
            settings.data_dir / PAYMENTS_FILE, settings.public_url, secret.hex(), self.clock
        )

    @cached_property
    def search(self) -> SearchIndex:
        # Locally SQLite's FTS5 in its own file; in the cloud an index kept in the table
        # itself (no search cluster to pay for at idle). Each imported when chosen.
        if self.settings.backend == "local":
            from slsplay.adapters.local.sqlite_search import SqliteSearchIndex  # noqa: PLC0415

            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            return SqliteSearchIndex(self.settings.data_dir / SEARCH_FILE)
        from slsplay.adapters.table_search.index import TableSearchIndex  # noqa: PLC0415

        return TableSearchIndex(self.store)

    @cached_property
    def auth(self) -> AuthPorts:
        from slsplay.services.auth import AuthPorts  # noqa: PLC0415

        # The functions that email links and codes have the notifier's queue in their
        # environment, as the template gives it to them.
        outbox = self.settings.queue_urls.get("NOTIFIER")
        return AuthPorts(
            self.store,
            self.clock,
            self.hasher,
            self.tokens,
            outbox=None if outbox is None else self.queue(outbox),
        )

    @cached_property
    def edge_cache(self) -> SqliteEdgeInvalidations | CloudFrontEdgeCache:
        """The edge cache's invalidations, made by the functions and read by the local
        runtime's emulated edge: a file locally, CloudFront's own in the cloud."""
        if self.settings.backend == "local":
            from slsplay.adapters.local.edge_invalidations import (  # noqa: PLC0415
                SqliteEdgeInvalidations,
            )

            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            return SqliteEdgeInvalidations(self.settings.data_dir / EDGE_FILE)
        from slsplay.adapters.aws.cloudfront import CloudFrontEdgeCache  # noqa: PLC0415

        if self.settings.edge_distribution_id is None:
            raise LookupError(
                "SLSPLAY_EDGE_DISTRIBUTION_ID is not set: template.yaml gives the distribution"
                " to the functions that invalidate its cache"
            )
        return CloudFrontEdgeCache(self.settings.edge_distribution_id, self.aws_client)

    def failed_batches(self, bucket: str) -> FailedBatches:
        """The bucket where a stream mapping keeps the batches it gave up on: a folder of the
        data directory locally, S3 in the cloud."""
        if self.settings.backend == "local":
            from slsplay.adapters.local.file_batches import FileFailedBatches  # noqa: PLC0415

            return FileFailedBatches(self.settings.data_dir / BUCKETS_DIR / bucket, bucket)
        from slsplay.adapters.aws.s3_batches import S3FailedBatches  # noqa: PLC0415

        return S3FailedBatches(bucket, self.aws_client)

    def queue(self, url: str) -> Queue:
        """The queue a template's ``!Ref`` names (its URL): SQLite locally, SQS in the cloud.

        Locally the URL's last segment is the queue's name in the data directory's queue
        file. Producers only send, so no redrive policy is needed here: the local runtime's
        pumps, which receive, configure their own.
        """
        if url not in self._queues:
            if self.settings.backend == "local":
                name = url.rstrip("/").rsplit("/", 1)[-1]
                self._queues[url] = self._sqlite_queues.queue(name)
            else:
                from slsplay.adapters.aws.sqs_queue import SqsQueue  # noqa: PLC0415

                self._queues[url] = SqsQueue(url, self.aws_client)
        return self._queues[url]

    @cached_property
    def _sqlite_queues(self) -> SqliteQueues:
        from slsplay.adapters.local.sqlite_queue import SqliteQueues  # noqa: PLC0415

        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        return SqliteQueues(self.settings.data_dir / QUEUES_FILE, self.clock)

    def aws_client(self, service: str) -> Any:
        """A client of an AWS service, at the configured endpoint when there is one."""
        import boto3  # noqa: PLC0415, TID251  (composition root: builds the AWS clients)
        from botocore.config import Config  # noqa: PLC0415

        # Short timeouts, as suits Lambda (botocore waits 60 s by default): a call that hangs
        # is retried on a fresh connection, well within the function's own timeout.
        config = Config(connect_timeout=5, read_timeout=10, retries={"mode": "standard"})
        if service == "s3":
            # Presigned POSTs and URLs with SigV4: botocore would presign with the deprecated
            # SigV2 in regions that still take it (S3MediaStorage refuses such tickets).
            config = config.merge(Config(signature_version="s3v4"))
        return boto3.client(
            service,  # type: ignore[call-overload]
            region_name=self.settings.aws_region,
            endpoint_url=self.settings.aws_endpoint,
            config=config,
        )


def bootstrap(settings: Settings | None = None) -> Container:
    """The adapters the settings ask for (from the environment when none are given)."""
    return Container(settings) if settings is not None else Container()


@dataclass
class RuntimeParts:
    """What the local runtime drives of the backend its functions run on (its
    ``RuntimeBackend``): the same adapters the functions build from the same settings, and
    the runtime's own (its checkpoints, the queues with their redrive policies)."""

    settings: Settings
    clock: Clock
    _closing: list[Any] = field(default_factory=list, init=False, repr=False)

    @property
    def kind(self) -> Literal["local", "aws"]:
        """The backend: ``local`` or ``aws`` (an AWS endpoint)."""
        return self.settings.backend

    @cached_property
    def adapters(self) -> Container:
        """The backend's adapters, as the functions have them."""
        return Container(self.settings)

    @cached_property
    def store(self) -> ItemStore:
        """The table: SQLite's change feed, or DynamoDB Streams."""
        store = self.adapters.store
        self._closing.append(store)
        return store

    @cached_property
    def checkpoints(self) -> SqliteCheckpoints:
        """The pumps' places, in the data directory's queue file (on either backend)."""
        from slsplay.adapters.local.checkpoints import SqliteCheckpoints  # noqa: PLC0415

        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        checkpoints = SqliteCheckpoints(self.settings.data_dir / QUEUES_FILE)
        self._closing.append(checkpoints)
        return checkpoints

    def queue(
        self,
        name: str,
        url: str,
        *,
        visibility_timeout: int,
        dead_letter: Queue | None = None,
        max_receive_count: int | None = None,
    ) -> Queue:
        """A template queue: SQS's own at an AWS endpoint (its redrive policy is SQS's);
        locally, the queue file's, with the policy and the runtime's clock."""
        if self.kind == "aws":
            return self.adapters.queue(url)
        from slsplay.adapters.local.sqlite_queue import SqliteQueue  # noqa: PLC0415

        assert dead_letter is None or isinstance(dead_letter, SqliteQueue)
        return self._sqlite_queues.queue(
            name,
            dead_letter=dead_letter,
            max_receive_count=max_receive_count,
            visibility_timeout=visibility_timeout,
        )

    @cached_property
    def _sqlite_queues(self) -> SqliteQueues:
        from slsplay.adapters.local.sqlite_queue import SqliteQueues  # noqa: PLC0415

        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        queues = SqliteQueues(self.settings.data_dir / QUEUES_FILE, self.clock)
        self._closing.append(queues)
        return queues

    def failed_batches(self, bucket: str) -> FailedBatches:
        """The bucket where a stream mapping keeps the batches it gave up on."""
        return self.adapters.failed_batches(bucket)

    def expiring(self) -> SqliteItemStore | None:
        """The local table, which the runtime expires itself; None at an AWS endpoint
        (whose tables expire their items themselves, or not at all)."""
        if self.kind != "local":
            return None
        from slsplay.adapters.local.sqlite_store import SqliteItemStore  # noqa: PLC0415

        store = self.store
        assert isinstance(store, SqliteItemStore)
        return store

    def mailbox(self) -> Mailbox:
        """The mail the functions sent: the mailbox directory, or what SES accepted."""
        if self.kind == "aws":
            from slsplay.local.devmail import EmulatedSesOutbox  # noqa: PLC0415

            return EmulatedSesOutbox(self.settings.aws_endpoint or "")
        from slsplay.adapters.local.mailbox import MailboxMailer  # noqa: PLC0415

        return MailboxMailer(self.settings.data_dir / MAILBOX_DIR)

    def media_files(self) -> FileMediaStorage | None:
        """The media bucket's files, which the runtime serves itself (locally)."""
        if self.kind == "aws":
            return None
        from slsplay.adapters.local.file_media import FileMediaStorage  # noqa: PLC0415

        storage = self.adapters.media
        assert isinstance(storage, FileMediaStorage)
        return storage

    def send_to_queue(self) -> Callable[[str, str], None]:
        """Sends a body to a queue by its URL (the media bucket's upload notifications)."""

        def send(url: str, body: str) -> None:
            self.adapters.queue(url).send(body)

        return send

    def local_payments(self) -> LocalPayments:
        """The local payment provider, whose checkout pages the runtime serves."""
        from slsplay.adapters.local.local_payments import LocalPayments  # noqa: PLC0415

        payments = self.adapters.payments
        assert isinstance(payments, LocalPayments)
        return payments

    def edge_invalidations(self, distribution_id: str | None) -> InvalidationFeed | None:
        """The invalidations the functions made, which the emulated edge applies: the data
        directory's locally; at an AWS endpoint, those of the distribution (if any)."""
        if self.kind == "local":
            return self.adapters.edge_cache
        if distribution_id is None:
            return None
        from slsplay.adapters.aws.cloudfront import CloudFrontEdgeCache  # noqa: PLC0415

        return CloudFrontEdgeCache(distribution_id, self.adapters.aws_client)

    def provision(self, stack: Stack, stage: str) -> dict[str, str]:
        """Create what the template needs at the AWS endpoint (nothing locally); answers
        the ids the endpoint chose, by logical id."""
        if self.kind != "aws":
            return {}
        from slsplay.local.cloud import provision  # noqa: PLC0415  (boto3: AWS only)

        return provision(
            stack, self.adapters.aws_client, stage=stage, mail_from=self.settings.mail_from
        )

    def close(self) -> None:
        """Close the files and connections opened."""
        for opened in self._closing:
            opened.close()
        self._closing.clear()
        # Used again, everything is built afresh (the container too: it holds the store).
        for name in ("adapters", "store", "checkpoints", "_sqlite_queues"):
            self.__dict__.pop(name, None)


def runtime_backend(settings: Settings, clock: Clock | None = None) -> RuntimeParts:
    """What the local runtime drives of the backend the settings name, on ``clock``
    (the system's when none is given; tests move their own)."""
    if clock is None:
        from slsplay.adapters.clock import SystemClock  # noqa: PLC0415

        clock = SystemClock()
    return RuntimeParts(settings, clock)
