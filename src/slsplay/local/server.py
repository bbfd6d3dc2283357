"""The local runtime's HTTP server: uvicorn in front of ``ApiGateway``, and the web app's files.

``LocalApp`` is the ASGI application: a request that matches a route of the template goes
through the gateway on the event loop (``ApiGateway.dispatch_async``: the function runs in its
own process and its answer is awaited, so a slow function never holds up other requests, and
no thread is involved); any other request outside ``/api`` gets the web app's static build
from ``web/dist`` (with the single-page-app fallback to ``index.html`` for pages), or a
placeholder page while the web app is not built; everything else gets API Gateway's 404. One
log line per request says method, path, status, milliseconds and function; its record also
carries them as fields (``record.request``) for a structured formatter. While ``slsplay serve``
runs, the log's lines are written in batches (``_lines_in_batches``), not one write each.

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
import logging
import signal
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, TextIO

import anyio.to_thread
import uvicorn
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send

from slsplay.config import Settings
from slsplay.local import devmail, payments_http, storage_http
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
from slsplay.local.pumps import Pumps
from slsplay.local.routes import RouteMatch
from slsplay.local.template import DEFAULT_TEMPLATE

if TYPE_CHECKING:
    from slsplay.adapters.local.local_payments import LocalPayments

logger = logging.getLogger("slsplay.local")

PLACEHOLDER_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>slsplay</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto">
<h1>slsplay</h1>
<p>The web app is not built yet (there is no <code>web/dist</code>).
The API is running: see its documentation at <a href="/api/docs">/api/docs</a>.</p>
</body>
</html>
"""


# A request's log line: method, path, status, milliseconds and function.
_REQUEST_LINE = "%s %s %d %.1fms %s"
# How long a line of the server's log may wait to be written with others.
LOG_BATCH_SECONDS = 0.1
DEV_MAIL_PATHS = ("/api/_dev/mail", "/_dev/mail")
# Whether the event-driven tier has delivered everything (never deployed): what a test waits
# for before it checks that something did not happen.
DEV_QUIET_PATH = "/api/_dev/quiet"


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
        quiet: Callable[[], bool] | None = None,
    ) -> None:
        self.gateway = gateway
        self.quiet = quiet
        self.static_dir = static_dir
        self.mailbox = mailbox
        self.bucket = bucket
        self.payments = payments
        # While the log is written in batches: where requests' figures wait for theirs.
        self.deferred: _RequestLines | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return  # no websockets here: uvicorn refuses the handshake
        started = time.perf_counter()
        method, path = scope["method"], scope["path"]
        matched = self.gateway.match(method, path)
        function: str | None
        if matched is None and method == "GET" and path in DEV_MAIL_PATHS and self.mailbox:
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
        elif matched is None and (page := self._web_page(scope)) is not None:
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
            await _send_response(send, response)
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
            logger.handle(_request_record(figures))

    async def _dev_mail(
        self, scope: Scope, receive: Receive, send: Send, mailbox: devmail.Mailbox
    ) -> tuple[int, str]:
        """The local mailbox (never deployed): JSON for tests and the web app, HTML for people."""
        if scope["path"] == "/api/_dev/mail":
            data = await anyio.to_thread.run_sync(devmail.mail_json, mailbox)
            response: Response = JSONResponse(data)
        else:
            response = HTMLResponse(await anyio.to_thread.run_sync(devmail.mail_page, mailbox))
        await response(scope, receive, send)
        return response.status_code, "dev-mail"

    async def _dispatch(self, scope: Scope, receive: Receive, matched: RouteMatch) -> HttpResponse:
        body = await _read_body(receive)
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
        try:
            return await self.gateway.dispatch_async(request, matched)
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
                    self.backend.provision(self.gateway.stack, stage)
                except Exception as e:  # unreachable, refused: say so before serving anything
                    raise SetupFailed(f"cannot set up the template at {aws_endpoint}: {e}") from e
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
            quiet=self.pumps.quiet if self.pumps is not None else None,
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
            with _lines_in_batches() as deferred:
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


RequestFigures = tuple[float, str, str, int, float, str | None]
"""A request's time (epoch seconds), method, path, status, milliseconds and function."""


