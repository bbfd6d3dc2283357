"""API Gateway's JWT authorizer for HTTP APIs, emulated: a token is checked before any handler.

The checks are the documented ones, in their order: a token in the identity source (alone
or after ``Bearer``); an RSA signature (API Gateway supports only RSA-based algorithms) by a
key of the issuer's JWKS named by the token's ``kid``; ``iss`` equal to the issuer; ``aud``
(or, only when there is no ``aud``, ``client_id``) among the audiences; ``exp`` after now;
``nbf`` and ``iat`` not after now; and, for a route with authorization scopes, one of them in
``scope``/``scp``. A failure answers 401 (403 for a missing scope) before the function runs.

The key set is found as API Gateway finds it, ``<issuer>/.well-known/openid-configuration``
then its ``jwks_uri``, but fetched through a callable the gateway provides (it dispatches
the GET to whichever function serves that route), cached, and fetched again when a token
names an unknown ``kid``, at most once a minute, or when the cache is two hours old.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard
from urllib.parse import urlsplit

import jwt

from slsplay.local.routes import JwtAuthorizerConfig

logger = logging.getLogger("slsplay.local")

# "Currently, only RSA-based algorithms are supported" (API Gateway developer guide).
RSA_ALGORITHMS = ("RS256", "RS384", "RS512")
REFETCH_INTERVAL_SECONDS = 60.0
KEY_CACHE_SECONDS = 2 * 60 * 60.0
_HEADER_SOURCE = "$request.header."
_QUERY_SOURCE = "$request.querystring."

FetchJson = Callable[[str], Any]
"""GETs a path (with its query) from the local API and answers the parsed JSON body."""


class KeySetUnavailable(Exception):
    """The issuer's discovery document or key set could not be read."""


class AuthorizationDenied(Exception):
    """The request may not reach the route; carries the response API Gateway would give."""

    def __init__(self, status: int, challenge: str) -> None:
        super().__init__(challenge)
        self.status = status
        self.challenge = challenge

    @property
    def message(self) -> str:
        """The body's ``message``: ``Unauthorized`` or ``Forbidden``."""
        return "Forbidden" if self.status == 403 else "Unauthorized"


@dataclass(frozen=True)
class JwtGrant:
    """What a request that passed carries to the function in ``requestContext.authorizer``."""

    claims: dict[str, str]
    scopes: list[str] | None

    def as_context(self) -> dict[str, Any]:
        """The ``requestContext.authorizer`` value of the event."""
        return {"jwt": {"claims": self.claims, "scopes": self.scopes}}


