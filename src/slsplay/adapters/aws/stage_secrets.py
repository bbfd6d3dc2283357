"""``make secrets STAGE=name``: a stage's secrets in AWS Secrets Manager, created when absent.

- The RSA private key that signs the stage's access tokens (API Gateway's JWT authorizer
  accepts RSA keys only). It is generated here and goes straight to Secrets Manager, never to
  a file or the terminal. A key that exists is kept as it is: a new one would sign everyone
  out.
- The stage's Stripe keys, for paid meetups: the API secret key and the webhook endpoint's
  signing secret, given as STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET in the environment
  (never as arguments, which shells keep in their history). Given, they are stored (a new
  version when the secret exists: keys are rolled so); not given, the stage is said to lack
  them.
- The stage's social sign-in providers (optional), given as SLSPLAY_OIDC_PROVIDERS in the
  environment, the JSON the local runtime reads from that variable: checked, then stored as
  the Stripe keys are. Without them, people sign in by email only.

The account and region are boto3's usual ones (AWS_PROFILE, AWS_DEFAULT_REGION, ...);
AWS_ENDPOINT_URL sends the calls elsewhere (moto's server, say).

Run: python -m slsplay.adapters.aws.stage_secrets STAGE
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from typing import Any

import boto3
from botocore.exceptions import ClientError, NoRegionError

from slsplay.adapters.aws.secrets import (
    secret_not_found,
    sign_in_providers_name,
    signing_key_name,
    stripe_keys_name,
)
from slsplay.adapters.oidc import parse_providers
from slsplay.adapters.tokens import new_signing_key
from slsplay.config import Settings

# template.yaml's Stage parameter takes these names only.
STAGE_NAME = re.compile(r"[a-z][a-z0-9-]{1,20}")


def create_signing_key(client: Any, stage: str) -> bool:
    """Create the stage's token-signing key unless it exists; True when it was created."""
    try:
        client.create_secret(
            Name=signing_key_name(stage),
            Description=f"slsplay: the RSA key that signs the {stage} stage's access tokens",
            SecretString=new_signing_key().decode(),
        )
    except ClientError as e:
        if e.response.get("Error", {}).get("Code") == "ResourceExistsException":
            return False
        raise
    return True


def store_stripe_keys(client: Any, stage: str, secret_key: str, webhook_secret: str) -> str:
    """Store the stage's Stripe keys; answers ``created`` or ``updated``."""
    value = json.dumps({"secret_key": secret_key, "webhook_secret": webhook_secret})
    description = f"slsplay: the {stage} stage's Stripe keys (paid meetups)"
    return _put_secret(client, stripe_keys_name(stage), description, value)


def store_sign_in_providers(client: Any, stage: str, providers_json: str) -> str:
    """Store the stage's social sign-in providers once they check out (``ValueError`` says
    what is wrong, and nothing is stored); answers ``created`` or ``updated``."""
    parse_providers(providers_json)
    description = f"slsplay: the {stage} stage's social sign-in providers (OpenID Connect)"
    return _put_secret(client, sign_in_providers_name(stage), description, providers_json)


def _put_secret(client: Any, name: str, description: str, value: str) -> str:
    """Create the secret, or add a new version when it exists; answers which."""
    try:
        client.create_secret(Name=name, Description=description, SecretString=value)
    except ClientError as e:
        if e.response.get("Error", {}).get("Code") != "ResourceExistsException":
            raise
        client.put_secret_value(SecretId=name, SecretString=value)
        return "updated"
    return "created"


def _has_secret(client: Any, name: str) -> bool:
    try:
        client.describe_secret(SecretId=name)
    except ClientError as e:
        if secret_not_found(e):
            return False
        raise
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Create what the stage lacks; say what was created and what was kept."""
    parser = argparse.ArgumentParser(prog="make secrets", description=__doc__.split("\n")[0])
    parser.add_argument("stage", help="the stage's name, as in make deploy STAGE=...")
    stage = parser.parse_args(argv).stage
    if STAGE_NAME.fullmatch(stage) is None:
        parser.error(f"{stage!r} is not a stage name ({STAGE_NAME.pattern})")
    try:
        settings = Settings.from_env()  # the keys and providers to store, if given
    except ValueError as e:
        parser.error(str(e))
    try:
        client = boto3.client("secretsmanager")
    except NoRegionError:
        print("No AWS region: set AWS_DEFAULT_REGION or your profile's region.", file=sys.stderr)
        return 1
    name = signing_key_name(stage)
    if create_signing_key(client, stage):
        print(f"created {name}")
    else:
        print(f"kept {name}: it exists")
    stripe_name = stripe_keys_name(stage)
    secret_key, webhook_secret = settings.stripe_secret_key, settings.stripe_webhook_secret
    if secret_key and webhook_secret:
        stored = store_stripe_keys(
            client, stage, secret_key.get_secret_value(), webhook_secret.get_secret_value()
        )
        print(f"{stored} {stripe_name}")
    elif not _has_secret(client, stripe_name):
        print(
            f"no {stripe_name}: paid meetups cannot take payments until it exists; set "
            "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET and run this again",
            file=sys.stderr,
        )
    sign_in_name = sign_in_providers_name(stage)
    providers = settings.oidc_providers
    if providers:
        try:
            print(f"{store_sign_in_providers(client, stage, providers)} {sign_in_name}")
        except ValueError as e:
            print(f"not stored: {e}", file=sys.stderr)
            return 1
    elif not _has_secret(client, sign_in_name):
        print(
            f"no {sign_in_name}: people sign in by email only; set SLSPLAY_OIDC_PROVIDERS "
            "(JSON, as the README shows) and run this again to add social sign-in",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
