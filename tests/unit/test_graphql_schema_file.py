"""The committed SDL (web/schema.graphql, the web app's types come from it) is the schema's."""

from __future__ import annotations

from slsplay.cli import SCHEMA_FILE
from slsplay.graphql.schema import sdl


def test_the_committed_schema_is_the_current_one() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == sdl(), (
        "web/schema.graphql is stale: run `slsplay schema` and commit it"
    )
