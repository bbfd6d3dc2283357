"""The auth function: sign-up, login, guests, token refresh, and the keys that verify tokens."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from slsplay.handlers import models
from slsplay.handlers.context import container
from slsplay.handlers.http import (
    SECURED,
    bearer_token,
    build_resolver,
    caller,
    lambda_handler,
    problems,
)
from slsplay.handlers.presenters import session_json, user_json
from slsplay.services import auth

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
TAGS = ["auth"]


@router.post(
    "/api/auth/signup",
    responses=problems(401, 409),
    tags=TAGS,
    status_code=201,
    summary="Sign up; with a guest's token as bearer, the guest's meetups move to the account",
)
def sign_up(body: models.SignupIn) -> models.SessionOut:
    session = auth.sign_up(
        container().auth, body.email, body.password, body.name, bearer_token(router)
    )
    return models.SessionOut.model_validate(session_json(session))


@router.post(
    "/api/auth/login",
    responses=problems(401, 429),
    tags=TAGS,
    summary="Log in with email and password",
)
def log_in(body: models.LoginIn) -> models.SessionOut:
    session = auth.log_in(container().auth, body.email, body.password, bearer_token(router))
    return models.SessionOut.model_validate(session_json(session))


@router.post(
    "/api/auth/guest",
    responses=problems(),
    tags=TAGS,
    status_code=201,
    summary="Start as a guest (drafts only)",
)
def start_as_guest() -> models.SessionOut:
    return models.SessionOut.model_validate(session_json(auth.start_as_guest(container().auth)))


@router.post(
    "/api/auth/refresh",
    responses=problems(401),
    tags=TAGS,
    summary="Trade a refresh token for new tokens",
)
def refresh(body: models.RefreshIn) -> models.SessionOut:
    session = auth.refresh(container().auth, body.refresh_token)
    return models.SessionOut.model_validate(session_json(session))


@router.post(
    "/api/auth/logout",
    responses=problems(empty_success=204),
    tags=TAGS,
    status_code=204,
    summary="End the sign-in of a refresh token",
)
def log_out(body: models.RefreshIn) -> Response[None]:
    auth.log_out(container().auth, body.refresh_token)
    return Response(204)


@router.get(
    "/api/me",
    responses=problems(404, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="Who the access token belongs to",
)
def me() -> models.UserOut:
    user = auth.who_is(container().auth, caller(router))
    return models.UserOut.model_validate(user_json(user))


@router.get("/.well-known/openid-configuration", include_in_schema=False)
def openid_configuration() -> dict[str, Any]:
    issuer = container().tokens.issuer
    return {
        "issuer": issuer,
        "jwks_uri": f"{issuer}/.well-known/jwks.json",
        "id_token_signing_alg_values_supported": ["RS256"],
        "subject_types_supported": ["public"],
        "response_types_supported": ["token"],
    }


@router.get("/.well-known/jwks.json", include_in_schema=False)
def jwks() -> dict[str, Any]:
    return container().tokens.jwks()


app = build_resolver(router)
handler = lambda_handler(app)
