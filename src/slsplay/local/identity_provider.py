"""The local identity provider: an OpenID Connect provider the runtime serves under ``/_oidc/``,
so that social sign-in can be tried offline, without Google or GitHub credentials.

When no social provider is configured, ``slsplay serve`` registers the app as its one client
(``sign_in_settings``, given to the functions as ``SLSPLAY_OIDC_PROVIDERS``) and the login
page offers "Continue with Test provider". The app's own social sign-in code talks to it as
to any provider: it reads the discovery document, sends the browser to the authorization
endpoint with PKCE (S256 only), ``state`` and ``nonce``, trades the single-use code at the
token endpoint (client_secret_post) and checks the RS256 ID token against the JWKS. The
signing key is kept in the data directory; codes live in the server's memory for a minute.
Who signs in is picked on the authorization page (``identity_http.py``): one of the demo
people, or a name and address typed in; the provider vouches for every address.

The runtime alone serves it: no route of the template leads here, and the template never
configures it, so it never runs in the cloud.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from slsplay.adapters.local.keys import signing_key_file
from slsplay.adapters.tokens import JwtAccessTokens

PREFIX = "/_oidc/"
PROVIDER_NAME = "test"
LABEL = "Test provider"
CLIENT_ID = "slsplay-local"
KEY_FILE = "test-provider-key.pem"
SCOPES = ("openid", "email", "profile")
CLAIMS = (
    *("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce"),
    *("email", "email_verified", "name"),
)
CODE_SECONDS = 60
ID_TOKEN_SECONDS = 5 * 60
# RFC 7636 section 4.1: 43 to 128 characters of the URL's unreserved set.
PKCE_VALUE = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")
# The parameters of an authorization request, carried through the page's forms.
AUTHORIZATION_PARAMETERS = (
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
)


def code_challenge(code_verifier: str) -> str:
    """The S256 challenge of a PKCE verifier: BASE64URL(SHA256(verifier)), unpadded."""
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def code_refusal(
    form: Mapping[str, str], redirect_uri: str, challenge: str, expires_at: float, now: float
) -> str | None:
    """Why a token request may not redeem a (not yet used) code, as an ``invalid_grant``'s
    description; ``None`` when it may: the code is fresh, the redirect URI the authorization's,
    and the PKCE verifier the challenge's."""
    if now >= expires_at:
        return "code expired"
    if form.get("redirect_uri") != redirect_uri:
        return "redirect_uri differs from the authorization's"
    verifier = form.get("code_verifier", "")
    if not PKCE_VALUE.match(verifier) or not secrets.compare_digest(
        code_challenge(verifier), challenge
    ):
        return "code_verifier does not match code_challenge"
    return None


@dataclass(frozen=True)
class Person:
    """Someone who can sign in at the provider."""

    sub: str
    email: str
    name: str = ""
    email_verified: bool = True


def person(email: str, name: str) -> Person:
    """The person with this address: the same subject whenever the address is the same, so
    that signing in again finds the same account."""
    digest = hashlib.sha256(email.encode()).hexdigest()[:24]
    return Person(sub=f"local-{digest}", email=email, name=name)


# The demo organizer ``slsplay seed`` makes, and the people invited to its meetup.
DEMO_PEOPLE = (
    person("organizer@example.com", "Ada Organizer"),
    person("grace@example.com", "Grace Hopper"),
    person("alan@example.com", "Alan Turing"),
    person("katherine@example.com", "Katherine Johnson"),
)


def claims_for(who: Person, scope: Sequence[str]) -> dict[str, Any]:
    """The claims the scopes granted let the client see (OpenID Connect Core 5.4)."""
    claims: dict[str, Any] = {}
    if "email" in scope:
        claims.update(email=who.email, email_verified=who.email_verified)
    if "profile" in scope and who.name:
        claims["name"] = who.name
    return claims


class BadClient(Exception):
    """An authorization request from an unknown client or for an unregistered address: shown
    to the person at the browser, never sent to an address nobody vouched for (RFC 6749
    section 4.1.2.1)."""


class OAuthError(Exception):
    """An OAuth 2 error (RFC 6749 sections 4.1.2.1 and 5.2)."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description
        self.status = status

    def as_json(self) -> dict[str, str]:
        """The error as the token endpoint answers it."""
        return {"error": self.error, "error_description": self.description}


@dataclass(frozen=True)
class AuthorizationRequest:
    """An authorization request whose client and ``redirect_uri`` are known good."""

    params: Mapping[str, str]

    def problem(self) -> OAuthError | None:
        """What is wrong with the request, which the client is told; ``None``: nothing."""
        scope = self.params.get("scope", "").split()
        if self.params.get("response_type") != "code":
            return OAuthError("unsupported_response_type", "only response_type=code")
        if "openid" not in scope:
            return OAuthError("invalid_scope", "scope must include openid")
        if unknown := [s for s in scope if s not in SCOPES]:
            return OAuthError("invalid_scope", f"unknown scopes: {' '.join(unknown)}")
        # RFC 7636 section 4.3: no method means "plain", which this provider refuses.
        if self.params.get("code_challenge_method", "plain") != "S256":
            return OAuthError("invalid_request", "code_challenge_method must be S256 (PKCE)")
        if not PKCE_VALUE.match(self.params.get("code_challenge", "")):
            return OAuthError("invalid_request", "code_challenge missing or malformed (PKCE)")
        return None

    def back(self, answer: Mapping[str, str], issuer: str) -> str:
        """The client's ``redirect_uri`` with ``answer``, the ``state`` and the issuer."""
        state = {"state": self.params["state"]} if "state" in self.params else {}
        # RFC 9207: the issuer comes back too, so a client can tell providers apart.
        query = urlencode({**answer, **state, "iss": issuer})
        return f"{self.params['redirect_uri']}?{query}"