class JwtAuthorizer:
    """One JWT authorizer of the API, with its cached key set."""

    def __init__(
        self,
        config: JwtAuthorizerConfig,
        fetch_json: FetchJson,
        *,
        clock: Callable[[], float] = time.time,
        refetch_interval: float = REFETCH_INTERVAL_SECONDS,
    ) -> None:
        self.config = config
        self._fetch_json = fetch_json
        self._clock = clock
        self._refetch_interval = refetch_interval
        self._keys: dict[str, Any] = {}
        self._fetched_at: float | None = None
        self._lock = threading.Lock()
        self.fetches = 0

    def authorize(
        self, headers: Mapping[str, str], query: Mapping[str, str], scopes: Sequence[str] = ()
    ) -> JwtGrant:
        """The grant for a request with these (lower-cased) headers, or ``AuthorizationDenied``."""
        token = self._token(headers, query)
        if token is None:
            raise AuthorizationDenied(401, "Bearer")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as e:
            raise self._invalid(scopes, "the token is not a valid JWT") from e
        algorithm = header.get("alg")
        if algorithm not in RSA_ALGORITHMS:
            raise self._invalid(scopes, f"signing method {algorithm} is invalid")
        kid = header.get("kid")
        key = self._key(kid) if isinstance(kid, str) else None
        if key is None:
            raise self._invalid(scopes, "the token's kid is not in the issuer's key set")
        try:
            signed = jwt.PyJWS().decode_complete(token, key=key, algorithms=[algorithm])
            claims = json.loads(signed["payload"])
        except (jwt.PyJWTError, ValueError, TypeError) as e:  # TypeError: a key of another kind
            raise self._invalid(scopes, "the token's signature is invalid") from e
        if not isinstance(claims, dict):
            raise self._invalid(scopes, "the token's claims are not an object")
        self._check_claims(claims, scopes)
        granted = _token_scopes(claims)
        if scopes and not set(scopes) & set(granted or ()):
            wanted = " ".join(scopes)
            raise AuthorizationDenied(
                403,
                f'Bearer scope="{wanted}" error="insufficient_scope" '
                f'error_description="expected scopes: [{wanted}]"',
            )
        return JwtGrant(
            claims={name: gateway_text(value) for name, value in claims.items()}, scopes=granted
        )

    def _check_claims(self, claims: Mapping[str, Any], scopes: Sequence[str]) -> None:
        now = self._clock()
        if claims.get("iss") != self.config.issuer:
            raise self._invalid(scopes, "the token does not have a valid issuer")
        audience = claims["aud"] if "aud" in claims else claims.get("client_id")
        audiences = audience if isinstance(audience, list) else [audience]
        if not {str(item) for item in audiences if item is not None} & set(self.config.audiences):
            raise self._invalid(scopes, "the token does not have a valid audience")
        exp = claims.get("exp")
        if not _is_number(exp) or exp <= now:
            raise self._invalid(scopes, "the token has expired")
        nbf = claims.get("nbf")
        if nbf is not None and (not _is_number(nbf) or nbf > now):
            raise self._invalid(scopes, "the token is not valid yet")
        iat = claims.get("iat")
        if iat is not None and (not _is_number(iat) or iat > now):
            raise self._invalid(scopes, "the token was issued in the future")

    def _token(self, headers: Mapping[str, str], query: Mapping[str, str]) -> str | None:
        source = self.config.identity_source
        raw: str | None = None
        if source.startswith(_HEADER_SOURCE):
            raw = headers.get(source.removeprefix(_HEADER_SOURCE).lower())
        elif source.startswith(_QUERY_SOURCE):
            raw = query.get(source.removeprefix(_QUERY_SOURCE))
        if raw is None or not raw.strip():
            return None
        # The identity source holds the token alone or after "Bearer"; any other scheme's
        # credentials are then read as a token and fail to decode, as in API Gateway.
        scheme, _, rest = raw.strip().partition(" ")
        return rest.strip() if scheme.lower() == "bearer" and rest.strip() else raw.strip()

    def _key(self, kid: str) -> Any:
        with self._lock:
            now = self._clock()
            age = None if self._fetched_at is None else now - self._fetched_at
            unknown_kid_may_refetch = kid not in self._keys and (
                age is None or age >= self._refetch_interval
            )
            if age is None or age >= KEY_CACHE_SECONDS or unknown_kid_may_refetch:
                self._refresh(now)
            return self._keys.get(kid)

    def _refresh(self, now: float) -> None:
        self.fetches += 1
        try:
            keys = self._fetch_keys()
        except KeySetUnavailable as e:
            logger.error("authorizer %s: %s", self.config.name, e)
            # Keep the keys we had and wait the interval before asking again; with none,
            # every token is refused anyway, so the next request may try again at once.
            self._fetched_at = now if self._keys else None
            return
        self._keys = keys
        self._fetched_at = now

    def _fetch_keys(self) -> dict[str, Any]:
        issuer_path = urlsplit(self.config.issuer).path.rstrip("/")
        discovery = self._fetch_json(f"{issuer_path}/.well-known/openid-configuration")
        jwks_uri = discovery.get("jwks_uri") if isinstance(discovery, dict) else None
        if not isinstance(jwks_uri, str):
            raise KeySetUnavailable("the openid-configuration has no jwks_uri")
        parts = urlsplit(jwks_uri)
        document = self._fetch_json(parts.path + (f"?{parts.query}" if parts.query else ""))
        entries = document.get("keys") if isinstance(document, dict) else None
        if not isinstance(entries, list):
            raise KeySetUnavailable(f"{jwks_uri} is not a JSON Web Key Set")
        keys = {}
        for entry in entries:
            if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
                continue
            try:
                keys[str(entry["kid"])] = jwt.PyJWK(entry).key
            except (KeyError, ValueError, jwt.PyJWTError) as e:
                logger.warning(
                    "authorizer %s: skipped a key of %s: %s", self.config.name, jwks_uri, e
                )
        return keys

    def _invalid(self, scopes: Sequence[str], description: str) -> AuthorizationDenied:
        # The header's shape is API Gateway's, e.g. for a wrong audience:
        # Bearer scope="" error="invalid_token" error_description="the token does not ..."
        challenge = (
            f'Bearer scope="{" ".join(scopes)}" error="invalid_token" '
            f'error_description="{description}"'
        )
        return AuthorizationDenied(401, challenge)


def gateway_text(value: object) -> str:
    """A claim's value as API Gateway passes it: every claim becomes a string.

    Numbers keep their decimal digits (``1700000000``), booleans are ``true``/``false``,
    arrays are ``[a b c]`` and objects ``map[k:v]`` (Go's formatting, which API Gateway uses).
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if value is None:
        return "<nil>"
    if isinstance(value, list):
        return "[" + " ".join(gateway_text(item) for item in value) + "]"
    if isinstance(value, dict):
        entries = (f"{key}:{gateway_text(value[key])}" for key in sorted(value))
        return "map[" + " ".join(entries) + "]"
    return str(value)


def _token_scopes(claims: Mapping[str, Any]) -> list[str] | None:
    for name in ("scope", "scp"):
        value = claims.get(name)
        if isinstance(value, str):
            return value.split()
        if isinstance(value, list):
            return [str(scope) for scope in value]
    return None


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)
