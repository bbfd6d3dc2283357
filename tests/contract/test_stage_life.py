"""A stage deployed, destroyed and deployed again, on moto's CloudFormation, S3, DynamoDB and
Secrets Manager.

moto cannot expand SAM's transform, nor create the stack SAM's translator expands it to (156
resources: its CloudFront distribution, HTTP API, alarms and several policies are beyond moto's
CloudFormation), so the stack here is template.yaml's own table and buckets alone
(``standalone_template``): the same names, the same retention, created by CloudFormation as
``sam deploy`` would. moto knows no resource import either: ``adopt``'s
requests are checked against botocore's model of CloudFormation instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber
from moto import mock_aws

from slsplay.adapters.aws.stage_secrets import create_signing_key
from slsplay.local.template import load_template
from slsplay.ops.stages import (
    Place,
    Stage,
    StageError,
    adopt,
    check_before_deploy,
    empty_bucket,
    empty_stack_buckets,
    find_kept,
    kept_report,
    main,
    read_stage,
    stack_status,
    standalone_template,
)
from tests.contract.conftest import REGION

ACCOUNT = "123456789012"
TEMPLATE = load_template()
# What the stand-in stack holds: the data it retains, and the buckets it deletes.
RESOURCES = ["Table", "MediaBucket", "WebBucket", "StreamFailureBucket"]
TABLE = "slsplay-qa"
MEDIA = f"slsplay-qa-media-{ACCOUNT}"
WEB = f"slsplay-qa-web-{ACCOUNT}"
FAILURES = f"slsplay-qa-stream-failures-{ACCOUNT}"


@pytest.fixture
def place(aws_credentials: None) -> Iterator[Place]:
    """An empty AWS account on moto, in the region of ``aws_credentials``."""
    with mock_aws():
        yield Place.of(boto3.client)


@pytest.fixture
def stage(tmp_path: Path) -> Stage:
    """The stage qa, which samconfig.toml does not name: the stack slsplay-qa."""
    return read_stage("qa", tmp_path / "samconfig.toml", TEMPLATE)


def deploy(place: Place, stage: Stage) -> None:
    """What ``sam deploy`` does here: create the stack (then the web app is uploaded)."""
    place.clients("cloudformation").create_stack(
        StackName=stage.stack,
        TemplateBody=json.dumps(standalone_template(TEMPLATE, RESOURCES)),
        Parameters=[{"ParameterKey": "Stage", "ParameterValue": stage.name}],
    )
    s3 = place.clients("s3")
    s3.put_object(Bucket=WEB, Key="index.html", Body=b"<!doctype html>")


def use(place: Place, stage: Stage) -> None:
    """A stage in use: data in the table and the media bucket, a failed batch, secrets, and
    a web bucket whose versions an operator turned on and published to twice."""
    place.clients("dynamodb").put_item(
        TableName=TABLE, Item={"pk": {"S": "MEETUP#1"}, "sk": {"S": "MEETUP"}}
    )
    s3 = place.clients("s3")
    s3.put_object(Bucket=MEDIA, Key="meetups/1/photo/original", Body=b"jpeg")
    s3.put_object(Bucket=FAILURES, Key="batches/1.json", Body=b"{}")
    s3.put_bucket_versioning(Bucket=WEB, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket=WEB, Key="index.html", Body=b"<!doctype html><p>2")
    s3.delete_object(Bucket=WEB, Key="index.html")  # a delete marker
    create_signing_key(place.clients("secretsmanager"), stage.name)


def destroy(place: Place, stage: Stage) -> str:
    """What ``make destroy`` does: empty, delete the stack (sam delete), say what is kept."""
    empty_stack_buckets(TEMPLATE, stage, place)
    cloudformation = place.clients("cloudformation")
    cloudformation.delete_stack(StackName=stage.stack)
    status = stack_status(cloudformation, stage.stack)
    return kept_report(stage, status, find_kept(TEMPLATE, stage, place))


def with_cloudformation(place: Place, cloudformation: Any) -> Place:
    """``place`` with a CloudFormation client of the test's (a stubbed one)."""
    moto = place.clients
    return Place(
        place.account,
        place.region,
        lambda service: cloudformation if service == "cloudformation" else moto(service),
    )


