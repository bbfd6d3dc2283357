"""GitHub's OAuth 2 and REST API on 127.0.0.1, for driving social sign-in with GitHub.

``GitHubFake`` serves over real HTTP from a thread what GitHub serves an OAuth app: the
authorization page (``/login/oauth/authorize``), the token endpoint
(``/login/oauth/access_token``) and the two API calls that say who signed in (``/user`` and
``/user/emails``), the API under ``/api/v3`` of the same address, as a GitHub Enterprise
Server serves it. The authorization code flow runs as GitHub's does, with PKCE (S256 only),
single-use codes that expire and the granted scopes enforced, except that there is no login
page: the user the test chose is signed in at once and sent back to the ``redirect_uri``.

It keeps GitHub's own ways where a client could trip on them: the token endpoint answers JSON
only when asked for it (``Accept: application/json``), a form otherwise, and a refusal there
is an HTTP 200 whose body names the error (``bad_verification_code``); the API takes the
token as ``Bearer`` or ``token``, answers 401 ``Bad credentials`` otherwise, and 404 for the
addresses without the ``user:email`` scope. It is stricter than GitHub in one way: ``state``
and PKCE are required, since the app must always send them.

Tests make the API misbehave (``misbehave_next``) or the user cancel (``deny_next``) so the
app's refusals can be checked, and read ``requests`` to see what the app sent.
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlencode, urlsplit

from slsplay.local.identity_provider import code_challenge
from tests.support.http_fake import (
    Answer,
    ServedFromThread,
    form_handler,
    html_page,
    json_answer,
    redirect,
    with_query,
)
from tests.support.oidc_provider import ReceivedRequest

CLIENT_ID = "Ov23liSlsplayTest"
CLIENT_SECRET = "github-test-secret"
API_PREFIX = "/api/v3"
CODE_SECONDS = 10 * 60  # GitHub's codes live ten minutes
FIRST_USER_ID = 583231  # the first user's id: GitHub's are numbers, and large ones
# The scopes that let a token read a user's addresses; any token reads the public profile.
EMAIL_SCOPES = frozenset({"user:email", "user"})
DOCS = "https://docs.github.com/rest"

# RFC 7636 section 4.1: 43 to 128 characters of the URL's unreserved set.
_PKCE_VALUE = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")


@dataclass(frozen=True)
class Email:
    """One of a user's addresses, as ``/user/emails`` lists it."""

    email: str
    primary: bool
    verified: bool

    def as_json(self) -> dict[str, Any]:
        # GitHub shows the primary address's visibility, and null for the others.
        visibility = "private" if self.primary else None
        return {
            "email": self.email,
            "primary": self.primary,
            "verified": self.verified,
            "visibility": visibility,
        }


@dataclass(frozen=True)
class GitHubUser:
    """Someone with an account at GitHub, and their addresses (the primary one first)."""

    id: int
    login: str
    name: str | None
    emails: tuple[Email, ...]

    @property
    def primary_email(self) -> str:
        return next(e.email for e in self.emails if e.primary)

    def as_json(self) -> dict[str, Any]:
        # ``email`` is the public address, which most people leave unset: never the one
        # to trust, so the fake shows none.
        return {"id": self.id, "login": self.login, "name": self.name, "email": None}


@dataclass
class _Grant:
    """An authorization code and what it was issued for."""

    user_id: int
    redirect_uri: str | None  # None: the authorization request named none
    scopes: tuple[str, ...]
    code_challenge: str
    expires_at: float
    used: bool = False
    access_tokens: list[str] = field(default_factory=list)


