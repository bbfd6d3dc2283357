"""What a request may ask: depth, size and cost limits, and text the product takes in the
strings written in it, checked before anything runs.

A query's cost is its fields, each counted once per item of the lists around it: a
connection's ``first`` (or its largest page when ``first`` is a variable) multiplies what
is under it, and the lists without paging count their most items. A query over the limit is
refused at validation, with one error and no data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    ArgumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    ObjectFieldNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    ValidationRule,
)
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from slsplay.domain.text import text_problem

MAX_DEPTH = 8
MAX_TOKENS = 2_000
MAX_ALIASES = 20
MAX_COST = 10_000  # a page of 50 meetups with their covers' renditions is ~5,100
# Lists and how many items each holds at most: paged ones by their largest page.
LIST_ITEMS = {
    "myMeetups": 50,
    "invitations": 500,
    "attendees": 500,
    "media": 20,
    "renditions": 12,
    "fields": 8,
}


def cost_of(selections: SelectionSetNode | None, rule: ValidationRule) -> int:
    """The fields of ``selections``, each counted once per item of the lists around it."""
    if selections is None:
        return 0
    total = 0
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            total += 1 + _items(selection) * cost_of(selection.selection_set, rule)
        elif isinstance(selection, InlineFragmentNode):
            total += cost_of(selection.selection_set, rule)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = rule.context.get_fragment(selection.name.value)
            if fragment is not None:
                total += cost_of(fragment.selection_set, rule)
    return total


def _items(field: FieldNode) -> int:
    """How many items a field's list holds at most (1: not a list)."""
    most = LIST_ITEMS.get(field.name.value)
    for argument in field.arguments or ():
        if argument.name.value == "first" and isinstance(argument.value, IntValueNode):
            first = max(1, int(argument.value.value))
            return first if most is None else min(first, most)
    return most or 1


class CostLimit(ValidationRule):
    """Refuses an operation whose cost is over ``MAX_COST``."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        cost = cost_of(node.selection_set, self)
        if cost > MAX_COST:
            self.report_error(
                GraphQLError(
                    f"The query asks too much at once (cost {cost}, at most {MAX_COST}): "
                    "ask for fewer fields or smaller pages.",
                    node,
                    extensions={"code": "query_too_costly"},
                )
            )


class TextLiterals(ValidationRule):
    """Refuses a string written in the query that is not text the product takes (a control
    character or lone surrogate written as an escape), naming the argument it is in, as the
    HTTP function refuses one sent in the variables."""

    def enter_string_value(
        self, node: StringValueNode, _key: Any, parent: Any, _path: Any, ancestors: list[Any]
    ) -> None:
        problem = text_problem(node.value)
        if problem is None:
            return
        names = [
            a.name.value
            for a in [*ancestors, parent]
            if isinstance(a, ArgumentNode | ObjectFieldNode)
        ]
        field = ".".join(names) or "query"
        self.report_error(
            GraphQLError(
                f"{field}: {problem}", node, extensions={"code": "invalid_input", "field": field}
            )
        )


def extensions(*, introspection: bool) -> list[Callable[[], SchemaExtension]]:
    """The schema's limits, and introspection only where it is switched on (each a factory:
    strawberry makes the extensions afresh for every request)."""
    chosen: list[Callable[[], SchemaExtension]] = [
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: AddValidationRules([CostLimit, TextLiterals]),
    ]
    if not introspection:
        chosen.append(DisableIntrospection)
    return chosen
