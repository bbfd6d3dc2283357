"""An OpenID Connect provider on 127.0.0.1, for driving social sign-in against the app.

``OidcProvider`` serves over real HTTP from a thread what an identity provider such as
Google serves the app's client, found by its discovery document: the JWKS, the
authorization endpoint, the token endpoint and userinfo. The authorization code flow runs
as a real one does, with PKCE (S256 only), ``state``, ``nonce``, single-use codes that expire
and RS256 ID tokens, except that there is no login page: the user the test chose is signed
in at once and sent back to the client's ``redirect_uri``.

Tests make it misbehave the ways an attacker or a broken provider would (a token for another
audience, issuer or nonce, an expired one, one signed by a key it does not publish) so the
app's refusals can be checked, and read ``requests`` to see what the app sent.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import unquote_plus, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from slsplay.local.identity_provider import (
    CLAIMS,
    PKCE_VALUE,
    SCOPES,
    Person,
    claims_for,
    code_refusal,
)
from tests.support.http_fake import (
    Answer,
    ServedFromThread,
    form_handler,
    html_page,
    json_answer,
    redirect,
    with_query,
)

CLIENT_ID = "slsplay-test"
CLIENT_SECRET = "test-secret"
CODE_SECONDS = 60
ID_TOKEN_SECONDS = 5 * 60
ACCESS_TOKEN_SECONDS = 60 * 60


@functools.cache
def _signing_key() -> rsa.RSAPrivateKey:
    # One key per test process: making a 2048-bit key takes a good part of a test's budget.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@functools.cache
def _stranger_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _thumbprint(jwk: Mapping[str, Any]) -> str:
    """The key's RFC 7638 thumbprint, which is how many providers name their keys."""
    required = {name: jwk[name] for name in ("e", "kty", "n")}
    canonical = json.dumps(required, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(hashlib.sha256(canonical).digest()).rstrip(b"=").decode()


@dataclass(frozen=True)
class ReceivedRequest:
    """One request the provider received: its query (GET) or form (POST) decoded."""

    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]

    def header(self, name: str) -> str | None:
        """A header's value, its name matched without regard to case."""
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


@dataclass(frozen=True)
class Tampering:
    """What the next ID token gets wrong."""

    nonce: str | None = None
    audience: str | None = None
    issuer: str | None = None
    expired: bool = False
    wrong_key: bool = False


@dataclass
class _Grant:
    """An authorization code and what the user agreed to when it was issued."""

    user: Person
    client_id: str
    redirect_uri: str
    scope: list[str]
    nonce: str | None
    code_challenge: str
    auth_time: int
    expires_at: float
    used: bool = False
    access_tokens: list[str] = field(default_factory=list)


