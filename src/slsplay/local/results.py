"""How API Gateway (HTTP API, payload format 2.0) reads a Lambda function's result.

A result without ``statusCode`` is sent as ``200 application/json`` with the result as its
body; otherwise ``statusCode``, ``headers`` (names lower-cased; the length and connection
headers are the gateway's own), ``cookies`` (each a ``set-cookie``) and ``body`` (decoded
when ``isBase64Encoded``) make the response. Anything else is a ``MalformedResponse``, which
the gateway answers with a 500.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

# Connection-level headers end at API Gateway; they never reach the function.
HOP_BY_HOP_HEADERS = frozenset(
    {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding"}
)
# Headers of the gateway's own: a result's value for them is dropped.
GATEWAY_HEADERS = HOP_BY_HOP_HEADERS | {"content-length"}


class MalformedResponse(Exception):
    """The function answered something API Gateway cannot turn into an HTTP response."""


def map_result(result: Any, payload: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body from a function's result (``payload`` is its JSON text)."""
    if not isinstance(result, dict) or "statusCode" not in result:
        # "If your function returns valid JSON and doesn't return a statusCode, API Gateway
        # assumes 200, application/json, and the function's response as the body."
        return 200, [("content-type", "application/json")], payload.encode()
    status = result["statusCode"]
    if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
        raise MalformedResponse(f"statusCode {status!r} is not an HTTP status")
    headers = _result_headers(result)
    data = _result_body(result)
    if data and not any(name == "content-type" for name, _ in headers):
        headers.append(("content-type", "text/plain; charset=utf-8"))
    return status, headers, data


def _result_headers(result: Mapping[str, Any]) -> list[tuple[str, str]]:
    raw_headers = result.get("headers") or {}
    if not isinstance(raw_headers, dict):
        raise MalformedResponse("headers must be an object of strings")
    headers: list[tuple[str, str]] = []
    for name, value in raw_headers.items():
        if isinstance(value, dict | list):
            raise MalformedResponse(f"header {name} must be a string")
        # The length is the gateway's to state, and connection headers are its own.
        if name.lower() not in GATEWAY_HEADERS:
            headers.append((name.lower(), _header_text(value)))
    cookies = result.get("cookies") or []
    if not isinstance(cookies, list) or not all(isinstance(c, str) for c in cookies):
        raise MalformedResponse("cookies must be a list of strings")
    return headers + [("set-cookie", cookie) for cookie in cookies]


def _result_body(result: Mapping[str, Any]) -> bytes:
    body = result.get("body")
    if body is None:
        return b""
    if not isinstance(body, str):
        raise MalformedResponse(f"body must be a string, not {type(body).__name__}")
    if result.get("isBase64Encoded") is not True:
        return body.encode("utf-8")
    try:
        return base64.b64decode(body, validate=True)
    except binascii.Error as e:
        raise MalformedResponse("isBase64Encoded is true but body is not base64") from e


def _header_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
