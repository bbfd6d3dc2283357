"""The media storage contract, on both adapters: a directory, and S3 on moto's server.

The S3 side runs over real HTTP: the form of a ticket is posted with httpx as a browser
posts it (its fields, then the file), and download URLs are fetched the same way. moto
checks neither the signature nor the policy of a presigned POST, so what S3 enforces from
the policy (the exact key, the content type, the size range, the expiry) is proved in two
halves: both adapters must hand out a policy with exactly those conditions, and the local
adapter, which enforces them itself, must refuse each breach as S3 does.

The local adapter is driven the same way, over HTTP through the local runtime's storage
endpoints (``POST /_uploads``, ``GET /_media/...``) that stand in front of it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit
from xml.etree import ElementTree

import anyio
import boto3
import httpx
import pytest
from botocore.config import Config
from starlette.types import Receive, Scope, Send

from slsplay.adapters.aws.s3_media import S3MediaStorage
from slsplay.adapters.local.file_media import DownloadRefused, FileMediaStorage, UploadRefused
from slsplay.bootstrap import Container
from slsplay.config import Settings
from slsplay.local import storage_http
from slsplay.local.bucket import LocalBucket
from slsplay.ports import InvalidKey, MediaStorage, ObjectNotFound, UploadTicket
from tests.support.clock import FakeClock
from tests.support.server import emulated_aws

REGION = "eu-west-1"
PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40  # 10 KiB that start like a JPEG
MAX = 64 * 1024
SECRET = b"local media signing secret, 32 b"


@dataclass(frozen=True)
class Answer:
    """What the storage answered to a request: its status, and S3's error code if refused."""

    status: int
    code: str | None = None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class MediaUnderTest:
    """One adapter, and how a browser talks to it."""

    storage: MediaStorage
    post: Callable[[UploadTicket, bytes], Answer]
    fetch: Callable[[str, str | None], Answer]
    now: Callable[[], datetime]


# -- the adapters ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    """moto's server, started once for this module (each test has a bucket of its own)."""
    with emulated_aws() as endpoint:
        yield endpoint


def s3_client_factory(endpoint: str) -> Callable[[str], Any]:
    def client(service: str) -> Any:
        return boto3.client(  # type: ignore[call-overload]
            service,
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            config=Config(signature_version="s3v4"),
        )

    return client


def _s3_answer(response: httpx.Response) -> Answer:
    code = None
    if response.status_code >= 300 and response.content:
        # moto's answer, from this machine: no untrusted XML.
        code = ElementTree.fromstring(response.content).findtext("Code")  # noqa: S314
    return Answer(response.status_code, code, response.content, dict(response.headers))


def _browser_post(ticket: UploadTicket, content: bytes) -> Answer:
    # httpx writes the data fields before the files, as S3 requires of a form.
    return _s3_answer(
        httpx.post(
            ticket.url,
            data=ticket.fields,
            files={"file": ("upload.bin", content, "application/octet-stream")},
            timeout=30,
        )
    )


def _browser_get(url: str, range_header: str | None) -> Answer:
    headers = {"Range": range_header} if range_header else {}
    return _s3_answer(httpx.get(url, headers=headers, timeout=30))


def local_browser(storage: FileMediaStorage) -> tuple[Callable[..., Answer], ...]:
    """A browser's form posts and downloads, through the local runtime's storage endpoints."""
    bucket = LocalBucket("media", storage, [], lambda url, body: None, region=REGION)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        response = await storage_http.handle(bucket, scope, receive)
        await response(scope, receive, send)

    def request(method: str, url: str, **options: Any) -> Answer:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport) as client:
                return await client.request(method, url, **options)

        return _s3_answer(anyio.run(send))

    def post(ticket: UploadTicket, content: bytes) -> Answer:
        files = {"file": ("upload.bin", content, "application/octet-stream")}
        return request("POST", ticket.url, data=ticket.fields, files=files)

    def fetch(url: str, range_header: str | None) -> Answer:
        return request("GET", url, headers={"Range": range_header} if range_header else {})

    return post, fetch


