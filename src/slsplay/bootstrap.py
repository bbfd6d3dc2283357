"""The composition root: the one place that picks adapters, from the settings, on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from slsplay.config import Settings
from slsplay.ports import Clock, ItemStore
from slsplay.store.schema import TABLE

SQLITE_FILE = "slsplay.db"


@dataclass
class Container:
    """Adapters for one process, each built the first time it is asked for."""

    settings: Settings = field(default_factory=Settings.from_env)

    @cached_property
    def clock(self) -> Clock:
        from slsplay.adapters.clock import SystemClock  # noqa: PLC0415

        return SystemClock()

    @cached_property
    def store(self) -> ItemStore:
        # Each backend's adapter is imported only when chosen: a Lambda function on the
        # AWS backend never loads sqlite3 code, and the local runtime never loads boto3.
        if self.settings.backend == "local":
            from slsplay.adapters.local.sqlite_store import SqliteItemStore  # noqa: PLC0415

            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            return SqliteItemStore(self.settings.data_dir / SQLITE_FILE, TABLE)
        from slsplay.adapters.aws.dynamo_store import DynamoItemStore  # noqa: PLC0415

        return DynamoItemStore(self.settings.table_name, TABLE, self._aws_client)

    def _aws_client(self, service: str) -> Any:
        import boto3  # noqa: PLC0415, TID251  (composition root: builds the AWS clients)
        from botocore.config import Config  # noqa: PLC0415

        return boto3.client(
            service,  # type: ignore[call-overload]
            region_name=self.settings.aws_region,
            endpoint_url=self.settings.aws_endpoint,
            config=Config(retries={"mode": "standard"}),
        )


def bootstrap(settings: Settings | None = None) -> Container:
    """The adapters the settings ask for (from the environment when none are given)."""
    return Container(settings) if settings is not None else Container()