def _request_record(figures: RequestFigures) -> logging.LogRecord:
    """A request's log record, with its figures as fields (``record.request``) and the time
    the request was answered as its own."""
    at, method, path, status, ms, function = figures
    # Made directly, not by makeRecord: a request's line names no calling code's file or line,
    # and its fields need none of the checks ``extra`` makes.
    record = logging.getLogRecordFactory()(
        logger.name,
        logging.INFO,
        __file__,
        0,
        _REQUEST_LINE,
        (method, path, status, ms, function or "-"),
        None,
    )
    record.request = {  # the fields a structured formatter reads
        "method": method,
        "path": path,
        "status": status,
        "ms": round(ms, 1),
        "function": function,
    }
    later = record.created - at
    record.created, record.msecs = at, int((at - int(at)) * 1000) + 0.0
    record.relativeCreated -= later * 1000
    return record


class _RequestLines:
    """Requests' log lines while the log is written in batches: a request leaves only its
    figures (one append on the event loop); its record is made and handled, in the order
    served, when its batch is written or before any other record is. Made and formatted on
    the request's way, the line cost the server some 15% of its time per request under load."""

    def __init__(self) -> None:
        self._served: deque[RequestFigures] = deque()

    def add(self, figures: RequestFigures) -> None:
        """Keep a request's figures for the next batch."""
        self._served.append(figures)

    def log(self) -> None:
        """Handle the records of every request kept so far, oldest first."""
        while True:
            try:
                figures = self._served.popleft()
            except IndexError:  # none left (another thread may have taken the last)
                return
            logger.handle(_request_record(figures))


class _BatchedLines(logging.Handler):
    """What a stream handler writes, written in batches: every ``LOG_BATCH_SECONDS``, and at
    once (with the lines before it) for a warning or worse."""

    def __init__(
        self,
        plain: logging.StreamHandler[TextIO],
        requests: _RequestLines,
        lock: threading.RLock,
    ) -> None:
        super().__init__(plain.level)
        self.setFormatter(plain.formatter)
        self.filters = list(plain.filters)
        self._stream = plain.stream
        self._requests = requests
        # One lock for all the batch writers: each makes the requests' records under it, which
        # reach the others too; with a lock each, two could wait for each other.
        self.lock = lock
        self._lines: list[str] = []
        self._stopped = threading.Event()
        threading.Thread(target=self._flush_every, name="log-batches", daemon=True).start()

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record's line for the next batch, after those of the requests before it."""
        try:
            if not hasattr(record, "request"):
                self._requests.log()
            self._lines.append(self.format(record))
            if record.levelno >= logging.WARNING:
                self.flush()
        except Exception:  # as logging's own handlers do: a log line never fails the caller
            self.handleError(record)

    def flush(self) -> None:
        """Write the lines kept so far, in one write."""
        self.acquire()
        try:
            self._requests.log()
            if self._lines:
                self._stream.write("\n".join(self._lines) + "\n")
                self._lines.clear()
                self._stream.flush()
        finally:
            self.release()

    def close(self) -> None:
        """Write what is left and stop the periodic writes."""
        self._stopped.set()
        self.flush()
        super().close()

    def _flush_every(self) -> None:
        while not self._stopped.wait(LOG_BATCH_SECONDS):
            self.flush()


@contextmanager
def _lines_in_batches() -> Iterator[_RequestLines | None]:
    """The root logger's plain stream handlers (``slsplay serve``'s terminal) write in
    batches meanwhile: a line per request then costs no write of its own. Yields where
    requests' lines wait for their batch (``None`` when no handler writes in batches)."""
    root = logging.getLogger()
    requests, lock = _RequestLines(), threading.RLock()
    swapped = [
        (plain, _BatchedLines(plain, requests, lock))
        for plain in root.handlers
        if type(plain) is logging.StreamHandler
    ]
    for plain, batched in swapped:
        root.removeHandler(plain)
        root.addHandler(batched)
    try:
        yield requests if swapped else None
    finally:
        requests.log()
        for plain, batched in swapped:
            root.removeHandler(batched)
            batched.close()
            root.addHandler(plain)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break  # the client went away
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _send_response(send: Send, response: HttpResponse) -> None:
    headers = [
        (name.encode("latin-1"), value.encode("latin-1")) for name, value in response.headers
    ]
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
