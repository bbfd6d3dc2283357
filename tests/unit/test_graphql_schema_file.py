"""The committed SDL (web/schema.graphql, the web app's types come from it) is the schema's."""

from __future__ import annotations

from graphql import GraphQLEnumType, build_schema

from slsplay.cli import SCHEMA_FILE
from slsplay.domain.meetup_details import CATEGORIES
from slsplay.domain.money import CURRENCIES
from slsplay.graphql.schema import sdl


def test_the_committed_schema_is_the_current_one() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == sdl(), (
        "web/schema.graphql is stale: run `slsplay schema` and commit it"
    )


def test_the_schema_names_the_categories_currencies_and_answers_the_domain_takes() -> None:
    schema = build_schema(sdl())

    def values(enum: str) -> list[str]:
        found = schema.get_type(enum)
        assert isinstance(found, GraphQLEnumType), enum
        return list(found.values)

    assert values("Category") == list(CATEGORIES)
    assert set(values("Currency")) == CURRENCIES
    assert values("AnswerChoice") == ["ATTENDING", "DECLINED"]
