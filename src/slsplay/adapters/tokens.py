"""Access tokens: RS256 JWTs signed with slsplay's own key, checked by API Gateway's authorizer.

The public key is published as a JWKS so that API Gateway (and the local runtime, which
emulates it) can check tokens without calling slsplay. RSA, not EC: API Gateway's JWT
authorizer accepts RSA-signed tokens only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from collections.abc import Mapping
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from slsplay.domain.errors import Unauthorized

ALGORITHM = "RS256"
KEY_BITS = 2048


def new_signing_key() -> bytes:
    """A fresh RSA private key in PKCS#8 PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class JwtAccessTokens:
    """Signs and verifies access tokens with one RSA key."""

    def __init__(
        self, private_key_pem: bytes, *, issuer: str, audience: str, lifetime_seconds: int = 900
    ) -> None:
        key = serialization.load_pem_private_key(private_key_pem, password=None)
        if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < KEY_BITS:
            raise ValueError(
                f"the signing key must be an RSA private key of {KEY_BITS} bits or more"
            )
        self._private_key = key
        numbers = key.public_key().public_numbers()
        # Members in the lexicographic order RFC 7638 asks for in the thumbprint below.
        self._public_jwk = {
            "e": _b64(numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big")),
            "kty": "RSA",
            "n": _b64(numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")),
        }
        # RFC 7638 thumbprint: a key id that changes exactly when the key does.
        canonical = json.dumps(self._public_jwk, separators=(",", ":"), sort_keys=True)
        self.key_id = _b64(hashlib.sha256(canonical.encode()).digest())
        self.issuer = issuer
        self.audience = audience
        self.lifetime_seconds = lifetime_seconds

    def sign(self, claims: Mapping[str, Any]) -> str:
        """A token with ``claims``, ``iss``, ``aud``, ``iat``, ``nbf`` and ``exp``."""
        now = int(time.time())
        payload = {
            **claims,
            "iss": self.issuer,
            "aud": self.audience,
            "iat": now,
            "nbf": now,
            "exp": now + self.lifetime_seconds,
        }
        return jwt.encode(
            payload, self._private_key, algorithm=ALGORITHM, headers={"kid": self.key_id}
        )

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of a token this key signed for this issuer and audience, still valid."""
        try:
            header = jwt.get_unverified_header(token)
            if header.get("kid") != self.key_id:
                raise Unauthorized("invalid_token")
            claims: dict[str, Any] = jwt.decode(
                token,
                self._private_key.public_key(),
                algorithms=[ALGORITHM],
                issuer=self.issuer,
                audience=self.audience,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as e:
            raise Unauthorized("invalid_token") from e
        return claims

    def jwks(self) -> dict[str, Any]:
        """The public key as a JSON Web Key Set."""
        return {"keys": [{**self._public_jwk, "kid": self.key_id, "use": "sig", "alg": ALGORITHM}]}
