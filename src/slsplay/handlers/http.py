"""What every HTTP function shares: the resolver, RFC 9457 problem documents, and the caller.

Domain error *types* map to HTTP statuses in one table; nothing here reads message text.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)
from aws_lambda_powertools.event_handler.openapi.types import (
    COMPONENT_REF_PREFIX,
    OpenAPIResponse,
    OpenAPIResponseContentSchema,
)
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from slsplay.domain.errors import (
    Conflict,
    DomainError,
    FieldError,
    Forbidden,
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    TooManyRequests,
    Unauthorized,
    Unavailable,
    Unreadable,
    UnsupportedMediaType,
)
from slsplay.handlers.inputs import parameter_errors, read_json
from slsplay.handlers.logs import entry_point, logger
from slsplay.handlers.problems import PROBLEM_JSON, problem_document
from slsplay.ports import InvalidCursor
from slsplay.services.auth import Caller, caller_from_claims

FORM = "application/x-www-form-urlencoded"
MAX_BODY_BYTES = 256 * 1024
SECURED: list[dict[str, list[str]]] = [{"bearer": []}]

STATUS_OF: dict[type[DomainError], HTTPStatus] = {
    Unauthorized: HTTPStatus.UNAUTHORIZED,
    Forbidden: HTTPStatus.FORBIDDEN,
    NotFound: HTTPStatus.NOT_FOUND,
    Conflict: HTTPStatus.CONFLICT,
    InvalidInput: HTTPStatus.UNPROCESSABLE_ENTITY,
    PreconditionFailed: HTTPStatus.PRECONDITION_FAILED,
    PayloadTooLarge: HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
    UnsupportedMediaType: HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
    TooManyRequests: HTTPStatus.TOO_MANY_REQUESTS,
    Unavailable: HTTPStatus.SERVICE_UNAVAILABLE,
    Unreadable: HTTPStatus.BAD_REQUEST,
}


# The models of models.py that routes name by reference (model_content), for the docs
# function to put in the document.
REFERENCED_MODELS: set[str] = set()


def model_content(model: str) -> OpenAPIResponseContentSchema:
    """A response body in the shape of the model ``model`` of models.py, named by reference
    (as the OpenAPI document references its schema) rather than by class, so that declaring
    a route loads no pydantic; the docs function adds the model's schema to the document."""
    REFERENCED_MODELS.add(model)
    return {"schema": {"$ref": f"{COMPONENT_REF_PREFIX}{model}"}}


# A body that is text in its own format (a page, a calendar, a playlist).
TEXT_BODY: OpenAPIResponseContentSchema = {"schema": {"type": "string"}}


def _gateway_answer(message: str) -> OpenAPIResponseContentSchema:
    """The JSON body of an answer API Gateway makes itself, with no function involved."""
    return {
        "schema": {
            "type": "object",
            "properties": {"message": {"type": "string", "const": message}},
            "required": ["message"],
        }
    }


# What API Gateway answers itself: a missing or bad token on a secured route (its JWT
# authorizer, before any function runs), past a route's throttle, and for a function that
# failed or ran out of time.
GATEWAY_ANSWERS = {
    401: _gateway_answer("Unauthorized"),
    429: _gateway_answer("Too Many Requests"),
    500: _gateway_answer("Internal Server Error"),
}
ALWAYS_POSSIBLE = (400, 413, 415, 422, 429, 500)


def problems(
    *statuses: int,
    secured: bool = False,
    success: int | None = 200,
    empty_success: int | None = None,
) -> dict[int, OpenAPIResponse]:
    """The OpenAPI description of a route's answers: its ``success`` (in the shape of the
    route's return type, which the generator fills in for an answer without content), or
    ``empty_success`` without a body, or neither (``success=None``: the route describes its
    own); and its errors: the problem documents of ``statuses`` and of 400, 413, 415, 422,
    429 and 500, which any route can answer (a body nested too deeply, too large, not JSON,
    not valid, too many requests, a failure).

    On a ``secured`` route, a missing or bad token is refused by API Gateway itself, with
    its own JSON body rather than a problem document; so are a throttled request and a
    failed function on any route.
    """
    described: dict[int, OpenAPIResponse] = {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_JSON: model_content("Problem")},
        }
        for status in sorted({*statuses, *ALWAYS_POSSIBLE} | ({401} if secured else set()))
    }
    for status, content in GATEWAY_ANSWERS.items():
        if status in described and (secured or status != 401):
            described[status]["content"]["application/json"] = content
    if empty_success is not None:
        described[empty_success] = {"description": "Done; the answer has no body."}
    elif success is not None:
        described[success] = {"description": HTTPStatus(success).phrase}
    return described


def _unsupported_media_type(_: RequestUnsupportedContentType) -> Response[str]:
    return problem(
        HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "Send the body as application/json.",
    )


def _undecodable_body(_: UnicodeDecodeError) -> Response[str]:
    return problem(
        HTTPStatus.UNPROCESSABLE_ENTITY,
        "invalid_input",
        "body: is not JSON text in UTF-8",
        [FieldError("body", "is not JSON text in UTF-8")],
    )


