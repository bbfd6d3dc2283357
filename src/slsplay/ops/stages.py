"""A stage's whole life on AWS: deployed, destroyed, and deployed again under the same name.

``make deploy``, ``make adopt``, ``make destroy`` and ``make test-remote`` run this module; the
Makefile runs sam, this module the rest:

- ``stack-name STAGE``, ``deploy-args STAGE``: the stage's stack. A stage with a
  ``[STAGE.deploy.parameters]`` section in samconfig.toml deploys with that section's values
  (``--config-env STAGE``) and its ``stack_name``; any other as ``slsplay-STAGE`` with the
  template's defaults and ``Stage=STAGE``.
- ``check STAGE``, before ``sam deploy``: the stage's data (template.yaml's resources with
  ``DeletionPolicy: Retain``: the table, the media bucket) keeps its fixed names when its stack
  is deleted, or when a first deploy rolls back. A new stack would fail half-way on those
  names, so the deploy is refused, before anything is built, while any of them exists outside
  the stack; the message gives the two ways on: adopt them, or delete them.
- ``adopt STAGE``: imports the retained resources into a new stack of the stage (a
  CloudFormation resource import), so that the next deploy updates them instead of creating
  them: the stage comes back with its meetups, accounts and uploads.
- ``empty STAGE``, before ``sam delete``: CloudFormation deletes no bucket that holds objects,
  so every bucket the stack owns and does not retain is emptied, versions and delete markers too.
- ``kept STAGE``, after: what outlives the stack (the retained resources and the secrets
  ``make secrets`` made) and the exact commands that remove each.
- ``url STAGE``: the deployed stage's address, for ``make test-remote``.
- ``empty-bucket BUCKET``: the emptying above, for a retained bucket that is versioned.

The account and region are boto3's usual ones (``AWS_PROFILE``, ``AWS_DEFAULT_REGION``...).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError, WaiterError

from slsplay.adapters.aws.web_publish import stack_outputs
from slsplay.local.template import DEFAULT_TEMPLATE, Stack, load_template

Clients = Callable[[str], Any]

# The property that identifies a retained resource, by type: its name, fixed by the template,
# and its identifier in a CloudFormation import.
IDENTIFIERS = {"AWS::DynamoDB::Table": "TableName", "AWS::S3::Bucket": "BucketName"}
_KINDS = {"AWS::DynamoDB::Table": "table", "AWS::S3::Bucket": "bucket"}
_RETAINING = {"Retain", "RetainExceptOnCreate"}
# A stack's resources in these states are no longer its: deleted, or left behind (retained).
_LEFT = {"DELETE_COMPLETE", "DELETE_SKIPPED"}
# A stack in these states can take an import that creates it anew.
_IMPORTABLE = {None, "REVIEW_IN_PROGRESS"}
ADOPTION = "adopt-retained-data"


class StageError(Exception):
    """A step of a stage's life that cannot go on; the message says what to do."""


@dataclass(frozen=True)
class Stage:
    """A stage as samconfig.toml and the Makefile deploy it."""

    name: str
    stack: str
    # The template's parameter values the stage deploys with (Stage=..., from samconfig.toml).
    parameters: dict[str, str]
    config_env: str | None

    def deploy_args(self) -> list[str]:
        """The arguments of ``sam deploy`` for this stage."""
        if self.config_env is not None:
            return ["--config-env", self.config_env]
        return [
            "--stack-name",
            self.stack,
            "--s3-prefix",
            self.stack,
            "--parameter-overrides",
            f"Stage={self.name}",
        ]


@dataclass(frozen=True)
class Kept:
    """A resource of the stage that outlives its stack, and the commands that remove it."""

    kind: str
    name: str
    removal: tuple[str, ...]
    # For the template's retained resources: what an import into a new stack needs.
    logical_id: str | None = None
    resource_type: str | None = None

    def import_entry(self) -> dict[str, Any]:
        """This resource in an import change set's ``ResourcesToImport``."""
        assert self.logical_id is not None
        assert self.resource_type is not None
        return {
            "ResourceType": self.resource_type,
            "LogicalResourceId": self.logical_id,
            "ResourceIdentifier": {IDENTIFIERS[self.resource_type]: self.name},
        }


