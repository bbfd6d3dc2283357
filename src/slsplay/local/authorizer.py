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

The token is parsed once (with PyJWT's rules for the compact form: three base64url segments,
canonical, a header object whose ``kid`` is a string) and its signature checked with a hash
made once per algorithm, with the issuer's keys prepared once per key set:
nothing is rebuilt per request. ``authorize`` may fetch the key set inline; the server's
event loop, which must not block, asks ``keys_due`` first and has ``refresh_keys`` run in a
thread.
"""

from __future__ import annotations

import binascii
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard
from urllib.parse import urlsplit

import jwt
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey

from slsplay.local.routes import JwtAuthorizerConfig

logger = logging.getLogger("slsplay.local")

# "Currently, only RSA-based algorithms are supported" (API Gateway developer guide).
# Each algorithm's hash, made once for the whole runtime, with the one padding they share:
# PyJWS() would build every algorithm PyJWT knows each time it is made, and PyJWT's RSA
# algorithm makes its padding and hash again for each signature it checks.
RSA_ALGORITHMS: dict[str, hashes.HashAlgorithm] = {
    "RS256": hashes.SHA256(),
    "RS384": hashes.SHA384(),
    "RS512": hashes.SHA512(),
}
_PKCS1 = padding.PKCS1v15()
REFETCH_INTERVAL_SECONDS = 60.0
KEY_CACHE_SECONDS = 2 * 60 * 60.0
_HEADER_SOURCE = "$request.header."
_QUERY_SOURCE = "$request.querystring."
_BASE64URL = re.compile(rb"[A-Za-z0-9_-]*")
_URLSAFE_TO_STANDARD = bytes.maketrans(b"-_", b"+/")
# The characters whose unused low bits are zero, by how many characters end the segment.
_CANONICAL_LAST = {2: frozenset(b"AQgw"), 3: frozenset(b"AEIMQUYcgkosw048")}
# The JWS header extensions PyJWT understands, and so may be declared critical.
_SUPPORTED_CRITICAL = frozenset({"b64"})

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
class SignedToken:
    """A bearer token in JWS compact form, parsed but not yet verified."""

    header: dict[str, Any]
    signing_input: bytes
    payload: bytes
    signature: bytes

    @property
    def kid(self) -> str | None:
        """The id of the key it says it is signed with."""
        kid = self.header.get("kid")
        return kid if isinstance(kid, str) else None


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
        # Prepared once per key set: RSA public keys, None for a key of another kind.
        self._keys: dict[str, RSAPublicKey | None] = {}
        self._fetched_at: float | None = None
        self._lock = threading.Lock()
        self.fetches = 0

    def authorize(
        self, headers: Mapping[str, str], query: Mapping[str, str], scopes: Sequence[str] = ()
    ) -> JwtGrant:
        """The grant for a request with these (lower-cased) headers, or ``AuthorizationDenied``."""
        return self.grant(self.token(headers, query, scopes), scopes)

    def token(
        self, headers: Mapping[str, str], query: Mapping[str, str], scopes: Sequence[str] = ()
    ) -> SignedToken:
        """The request's token, parsed, with an algorithm API Gateway accepts; or
        ``AuthorizationDenied``."""
        raw = self._raw_token(headers, query)
        if raw is None:
            raise AuthorizationDenied(401, "Bearer")
        try:
            token = _parse(raw)
        except (ValueError, RecursionError) as e:
            raise self._invalid(scopes, "the token is not a valid JWT") from e
        algorithm = token.header.get("alg")
        if not isinstance(algorithm, str) or algorithm not in RSA_ALGORITHMS:
            raise self._invalid(scopes, f"signing method {algorithm} is invalid")
        return token

    def keys_due(self, token: SignedToken) -> bool:
        """Whether checking ``token`` fetches the issuer's key set first."""
        kid = token.kid
        if kid is None:
            return False
        with self._lock:
            return self._fetch_due(kid, self._clock())

    def refresh_keys(self, token: SignedToken) -> None:
        """Fetch the issuer's key set now if checking ``token`` needs it (``keys_due``)."""
        if token.kid is not None:
            self._key(token.kid, may_fetch=True)

    def grant(
        self, token: SignedToken, scopes: Sequence[str] = (), *, may_fetch: bool = True
    ) -> JwtGrant:
        """The grant for a parsed token, or ``AuthorizationDenied``; with ``may_fetch``
        false, the keys at hand decide, even when ``keys_due``."""
        kid = token.kid
        known, key = (False, None) if kid is None else self._key(kid, may_fetch)
        if not known:
            raise self._invalid(scopes, "the token's kid is not in the issuer's key set")
        try:
            if key is None:
                raise jwt.InvalidKeyError("the key set has a key of another kind by this kid")
            claims = json.loads(_verified_payload(token, key))
        except (jwt.PyJWTError, ValueError, RecursionError) as e:
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

    def _raw_token(self, headers: Mapping[str, str], query: Mapping[str, str]) -> str | None:
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

    def _key(self, kid: str, may_fetch: bool) -> tuple[bool, RSAPublicKey | None]:
        """Whether the key set has ``kid``, and its key if that is an RSA key."""
        with self._lock:
            now = self._clock()
            if may_fetch and self._fetch_due(kid, now):
                self._refresh(now)
            return kid in self._keys, self._keys.get(kid)

    def _fetch_due(self, kid: str, now: float) -> bool:
        age = None if self._fetched_at is None else now - self._fetched_at
        unknown_kid_may_refetch = kid not in self._keys and (
            age is None or age >= self._refetch_interval
        )
        return age is None or age >= KEY_CACHE_SECONDS or unknown_kid_may_refetch

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

    def _fetch_keys(self) -> dict[str, RSAPublicKey | None]:
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
                keys[str(entry["kid"])] = _verifying_key(jwt.PyJWK(entry).key)
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


