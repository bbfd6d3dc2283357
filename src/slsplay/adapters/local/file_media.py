"""The media bucket on a laptop: files in a directory, and the checks S3 would make.

An object is the file at ``directory/<key>``; what S3 keeps beside it (content type,
ETag) is in ``directory/.meta/<key>.json``. Keys never have a segment starting with a dot,
so neither that folder nor the temporary files of unfinished writes are ever objects.

Upload tickets have the shape of S3's presigned POST (``url`` and ``fields``, with a
base64 JSON ``policy`` in S3's own format, signed with HMAC-SHA256), so the web app posts
the same form to either. The local runtime serves ``POST {base_url}/_uploads`` and hands the
form to ``accept_upload``, which refuses what S3 would refuse, with S3's status and code.
Download URLs are ``{base_url}/_media/<key>?expires=..&signature=..``, checked by
``verify_download`` and served by the runtime with HTTP ranges.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import shutil
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote, urlencode
from xml.sax.saxutils import escape

from slsplay.adapters.media_storage import (
    MAX_POST_BYTES,
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
    Clock,
    InvalidKey,
    ObjectNotFound,
    StoredObject,
    UploadTicket,
)

META_DIR = ".meta"
CHUNK = 1024 * 1024
DEFAULT_CONTENT_TYPE = "binary/octet-stream"  # what S3 stores when a form names none
_EXPIRATION_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # botocore's, in the policy's "expiration"
# Form fields that a policy does not need to cover (S3 also ignores x-ignore-* fields).
_UNCOVERED = {"policy", "signature", "file"}


# -- refusals, as S3 answers them -----------------------------------------------------------


class StorageRefused(Exception):
    """A request S3 would refuse: its HTTP status, its error code and message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        self.status = status
        self.code = code
        self.message = message
        super().__init__(f"{status} {code}: {message}")

    def as_xml(self) -> str:
        """The body S3 answers with (``application/xml``)."""
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Error><Code>{escape(self.code)}</Code><Message>{escape(self.message)}</Message>"
            "</Error>"
        )


class UploadRefused(StorageRefused):
    """An upload form S3 would refuse (403 for the signature and the policy, 400 for size)."""


class DownloadRefused(StorageRefused):
    """A download URL S3 would refuse (403 when forged or expired, 404 with no object)."""


def _access_denied(message: str) -> UploadRefused:
    return UploadRefused(403, "AccessDenied", message)


_SIGNATURE_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your key and signing method."
)


@dataclass(frozen=True)
class LocalFile:
    """A file a valid download URL grants, for the runtime to serve."""

    path: Path
    stored: StoredObject
    content_disposition: str | None  # the header to send, when the URL named a filename


# -- the adapter ----------------------------------------------------------------------------


