"""The local identity provider's addresses under ``/_oidc/`` (``identity_provider.py``): its
discovery document, JWKS, token endpoint, and the authorization page where a person picks
who signs in (a demo person, or a name and address typed in) or cancels.

The page's forms carry the authorization request along, and every answer is checked again
when posted; the browser is only ever sent back to the app's registered callback.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.types import Receive, Scope

from slsplay.domain.errors import InvalidInput
from slsplay.domain.invitations import normalise_email
from slsplay.domain.text import cleaned_text
from slsplay.local.identity_provider import (
    DEMO_PEOPLE,
    PREFIX,
    AuthorizationRequest,
    BadClient,
    LocalIdentityProvider,
    OAuthError,
    Person,
    person,
)
from slsplay.local.payments_http import page

AUTHORIZE = f"{PREFIX}authorize"
# RFC 6749 section 5.1: token answers are never cached.
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


async def handle(provider: LocalIdentityProvider, scope: Scope, receive: Receive) -> Response:
    """The answer to one request under ``/_oidc/``."""
    request = Request(scope, receive)
    path, method = request.url.path.removeprefix(PREFIX), request.method
    if method == "GET" and path == ".well-known/openid-configuration":
        return JSONResponse(provider.configuration())
    if method == "GET" and path == "jwks":
        return JSONResponse(await anyio.to_thread.run_sync(provider.jwks))
    if method == "POST" and path == "token":
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            answer = await anyio.to_thread.run_sync(provider.token, form)
        except OAuthError as e:
            return JSONResponse(e.as_json(), e.status, NO_STORE)
        return JSONResponse(answer, headers=NO_STORE)
    if path == "authorize" and method in ("GET", "POST"):
        params = (
            dict(request.query_params)
            if method == "GET"
            else {k: str(v) for k, v in (await request.form()).items()}
        )
        return await _authorize(provider, method, params)
    return JSONResponse({"error": "not_found"}, 404)


async def _authorize(
    provider: LocalIdentityProvider, method: str, params: Mapping[str, str]
) -> Response:
    try:
        request = provider.authorization(params)
    except BadClient as e:
        return HTMLResponse(page("Sign-in error", f"<p>{html.escape(str(e))}</p>"), 400)
    problem = request.problem()
    if problem is not None:
        return RedirectResponse(provider.refusal(request, problem), 303)
    if method == "GET":
        return HTMLResponse(_choice_page(request))
    if "cancel" in params:
        refused = OAuthError("access_denied", "the person cancelled")
        return RedirectResponse(provider.refusal(request, refused), 303)
    try:
        who = _chosen(params)
    except InvalidInput:
        typed = (params.get("name", ""), params.get("email", ""))
        error = "Please enter a valid email address."
        return HTMLResponse(_choice_page(request, typed, error), 422)
    return RedirectResponse(await anyio.to_thread.run_sync(provider.grant, request, who), 303)


def _chosen(params: Mapping[str, str]) -> Person:
    """The demo person picked, else the one typed in (``InvalidInput``: no valid address)."""
    picked = next((p for p in DEMO_PEOPLE if p.email == params.get("person")), None)
    if picked is not None:
        return picked
    email = normalise_email(params.get("email"))
    return person(email, cleaned_text(params.get("name") or "")[:100])


def _choice_page(
    request: AuthorizationRequest, typed: tuple[str, str] = ("", ""), error: str | None = None
) -> str:
    carried = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in request.params.items()
    )
    people = "".join(
        f'<li><button type="submit" name="person" value="{html.escape(p.email)}">'
        f"{html.escape(p.name)} <small>{html.escape(p.email)}</small></button></li>"
        for p in DEMO_PEOPLE
    )
    alert = f'<p role="alert" class="error">{html.escape(error)}</p>' if error else ""
    name, email = (html.escape(v) for v in typed)
    body = f"""<p>This provider runs on this machine only, so that signing in with a social
account can be tried without one. Choose who signs in.</p>
<form method="post" action="{AUTHORIZE}">{carried}
  <ul class="people">{people}</ul>
</form>
<h2>Someone else</h2>
<form method="post" action="{AUTHORIZE}">{carried}
  {alert}
  <label for="name">Name</label>
  <input id="name" name="name" autocomplete="name" value="{name}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="email" required value="{email}">
  <button type="submit">Sign in</button>
</form>
<form method="post" action="{AUTHORIZE}">{carried}
  <button type="submit" name="cancel" value="1" class="secondary">Cancel</button>
</form>"""
    return page("Sign in with Test provider", body)
