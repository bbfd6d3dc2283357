"""The media bucket on Amazon S3: presigned POST uploads, presigned GET downloads.

S3 itself enforces what a ticket allows: its policy document fixes the key, the content
type, a content-length range and the expiry, and S3 refuses any other upload. Large files
go through boto3's transfer manager (``download_file``/``upload_file``: streamed, multipart
above 8 MB), never whole in memory.

The S3 client must sign with SigV4 (``Config(signature_version="s3v4")``): left alone,
botocore presigns for regions that still accept SigV2 with SigV2, which AWS has deprecated
and which carries no ``x-amz-*`` fields. The adapter refuses to hand out such a URL. The
client is built on first use, never at import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from slsplay.adapters.media_storage import (
    check_expiry,
    check_key,
    check_prefix,
    check_ticket,
    content_disposition,
)
from slsplay.ports import (
    DOWNLOAD_EXPIRES_IN,
    UPLOAD_EXPIRES_IN,
    ByteStream,
    ObjectNotFound,
    StoredObject,
    UploadTicket,
)

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.type_defs import ObjectIdentifierTypeDef

_MISSING = {"404", "NoSuchKey", "NotFound"}
_DELETE_BATCH = 1000  # DeleteObjects' limit


class S3MediaStorage:
    """The media files of every meetup, in one private bucket."""

    def __init__(self, bucket: str, client_factory: Callable[[str], Any]) -> None:
        self.bucket = bucket
        self._client_factory = client_factory
        self._s3: S3Client | None = None

    def __repr__(self) -> str:
        return f"S3MediaStorage({self.bucket!r})"

    @property
    def s3(self) -> S3Client:
        """The S3 client, built on first use."""
        if self._s3 is None:
            self._s3 = self._client_factory("s3")
        return self._s3

    def upload_ticket(
        self, key: str, content_type: str, max_bytes: int, expires_in: int = UPLOAD_EXPIRES_IN
    ) -> UploadTicket:
        """A presigned POST whose policy fixes the key, the type, the size range and expiry.

        boto3 adds ``{"bucket": ...}`` and, for a key without ``${filename}``, the exact
        ``{"key": ...}`` condition itself.
        """
        check_key(key)
        check_ticket(content_type, max_bytes, expires_in)
        post = self.s3.generate_presigned_post(
            Bucket=self.bucket,
            Key=key,
            Fields={"Content-Type": content_type},
            Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]],
            ExpiresIn=expires_in,
        )
        fields = {name: str(value) for name, value in post["fields"].items()}
        if "x-amz-signature" not in fields:
            raise RuntimeError(_NOT_SIGV4)
        return UploadTicket(url=post["url"], fields=fields)

    def download_url(
        self, key: str, expires_in: int = DOWNLOAD_EXPIRES_IN, filename: str | None = None
    ) -> str:
        """A presigned GET of the object (S3 serves ranges itself)."""
        check_key(key)
        check_expiry(expires_in)
        params: dict[str, str] = {"Bucket": self.bucket, "Key": key}
        if filename is not None:
            params["ResponseContentDisposition"] = content_disposition(filename)
        url = self.s3.generate_presigned_url("get_object", Params=params, ExpiresIn=expires_in)
        if "X-Amz-Signature=" not in url:
            raise RuntimeError(_NOT_SIGV4)
        return url

    def stat(self, key: str) -> StoredObject | None:
        """``HeadObject``'s answer, or ``None`` when there is no such object."""
        check_key(key)
        try:
            head = self.s3.head_object(Bucket=self.bucket, Key=key)
        except ClientError as e:
            if _code(e) in _MISSING:
                return None
            raise
        return StoredObject(
            key=key,
            size=head["ContentLength"],
            content_type=head.get("ContentType", "binary/octet-stream"),
            etag=head["ETag"].strip('"'),
        )

    def open(self, key: str) -> AbstractContextManager[ByteStream]:
        """The object's body as a stream, closed (its connection released) on leaving."""
        check_key(key)
        return self._body(key)

    @contextmanager
    def _body(self, key: str) -> Iterator[ByteStream]:
        try:
            body = self.s3.get_object(Bucket=self.bucket, Key=key)["Body"]
        except ClientError as e:
            if _code(e) in _MISSING:
                raise ObjectNotFound(key) from e
            raise
        try:
            yield body
        finally:
            body.close()

    def read(self, key: str) -> bytes:
        """The whole object."""
        with self.open(key) as body:
            return body.read()

    def download_to(self, key: str, path: Path) -> None:
        """Stream the object to ``path`` (the transfer manager writes a temporary file
        beside it, then renames it)."""
        check_key(key)
        try:
            self.s3.download_file(self.bucket, key, str(path))
        except ClientError as e:
            if _code(e) in _MISSING:
                raise ObjectNotFound(key) from e
            raise

    def put(self, key: str, data: bytes | Path, content_type: str) -> None:
        """``PutObject`` for bytes; the transfer manager (multipart when large) for a path."""
        check_key(key)
        if isinstance(data, Path):
            self.s3.upload_file(
                str(data), self.bucket, key, ExtraArgs={"ContentType": content_type}
            )
        else:
            self.s3.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type)

    def delete_prefix(self, prefix: str) -> int:
        """List the prefix page by page and delete each page with one ``DeleteObjects``."""
        check_prefix(prefix)
        deleted = 0
        pages = self.s3.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=prefix, PaginationConfig={"PageSize": _DELETE_BATCH}
        )
        for page in pages:
            objects: list[ObjectIdentifierTypeDef] = [
                {"Key": entry["Key"]} for entry in page.get("Contents", [])
            ]
            if not objects:
                continue
            answer = self.s3.delete_objects(
                Bucket=self.bucket, Delete={"Objects": objects, "Quiet": True}
            )
            errors = answer.get("Errors", [])
            if errors:
                first = errors[0]
                raise RuntimeError(
                    f"S3 kept {len(errors)} of the objects under {prefix!r}, e.g. "
                    f"{first.get('Key')}: {first.get('Code')} {first.get('Message', '')}".strip()
                )
            deleted += len(objects)
        return deleted


_NOT_SIGV4 = (
    "the S3 client presigned with SigV2: build it with "
    "botocore.config.Config(signature_version='s3v4')"
)


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))