def described(stage: Stage, status: str) -> dict[str, Any]:
    """CloudFormation's DescribeStacks answer for the stage's stack in ``status``."""
    created = "2026-12-07T00:00:00Z"
    return {"Stacks": [{"StackName": stage.stack, "CreationTime": created, "StackStatus": status}]}


def buckets(place: Place) -> set[str]:
    return {bucket["Name"] for bucket in place.clients("s3").list_buckets()["Buckets"]}


def test_a_deployed_stage_passes_the_check_before_its_next_deploy(
    place: Place, stage: Stage
) -> None:
    check_before_deploy(TEMPLATE, stage, place)  # nothing yet: a first deploy
    deploy(place, stage)

    check_before_deploy(TEMPLATE, stage, place)  # an update: the stack holds its data


def test_destroy_empties_what_the_stack_deletes_and_leaves_the_data(
    place: Place, stage: Stage
) -> None:
    deploy(place, stage)
    use(place, stage)

    emptied = empty_stack_buckets(TEMPLATE, stage, place)

    assert emptied == {WEB: 3, FAILURES: 1}  # two versions of index.html and a delete marker
    media = place.clients("s3").list_objects_v2(Bucket=MEDIA)
    assert [item["Key"] for item in media["Contents"]] == ["meetups/1/photo/original"]


def test_a_destroyed_stage_goes_but_for_its_data_and_says_how_to_remove_that(
    place: Place, stage: Stage
) -> None:
    deploy(place, stage)
    use(place, stage)

    report = destroy(place, stage)

    assert stack_status(place.clients("cloudformation"), stage.stack) is None
    assert buckets(place) == {MEDIA}
    assert place.clients("dynamodb").list_tables()["TableNames"] == [TABLE]
    kept = {item.name: item.removal for item in find_kept(TEMPLATE, stage, place)}
    assert kept == {
        # The template protects the table from deletion (TableDeletionProtection).
        TABLE: (
            f"aws dynamodb update-table --region {REGION} --table-name {TABLE} "
            "--no-deletion-protection-enabled",
            f"aws dynamodb delete-table --region {REGION} --table-name {TABLE}",
        ),
        MEDIA: (f"aws s3 rb --region {REGION} s3://{MEDIA} --force",),
        "slsplay/qa/signing-key": (
            f"aws secretsmanager delete-secret --region {REGION} --secret-id "
            "slsplay/qa/signing-key --force-delete-without-recovery",
        ),
    }
    for removal in kept.values():
        assert all(command in report for command in removal)
    assert "make adopt STAGE=qa" in report


def test_a_stage_deployed_again_over_its_kept_data_is_refused_with_the_ways_on(
    place: Place, stage: Stage
) -> None:
    deploy(place, stage)
    use(place, stage)
    destroy(place, stage)

    with pytest.raises(StageError) as refused:
        check_before_deploy(TEMPLATE, stage, place)

    message = str(refused.value)
    assert f"table {TABLE}" in message
    assert f"bucket {MEDIA}" in message
    assert "\nEither deploy the stage with that data" in message
    assert "make adopt STAGE=qa\n  make deploy STAGE=qa" in message
    assert f"aws dynamodb delete-table --region {REGION} --table-name {TABLE}" in message
    assert f"aws s3 rb --region {REGION} s3://{MEDIA} --force" in message
    assert "slsplay/qa/signing-key" not in message  # a secret is no stack's: no collision


def test_a_stage_whose_kept_data_is_deleted_deploys_again_empty(place: Place, stage: Stage) -> None:
    deploy(place, stage)
    use(place, stage)
    destroy(place, stage)
    # What the refusal's commands do (`aws s3 rb --force`, `aws dynamodb update-table
    # --no-deletion-protection-enabled`, `aws dynamodb delete-table`).
    s3 = place.clients("s3")
    empty_bucket(s3, MEDIA)
    s3.delete_bucket(Bucket=MEDIA)
    dynamodb = place.clients("dynamodb")
    dynamodb.update_table(TableName=TABLE, DeletionProtectionEnabled=False)
    dynamodb.delete_table(TableName=TABLE)

    check_before_deploy(TEMPLATE, stage, place)
    deploy(place, stage)

    assert stack_status(place.clients("cloudformation"), stage.stack) == "CREATE_COMPLETE"
    assert place.clients("dynamodb").scan(TableName=TABLE)["Count"] == 0
    assert buckets(place) == {MEDIA, WEB, FAILURES}