class FileMediaStorage:
    """Media files under one directory, with upload tickets and download URLs it signs."""

    def __init__(self, directory: Path, base_url: str, secret: bytes, clock: Clock) -> None:
        if len(secret) < 16:
            raise ValueError("the signing secret needs at least 16 bytes")
        self.directory = directory
        self.base_url = base_url.rstrip("/")
        self._secret = secret
        self._clock = clock

    def __repr__(self) -> str:
        return f"FileMediaStorage({str(self.directory)!r})"

    # -- tickets and URLs

    def upload_ticket(
        self, key: str, content_type: str, max_bytes: int, expires_in: int = UPLOAD_EXPIRES_IN
    ) -> UploadTicket:
        """A form for ``POST {base_url}/_uploads`` whose signed policy fixes the key, the
        type, 1 to ``max_bytes`` bytes and the expiry, as S3's presigned POST does."""
        check_key(key)
        check_ticket(content_type, max_bytes, expires_in)
        expiration = self._now().replace(microsecond=0) + timedelta(seconds=expires_in)
        policy = {
            "expiration": expiration.strftime(_EXPIRATION_FORMAT),
            "conditions": [
                {"key": key},
                {"Content-Type": content_type},
                ["content-length-range", 1, max_bytes],
            ],
        }
        encoded = base64.b64encode(json.dumps(policy).encode()).decode()
        return UploadTicket(
            url=f"{self.base_url}/_uploads",
            fields={
                "key": key,
                "Content-Type": content_type,
                "policy": encoded,
                "signature": self._sign(encoded),
            },
        )

    def download_url(
        self, key: str, expires_in: int = DOWNLOAD_EXPIRES_IN, filename: str | None = None
    ) -> str:
        """``{base_url}/_media/<key>?expires=<epoch seconds>&signature=..[&filename=..]``."""
        check_key(key)
        check_expiry(expires_in)
        expires = str(int(self._now().timestamp()) + expires_in)
        query = {"expires": expires, "signature": self._download_signature(key, expires, filename)}
        if filename is not None:
            query["filename"] = filename
        return f"{self.base_url}/_media/{quote(key, safe='/')}?{urlencode(query)}"

    def verify_download(
        self, key: str, expires: str | None, signature: str | None, filename: str | None = None
    ) -> LocalFile:
        """The file a download URL's path (percent-decoded) and query grant, or the refusal
        S3 would answer: the signature first (a forged expiry is a forgery), then the expiry,
        then whether the object exists."""
        if not expires or not signature:
            raise DownloadRefused(403, "AccessDenied", "Access Denied")
        if not _digits(expires):
            raise DownloadRefused(
                400, "AuthorizationQueryParametersError", "expires should be a number"
            )
        expected = self._download_signature(key, expires, filename)
        if not hmac.compare_digest(expected, signature):
            raise DownloadRefused(403, "SignatureDoesNotMatch", _SIGNATURE_MISMATCH)
        if self._now().timestamp() > int(expires):
            raise DownloadRefused(403, "AccessDenied", "Request has expired")
        stored = self.stat(key)
        if stored is None:
            raise DownloadRefused(404, "NoSuchKey", "The specified key does not exist.")
        disposition = content_disposition(filename) if filename is not None else None
        return LocalFile(self._path(key), stored, disposition)

    def accept_upload(
        self,
        fields: Mapping[str, str],
        file: ByteStream | None,
        content_length: int | None = None,
    ) -> str:
        """Store the ``file`` of an upload form posted with ``fields`` if S3 would; answers the
        key, or raises the ``UploadRefused`` S3 would answer.

        ``fields`` are the form's fields but the file; the stored content type is the form's
        ``Content-Type`` field, as in S3 (the file part's own type is ignored). The body is
        counted while it is written to a temporary file beside the target, and a body past
        the policy's maximum stops being read one byte after it and leaves nothing.
        ``content_length``, the file's size when already known, refuses a large one unread.
        """
        form = {name.lower(): value for name, value in fields.items()}
        policy = self._verified_policy(form)
        expiration = _expiration(policy)
        if self._now() > expiration:
            raise _access_denied("Invalid according to Policy: Policy expired.")
        key = form.get("key")
        if not key:
            raise UploadRefused(
                400,
                "InvalidArgument",
                "Bucket POST must contain a field named 'key'.  "
                "If it is specified, please check the order of the fields.",
            )
        smallest, largest = _check_conditions(policy, form)
        if file is None:
            raise UploadRefused(
                400,
                "IncorrectNumberOfFilesInPostRequest",
                "POST requires exactly one file upload per request.",
            )
        if content_length is not None and content_length > largest:
            raise _too_large(largest)
        try:
            target = self._path(key)
        except InvalidKey as e:  # only a policy signed with a leaked secret could name one
            raise _access_denied(f"Invalid key: {key}") from e
        with self._writing(target) as temporary:
            with temporary.open("wb") as out:
                size, etag = _copy(file, out, limit=largest + 1)
            if size > largest:
                raise _too_large(largest)
            if size < smallest:
                raise UploadRefused(
                    400,
                    "EntityTooSmall",
                    "Your proposed upload is smaller than the minimum allowed size",
                )
            self._commit(temporary, key, form.get("content-type", DEFAULT_CONTENT_TYPE), etag)
        return key

    # -- the worker's side

    def stat(self, key: str) -> StoredObject | None:
        """The file's size, and the type and ETag it was stored with; ``None`` if absent."""
        path = self._path(key)
        try:
            size = path.stat().st_size
            if not path.is_file():
                return None
        except (FileNotFoundError, NotADirectoryError):
            return None
        meta = self._meta(key)
        return StoredObject(
            key=key,
            size=size,
            content_type=str(meta.get("content_type", DEFAULT_CONTENT_TYPE)),
            etag=str(meta["etag"]) if "etag" in meta else _md5_of(path),
        )

    def open(self, key: str) -> AbstractContextManager[ByteStream]:
        """The file, open for reading."""
        return self._opened(self._path(key))

    @contextmanager
    def _opened(self, path: Path) -> Iterator[ByteStream]:
        try:
            stream = path.open("rb")
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError) as e:
            raise ObjectNotFound(self._key_of(path)) from e
        with stream:
            yield stream

    def read(self, key: str) -> bytes:
        """The whole file."""
        with self.open(key) as stream:
            return stream.read()

    def download_to(self, key: str, path: Path) -> None:
        """Copy the file to ``path`` (the kernel copies; nothing is held in memory)."""
        source = self._path(key)
        if not source.is_file():
            raise ObjectNotFound(key)
        shutil.copyfile(source, path)

    def put(self, key: str, data: bytes | Path, content_type: str) -> None:
        """Write the bytes, or stream the file at ``data``, beside the target, then rename."""
        with self._writing(self._path(key)) as temporary:
            with temporary.open("wb") as out:
                if isinstance(data, Path):
                    with data.open("rb") as source:
                        _, etag = _copy(source, out)
                else:
                    out.write(data)
                    etag = hashlib.md5(data, usedforsecurity=False).hexdigest()
            self._commit(temporary, key, content_type, etag)

    def delete_prefix(self, prefix: str) -> int:
        """Delete the files whose key starts with ``prefix``, and the folders left empty."""
        check_prefix(prefix)
        folder = prefix.rpartition("/")[0]
        start = self._path(folder) if folder else self.directory
        deleted = 0
        emptied: set[Path] = set()
        for dirpath, dirnames, filenames in os.walk(start):
            dirnames[:] = [name for name in dirnames if not name.startswith(".")]
            for name in filenames:
                if name.startswith("."):  # a write in progress, not an object
                    continue
                path = Path(dirpath) / name
                key = self._key_of(path)
                if not key.startswith(prefix):
                    continue
                path.unlink(missing_ok=True)
                self._meta_path(key).unlink(missing_ok=True)
                emptied.add(path.parent)
                deleted += 1
        for folder_path in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
            self._prune(folder_path)
            self._prune(self.directory / META_DIR / folder_path.relative_to(self.directory))
        return deleted

    # -- inside

    def _now(self) -> datetime:
        return self._clock.now().astimezone(UTC)

    def _sign(self, message: str) -> str:
        return hmac.new(self._secret, message.encode(), hashlib.sha256).hexdigest()

    def _download_signature(self, key: str, expires: str, filename: str | None) -> str:
        # A list, not a joined string: no choice of key and filename can collide with another.
        return self._sign(json.dumps(["GET", key, expires, filename]))

    def _verified_policy(self, form: Mapping[str, str]) -> dict[str, Any]:
        encoded, signature = form.get("policy"), form.get("signature")
        if not encoded or not signature:
            # A form without a policy is an anonymous upload, and the bucket is private.
            raise _access_denied("Access Denied")
        if not hmac.compare_digest(self._sign(encoded), signature):
            raise UploadRefused(403, "SignatureDoesNotMatch", _SIGNATURE_MISMATCH)
        try:
            policy = json.loads(base64.b64decode(encoded, validate=True))
        except (binascii.Error, ValueError) as e:
            raise _invalid_policy("Invalid Policy: Invalid JSON.") from e
        if not isinstance(policy, dict) or not isinstance(policy.get("conditions"), list):
            raise _invalid_policy("Invalid Policy: Invalid 'conditions' value.")
        return policy

    def _path(self, key: str) -> Path:
        check_key(key)
        path = self.directory / key
        # A folder that is a symbolic link could still lead outside: resolve and compare.
        root = self.directory.resolve()
        if not path.resolve().is_relative_to(root):
            raise InvalidKey(f"{key!r} leads outside the media directory")
        return path

    def _key_of(self, path: Path) -> str:
        return path.relative_to(self.directory).as_posix()

    def _meta_path(self, key: str) -> Path:
        return self.directory / META_DIR / f"{key}.json"

    def _meta(self, key: str) -> dict[str, Any]:
        try:
            meta: dict[str, Any] = json.loads(self._meta_path(key).read_text())
        except (FileNotFoundError, NotADirectoryError, ValueError):
            return {}
        return meta

    @contextmanager
    def _writing(self, target: Path) -> Iterator[Path]:
        """A temporary file beside ``target`` to write and ``_commit``; a write that fails
        leaves nothing behind, not even the folders made for it."""
        temporary = _temporary_beside(target)
        try:
            yield temporary
        except BaseException:
            temporary.unlink(missing_ok=True)
            self._prune(target.parent)
            raise

    def _commit(self, temporary: Path, key: str, content_type: str, etag: str) -> None:
        """Move a complete file into place, then record its type and ETag beside it."""
        os.replace(temporary, self._path(key))
        meta_path = self._meta_path(key)
        meta_temporary = _temporary_beside(meta_path)
        try:
            meta_temporary.write_text(json.dumps({"content_type": content_type, "etag": etag}))
            os.replace(meta_temporary, meta_path)
        finally:
            meta_temporary.unlink(missing_ok=True)

    def _prune(self, folder: Path) -> None:
        """Remove ``folder`` and its parents while they are empty, up to the directory."""
        while folder != self.directory and folder.is_relative_to(self.directory):
            try:
                folder.rmdir()
            except OSError:  # not empty (or already gone): the parents are not empty either
                return
            folder = folder.parent


