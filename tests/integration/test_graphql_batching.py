"""A page of meetups through GraphQL costs the same few store requests at any size.

The handler runs in process on the local backend with its store wrapped to count requests;
the page asks for what a list shows of each meetup: the organizer's name, the counts, and
the cover image.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from slsplay.domain.media import Media, MediaKind, Rendition
from slsplay.handlers import graphql
from slsplay.handlers.context import container
from slsplay.services import auth, meetups
from slsplay.store.repositories import MediaRepository
from tests.support.store_requests import counted_store_requests

PAGE_QUERY = """
query($first: Int!) {
  myMeetups(first: $first) {
    edges {
      cursor
      node {
        id title startsAt status
        organizer { name }
        counts { invited attending declined }
        coverImage { renditions { name url } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def organizer_with_meetups(count: int) -> str:
    """An organizer's access token, with ``count`` meetups, each with an invitee and a cover."""
    app = container()
    session = auth.sign_up(app.auth, f"ada{count}@example.com", "a long enough password", "Ada")
    starts = datetime.now(UTC) + timedelta(days=10)
    for n in range(count):
        values = {
            "title": f"Meetup {n}",
            "starts_at": starts + timedelta(hours=n),
            "timezone": "Europe/Berlin",
            "duration_minutes": 60,
            "join_url": "https://meet.example.com/x",
        }
        meetup = meetups.plan_meetup(app, session.user.id, values).meetup
        meetups.invite_people(app, session.user.id, meetup.id, [{"email": "g@example.com"}])
        photo = Media.request(
            media_id=f"p{n}",
            meetup_id=meetup.id,
            kind=MediaKind.PHOTO,
            content_type="image/jpeg",
            size=1000,
            now=app.clock.now(),
        )
        photo.start_processing(app.clock.now())
        photo.finish((Rendition("w320.webp", "image/webp", 320, 240),), app.clock.now())
        MediaRepository(app.store).add(photo)
        MediaRepository(app.store).offer_cover(photo)
    return session.access_token


def page_requests(token: str, first: int) -> tuple[dict[str, Any], Counter[str]]:
    event = {
        "requestContext": {"http": {"method": "POST"}},
        "headers": {"content-type": "application/json", "authorization": f"Bearer {token}"},
        "body": json.dumps({"query": PAGE_QUERY, "variables": {"first": first}}),
    }
    with counted_store_requests() as calls:
        answer = graphql.handler(event, None)
    body: dict[str, Any] = json.loads(answer["body"])
    assert "errors" not in body, body
    return body["data"]["myMeetups"], calls


def test_a_page_of_fifty_costs_what_a_page_of_five_does(fresh_app: Path) -> None:
    few = organizer_with_meetups(5)
    many = organizer_with_meetups(50)

    small, small_calls = page_requests(few, 5)
    large, large_calls = page_requests(many, 50)

    assert len(small["edges"]) == 5
    assert len(large["edges"]) == 50
    node = large["edges"][49]["node"]
    assert node["organizer"] == {"name": "Ada"}
    assert node["counts"] == {"invited": 1, "attending": 0, "declined": 0}
    assert node["coverImage"]["renditions"][0]["name"] == "w320.webp"
    # One query for the page; one batch each for counts, names and covers.
    assert large_calls == small_calls
    assert sum(large_calls.values()) <= 5, large_calls


@pytest.fixture(autouse=True)
def _schema_per_test() -> None:
    graphql.schema.cache_clear()
