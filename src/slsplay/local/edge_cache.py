"""The local runtime's edge: CloudFront's cache in front of the API, for the template's cache
behaviours that have a cache policy of the template's own.

Read from the template's ``AWS::CloudFront::Distribution`` (behaviours in order, the first
whose ``PathPattern`` matches wins, as CloudFront picks them) and its
``AWS::CloudFront::CachePolicy`` resources (the TTLs; which query strings and headers make
the key). Behaviours with AWS's managed policies (caching disabled, the web app's files) are
not emulated: their requests go straight to the API, as ever.

A GET or HEAD that a behaviour covers is answered from the cache while its copy is fresh
(``X-Cache: Hit from cloudfront``, with ``Age``), else from the API (``Miss from
cloudfront``), whose answer is kept for as long as its ``Cache-Control`` says, as CloudFront
reads it: ``s-maxage`` over ``max-age``; ``no-store``, ``no-cache`` and ``private`` keep
nothing; with no directive, the policy's DefaultTTL; the result held within MinTTL and
MaxTTL. A request whose ``If-None-Match`` names the kept copy's ETag gets a 304 from the edge.
Invalidations come from the functions through the ``EdgeCache`` port: the runtime reads them
(``InvalidationFeed``) before each lookup; a path ending in ``*`` forgets every copy it
prefixes, and a path forgets its copies under every query string, as CloudFront does.
Stale copies are never served (``stale-while-revalidate`` is not emulated).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

from slsplay.local.apigateway import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from slsplay.local.backend import InvalidationFeed
    from slsplay.local.template import Stack

HIT = "Hit from cloudfront"
MISS = "Miss from cloudfront"
CACHED_METHODS = frozenset({"GET", "HEAD"})
# What CloudFront keeps (for a 404, as its Cache-Control says, like the others).
CACHED_STATUSES = frozenset({200, 203, 300, 301, 404, 410})
NOT_KEPT = ("no-store", "no-cache", "private")
# CloudFront asks the origin for the whole object on a miss, whatever the viewer holds.
CONDITIONAL_HEADERS = frozenset({"if-none-match", "if-modified-since"})
# How often the edge reads the invalidations made since (CloudFront takes seconds to apply
# one; a read per request would cost every cached answer a query).
INVALIDATIONS_READ_EVERY = 0.25
_DIRECTIVE = re.compile(r"\s*([a-z-]+)\s*(?:=\s*\"?(\d+)\"?)?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class CacheBehaviour:
    """One cache behaviour of the distribution, with its cache policy's settings."""

    path_pattern: str
    min_ttl: int
    default_ttl: int
    max_ttl: int
    query_strings: str  # none | all | whitelist | allExcept
    query_names: frozenset[str] = frozenset()
    headers: tuple[str, ...] = ()  # in the key, lower-cased

    def covers(self, path: str) -> bool:
        """Whether a request path is this behaviour's."""
        return fnmatchcase(path, self.path_pattern)

    def key(self, request: HttpRequest) -> tuple[str, ...]:
        """The cache key of a request: its path, and the query strings and headers the
        policy names."""
        pairs = parse_qsl(request.query, keep_blank_values=True)
        if self.query_strings == "none":
            pairs = []
        elif self.query_strings == "whitelist":
            pairs = [(k, v) for k, v in pairs if k in self.query_names]
        elif self.query_strings == "allExcept":
            pairs = [(k, v) for k, v in pairs if k not in self.query_names]
        query = urlencode(sorted(pairs))
        values = {k.lower(): v for k, v in request.headers}
        return (request.path, query, *(values.get(name, "") for name in self.headers))

    def ttl(self, response: HttpResponse) -> int:
        """How long CloudFront keeps the answer, in seconds (0: not at all)."""
        directives = _directives(response.header("cache-control") or "")
        if any(name in directives for name in NOT_KEPT):
            return 0
        given = directives.get("s-maxage", directives.get("max-age"))
        ttl = self.default_ttl if given is None else given
        return max(self.min_ttl, min(self.max_ttl, ttl))


def _directives(header: str) -> dict[str, int | None]:
    found: dict[str, int | None] = {}
    for part in header.split(","):
        matched = _DIRECTIVE.fullmatch(part)
        if matched:
            name, seconds = matched.groups()
            found[name.lower()] = None if seconds is None else int(seconds)
    return {k: v for k, v in found.items() if v is not None or k in NOT_KEPT}


def cache_behaviours(stack: Stack) -> list[CacheBehaviour]:
    """The behaviours of the template's distributions whose cache policy is the template's
    own, in the order CloudFront tries them."""
    policies = stack.resources("AWS::CloudFront::CachePolicy")
    behaviours = []
    for distribution in stack.resources("AWS::CloudFront::Distribution").values():
        # Only the behaviours are read: the origins name attributes of resources (a bucket's
        # regional domain) that have no local meaning.
        config = distribution["Properties"]["DistributionConfig"]
        for behaviour in config.get("CacheBehaviors") or []:
            policy_id = stack.resolve(behaviour.get("CachePolicyId"))
            if policy_id not in policies:
                continue  # a managed policy: the web app's files, or caching disabled
            policy = stack.properties(policy_id)["CachePolicyConfig"]
            behaviours.append(_behaviour(stack.resolve(behaviour["PathPattern"]), policy))
    return behaviours


