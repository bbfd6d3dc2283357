"""The local runtime's HTTP server: uvicorn in front of ``ApiGateway``, and the web app's files.

``LocalApp`` is the ASGI application: a request that matches a route of the template goes
through the gateway on the event loop (``ApiGateway.dispatch_async``: the function runs in its
own process and its answer is awaited, so a slow function never holds up other requests, and
no thread is involved); any other request outside ``/api`` gets the web app's static build
from ``web/dist`` (with the single-page-app fallback to ``index.html`` for pages), or a
placeholder page while the web app is not built; everything else gets API Gateway's 404.
With no social sign-in provider configured (``SLSPLAY_OIDC_PROVIDERS``), the runtime's own
identity provider (``identity_provider.py``) answers under ``/_oidc/`` and the functions are
configured to offer it. The
web app's and the API's answers carry the browser security headers CloudFront adds
(``security_headers.py``); the template's cache behaviours are served through an emulated
CloudFront cache (``edge_cache.py``). A body past API Gateway's 10 MB is refused with a 413 as
soon as its length says so or its stream passes the limit, and is never read further.
One log line per request says method, path, status, milliseconds and function; its record also
carries them as fields (``record.request``) for a structured formatter. While ``slsplay serve``
runs, the log's lines are written in batches (``lines_in_batches``), not one write each.

``LocalServer`` binds the socket first, so that the server knows its own URL (the template's
``PublicUrl``, the issuer of tokens) before any function is imported, then runs uvicorn (its
fastest parser, httptools, on uvloop) in the foreground (``run``, for ``slsplay serve``) or in
a thread (``start``/``stop``, for tests).
The template's stream, queue and schedule pumps (``pumps.py``) run in background threads
beside it, started and stopped with it; ``pumps=False`` leaves them out.
Its connections have TCP_NODELAY (see ``_listening_socket``): without it a kept-alive
connection waits ~40 ms per response.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import signal
import socket
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING

import anyio.to_thread
import uvicorn
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send

from slsplay.config import Settings
from slsplay.local import devmail, identity_http, payments_http, storage_http
from slsplay.local.apigateway import (
    ApiGateway,
    HttpRequest,
    HttpResponse,
    gateway_error,
    new_request_id,
)
from slsplay.local.backend import RuntimeBackend
from slsplay.local.bucket import LocalBucket
from slsplay.local.chaos import Chaos
from slsplay.local.client_limits import REFUSAL, RETRY_AFTER_SECONDS, ClientLimits
from slsplay.local.edge_cache import EmulatedEdge, origin_request
from slsplay.local.identity_provider import PREFIX as IDENTITY_PREFIX
from slsplay.local.identity_provider import LocalIdentityProvider
from slsplay.local.pumps import Pumps
from slsplay.local.request_log import RequestLines, lines_in_batches, request_record
from slsplay.local.routes import RouteMatch
from slsplay.local.security_headers import SecurityHeaders
from slsplay.local.template import DEFAULT_TEMPLATE

if TYPE_CHECKING:
    from slsplay.adapters.local.local_payments import LocalPayments

logger = logging.getLogger("slsplay.local")

PLACEHOLDER_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>slsplay</title></head>
<body>
<h1>slsplay</h1>
<p>The web app is not built yet (there is no <code>web/dist</code>).
The API is running: see its documentation at <a href="/api/docs">/api/docs</a>.</p>
</body>
</html>
"""


# Whether the event-driven tier has delivered everything (never deployed): what a test waits
# for before it checks that something did not happen.
DEV_QUIET_PATH = "/api/_dev/quiet"
# The functions' social sign-in providers (config.py's ``oidc_providers``).
PROVIDERS_VARIABLE = "SLSPLAY_OIDC_PROVIDERS"
# API Gateway's quota on a request's payload (HTTP APIs): a larger body never reaches a function.
MAX_PAYLOAD_BYTES = 10 * 1024 * 1024
TOO_LARGE = {
    "type": "urn:slsplay:problem:payload_too_large",
    "title": "Request Entity Too Large",
    "status": 413,
    "detail": f"The request body is larger than {MAX_PAYLOAD_BYTES} bytes, the most the API takes.",
    "code": "payload_too_large",
}


