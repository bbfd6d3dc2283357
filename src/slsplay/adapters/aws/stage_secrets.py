"""``make secrets STAGE=name``: a stage's secrets in AWS Secrets Manager, created when absent.

There is one so far: the RSA private key that signs the stage's access tokens (API Gateway's
JWT authorizer accepts RSA keys only). It is generated here and goes straight to Secrets
Manager, never to a file or the terminal. A secret that exists is kept as it is: a new key
would sign everyone out. The account and region are boto3's usual ones (AWS_PROFILE,
AWS_DEFAULT_REGION, ...); AWS_ENDPOINT_URL sends the calls elsewhere (moto's server, say).

Run: python -m slsplay.adapters.aws.stage_secrets STAGE
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any

import boto3
from botocore.exceptions import ClientError, NoRegionError

from slsplay.adapters.aws.secrets import signing_key_name
from slsplay.adapters.tokens import new_signing_key

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


def main(argv: Sequence[str] | None = None) -> int:
    """Create what the stage lacks; say what was created and what was kept."""
    parser = argparse.ArgumentParser(prog="make secrets", description=__doc__.split("\n")[0])
    parser.add_argument("stage", help="the stage's name, as in make deploy STAGE=...")
    stage = parser.parse_args(argv).stage
    if STAGE_NAME.fullmatch(stage) is None:
        parser.error(f"{stage!r} is not a stage name ({STAGE_NAME.pattern})")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