def _check_conditions(policy: Mapping[str, Any], form: Mapping[str, str]) -> tuple[int, int]:
    """Check the form against the policy's conditions as S3 does; answers the size range."""
    smallest, largest = 0, MAX_POST_BYTES
    covered: set[str] = set()
    for condition in policy["conditions"]:
        if isinstance(condition, dict) and len(condition) == 1:
            ((name, value),) = condition.items()
            covered.add(name.lower())
            if form.get(name.lower()) != value:
                failed = json.dumps(["eq", f"${name}", value])
                raise _access_denied(
                    f"Invalid according to Policy: Policy Condition failed: {failed}"
                )
        elif (
            isinstance(condition, list)
            and len(condition) == 3
            and condition[0] == "content-length-range"
            and all(isinstance(bound, int) for bound in condition[1:])
        ):
            smallest, largest = condition[1], condition[2]
        else:
            raise _invalid_policy(f"Invalid Policy: Invalid condition: {json.dumps(condition)}")
    extra = sorted(
        name
        for name in form
        if name not in covered and name not in _UNCOVERED and not name.startswith("x-ignore-")
    )
    if extra:
        raise _access_denied(f"Invalid according to Policy: Extra input fields: {', '.join(extra)}")
    return smallest, largest


def _expiration(policy: Mapping[str, Any]) -> datetime:
    try:
        return datetime.strptime(str(policy["expiration"]), _EXPIRATION_FORMAT).replace(tzinfo=UTC)
    except (KeyError, ValueError) as e:
        raise _invalid_policy("Invalid Policy: Invalid 'expiration' value.") from e


