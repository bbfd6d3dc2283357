"""Social sign-in with Authlib: OpenID Connect providers found by their discovery document
(Google, or any issuer), and GitHub's OAuth 2 (no ID token: its API says who signed in),
at github.com or a GitHub Enterprise Server named by its settings.

Every flow is the authorization code with PKCE (S256) and a ``state``; OpenID Connect's
also carries a ``nonce`` (GitHub's OAuth 2 has none, nor an ID token to bear it). An ID
token is trusted only when its signature verifies with a key of the issuer's JWKS and its
issuer, audience, expiry and nonce are the ones expected (Authlib's ``CodeIDToken`` rules).
The provider's configuration (discovery document, JWKS) is read once per process.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from slsplay.ports import Identity, SignInRefused

SCOPES = "openid email profile"
TIMEOUT_SECONDS = 10
GITHUB_BASE_URL = "https://github.com"
GITHUB_API_URL = "https://api.github.com"  # an Enterprise Server's is {base_url}/api/v3
DISPLAY_NAMES = {"google": "Google", "github": "GitHub"}


@dataclass(frozen=True)
class ProviderConfig:
    """One provider: ``discovery_url`` for OpenID Connect, or kind ``github`` (its sign-in
    pages at ``base_url``, its REST API at ``api_url``)."""

    name: str
    client_id: str
    client_secret: str
    discovery_url: str | None = None
    kind: str = "oidc"  # or "github"
    display_name: str | None = None
    base_url: str = GITHUB_BASE_URL
    api_url: str = GITHUB_API_URL

    @property
    def label(self) -> str:
        return self.display_name or DISPLAY_NAMES.get(self.name, self.name.title())


def parse_providers(text: str | None) -> list[ProviderConfig]:
    """Providers from JSON: ``{"google": {"discovery_url": ..., "client_id": ...,
    "client_secret": ...}, "github": {"kind": "github", ...}}`` (settings, or the stage's
    secret in the cloud). ``ValueError`` names what is missing.

    A ``github`` provider may name its hosts, for GitHub Enterprise Server (or a test's
    fake): ``base_url`` (``https://github.com``) and ``api_url`` (``https://api.github.com``;
    an Enterprise Server's is ``{base_url}/api/v3``), absolute http(s) addresses. One of
    them moved from github.com without the other is refused (a token of one host must never
    go to another's API), and so are both keys for an ``oidc`` provider (a key nobody reads
    is a mistake)."""
    if not text:
        return []
    given = json.loads(text)
    if not isinstance(given, dict) or not all(isinstance(v, dict) for v in given.values()):
        raise ValueError("sign-in providers: a JSON object of objects, one for each provider")
    found = []
    for name, values in given.items():
        kind = values.get("kind", "oidc")
        missing = [k for k in ("client_id", "client_secret") if not values.get(k)]
        if kind == "oidc" and not values.get("discovery_url"):
            missing.append("discovery_url")
        if kind not in ("oidc", "github") or missing:
            raise ValueError(f"sign-in provider {name!r}: kind {kind!r}, missing {missing}")
        found.append(
            ProviderConfig(
                name=name,
                client_id=values["client_id"],
                client_secret=values["client_secret"],
                discovery_url=values.get("discovery_url"),
                kind=kind,
                display_name=values.get("display_name"),
                **_github_hosts(name, kind, values),
            )
        )
    return found


def _github_hosts(name: str, kind: str, values: Mapping[str, Any]) -> dict[str, str]:
    """``base_url`` and ``api_url`` as given (checked, without a trailing slash), else none."""
    given = {key: values[key] for key in ("base_url", "api_url") if values.get(key) is not None}
    if not given:
        return {}
    if kind != "github":
        raise ValueError(f"sign-in provider {name!r}: {', '.join(given)} only for kind 'github'")
    for key, value in given.items():
        parts = urlsplit(value) if isinstance(value, str) else None
        if (
            parts is None
            or parts.scheme not in ("http", "https")
            or not parts.netloc
            or parts.query
            or parts.fragment
        ):
            raise ValueError(f"sign-in provider {name!r}: {key} {value!r} is not an http(s) URL")
    hosts = {key: str(value).rstrip("/") for key, value in given.items()}
    defaults = {"base_url": GITHUB_BASE_URL, "api_url": GITHUB_API_URL}
    if len(hosts) == 1 and any(hosts[key] != defaults[key] for key in hosts):
        (key,) = hosts
        other = "api_url" if key == "base_url" else "base_url"
        hint = f", probably {hosts[key]}/api/v3" if key == "base_url" else ""
        raise ValueError(f"sign-in provider {name!r}: {key} given without {other}{hint}")
    return hosts


class AuthlibProviders:
    """``IdentityProviders`` over HTTP with Authlib."""

    def __init__(self, providers: list[ProviderConfig]) -> None:
        self._providers = {p.name: p for p in providers}
        self._metadata: dict[str, dict[str, Any]] = {}
        self._keys: dict[str, KeySet] = {}
        self._lock = threading.Lock()

    def names(self) -> list[str]:
        return list(self._providers)

    def label(self, provider: str) -> str:
        return self._provider(provider).label

    def authorization_url(
        self, provider: str, *, redirect_uri: str, state: str, nonce: str, code_verifier: str
    ) -> str:
        config = self._provider(provider)
        session = self._session(config, redirect_uri)
        extra = {"nonce": nonce} if config.kind == "oidc" else {}
        url, _ = session.create_authorization_url(
            self._endpoints(config)["authorization_endpoint"],
            state=state,
            code_verifier=code_verifier,
            **extra,
        )
        return str(url)

    def identity(
        self, provider: str, *, code: str, redirect_uri: str, code_verifier: str, nonce: str
    ) -> Identity:
        config = self._provider(provider)
        endpoints = self._endpoints(config)
        session = self._session(config, redirect_uri)
        try:
            token = session.fetch_token(
                endpoints["token_endpoint"],
                grant_type="authorization_code",
                code=code,
                code_verifier=code_verifier,
                headers={"Accept": "application/json"},
                timeout=TIMEOUT_SECONDS,
            )
        except Exception as e:  # an OAuth error answer, or no answer: never trusted
            raise SignInRefused("code_refused", str(e)) from e
        if config.kind == "github":
            return self._github_identity(config, session)
        return self._oidc_identity(config, endpoints, token, nonce)

    # -- OpenID Connect -------------------------------------------------------------------

    def _oidc_identity(
        self, config: ProviderConfig, endpoints: Mapping[str, Any], token: Any, nonce: str
    ) -> Identity:
        id_token = token.get("id_token")
        if not id_token:
            raise SignInRefused("id_token_missing")
        claims = self._verified_claims(config, endpoints, str(id_token), nonce)
        email = claims.get("email")
        return Identity(
            provider=config.name,
            subject=str(claims["sub"]),
            email=str(email) if email else None,
            email_verified=claims.get("email_verified") is True,
            name=claims.get("name") or None,
        )

    def _verified_claims(
        self, config: ProviderConfig, endpoints: Mapping[str, Any], id_token: str, nonce: str
    ) -> dict[str, Any]:
        try:
            decoded = jwt.decode(id_token, self._key_set(config, endpoints), algorithms=["RS256"])
        except (JoseError, ValueError) as e:
            raise SignInRefused("id_token_signature", str(e)) from e
        claims = CodeIDToken(
            decoded.claims,
            decoded.header,
            options={
                "iss": {"essential": True, "value": endpoints["issuer"]},
                "aud": {"essential": True, "value": config.client_id},
            },
            params={"nonce": nonce},
        )
        try:
            claims.validate(now=int(time.time()), leeway=60)
        except JoseError as e:
            raise SignInRefused(f"id_token_{_claim_of(e)}", str(e)) from e
        return dict(claims)

    def _key_set(self, config: ProviderConfig, endpoints: Mapping[str, Any]) -> KeySet:
        with self._lock:
            keys = self._keys.get(config.name)
        if keys is None:
            published: Any = self._get_json(str(endpoints["jwks_uri"]))
            keys = KeySet.import_key_set(published)
            with self._lock:
                self._keys[config.name] = keys
        return keys

    # -- GitHub ---------------------------------------------------------------------------

    def _github_identity(self, config: ProviderConfig, session: OAuth2Session) -> Identity:
        user = _github_read(session, f"{config.api_url}/user", "github_user_refused")
        user_id = user.get("id") if isinstance(user, dict) else None
        # GitHub's ids are numbers; a bool is one too in Python, and means a broken answer.
        if isinstance(user_id, bool) or not isinstance(user_id, int | str) or user_id == "":
            raise SignInRefused("github_user_refused", "no id in the user")
        emails = _github_read(session, f"{config.api_url}/user/emails", "github_emails_refused")
        if not isinstance(emails, list):
            raise SignInRefused("github_emails_refused", "not a list of addresses")
        primary = next((e for e in emails if isinstance(e, dict) and e.get("primary")), {})
        email = primary.get("email")
        name = user.get("name") or user.get("login")
        return Identity(
            provider=config.name,
            subject=str(user_id),
            email=email if isinstance(email, str) and email else None,
            email_verified=primary.get("verified") is True,
            name=name if isinstance(name, str) else None,
        )

    # -- configuration --------------------------------------------------------------------

    def _provider(self, name: str) -> ProviderConfig:
        config = self._providers.get(name)
        if config is None:
            raise SignInRefused("unknown_provider", name)
        return config

    def _endpoints(self, config: ProviderConfig) -> Mapping[str, Any]:
        if config.kind == "github":
            return {
                "authorization_endpoint": f"{config.base_url}/login/oauth/authorize",
                "token_endpoint": f"{config.base_url}/login/oauth/access_token",
            }
        with self._lock:
            found = self._metadata.get(config.name)
        if found is None:
            assert config.discovery_url is not None  # parse_providers requires it
            found = self._get_json(config.discovery_url)
            with self._lock:
                self._metadata[config.name] = found
        return found

    @staticmethod
    def _session(config: ProviderConfig, redirect_uri: str) -> OAuth2Session:
        return OAuth2Session(
            config.client_id,
            config.client_secret,
            scope=SCOPES if config.kind == "oidc" else "read:user user:email",
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_post",  # noqa: S106  (a method's name)
        )

    @staticmethod
    def _get_json(url: str) -> dict[str, Any]:
        import requests  # noqa: PLC0415  (Authlib's HTTP client; loaded with it)

        answer = requests.get(url, timeout=TIMEOUT_SECONDS)
        answer.raise_for_status()
        found: dict[str, Any] = answer.json()
        return found


def _github_read(session: OAuth2Session, url: str, refusal: str) -> Any:
    """The JSON at one of GitHub's API addresses; ``SignInRefused`` with ``refusal`` for no
    answer, an error answer (a revoked token, a scope not granted) or a body not JSON."""
    import requests  # noqa: PLC0415  (Authlib's HTTP client; loaded with it)

    try:
        answer = session.get(
            url, headers={"Accept": "application/vnd.github+json"}, timeout=TIMEOUT_SECONDS
        )
    except requests.RequestException as e:
        raise SignInRefused(refusal, str(e)) from e
    if not 200 <= answer.status_code < 300:
        raise SignInRefused(refusal, f"HTTP {answer.status_code} from {url}")
    try:
        return answer.json()
    except ValueError as e:  # requests' JSONDecodeError is one
        raise SignInRefused(refusal, f"not JSON from {url}") from e


def _claim_of(error: JoseError) -> str:
    """The claim an Authlib/joserfc error is about, for the refusal's code."""
    claim = getattr(error, "claim", None)
    return str(claim) if claim else "claims"
