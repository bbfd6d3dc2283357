"""What a refusal of the API means to the app: a problem document's code, its detail, and the
message of each field at fault, keyed by the form field it is shown next to."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any


@dataclass
class ApiProblem(Exception):
    """The API refused a request (RFC 9457 problem document, or the gateway's own answer)."""

    status: int
    code: str
    detail: str
    fields: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.detail

    @classmethod
    def of(cls, status: int, content: bytes) -> ApiProblem:
        """The problem an answer with a refusing status carries (never a stack trace)."""
        try:
            body: Any = json.loads(content)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            body = {}
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
        # API Gateway's own refusals (401, 429, 500) are {"message": ...}, not problems.
        detail = str(body.get("detail") or body.get("message") or phrase or "Refused")
        code = str(body.get("code") or phrase.lower().replace(" ", "_") or "refused")
        fields: dict[str, str] = {}
        for entry in body.get("errors") or []:
            if isinstance(entry, dict) and "field" in entry:
                # "invitees.0.email" is shown next to the invitees field.
                name = str(entry["field"]).split(".", 1)[0]
                message = str(entry.get("message", "is not valid"))
                fields[name] = f"{fields[name]}; {message}" if name in fields else message
        return cls(status, code, detail, fields)


class Offline(Exception):
    """The API could not be reached (no network, or the server is down)."""

    def __str__(self) -> str:
        return "You are offline: the server cannot be reached."
