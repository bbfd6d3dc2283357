"""The docs function: the OpenAPI 3.1 document of every route, and Swagger UI to try them.

It includes every function's router (only to describe them: it serves none of their routes,
API Gateway sends those to their own functions), so the document always matches the code.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from slsplay.handlers import auth, meetups
from slsplay.handlers.http import build_resolver, lambda_handler

SWAGGER_PATH = "/api/docs"
TITLE = "slsplay API"
VERSION = "1.0.0"
DESCRIPTION = (
    "Virtual VIP meetups. Errors are RFC 9457 problem documents with a stable `code`. "
    "Sign up, log in or start as a guest at /api/auth/..., then send the access token as "
    "`Authorization: Bearer <token>`."
)
SECURITY_SCHEMES = {"bearer": HTTPBearer(bearerFormat="JWT")}

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]


@router.get("/api/openapi.json", include_in_schema=False)
def openapi_document() -> Response[str]:
    return Response(200, "application/json", json.dumps(openapi_schema()))


EMPTY_ANSWERS = ("202", "204", "302", "303")


def openapi_schema() -> dict[str, Any]:
    """The OpenAPI document as data: what /api/openapi.json serves."""
    schema: dict[str, Any] = app.get_openapi_schema(
        title=TITLE,
        version=VERSION,
        description=DESCRIPTION,
        security_schemes=SECURITY_SCHEMES,  # type: ignore[arg-type]
    ).model_dump(mode="json", by_alias=True, exclude_none=True)
    # An accepted request, an empty answer and a redirect have no body; the generator gives
    # them the route's (empty) JSON content anyway.
    for operation in (op for path in schema["paths"].values() for op in path.values()):
        for status in EMPTY_ANSWERS:
            operation.get("responses", {}).get(status, {}).pop("content", None)
    return schema


app = build_resolver(auth.router, *meetups.ROUTERS, router)
app.enable_swagger(
    path=SWAGGER_PATH,
    title=TITLE,
    version=VERSION,
    description=DESCRIPTION,
    security_schemes=SECURITY_SCHEMES,  # type: ignore[arg-type]
)
handler = lambda_handler(app)
