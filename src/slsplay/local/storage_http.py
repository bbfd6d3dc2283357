"""S3's HTTP face for the local media bucket: form uploads and signed downloads.

``POST /_uploads`` takes the multipart form of an upload ticket (the file last, as S3 asks)
and answers as S3 does: 204 with the ETag, or S3's status and XML error. A body larger than
any ticket allows is refused from its ``Content-Length``, before a byte of it is read.
``GET|HEAD /_media/<key>?expires=..&signature=..`` serves a file a download URL grants,
with HTTP ranges (so that a video can be seeked), or S3's refusal.
"""

from __future__ import annotations

import anyio.to_thread
from python_multipart.exceptions import MultipartParseError
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.types import Receive, Scope

from slsplay.adapters.local.file_media import DownloadRefused, StorageRefused, UploadRefused
from slsplay.domain.media import MAX_BYTES
from slsplay.local.bucket import LocalBucket

UPLOADS = "/_uploads"
DOWNLOADS = "/_media/"
# The largest file a ticket takes, and room for the form's fields around it.
MAX_FORM_BYTES = max(MAX_BYTES.values()) + 64 * 1024
MAX_FIELD_BYTES = 64 * 1024


async def handle(bucket: LocalBucket, scope: Scope, receive: Receive) -> Response:
    """The answer to an upload or a download request (``_is_storage`` chose it)."""
    try:
        if scope["method"] == "POST":
            return await _upload(bucket, Request(scope, receive))
        return await _download(bucket, Request(scope, receive))
    except StorageRefused as refused:
        return _refusal(refused)


async def _upload(bucket: LocalBucket, request: Request) -> Response:
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise UploadRefused(411, "MissingContentLength", "You must provide the Content-Length.")
    if int(length) > MAX_FORM_BYTES:
        raise UploadRefused(
            400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"
        )
    try:
        form = await request.form(max_files=1, max_fields=50, max_part_size=MAX_FIELD_BYTES)
    except (MultiPartException, MultipartParseError, ValueError) as e:
        raise UploadRefused(
            400,
            "MalformedPOSTRequest",
            "The body of your POST request is not well-formed multipart/form-data.",
        ) from e
    try:
        fields = {name: value for name, value in form.multi_items() if isinstance(value, str)}
        upload = form.get("file")
        file = upload if isinstance(upload, UploadFile) else None
        client = request.client.host if request.client else "127.0.0.1"
        stored = await anyio.to_thread.run_sync(
            lambda: bucket.upload(
                fields,
                None if file is None else file.file,
                content_length=None if file is None else file.size,
                source_ip=client,
            )
        )
    finally:
        await form.close()
    location = f"{request.base_url}{stored.key}"
    return Response(status_code=204, headers={"ETag": f'"{stored.etag}"', "Location": location})


async def _download(bucket: LocalBucket, request: Request) -> Response:
    key = request.url.path.removeprefix(DOWNLOADS)  # percent-decoded, as S3 reads keys
    query = request.query_params
    granted = await anyio.to_thread.run_sync(
        lambda: bucket.storage.verify_download(
            key, query.get("expires"), query.get("signature"), query.get("filename")
        )
    )
    headers = {
        "ETag": f'"{granted.stored.etag}"',
        "Cache-Control": "private, max-age=3600",
    }
    if granted.content_disposition is not None:
        headers["Content-Disposition"] = granted.content_disposition
    # Starlette answers ranges (206, 416) and HEAD as S3 does for one range.
    return FileResponse(granted.path, media_type=granted.stored.content_type, headers=headers)


def _refusal(refused: StorageRefused) -> Response:
    return Response(refused.as_xml(), status_code=refused.status, media_type="application/xml")


__all__ = ["DOWNLOADS", "UPLOADS", "DownloadRefused", "handle"]