@dataclass(frozen=True)
class Place:
    """Where the stage lives: account and region (the names of its buckets carry the account)."""

    account: str
    region: str
    clients: Clients = field(repr=False)

    @classmethod
    def of(cls, clients: Clients) -> Place:
        """The account and region the clients call."""
        sts = clients("sts")
        return cls(sts.get_caller_identity()["Account"], sts.meta.region_name, clients)


def read_stage(name: str, samconfig: Path, template: dict[str, Any]) -> Stage:
    """The stage ``name`` as samconfig.toml (when it has a section for it) deploys it."""
    config = tomllib.loads(samconfig.read_text()) if samconfig.is_file() else {}
    environment = config.get(name)
    if isinstance(environment, dict) and "deploy" in environment:
        deploy = environment["deploy"].get("parameters", {})
        shared = environment.get("global", {}).get("parameters", {})
        stack = deploy.get("stack_name") or shared.get("stack_name") or f"slsplay-{name}"
        overrides = deploy.get("parameter_overrides", [])
        items = shlex.split(overrides) if isinstance(overrides, str) else list(overrides)
        parameters = {"Stage": name, **dict(item.split("=", 1) for item in items)}
        stage = Stage(name, str(stack), parameters, name)
    else:
        stage = Stage(name, f"slsplay-{name}", {"Stage": name}, None)
    _stack(template, stage, "123456789012", "eu-west-1")  # the stage's name and values, checked
    return stage


def _stack(template: dict[str, Any], stage: Stage, account: str, region: str) -> Stack:
    declared = template.get("Parameters") or {}
    values = {key: value for key, value in stage.parameters.items() if key in declared}
    return Stack(template, values, name=stage.stack, region=region, account_id=account)


