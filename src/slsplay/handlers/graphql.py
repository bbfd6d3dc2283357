"""The GraphQL function: ``POST /api/graphql``, and ``GET`` for queries, over one schema.

The route takes requests without a token: the answer page and signing in are for people who
have none. A bearer token, when one comes, is checked here as API Gateway's JWT authorizer
checks REST's (signature, issuer, audience, expiry), and a bad one gets the same 401.

Errors never show internals: a refusal of the product reads as its message with its stable
``code`` (in ``extensions``); anything unexpected is logged here and reads "Unexpected
error." with ``internal_error``. The schema, and strawberry with it, load on the first
request, not at import.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import functools
import json
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from slsplay.domain.errors import DomainError, FieldError, InvalidInput, Unreadable
from slsplay.handlers import refresh_cookie
from slsplay.handlers.context import container, stream_signer
from slsplay.handlers.inputs import parameter_errors, read_json
from slsplay.handlers.logs import count_failure, entry_point, logger
from slsplay.handlers.problems import PROBLEM_JSON, problem_document
from slsplay.services.auth import Caller, caller_from_claims

if TYPE_CHECKING:
    import strawberry
    from graphql import GraphQLError

# The routes template.yaml gives this function (a test holds the two to each other).
ROUTES = {("POST", "/api/graphql"), ("GET", "/api/graphql")}
MAX_BODY_BYTES = 64 * 1024
JSON = "application/json"


@functools.cache
def schema() -> strawberry.Schema:
    """The schema with its limits, built once per execution environment."""
    from slsplay.graphql.limits import extensions  # noqa: PLC0415  (loaded when first asked)
    from slsplay.graphql.schema import build_schema  # noqa: PLC0415

    introspection = container().settings.graphql_introspection
    return build_schema(extensions(introspection=introspection))


class BadRequest(Exception):
    """A request that is no GraphQL request at all: answered before any execution."""

    def __init__(
        self, status: HTTPStatus, code: str, detail: str, errors: list[FieldError] | None = None
    ) -> None:
        self.status, self.code, self.detail, self.errors = status, code, detail, errors
        super().__init__(detail)


def _read(text: str, field: str = "") -> Any:
    """JSON text read as every function reads it (``handlers/inputs.py``)."""
    try:
        return read_json(text, field)
    except InvalidInput as e:
        raise BadRequest(HTTPStatus.UNPROCESSABLE_ENTITY, e.code, e.message, e.errors) from e
    except Unreadable as e:
        raise BadRequest(HTTPStatus.BAD_REQUEST, e.code, e.message) from e


def _request(event: dict[str, Any]) -> tuple[str, dict[str, Any] | None, str | None, bool]:
    """The query, variables, operation name, and whether mutations are allowed (not on GET)."""
    method = event["requestContext"]["http"]["method"]
    params = event.get("queryStringParameters") or {}
    errors = parameter_errors(params)
    if errors:
        detail = InvalidInput(errors).message
        raise BadRequest(HTTPStatus.UNPROCESSABLE_ENTITY, "invalid_input", detail, errors)
    if method == "GET":
        document = dict(params)
        variables_text = document.get("variables")
        try:
            document["variables"] = _read(variables_text, "variables") if variables_text else None
        except ValueError as e:
            raise BadRequest(
                HTTPStatus.BAD_REQUEST, "invalid_request", "variables: not JSON"
            ) from e
    elif method == "POST":
        document = _json_body(event)
    else:
        raise BadRequest(HTTPStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Use POST or GET.")
    query, variables, name = (
        document.get("query"),
        document.get("variables"),
        document.get("operationName"),
    )
    if not isinstance(query, str) or not query.strip():
        raise BadRequest(HTTPStatus.BAD_REQUEST, "invalid_request", "query: a string is required")
    if variables is not None and not isinstance(variables, dict):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "invalid_request", "variables: an object")
    if name is not None and not isinstance(name, str):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "invalid_request", "operationName: a string")
    return query, variables, name, method == "POST"


def _json_body(event: dict[str, Any]) -> dict[str, Any]:
    raw = event.get("body") or ""
    headers = event.get("headers") or {}
    media_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != JSON:
        raise BadRequest(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send application/json."
        )
    try:
        body = base64.b64decode(raw) if event.get("isBase64Encoded") else raw.encode()
    except binascii.Error as e:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "invalid_request", "The body is not JSON.") from e
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            "payload_too_large",
            f"The request body is larger than {MAX_BODY_BYTES} bytes.",
        )
    try:
        document = _read(body.decode())
    except (ValueError, UnicodeDecodeError) as e:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "invalid_request", "The body is not JSON.") from e
    if not isinstance(document, dict):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "invalid_request", "The body: a JSON object.")
    return document


def _caller(event: dict[str, Any]) -> tuple[Caller | None, str | None]:
    """Who the bearer token names (and the token), or nobody without one."""
    header = (event.get("headers") or {}).get("authorization") or ""
    scheme, _, token = header.partition(" ")
    if not header:
        return None, None
    if scheme.lower() != "bearer" or not token.strip():
        raise BadRequest(HTTPStatus.UNAUTHORIZED, "invalid_token", "Send a Bearer token.")
    try:
        claims = container().tokens.verify(token.strip())
    except DomainError as e:
        raise BadRequest(HTTPStatus.UNAUTHORIZED, e.code, e.message) from e
    return caller_from_claims(claims), token.strip()


def error_json(error: GraphQLError) -> dict[str, Any]:
    """One error as the client sees it: the product's own words, never internals."""
    formatted: dict[str, Any] = dict(error.formatted)
    original = error.original_error
    if isinstance(original, DomainError):
        formatted["message"] = original.message
        formatted["extensions"] = {"code": original.code}
    elif original is not None:
        logger.error("a resolver failed", exc_info=original, extra={"path": error.path})
        count_failure(f"graphql.{error.path[0]}" if error.path else "graphql")
        formatted["message"] = "Unexpected error."
        formatted["extensions"] = {"code": "internal_error"}
    else:  # the document itself: syntax, validation, limits
        formatted.setdefault("extensions", {}).setdefault("code", "graphql_validation_failed")
    return formatted