@dataclass
class _Grant:
    """An authorization code and what it was issued for."""

    who: Person
    redirect_uri: str
    scope: list[str]
    nonce: str | None
    code_challenge: str
    auth_time: int
    expires_at: float
    used: bool = False


class LocalIdentityProvider:
    """The provider, with the app as its one client; ``issuer`` is its base address."""

    def __init__(
        self,
        public_url: str,
        data_dir: Path,
        *,
        client_secret: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.issuer = f"{public_url.rstrip('/')}{PREFIX.rstrip('/')}"
        self.redirect_uri = f"{public_url.rstrip('/')}/api/auth/oidc/{PROVIDER_NAME}/callback"
        self.client_secret = client_secret or secrets.token_urlsafe(32)
        self._key_file = data_dir / KEY_FILE
        self._clock = clock
        self._grants: dict[str, _Grant] = {}
        self._lock = threading.Lock()

    @cached_property
    def _tokens(self) -> JwtAccessTokens:
        # Made on first use: a new 2048-bit key takes a moment, and most runs never sign in.
        key = signing_key_file(self._key_file)
        return JwtAccessTokens(
            key, issuer=self.issuer, audience=CLIENT_ID, lifetime_seconds=ID_TOKEN_SECONDS
        )

    def sign_in_settings(self) -> str:
        """The app's configuration of this provider (``SLSPLAY_OIDC_PROVIDERS``)."""
        config = {
            "discovery_url": f"{self.issuer}/.well-known/openid-configuration",
            "client_id": CLIENT_ID,
            "client_secret": self.client_secret,
            "display_name": LABEL,
        }
        return json.dumps({PROVIDER_NAME: config})

    def configuration(self) -> dict[str, Any]:
        """The discovery document (OpenID Connect Discovery 1.0)."""
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": list(SCOPES),
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "grant_types_supported": ["authorization_code"],
            "claims_supported": list(CLAIMS),
            "authorization_response_iss_parameter_supported": True,
        }

    def jwks(self) -> dict[str, Any]:
        """The key set that verifies the ID tokens."""
        return self._tokens.jwks()

    def authorization(self, params: Mapping[str, str]) -> AuthorizationRequest:
        """The request, once its client and ``redirect_uri`` are known good; else
        ``BadClient``."""
        if params.get("client_id") != CLIENT_ID:
            raise BadClient(f"Unknown client: {params.get('client_id', '')!r}")
        if params.get("redirect_uri") != self.redirect_uri:
            raise BadClient(f"This address is not registered: {params.get('redirect_uri')!r}")
        return AuthorizationRequest({k: params[k] for k in AUTHORIZATION_PARAMETERS if k in params})

    def refusal(self, request: AuthorizationRequest, error: OAuthError) -> str:
        """Where the browser goes when the request is refused or the person cancels."""
        answer = {"error": error.error, "error_description": error.description}
        return request.back(answer, self.issuer)

    def grant(self, request: AuthorizationRequest, who: Person) -> str:
        """Where the browser goes once ``who`` has signed in: back with a new code
        (``OAuthError`` for a request with a ``problem``)."""
        problem = request.problem()
        if problem is not None:
            raise problem
        now = self._clock()
        code = secrets.token_urlsafe(32)
        with self._lock:
            # Forgotten once past their minute: the server may run for days.
            for spent in [c for c, g in self._grants.items() if g.expires_at <= now]:
                del self._grants[spent]
            self._grants[code] = _Grant(
                who=who,
                redirect_uri=request.params["redirect_uri"],
                scope=request.params["scope"].split(),
                nonce=request.params.get("nonce"),
                code_challenge=request.params["code_challenge"],
                auth_time=int(now),
                expires_at=now + CODE_SECONDS,
            )
        return request.back({"code": code}, self.issuer)

    def token(self, form: Mapping[str, str]) -> dict[str, Any]:
        """The token endpoint's answer to a code and its PKCE verifier, or ``OAuthError``."""
        known = secrets.compare_digest(form.get("client_id", "").encode(), CLIENT_ID.encode())
        secret = form.get("client_secret", "").encode()
        if not (known and secrets.compare_digest(secret, self.client_secret.encode())):
            raise OAuthError("invalid_client", "client authentication failed", 401)
        if form.get("grant_type") != "authorization_code":
            raise OAuthError("unsupported_grant_type", "only authorization_code")
        with self._lock:
            grant = self._grants.get(form.get("code", ""))
            if grant is None or grant.used:
                raise OAuthError("invalid_grant", "unknown or already used code")
            # Any try spends the code, so whoever guesses a verifier wrong cannot try again.
            grant.used = True
        refused = code_refusal(
            form, grant.redirect_uri, grant.code_challenge, grant.expires_at, self._clock()
        )
        if refused is not None:
            raise OAuthError("invalid_grant", refused)
        claims: dict[str, Any] = {"sub": grant.who.sub, "auth_time": grant.auth_time}
        if grant.nonce is not None:
            claims["nonce"] = grant.nonce
        claims.update(claims_for(grant.who, grant.scope))
        return {
            # The app reads who signed in from the ID token: the access token opens nothing.
            "access_token": secrets.token_urlsafe(32),
            "token_type": "Bearer",
            "expires_in": ID_TOKEN_SECONDS,
            "id_token": self._tokens.sign(claims),
            "scope": " ".join(grant.scope),
        }
