"""The floor to compare slsplay serve with: a minimal Starlette app reading one SQLite row.

Started by bench/api_latency.py under uvicorn (its h11 parser on asyncio). ``/row/{id}``
reads the row; ``/checked/row/{id}`` first checks an RS256 bearer token with PyJWT, as a
plain app would (the key loaded once, ``jwt.decode`` with the issuer and audience per
request), as slsplay's authorizer checks every token before a function runs.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

DATABASE = os.environ["FLOOR_DB"]  # set by api_latency.py
PUBLIC_KEY = load_pem_public_key(Path(os.environ["FLOOR_PUBLIC_KEY"]).read_bytes())
ISSUER = os.environ["FLOOR_ISSUER"]
AUDIENCE = os.environ["FLOOR_AUDIENCE"]
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


def read_checked_row(request: Request) -> JSONResponse:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    try:
        if scheme.lower() != "bearer":
            raise jwt.InvalidTokenError("no bearer token")
        jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], issuer=ISSUER, audience=AUDIENCE)
    except jwt.PyJWTError:
        return JSONResponse({"message": "Unauthorized"}, status_code=401)
    return read_row(request)


app = Starlette(routes=[Route("/row/{id}", read_row), Route("/checked/row/{id}", read_checked_row)])
