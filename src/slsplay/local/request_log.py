"""The local server's log of requests: a line per request, as cheap as the server can make it.

While ``slsplay serve`` runs, the log's lines are written in batches (``lines_in_batches``),
not one write each, and a request leaves only its figures on the event loop: its record is
made when its batch is written.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

logger = logging.getLogger("slsplay.local")

# A request's log line: method, path, status, milliseconds and function.
_REQUEST_LINE = "%s %s %d %.1fms %s"
# How long a line of the server's log may wait to be written with others.
LOG_BATCH_SECONDS = 0.1


RequestFigures = tuple[float, str, str, int, float, str | None]
"""A request's time (epoch seconds), method, path, status, milliseconds and function."""


def request_record(figures: RequestFigures) -> logging.LogRecord:
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


class RequestLines:
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
            logger.handle(request_record(figures))


class _BatchedLines(logging.Handler):
    """What a stream handler writes, written in batches: every ``LOG_BATCH_SECONDS``, and at
    once (with the lines before it) for a warning or worse."""

    def __init__(
        self,
        plain: logging.StreamHandler[TextIO],
        requests: RequestLines,
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
def lines_in_batches() -> Iterator[RequestLines | None]:
    """The root logger's plain stream handlers (``slsplay serve``'s terminal) write in
    batches meanwhile: a line per request then costs no write of its own. Yields where
    requests' lines wait for their batch (``None`` when no handler writes in batches)."""
    root = logging.getLogger()
    requests, lock = RequestLines(), threading.RLock()
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
