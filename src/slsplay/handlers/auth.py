"""The auth function: sign-up, login, guests, token refresh, and the keys that verify tokens."""

from __future__ import annotations

import functools
from typing import Annotated, Any
from urllib.parse import urlencode

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from slsplay.domain.errors import Unauthorized, field_error
from slsplay.handlers import refresh_cookie
from slsplay.handlers.context import container
from slsplay.handlers.http import (
    SECURED,
    bearer_token,
    build_resolver,
    caller,
    lambda_handler,
    model_content,
    problems,
)
from slsplay.handlers.lazy import Query, models
from slsplay.handlers.logs import logger
from slsplay.handlers.presenters import session_out, user_out
from slsplay.ports import SignInRefused
from slsplay.services import auth, social
from slsplay.services.auth import Session

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
TAGS = ["auth"]
JSON = "application/json"


def _signed_in(session: Session, status: int = 200) -> Response[models.SessionOut]:
    """The session as its client keeps it: the web app's refresh token in its cookie (and
    not in the body, where its scripts could read it), any other client's in the body."""
    answer = session_out(session)
    if not refresh_cookie.wanted(router.current_event.headers):
        return Response(status, JSON, answer)
    return Response(
        status,
        JSON,
        answer.model_copy(update={"refresh_token": None}),
        cookies=refresh_cookie.issued(session.refresh_token),
    )


def _refresh_token(body: models.RefreshIn) -> str | None:
    """The body's refresh token, else (from the web app) its cookie's; ``None``: the web app
    holds none."""
    if body.refresh_token:
        return body.refresh_token
    if refresh_cookie.wanted(router.current_event.headers):
        return refresh_cookie.sent(router.current_event.cookies)
    raise field_error("refresh_token", "Field required")


@router.post(
    "/api/auth/signup",
    responses=problems(401, success=201),
    tags=TAGS,
    status_code=201,
    summary="Sign up; with a guest's token as bearer, the guest's meetups move to the account",
    description=(
        "Answers alike whether or not the address has an account. A new address is then proved"
        " by the link emailed to it; an address that has an account stays with it (this new"
        " account can neither prove nor act as it), and its holder is emailed that someone"
        " tried, with a link to choose a new password."
    ),
)
def sign_up(body: models.SignupIn) -> Response[models.SessionOut]:
    session = auth.sign_up(
        container().auth, body.email, body.password, body.name, bearer_token(router)
    )
    return _signed_in(session, 201)


@router.post(
    "/api/auth/login",
    responses=problems(401, 429),
    tags=TAGS,
    summary="Log in with email and password",
)
def log_in(body: models.LoginIn) -> Response[models.SessionOut]:
    session = auth.log_in(container().auth, body.email, body.password, bearer_token(router))
    return _signed_in(session)


@router.post(
    "/api/auth/guest",
    responses=problems(success=201),
    tags=TAGS,
    status_code=201,
    summary="Start as a guest (drafts only)",
)
def start_as_guest() -> Response[models.SessionOut]:
    return _signed_in(auth.start_as_guest(container().auth), 201)


@router.post(
    "/api/auth/refresh",
    responses=problems(401),
    tags=TAGS,
    summary="Trade a refresh token for new tokens",
    description=(
        "The refresh token of the body, or from the web app (X-Slsplay-Client: web) its"
        " HttpOnly cookie's, which the answer sets anew (the body's refresh_token is then null)."
    ),
)
def refresh(body: models.RefreshIn) -> Response[models.SessionOut]:
    token = _refresh_token(body)
    if token is None:
        raise Unauthorized("invalid_token")
    return _signed_in(auth.refresh(container().auth, token))


@router.post(
    "/api/auth/logout",
    responses=problems(empty_success=204),
    tags=TAGS,
    status_code=204,
    summary="End the sign-in of a refresh token",
    description="The refresh token of the body, or from the web app its cookie's, which the"
    " answer clears.",
)
def log_out(body: models.RefreshIn) -> Response[None]:
    token = _refresh_token(body)
    if token is not None:
        auth.log_out(container().auth, token)
    web = refresh_cookie.wanted(router.current_event.headers)
    return Response(204, cookies=refresh_cookie.cleared() if web else None)


@router.post(
    "/api/auth/verify",
    responses=problems(422),
    tags=TAGS,
    summary="Prove an email address with the token of the emailed link",
)
def verify_email(body: models.VerifyIn) -> models.UserOut:
    user = auth.verify_email(container().auth, body.token)
    return user_out(user)


@router.post(
    "/api/auth/verify/resend",
    responses=problems(409, secured=True, empty_success=202),
    tags=TAGS,
    security=SECURED,
    status_code=202,
    summary="Email the signed-in account a new verification link",
)
def resend_verification() -> Response[None]:
    auth.resend_verification(container().auth, caller(router))
    return Response(202)


@router.post(
    "/api/auth/password/forgot",
    responses=problems(empty_success=202),
    tags=TAGS,
    status_code=202,
    summary="Email a password reset link to the address, if an account has it (202 either way)",
)
def forgot_password(body: models.EmailIn) -> Response[None]:
    auth.forgot_password(container().auth, body.email)
    return Response(202)