def retained(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The template's resources that outlive their stack, by logical id."""
    found: dict[str, dict[str, Any]] = {}
    for logical_id, resource in template["Resources"].items():
        policy = resource.get("DeletionPolicy", "Delete")
        if not isinstance(policy, str):  # an Fn::If, say
            raise StageError(
                f"{logical_id}'s DeletionPolicy depends on a condition: slsplay.ops.stages "
                "cannot tell whether a destroy keeps it"
            )
        if policy not in _RETAINING:
            continue
        if resource.get("Type") not in IDENTIFIERS:
            raise StageError(
                f"{logical_id} outlives its stack, and slsplay.ops.stages cannot find or "
                f"remove a {resource.get('Type')}"
            )
        found[logical_id] = resource
    return found


def retained_names(template: dict[str, Any], stage: Stage, place: Place) -> dict[str, str]:
    """The name of each retained resource of the stage, by logical id."""
    stack = _stack(template, stage, place.account, place.region)
    return {
        logical_id: str(stack.resolve(resource["Properties"][IDENTIFIERS[resource["Type"]]]))
        for logical_id, resource in retained(template).items()
    }


def stack_status(cloudformation: Any, stack: str) -> str | None:
    """The stack's status, or None when no stack of that name exists."""
    try:
        (described,) = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    except ClientError as e:
        if e.response.get("Error", {}).get("Code") == "ValidationError":
            return None
        raise
    status: str = described["StackStatus"]
    return None if status == "DELETE_COMPLETE" else status


def _stack_resources(cloudformation: Any, stack: str) -> Iterator[dict[str, Any]]:
    for page in cloudformation.get_paginator("list_stack_resources").paginate(StackName=stack):
        yield from page["StackResourceSummaries"]


def _owned(cloudformation: Any, stack: str) -> set[str]:
    """The physical ids of the resources the stack holds now."""
    return {
        resource.get("PhysicalResourceId", "")
        for resource in _stack_resources(cloudformation, stack)
        if resource["ResourceStatus"] not in _LEFT
    }


def _error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def _table_removal(dynamodb: Any, name: str, region: str) -> tuple[str, ...] | None:
    try:
        table = dynamodb.describe_table(TableName=name)["Table"]
    except ClientError as e:
        if _error_code(e) == "ResourceNotFoundException":
            return None
        raise
    where = f"--region {region} --table-name {name}"
    delete = f"aws dynamodb delete-table {where}"
    if table.get("DeletionProtectionEnabled"):
        return (f"aws dynamodb update-table {where} --no-deletion-protection-enabled", delete)
    return (delete,)


def _bucket_removal(s3: Any, name: str, region: str) -> tuple[str, ...] | None:
    try:
        versioning = s3.get_bucket_versioning(Bucket=name)
    except ClientError as e:
        if _error_code(e) in ("NoSuchBucket", "404"):
            return None
        raise
    if versioning.get("Status") in ("Enabled", "Suspended"):
        # `aws s3 rb --force` deletes the current objects only: their versions would stay.
        return (
            f".venv/bin/python -m slsplay.ops.stages empty-bucket {name}",
            f"aws s3api delete-bucket --region {region} --bucket {name}",
        )
    return (f"aws s3 rb --region {region} s3://{name} --force",)


def _secret_removal(secrets: Any, name: str, region: str) -> tuple[str, ...] | None:
    from slsplay.adapters.aws.secrets import secret_not_found  # noqa: PLC0415  (see find_kept)

    try:
        described = secrets.describe_secret(SecretId=name)
    except ClientError as e:
        if secret_not_found(e):
            return None
        raise
    if "DeletedDate" in described:
        return None  # already on its way out
    # Without a recovery window, so that `make secrets` can create it again at once.
    return (
        f"aws secretsmanager delete-secret --region {region} --secret-id {name} "
        "--force-delete-without-recovery",
    )


def find_retained(template: dict[str, Any], stage: Stage, place: Place) -> list[Kept]:
    """The stage's retained resources that exist, whoever holds them."""
    resources = template["Resources"]
    found: list[Kept] = []
    for logical_id, name in retained_names(template, stage, place).items():
        resource_type = resources[logical_id]["Type"]
        if resource_type == "AWS::DynamoDB::Table":
            removal = _table_removal(place.clients("dynamodb"), name, place.region)
        else:
            removal = _bucket_removal(place.clients("s3"), name, place.region)
        if removal is not None:
            found.append(Kept(_KINDS[resource_type], name, removal, logical_id, resource_type))
    return found


def find_kept(template: dict[str, Any], stage: Stage, place: Place) -> list[Kept]:
    """Everything of the stage that outlives its stack: retained resources and secrets."""
    # The secrets' module brings Powertools and boto3: not for make's every stack-name.
    from slsplay.adapters.aws.secrets import (  # noqa: PLC0415
        sign_in_providers_name,
        signing_key_name,
        stripe_keys_name,
    )

    kept = find_retained(template, stage, place)
    secrets = place.clients("secretsmanager")
    for name_of in (signing_key_name, stripe_keys_name, sign_in_providers_name):
        name = name_of(stage.parameters["Stage"])
        removal = _secret_removal(secrets, name, place.region)
        if removal is not None:
            kept.append(Kept("secret", name, removal))
    return kept


def check_before_deploy(template: dict[str, Any], stage: Stage, place: Place) -> None:
    """Refuse (``StageError``) a deploy that would collide with the stage's retained data."""
    cloudformation = place.clients("cloudformation")
    status = stack_status(cloudformation, stage.stack)
    owned = _owned(cloudformation, stage.stack) if status is not None else set()
    outside = [kept for kept in find_retained(template, stage, place) if kept.name not in owned]
    if not outside:
        return
    lines = [
        f"make deploy STAGE={stage.name} stops here: the stage's data outlived an earlier "
        f"stack of it, and the stack {stage.stack} cannot create what has these names:",
        *(f"  {kept.kind} {kept.name}" for kept in outside),
    ]
    either = "Either"
    if status not in _IMPORTABLE:
        lines += [
            f"First delete the stack {stage.stack} ({status}), which does not hold them:",
            f"  make destroy STAGE={stage.name}",
        ]
        either = "Then either"
    lines += [
        f"{either} deploy the stage with that data (its meetups, accounts and uploads): "
        "bring it into a new stack, and deploy",
        f"  make adopt STAGE={stage.name}",
        f"  make deploy STAGE={stage.name}",
        "or start the stage empty: delete it, for good, and deploy",
        *(f"  {command}" for kept in outside for command in kept.removal),
        f"  make deploy STAGE={stage.name}",
    ]
    raise StageError("\n".join(lines))


def _refers_to(value: Any, resources: set[str]) -> bool:
    """Whether ``value`` names one of ``resources`` (Ref, GetAtt, or a ${...} in Sub)."""
    if isinstance(value, list):
        return any(_refers_to(item, resources) for item in value)
    if not isinstance(value, dict):
        return False
    if value.keys() == {"Ref"}:
        return value["Ref"] in resources
    if value.keys() == {"Fn::GetAtt"}:
        target = value["Fn::GetAtt"]
        return (target.split(".", 1)[0] if isinstance(target, str) else target[0]) in resources
    if value.keys() == {"Fn::Sub"}:
        argument = value["Fn::Sub"]
        text = argument if isinstance(argument, str) else argument[0]
        variables = {} if isinstance(argument, str) else argument[1]
        named = {part.split("}", 1)[0].split(".", 1)[0] for part in str(text).split("${")[1:]}
        return bool((named - set(variables)) & resources) or _refers_to(variables, resources)
    return any(_refers_to(item, resources) for item in value.values())


def standalone_template(template: dict[str, Any], logical_ids: Sequence[str]) -> dict[str, Any]:
    """A plain CloudFormation template of the named resources alone: each without what ties
    it to the rest (``DependsOn``, properties that refer to other resources), with the
    template's parameters and conditions. What an import creates a stack from; the next
    deploy adds the rest."""
    resources = template["Resources"]
    others = set(resources) - set(logical_ids)
    chosen: dict[str, Any] = {}
    for logical_id in logical_ids:
        resource = {
            key: value for key, value in resources[logical_id].items() if key != "DependsOn"
        }
        resource["Properties"] = {
            key: value
            for key, value in (resource.get("Properties") or {}).items()
            if not _refers_to(value, others)
        }
        chosen[logical_id] = resource
    document: dict[str, Any] = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": template.get("Parameters") or {},
        "Resources": chosen,
    }
    if template.get("Conditions"):
        document["Conditions"] = template["Conditions"]
    return document