@pytest.fixture(params=["files", "s3"])
def media(request: pytest.FixtureRequest, tmp_path: Path) -> MediaUnderTest:
    """An empty media storage on each adapter."""
    if request.param == "files":
        clock = FakeClock()
        files = FileMediaStorage(tmp_path / "media", "http://127.0.0.1:8000", SECRET, clock)
        post, fetch = local_browser(files)
        return MediaUnderTest(files, post, fetch, clock.now)
    endpoint = request.getfixturevalue("moto_endpoint")
    factory = s3_client_factory(endpoint)
    bucket = f"media-{uuid.uuid4().hex[:12]}"
    factory("s3").create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    return MediaUnderTest(
        S3MediaStorage(bucket, factory), _browser_post, _browser_get, lambda: datetime.now(UTC)
    )


class _Stream:
    """A request body being received: hands out at most what is asked, counting it."""

    def __init__(self, content: bytes) -> None:
        self._content = content
        self.consumed = 0

    def read(self, size: int = -1, /) -> bytes:
        end = len(self._content) if size < 0 else self.consumed + size
        chunk = self._content[self.consumed : end]
        self.consumed += len(chunk)
        return chunk


def _policy(ticket: UploadTicket) -> dict[str, Any]:
    policy: dict[str, Any] = json.loads(base64.b64decode(ticket.fields["policy"]))
    return policy


def _md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


KEY = "meetups/m1/media/p1/original"


# -- both adapters --------------------------------------------------------------------------


def test_a_file_uploaded_with_its_ticket_lands_and_reads_back(media: MediaUnderTest) -> None:
    ticket = media.storage.upload_ticket(KEY, "image/jpeg", MAX)

    answer = media.post(ticket, PHOTO)

    assert answer.status == 204
    assert media.storage.read(KEY) == PHOTO
    stored = media.storage.stat(KEY)
    assert stored is not None
    assert (stored.size, stored.content_type, stored.etag) == (
        len(PHOTO),
        "image/jpeg",
        _md5(PHOTO),
    )
    with media.storage.open(KEY) as stream:
        assert stream.read(4) == b"\xff\xd8\xff\xe0"


