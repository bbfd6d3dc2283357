"""RFC 9457 problem documents, as every function answers a refusal (no web framework needed:
the GraphQL function builds its answers without one)."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from slsplay.domain.errors import FieldError

PROBLEM_JSON = "application/problem+json"


def problem_document(
    status: HTTPStatus, code: str, detail: str, errors: list[FieldError] | None = None
) -> dict[str, Any]:
    """The body of a refusal: its type, title, status, detail, stable code and fields."""
    body: dict[str, Any] = {
        "type": f"urn:slsplay:problem:{code}",
        "title": status.phrase,
        "status": int(status),
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = [{"field": e.field, "message": e.message} for e in errors]
    return body