class OAuthError(Exception):
    """An OAuth 2 error answer (RFC 6749 section 5.2) from the token or userinfo endpoint."""

    def __init__(
        self,
        error: str,
        description: str,
        status: HTTPStatus = HTTPStatus.BAD_REQUEST,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description
        self.status = status
        self.headers = dict(headers or {})


class OidcProvider(ServedFromThread):
    """An OpenID Connect provider with one registered client, served on 127.0.0.1 until the
    ``with`` block ends."""

    thread_name = "oidc-provider"

    def __init__(
        self,
        *,
        client_id: str = CLIENT_ID,
        client_secret: str = CLIENT_SECRET,
        redirect_uris: Sequence[str] | None = None,
    ) -> None:
        """``redirect_uris``: the client's registered callbacks, matched exactly as real
        providers do; None takes any absolute http(s) address without a fragment."""
        super().__init__()
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uris = list(redirect_uris) if redirect_uris is not None else None
        self.requests: list[ReceivedRequest] = []
        self._users: dict[str, Person] = {}
        self._chosen: str | None = None
        self._denial: str | None = None
        self._tampering: Tampering | None = None
        self._grants: dict[str, _Grant] = {}
        # access token -> (the grant it came from, when it stops working)
        self._access: dict[str, tuple[_Grant, float]] = {}
        self._key = _signing_key()
        self._jwk: dict[str, Any] = RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        self._jwk.update(kid=_thumbprint(self._jwk), use="sig", alg="RS256")
        self._lock = threading.Lock()

    # -- serving ----------------------------------------------------------------------------

    @property
    def issuer(self) -> str:
        """The provider's issuer identifier, which is also its base address."""
        return self._served_url()

    @property
    def discovery_url(self) -> str:
        """Where a client reads the provider's configuration (OpenID Connect Discovery)."""
        return f"{self.issuer}/.well-known/openid-configuration"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        return form_handler(
            self.answer, json_answer({"error": "server_error"}, HTTPStatus.INTERNAL_SERVER_ERROR)
        )

    # -- what tests do to it ----------------------------------------------------------------

    def add_user(
        self, sub: str, email: str, *, name: str = "", email_verified: bool = True
    ) -> None:
        """An account at the provider; the first one added is the one who signs in."""
        with self._lock:
            self._users[sub] = Person(sub, email, name, email_verified)
            if self._chosen is None:
                self._chosen = sub

    def choose(self, sub: str) -> None:
        """The user who signs in at the following authorization requests."""
        with self._lock:
            if sub not in self._users:
                raise KeyError(f"no user {sub!r}; add_user first")
            self._chosen = sub

    def deny_next(self, error: str = "access_denied") -> None:
        """The next authorization request ends in ``error`` (the user pressed Cancel)."""
        with self._lock:
            self._denial = error

    def tamper_next(
        self,
        *,
        nonce: str | None = None,
        audience: str | None = None,
        issuer: str | None = None,
        expired: bool = False,
        wrong_key: bool = False,
    ) -> None:
        """The next ID token issued gets these wrong: its ``nonce``, ``aud`` or ``iss``
        replaced, ``exp`` in the past, or signed by a key the JWKS does not hold (its
        header still names the published key, as a forger's would)."""
        with self._lock:
            self._tampering = Tampering(nonce, audience, issuer, expired, wrong_key)

    def expire_codes(self) -> None:
        """Every authorization code issued so far is past its lifetime."""
        with self._lock:
            for grant in self._grants.values():
                grant.expires_at = 0.0

    def requests_to(self, path: str) -> list[ReceivedRequest]:
        """The requests received at one path, oldest first."""
        with self._lock:
            return [r for r in self.requests if r.path == path]

    @property
    def jwks(self) -> dict[str, Any]:
        """The published key set."""
        return {"keys": [dict(self._jwk)]}

    # -- the endpoints ----------------------------------------------------------------------

    def answer(
        self, method: str, path: str, params: dict[str, str], headers: Mapping[str, str]
    ) -> Answer:
        """The answer to one request (the HTTP handler's work)."""
        with self._lock:
            self.requests.append(ReceivedRequest(method, path, params, dict(headers)))
            lowered = {k.lower(): v for k, v in headers.items()}
            try:
                return self._route(method, path, params, lowered)
            except OAuthError as e:
                body = {"error": e.error, "error_description": e.description}
                return json_answer(body, e.status, {"Cache-Control": "no-store", **e.headers})

    def _route(
        self, method: str, path: str, params: dict[str, str], headers: Mapping[str, str]
    ) -> Answer:
        # OpenID Connect Core asks for GET and POST at the authorization and userinfo
        # endpoints; the token endpoint is POST only (RFC 6749 section 3.2).
        match method, path:
            case "GET", "/.well-known/openid-configuration":
                return json_answer(self._configuration())
            case "GET", "/jwks":
                return json_answer(self.jwks)
            case "GET" | "POST", "/authorize":
                return self._authorize(params)
            case "POST", "/token":
                return self._token(params, headers)
            case "GET" | "POST", "/userinfo":
                return self._userinfo(headers)
        if path in ("/token", "/jwks", "/.well-known/openid-configuration"):
            return json_answer({"error": "method_not_allowed"}, HTTPStatus.METHOD_NOT_ALLOWED)
        return json_answer({"error": "not_found"}, HTTPStatus.NOT_FOUND)

    def _configuration(self) -> dict[str, Any]:
        issuer = self.issuer
        return {
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/authorize",
            "token_endpoint": f"{issuer}/token",
            "jwks_uri": f"{issuer}/jwks",
            "userinfo_endpoint": f"{issuer}/userinfo",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": list(SCOPES),
            "token_endpoint_auth_methods_supported": [
                "client_secret_post",
                "client_secret_basic",
            ],
            "code_challenge_methods_supported": ["S256"],
            "grant_types_supported": ["authorization_code"],
            "claims_supported": list(CLAIMS),
            "authorization_response_iss_parameter_supported": True,
        }

    def _authorize(self, params: dict[str, str]) -> Answer:
        # RFC 6749 section 4.1.2.1: until the client and its redirect_uri are known good,
        # errors go to the person at the browser, never to an address nobody vouched for.
        client_id = params.get("client_id", "")
        redirect_uri = params.get("redirect_uri", "")
        if client_id != self.client_id:
            return html_page(
                HTTPStatus.BAD_REQUEST, "Sign-in error", f"Unknown client: {client_id!r}"
            )
        if not self._acceptable_redirect(redirect_uri):
            return html_page(
                HTTPStatus.BAD_REQUEST,
                "Sign-in error",
                f"redirect_uri not allowed: {redirect_uri!r}",
            )

        def back(answer: dict[str, str]) -> Answer:
            # RFC 9207: the issuer comes back too, so a client can tell providers apart.
            state = {"state": params["state"]} if "state" in params else {}
            return redirect(with_query(redirect_uri, {**answer, **state, "iss": self.issuer}))

        def refuse(error: str, description: str) -> Answer:
            return back({"error": error, "error_description": description})

        scope = params.get("scope", "").split()
        challenge = params.get("code_challenge", "")
        # RFC 7636 section 4.3: no method means "plain", which this provider refuses.
        method = params.get("code_challenge_method", "plain")
        if params.get("response_type") != "code":
            return refuse("unsupported_response_type", "only response_type=code")
        if "openid" not in scope:
            return refuse("invalid_scope", "scope must include openid")
        if unknown := [s for s in scope if s not in SCOPES]:
            return refuse("invalid_scope", f"unknown scopes: {' '.join(unknown)}")
        if not challenge:
            return refuse("invalid_request", "code_challenge required (PKCE)")
        if method != "S256":
            return refuse("invalid_request", "code_challenge_method must be S256")
        if not PKCE_VALUE.match(challenge):
            return refuse("invalid_request", "code_challenge malformed")
        if self._denial is not None:
            error, self._denial = self._denial, None
            return refuse(error, "the user did not agree")
        if self._chosen is None:
            return refuse("access_denied", "no user to sign in (add_user first)")
        code = secrets.token_urlsafe(32)
        now = time.time()
        self._grants[code] = _Grant(
            user=self._users[self._chosen],
            client_id=client_id,
            redirect_uri=redirect_uri,
            scope=scope,
            nonce=params.get("nonce"),
            code_challenge=challenge,
            auth_time=int(now),
            expires_at=now + CODE_SECONDS,
        )
        return back({"code": code})

    def _acceptable_redirect(self, uri: str) -> bool:
        if self.redirect_uris is not None:
            return uri in self.redirect_uris
        parts = urlsplit(uri)
        return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.fragment

    def _token(self, form: dict[str, str], headers: Mapping[str, str]) -> Answer:
        if headers.get("content-type", "").split(";")[0].strip() != (
            "application/x-www-form-urlencoded"
        ):
            raise OAuthError("invalid_request", "the body must be a form")
        self._authenticate_client(form, headers)
        if form.get("grant_type") != "authorization_code":
            raise OAuthError("unsupported_grant_type", "only authorization_code")
        code = form.get("code", "")
        if not code:
            raise OAuthError("invalid_request", "code missing")
        grant = self._grants.get(code)
        if grant is None:
            raise OAuthError("invalid_grant", "unknown code")
        if grant.used:
            # RFC 6749 section 4.1.2: a code used twice may have been stolen, so what it
            # bought the first time stops working too.
            for token in grant.access_tokens:
                self._access.pop(token, None)
            raise OAuthError("invalid_grant", "code already used")
        # Any try spends the code, so a thief who guesses wrong cannot try again.
        grant.used = True
        refused = code_refusal(
            form, grant.redirect_uri, grant.code_challenge, grant.expires_at, time.time()
        )
        if refused is not None:
            raise OAuthError("invalid_grant", refused)
        access_token = secrets.token_urlsafe(32)
        grant.access_tokens.append(access_token)
        self._access[access_token] = (grant, time.time() + ACCESS_TOKEN_SECONDS)
        tampering, self._tampering = self._tampering or Tampering(), None
        return json_answer(
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": ACCESS_TOKEN_SECONDS,
                "id_token": self._id_token(grant, tampering),
                "scope": " ".join(grant.scope),
            },
            # RFC 6749 section 5.1: tokens are never cached.
            headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
        )

    def _authenticate_client(self, form: dict[str, str], headers: Mapping[str, str]) -> None:
        basic = headers.get("authorization", "")
        refused = OAuthError(
            "invalid_client",
            "client authentication failed",
            HTTPStatus.UNAUTHORIZED,
            {"WWW-Authenticate": 'Basic realm="oidc-provider"'},
        )
        if basic:
            if "client_secret" in form:
                raise OAuthError("invalid_request", "more than one client authentication")
            scheme, _, encoded = basic.partition(" ")
            if scheme.lower() != "basic":
                raise refused
            try:
                decoded = base64.b64decode(encoded, validate=True).decode()
            except (binascii.Error, UnicodeDecodeError) as e:
                raise refused from e
            # RFC 6749 section 2.3.1: both halves are form-encoded before joining.
            client_id, _, secret = (unquote_plus(p) for p in decoded.partition(":"))
        else:
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        known = secrets.compare_digest(client_id.encode(), self.client_id.encode())
        right = secrets.compare_digest(secret.encode(), self.client_secret.encode())
        if not (known and right):
            raise refused

    def _id_token(self, grant: _Grant, tampering: Tampering) -> str:
        now = int(time.time())
        # An expired token is an old one replayed: issued ten minutes ago, dead for five,
        # well past the minute of clock skew clients allow.
        issued = now - 2 * ID_TOKEN_SECONDS if tampering.expired else now
        claims: dict[str, Any] = {
            "iss": self.issuer if tampering.issuer is None else tampering.issuer,
            "sub": grant.user.sub,
            "aud": grant.client_id if tampering.audience is None else tampering.audience,
            "iat": issued,
            "exp": issued + ID_TOKEN_SECONDS,
            "auth_time": min(grant.auth_time, issued),
        }
        nonce = grant.nonce if tampering.nonce is None else tampering.nonce
        if nonce is not None:
            claims["nonce"] = nonce
        claims.update(claims_for(grant.user, grant.scope))
        key = _stranger_key() if tampering.wrong_key else self._key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self._jwk["kid"]})

    def _userinfo(self, headers: Mapping[str, str]) -> Answer:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        found = self._access.get(token) if scheme.lower() == "bearer" else None
        if found is None or time.time() >= found[1]:
            # RFC 6750 section 3: the challenge says why.
            raise OAuthError(
                "invalid_token",
                "missing, unknown or expired access token",
                HTTPStatus.UNAUTHORIZED,
                {"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        grant = found[0]
        return json_answer({"sub": grant.user.sub, **claims_for(grant.user, grant.scope)})
