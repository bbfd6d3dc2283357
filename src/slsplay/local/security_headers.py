"""The browser security headers on every answer of the web app and its API: what the
template's CloudFront response headers policy (``SecurityHeaders``) adds in the cloud, and
what the local runtime adds itself. This module is their one definition; a unit test holds
the template's policy to it.

- ``Content-Security-Policy``: scripts, styles and everything else from the site itself (no
  inline script or style, no ``eval``); photos, videos and uploads also from the media
  bucket (``media_origins``: S3's addresses of the bucket in the cloud; nothing more locally,
  where the runtime serves media on its own origin, but moto's endpoint with ``--backend
  aws``); ``blob:`` for the video player's media source and worker (hls.js); no plugins, no
  ``<base>``, forms only to the site, and no framing.
  A page an API function makes itself (Swagger UI, the unsubscribe page) sends a stricter
  policy of its own, naming its inline blocks by hash: this one does not replace it.
- ``Strict-Transport-Security`` for two years, subdomains included (browsers ignore it over
  plain http, as on 127.0.0.1).
- ``X-Content-Type-Options: nosniff``; ``Referrer-Policy: same-origin``, so that no address
  of the site (an answer page's carries its token) leaves it in a ``Referer``;
  ``X-Frame-Options: DENY`` for browsers older than ``frame-ancestors``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

HSTS_MAX_AGE_SECONDS = 63_072_000
REFERRER_POLICY = "same-origin"
FRAME_OPTION = "DENY"
CONTENT_SECURITY_POLICY = "content-security-policy"
_POLICY = CONTENT_SECURITY_POLICY.encode()


def content_security_policy(media_origins: Sequence[str] = ()) -> str:
    """The web app's policy, with the origins its photos, videos and uploads come from."""
    media = " ".join(("'self'", *media_origins))
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": media,
        "media-src": f"{media} blob:",
        "connect-src": media,
        "worker-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {sources}" for name, sources in directives.items())


def security_headers(media_origins: Sequence[str] = ()) -> dict[str, str]:
    """Each header (lower-case name) and its value, as a browser receives them."""
    return {
        CONTENT_SECURITY_POLICY: content_security_policy(media_origins),
        "strict-transport-security": f"max-age={HSTS_MAX_AGE_SECONDS}; includeSubDomains",
        "x-content-type-options": "nosniff",
        "referrer-policy": REFERRER_POLICY,
        "x-frame-options": FRAME_OPTION,
    }


class SecurityHeaders:
    """The headers as the local server adds them to an answer's (ASGI, byte-string) headers."""

    def __init__(self, media_origins: Sequence[str] = ()) -> None:
        self._headers = [
            (name.encode("latin-1"), value.encode("latin-1"))
            for name, value in security_headers(media_origins).items()
        ]
        self._replaced = {name for name, _ in self._headers} - {_POLICY}

    def applied(self, headers: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        """``headers`` with the security headers in place of any of the same name, but for
        a page's own ``Content-Security-Policy``, which stays (CloudFront's ``Override``)."""
        kept = [(name, value) for name, value in headers if name.lower() not in self._replaced]
        own_policy = any(name.lower() == _POLICY for name, _ in kept)
        return kept + [
            header for header in self._headers if not (own_policy and header[0] == _POLICY)
        ]
