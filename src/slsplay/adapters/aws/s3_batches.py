"""A stream mapping's failure bucket on S3, where Lambda writes the batches it gave up on."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from slsplay.adapters.failed_batches import decode, encode
from slsplay.ports import FailedBatch

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


class S3FailedBatches:
    """Failed batches as objects of one bucket; the client is built on first use."""

    def __init__(self, bucket: str, client_factory: Callable[[str], Any]) -> None:
        self.name = bucket
        self._client_factory = client_factory
        self._s3: S3Client | None = None

    def __repr__(self) -> str:
        return f"S3FailedBatches({self.name!r})"

    @property
    def s3(self) -> S3Client:
        """The S3 client, built on first use."""
        if self._s3 is None:
            self._s3 = self._client_factory("s3")
        return self._s3

    def add(self, key: str, record: Mapping[str, Any], payload: Mapping[str, Any]) -> None:
        """Put the batch's object (what Lambda does in the cloud)."""
        self.s3.put_object(
            Bucket=self.name, Key=key, Body=encode(record, payload), ContentType="application/json"
        )

    def batches(self, limit: int = 100) -> list[FailedBatch]:
        """The oldest ``limit`` batches by key (S3 lists keys in order)."""
        keys: list[str] = []
        request: dict[str, Any] = {"Bucket": self.name, "MaxKeys": min(limit, 1000)}
        while len(keys) < limit:
            answer = self.s3.list_objects_v2(**request)
            keys += [entry["Key"] for entry in answer.get("Contents", [])]
            if not answer.get("IsTruncated"):
                break
            request["ContinuationToken"] = answer["NextContinuationToken"]
        return [
            decode(key, self.s3.get_object(Bucket=self.name, Key=key)["Body"].read())
            for key in keys[:limit]
        ]

    def remove(self, key: str) -> None:
        """Delete the batch's object (S3 answers the same for a missing one)."""
        self.s3.delete_object(Bucket=self.name, Key=key)