class SetupFailed(RuntimeError):
    """The runtime could not create the template's resources on its AWS endpoint."""


class LocalApp:
    """The ASGI application: the template's routes first, then the web app's static build."""

    def __init__(
        self,
        gateway: ApiGateway,
        *,
        static_dir: Path | None = None,
        mailbox: devmail.Mailbox | None = None,
        bucket: LocalBucket | None = None,
        payments: Callable[[], LocalPayments] | None = None,
        identity: LocalIdentityProvider | None = None,
        quiet: Callable[[], bool] | None = None,
        client_limits: ClientLimits | None = None,
        security_headers: SecurityHeaders | None = None,
        edge: EmulatedEdge | None = None,
    ) -> None:
        self.gateway = gateway
        # CloudFront's cache, for the template's cache behaviours (edge_cache.py).
        self.edge = edge
        # What CloudFront adds to the web app's and the API's answers (not to the stand-ins
        # for other origins: storage, payments, identity, the mailbox).
        self.security_headers = security_headers or SecurityHeaders()
        self.client_limits = client_limits
        self.quiet = quiet
        self.static_dir = static_dir
        self.mailbox = mailbox
        self.bucket = bucket
        self.payments = payments
        self.identity = identity
        # While the log is written in batches: where requests' figures wait for theirs.
        self.deferred: RequestLines | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return  # no websockets here: uvicorn refuses the handshake
        started = time.perf_counter()
        method, path = scope["method"], scope["path"]
        if self.client_limits is not None and not self.client_limits.admits(
            (scope.get("client") or ("127.0.0.1", 0))[0], path
        ):
            refused = JSONResponse(REFUSAL, 429, {"Retry-After": str(RETRY_AFTER_SECONDS)})
            refused.raw_headers[:] = self.security_headers.applied(refused.raw_headers)
            await refused(scope, receive, send)
            self._log(method, path, 429, (time.perf_counter() - started) * 1000, "waf")
            return
        matched = self.gateway.match(method, path)
        function: str | None
        if matched is None and method == "GET" and devmail.is_mail_path(path) and self.mailbox:
            status, function = await self._dev_mail(scope, receive, send, self.mailbox)
        elif matched is None and method == "GET" and path == DEV_QUIET_PATH and self.quiet:
            quiet = await anyio.to_thread.run_sync(self.quiet)
            answer: Response = JSONResponse({"quiet": quiet})
            await answer(scope, receive, send)
            status, function = answer.status_code, "dev-quiet"
        elif matched is None and self.bucket is not None and _is_storage(method, path):
            answer = await storage_http.handle(self.bucket, scope, receive)
            await answer(scope, receive, send)
            status, function = answer.status_code, "s3"
        elif matched is None and self.payments and path.startswith(payments_http.PREFIX):
            answer = await payments_http.handle(self.payments, scope, receive)
            await answer(scope, receive, send)
            status, function = answer.status_code, "payments"
        elif matched is None and self.identity and path.startswith(IDENTITY_PREFIX):
            answer = await identity_http.handle(self.identity, scope, receive)
            await answer(scope, receive, send)
            status, function = answer.status_code, "identity"
        elif matched is None and (page := self._web_page(scope)) is not None:
            page.raw_headers[:] = self.security_headers.applied(page.raw_headers)
            await page(scope, receive, send)
            status, function = page.status_code, "web"
        else:
            if matched is None:
                response = gateway_error(404, "Not Found", new_request_id())
            else:
                response = await self._dispatch(scope, receive, matched)
            # Logged before the answer goes: whoever reads the log after it finds the line.
            elapsed = (time.perf_counter() - started) * 1000
            self._log(method, path, response.status, elapsed, response.function)
            await _send_response(send, response, self.security_headers)
            return
        self._log(method, path, status, (time.perf_counter() - started) * 1000, function)

    def _log(self, method: str, path: str, status: int, ms: float, function: str | None) -> None:
        """The request's log line, with its figures as fields: made now, or (while the log is
        written in batches) kept as figures until its batch is written."""
        if not logger.isEnabledFor(logging.INFO):
            return
        figures = (time.time(), method, path, status, ms, function)
        if self.deferred is not None:
            self.deferred.add(figures)
        else:
            logger.handle(request_record(figures))

    async def _dev_mail(
        self, scope: Scope, receive: Receive, send: Send, mailbox: devmail.Mailbox
    ) -> tuple[int, str]:
        """The local mailbox (never deployed): JSON for tests and the web app, HTML for people,
        the attachments to download."""
        response = await anyio.to_thread.run_sync(devmail.answer, mailbox, scope["path"])
        await response(scope, receive, send)
        return response.status_code, "dev-mail"

    async def _dispatch(self, scope: Scope, receive: Receive, matched: RouteMatch) -> HttpResponse:
        body = await _read_body(scope, receive)
        if body is None:
            return _too_large()
        client = scope.get("client") or ("127.0.0.1", 0)
        request = HttpRequest(
            method=scope["method"],
            path=scope["path"],  # uvicorn percent-decodes it, as API Gateway does
            query=scope["query_string"].decode("latin-1"),
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]],
            body=body,
            source_ip=client[0],
            protocol=f"HTTP/{scope.get('http_version', '1.1')}",
            scheme=scope.get("scheme", "http"),
        )
        behaviour = (
            None if self.edge is None else self.edge.behaviour_for(request.method, request.path)
        )
        try:
            if self.edge is None or behaviour is None:
                return await self.gateway.dispatch_async(request, matched)
            kept = self.edge.answer(behaviour, request)
            if kept is not None:
                return kept
            answer = await self.gateway.dispatch_async(origin_request(request), matched)
            return self.edge.keep(behaviour, request, answer)
        except Exception:
            logger.exception("the local API Gateway failed on %s %s", request.method, request.path)
            return gateway_error(500, "Internal Server Error", new_request_id())

    def _web_page(self, scope: Scope) -> Response | None:
        """A static file, the SPA's index or the placeholder page; ``None``: API Gateway's 404."""
        path: str = scope["path"]
        is_api = path == "/api" or path.startswith("/api/")
        if scope["method"] in ("GET", "HEAD") and not is_api:
            return self._page(path, _wants_html(scope))
        return None

    def _page(self, path: str, wants_html: bool) -> Response | None:
        if self.static_dir is None or not self.static_dir.is_dir():
            return HTMLResponse(PLACEHOLDER_PAGE) if wants_html else None
        root = self.static_dir.resolve()
        try:
            candidate = (root / path.lstrip("/")).resolve()
        except (OSError, ValueError):  # e.g. a NUL byte: no file has that name
            candidate = root
        if candidate.is_relative_to(root) and candidate.is_file():
            return FileResponse(candidate)
        index = root / "index.html"
        if wants_html and index.is_file():
            # The SPA routes on the client: every page is its index, never cached stale.
            return FileResponse(index, headers={"cache-control": "no-cache"})
        return None


