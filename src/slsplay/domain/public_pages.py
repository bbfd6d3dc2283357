"""A public meetup's own page, as people, link previews and search engines read it.

Only a published public meetup has one; a draft, a private meetup or an unknown id is the
same ``NotFound``, so the address tells nothing of a meetup that is not public. What the
page shows is ``PublicPage``; ``shown_fields`` is all of it that can change, which decides
both the share image's key (a change makes a new image) and whether a change of the meetup
must reach the pages cached at the edge. The number of places left is shown in a few steps,
never exactly: a burst of answers changes the page only when it crosses a step.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from slsplay.domain.errors import NotFound
from slsplay.domain.meetup_details import Visibility
from slsplay.domain.meetups import Meetup, MeetupCounts, MeetupStatus
from slsplay.domain.money import Price, minor_digits

# The steps of "places left": at most this many, or none at all.
FEW_PLACES = 10
SOME_PLACES = 50
SLUG_MAX = 60
SHARE_IMAGE_WIDTH = 1200
SHARE_IMAGE_HEIGHT = 630


class EventStatus(StrEnum):
    """schema.org's eventStatus of a meetup."""

    SCHEDULED = "https://schema.org/EventScheduled"
    RESCHEDULED = "https://schema.org/EventRescheduled"
    CANCELLED = "https://schema.org/EventCancelled"


def places_left(capacity: int | None, taken: int) -> str | None:
    """The step of places left a page shows; ``None`` for a meetup with no limit."""
    if capacity is None:
        return None
    left = max(capacity - taken, 0)
    if left == 0:
        return "Sold out"
    if left <= FEW_PLACES:
        return f"Last places: {FEW_PLACES} or fewer left"
    if left <= SOME_PLACES:
        return f"{SOME_PLACES} places or fewer left"
    return "Places available"


@dataclass(frozen=True)
class PublicPage:
    """What the public page of one meetup shows."""

    meetup_id: str
    title: str
    description: str  # Markdown, as the organizer wrote it
    category: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    organizer: str
    price: Price | None
    places: str | None
    status: EventStatus
    previous_start: datetime | None
    cover: str | None  # the storage key of the cover photo's largest JPEG, if it has one

    @property
    def sold_out(self) -> bool:
        """Whether nobody else can attend."""
        return self.places == places_left(0, 0)

    @property
    def path(self) -> str:
        """The page's canonical path."""
        return page_path(self.meetup_id)


def public_page(
    meetup: Meetup, counts: MeetupCounts, organizer: str | None, cover: str | None
) -> PublicPage:
    """The page of a published public meetup (any other: ``NotFound``, as for no meetup)."""
    d = meetup.details
    zone = ZoneInfo(d.timezone)  # times carry the meetup's own offset, as the API's do
    if d.visibility is not Visibility.PUBLIC or meetup.status is MeetupStatus.DRAFT:
        raise NotFound("meetup_not_found")
    if meetup.status is MeetupStatus.CANCELLED:
        status = EventStatus.CANCELLED
    elif meetup.previous_start is not None:
        status = EventStatus.RESCHEDULED
    else:
        status = EventStatus.SCHEDULED
    return PublicPage(
        meetup_id=meetup.id,
        title=d.title,
        description=d.description,
        category=d.category,
        starts_at=meetup.starts_at.astimezone(zone),
        ends_at=meetup.ends_at.astimezone(zone),
        timezone=d.timezone,
        organizer=organizer or "Organizer",
        price=d.price,
        places=places_left(d.capacity, counts.taken),
        status=status,
        previous_start=None
        if meetup.previous_start is None
        else meetup.previous_start.astimezone(zone),
        cover=cover,
    )


def shown_fields(page: PublicPage) -> tuple[object, ...]:
    """Everything the page shows that a change of the meetup can change, in one order."""
    price = None if page.price is None else (page.price.amount_minor, page.price.currency)
    return (
        page.title,
        page.description,
        page.category,
        page.starts_at.isoformat(),
        page.ends_at.isoformat(),
        page.timezone,
        page.organizer,
        price,
        page.places,
        page.status.value,
        None if page.previous_start is None else page.previous_start.isoformat(),
        page.cover,
    )


def page_path(meetup_id: str) -> str:
    """The canonical path of a meetup's public page."""
    return f"/m/{meetup_id}"


def share_image_path(meetup_id: str) -> str:
    """The path of a meetup's share image."""
    return f"{page_path(meetup_id)}/share.png"


def edge_paths(meetup_id: str) -> list[str]:
    """What to invalidate at the edge when the page changes: the page, its share image and
    its slug forms, as one CloudFront wildcard path."""
    return [f"{page_path(meetup_id)}*"]


def slug(title: str) -> str:
    """The readable part of a page's address: the title in lower-case ASCII words."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    return "-".join(words)[:SLUG_MAX].strip("-")


def slug_path(page: PublicPage) -> str:
    """The readable form of the page's address, ``/m/{slug}--{id}``, which redirects."""
    readable = slug(page.title)
    return f"/m/{readable}--{page.meetup_id}" if readable else page.path


def meetup_id_of(reference: str) -> tuple[str, bool]:
    """The meetup id a page's address names, and whether it was the readable form."""
    readable, separator, meetup_id = reference.rpartition("--")
    if separator and readable:
        return meetup_id, True
    return reference, False


def _amount(price: Price) -> str:
    digits = minor_digits(price.currency)
    major, minor = divmod(price.amount_minor, 10**digits)
    return f"{major}.{minor:0{digits}d}" if digits else str(major)


def event_json_ld(page: PublicPage, *, url: str, image_url: str, summary: str) -> dict[str, Any]:
    """schema.org ``Event`` of the page, for search engines' rich results."""
    event: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": summary,
        "startDate": page.starts_at.isoformat(),
        "endDate": page.ends_at.isoformat(),
        "eventStatus": page.status.value,
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": url},
        "image": [image_url],
        "organizer": {"@type": "Person", "name": page.organizer},
        "url": url,
        "offers": {
            "@type": "Offer",
            "url": url,
            "price": "0" if page.price is None else _amount(page.price),
            "priceCurrency": "EUR" if page.price is None else page.price.currency,
            "availability": "https://schema.org/SoldOut"
            if page.sold_out
            else "https://schema.org/InStock",
        },
    }
    if page.previous_start is not None and page.status is EventStatus.RESCHEDULED:
        event["previousStartDate"] = page.previous_start.isoformat()
    return event


def share_tags(
    page: PublicPage, *, url: str, image_url: str, summary: str
) -> list[tuple[str, str, str]]:
    """The page's Open Graph and Twitter card tags: (attribute, name, content) each."""
    return [
        ("property", "og:type", "website"),
        ("property", "og:site_name", "slsplay"),
        ("property", "og:title", page.title),
        ("property", "og:description", summary),
        ("property", "og:url", url),
        ("property", "og:image", image_url),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(SHARE_IMAGE_WIDTH)),
        ("property", "og:image:height", str(SHARE_IMAGE_HEIGHT)),
        ("property", "og:image:alt", page.title),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", page.title),
        ("name", "twitter:description", summary),
        ("name", "twitter:image", image_url),
    ]