def adopt(template: dict[str, Any], stage: Stage, place: Place) -> list[Kept]:
    """Import the stage's retained resources into a new stack of it; what was imported."""
    cloudformation = place.clients("cloudformation")
    status = stack_status(cloudformation, stage.stack)
    if status not in _IMPORTABLE:
        raise StageError(
            f"the stack {stage.stack} exists ({status}): an import makes a new stack. "
            f"make deploy STAGE={stage.name} updates this one; if it refuses, follow its message"
        )
    found = find_retained(template, stage, place)
    if not found:
        raise StageError(f"the stage {stage.name} has no retained data to adopt: make deploy")
    declared = template.get("Parameters") or {}
    body = standalone_template(template, [kept.logical_id or "" for kept in found])
    cloudformation.create_change_set(
        StackName=stage.stack,
        ChangeSetName=ADOPTION,
        ChangeSetType="IMPORT",
        TemplateBody=json.dumps(body),
        Parameters=[
            {"ParameterKey": key, "ParameterValue": value}
            for key, value in stage.parameters.items()
            if key in declared
        ],
        ResourcesToImport=[kept.import_entry() for kept in found],
    )
    try:
        cloudformation.get_waiter("change_set_create_complete").wait(
            StackName=stage.stack, ChangeSetName=ADOPTION
        )
        cloudformation.execute_change_set(StackName=stage.stack, ChangeSetName=ADOPTION)
        cloudformation.get_waiter("stack_import_complete").wait(StackName=stage.stack)
    except WaiterError as e:
        raise StageError(
            f"the import into {stage.stack} failed ({e.last_response.get('StatusReason', e)}); "
            f"its events: aws cloudformation describe-stack-events --region {place.region} "
            f"--stack-name {stage.stack}"
        ) from e
    return found


def empty_bucket(s3: Any, bucket: str, page_size: int = 1000) -> int:
    """Delete every object of ``bucket``, each version and delete marker; how many went.
    ``page_size``: entries listed, then deleted, at a time (1000 is DeleteObjects' most)."""
    deleted = 0
    while True:  # the first page again each time: what arrives meanwhile goes too
        page = s3.list_object_versions(Bucket=bucket, MaxKeys=page_size)
        # A page holds up to page_size versions and as many delete markers.
        batch = [
            {"Key": entry["Key"], "VersionId": entry["VersionId"]}
            for entry in (*page.get("Versions", []), *page.get("DeleteMarkers", []))
        ]
        if not batch:
            return deleted
        for start in range(0, len(batch), page_size):
            answer = s3.delete_objects(
                Bucket=bucket, Delete={"Objects": batch[start : start + page_size], "Quiet": True}
            )
            if answer.get("Errors"):
                first = answer["Errors"][0]
                raise StageError(f"s3://{bucket}/{first['Key']}: {first['Message']}")
        deleted += len(batch)


