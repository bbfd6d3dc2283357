"""The HTTP API's routes, read from the template's ``HttpApi`` events, and how a request picks one.

Every ``AWS::Serverless::Function`` event of ``Type: HttpApi`` becomes a route such as
``POST /api/meetups/{id}/publish``. Matching follows API Gateway HTTP APIs: a route without a
greedy variable beats one with ``{proxy+}``; between those, the one whose path is more literal
from the left wins (``/pets/dog/{id}`` over ``/pets/{kind}/{id}``); then a named method beats
``ANY``; and ``$default`` catches what nothing else does. Paths compare after percent-decoding,
as API Gateway decodes them before routing. The table is compiled once: per method, the
routes in that order, grouped by their number of segments, so that a request tries only the
routes it could fit and takes the first that does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from slsplay.local.template import Stack, TemplateError

logger = logging.getLogger("slsplay.local")

ANY = "ANY"
DEFAULT_ROUTE_KEY = "$default"
IMPLICIT_API = "ServerlessHttpApi"  # the API SAM creates for HttpApi events without an ApiId
NO_AUTHORIZER = "NONE"

_LITERAL, _VARIABLE, _GREEDY = 0, 1, 2


@dataclass(frozen=True)
class JwtAuthorizerConfig:
    """One JWT authorizer of an HTTP API, as its ``Auth.Authorizers`` entry configures it."""

    name: str
    issuer: str
    audiences: tuple[str, ...]
    identity_source: str = "$request.header.Authorization"
    scopes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Route:
    """One route: a method and path template, the function behind it, and its authorizer."""

    method: str
    path: str
    function: str
    authorizer: JwtAuthorizerConfig | None = None
    scopes: tuple[str, ...] = ()
    api: str = IMPLICIT_API
    event: str = ""
    _segments: tuple[tuple[int, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.path == DEFAULT_ROUTE_KEY:
            object.__setattr__(self, "_segments", ())
            return
        if not self.path.startswith("/"):
            raise TemplateError(f"route path {self.path!r} must start with /")
        segments = tuple(_segment(part) for part in self.path[1:].split("/"))
        if any(kind == _GREEDY for kind, _ in segments[:-1]):
            raise TemplateError(f"{self.key}: a greedy variable must end the path")
        object.__setattr__(self, "_segments", segments)

    @property
    def key(self) -> str:
        """The route key API Gateway puts in ``routeKey``: ``GET /api/me`` or ``$default``."""
        return DEFAULT_ROUTE_KEY if self.path == DEFAULT_ROUTE_KEY else f"{self.method} {self.path}"

    @property
    def is_default(self) -> bool:
        """Whether this is the catch-all ``$default`` route."""
        return self.path == DEFAULT_ROUTE_KEY

    @property
    def is_greedy(self) -> bool:
        """Whether its path ends with a greedy variable (``{proxy+}``)."""
        return bool(self._segments) and self._segments[-1][0] == _GREEDY

    @property
    def length(self) -> int:
        """How many segments its path has."""
        return len(self._segments)

    def fit(self, parts: Sequence[str]) -> dict[str, str] | None:
        """The path variables when a path's segments (decoded, split at each ``/`` after
        the first) fit this route's path, else ``None``."""
        parameters: dict[str, str] = {}
        for index, (kind, text) in enumerate(self._segments):
            if kind == _GREEDY:
                rest = "/".join(parts[index:])
                if not rest:
                    return None
                parameters[text] = rest
                return parameters
            if index >= len(parts):
                return None
            part = parts[index]
            if kind == _LITERAL and part != text:
                return None
            if kind == _VARIABLE:
                if not part:
                    return None
                parameters[text] = part
        return parameters if len(parts) == len(self._segments) else None

    def precedence(self) -> tuple[int, tuple[int, ...], int]:
        """Sorts the routes a request fits: the smallest is the one API Gateway picks."""
        kinds = tuple(kind for kind, _ in self._segments)
        return (int(self.is_greedy), kinds, int(self.method == ANY))


@dataclass(frozen=True)
class RouteMatch:
    """The route a request picked, with the values of its path variables."""

    route: Route
    path_parameters: dict[str, str]


class RouteTable:
    """All routes of the template's HTTP APIs, and the one rule that picks among them."""

    def __init__(self, routes: Iterable[Route]) -> None:
        self.routes: list[Route] = []
        self._default: Route | None = None
        seen: dict[str, Route] = {}
        for route in routes:
            if route.key in seen:
                other = seen[route.key]
                raise TemplateError(
                    f"route {route.key} is declared twice ({other.function}.{other.event} "
                    f"and {route.function}.{route.event})"
                )
            seen[route.key] = route
            if route.is_default:
                self._default = route
            else:
                self.routes.append(route)
        # Per method (ANY: for a method no route names), the routes it may take, in the
        # order API Gateway prefers them: those without a greedy variable by their number
        # of segments (a path fits only those of its own), then those with one.
        self._fixed: dict[str, dict[int, list[Route]]] = {}
        self._greedy: dict[str, list[Route]] = {}
        for method in {route.method for route in self.routes} | {ANY}:
            candidates = sorted(
                (route for route in self.routes if route.method in (method, ANY)),
                key=Route.precedence,  # stable: of two alike, the one declared first
            )
            by_length: dict[int, list[Route]] = {}
            for route in candidates:
                if not route.is_greedy:
                    by_length.setdefault(route.length, []).append(route)
            self._fixed[method] = by_length
            self._greedy[method] = [route for route in candidates if route.is_greedy]

    def all(self) -> list[Route]:
        """Every route, ``$default`` (if any) last."""
        return self.routes + ([self._default] if self._default is not None else [])

    @property
    def keys(self) -> set[str]:
        """Every route key, ``$default`` included."""
        return {route.key for route in self.all()}

    def match(self, method: str, path: str) -> RouteMatch | None:
        """The route API Gateway would send this request to, or ``None`` (a 404)."""
        if path.startswith("/"):
            parts = path[1:].split("/")
            named = method if method in self._fixed else ANY
            for route in self._fixed[named].get(len(parts), ()):
                parameters = route.fit(parts)
                if parameters is not None:
                    return RouteMatch(route, parameters)
            for route in self._greedy[named]:
                parameters = route.fit(parts)
                if parameters is not None:
                    return RouteMatch(route, parameters)
        return RouteMatch(self._default, {}) if self._default is not None else None


