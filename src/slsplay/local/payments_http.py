"""The local payment provider's pages: its hosted checkout, and account onboarding.

``GET /_payments/checkout/{session}`` shows what is paid and a card form; posting it pays
(``4242 4242 4242 4242``) or is declined (``4000 0000 0000 0002``), and a paid checkout
sends the buyer to the success page while the provider's webhook reaches the API.
``GET /_payments/onboarding/{account}?return=...`` sends the organizer straight back: there
is nothing to fill in offline. Every way out of these pages leads to the runtime's own
origin (``own_page``): none is an open redirect.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.types import Receive, Scope

from slsplay.adapters.local.local_payments import CardDeclined, LocalPayments, LocalSession
from slsplay.domain.money import Price

PREFIX = "/_payments/"
CHECKOUT = "/_payments/checkout/"
ONBOARDING = "/_payments/onboarding/"


async def handle(payments: Callable[[], LocalPayments], scope: Scope, receive: Receive) -> Response:
    """The answer to one request under ``/_payments/``."""
    request = Request(scope, receive)
    path = request.url.path
    provider = await anyio.to_thread.run_sync(payments)
    if path.startswith(ONBOARDING) and request.method == "GET":
        back = request.query_params.get("return", "/")
        return RedirectResponse(own_page(back, provider.base_url), 303)
    if not path.startswith(CHECKOUT):
        return HTMLResponse(page("Not found", "<p>There is nothing at this address.</p>"), 404)
    session_id = path.removeprefix(CHECKOUT)
    session = await anyio.to_thread.run_sync(provider.session, session_id)
    if session is None:
        return HTMLResponse(page("Not found", "<p>There is no such checkout.</p>"), 404)
    if request.method == "POST":
        form = await request.form()
        card = str(form.get("card_number", ""))
        try:
            paid = await anyio.to_thread.run_sync(provider.pay, session_id, card)
        except CardDeclined as declined:
            refused = _checkout_page(session, provider.base_url, error=str(declined))
            return HTMLResponse(refused, 402)
        return RedirectResponse(own_page(paid.success_url, provider.base_url), 303)
    return HTMLResponse(_checkout_page(session, provider.base_url))


def own_page(url: str, origin: str) -> str:
    """Where a page of the provider may send the browser: ``url`` as a path on ``origin``
    (the runtime's own), or its start page when ``url`` leads anywhere else.

    A browser ignores tabs and newlines in a URL and reads a backslash as a slash, so
    ``/\\evil.example`` or ``/<tab>/evil.example`` would leave the origin: they are refused
    rather than cleaned.
    """
    if any(c == "\\" or ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        return "/"
    try:
        parts, own = urlsplit(url), urlsplit(origin)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return "/"
    if (parts.scheme, parts.netloc) not in {("", ""), (own.scheme, own.netloc)}:
        return "/"
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return "/"
    return urlunsplit(("", "", parts.path, parts.query, parts.fragment))


def _checkout_page(session: LocalSession, origin: str, error: str | None = None) -> str:
    def money(amount: int) -> str:
        return html.escape(Price(amount, session.currency).formatted()) if amount else "-"

    total = session.amount_minor + session.fee_minor
    open_ = session.status == "open"
    alert = f'<p role="alert" class="error">{html.escape(error)}</p>' if error else ""
    form = (
        f"""<form method="post">
  <label for="card">Card number</label>
  <input id="card" name="card_number" inputmode="numeric" autocomplete="cc-number" required>
  <button type="submit">Pay {money(total)}</button>
</form>
<p class="hint">Test cards: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined.</p>"""
        if open_
        else f"<p>This checkout is {html.escape(session.status)}.</p>"
    )
    body = f"""<p>{html.escape(session.title)}, for {html.escape(session.email)}</p>
<table>
  <tr><th scope="row">Ticket</th><td>{money(session.amount_minor)}</td></tr>
  <tr><th scope="row">Service fee</th><td>{money(session.fee_minor)}</td></tr>
  <tr><th scope="row">Total</th><td>{money(total)}</td></tr>
</table>
{alert}
{form}
<p><a href="{html.escape(own_page(session.cancel_url, origin))}">Back without paying</a></p>"""
    return page("Checkout (local payment provider)", body)


def page(title: str, body: str) -> str:
    """A page of the runtime's stand-ins for other sites (the payment and identity
    providers): ``body`` under ``title``, plainly styled."""
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
body {{ font-family: system-ui, sans-serif; max-width: 30rem; margin: 2rem auto; padding: 0 1rem;
  color: #1a1a1a; }}
table {{ border-collapse: collapse; margin: 1rem 0; }} th, td {{ padding: .25rem 1rem .25rem 0;
  text-align: left; }}
label, input, button {{ display: block; font-size: 1rem; margin: .5rem 0; }}
input {{ padding: .5rem; width: 100%; box-sizing: border-box; }}
button {{ padding: .6rem 1rem; background: #1d4ed8; color: #fff; border: 0; border-radius: 4px; }}
.error {{ color: #b00020; font-weight: 600; }} .hint {{ color: #444; font-size: .9rem; }}
button.secondary {{ background: #fff; color: #1d4ed8; border: 1px solid #1d4ed8; }}
button small {{ display: block; font-size: .85rem; }}
.people {{ list-style: none; padding: 0; }} .people button {{ width: 100%; text-align: left; }}
</style></head>
<body><main><h1>{html.escape(title)}</h1>
{body}
</main></body></html>"""