def test_a_ticket_policy_fixes_the_key_type_size_range_and_expiry(media: MediaUnderTest) -> None:
    before = media.now()
    ticket = media.storage.upload_ticket(KEY, "video/mp4", 200 * 1024 * 1024)
    policy = _policy(ticket)

    conditions = policy["conditions"]
    assert {"key": KEY} in conditions
    assert {"Content-Type": "video/mp4"} in conditions
    assert ["content-length-range", 1, 200 * 1024 * 1024] in conditions
    # Nothing loosens them: no prefix match, no second key or type, no other size range.
    assert not [c for c in conditions if isinstance(c, list) and c[0] != "content-length-range"]
    names = [name.lower() for c in conditions if isinstance(c, dict) for name in c]
    assert names.count("key") == names.count("content-type") == 1
    expiration = datetime.strptime(policy["expiration"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert before + timedelta(seconds=895) <= expiration <= media.now() + timedelta(seconds=900)
    # The form as handed out meets its own policy: every field but the policy and the
    # signature is one that the policy names, with the same value.
    for name, value in ticket.fields.items():
        if name.lower() not in ("policy", "signature", "x-amz-signature"):
            assert {name: value} in conditions, name


def test_a_ticket_lasts_as_long_as_asked(media: MediaUnderTest) -> None:
    before = media.now()
    policy = _policy(media.storage.upload_ticket(KEY, "image/png", MAX, expires_in=60))

    expiration = datetime.strptime(policy["expiration"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert before + timedelta(seconds=55) <= expiration <= media.now() + timedelta(seconds=60)


def test_a_download_url_fetches_the_file(media: MediaUnderTest) -> None:
    media.storage.put(KEY, PHOTO, "image/jpeg")

    answer = media.fetch(media.storage.download_url(KEY), None)

    assert (answer.status, answer.body) == (200, PHOTO)
    assert answer.headers["content-type"] == "image/jpeg"


def test_a_download_url_serves_a_byte_range_so_a_video_can_seek(media: MediaUnderTest) -> None:
    media.storage.put(KEY, PHOTO, "video/mp4")
    url = media.storage.download_url(KEY)

    answer = media.fetch(url, "bytes=4-7")
    assert (answer.status, answer.body) == (206, PHOTO[4:8])
    assert media.fetch(url, "bytes=-3").body == PHOTO[-3:]
    assert media.fetch(url, f"bytes={len(PHOTO)}-").status == 416


def test_a_download_url_with_a_filename_saves_under_that_name(media: MediaUnderTest) -> None:
    media.storage.put(KEY, PHOTO, "image/jpeg")

    answer = media.fetch(media.storage.download_url(KEY, filename="Cover photo.jpg"), None)

    assert answer.status == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="Cover photo.jpg"'


def test_files_put_from_bytes_or_a_path_are_copied_back_whole(
    media: MediaUnderTest, tmp_path: Path
) -> None:
    # 9 MB: past boto3's 8 MB multipart threshold, so S3 receives it in parts.
    video = tmp_path / "in.mp4"
    video.write_bytes(PHOTO * 900)
    media.storage.put("meetups/m1/media/v1/720p.mp4", video, "video/mp4")
    media.storage.put("meetups/m1/media/v1/poster.jpg", PHOTO, "image/jpeg")

    copy = tmp_path / "out.mp4"
    media.storage.download_to("meetups/m1/media/v1/720p.mp4", copy)

    assert copy.read_bytes() == video.read_bytes()
    stored = media.storage.stat("meetups/m1/media/v1/720p.mp4")
    assert stored is not None
    assert (stored.size, stored.content_type) == (len(PHOTO) * 900, "video/mp4")
    assert media.storage.read("meetups/m1/media/v1/poster.jpg") == PHOTO


def test_a_put_replaces_the_file_and_its_type(media: MediaUnderTest) -> None:
    media.storage.put(KEY, b"first", "image/png")
    media.storage.put(KEY, b"second", "image/webp")

    stored = media.storage.stat(KEY)
    assert stored is not None
    assert (media.storage.read(KEY), stored.content_type) == (b"second", "image/webp")


def test_a_missing_file_is_reported_as_missing(media: MediaUnderTest, tmp_path: Path) -> None:
    assert media.storage.stat(KEY) is None
    with pytest.raises(ObjectNotFound):
        media.storage.read(KEY)
    with pytest.raises(ObjectNotFound):
        media.storage.download_to(KEY, tmp_path / "nothing")
    assert media.fetch(media.storage.download_url(KEY), None).status == 404


def test_delete_prefix_deletes_what_starts_with_it_as_s3_lists(media: MediaUnderTest) -> None:
    for key in (
        "meetups/m1/media/p1/original",
        "meetups/m1/media/p1/w320.webp",
        "meetups/m1/media/v1/hls/index.m3u8",
        "meetups/m10/media/p2/original",
        "meetups/m2/media/p3/original",
    ):
        media.storage.put(key, b"x", "application/octet-stream")

    assert media.storage.delete_prefix("meetups/m1/") == 3
    assert media.storage.stat("meetups/m1/media/p1/original") is None
    assert media.storage.stat("meetups/m10/media/p2/original") is not None
    # A prefix is a string prefix, as in S3: without the slash it takes m10 too.
    assert media.storage.delete_prefix("meetups/m1") == 1
    assert media.storage.stat("meetups/m2/media/p3/original") is not None
    assert media.storage.delete_prefix("meetups/m1/") == 0


@pytest.mark.parametrize(
    "key",
    ["../escape", "/absolute", "a//b", "a/./b", "a/../b", ".meta/a", "a\\b", "a/${filename}", ""],
)
def test_keys_that_could_escape_or_widen_a_ticket_are_refused(
    media: MediaUnderTest, key: str
) -> None:
    with pytest.raises(InvalidKey):
        media.storage.upload_ticket(key, "image/png", MAX)
    with pytest.raises(InvalidKey):
        media.storage.put(key, b"x", "image/png")
    with pytest.raises(InvalidKey):
        media.storage.download_url(key)


def test_an_empty_prefix_is_refused(media: MediaUnderTest) -> None:
    with pytest.raises(InvalidKey):
        media.storage.delete_prefix("")


def test_an_s3_client_that_would_presign_with_sigv2_is_refused() -> None:
    # botocore presigns with SigV2 in regions that still take it, unless told otherwise;
    # a ticket must carry SigV4's fields (and no URL signed the deprecated way leaves).
    def sigv2_client(service: str) -> Any:
        return boto3.client(  # type: ignore[call-overload]
            service,
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    storage = S3MediaStorage("media", sigv2_client)

    with pytest.raises(RuntimeError, match="s3v4"):
        storage.upload_ticket(KEY, "image/png", MAX)
    with pytest.raises(RuntimeError, match="s3v4"):
        storage.download_url(KEY)


# -- what S3 enforces from the policy, on the adapter that enforces it itself ---------------


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def files(tmp_path: Path, clock: FakeClock) -> FileMediaStorage:
    return FileMediaStorage(tmp_path / "media", "http://127.0.0.1:8000", SECRET, clock)


def _refusal(files: FileMediaStorage, fields: dict[str, str], content: bytes) -> UploadRefused:
    with pytest.raises(UploadRefused) as refused:
        files.accept_upload(fields, _Stream(content))
    return refused.value


def _left_behind(files: FileMediaStorage) -> list[Path]:
    """Every file and folder in the storage's directory."""
    return list(files.directory.rglob("*")) if files.directory.exists() else []


def test_the_local_ticket_posts_to_the_runtime(files: FileMediaStorage) -> None:
    ticket = files.upload_ticket(KEY, "image/png", MAX)

    assert ticket.url == "http://127.0.0.1:8000/_uploads"
    assert set(ticket.fields) == {"key", "Content-Type", "policy", "signature"}


def test_a_ticket_for_one_key_cannot_write_another(files: FileMediaStorage) -> None:
    ticket = files.upload_ticket(KEY, "image/jpeg", MAX)

    refused = _refusal(files, {**ticket.fields, "key": "meetups/m2/media/p9/original"}, PHOTO)

    assert (refused.status, refused.code) == (403, "AccessDenied")
    assert "Policy Condition failed" in refused.message
    assert _left_behind(files) == []


def test_an_upload_of_another_type_than_the_ticket_names_is_refused(
    files: FileMediaStorage,
) -> None:
    ticket = files.upload_ticket(KEY, "image/jpeg", MAX)

    refused = _refusal(files, {**ticket.fields, "Content-Type": "text/html"}, PHOTO)

    assert (refused.status, refused.code) == (403, "AccessDenied")
    assert files.stat(KEY) is None


def test_a_too_large_upload_stops_one_byte_past_the_limit_and_leaves_nothing(
    files: FileMediaStorage,
) -> None:
    ticket = files.upload_ticket(KEY, "video/mp4", 1000)
    body = _Stream(bytes(10 * 1024 * 1024))

    with pytest.raises(UploadRefused) as refused:
        files.accept_upload(ticket.fields, body)

    assert (refused.value.status, refused.value.code) == (400, "EntityTooLarge")
    assert body.consumed == 1001
    assert _left_behind(files) == []


def test_an_upload_of_exactly_the_limit_is_taken(files: FileMediaStorage) -> None:
    ticket = files.upload_ticket(KEY, "video/mp4", 1000)

    assert files.accept_upload(ticket.fields, _Stream(bytes(1000))) == KEY
    assert files.read(KEY) == bytes(1000)


def test_a_declared_length_past_the_limit_is_refused_unread(files: FileMediaStorage) -> None:
    ticket = files.upload_ticket(KEY, "video/mp4", 1000)
    body = _Stream(bytes(2000))

    with pytest.raises(UploadRefused) as refused:
        files.accept_upload(ticket.fields, body, content_length=2000)

    assert refused.value.code == "EntityTooLarge"
    assert body.consumed == 0


def test_an_empty_upload_is_refused(files: FileMediaStorage) -> None:
    ticket = files.upload_ticket(KEY, "image/png", MAX)

    refused = _refusal(files, ticket.fields, b"")

    assert (refused.status, refused.code) == (400, "EntityTooSmall")
    assert _left_behind(files) == []


def test_a_ticket_expires_after_fifteen_minutes(files: FileMediaStorage, clock: FakeClock) -> None:
    ticket = files.upload_ticket(KEY, "image/jpeg", MAX)

    clock.advance(seconds=14 * 60 + 59)
    assert files.accept_upload(ticket.fields, _Stream(PHOTO)) == KEY
    clock.advance(seconds=2)
    refused = _refusal(files, ticket.fields, PHOTO)

    assert (refused.status, refused.code) == (403, "AccessDenied")
    assert "Policy expired" in refused.message


def test_a_policy_rewritten_by_the_client_fails_its_signature(files: FileMediaStorage) -> None:
    ticket = files.upload_ticket(KEY, "image/jpeg", 10)
    policy = _policy(ticket)
    policy["conditions"] = [
        ["content-length-range", 1, 10**9] if isinstance(c, list) else c
        for c in policy["conditions"]
    ]
    forged = base64.b64encode(json.dumps(policy).encode()).decode()

    refused = _refusal(files, {**ticket.fields, "policy": forged}, PHOTO)

    assert (refused.status, refused.code) == (403, "SignatureDoesNotMatch")


def test_a_ticket_signed_with_another_secret_is_refused(
    tmp_path: Path, files: FileMediaStorage, clock: FakeClock
) -> None:
    other = FileMediaStorage(
        tmp_path / "other", "http://x", b"another secret of 32 bytes......", clock
    )

    refused = _refusal(files, other.upload_ticket(KEY, "image/jpeg", MAX).fields, PHOTO)

    assert refused.code == "SignatureDoesNotMatch"


def test_a_form_without_a_policy_is_an_anonymous_upload_and_refused(
    files: FileMediaStorage,
) -> None:
    refused = _refusal(files, {"key": KEY, "Content-Type": "image/jpeg"}, PHOTO)

    assert (refused.status, refused.code) == (403, "AccessDenied")


def test_a_field_the_policy_does_not_name_is_refused(files: FileMediaStorage) -> None:
    ticket = files.upload_ticket(KEY, "image/jpeg", MAX)

    refused = _refusal(files, {**ticket.fields, "x-amz-meta-owner": "mallory"}, PHOTO)

    assert (refused.status, refused.code) == (403, "AccessDenied")
    assert "Extra input fields: x-amz-meta-owner" in refused.message


def test_a_form_without_a_file_is_refused(files: FileMediaStorage) -> None:
    ticket = files.upload_ticket(KEY, "image/jpeg", MAX)

    with pytest.raises(UploadRefused) as refused:
        files.accept_upload(ticket.fields, None)

    assert (refused.value.status, refused.value.code) == (
        400,
        "IncorrectNumberOfFilesInPostRequest",
    )


def test_a_refusal_reads_as_s3_error_xml(files: FileMediaStorage) -> None:
    refused = _refusal(files, {"key": KEY}, PHOTO)

    error = ElementTree.fromstring(refused.as_xml())  # noqa: S314  (our own document)
    assert (error.findtext("Code"), error.findtext("Message")) == ("AccessDenied", "Access Denied")


def _download_query(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    return unquote(parts.path.removeprefix("/_media/")), dict(parse_qsl(parts.query))


def test_a_download_url_is_verified_and_names_the_file(files: FileMediaStorage) -> None:
    files.put(KEY, PHOTO, "image/jpeg")
    url = files.download_url(KEY, filename="Été.jpg")
    key, query = _download_query(url)

    granted = files.verify_download(key, query["expires"], query["signature"], query["filename"])

    assert url.startswith("http://127.0.0.1:8000/_media/meetups/m1/media/p1/original?expires=")
    assert granted.path.read_bytes() == PHOTO
    assert granted.content_disposition == (
        "attachment; filename=\"_t_.jpg\"; filename*=UTF-8''%C3%89t%C3%A9.jpg"
    )


@pytest.mark.parametrize("tampered", ["key", "expires", "filename", "signature"])
def test_a_tampered_download_url_is_refused(files: FileMediaStorage, tampered: str) -> None:
    files.put(KEY, PHOTO, "image/jpeg")
    files.put("meetups/m2/media/p9/original", b"secret", "image/jpeg")
    key, query = _download_query(files.download_url(KEY, filename="a.jpg"))
    if tampered == "key":
        key = "meetups/m2/media/p9/original"
    elif tampered == "expires":
        query["expires"] = str(int(query["expires"]) + 3600)
    elif tampered == "filename":
        query["filename"] = "a.html"
    else:
        query["signature"] = "0" * 64

    with pytest.raises(DownloadRefused) as refused:
        files.verify_download(key, query["expires"], query["signature"], query["filename"])

    assert (refused.value.status, refused.value.code) == (403, "SignatureDoesNotMatch")


def test_a_download_url_expires(files: FileMediaStorage, clock: FakeClock) -> None:
    files.put(KEY, PHOTO, "image/jpeg")
    key, query = _download_query(files.download_url(KEY, expires_in=300))

    clock.advance(seconds=300)
    assert files.verify_download(key, query["expires"], query["signature"]).stored.size == len(
        PHOTO
    )
    clock.advance(seconds=1)
    with pytest.raises(DownloadRefused) as refused:
        files.verify_download(key, query["expires"], query["signature"])

    assert (refused.value.status, refused.value.code) == (403, "AccessDenied")


def test_a_download_url_without_its_signature_is_refused(files: FileMediaStorage) -> None:
    files.put(KEY, PHOTO, "image/jpeg")

    with pytest.raises(DownloadRefused) as refused:
        files.verify_download(KEY, None, None)

    assert refused.value.status == 403


def test_a_folder_linked_outside_the_directory_is_not_followed(
    files: FileMediaStorage, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (files.directory / "meetups").mkdir(parents=True)
    (files.directory / "meetups" / "m1").symlink_to(outside)

    with pytest.raises(InvalidKey):
        files.put("meetups/m1/x", b"x", "image/png")
    assert list(outside.iterdir()) == []


def test_delete_prefix_leaves_no_empty_folders(files: FileMediaStorage) -> None:
    files.put("meetups/m1/media/p1/original", b"x", "image/png")
    files.put("meetups/m2/media/p2/original", b"x", "image/png")

    files.delete_prefix("meetups/m1/")

    assert not (files.directory / "meetups" / "m1").exists()
    assert not (files.directory / ".meta" / "meetups" / "m1").exists()
    assert files.stat("meetups/m2/media/p2/original") is not None


def test_the_composition_roots_s3_client_presigns_with_sigv4(
    moto_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    settings = Settings(backend="aws", aws_endpoint=moto_endpoint, aws_region=REGION)

    ticket = Container(settings).media.upload_ticket(KEY, "image/png", MAX)

    assert ticket.fields["x-amz-algorithm"] == "AWS4-HMAC-SHA256"
