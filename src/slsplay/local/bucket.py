"""The template's media bucket on the local backend: what S3 does around the stored files.

``FileMediaStorage`` keeps the files and checks upload forms and download URLs as S3 would.
This adds what the bucket's template properties ask of S3: after each upload, the event
notifications of ``NotificationConfiguration`` (``QueueConfigurations``, with their key
filters), each an S3 event as S3 sends it, on the queue the template names. The runtime's
queue pumps then deliver it to the function that reads that queue, as on AWS.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote_plus

from slsplay.adapters.local.file_media import FileMediaStorage
from slsplay.local.template import Stack, TemplateError
from slsplay.ports import ByteStream, StoredObject

logger = logging.getLogger("slsplay.local")


@dataclass(frozen=True)
class QueueNotification:
    """One ``QueueConfigurations`` entry: which events of which keys go to which queue."""

    id: str
    event: str  # "s3:ObjectCreated:*", "s3:ObjectCreated:Post"...
    queue_url: str
    prefix: str = ""
    suffix: str = ""

    def matches(self, event_name: str, key: str) -> bool:
        """Whether S3 would send ``event_name`` ("ObjectCreated:Post") of ``key`` here."""
        wanted = self.event.removeprefix("s3:")
        return (
            fnmatch.fnmatchcase(event_name, wanted)
            and key.startswith(self.prefix)
            and key.endswith(self.suffix)
        )


class LocalBucket:
    """A bucket of the template, its files in ``storage``, announcing uploads as S3 does."""

    def __init__(
        self,
        name: str,
        storage: FileMediaStorage,
        notifications: list[QueueNotification],
        send: Callable[[str, str], None],
        *,
        region: str,
    ) -> None:
        self.name = name
        self.storage = storage
        self.notifications = notifications
        self._send = send
        self.region = region

    @classmethod
    def from_stack(
        cls, stack: Stack, name: str, storage: FileMediaStorage, send: Callable[[str, str], None]
    ) -> LocalBucket | None:
        """The template's bucket named ``name`` (``None`` if it has none); ``send(queue_url,
        body)`` queues a message."""
        for logical_id in stack.resources("AWS::S3::Bucket"):
            if stack.physical_name(logical_id) == name:
                properties = stack.properties(logical_id)
                notifications = _queue_notifications(stack, logical_id, properties)
                return cls(name, storage, notifications, send, region=stack.region)
        return None

    def upload(
        self,
        fields: Mapping[str, str],
        file: ByteStream | None,
        *,
        content_length: int | None = None,
        source_ip: str = "127.0.0.1",
    ) -> StoredObject:
        """Store a POSTed form's file as S3 would (or raise its ``UploadRefused``), then send
        the ``ObjectCreated:Post`` notifications the template configures."""
        key = self.storage.accept_upload(fields, file, content_length)
        stored = self.storage.stat(key)
        assert stored is not None  # just written
        self.notify("ObjectCreated:Post", stored, source_ip)
        return stored

    def notify(self, event_name: str, stored: StoredObject, source_ip: str) -> None:
        """Send an S3 event of ``stored`` to every queue configured for it."""
        for notification in self.notifications:
            if notification.matches(event_name, stored.key):
                body = json.dumps(self._event(notification, event_name, stored, source_ip))
                self._send(notification.queue_url, body)
                logger.info("s3 %s %s -> %s", event_name, stored.key, notification.queue_url)

    def _event(
        self, notification: QueueNotification, event_name: str, stored: StoredObject, ip: str
    ) -> dict[str, Any]:
        now = datetime.now(UTC)
        return {
            "Records": [
                {
                    "eventVersion": "2.1",
                    "eventSource": "aws:s3",
                    "awsRegion": self.region,
                    "eventTime": now.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                    "eventName": event_name,
                    "userIdentity": {"principalId": "AWS:LOCAL"},
                    "requestParameters": {"sourceIPAddress": ip},
                    "responseElements": {
                        "x-amz-request-id": secrets.token_hex(8).upper(),
                        "x-amz-id-2": secrets.token_urlsafe(48),
                    },
                    "s3": {
                        "s3SchemaVersion": "1.0",
                        "configurationId": notification.id,
                        "bucket": {
                            "name": self.name,
                            "ownerIdentity": {"principalId": "LOCAL"},
                            "arn": f"arn:aws:s3:::{self.name}",
                        },
                        "object": {
                            # As S3 writes it: form-encoded ("a b" is "a+b").
                            "key": quote_plus(stored.key, safe="/"),
                            "size": stored.size,
                            "eTag": stored.etag,
                            "sequencer": f"{int(now.timestamp() * 1e6):X}",
                        },
                    },
                }
            ]
        }


def _queue_notifications(
    stack: Stack, logical_id: str, properties: Mapping[str, Any]
) -> list[QueueNotification]:
    configuration = properties.get("NotificationConfiguration") or {}
    unsupported = sorted(set(configuration) - {"QueueConfigurations"})
    if unsupported:
        raise TemplateError(
            f"{logical_id}: only queue notifications are emulated locally, not {unsupported}"
        )
    queue_urls = {
        stack.get_att(queue_id, "Arn"): stack.ref(queue_id)
        for queue_id in stack.resources("AWS::SQS::Queue")
    }
    found = []
    for index, entry in enumerate(configuration.get("QueueConfigurations") or []):
        arn = entry["Queue"]
        if arn not in queue_urls:
            raise TemplateError(f"{logical_id}: {arn} is not a queue of the template")
        rules = ((entry.get("Filter") or {}).get("S3Key") or {}).get("Rules") or []
        by_name = {str(rule["Name"]).lower(): str(rule["Value"]) for rule in rules}
        # S3 gives an unnamed configuration a generated id; a stable one here.
        seed = f"{logical_id}/{index}/{arn}".encode()
        generated = hashlib.sha256(seed).hexdigest()[:32]
        found.append(
            QueueNotification(
                id=entry.get("Id") or generated,
                event=str(entry["Event"]),
                queue_url=queue_urls[arn],
                prefix=by_name.get("prefix", ""),
                suffix=by_name.get("suffix", ""),
            )
        )
    return found
