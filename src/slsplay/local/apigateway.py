"""API Gateway (HTTP API, payload format 2.0) in front of the template's functions, in process.

``ApiGateway`` does for one request what API Gateway does: pick the route, run the route's
JWT authorizer, build the payload 2.0 event exactly as AWS builds it, invoke the function and
turn its result into the HTTP response. It knows nothing of sockets: ``server.py`` feeds it
requests from uvicorn on its event loop (``dispatch_async``: the function's answer is awaited
there, no thread is involved), and tests can feed it ``HttpRequest`` values (``handle``).

Fidelity notes, each checked against AWS's documentation or recorded AWS behaviour:
- the path is percent-decoded before routing and in ``rawPath``; ``rawQueryString`` is raw
  while ``queryStringParameters`` are decoded, repeated names joined with commas;
- header names are lower-cased, repeated headers joined with commas, and the ``Cookie``
  header moves to ``cookies``; ``cookies``, ``queryStringParameters``, ``pathParameters``
  and ``body`` are left out when empty;
- a body is text only for ``text/*``, ``application/json``, ``application/xml`` and
  ``application/javascript``; anything else (a form post too) arrives base64-encoded;
- a result without ``statusCode`` is sent as ``200 application/json``; payload 2.0 has no
  ``multiValueHeaders`` (API Gateway ignores them; a warning says so); a function's error,
  timeout or malformed result is ``500 {"message":"Internal Server Error"}`` and its
  traceback goes to the log only.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import secrets
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from slsplay.local.authorizer import (
    AuthorizationDenied,
    JwtAuthorizer,
    JwtGrant,
    KeySetUnavailable,
    gateway_text,
)
from slsplay.local.environments import InvocationError, start_forkserver
from slsplay.local.functions import (
    LambdaFunction,
    lambda_functions,
    runtime_environment,
    shared_environment,
)
from slsplay.local.results import HOP_BY_HOP_HEADERS, MalformedResponse, map_result
from slsplay.local.routes import RouteMatch, RouteTable, http_api_routes
from slsplay.local.template import DEFAULT_TEMPLATE, Stack, load_template

logger = logging.getLogger("slsplay.local")

TEXT_MEDIA_TYPES = frozenset({"application/json", "application/xml", "application/javascript"})
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class HttpRequest:
    """A request as it reached the API: ``path`` percent-decoded, ``query`` as sent."""

    method: str
    path: str
    query: str = ""
    headers: Sequence[tuple[str, str]] = ()
    body: bytes = b""
    source_ip: str = "127.0.0.1"
    protocol: str = "HTTP/1.1"
    scheme: str = "http"


@dataclass(frozen=True)
class HttpResponse:
    """What goes back to the client, and which function (if any) answered."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    function: str | None = None

    def header(self, name: str) -> str | None:
        """The first value of a header, by case-insensitive name."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


def aws_endpoint_environment(endpoint: str) -> dict[str, str]:
    """The variables that send every AWS call of a process to ``endpoint``.

    ``SLSPLAY_AWS_ENDPOINT`` for the product's clients, ``AWS_ENDPOINT_URL`` for the SDK's
    own (Powertools Parameters); and, where none are set, credentials that an emulator
    accepts: the endpoint is not AWS, so a real key must not be needed.
    """
    variables = {"SLSPLAY_AWS_ENDPOINT": endpoint, "AWS_ENDPOINT_URL": endpoint}
    if not os.environ.get("AWS_ACCESS_KEY_ID") and not os.environ.get("AWS_PROFILE"):
        variables |= {"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local"}
    return variables


class ApiGateway:
    """The template's HTTP API: routes and JWT authorizers in this process, in front of the
    functions' execution environments (``functions.py``, ``environments.py``).

    Open it (``with gateway:`` or ``open()``) before the first request: that gives this
    process the AWS endpoint and credentials of the runtime's overrides, for its own calls
    (the pollers', the set-up's); with ``in_process`` functions, it puts their environment
    into ``os.environ`` and their code on ``sys.path`` as well. ``close()`` puts all back and
    stops the functions' idle environments.
    """

    def __init__(
        self,
        stack: Stack,
        *,
        environment: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.time,
        in_process: bool = False,
        switch_interval: float | None = None,
    ) -> None:
        self.stack = stack
        self.routes: RouteTable = http_api_routes(stack)
        self.overrides = dict(environment or {})
        self.functions: dict[str, LambdaFunction] = lambda_functions(
            stack, self.overrides, in_process=in_process, switch_interval=switch_interval
        )
        self.in_process = in_process
        # What the runtime reads its own settings from (the table, the queues, the bucket).
        self.environment = shared_environment(self.functions, self.overrides)
        self._clock = clock
        self._api_ids = {route.api: stack.api_id(route.api) for route in self.routes.all()}
        # One per authorizer of each API, as each keeps its own cache of the issuer's keys.
        self._authorizers = {
            (route.api, route.authorizer.name): JwtAuthorizer(
                route.authorizer, self.fetch_json, clock=clock
            )
            for route in self.routes.all()
            if route.authorizer is not None
        }
        # The key-set fetch in progress for each authorizer, awaited by every request that
        # needs it (dispatch_async).
        self._fetching: dict[JwtAuthorizer, asyncio.Future[None]] = {}
        self._opened: ExitStack | None = None
        self._open_lock = threading.Lock()
        self._warned_multi_value: set[str] = set()

    @classmethod
    def from_template(
        cls,
        template: str | Path = DEFAULT_TEMPLATE,
        *,
        public_url: str,
        data_dir: Path,
        parameters: Mapping[str, str] | None = None,
        region: str = "eu-west-1",
        stage: str = "local",
        aws_endpoint: str | None = None,
        environment: Mapping[str, str] | None = None,
        in_process: bool = False,
        switch_interval: float | None = None,
    ) -> ApiGateway:
        """The gateway for a template as ``slsplay serve`` runs it, at ``public_url``.

        The template's ``Stage`` becomes ``stage`` and its ``PublicUrl`` this server's URL
        (where it declares them; ``parameters`` add or replace overrides), and the runtime's
        own settings override the functions' environment: the region, the backend (local, or
        AWS at ``aws_endpoint``), the data directory, the public URL and the stage; then
        ``environment``, if given (what ``sam local --env-vars`` would add).
        """
        public_url = public_url.rstrip("/")
        document = load_template(template)
        declared = document.get("Parameters") or {}
        defaults = {
            name: value
            for name, value in {"Stage": stage, "PublicUrl": public_url}.items()
            if name in declared
        }
        stack = Stack(
            document,
            defaults | dict(parameters or {}),
            path=Path(template).resolve(),
            region=region,
        )
        overrides = {
            # Lambda always sets the region; functions (and boto3) may rely on it.
            "AWS_REGION": region,
            "AWS_DEFAULT_REGION": region,
            "SLSPLAY_BACKEND": "local" if aws_endpoint is None else "aws",
            "SLSPLAY_DATA_DIR": str(Path(data_dir).resolve()),
            "SLSPLAY_PUBLIC_URL": public_url,
            "SLSPLAY_STAGE": stage,
            # No MediaConvert runs offline (nor on moto): ffmpeg converts videos in the
            # media function instead, and the job's completion event is not needed.
            "SLSPLAY_TRANSCODER": "ffmpeg",
            # No Stripe is reachable offline: the runtime's own provider takes payments.
            "SLSPLAY_PAYMENTS": "local",
            # A developer's tools read the GraphQL schema by introspection.
            "SLSPLAY_GRAPHQL_INTROSPECTION": "on",
            # No X-Ray daemon listens here: the functions' tracer stays unbuilt (logs.py).
            "POWERTOOLS_TRACE_DISABLED": "true",
        }
        if aws_endpoint is not None:
            overrides |= aws_endpoint_environment(aws_endpoint)
        return cls(
            stack,
            environment=overrides | dict(environment or {}),
            in_process=in_process,
            switch_interval=switch_interval,
        )

    # -- lifecycle ---------------------------------------------------------------------------

    def use_physical_ids(self, ids: Mapping[str, str]) -> None:
        """Give the functions the ids an AWS endpoint chose for resources (a distribution's)
        where their variables hold the template's ``!Ref``, the logical id, instead."""
        for variables in (self.environment, *(f.environment for f in self.functions.values())):
            for name, value in variables.items():
                if value in ids:
                    variables[name] = ids[value]

    def open(self) -> None:
        """Set up the functions' environment and import path (idempotent)."""
        with self._open_lock:
            if self._opened is not None:
                return
            opened = ExitStack()
            if self.in_process:
                code_dirs = {
                    function.config.code_dir
                    for function in self.functions.values()
                    if function.config.code_dir is not None
                }
                opened.enter_context(runtime_environment(self.environment, code_dirs))
            else:
                aws = {k: v for k, v in self.overrides.items() if k.startswith("AWS_")}
                opened.enter_context(runtime_environment(aws, set()))
                start_forkserver()
            self._opened = opened

    def close(self) -> None:
        """Reclaim the functions' idle environments; restore ``os.environ`` and the import path."""
        for function in self.functions.values():
            function.close()
        with self._open_lock:
            if self._opened is not None:
                self._opened.close()
                self._opened = None

    def __enter__(self) -> ApiGateway:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- requests ----------------------------------------------------------------------------

    def match(self, method: str, path: str) -> RouteMatch | None:
        """The route a request goes to, or ``None`` when API Gateway would answer 404."""
        return self.routes.match(method.upper(), path)

    def handle(self, request: HttpRequest) -> HttpResponse:
        """The response API Gateway would give to ``request``."""
        matched = self.match(request.method, request.path)
        if matched is None:
            return gateway_error(404, "Not Found", new_request_id())
        return self.dispatch(request, matched)

    def dispatch(self, request: HttpRequest, matched: RouteMatch) -> HttpResponse:
        """Authorize ``request`` for its route, invoke the route's function, map the result."""
        call = self._call(request, matched)
        try:
            if call.authorizer is not None:
                call.grant = call.authorizer.authorize(call.headers, call.query, call.scopes)
            payload = call.function.invoke(self._event(call), may_throttle=True)
        except AuthorizationDenied as denied:
            return call.denied(denied)
        except InvocationError:
            return call.failed()
        return self._answer(call, payload)

    async def dispatch_async(self, request: HttpRequest, matched: RouteMatch) -> HttpResponse:
        """``dispatch`` on the running event loop, which it never blocks: the function's answer
        is awaited, and only fetching the issuer's key set goes to a thread."""
        call = self._call(request, matched)
        try:
            if call.authorizer is not None:
                call.grant = await self._grant(call.authorizer, call)
            payload = await call.function.invoke_async(self._event(call), may_throttle=True)
        except AuthorizationDenied as denied:
            return call.denied(denied)
        except InvocationError:
            return call.failed()
        return self._answer(call, payload)

    async def _grant(self, authorizer: JwtAuthorizer, call: _Call) -> JwtGrant:
        """The authorizer's grant, from the event loop. The key set, when it must be fetched,
        is read in a thread (a function answers it, and the loop must not wait for it), once
        at a time: the requests that need it meanwhile await that one fetch."""
        token = authorizer.token(call.headers, call.query, call.scopes)
        if authorizer.keys_due(token):
            fetching = self._fetching.get(authorizer)
            if fetching is None:
                loop = asyncio.get_running_loop()
                fetching = loop.run_in_executor(None, authorizer.refresh_keys, token)
                self._fetching[authorizer] = fetching
                fetching.add_done_callback(lambda _: self._fetching.pop(authorizer, None))
            await asyncio.shield(fetching)
        return authorizer.grant(token, call.scopes, may_fetch=False)

    def _call(self, request: HttpRequest, matched: RouteMatch) -> _Call:
        if self._opened is None:
            raise RuntimeError("open the gateway before dispatching requests to it")
        route = matched.route
        headers, cookies = event_headers(request)
        authorizer = None
        if route.authorizer is not None:
            authorizer = self._authorizers[(route.api, route.authorizer.name)]
        return _Call(
            request,
            matched,
            self.functions[route.function],
            new_request_id(),
            headers,
            cookies,
            query_parameters(request.query),
            authorizer,
        )

    def _event(self, call: _Call) -> dict[str, Any]:
        return build_event(
            call.request,
            call.matched,
            headers=call.headers,
            cookies=call.cookies,
            query=call.query,
            request_id=call.request_id,
            api_id=self._api_ids[call.matched.route.api],
            account_id=self.stack.account_id,
            now=datetime.fromtimestamp(self._clock(), UTC),
            grant=call.grant,
        )

    def _answer(self, call: _Call, payload: str) -> HttpResponse:
        function = call.function
        try:
            status, response_headers, body = self._response(function, payload)
        except MalformedResponse:
            return call.failed()
        response_headers.append(("apigw-requestid", call.request_id))
        return HttpResponse(status, response_headers, body, function=function.name)

    def fetch_json(self, target: str) -> Any:
        """GET a path (and query) of this API in process, as the JWT authorizer reads keys."""
        path, _, query = target.partition("?")
        host = urlsplit(self.environment.get("SLSPLAY_PUBLIC_URL", "")).netloc or "localhost"
        request = HttpRequest(
            "GET",
            unquote(path),
            query,
            headers=[("host", host), ("user-agent", "slsplay-jwt-authorizer")],
        )
        matched = self.match("GET", request.path)
        if matched is None:
            raise KeySetUnavailable(f"no route of the template serves GET {path}")
        if matched.route.authorizer is not None:
            raise KeySetUnavailable(f"GET {path} itself asks for a token; nothing could read it")
        response = self.dispatch(request, matched)
        if response.status != 200:
            raise KeySetUnavailable(f"GET {path} answered {response.status}")
        try:
            return response.json()
        except ValueError as e:
            raise KeySetUnavailable(f"GET {path} did not answer JSON") from e

    def _response(
        self, function: LambdaFunction, payload: str
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        try:
            result = json.loads(payload)
            multi_value = isinstance(result, dict) and "multiValueHeaders" in result
            if multi_value and function.name not in self._warned_multi_value:
                self._warned_multi_value.add(function.name)
                logger.warning(
                    "%s returned multiValueHeaders: API Gateway ignores them for payload "
                    "format 2.0 (use headers with comma-joined values, and cookies)",
                    function.name,
                )
            return map_result(result, payload)
        except MalformedResponse as e:
            logger.error("%s returned a response API Gateway cannot use: %s", function.name, e)
            raise


@dataclass
class _Call:
    """One request on its way through the gateway to its route's function."""

    request: HttpRequest
    matched: RouteMatch
    function: LambdaFunction
    request_id: str
    headers: dict[str, str]
    cookies: list[str]
    query: dict[str, str]
    authorizer: JwtAuthorizer | None
    grant: JwtGrant | None = None

    @property
    def scopes(self) -> Sequence[str]:
        """The scopes the route asks of a token."""
        return self.matched.route.scopes

    def denied(self, denied: AuthorizationDenied) -> HttpResponse:
        """The authorizer's refusal, as API Gateway sends it."""
        challenge = [("www-authenticate", denied.challenge)]
        return gateway_error(
            denied.status, denied.message, self.request_id, challenge, function=self.function.name
        )

    def failed(self) -> HttpResponse:
        """API Gateway's answer when the function failed or answered what it cannot use."""
        return gateway_error(
            500, "Internal Server Error", self.request_id, function=self.function.name
        )


# -- the payload 2.0 event ---------------------------------------------------------------------


def build_event(
    request: HttpRequest,
    matched: RouteMatch,
    *,
    headers: Mapping[str, str],
    cookies: Sequence[str],
    query: Mapping[str, str],
    request_id: str,
    api_id: str,
    account_id: str,
    now: datetime,
    grant: JwtGrant | None = None,
) -> dict[str, Any]:
    """The API Gateway HTTP API payload 2.0 event for a request on its route."""
    domain_name = headers.get("host", "localhost")
    http = {
        "method": request.method.upper(),
        "path": request.path,
        "protocol": request.protocol,
        "sourceIp": request.source_ip,
        "userAgent": headers.get("user-agent", ""),
    }
    context: dict[str, Any] = {"accountId": account_id, "apiId": api_id}
    if grant is not None:
        context["authorizer"] = grant.as_context()
    context |= {
        "domainName": domain_name,
        "domainPrefix": domain_name.split(":")[0].split(".")[0],
        "http": http,
        "requestId": request_id,
        "routeKey": matched.route.key,
        "stage": "$default",
        # Put together from its fields: strftime takes twice as long, on every request.
        "time": f"{now.day:02d}/{_MONTHS[now.month - 1]}/{now.year}:{now.hour:02d}:"
        f"{now.minute:02d}:{now.second:02d} +0000",
        "timeEpoch": int(now.timestamp() * 1000),
    }
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": matched.route.key,
        "rawPath": request.path,
        "rawQueryString": request.query,
    }
    if cookies:
        event["cookies"] = list(cookies)
    event["headers"] = dict(headers)
    if query:
        event["queryStringParameters"] = dict(query)
    event["requestContext"] = context
    body, is_base64 = event_body(request.body, headers.get("content-type"))
    if body is not None:
        event["body"] = body
    if matched.path_parameters:
        event["pathParameters"] = dict(matched.path_parameters)
    event["isBase64Encoded"] = is_base64
    return event


def granted_event(
    stack: Stack, request: HttpRequest, matched: RouteMatch, claims: Mapping[str, object] | None
) -> dict[str, Any]:
    """The event for ``request`` as if the route's JWT authorizer had granted ``claims``
    (verified elsewhere, or trusted: for benchmarks and tests that call functions directly)."""
    headers, cookies = event_headers(request)
    grant = None
    if claims is not None:
        grant = JwtGrant({name: gateway_text(value) for name, value in claims.items()}, None)
    return build_event(
        request,
        matched,
        headers=headers,
        cookies=cookies,
        query=query_parameters(request.query),
        request_id=new_request_id(),
        api_id=stack.api_id(matched.route.api),
        account_id=stack.account_id,
        now=datetime.now(UTC),
        grant=grant,
    )


def event_headers(request: HttpRequest) -> tuple[dict[str, str], list[str]]:
    """The event's ``headers`` (lower-cased, repeats comma-joined) and its ``cookies``."""
    values: dict[str, list[str]] = {}
    cookies: list[str] = []
    for raw_name, value in request.headers:
        name = raw_name.lower()
        if name == "cookie":
            cookies += [cookie.strip() for cookie in value.split(";") if cookie.strip()]
        elif name not in HOP_BY_HOP_HEADERS:
            values.setdefault(name, []).append(value)
    headers = {name: ",".join(items) for name, items in values.items()}
    # API Gateway adds what it knows about the connection, as a load balancer would.
    forwarded = headers.get("x-forwarded-for")
    headers["x-forwarded-for"] = (
        f"{forwarded}, {request.source_ip}" if forwarded else request.source_ip
    )
    host_port = headers.get("host", "").rpartition(":")[2]
    default_port = "443" if request.scheme == "https" else "80"
    headers["x-forwarded-port"] = host_port if host_port.isdigit() else default_port
    headers["x-forwarded-proto"] = request.scheme
    headers.setdefault("x-amzn-trace-id", f"Root=1-{int(time.time()):08x}-{secrets.token_hex(12)}")
    return headers, cookies


def query_parameters(raw_query: str) -> dict[str, str]:
    """``queryStringParameters``: decoded, with a repeated name's values joined by commas."""
    values: dict[str, list[str]] = {}
    for name, value in parse_qsl(raw_query, keep_blank_values=True):
        values.setdefault(name, []).append(value)
    return {name: ",".join(items) for name, items in values.items()}


def event_body(body: bytes, content_type: str | None) -> tuple[str | None, bool]:
    """The event's ``body`` (``None`` when empty) and ``isBase64Encoded``."""
    if not body:
        return None, False
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type.startswith("text/") or media_type in TEXT_MEDIA_TYPES:
        try:
            return body.decode("utf-8"), False
        except UnicodeDecodeError:
            pass  # not text after all: deliver it as bytes
    return base64.b64encode(body).decode("ascii"), True


def gateway_error(
    status: int,
    message: str,
    request_id: str,
    headers: Sequence[tuple[str, str]] = (),
    *,
    function: str | None = None,
) -> HttpResponse:
    """A response API Gateway makes itself: ``{"message":"..."}`` as JSON."""
    body = json.dumps({"message": message}, separators=(",", ":")).encode()
    all_headers = [("content-type", "application/json"), *headers, ("apigw-requestid", request_id)]
    return HttpResponse(status, all_headers, body, function=function)


def new_request_id() -> str:
    """A request id shaped like API Gateway's (e.g. ``Mc7UVioPPHcEKPA=``)."""
    # Eleven random bytes make sixteen base64 characters, as in the ids AWS gives.
    return base64.b64encode(secrets.token_bytes(11)).decode("ascii")
