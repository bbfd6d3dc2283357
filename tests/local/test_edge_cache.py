"""The runtime's emulated CloudFront cache: the template's behaviours and policies, what it
keeps and for how long, its key, its answers, and invalidations."""

from __future__ import annotations

from slsplay.local.apigateway import HttpRequest, HttpResponse
from slsplay.local.edge_cache import HIT, CacheBehaviour, EmulatedEdge, cache_behaviours
from slsplay.local.template import Stack

PAGES = CacheBehaviour("/m/*", min_ttl=0, default_ttl=600, max_ttl=86400, query_strings="none")
SEARCH = CacheBehaviour(
    "/api/meetups",
    min_ttl=0,
    default_ttl=5,
    max_ttl=10,
    query_strings="all",
    headers=("authorization",),
)


class Feed:
    """Invalidations as the functions would record them."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def since(self, position: int) -> tuple[list[list[str]], int]:
        return self.batches[position:], len(self.batches)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def answer(cache_control: str | None, status: int = 200, etag: str = '"v1"') -> HttpResponse:
    headers = [("content-type", "text/html"), ("etag", etag)]
    if cache_control is not None:
        headers.append(("cache-control", cache_control))
    return HttpResponse(status, headers, b"<html>v1</html>", "PublicPagesFunction")


def get(path: str, query: str = "", **headers: str) -> HttpRequest:
    return HttpRequest("GET", path, query, list(headers.items()))


def edge(*behaviours: CacheBehaviour) -> tuple[EmulatedEdge, Feed, Clock]:
    feed, clock = Feed(), Clock()
    return EmulatedEdge(behaviours or (PAGES, SEARCH), feed, clock), feed, clock


def test_the_template_s_public_pages_and_search_are_cached_with_their_policies() -> None:
    behaviours = {b.path_pattern: b for b in cache_behaviours(Stack.load())}

    assert behaviours["/m/*"].query_strings == "none"
    assert behaviours["/m/*"].headers == ()
    assert behaviours["/api/meetups"].query_strings == "all"
    assert "/api/*" not in behaviours  # caching disabled: not emulated, straight to the API


def test_a_kept_page_is_a_hit_until_its_s_maxage_passes() -> None:
    cache, _, clock = edge()
    request = get("/m/M1")
    first = cache.keep(PAGES, request, answer("public, max-age=60, s-maxage=600"))

    clock.now += 599
    hit = cache.answer(PAGES, request)
    clock.now += 1
    gone = cache.answer(PAGES, request)

    assert first.header("x-cache") == "Miss from cloudfront"
    assert hit is not None
    assert (hit.header("x-cache"), hit.header("age")) == (HIT, "599")
    assert gone is None


def test_no_store_private_and_no_cache_keep_nothing() -> None:
    for directive in ("no-store", "private, max-age=60", "no-cache"):
        cache, _, _ = edge()
        cache.keep(PAGES, get("/m/M1"), answer(directive))
        assert cache.answer(PAGES, get("/m/M1")) is None, directive


def test_without_cache_control_the_default_ttl_holds_within_the_maximum() -> None:
    assert PAGES.ttl(answer(None)) == 600
    assert SEARCH.ttl(answer("public, s-maxage=3600")) == 10
    assert PAGES.ttl(answer("max-age=30")) == 30


def test_the_viewer_s_etag_gets_a_304_from_the_edge() -> None:
    cache, _, _ = edge()
    cache.keep(PAGES, get("/m/M1"), answer("s-maxage=600"))

    kept = cache.answer(PAGES, get("/m/M1", **{"If-None-Match": '"v1"'}))

    assert kept is not None
    assert (kept.status, kept.body) == (304, b"")


def test_the_search_key_is_its_query_string_in_any_order_and_the_token() -> None:
    cache, _, _ = edge()
    cache.keep(SEARCH, get("/api/meetups", "q=wine&sort=soonest"), answer(None))

    assert cache.answer(SEARCH, get("/api/meetups", "sort=soonest&q=wine")) is not None
    assert cache.answer(SEARCH, get("/api/meetups", "q=beer")) is None
    signed_in = get("/api/meetups", "q=wine&sort=soonest", Authorization="Bearer x")
    assert cache.answer(SEARCH, signed_in) is None


def test_a_wildcard_invalidation_forgets_the_page_and_its_image_only() -> None:
    cache, feed, clock = edge()
    for path in ("/m/M1", "/m/M1/share.png", "/m/M2"):
        cache.keep(PAGES, get(path), answer("s-maxage=600"))

    feed.batches.append(["/m/M1*"])
    clock.now += 1

    assert cache.answer(PAGES, get("/m/M1")) is None
    assert cache.answer(PAGES, get("/m/M1/share.png")) is None
    assert cache.answer(PAGES, get("/m/M2")) is not None


def test_only_gets_and_heads_of_a_behaviour_s_paths_are_cached() -> None:
    cache, _, _ = edge()

    assert cache.behaviour_for("GET", "/m/M1") is PAGES
    assert cache.behaviour_for("POST", "/api/meetups") is None
    assert cache.behaviour_for("GET", "/api/meetups/M1") is None