def _parse(raw: str) -> SignedToken:
    """A JWS in compact form, read as PyJWT reads it; ``ValueError`` if it is not one."""
    data = raw.encode("utf-8")
    signing_input, _, signature = data.rpartition(b".")
    header_segment, dot, payload_segment = signing_input.partition(b".")
    if not dot:
        raise ValueError("not enough segments")
    header = json.loads(_segment(header_segment))
    if not isinstance(header, dict):
        raise ValueError("the header is not an object")
    if "kid" in header and not isinstance(header["kid"], str):
        raise ValueError("the kid is not a string")
    _check_critical(header)
    if header.get("b64", True) is False:
        # A detached payload (RFC 7797): the segment must be empty, and the token is refused
        # when verified, as PyJWT refuses it without the detached payload.
        if payload_segment:
            raise ValueError("the payload segment must be empty when b64 is false")
        payload = b""
    else:
        payload = _segment(payload_segment)
    return SignedToken(header, signing_input, payload, _segment(signature))


def _segment(segment: bytes) -> bytes:
    """One base64url segment, decoded; only the canonical encoding of its bytes passes
    (padding optional, as some issuers add it), as PyJWT has it."""
    stripped = segment.rstrip(b"=")
    padding = len(segment) - len(stripped)
    if padding > 2 or (padding and len(segment) % 4) or len(stripped) % 4 == 1:
        raise ValueError("bad padding")
    if not _BASE64URL.fullmatch(stripped):
        raise ValueError("not base64url")
    # The last character of a final group of 2 (or 3) characters carries 4 (or 2) bits no
    # byte uses: the encoding is the canonical one only when they are zero.
    tail = len(stripped) % 4
    if tail and stripped[-1] not in _CANONICAL_LAST[tail]:
        raise ValueError("not the canonical encoding")
    return binascii.a2b_base64(stripped.translate(_URLSAFE_TO_STANDARD) + b"=" * (-tail % 4))


def _check_critical(header: Mapping[str, Any]) -> None:
    if "crit" not in header:
        return
    critical = header["crit"]
    if not isinstance(critical, list) or not critical:
        raise ValueError("crit must be a non-empty list")
    for extension in critical:
        if not isinstance(extension, str) or extension not in _SUPPORTED_CRITICAL:
            raise ValueError(f"unsupported critical extension {extension!r}")
        if extension not in header:
            raise ValueError(f"unsupported critical extension {extension!r}")


def _verifying_key(key: object) -> RSAPublicKey | None:
    """The key that checks signatures, from a JWK's; ``None`` if it is not RSA."""
    if isinstance(key, RSAPrivateKey):
        return key.public_key()
    return key if isinstance(key, RSAPublicKey) else None


def _verified_payload(token: SignedToken, key: RSAPublicKey) -> bytes:
    """The payload, once the signature is checked with ``key`` by the header's algorithm."""
    if token.header.get("b64", True) is False:
        raise jwt.DecodeError("a detached payload is not accepted")
    try:
        key.verify(
            token.signature, token.signing_input, _PKCS1, RSA_ALGORITHMS[token.header["alg"]]
        )
    except InvalidSignature as e:
        raise jwt.InvalidSignatureError("Signature verification failed") from e
    return token.payload


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