def http_api_routes(stack: Stack) -> RouteTable:
    """The route table of every ``HttpApi`` event of every function in the template."""
    apis = {
        logical_id: _api_authorizers(logical_id, stack.properties(logical_id))
        for logical_id in stack.resources("AWS::Serverless::HttpApi")
    }
    api_by_id = {stack.api_id(logical_id): logical_id for logical_id in apis}
    routes = []
    for function_id in stack.resources("AWS::Serverless::Function"):
        events = stack.properties(function_id).get("Events") or {}
        for event_name, event in events.items():
            if event.get("Type") == "Api":
                logger.warning(
                    "%s.%s is a REST API (Type: Api) event; only HttpApi events are served",
                    function_id,
                    event_name,
                )
            if event.get("Type") != "HttpApi":
                continue
            properties = event.get("Properties") or {}
            api = _api_of(properties.get("ApiId"), api_by_id)
            if api not in apis:
                # SAM builds the implicit API from Globals.HttpApi when an event names none.
                globals_api = (stack.template.get("Globals") or {}).get("HttpApi") or {}
                apis[api] = _api_authorizers(api, stack.resolve(globals_api))
            authorizers, default_authorizer = apis[api]
            routes.append(
                _route(
                    function_id=function_id,
                    event_name=event_name,
                    properties=properties,
                    api=api,
                    authorizers=authorizers,
                    default_authorizer=default_authorizer,
                )
            )
    return RouteTable(routes)


def _segment(part: str) -> tuple[int, str]:
    if part.startswith("{") and part.endswith("+}"):
        return (_GREEDY, part[1:-2])
    if part.startswith("{") and part.endswith("}"):
        return (_VARIABLE, part[1:-1])
    return (_LITERAL, part)


def _api_of(api_id: object, api_by_id: Mapping[str, str]) -> str:
    if api_id is None:
        return IMPLICIT_API
    if isinstance(api_id, str) and api_id in api_by_id:
        return api_by_id[api_id]
    raise TemplateError(f"ApiId {api_id!r} is not an AWS::Serverless::HttpApi of the template")


def _api_authorizers(
    api: str, properties: Mapping[str, Any]
) -> tuple[dict[str, JwtAuthorizerConfig], str | None]:
    auth = properties.get("Auth") or {}
    authorizers: dict[str, JwtAuthorizerConfig] = {}
    for name, spec in (auth.get("Authorizers") or {}).items():
        jwt = spec.get("JwtConfiguration")
        if jwt is None:
            # Only JWT authorizers are emulated: serving a Lambda- or IAM-protected route
            # without its check would quietly open it, so refuse the template instead.
            raise TemplateError(f"{api}: authorizer {name} is not a JWT authorizer")
        audiences = jwt.get("audience") or jwt.get("Audience") or []
        identity = spec.get("IdentitySource", "$request.header.Authorization")
        authorizers[name] = JwtAuthorizerConfig(
            name=name,
            issuer=str(jwt.get("issuer") or jwt.get("Issuer") or ""),
            audiences=tuple(str(audience) for audience in _as_list(audiences)),
            identity_source=str(_as_list(identity)[0]),
            scopes=tuple(str(scope) for scope in spec.get("AuthorizationScopes") or ()),
        )
    default = auth.get("DefaultAuthorizer")
    if default is not None and default not in authorizers:
        raise TemplateError(f"{api}: DefaultAuthorizer {default} is not among its Authorizers")
    if auth.get("EnableIamAuthorizer"):
        raise TemplateError(f"{api}: IAM authorization is not emulated locally")
    return authorizers, default


def _route(
    *,
    function_id: str,
    event_name: str,
    properties: Mapping[str, Any],
    api: str,
    authorizers: Mapping[str, JwtAuthorizerConfig],
    default_authorizer: str | None,
) -> Route:
    path = str(properties.get("Path", DEFAULT_ROUTE_KEY))
    if path == "/$default":  # SAM's spelling of the catch-all when Path is left out
        path = DEFAULT_ROUTE_KEY
    method = str(properties.get("Method", ANY)).upper()
    method = ANY if method in ("*", "X-AMAZON-APIGATEWAY-ANY-METHOD") else method
    auth = properties.get("Auth") or {}
    name = auth.get("Authorizer", default_authorizer)
    if name is not None and name != NO_AUTHORIZER and name not in authorizers:
        raise TemplateError(f"{function_id}.{event_name}: no authorizer {name} on {api}")
    authorizer = None if name in (None, NO_AUTHORIZER) else authorizers[name]
    scopes = auth.get("AuthorizationScopes")
    if scopes is None and authorizer is not None:
        scopes = authorizer.scopes
    return Route(
        method=method,
        path=path,
        function=function_id,
        authorizer=authorizer,
        scopes=tuple(str(scope) for scope in scopes or ()),
        api=api,
        event=event_name,
    )


def _as_list(value: object) -> Sequence[object]:
    if isinstance(value, list | tuple):
        return value
    return [value]
