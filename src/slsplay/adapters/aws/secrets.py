"""Secrets in the cloud: read from AWS Secrets Manager through Powertools Parameters, cached.

A function reads a secret at most once per five minutes per execution environment, with the
client the composition root builds (its endpoint, region and timeouts): the local runtime's
AWS backend reads moto's secrets exactly as a function reads AWS's.
"""

from __future__ import annotations

import functools
from typing import Any

from aws_lambda_powertools.utilities import parameters
from botocore.exceptions import ClientError

from slsplay.ports import SecretMissing

CACHE_SECONDS = 300


def signing_key_name(stage: str) -> str:
    """The secret holding a stage's token-signing key (template.yaml grants it to the auth
    function alone; ``make secrets`` creates it)."""
    return f"slsplay/{stage}/signing-key"


def stripe_keys_name(stage: str) -> str:
    """The secret holding a stage's Stripe keys, as JSON: ``{"secret_key": "sk_...",
    "webhook_secret": "whsec_..."}`` (the operator stores it; template.yaml grants it to the
    payments and notifier functions)."""
    return f"slsplay/{stage}/stripe"


def sign_in_providers_name(stage: str) -> str:
    """The secret holding a stage's social sign-in providers, as JSON (see
    ``adapters/oidc.py``); optional: without it, sign-in is by email only."""
    return f"slsplay/{stage}/sign-in"


def secret_bytes(name: str, client: Any) -> bytes:
    """The secret called ``name`` (a PEM key, for example), read with the Secrets Manager
    ``client`` and cached for five minutes; ``SecretMissing`` when none is stored so."""
    try:
        value = _provider(client).get(name, max_age=CACHE_SECONDS)
    except parameters.GetParameterError as e:
        # Powertools wraps every error of the client in its own, with the client's as context.
        if secret_not_found(e.__context__):
            raise SecretMissing(name) from e
        raise
    if isinstance(value, str):
        return value.encode()
    if isinstance(value, bytes):
        return value
    raise TypeError(f"the secret {name} is neither text nor binary")


def secret_not_found(error: BaseException | None) -> bool:
    """Whether ``error`` is Secrets Manager's answer for a name it does not hold."""
    return (
        isinstance(error, ClientError)
        and error.response.get("Error", {}).get("Code") == "ResourceNotFoundException"
    )


@functools.lru_cache(maxsize=8)
def _provider(client: Any) -> parameters.SecretsProvider:
    # One provider, and so one cache, per client: a process has one, built on first use.
    return parameters.SecretsProvider(boto3_client=client)