class _Refusal(Exception):
    """A refusal at the token endpoint: HTTP 200 with ``error`` in the body, as GitHub does."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description


# GitHub names the charset of its JSON.
_json = partial(json_answer, content_type="application/json; charset=utf-8")


def _api_error(status: HTTPStatus, message: str) -> Answer:
    return _json(
        {"message": message, "documentation_url": DOCS, "status": str(status.value)}, status
    )


class GitHubFake(ServedFromThread):
    """GitHub with one OAuth app registered, served on 127.0.0.1 until the ``with`` block
    ends."""

    thread_name = "github-fake"

    def __init__(
        self,
        *,
        client_id: str = CLIENT_ID,
        client_secret: str = CLIENT_SECRET,
        callback_url: str | None = None,
    ) -> None:
        """``callback_url``: the app's registered callback; a ``redirect_uri`` must then be
        on its host and port, at its path or below (GitHub's rule), and none means it. None
        takes any absolute http(s) address without a fragment."""
        super().__init__()
        self.client_id = client_id
        self.client_secret = client_secret
        self.callback_url = callback_url
        self.requests: list[ReceivedRequest] = []
        self._users: dict[int, GitHubUser] = {}
        self._ids = itertools.count(FIRST_USER_ID)
        self._chosen: int | None = None
        self._denial = False
        self._misbehaviour: dict[str, Answer] = {}
        self._grants: dict[str, _Grant] = {}
        # access token -> the grant it came from (an OAuth app's tokens do not expire)
        self._access: dict[str, _Grant] = {}
        self._lock = threading.Lock()

    # -- serving ----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """Where the sign-in pages are (``https://github.com`` for the real one)."""
        return self._served_url()

    @property
    def api_url(self) -> str:
        """Where the REST API is (``https://api.github.com`` for the real one)."""
        return self.base_url + API_PREFIX

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        return form_handler(
            self.answer, _api_error(HTTPStatus.INTERNAL_SERVER_ERROR, "Server Error")
        )

    # -- what tests do to it ----------------------------------------------------------------

    def add_user(
        self, login: str, email: str, *, verified: bool = True, name: str | None = None
    ) -> GitHubUser:
        """An account at GitHub with ``email`` as its primary address; the first one added
        is the one who signs in."""
        with self._lock:
            user = GitHubUser(next(self._ids), login, name, (Email(email, True, verified),))
            self._users[user.id] = user
            if self._chosen is None:
                self._chosen = user.id
            return user

    def add_email(
        self, user: GitHubUser, email: str, *, verified: bool = True, primary: bool = False
    ) -> GitHubUser:
        """One more address of ``user`` (made the primary one if ``primary``); answers the
        user as it now is."""
        with self._lock:
            known = self._known(user)
            others = tuple(replace(e, primary=e.primary and not primary) for e in known.emails)
            added = Email(email, primary, verified)
            emails = (added, *others) if primary else (*others, added)
            self._users[user.id] = replace(known, emails=emails)
            return self._users[user.id]

    def choose(self, user: GitHubUser) -> None:
        """The user who signs in at the following authorization requests."""
        with self._lock:
            self._chosen = self._known(user).id

    def deny_next(self) -> None:
        """The next authorization request ends in ``access_denied`` (the user pressed
        Cancel)."""
        with self._lock:
            self._denial = True

    def misbehave_next(self, path: str, status: int = HTTPStatus.OK, body: Any = None) -> None:
        """The next call to the API's ``path`` (``/user``, ``/user/emails``) answers
        ``status`` with ``body`` whatever its token: JSON, or bytes sent as they are."""
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        kind = "text/html; charset=utf-8" if isinstance(body, bytes) else "application/json"
        with self._lock:
            self._misbehaviour[API_PREFIX + path] = Answer(status, raw, {"Content-Type": kind})

    def expire_codes(self) -> None:
        """Every authorization code issued so far is past its lifetime."""
        with self._lock:
            for grant in self._grants.values():
                grant.expires_at = 0.0

    def requests_to(self, path: str) -> list[ReceivedRequest]:
        """The requests received at one path (the API's with ``/api/v3``), oldest first."""
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _known(self, user: GitHubUser) -> GitHubUser:
        found = self._users.get(user.id)
        if found is None or found.login != user.login:  # another fake's, which counts alike
            raise KeyError(f"no user {user.login!r} here; add_user first")
        return found

    # -- the endpoints ----------------------------------------------------------------------

    def answer(
        self, method: str, path: str, params: dict[str, str], headers: Mapping[str, str]
    ) -> Answer:
        """The answer to one request (the HTTP handler's work)."""
        with self._lock:
            self.requests.append(ReceivedRequest(method, path, params, dict(headers)))
            lowered = {k.lower(): v for k, v in headers.items()}
            if path.startswith(API_PREFIX + "/"):
                return self._api(method, path, lowered)
            match method, path:
                case "GET", "/login/oauth/authorize":
                    return self._authorize(params)
                case "POST", "/login/oauth/access_token":
                    return self._token(params, lowered)
            return html_page(HTTPStatus.NOT_FOUND, "GitHub", "Not Found")

    def _authorize(self, params: dict[str, str]) -> Answer:
        # Until the app and its redirect_uri are known good, errors go to the person at the
        # browser, never to an address nobody vouched for (RFC 6749 section 4.1.2.1).
        client_id = params.get("client_id", "")
        if client_id != self.client_id:
            return html_page(HTTPStatus.NOT_FOUND, "GitHub", f"Unknown OAuth app: {client_id!r}")
        redirect_uri = params.get("redirect_uri") or None
        state = {"state": params["state"]} if params.get("state") else {}
        if redirect_uri is None and self.callback_url is None:
            return html_page(
                HTTPStatus.BAD_REQUEST, "GitHub", "redirect_uri required (no callback registered)"
            )
        if redirect_uri is not None and not self._acceptable_redirect(redirect_uri):
            if self.callback_url is None:
                return html_page(
                    HTTPStatus.BAD_REQUEST, "GitHub", f"redirect_uri not allowed: {redirect_uri!r}"
                )
            # GitHub's way: the refusal goes to the callback the app registered.
            return redirect(
                with_query(
                    self.callback_url,
                    {
                        "error": "redirect_uri_mismatch",
                        "error_description": "The redirect_uri MUST match the registered "
                        "callback URL for this application.",
                        **state,
                    },
                )
            )
        back_to = redirect_uri or self.callback_url
        assert back_to is not None  # one of them was there, as checked above

        def refuse(error: str, description: str) -> Answer:
            return redirect(
                with_query(back_to, {"error": error, "error_description": description, **state})
            )

        challenge = params.get("code_challenge", "")
        # RFC 7636 section 4.3: no method means "plain", which GitHub refuses.
        method = params.get("code_challenge_method", "plain")
        if params.get("response_type", "code") != "code":
            return refuse("unsupported_response_type", "only response_type=code")
        if not state:
            return refuse("invalid_request", "state required")
        if not challenge:
            return refuse("invalid_request", "code_challenge required (PKCE)")
        if method != "S256":
            return refuse("invalid_request", "code_challenge_method must be S256")
        if not _PKCE_VALUE.match(challenge):
            return refuse("invalid_request", "code_challenge malformed")
        if self._denial:
            self._denial = False
            return refuse("access_denied", "The user has denied your application access.")
        if self._chosen is None:
            return refuse("access_denied", "no user to sign in (add_user first)")
        code = secrets.token_hex(10)  # GitHub's codes are 20 hexadecimal digits
        self._grants[code] = _Grant(
            user_id=self._chosen,
            redirect_uri=redirect_uri,
            # GitHub takes the scopes apart at spaces or commas.
            scopes=tuple(s for s in re.split(r"[\s,]+", params.get("scope", "")) if s),
            code_challenge=challenge,
            expires_at=time.time() + CODE_SECONDS,
        )
        return redirect(with_query(back_to, {"code": code, **state}))

    def _acceptable_redirect(self, uri: str) -> bool:
        parts = urlsplit(uri)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.fragment:
            return False
        if self.callback_url is None:
            return True
        registered = urlsplit(self.callback_url)
        below = registered.path.rstrip("/") + "/"
        return (parts.scheme, parts.netloc) == (registered.scheme, registered.netloc) and (
            parts.path == registered.path or parts.path.startswith(below)
        )

    def _token(self, form: dict[str, str], headers: Mapping[str, str]) -> Answer:
        as_json = "application/json" in headers.get("accept", "")
        try:
            if headers.get("content-type", "").split(";")[0].strip() != (
                "application/x-www-form-urlencoded"
            ):
                raise _Refusal("invalid_request", "the body must be a form")
            body = self._issue(form)
        except _Refusal as e:
            body = {
                "error": e.error,
                "error_description": e.description,
                "error_uri": f"{DOCS}/oauth#{e.error}",
            }
        # GitHub answers a form unless asked for JSON, and refusals with 200 all the same.
        if as_json:
            return _json(body, headers={"Cache-Control": "no-store"})
        return Answer(
            HTTPStatus.OK,
            urlencode(body).encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Cache-Control": "no-store"},
        )

    def _issue(self, form: dict[str, str]) -> dict[str, str]:
        """The access token for a code, or ``_Refusal``."""
        known = secrets.compare_digest(form.get("client_id", "").encode(), self.client_id.encode())
        right = secrets.compare_digest(
            form.get("client_secret", "").encode(), self.client_secret.encode()
        )
        if not (known and right):
            raise _Refusal(
                "incorrect_client_credentials",
                "The client_id and/or client_secret passed are incorrect.",
            )
        if form.get("grant_type", "authorization_code") != "authorization_code":
            raise _Refusal("unsupported_grant_type", "only authorization_code")
        bad_code = _Refusal("bad_verification_code", "The code passed is incorrect or expired.")
        grant = self._grants.get(form.get("code", ""))
        if grant is None:
            raise bad_code
        if grant.used:
            # RFC 6749 section 4.1.2: a code used twice may have been stolen, so what it
            # bought the first time stops working too.
            for token in grant.access_tokens:
                self._access.pop(token, None)
            raise bad_code
        # Any try spends the code, so a thief who guesses wrong cannot try again.
        grant.used = True
        if time.time() >= grant.expires_at:
            raise bad_code
        # RFC 6749 section 4.1.3: the same redirect_uri as the authorization's, if it had one.
        if grant.redirect_uri is not None and form.get("redirect_uri") != grant.redirect_uri:
            raise _Refusal(
                "redirect_uri_mismatch",
                "The redirect_uri MUST match the registered callback URL for this application.",
            )
        verifier = form.get("code_verifier", "")
        if not _PKCE_VALUE.match(verifier) or not secrets.compare_digest(
            code_challenge(verifier), grant.code_challenge
        ):
            raise _Refusal("bad_verification_code", "The code_verifier does not match.")
        access_token = "gho_" + secrets.token_hex(18)
        grant.access_tokens.append(access_token)
        self._access[access_token] = grant
        # The granted scopes come back joined by commas, not spaces as RFC 6749 has them.
        scope = ",".join(grant.scopes)
        return {"access_token": access_token, "token_type": "bearer", "scope": scope}

    def _api(self, method: str, path: str, headers: Mapping[str, str]) -> Answer:
        misbehaving = self._misbehaviour.pop(path, None)
        if misbehaving is not None:
            return misbehaving
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if not scheme:
            return _api_error(HTTPStatus.UNAUTHORIZED, "Requires authentication")
        grant = self._access.get(token.strip()) if scheme.lower() in ("bearer", "token") else None
        if grant is None:
            return _api_error(HTTPStatus.UNAUTHORIZED, "Bad credentials")
        user = self._users[grant.user_id]
        # GitHub tells the client what its token may do, on every answer.
        scopes = {"X-OAuth-Scopes": ", ".join(grant.scopes)}
        match method, path.removeprefix(API_PREFIX):
            case "GET", "/user":
                return _json(user.as_json(), headers=scopes)
            case "GET", "/user/emails" if EMAIL_SCOPES & set(grant.scopes):
                return _json([e.as_json() for e in user.emails], headers=scopes)
        # GitHub hides what a token may not see behind the same 404 as what is not there.
        return _api_error(HTTPStatus.NOT_FOUND, "Not Found")
