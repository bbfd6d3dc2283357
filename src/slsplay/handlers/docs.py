"""The docs function: the OpenAPI 3.1 document of every route, and Swagger UI to try them.

It includes every function's router (only to describe them: it serves none of their routes,
API Gateway sends those to their own functions), so the document always matches the code;
the routes no router serves (GraphQL, and this function's own) are described here.
Its resolver is built on the first request: describing the routes loads pydantic and every
model, which the function's import need not wait for.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from slsplay.handlers import auth, meetups, pages, payments, public_pages
from slsplay.handlers.http import (
    REFERENCED_MODELS,
    TEXT_BODY,
    build_resolver,
    lambda_handler,
    model_content,
    problems,
)

if TYPE_CHECKING:
    from aws_lambda_powertools.event_handler import APIGatewayHttpResolver

SWAGGER_PATH = "/api/docs"
TITLE = "slsplay API"
VERSION = "1.0.0"
DESCRIPTION = (
    "Virtual VIP meetups. Errors are RFC 9457 problem documents with a stable `code`. "
    "Sign up, log in or start as a guest at /api/auth/..., then send the access token as "
    "`Authorization: Bearer <token>`."
)

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]

# Answers name some models by reference only (http.model_content), which the generator
# cannot follow to their classes: the document's own route, left out of the document, names
# the classes in its answer's content, filled in as the resolver is built (they are pydantic),
# so that their schemas are in the document (and in Swagger UI's copy).
REFERENCED: OpenAPIResponse = {"description": "The models answers name by reference"}


@router.get("/api/openapi.json", include_in_schema=False, responses={200: REFERENCED})
def openapi_document() -> Response[str]:
    return Response(200, "application/json", _document_text())


@functools.cache
def _document_text() -> str:
    # The routes do not change while the process lives: the document is made once (some
    # 150 ms of CPU), not on every request.
    return json.dumps(openapi_schema())


EMPTY_ANSWERS = ("202", "204", "301", "302", "303", "304")


def _graphql_answers(*statuses: int) -> dict[int, OpenAPIResponse]:
    return {
        **problems(400, 401, *statuses),
        200: {
            "description": "The result; errors (the document's, or a field's) come in errors",
            "content": {"application/json": model_content("GraphqlAnswerOut")},
        },
    }


_GRAPHQL = {"tags": ["graphql"], "security": [{}, {"bearer": []}]}
# The template's routes that no Powertools router serves, as path items: the GraphQL API (a
# token is optional: the function checks one if sent), and this function's own two.
OTHER_PATHS: dict[str, dict[str, Any]] = {
    "/api/graphql": {
        "post": {
            **_GRAPHQL,
            "operationId": "graphql_post",
            "summary": "The web app's API: queries and mutations (web/schema.graphql)",
            "requestBody": {
                "required": True,
                "content": {"application/json": model_content("GraphqlRequest")},
            },
            "responses": _graphql_answers(),
        },
        "get": {
            **_GRAPHQL,
            "operationId": "graphql_get",
            "summary": "A GraphQL query in the query string (mutations only by POST: 405)",
            "parameters": [
                {"name": "query", "in": "query", "required": True, "schema": {"type": "string"}},
                {
                    "name": "variables",
                    "in": "query",
                    "description": "A JSON object, as text.",
                    "schema": {"type": "string"},
                },
                {"name": "operationName", "in": "query", "schema": {"type": "string"}},
            ],
            "responses": _graphql_answers(405),
        },
    },
    "/api/openapi.json": {
        "get": {
            "tags": ["docs"],
            "operationId": "openapi_document_get",
            "summary": "This document",
            "responses": {
                **problems(),
                200: {
                    "description": "An OpenAPI 3.1 document",
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "required": ["openapi", "info", "paths"]}
                        }
                    },
                },
            },
        }
    },
    SWAGGER_PATH: {
        "get": {
            "tags": ["docs"],
            "operationId": "swagger_ui_get",
            "summary": "Swagger UI, to read this document and try the routes",
            "responses": {
                **problems(),
                200: {"description": "A page", "content": {"text/html": TEXT_BODY}},
            },
        }
    },
}


def openapi_schema() -> dict[str, Any]:
    """The OpenAPI document as data: what /api/openapi.json serves."""
    schema: dict[str, Any] = (
        resolver()
        .get_openapi_schema(
            title=TITLE,
            version=VERSION,
            description=DESCRIPTION,
            security_schemes=_security_schemes(),
        )
        .model_dump(mode="json", by_alias=True, exclude_none=True)
    )
    # An accepted request, an empty answer, a redirect and "not modified" have no body; the
    # generator gives
    # them the route's (empty) JSON content anyway.
    for operation in (op for path in schema["paths"].values() for op in path.values()):
        for status in EMPTY_ANSWERS:
            operation.get("responses", {}).get(status, {}).pop("content", None)
    schema["paths"].update(json.loads(json.dumps(OTHER_PATHS)))  # status keys as text
    return schema


@functools.cache
def resolver() -> APIGatewayHttpResolver:
    """Every function's routes (to describe them), this function's own, and Swagger UI."""
    from slsplay.handlers import models  # noqa: PLC0415  (pydantic: on the first request)

    REFERENCED["content"] = {
        name: {"model": getattr(models, name)} for name in sorted(REFERENCED_MODELS)
    }
    app = build_resolver(
        auth.router, *meetups.ROUTERS, *payments.ROUTERS, *public_pages.ROUTERS, router
    )
    app.enable_swagger(
        path=SWAGGER_PATH,
        title=TITLE,
        version=VERSION,
        description=DESCRIPTION,
        security_schemes=_security_schemes(),
        # Its page is inline script and style: it names them in a policy of its own.
        middlewares=[pages.with_own_policy],
    )
    return app


def _security_schemes() -> dict[str, Any]:
    from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer  # noqa: PLC0415

    return {"bearer": HTTPBearer(bearerFormat="JWT")}


handler = lambda_handler(resolver)
