"""What the local runtime's tests share: the fixture template, requests, tokens and keys."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from slsplay.local.apigateway import ApiGateway, HttpRequest, HttpResponse

FIXTURE_TEMPLATE = Path(__file__).parent / "fixture-template.yaml"
EVENTS = Path(__file__).parents[1] / "events"
PUBLIC_URL = "http://127.0.0.1:9"


def send(
    gateway: ApiGateway,
    method: str,
    target: str,
    headers: Sequence[tuple[str, str]] = (),
    body: bytes = b"",
) -> HttpResponse:
    """One request through the gateway, as uvicorn would hand it over."""
    path, _, query = target.partition("?")
    base = [("host", "127.0.0.1:9"), ("user-agent", "pytest")]
    request = HttpRequest(method, unquote(path), query, headers=[*base, *headers], body=body)
    return gateway.handle(request)


def echoed_event(response: HttpResponse) -> dict[str, Any]:
    """The event the echo function received, from its response."""
    assert response.status == 200, response.body
    event: dict[str, Any] = response.json()
    return event


def sample_event(name: str) -> dict[str, Any]:
    """A recorded API Gateway event from ``tests/events``."""
    sample: dict[str, Any] = json.loads((EVENTS / name).read_text())
    return sample


class Issuer:
    """A token issuer with an RSA key (the kind API Gateway verifies) and its key set."""

    def __init__(self, kid: str = "key-1") -> None:
        self.kid = kid
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwk(self) -> dict[str, Any]:
        """The public key as a JWK entry of the key set."""
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key())
        entry: dict[str, Any] = json.loads(public)
        return entry | {"kid": self.kid, "use": "sig", "alg": "RS256"}

    def token(
        self,
        overrides: Mapping[str, Any] | None = None,
        *,
        drop: Sequence[str] = (),
        kid: str | None = None,
        key: Any = None,
        algorithm: str = "RS256",
    ) -> str:
        """A signed access token for the fixture API, with claims changed as asked."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": PUBLIC_URL,
            "aud": "fixture",
            "sub": "user-1",
            "iat": now - 10,
            "exp": now + 600,
            "scope": "meetups.read meetups.write",
        }
        claims |= dict(overrides or {})
        for name in drop:
            claims.pop(name, None)
        headers = {"kid": kid if kid is not None else self.kid}
        return jwt.encode(claims, key or self.key, algorithm=algorithm, headers=headers)


def ec_key() -> ec.EllipticCurvePrivateKey:
    """A P-256 key: API Gateway's JWT authorizer does not accept what it signs."""
    return ec.generate_private_key(ec.SECP256R1())
