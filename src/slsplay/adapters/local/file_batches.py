"""A stream mapping's failure bucket on a laptop: one JSON file per failed batch."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from slsplay.adapters.failed_batches import decode, encode
from slsplay.ports import FailedBatch


class FileFailedBatches:
    """Failed batches as files under ``directory``, at their keys' paths."""

    def __init__(self, directory: Path, name: str) -> None:
        self.directory = directory
        self.name = name

    def __repr__(self) -> str:
        return f"FileFailedBatches({str(self.directory)!r})"

    def add(self, key: str, record: Mapping[str, Any], payload: Mapping[str, Any]) -> None:
        """Write the batch's file whole (a temporary file renamed), never half."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
        with os.fdopen(descriptor, "wb") as file:
            file.write(encode(record, payload))
        os.replace(temporary, path)

    def batches(self, limit: int = 100) -> list[FailedBatch]:
        """The oldest ``limit`` batches by key."""
        if not self.directory.is_dir():
            return []
        keys = sorted(
            path.relative_to(self.directory).as_posix()
            for path in self.directory.rglob("*")
            if path.is_file() and not path.name.startswith(".")
        )
        return [decode(key, self._path(key).read_bytes()) for key in keys[:limit]]

    def remove(self, key: str) -> None:
        """Delete the batch's file, if it is there."""
        self._path(key).unlink(missing_ok=True)

    def _path(self, key: str) -> Path:
        path = (self.directory / key).resolve()
        if not path.is_relative_to(self.directory.resolve()) or any(
            part.startswith(".") for part in Path(key).parts
        ):
            raise ValueError(f"{key!r} is not a key of this bucket")
        return path
