"""Public meetup pages: what one shows (rendered for the page function), its share image, and
keeping the copies cached at the edge in step with the meetup.

A page's share image is kept in the media bucket under a key made of everything it shows
(``shown_fingerprint``): a change of title or time makes a new key, never a stale image. The
edge-cache consumer compares the same fingerprint with the edge mark of the page's last
invalidation (``store/edge_marks.py``) and invalidates only when it differs: a burst of
answers that moves no step of "places left" invalidates nothing.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import nh3

from slsplay.domain.errors import NotFound
from slsplay.domain.media import Media
from slsplay.domain.public_pages import (
    PublicPage,
    edge_paths,
    public_page,
    shown_fields,
)
from slsplay.mail.render import duration, local_time_with_zone, markdown_html
from slsplay.ports import MAX_INVALIDATION_PATHS, EdgeCache, MediaStorage, ObjectNotFound
from slsplay.services.bundles import StorePorts
from slsplay.services.views import organizer_name
from slsplay.store.edge_marks import EdgeMark, EdgeMarkRepository
from slsplay.store.repositories import MediaRepository, MeetupRepository

SHARE_PREFIX = "share/"
SUMMARY_MAX = 200
# What the page shows of a meetup that has no page (or none any more), as a fingerprint.
NO_PAGE = "none"


class PagePorts(StorePorts, Protocol):
    """The page function's bundle: the table, the time, and the bucket of photos."""

    @property
    def media(self) -> MediaStorage:
        """Where cover photos and share images are stored."""
        ...


class EdgePorts(StorePorts, Protocol):
    """The edge-cache consumer's bundle: the table, the time, and the edge cache."""

    @property
    def edge_cache(self) -> EdgeCache:
        """The cache in front of the public pages."""
        ...


@dataclass(frozen=True)
class RenderedPage:
    """A public page's facts as its template shows them."""

    page: PublicPage
    summary: str  # plain text, for link previews and search results
    description_html: str  # sanitised: the one string the template shows unescaped
    when: str  # in the meetup's own time zone
    length: str
    price: str | None
    fingerprint: str


def page_of(ports: StorePorts, meetup_id: str) -> PublicPage:
    """The public page of a meetup (``NotFound`` unless it is published and public)."""
    meetup, counts = MeetupRepository(ports.store).get(meetup_id)
    covers = MediaRepository(ports.store).covers_of([meetup_id])
    cover = _cover_key(covers.get(meetup_id))
    return public_page(meetup, counts, organizer_name(ports, meetup), cover)


def rendered_page(ports: StorePorts, meetup_id: str) -> RenderedPage:
    """The public page of a meetup with its text made ready to show."""
    page = page_of(ports, meetup_id)
    return RenderedPage(
        page=page,
        summary=summary(page),
        description_html=markdown_html(page.description),
        when=local_time_with_zone(page.starts_at, page.timezone),
        length=duration(int((page.ends_at - page.starts_at).total_seconds() // 60)),
        price=None if page.price is None else page.price.formatted(),
        fingerprint=shown_fingerprint(page),
    )


def summary(page: PublicPage) -> str:
    """The description's text without its markup, cut short for a link preview."""
    text = html.unescape(nh3.clean(markdown_html(page.description), tags=set()))
    flat = " ".join(text.split())
    if len(flat) <= SUMMARY_MAX:
        return flat or page.title
    return flat[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"


def shown_fingerprint(page: PublicPage) -> str:
    """A short digest of everything the page shows."""
    shown = json.dumps(shown_fields(page), separators=(",", ":"))
    return hashlib.sha256(shown.encode()).hexdigest()[:20]


def share_image(ports: PagePorts, meetup_id: str) -> tuple[bytes, str]:
    """The page's share image (PNG, 1200 x 630) and its fingerprint: made from the cover
    photo, the title and the date the first time it is asked for, then kept."""
    page = page_of(ports, meetup_id)
    fingerprint = shown_fingerprint(page)
    key = f"{SHARE_PREFIX}{meetup_id}/{fingerprint}.png"
    try:
        return ports.media.read(key), fingerprint
    except ObjectNotFound:
        pass
    cover = None
    if page.cover is not None:
        try:
            cover = ports.media.read(page.cover)
        except ObjectNotFound:
            cover = None  # removed since: the image goes without it
    # Pillow loads with the first image made: a page's own requests never need it.
    from slsplay.media.share_image import share_image_png  # noqa: PLC0415

    date = local_time_with_zone(page.starts_at, page.timezone)
    image = share_image_png(page.title, date, cover)
    ports.media.put(key, image, "image/png")
    return image, fingerprint


def refresh_edge(ports: EdgePorts, meetup_ids: Iterable[str]) -> list[str]:
    """Invalidate, in one batch, the cached pages of those meetups whose shown facts changed
    since their last invalidation; answers the paths invalidated."""
    marks = EdgeMarkRepository(ports.store)
    changed: list[tuple[str, EdgeMark | None, str]] = []
    for meetup_id in dict.fromkeys(meetup_ids):
        try:
            shown = shown_fingerprint(page_of(ports, meetup_id))
        except NotFound:
            shown = NO_PAGE
        held = marks.get(meetup_id)
        if held is None and shown == NO_PAGE:
            continue  # never public since its mark expired: nothing of it is at the edge
        if held is None or held.shown != shown:
            changed.append((meetup_id, held, shown))
    paths = [path for meetup_id, _, _ in changed for path in edge_paths(meetup_id)]
    for start in range(0, len(paths), MAX_INVALIDATION_PATHS):
        ports.edge_cache.invalidate(paths[start : start + MAX_INVALIDATION_PATHS])
    # Marked only once invalidated: a batch that fails comes again and invalidates again.
    # Of two consumers that saw the same change, both may invalidate; one mark wins.
    now = ports.clock.now()
    for meetup_id, held, shown in changed:
        marks.replace(meetup_id, held, shown, now)
    return paths


def _cover_key(cover: Media | None) -> str | None:
    """The storage key of the cover's widest JPEG (every browser and crawler reads JPEG)."""
    if cover is None:
        return None
    jpegs = [r for r in cover.renditions if r.content_type == "image/jpeg" and r.width]
    if not jpegs:
        return None
    return cover.key_of(max(jpegs, key=lambda r: r.width or 0))