class LocalServer:
    """The local runtime on a socket: the template's API and the web app, served by uvicorn.

    In tests: ``with LocalServer(template=..., port=0, data_dir=tmp) as server:`` then talk to
    ``server.url``; leaving the block stops the server and restores the environment.
    """

    def __init__(
        self,
        *,
        template: str | Path = DEFAULT_TEMPLATE,
        host: str = "127.0.0.1",
        port: int = 8000,
        data_dir: str | Path,
        static_dir: Path | None = None,
        parameters: Mapping[str, str] | None = None,
        region: str = "eu-west-1",
        pumps: bool = True,
        stage: str = "local",
        aws_endpoint: str | None = None,
        in_process: bool = False,
        switch_interval: float | None = None,
        environment: Mapping[str, str] | None = None,
        chaos: Chaos | None = None,
        backend: Callable[[Settings], RuntimeBackend] | None = None,
    ) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket = _listening_socket(host, port, family)
        try:
            bound_port = self._socket.getsockname()[1]
            url_host = f"[{host}]" if family == socket.AF_INET6 else host
            self.url = f"http://{url_host}:{bound_port}"
            # With no social provider configured (in the developer's settings, which the
            # functions inherit, or the environment given), the runtime's own is offered.
            configured = (environment or {}).get(PROVIDERS_VARIABLE)
            self.identity = (
                None
                if configured or Settings.from_env().oidc_providers
                else LocalIdentityProvider(self.url, Path(data_dir))
            )
            if self.identity is not None:
                sign_in = {PROVIDERS_VARIABLE: self.identity.sign_in_settings()}
                environment = {**(environment or {}), **sign_in}
            self.gateway = ApiGateway.from_template(
                template,
                public_url=self.url,
                data_dir=Path(data_dir),
                parameters=parameters,
                region=region,
                stage=stage,
                aws_endpoint=aws_endpoint,
                in_process=in_process,
                switch_interval=switch_interval,
                environment=environment,
            )
            settings = Settings.from_env(self.gateway.environment)
            if backend is None:
                # The composition root's, on the settings the functions have.
                from slsplay.bootstrap import runtime_backend  # noqa: PLC0415

                backend = runtime_backend
            self.backend = backend(settings)
            if aws_endpoint is not None:
                # The functions' environment (endpoint, credentials) for the set-up calls too.
                self.gateway.open()
                try:
                    chosen = self.backend.provision(self.gateway.stack, stage)
                except Exception as e:  # unreachable, refused: say so before serving anything
                    raise SetupFailed(f"cannot set up the template at {aws_endpoint}: {e}") from e
                self.gateway.use_physical_ids(chosen)
            # Built here so that a template whose wiring cannot run fails before serving.
            self.pumps = (
                Pumps(self.gateway.stack, self.gateway.functions, backend=self.backend, chaos=chaos)
                if pumps
                else None
            )
        except BaseException:
            if hasattr(self, "gateway"):
                self.gateway.close()
            self._socket.close()
            raise
        web = static_dir if static_dir is not None else self.gateway.stack.directory / "web/dist"
        files = self.backend.media_files()
        bucket = (
            None
            if files is None
            else LocalBucket.from_stack(
                self.gateway.stack, settings.media_bucket, files, self.backend.send_to_queue()
            )
        )
        self.app = LocalApp(
            self.gateway,
            static_dir=web,
            mailbox=self.backend.mailbox(),
            bucket=bucket,
            payments=self.backend.local_payments,
            identity=self.identity,
            quiet=self.pumps.quiet if self.pumps is not None else None,
            client_limits=ClientLimits.from_stack(self.gateway.stack),
            # Media come from the runtime's own origin, or from the AWS endpoint's bucket.
            security_headers=SecurityHeaders(() if aws_endpoint is None else (aws_endpoint,)),
            edge=EmulatedEdge.from_stack(
                self.gateway.stack,
                self.backend.edge_invalidations(
                    Settings.from_env(self.gateway.environment).edge_distribution_id
                ),
            ),
        )
        config = uvicorn.Config(
            self.app,
            http="httptools",
            loop="uvloop",
            ws="none",
            lifespan="on",
            log_config=None,
            access_log=False,  # LocalApp logs each request itself, with the function's name
            # API Gateway's sourceIp is the connection's peer, and it appends that peer to
            # X-Forwarded-For rather than trusting the header (event_headers does the same).
            proxy_headers=False,
            server_header=False,
            timeout_graceful_shutdown=5,
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    def run(self) -> None:
        """Serve in the foreground until SIGINT or SIGTERM; then stop cleanly."""

        def stop(signum: int, frame: FrameType | None) -> None:
            self._server.should_exit = True

        # uvicorn handles the signals while it serves, then re-raises them once it has shut
        # down; these handlers make that re-raise (and an early signal) a clean stop.
        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        self.gateway.open()
        # What start-up made (modules, the template, the routes) lives as long as the server:
        # the collector need not go through it again on every full collection while serving.
        gc.freeze()
        try:
            if self.pumps is not None:
                self.pumps.start()
            with lines_in_batches() as deferred:
                self.app.deferred = deferred
                try:
                    self._server.run(sockets=[self._socket])
                finally:
                    self.app.deferred = None
        finally:
            if self.pumps is not None:
                self.pumps.stop()
            self.gateway.close()
            self._socket.close()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def start(self, timeout: float = 10.0) -> None:
        """Serve from a background thread; returns once the server accepts requests."""
        self.gateway.open()
        if self.pumps is not None:
            self.pumps.start()
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._serve_in_thread, args=(ready,), name="slsplay-server", daemon=True
        )
        self._thread.start()
        if not ready.wait(timeout) or not self._server.started:
            self.stop()
            raise RuntimeError(f"the local server did not start within {timeout} s")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop a server ``start`` started, and restore the environment."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self.pumps is not None:
            self.pumps.stop()
        self.gateway.close()
        self._socket.close()

    def __enter__(self) -> LocalServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _serve_in_thread(self, ready: threading.Event) -> None:
        async def serve() -> None:
            serving = asyncio.create_task(self._server.serve(sockets=[self._socket]))
            while not (self._server.started or serving.done()):
                await asyncio.sleep(0.005)
            ready.set()
            await serving

        try:
            with asyncio.Runner(loop_factory=self._server.config.get_loop_factory()) as runner:
                runner.run(serve())
        except Exception:
            logger.exception("the local server stopped with an error")
        finally:
            ready.set()