def problem(
    status: HTTPStatus,
    code: str,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[str]:
    """An ``application/problem+json`` response."""
    return Response(
        status_code=int(status),
        content_type=PROBLEM_JSON,
        body=json.dumps(problem_document(status, code, detail, errors)),
        headers=headers,
    )


def status_of(error: DomainError) -> HTTPStatus:
    """The HTTP status of a domain error, by its type."""
    for kind in type(error).__mro__:
        if kind in STATUS_OF:
            return STATUS_OF[kind]
    return HTTPStatus.BAD_REQUEST


def _domain_error(error: DomainError) -> Response[str]:
    headers = (
        {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyRequests) else None
    )
    if isinstance(error, Unauthorized):
        headers = {"WWW-Authenticate": 'Bearer realm="slsplay"'}
    errors = error.errors if isinstance(error, InvalidInput) else None
    return problem(status_of(error), error.code, error.message, errors, headers)


def _field_name(location: tuple[Any, ...]) -> str:
    name = ""
    for part in (
        location[1:]
        if location and location[0] in ("body", "query", "path", "header")
        else location
    ):
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "body"


def _validation_error(error: RequestValidationError) -> Response[str]:
    errors = [
        FieldError(_field_name(tuple(e.get("loc", ()))), str(e.get("msg", "is not valid")))
        for e in error.errors()
    ]
    return problem(
        HTTPStatus.UNPROCESSABLE_ENTITY,
        "invalid_input",
        "; ".join(f"{e.field}: {e.message}" for e in errors),
        errors,
    )


def _not_found(_: NotFoundError) -> Response[str]:
    return problem(HTTPStatus.NOT_FOUND, "route_not_found", "There is nothing at this address.")


def _bad_cursor(_: InvalidCursor) -> Response[str]:
    return problem(
        HTTPStatus.UNPROCESSABLE_ENTITY,
        "invalid_input",
        "cursor: is not one this list handed out",
        [FieldError("cursor", "is not one this list handed out")],
    )


def _unexpected(error: Exception) -> Response[str]:
    # The traceback goes to the log; the caller gets a request id-free, detail-free answer.
    logger.exception("unhandled error", exc_info=error)
    return problem(
        HTTPStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side."
    )


def build_resolver(*routers: APIGatewayHttpRouter) -> APIGatewayHttpResolver:
    """A resolver with the given routers and slsplay's error handling."""
    # Every JSON body is read by ``read_json``: no nesting or text can crash a route.
    app = APIGatewayHttpResolver(enable_validation=True, json_body_deserializer=read_json)
    for router in routers:
        app.include_router(router)
    app.exception_handler(DomainError)(_domain_error)
    app.exception_handler(RequestValidationError)(_validation_error)
    app.exception_handler(InvalidCursor)(_bad_cursor)
    app.exception_handler(UnicodeDecodeError)(_undecodable_body)
    app.exception_handler(RequestUnsupportedContentType)(_unsupported_media_type)
    app.exception_handler(Exception)(_unexpected)
    app.not_found(_not_found)
    return app


def _refused_body(event: dict[str, Any], form_bodies_under: str | None) -> Response[str] | None:
    """Refuse a body that is too large or not JSON before any parsing (the API speaks JSON;
    paths under ``form_bodies_under`` may also take an HTML form's)."""
    body = event.get("body") or ""
    if len(body) > MAX_BODY_BYTES:
        return problem(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            "payload_too_large",
            f"The request body is larger than {MAX_BODY_BYTES} bytes.",
        )
    content_type = (event.get("headers") or {}).get("content-type", "")
    media_type = content_type.split(";")[0].strip().lower()
    path = event.get("rawPath") or ""
    if form_bodies_under and path.startswith(form_bodies_under) and media_type == FORM:
        return None
    if body and media_type != "application/json" and not media_type.endswith("+json"):
        return problem(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the body as application/json.",
        )
    return None


def _refused_parameters(event: dict[str, Any]) -> Response[str] | None:
    """Refuse path or query parameters that are not text, naming each."""
    errors = parameter_errors(event.get("pathParameters")) + parameter_errors(
        event.get("queryStringParameters")
    )
    if not errors:
        return None
    return _domain_error(InvalidInput(errors))


def lambda_handler(
    resolver: Callable[[], APIGatewayHttpResolver], *, form_bodies_under: str | None = None
) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    """The Lambda entry point for the resolver ``resolver()`` builds on the first invocation,
    refusing unfit bodies before parsing them."""
    built: list[APIGatewayHttpResolver] = []
    building = threading.Lock()

    def app() -> APIGatewayHttpResolver:
        # Built on the first request, not at import: a resolver that validates loads pydantic
        # (some 100 ms of CPU), which the routes' models need then anyway. Once only, under a
        # lock: each router serves the last resolver that included it.
        if not built:
            with building:
                if not built:
                    built.append(resolver())
        return built[0]

    @entry_point
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        refusal = _refused_body(event, form_bodies_under) or _refused_parameters(event)
        if refusal is not None:
            return {
                "statusCode": refusal.status_code,
                "headers": refusal.headers,
                "body": refusal.body,
            }
        result: dict[str, Any] = app().resolve(event, context)
        return result

    return handler


def caller(app: APIGatewayHttpResolver | APIGatewayHttpRouter) -> Caller:
    """The signed-in caller, from the claims API Gateway's JWT authorizer verified."""
    claims = app.current_event.request_context.authorizer.jwt_claim
    if not claims or "sub" not in claims:
        raise Unauthorized("invalid_token")
    return caller_from_claims(dict(claims))


def bearer_token(app: APIGatewayHttpResolver | APIGatewayHttpRouter) -> str | None:
    """The bearer token of a route without the authorizer (where a token is optional)."""
    header = app.current_event.headers.get("authorization") or ""
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None