def test_a_table_with_deletion_protection_is_told_to_drop_it_first(
    place: Place, stage: Stage
) -> None:
    deploy(place, stage)
    place.clients("dynamodb").update_table(TableName=TABLE, DeletionProtectionEnabled=True)
    destroy(place, stage)

    (table,) = [item for item in find_kept(TEMPLATE, stage, place) if item.kind == "table"]

    assert table.removal == (
        f"aws dynamodb update-table --region {REGION} --table-name {TABLE} "
        "--no-deletion-protection-enabled",
        f"aws dynamodb delete-table --region {REGION} --table-name {TABLE}",
    )


def test_a_kept_bucket_with_versions_is_emptied_by_this_module_before_it_goes(
    place: Place, stage: Stage, capsys: pytest.CaptureFixture[str]
) -> None:
    deploy(place, stage)
    s3 = place.clients("s3")
    s3.put_bucket_versioning(Bucket=MEDIA, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket=MEDIA, Key="meetups/1/photo/original", Body=b"jpeg")
    s3.delete_object(Bucket=MEDIA, Key="meetups/1/photo/original")
    destroy(place, stage)

    (bucket,) = [item for item in find_kept(TEMPLATE, stage, place) if item.kind == "bucket"]
    assert bucket.removal == (
        f".venv/bin/python -m slsplay.ops.stages empty-bucket {MEDIA}",
        f"aws s3api delete-bucket --region {REGION} --bucket {MEDIA}",
    )
    assert main(["empty-bucket", MEDIA]) == 0
    assert f"emptied s3://{MEDIA}: 2 deleted" in capsys.readouterr().out
    s3.delete_bucket(Bucket=MEDIA)


def test_a_versioned_bucket_is_emptied_of_every_version_past_a_page(place: Place) -> None:
    s3 = place.clients("s3")
    s3.create_bucket(Bucket="versions", CreateBucketConfiguration={"LocationConstraint": REGION})
    s3.put_bucket_versioning(Bucket="versions", VersioningConfiguration={"Status": "Enabled"})
    for number in range(24):
        s3.put_object(Bucket="versions", Key=f"k{number % 8}", Body=b"x")
    for number in range(3):
        s3.delete_object(Bucket="versions", Key=f"k{number}")

    # Pages of 5: 27 entries (24 versions, 3 delete markers) take several rounds.
    assert empty_bucket(s3, "versions", page_size=5) == 27
    assert "Versions" not in s3.list_object_versions(Bucket="versions")
    s3.delete_bucket(Bucket="versions")  # what CloudFormation needs: an empty bucket


def test_a_first_deploy_that_rolled_back_is_destroyed_before_the_ways_on(
    place: Place, stage: Stage
) -> None:
    # What a rolled-back first deploy leaves: its table and bucket, no longer the stack's.
    deploy(place, stage)
    place.clients("cloudformation").delete_stack(StackName=stage.stack)
    cloudformation = boto3.client("cloudformation")
    stubbed = with_cloudformation(place, cloudformation)

    with Stubber(cloudformation) as stubber:
        stubber.add_response("describe_stacks", described(stage, "ROLLBACK_COMPLETE"))
        left = [
            {
                "LogicalResourceId": logical_id,
                "PhysicalResourceId": name,
                "ResourceType": resource_type,
                "LastUpdatedTimestamp": "2026-12-07T00:00:00Z",
                "ResourceStatus": "DELETE_SKIPPED",
            }
            for logical_id, name, resource_type in [
                ("Table", TABLE, "AWS::DynamoDB::Table"),
                ("MediaBucket", MEDIA, "AWS::S3::Bucket"),
            ]
        ]
        stubber.add_response("list_stack_resources", {"StackResourceSummaries": left})
        with pytest.raises(StageError) as refused:
            check_before_deploy(TEMPLATE, stage, stubbed)

    message = str(refused.value)
    assert "First delete the stack slsplay-qa (ROLLBACK_COMPLETE)" in message
    assert message.index("make destroy STAGE=qa") < message.index("make adopt STAGE=qa")