def _invalid_policy(message: str) -> UploadRefused:
    return UploadRefused(400, "InvalidPolicyDocument", message)


def _too_large(largest: int) -> UploadRefused:
    return UploadRefused(
        400,
        "EntityTooLarge",
        f"Your proposed upload exceeds the maximum allowed size ({largest} bytes)",
    )


def _temporary_beside(target: Path) -> Path:
    """A new, empty, hidden file in ``target``'s folder (made if needed), for a rename."""
    for _ in range(3):
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.part"
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileNotFoundError:  # a concurrent delete_prefix removed the empty folder
            continue
        return temporary
    raise FileNotFoundError(target.parent)


def _copy(source: ByteStream, out: IO[bytes], limit: int | None = None) -> tuple[int, str]:
    """Copy chunk by chunk, reading at most ``limit`` bytes; answers the size and MD5."""
    digest = hashlib.md5(usedforsecurity=False)
    size = 0
    while limit is None or size < limit:
        chunk = source.read(CHUNK if limit is None else min(CHUNK, limit - size))
        if not chunk:
            break
        size += len(chunk)
        digest.update(chunk)
        out.write(chunk)
    return size, digest.hexdigest()


def _md5_of(path: Path) -> str:
    with path.open("rb") as source:
        return hashlib.file_digest(source, "md5").hexdigest()


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()
