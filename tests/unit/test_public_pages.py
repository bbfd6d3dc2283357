"""A public meetup's page as link previews and search engines read it: which meetups have
one, the steps of places left, the schema.org Event and the share tags, and the readable
address."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from slsplay.domain.errors import NotFound
from slsplay.domain.meetups import MeetupCounts
from slsplay.domain.public_pages import (
    EventStatus,
    PublicPage,
    meetup_id_of,
    places_left,
    public_page,
    share_tags,
    shown_fields,
    slug,
    slug_path,
)
from slsplay.domain.public_pages import (
    event_json_ld as json_ld,
)
from tests.support.clock import START
from tests.support.meetups import ORGANIZER, draft, published

URL = "https://slsplay.example.com/m/m1"
IMAGE = f"{URL}/share.png"


def page_of(counts: MeetupCounts | None = None, **values: object) -> PublicPage:
    meetup = published(visibility="public", **values)
    return public_page(meetup, counts or MeetupCounts(), "Grace", None)


def event_of(page: PublicPage) -> dict[str, Any]:
    return json_ld(page, url=URL, image_url=IMAGE, summary="Wine, online.")


def test_only_a_published_public_meetup_has_a_page() -> None:
    with pytest.raises(NotFound):
        public_page(published(visibility="private"), MeetupCounts(), "Grace", None)
    with pytest.raises(NotFound):
        public_page(draft(visibility="public"), MeetupCounts(), "Grace", None)


@pytest.mark.parametrize(
    ("capacity", "taken", "shown"),
    [
        (None, 500, None),
        (100, 100, "Sold out"),
        (100, 90, "Last places: 10 or fewer left"),
        (100, 51, "50 places or fewer left"),
        (100, 49, "Places available"),
    ],
)
def test_places_left_show_in_steps(capacity: int | None, taken: int, shown: str | None) -> None:
    assert places_left(capacity, taken) == shown


def test_an_answer_that_crosses_no_step_shows_nothing_new() -> None:
    before = page_of(MeetupCounts(attending=3), capacity=100)
    after = page_of(MeetupCounts(attending=4), capacity=100)

    assert shown_fields(before) == shown_fields(after)


def test_the_event_has_what_rich_results_require_in_the_meetups_own_offset() -> None:
    event = event_of(page_of(timezone="Europe/Berlin"))

    assert event["@type"] == "Event"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {"@type": "VirtualLocation", "url": URL}
    assert event["eventStatus"] == EventStatus.SCHEDULED.value
    assert event["organizer"] == {"@type": "Person", "name": "Grace"}
    assert event["image"] == [IMAGE]
    assert event["startDate"] == page_of(timezone="Europe/Berlin").starts_at.isoformat()
    assert event["startDate"][-6:] in ("+01:00", "+02:00")


def test_a_paid_sold_out_meetup_offers_its_price_and_is_sold_out() -> None:
    page = page_of(
        MeetupCounts(attending=5),
        capacity=5,
        price={"amount_minor": 1250, "currency": "EUR"},
    )

    offers = event_of(page)["offers"]

    assert offers["price"] == "12.50"
    assert offers["priceCurrency"] == "EUR"
    assert offers["availability"] == "https://schema.org/SoldOut"


def test_a_cancelled_meetup_is_an_event_cancelled() -> None:
    meetup = published(visibility="public")
    meetup.cancel(ORGANIZER, START + timedelta(hours=1))

    page = public_page(meetup, MeetupCounts(), "Grace", None)

    assert event_of(page)["eventStatus"] == EventStatus.CANCELLED.value


def test_a_published_meetup_moved_to_a_new_time_is_rescheduled_from_its_old_start() -> None:
    meetup = published(visibility="public")
    old_start = meetup.starts_at
    new_start = old_start + timedelta(days=1)
    meetup.edit(ORGANIZER, {"starts_at": new_start}, START, MeetupCounts())

    event = event_of(public_page(meetup, MeetupCounts(), "Grace", None))

    assert event["eventStatus"] == EventStatus.RESCHEDULED.value
    zone = ZoneInfo(meetup.details.timezone)  # the meetup's own offset, as the start's
    assert event["previousStartDate"] == old_start.astimezone(zone).isoformat()


def test_the_share_tags_give_the_image_and_its_size() -> None:
    tags = {
        name: content
        for _, name, content in share_tags(page_of(), url=URL, image_url=IMAGE, summary="s")
    }

    assert tags["og:image"] == IMAGE
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:url"] == URL
    assert tags["twitter:card"] == "summary_large_image"


def test_the_readable_address_names_the_meetup() -> None:
    page = page_of(title="Café & Crème: Wine, 2031!")

    assert slug(page.title) == "cafe-creme-wine-2031"
    assert slug_path(page) == f"/m/cafe-creme-wine-2031--{page.meetup_id}"
    assert meetup_id_of(slug_path(page).removeprefix("/m/")) == (page.meetup_id, True)
    assert meetup_id_of(page.meetup_id) == (page.meetup_id, False)