def test_the_commands_make_runs_say_what_they_did_and_refuse_on_stderr(
    place: Place,
    stage: Stage,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # no samconfig.toml here: the stack slsplay-qa
    deploy(place, stage)
    use(place, stage)

    assert main(["empty", "qa"]) == 0
    place.clients("cloudformation").delete_stack(StackName=stage.stack)
    assert main(["kept", "qa"]) == 0
    assert main(["check", "qa"]) == 1

    said = capsys.readouterr()
    assert f"emptied s3://{WEB}: 3 deleted" in said.out
    assert f"The stack {stage.stack} is deleted. The stage's data stays" in said.out
    assert f"aws s3 rb --region {REGION} s3://{MEDIA} --force" in said.out
    assert said.err.startswith("make deploy STAGE=qa stops here")


def _adoption_requests(stubber: Stubber, stage: Stage, imported: list[dict[str, Any]]) -> None:
    stubber.add_client_error("describe_stacks", "ValidationError", "Stack does not exist")
    stubber.add_response(
        "create_change_set",
        {"Id": "arn:aws:cloudformation:eu-west-1:123456789012:changeSet/adopt/1"},
        {
            "StackName": stage.stack,
            "ChangeSetName": "adopt-retained-data",
            "ChangeSetType": "IMPORT",
            "TemplateBody": ANY,
            "Parameters": [{"ParameterKey": "Stage", "ParameterValue": "qa"}],
            "ResourcesToImport": imported,
        },
    )
    stubber.add_response("describe_change_set", {"Status": "CREATE_COMPLETE"})
    stubber.add_response("execute_change_set", {})
    stubber.add_response("describe_stacks", described(stage, "IMPORT_COMPLETE"))


def test_adopt_imports_the_kept_table_and_media_bucket_into_a_new_stack(
    place: Place, stage: Stage
) -> None:
    deploy(place, stage)
    use(place, stage)
    destroy(place, stage)
    cloudformation = boto3.client("cloudformation")
    imported = [
        {
            "ResourceType": "AWS::S3::Bucket",
            "LogicalResourceId": "MediaBucket",
            "ResourceIdentifier": {"BucketName": MEDIA},
        },
        {
            "ResourceType": "AWS::DynamoDB::Table",
            "LogicalResourceId": "Table",
            "ResourceIdentifier": {"TableName": TABLE},
        },
    ]
    stubbed = with_cloudformation(place, cloudformation)

    with Stubber(cloudformation) as stubber:  # each request checked against the API's model
        _adoption_requests(stubber, stage, imported)
        adopted = adopt(TEMPLATE, stage, stubbed)
        stubber.assert_no_pending_responses()

    assert [item.name for item in adopted] == [MEDIA, TABLE]


def test_adopt_leaves_a_stack_that_exists_to_make_deploy(place: Place, stage: Stage) -> None:
    deploy(place, stage)

    with pytest.raises(StageError, match="make deploy STAGE=qa updates this one"):
        adopt(TEMPLATE, stage, place)


def test_an_import_cloudformation_refuses_is_told_with_its_reason(
    place: Place, stage: Stage
) -> None:
    deploy(place, stage)
    destroy(place, stage)
    cloudformation = boto3.client("cloudformation")

    with Stubber(cloudformation) as stubber:
        stubber.add_client_error("describe_stacks", "ValidationError", "Stack does not exist")
        stubber.add_response("create_change_set", {"Id": "arn:aws:cloudformation:::changeSet/1"})
        reason = "Resources [Table] is in a stack already"
        stubber.add_response("describe_change_set", {"Status": "FAILED", "StatusReason": reason})
        with pytest.raises(StageError) as refused:
            adopt(TEMPLATE, stage, with_cloudformation(place, cloudformation))

    assert reason in str(refused.value)
    assert "aws cloudformation describe-stack-events" in str(refused.value)