def _listening_socket(host: str, port: int, family: socket.AddressFamily) -> socket.socket:
    # Made with proto=IPPROTO_TCP, as asyncio makes its own: asyncio sets TCP_NODELAY only
    # on connections of such a socket. socket.create_server's proto is 0, and every response
    # on a kept-alive connection would then wait ~40 ms for a delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(socket.SOMAXCONN)
    except BaseException:
        sock.close()
        raise
    return sock


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _read_body(scope: Scope, receive: Receive) -> bytes | None:
    """The request's body, or ``None`` once it is known to be larger than API Gateway takes:
    from its ``Content-Length`` before any of it is read (no ``100 Continue`` invites it),
    else as the streamed body passes the limit; never more than the limit is kept."""
    declared = next((v for k, v in scope["headers"] if k == b"content-length"), b"0")
    if int(declared) > MAX_PAYLOAD_BYTES:  # uvicorn has checked it is a number
        return None
    chunks = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break  # the client went away
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_PAYLOAD_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _too_large() -> HttpResponse:
    """The refusal of a body past API Gateway's limit. The connection closes with it: the
    rest of the body is never read."""
    body = json.dumps(TOO_LARGE).encode()
    headers = [("content-type", "application/problem+json"), ("connection", "close")]
    return HttpResponse(413, headers, body)


async def _send_response(
    send: Send, response: HttpResponse, security_headers: SecurityHeaders
) -> None:
    headers = security_headers.applied(
        (name.encode("latin-1"), value.encode("latin-1")) for name, value in response.headers
    )
    headers.append((b"content-length", str(len(response.body)).encode()))
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": response.body})


def _is_storage(method: str, path: str) -> bool:
    return (method == "POST" and path == storage_http.UPLOADS) or (
        method in ("GET", "HEAD") and path.startswith(storage_http.DOWNLOADS)
    )


def _wants_html(scope: Scope) -> bool:
    accept = next((v for k, v in scope["headers"] if k == b"accept"), b"").decode("latin-1")
    return "text/html" in accept or scope["path"] == "/"