def _behaviour(pattern: str, policy: dict[str, Any]) -> CacheBehaviour:
    key = policy.get("ParametersInCacheKeyAndForwardedToOrigin") or {}
    queries = key.get("QueryStringsConfig") or {}
    headers = key.get("HeadersConfig") or {}
    return CacheBehaviour(
        path_pattern=pattern,
        min_ttl=int(policy.get("MinTTL", 0)),
        default_ttl=int(policy.get("DefaultTTL", 86400)),
        max_ttl=int(policy.get("MaxTTL", 31536000)),
        query_strings=str(queries.get("QueryStringBehavior", "none")),
        query_names=frozenset(queries.get("QueryStrings") or ()),
        headers=tuple(name.lower() for name in headers.get("Headers") or ()),
    )


@dataclass
class _Copy:
    response: HttpResponse
    kept_at: float
    ttl: int


@dataclass
class EmulatedEdge:
    """The cache of the template's cache behaviours, in memory, shared by all requests."""

    behaviours: Sequence[CacheBehaviour]
    invalidations: InvalidationFeed | None = None
    clock: Callable[[], float] = time.monotonic
    _copies: dict[tuple[str, ...], _Copy] = field(default_factory=dict, init=False)
    _position: int = field(default=0, init=False)
    _read_at: float = field(default=float("-inf"), init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    @classmethod
    def from_stack(cls, stack: Stack, invalidations: InvalidationFeed | None) -> EmulatedEdge:
        """The edge of the template's distributions."""
        edge = cls(cache_behaviours(stack), invalidations)
        if invalidations is not None:
            # What was invalidated before this edge started concerns no copy of it.
            _, edge._position = invalidations.since(0)
        return edge

    def behaviour_for(self, method: str, path: str) -> CacheBehaviour | None:
        """The behaviour whose cache serves a request, if any does."""
        if method not in CACHED_METHODS:
            return None
        return next((b for b in self.behaviours if b.covers(path)), None)

    def answer(self, behaviour: CacheBehaviour, request: HttpRequest) -> HttpResponse | None:
        """The kept answer of a request while it is fresh (a 304 when the viewer's
        ``If-None-Match`` names it); ``None``: a miss, for the API to answer."""
        self._apply_invalidations()
        key = behaviour.key(request)
        with self._lock:
            copy = self._copies.get(key)
            now = self.clock()
            if copy is not None and now - copy.kept_at >= copy.ttl:
                del self._copies[key]
                copy = None
        if copy is None:
            return None
        age = str(int(now - copy.kept_at))
        extra = [("x-cache", HIT), ("age", age)]
        etag = copy.response.header("etag")
        asked = {k.lower(): v for k, v in request.headers}.get("if-none-match")
        if etag is not None and asked is not None and etag in _tags(asked):
            kept = [
                (k, v) for k, v in copy.response.headers if k.lower() in ("etag", "cache-control")
            ]
            return HttpResponse(304, kept + extra, b"", "edge")
        return HttpResponse(
            copy.response.status, copy.response.headers + extra, copy.response.body, "edge"
        )

    def keep(
        self, behaviour: CacheBehaviour, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        """Keep the API's answer to a miss as long as it may be; the answer, marked a miss."""
        ttl = behaviour.ttl(response) if response.status in CACHED_STATUSES else 0
        if ttl > 0:
            with self._lock:
                self._copies[behaviour.key(request)] = _Copy(response, self.clock(), ttl)
        headers = [*response.headers, ("x-cache", MISS)]
        return HttpResponse(response.status, headers, response.body, response.function)

    def invalidate(self, paths: Sequence[str]) -> int:
        """Forget the copies under ``paths``; answers how many were forgotten."""
        with self._lock:
            gone = [key for key in self._copies if any(_under(key[0], p) for p in paths)]
            for key in gone:
                del self._copies[key]
        return len(gone)

    def _apply_invalidations(self) -> None:
        now = self.clock()
        if self.invalidations is None or now - self._read_at < INVALIDATIONS_READ_EVERY:
            return
        self._read_at = now
        batches, position = self.invalidations.since(self._position)
        self._position = position
        for paths in batches:
            self.invalidate(paths)


def origin_request(request: HttpRequest) -> HttpRequest:
    """The request the edge sends the API on a miss: without the viewer's conditions."""
    headers = [(k, v) for k, v in request.headers if k.lower() not in CONDITIONAL_HEADERS]
    return HttpRequest(
        request.method,
        request.path,
        request.query,
        headers,
        request.body,
        request.source_ip,
        request.protocol,
        request.scheme,
    )


def _under(path: str, invalidated: str) -> bool:
    if invalidated.endswith("*"):
        return path.startswith(invalidated[:-1])
    return path == invalidated


def _tags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",")}
