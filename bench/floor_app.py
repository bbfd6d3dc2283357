"""The floor to compare slsplay serve with: a minimal Starlette app reading one SQLite row.

Started by bench/api_latency.py under uvicorn, exactly as slsplay serve is.
"""

from __future__ import annotations

import os
import sqlite3
import threading

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

DATABASE = os.environ["FLOOR_DB"]  # set by api_latency.py
_local = threading.local()


def _connection() -> sqlite3.Connection:
    if not hasattr(_local, "conn"):
        _local.conn = sqlite3.connect(DATABASE, check_same_thread=False)
    return _local.conn


def read_row(request: Request) -> JSONResponse:
    row = (
        _connection()
        .execute("SELECT id, body FROM rows WHERE id = ?", (request.path_params["id"],))
        .fetchone()
    )
    return JSONResponse({"id": row[0], "body": row[1]})


app = Starlette(routes=[Route("/row/{id}", read_row)])