def execute(event: dict[str, Any]) -> tuple[HTTPStatus, dict[str, Any], list[str]]:
    """The answer to one GraphQL request over HTTP, and the cookies it sets."""
    from strawberry.schema.exceptions import InvalidOperationTypeError  # noqa: PLC0415
    from strawberry.types.graphql import OperationType  # noqa: PLC0415

    from slsplay.graphql.context import Context  # noqa: PLC0415

    query, variables, name, mutations_allowed = _request(event)
    caller, token = _caller(event)
    deps = container()
    context = Context(
        deps,
        caller,
        deps.clock.now(),
        stream_signer,
        guest_token=token if caller and caller.is_guest else None,
        refresh_cookie=refresh_cookie.wanted(event.get("headers")),
    )
    allowed = {OperationType.QUERY} | ({OperationType.MUTATION} if mutations_allowed else set())
    try:
        result = asyncio.run(
            schema().execute(
                query,
                variable_values=variables,
                context_value=context,
                operation_name=name,
                allowed_operation_types=allowed,
            )
        )
    except InvalidOperationTypeError as e:
        raise _mutation_on_get() from e
    if any(isinstance(e.original_error, InvalidOperationTypeError) for e in result.errors or ()):
        raise _mutation_on_get()
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [error_json(error) for error in result.errors]
    issued = context.issued_refresh_token
    cookies = [str(cookie) for cookie in refresh_cookie.issued(issued)] if issued else []
    return HTTPStatus.OK, body, cookies


def _mutation_on_get() -> BadRequest:
    return BadRequest(
        HTTPStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Send mutations with POST."
    )


def _answer(
    status: HTTPStatus, body: dict[str, Any], content_type: str, cookies: list[str] | None = None
) -> dict[str, Any]:
    headers = {"Content-Type": content_type, "Cache-Control": "no-store"}
    if status == HTTPStatus.UNAUTHORIZED:
        headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    if status == HTTPStatus.METHOD_NOT_ALLOWED:
        headers["Allow"] = "GET, POST"
    answer = {"statusCode": int(status), "headers": headers, "body": json.dumps(body)}
    if cookies:
        answer["cookies"] = cookies
    return answer


@entry_point
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Lambda entry point for ``/api/graphql``."""
    try:
        status, body, cookies = execute(event)
    except BadRequest as refused:
        problem = problem_document(refused.status, refused.code, refused.detail, refused.errors)
        return _answer(refused.status, problem, PROBLEM_JSON)
    return _answer(status, body, JSON, cookies)