@router.post(
    "/api/auth/password/reset",
    responses=problems(422),
    tags=TAGS,
    summary="Set a new password with the emailed link's token (once); other sign-ins end",
)
def reset_password(body: models.ResetIn) -> Response[models.SessionOut]:
    session = auth.reset_password(container().auth, body.token, body.password)
    return _signed_in(session)


@router.post(
    "/api/auth/code",
    responses=problems(empty_success=202),
    tags=TAGS,
    status_code=202,
    summary=(
        "Email a 6-digit sign-in code to the address, if an account has it (202 either way;"
        " 5 codes an hour at most)"
    ),
)
def request_code(body: models.EmailIn) -> Response[None]:
    auth.request_code(container().auth, body.email)
    return Response(202)


@router.post(
    "/api/auth/code/verify",
    responses=problems(401, 429),
    tags=TAGS,
    summary="Sign in with the emailed code (as a login; 5 wrong codes in 15 minutes pause it)",
)
def sign_in_with_code(body: models.CodeIn) -> Response[models.SessionOut]:
    session = auth.sign_in_with_code(container().auth, body.email, body.code, bearer_token(router))
    return _signed_in(session)


@router.get(
    "/api/auth/providers",
    responses=problems(),
    tags=TAGS,
    summary="The social sign-in providers configured (none: sign in by email)",
)
def providers() -> models.ProvidersOut:
    found = container().identity_providers
    return models.ProvidersOut(
        providers=[
            models.ProviderOut(
                name=name, label=found.label(name), start_url=f"/api/auth/oidc/{name}/start"
            )
            for name in found.names()
        ]
    )


START_RESPONSES: dict[int, OpenAPIResponse] = {
    **problems(404),
    302: {"description": "To the provider's sign-in page"},
    200: {
        "description": "With Accept: application/json, where to go (a guest's bearer token "
        "moves their drafts to the account)",
        "content": {"application/json": model_content("AuthorizeOut")},
    },
}


@router.get(
    "/api/auth/oidc/<provider>/start",
    responses=START_RESPONSES,
    tags=TAGS,
    summary="Begin signing in at a provider (authorization code with PKCE, state and nonce)",
)
def start_social(
    provider: str,
    next: Annotated[str | None, Query(description="A path of this site to return to.")] = None,
) -> Response[Any]:
    url = social.start(_social_ports(), provider, next, bearer_token(router))
    if "application/json" in (router.current_event.headers.get("accept") or ""):
        return Response(200, "application/json", {"authorize_url": url})
    return Response(302, headers={"Location": url, "Cache-Control": "no-store"})


@router.get(
    "/api/auth/oidc/<provider>/callback",
    responses={
        **problems(404, success=None),
        302: {"description": "To the web app: signed in, or back to log in"},
    },
    tags=TAGS,
    summary="Where the provider returns: the web app's next page, with a one-time code",
)
def finish_social(
    provider: str,
    code: Annotated[str | None, Query()] = None,
    state: Annotated[str | None, Query()] = None,
    error: Annotated[str | None, Query(description="The provider's refusal.")] = None,
) -> Response[None]:
    ports = _social_ports()
    try:
        if error:
            raise SignInRefused("provider_refused", error)
        location = social.finish(ports, provider, code, state)
    except SignInRefused as refused:
        logger.warning("social sign-in refused", extra={"provider": provider, "why": str(refused)})
        location = f"{ports.base_url}/login?{urlencode({'error': refused.code})}"
    return Response(302, headers={"Location": location, "Cache-Control": "no-store"})


@router.post(
    "/api/auth/oidc/exchange",
    responses=problems(422),
    tags=TAGS,
    summary="Trade the one-time code of a social sign-in for a session (once, within 2 minutes)",
)
def exchange_social(body: models.ExchangeIn) -> Response[models.SessionOut]:
    return _signed_in(social.exchange(container().auth, body.code))


def _social_ports() -> social.SocialPorts:
    deps = container()
    return social.SocialPorts(deps.auth, deps.identity_providers, deps.settings.public_url)


@router.get(
    "/api/me",
    responses=problems(404, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="Who the access token belongs to",
)
def me() -> models.UserOut:
    user = auth.who_is(container().auth, caller(router))
    return user_out(user)


@router.get(
    "/.well-known/openid-configuration",
    responses={
        **problems(),
        200: {
            "description": "OK",
            "content": {"application/json": model_content("OpenIdConfigurationOut")},
        },
    },
    tags=TAGS,
    summary="The issuer of access tokens, and where its keys are (OpenID Connect discovery)",
)
def openid_configuration() -> dict[str, Any]:
    issuer = container().tokens.issuer
    return {
        "issuer": issuer,
        "jwks_uri": f"{issuer}/.well-known/jwks.json",
        "id_token_signing_alg_values_supported": ["RS256"],
        "subject_types_supported": ["public"],
        "response_types_supported": ["token"],
    }


@router.get(
    "/.well-known/jwks.json",
    responses={
        **problems(),
        200: {"description": "OK", "content": {"application/json": model_content("JwksOut")}},
    },
    tags=TAGS,
    summary="The public keys that verify access tokens (a JSON Web Key Set)",
)
def jwks() -> dict[str, Any]:
    return container().tokens.jwks()


handler = lambda_handler(functools.partial(build_resolver, router))
