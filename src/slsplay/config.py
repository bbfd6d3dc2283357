"""Settings, read from ``SLSPLAY_*`` environment variables in this one place."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Backend = Literal["local", "aws"]
Transcoder = Literal["ffmpeg", "mediaconvert"]
PaymentProvider = Literal["local", "stripe"]


@dataclass(frozen=True)
class Settings:
    """What the composition root needs to pick and build the adapters."""

    backend: Backend = "local"
    data_dir: Path = Path(".slsplay")
    table_name: str = "slsplay-dev"
    aws_region: str = "eu-west-1"
    aws_endpoint: str | None = None
    public_url: str = "http://127.0.0.1:8000"
    stage: str = "local"
    mail_from: str = "slsplay <no-reply@slsplay.example.com>"
    smtp_url: str | None = None
    media_bucket: str = "slsplay-media-dev"
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

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from the environment; unset variables keep their defaults."""
        env = os.environ if env is None else env
        backend = env.get("SLSPLAY_BACKEND", "local")
        if backend not in ("local", "aws"):
            raise ValueError(f"SLSPLAY_BACKEND must be local or aws, not {backend!r}")
        return cls(
            backend=backend,  # type: ignore[arg-type]  # checked just above
            data_dir=Path(env.get("SLSPLAY_DATA_DIR", ".slsplay")),
            table_name=env.get("SLSPLAY_TABLE_NAME", "slsplay-dev"),
            aws_region=env.get("AWS_REGION", env.get("AWS_DEFAULT_REGION", "eu-west-1")),
            aws_endpoint=env.get("SLSPLAY_AWS_ENDPOINT") or None,
            public_url=env.get("SLSPLAY_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/"),
            stage=env.get("SLSPLAY_STAGE", "local"),
            mail_from=env.get("SLSPLAY_MAIL_FROM") or "slsplay <no-reply@slsplay.example.com>",
            smtp_url=env.get("SLSPLAY_SMTP_URL") or None,
            media_bucket=env.get("SLSPLAY_MEDIA_BUCKET", "slsplay-media-dev"),
            transcoder=_transcoder(env.get("SLSPLAY_TRANSCODER", "ffmpeg")),
            mediaconvert_role_arn=env.get("SLSPLAY_MEDIACONVERT_ROLE_ARN") or None,
            mediaconvert_queue_arn=env.get("SLSPLAY_MEDIACONVERT_QUEUE_ARN") or None,
            graphql_introspection=env.get("SLSPLAY_GRAPHQL_INTROSPECTION", "on").lower()
            in ("on", "true", "1"),
            payments=_payment_provider(env.get("SLSPLAY_PAYMENTS", "local")),
            stripe_api_base=env.get("SLSPLAY_STRIPE_API_BASE") or None,
            oidc_providers=env.get("SLSPLAY_OIDC_PROVIDERS") or None,
        )


def _transcoder(value: str) -> Transcoder:
    if value not in ("ffmpeg", "mediaconvert"):
        raise ValueError(f"SLSPLAY_TRANSCODER must be ffmpeg or mediaconvert, not {value!r}")
    return value  # type: ignore[return-value]  # checked just above


def _payment_provider(value: str) -> PaymentProvider:
    if value not in ("local", "stripe"):
        raise ValueError(f"SLSPLAY_PAYMENTS must be local or stripe, not {value!r}")
    return value  # type: ignore[return-value]  # checked just above
