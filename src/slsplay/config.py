"""Settings, read from the environment in this one place: the ``SLSPLAY_*`` variables the
template gives each function (and the local runtime its own), the region Lambda sets, and the
Stripe keys ``make secrets`` stores."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import ErrorDetails
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)
from pydantic_settings.sources.utils import parse_env_vars

Backend = Literal["local", "aws"]
Transcoder = Literal["ffmpeg", "mediaconvert"]
PaymentProvider = Literal["local", "stripe"]

ENV_PREFIX = "SLSPLAY_"
# SLSPLAY_QUEUE_URL_NOTIFIER: the URL of the queue the notifier reads, for its producers.
QUEUE_URL_PREFIX = f"{ENV_PREFIX}QUEUE_URL_"
DEFAULT_MAIL_FROM = "slsplay <no-reply@slsplay.example.com>"
# The settings that take one of a few words, and the words.
_CHOICES = {
    "backend": get_args(Backend),
    "transcoder": get_args(Transcoder),
    "payments": get_args(PaymentProvider),
}


class Settings(BaseSettings):
    """What the composition root needs to pick and build the adapters.

    ``Settings.from_env()`` reads each field from ``SLSPLAY_<FIELD>`` (``SLSPLAY_TABLE_NAME``
    for ``table_name``), unless the field names its own variables; unset variables keep the
    defaults. Values given to the constructor win over the process's environment.
    """

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True)

    backend: Backend = "local"
    data_dir: Path = Path(".slsplay")
    table_name: str = "slsplay-dev"
    # Lambda sets AWS_REGION; AWS_DEFAULT_REGION is boto3's own, for a shell.
    aws_region: str = Field(
        "eu-west-1", validation_alias=AliasChoices("AWS_REGION", "AWS_DEFAULT_REGION")
    )
    aws_endpoint: str | None = None
    public_url: str = "http://127.0.0.1:8000"
    stage: str = "local"
    mail_from: str = DEFAULT_MAIL_FROM
    smtp_url: str | None = None
    media_bucket: str = "slsplay-media-dev"
    # The Firehose delivery stream of the analytics history (the cloud's; locally Parquet
    # files in the data directory).
    analytics_stream: str = "slsplay-dev-analytics"
    # Days the raw history is kept (the template's AnalyticsRetentionDays).
    analytics_retention_days: int = 400
    # Who converts videos: ffmpeg in the function, or a MediaConvert job (the cloud's; the
    # local runtime on the AWS backend keeps ffmpeg, since no MediaConvert runs offline).
    transcoder: Transcoder = "ffmpeg"
    mediaconvert_role_arn: str | None = None
    mediaconvert_queue_arn: str | None = None
    # GraphQL's introspection: on locally, a template parameter in the cloud.
    graphql_introspection: bool = True
    # Who takes payments: Stripe (the cloud's), or the local provider (the local runtime's,
    # on either backend: no Stripe is reachable offline).
    payments: PaymentProvider = "local"
    # Another address for Stripe's API (a test double such as stripe-mock); None: Stripe's.
    stripe_api_base: str | None = None
    # Social sign-in providers, as JSON (adapters/oidc.py's parse_providers); in the cloud
    # the stage's secret slsplay/<stage>/sign-in holds them instead.
    oidc_providers: str | None = None
    # The stage's Stripe keys, for ``make secrets`` to store (functions read them from Secrets
    # Manager, never from here); unprefixed, as Stripe's own tools name them. SecretStr keeps
    # them out of a printed or logged Settings.
    stripe_secret_key: SecretStr | None = Field(None, validation_alias="STRIPE_SECRET_KEY")
    stripe_webhook_secret: SecretStr | None = Field(None, validation_alias="STRIPE_WEBHOOK_SECRET")
    # The CloudWatch namespace of the product's metrics (template.yaml's Globals give it to
    # every function, under the name Powertools reads).
    metrics_namespace: str = Field("slsplay", validation_alias="POWERTOOLS_METRICS_NAMESPACE")
    # The queues a function sends to, by their consumer's name as its variable spells it:
    # {"NOTIFIER": url} from SLSPLAY_QUEUE_URL_NOTIFIER (the template's !Ref of the queue).
    queue_urls: dict[str, str] = Field(default_factory=dict)
    # The CloudFront distribution in front of the public pages, whose cached copies the
    # edge-cache consumer invalidates (the template's !Ref of it).
    edge_distribution_id: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``env`` alone (this process's environment when None); unset
        variables keep their defaults. A bad value is a ``ValueError`` naming its variable."""
        try:
            # BaseSettings.__init__ takes the sources to read; pydantic's dataclass_transform
            # shows mypy only the fields.
            return cls(_build_sources=((_Environment(cls, env),), {}))  # type: ignore[call-arg]
        except ValidationError as e:
            # The validators' own words name the variable; pydantic's report adds only noise.
            raise ValueError("; ".join(_reason(error) for error in e.errors())) from e

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """The constructor's values, then the environment: no ``.env`` file, no secrets
        directory (a function has only the variables its template gives it)."""
        return init_settings, _Environment(settings_cls)

    def queue_url(self, consumer: str) -> str:
        """The URL of the queue ``consumer`` reads (``SLSPLAY_QUEUE_URL_<consumer>``)."""
        try:
            return self.queue_urls[consumer]
        except KeyError:
            raise LookupError(
                f"{QUEUE_URL_PREFIX}{consumer} is not set: template.yaml gives the queue's URL to"
                " the functions that send to it"
            ) from None

    @field_validator(*_CHOICES, mode="before")
    @classmethod
    def _one_of_the_choices(cls, value: Any, info: ValidationInfo) -> Any:
        field = info.field_name or ""
        choices = _CHOICES[field]
        if value not in choices:
            words = " or ".join(choices)
            raise ValueError(f"{ENV_PREFIX}{field.upper()} must be {words}, not {value!r}")
        return value

    @field_validator(
        "aws_endpoint",
        "smtp_url",
        "mediaconvert_role_arn",
        "mediaconvert_queue_arn",
        "stripe_api_base",
        "oidc_providers",
        "stripe_secret_key",
        "stripe_webhook_secret",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: Any) -> Any:
        # A template parameter left blank arrives as an empty variable: nothing configured.
        return value or None

    @field_validator("mail_from", mode="before")
    @classmethod
    def _empty_sender_is_the_default(cls, value: Any) -> Any:
        return value or DEFAULT_MAIL_FROM

    @field_validator("graphql_introspection", mode="before")
    @classmethod
    def _on_true_or_1(cls, value: Any) -> Any:
        # Any other word turns it off, where pydantic would refuse most words.
        return value.lower() in ("on", "true", "1") if isinstance(value, str) else value

    @field_validator("public_url")
    @classmethod
    def _without_trailing_slash(cls, value: str) -> str:
        # Paths are appended to it ("/rsvp/..."), and tokens name it as their issuer.
        return value.rstrip("/")


class _Environment(EnvSettingsSource):
    """pydantic-settings' environment source over ``environ`` (the process's when None), and
    the ``SLSPLAY_QUEUE_URL_*`` variables, which no field can name in advance."""

    def __init__(
        self, settings_cls: type[BaseSettings], environ: Mapping[str, str] | None = None
    ) -> None:
        self.environ = os.environ if environ is None else environ
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        # The one hook pydantic-settings has for another mapping than os.environ (its .env
        # file source overrides it too).
        return parse_env_vars(
            self.environ, self.case_sensitive, self.env_ignore_empty, self.env_parse_none_str
        )

    def __call__(self) -> dict[str, Any]:
        values = super().__call__()
        urls = {
            name.removeprefix(QUEUE_URL_PREFIX): url
            for name, url in self.environ.items()
            if name.startswith(QUEUE_URL_PREFIX)
        }
        if urls:
            values["queue_urls"] = urls
        return values


def _reason(error: ErrorDetails) -> str:
    """One validation error in words: a validator's message, else the field's and pydantic's."""
    raised = error.get("ctx", {}).get("error")
    if raised is not None:
        return str(raised)
    return f"{'.'.join(map(str, error['loc']))}: {error['msg']}"
