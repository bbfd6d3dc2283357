"""Secrets in the cloud: read from AWS Secrets Manager through Powertools Parameters, cached."""

from __future__ import annotations

from aws_lambda_powertools.utilities import parameters

CACHE_SECONDS = 300


def secret_bytes(name: str) -> bytes:
    """The secret called ``name`` (a PEM key, for example), cached for five minutes."""
    value = parameters.get_secret(name, max_age=CACHE_SECONDS)
    return value.encode() if isinstance(value, str) else bytes(value)
