"""The local media bucket announces uploads as the template's bucket would, shaped as S3 does."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

from slsplay.adapters.local.file_media import FileMediaStorage
from slsplay.local.bucket import LocalBucket
from slsplay.local.template import Stack
from tests.support.clock import FakeClock
from tests.support.events import shape

SAMPLE = Path(__file__).parents[1] / "events" / "s3Event.json"
SECRET = b"local media signing secret, 32 b"


def bucket_of_template(tmp_path: Path) -> tuple[LocalBucket, FileMediaStorage, list[Any]]:
    stack = Stack.load(parameters={"Stage": "local"})
    storage = FileMediaStorage(tmp_path, "http://127.0.0.1:8000", SECRET, FakeClock())
    sent: list[Any] = []
    name = stack.physical_name("MediaBucket")
    bucket = LocalBucket.from_stack(
        stack, name, storage, lambda url, body: sent.append((url, body))
    )
    assert bucket is not None
    return bucket, storage, sent


def upload(bucket: LocalBucket, storage: FileMediaStorage, key: str, content: bytes) -> None:
    ticket = storage.upload_ticket(key, "image/jpeg", 1000)
    bucket.upload(ticket.fields, io.BytesIO(content))


def test_an_upload_is_announced_on_the_queue_the_template_names(tmp_path: Path) -> None:
    bucket, storage, sent = bucket_of_template(tmp_path)
    key = "meetups/m1/media/x 1/original"

    upload(bucket, storage, key, b"\xff\xd8\xff" + bytes(100))

    ((queue_url, body),) = sent
    assert queue_url.endswith("/slsplay-local-media")
    (record,) = json.loads(body)["Records"]
    assert record["eventName"] == "ObjectCreated:Post"
    assert unquote_plus(record["s3"]["object"]["key"]) == key
    assert record["s3"]["object"]["key"] == "meetups/m1/media/x+1/original"
    assert record["s3"]["object"]["size"] == 103
    assert record["s3"]["bucket"]["name"] == bucket.name


def test_the_event_has_the_structure_of_the_recorded_one(tmp_path: Path) -> None:
    bucket, storage, sent = bucket_of_template(tmp_path)

    upload(bucket, storage, "meetups/m1/media/x1/original", b"\xff\xd8\xff" + bytes(100))

    ours = json.loads(sent[0][1])
    theirs = json.loads(SAMPLE.read_text())
    assert shape(ours) == shape(theirs)


def test_only_the_keys_the_notification_filters_on_are_announced(tmp_path: Path) -> None:
    bucket, storage, sent = bucket_of_template(tmp_path)

    upload(bucket, storage, "meetups/m1/media/x1/w320.webp", b"RIFF")  # a rendition
    upload(bucket, storage, "elsewhere/original", b"RIFF")

    assert sent == []
