"""A stream mapping's failure bucket, on both adapters: files in a directory, and S3 on moto."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

from slsplay.adapters.aws.s3_batches import S3FailedBatches
from slsplay.adapters.local.file_batches import FileFailedBatches
from slsplay.ports import FailedBatches
from tests.contract.conftest import REGION

BUCKET = "slsplay-test-stream-failures"
RECORD = {"requestContext": {"condition": "RetryAttemptsExhausted"}, "version": "1.0"}
PAYLOAD = {"Records": [{"eventID": "1", "dynamodb": {"SequenceNumber": "7"}}]}


@pytest.fixture(params=["files", "s3"])
def bucket(
    request: pytest.FixtureRequest, tmp_path: Path, aws_credentials: None
) -> Iterator[FailedBatches]:
    """The adapter under test, on an empty bucket."""
    if request.param == "files":
        yield FileFailedBatches(tmp_path / "buckets" / BUCKET, BUCKET)
        return
    with mock_aws():
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        yield S3FailedBatches(BUCKET, lambda service: boto3.client(service, region_name=REGION))


def key(n: int) -> str:
    return f"aws/lambda/mapping/shardId-1/2030/01/0{n}/2030-01-0{n}T09.00.00-{n}"


def test_an_empty_bucket_has_no_failed_batches(bucket: FailedBatches) -> None:
    assert bucket.batches() == []


def test_a_failed_batch_comes_back_with_its_record_and_payload(bucket: FailedBatches) -> None:
    bucket.add(key(1), RECORD, PAYLOAD)

    (batch,) = bucket.batches()

    assert (batch.key, dict(batch.record), dict(batch.payload)) == (key(1), RECORD, PAYLOAD)


def test_batches_come_oldest_key_first_up_to_the_limit(bucket: FailedBatches) -> None:
    for n in (3, 1, 2):
        bucket.add(key(n), RECORD, {"n": n})

    assert [batch.payload["n"] for batch in bucket.batches()] == [1, 2, 3]
    assert [batch.payload["n"] for batch in bucket.batches(limit=2)] == [1, 2]


def test_a_removed_batch_is_gone_and_removing_it_again_does_nothing(
    bucket: FailedBatches,
) -> None:
    bucket.add(key(1), RECORD, PAYLOAD)
    bucket.add(key(2), RECORD, PAYLOAD)

    bucket.remove(key(1))
    bucket.remove(key(1))

    assert [batch.key for batch in bucket.batches()] == [key(2)]


def test_a_key_outside_the_bucket_is_refused(tmp_path: Path) -> None:
    files = FileFailedBatches(tmp_path / "bucket", BUCKET)
    with pytest.raises(ValueError, match="is not a key of this bucket"):
        files.add("../escaped", RECORD, PAYLOAD)
