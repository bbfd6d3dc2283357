"""The payload that more than one use case answers: what a removal took away."""

from __future__ import annotations

import strawberry

from slsplay.graphql.errors import UserError


@strawberry.type
class DeletePayload:
    deleted_id: strawberry.ID | None
    user_errors: list[UserError]
