"""What the test doubles of outside services (Stripe, an OpenID provider, GitHub) share: an
HTTP server on 127.0.0.1, on a port of its own, served from a thread of the test's process
for the length of a ``with`` block."""

from __future__ import annotations

import html
import json
import threading
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


@dataclass(frozen=True)
class Answer:
    """What a fake sends back for one request."""

    status: int
    body: bytes
    headers: dict[str, str]


def json_answer(
    body: Any,
    status: int = HTTPStatus.OK,
    headers: Mapping[str, str] | None = None,
    *,
    content_type: str = "application/json",
) -> Answer:
    return Answer(
        status, json.dumps(body).encode(), {"Content-Type": content_type, **(headers or {})}
    )


def redirect(location: str) -> Answer:
    return Answer(HTTPStatus.FOUND, b"", {"Location": location, "Cache-Control": "no-store"})


def html_page(status: int, title: str, message: str) -> Answer:
    body = f"<!doctype html><title>{html.escape(title)}</title><p>{html.escape(message)}</p>"
    return Answer(status, body.encode(), {"Content-Type": "text/html; charset=utf-8"})


def with_query(url: str, params: Mapping[str, str]) -> str:
    """``url`` with ``params`` added to whatever query it already has (RFC 6749 3.1.2)."""
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, urlencode(params)) if q)
    return urlunsplit(parts._replace(query=query))


# (method, path, query or form fields, headers) -> the answer
FormAnswerer = Callable[[str, str, dict[str, str], dict[str, str]], Answer]


class ServedFromThread:
    """Base of a fake: ``with fake:`` serves it, and leaving the block stops the server and
    waits for every request in flight. Subclasses say how requests are handled."""

    thread_name = "fake"

    def __init__(self) -> None:
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        """The request handler, bound to this fake."""
        raise NotImplementedError

    def _served_url(self) -> str:
        """``http://127.0.0.1:<port>``, while serving."""
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not serving; use it in a with block")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> Self:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = False  # server_close joins the handlers' threads
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            # shutdown() waits for the serving loop's next look at its flag: the default
            # half a second would be most of a test's time.
            kwargs={"poll_interval": 0.01},
            name=self.thread_name,
            daemon=True,
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        self._server = self._thread = None


def form_handler(answer: FormAnswerer, fault: Answer) -> type[BaseHTTPRequestHandler]:
    """A handler of GETs with a query and POSTs of a form, as OAuth's endpoints take them;
    ``fault`` is the answer when ``answer`` itself fails (and its traceback is printed: a
    fault of the fake, not of the client)."""

    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0 (the default): one request per connection, so no handler thread outlives
        # its answer, and stopping the server waits for every one of them.

        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def _serve(self) -> None:
            try:
                url = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                query = body if self.command == "POST" else url.query
                params = dict(parse_qsl(query, keep_blank_values=True))
                answered = answer(self.command, url.path, params, dict(self.headers.items()))
            except Exception:
                traceback.print_exc()
                answered = fault
            self.send_response(answered.status)
            for name, value in answered.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answered.body)))
            self.end_headers()
            self.wfile.write(answered.body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the recorded requests say more, and pytest's output stays clean

    return Handler
