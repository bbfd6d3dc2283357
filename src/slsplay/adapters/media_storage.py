"""Where uploaded photos and videos live, and how browsers send and fetch them directly.

Media never pass through a function: the API hands the browser an upload ticket (the shape
of an S3 presigned POST: a form to post to ``url`` with ``fields``, then the ``file``), and
a short-lived URL to fetch a file. The media worker reads the upload and writes the
renditions here. Two adapters: S3 in the cloud, a directory on a laptop, with the same
contract (``tests/contract/test_media_storage.py``).

The port lives here until it moves to ``slsplay.ports`` with the others.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from slsplay.ports import InvalidKey

# S3's limits: a key of up to 1,024 bytes, a POST of up to 5 GB, a SigV4 presigned
# request valid for up to 7 days.
MAX_KEY_BYTES = 1024
MAX_POST_BYTES = 5 * 1024**3
MAX_EXPIRES_IN = 7 * 24 * 3600

_CONTENT_TYPE = re.compile(r"^[\w.+-]+/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+\"-]+)*$")


def check_key(key: str) -> str:
    """``key`` if both adapters can store it under that exact name, else ``InvalidKey``.

    Keys are made by the product (``meetups/{id}/media/{id}/...``), never by a person: a
    path segment that is empty, ``.``, ``..`` or starts with a dot, a backslash, a control
    character or the ``${filename}`` placeholder of S3 forms means a bug, and is refused
    before it could name a file outside the storage or widen an upload policy.
    """
    if not key or len(key.encode()) > MAX_KEY_BYTES:
        raise InvalidKey(f"a key takes 1 to {MAX_KEY_BYTES} bytes: {key!r}")
    if "\\" in key or "${filename}" in key or any(ord(c) < 32 or ord(c) == 127 for c in key):
        raise InvalidKey(f"a key has no backslash, control character or placeholder: {key!r}")
    if any(segment == "" or segment.startswith(".") for segment in key.split("/")):
        raise InvalidKey(f"a key's segments are not empty and do not start with a dot: {key!r}")
    return key


def check_prefix(prefix: str) -> str:
    """A prefix for ``delete_prefix``: a key's start, never empty (that would be everything)."""
    if not prefix:
        raise InvalidKey("an empty prefix would delete every file")
    check_key(prefix.removesuffix("/") + ("/x" if prefix.endswith("/") else ""))
    return prefix


def check_ticket(content_type: str, max_bytes: int, expires_in: int) -> None:
    """Refuse a ticket S3 could not honour, or one too loose to be meant."""
    if not _CONTENT_TYPE.match(content_type):
        raise ValueError(f"not a content type: {content_type!r}")
    if not 1 <= max_bytes <= MAX_POST_BYTES:
        raise ValueError(f"max_bytes must be from 1 to {MAX_POST_BYTES}")
    check_expiry(expires_in)


def check_expiry(expires_in: int) -> None:
    """A presigned request's lifetime: 1 second to 7 days."""
    if not 1 <= expires_in <= MAX_EXPIRES_IN:
        raise ValueError(f"expires_in must be from 1 to {MAX_EXPIRES_IN} seconds")


def content_disposition(filename: str) -> str:
    """``Content-Disposition`` that saves a download as ``filename`` (RFC 6266), non-ASCII
    names included (RFC 8187), with an ASCII fallback for old clients."""
    name = filename.replace("/", "_").replace("\\", "_")
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"%' else "_" for c in name)
    header = f'attachment; filename="{fallback}"'
    if fallback != name:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header