def empty_stack_buckets(template: dict[str, Any], stage: Stage, place: Place) -> dict[str, int]:
    """Empty each bucket the stack holds and does not retain; objects deleted, by bucket."""
    cloudformation = place.clients("cloudformation")
    if stack_status(cloudformation, stage.stack) is None:
        return {}
    keep = set(retained(template))
    s3 = place.clients("s3")
    emptied: dict[str, int] = {}
    for resource in _stack_resources(cloudformation, stage.stack):
        bucket = resource.get("PhysicalResourceId")
        if (
            resource["ResourceType"] != "AWS::S3::Bucket"
            or resource["LogicalResourceId"] in keep
            or resource["ResourceStatus"] in _LEFT
            or not bucket
        ):
            continue
        try:
            emptied[bucket] = empty_bucket(s3, bucket)
        except ClientError as e:
            if _error_code(e) != "NoSuchBucket":
                raise
    return emptied


def kept_report(stage: Stage, status: str | None, kept: Sequence[Kept]) -> str:
    """What ``make destroy`` says at its end."""
    if status is not None:
        return f"The stack {stage.stack} is still there ({status}): see sam delete's message."
    if not kept:
        return f"The stack {stage.stack} is deleted, and nothing of the stage {stage.name} remains."
    lines = [
        f"The stack {stage.stack} is deleted. The stage's data stays, for a deploy to take "
        f"back (make adopt STAGE={stage.name}, then make deploy STAGE={stage.name}) or for "
        "you to delete, for good, with the commands under each:"
    ]
    for item in kept:
        lines += [f"  {item.kind} {item.name}", *(f"    {command}" for command in item.removal)]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m slsplay.ops.stages COMMAND STAGE`` (the module's docstring lists them)."""
    parser = argparse.ArgumentParser(
        prog="python -m slsplay.ops.stages",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--samconfig", type=Path, default=Path("samconfig.toml"))
    parser.add_argument("--template", type=Path, default=DEFAULT_TEMPLATE)
    commands = ("stack-name", "deploy-args", "check", "adopt", "empty", "kept", "url")
    parser.add_argument("command", choices=(*commands, "empty-bucket"))
    parser.add_argument("name", help="the stage (or, for empty-bucket, the bucket)")
    arguments = parser.parse_args(argv)
    try:
        return _run(arguments.command, arguments.name, arguments.samconfig, arguments.template)
    except StageError as e:
        print(e, file=sys.stderr)
        return 1


def _run(command: str, name: str, samconfig: Path, template_path: Path) -> int:
    template = load_template(template_path)
    if command in ("stack-name", "deploy-args"):  # make reads them at every deploy: no AWS
        stage = _stage(name, samconfig, template)
        print(stage.stack if command == "stack-name" else shlex.join(stage.deploy_args()))
        return 0
    # The operator's own credentials and region, for the commands that call AWS (not the two
    # above: make reads them at every deploy). A tool run from make, as bootstrap is a root.
    import boto3  # noqa: PLC0415, TID251
    from botocore.exceptions import NoRegionError  # noqa: PLC0415

    def clients(service: str) -> Any:
        return boto3.client(service)  # type: ignore[call-overload]

    if command == "empty-bucket":
        print(_emptied(name, empty_bucket(clients("s3"), name)))
        return 0
    stage = _stage(name, samconfig, template)
    try:
        place = Place.of(clients)
    except NoRegionError:
        raise StageError("No AWS region: set AWS_DEFAULT_REGION or your profile's region") from None
    if command == "url":
        print(stack_outputs(stage.stack, clients)["WebDistributionUrl"])
    elif command == "check":
        check_before_deploy(template, stage, place)
    elif command == "adopt":
        for item in adopt(template, stage, place):
            print(f"{stage.stack} now holds the {item.kind} {item.name}")
        print(f"next: make deploy STAGE={stage.name}")
    elif command == "empty":
        for bucket, count in empty_stack_buckets(template, stage, place).items():
            print(_emptied(bucket, count))
    else:
        status = stack_status(place.clients("cloudformation"), stage.stack)
        print(kept_report(stage, status, find_kept(template, stage, place)))
    return 0


def _emptied(bucket: str, count: int) -> str:
    return f"emptied s3://{bucket}: {count} deleted (objects, old versions, delete markers)"


def _stage(name: str, samconfig: Path, template: dict[str, Any]) -> Stage:
    try:
        return read_stage(name, samconfig, template)
    except ValueError as e:
        raise StageError(f"STAGE={name}: {e}") from e


if __name__ == "__main__":
    sys.exit(main())
