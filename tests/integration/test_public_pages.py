"""Public meetup pages through slsplay serve: what a link preview and a search engine read of
them, the edge cache in front of them, and the change feed keeping that cache in step.

The runtime's emulated CloudFront answers a page it keeps with ``X-Cache: Hit from
cloudfront``; the edge-cache function invalidates it when what it shows changes. Its
invalidations are counted where the adapter makes them: the data directory's file locally,
CloudFront's (moto's) invalidation list with ``--backend aws``.
"""

from __future__ import annotations

import io
from typing import Any

import boto3
import extruct
import httpx
import pytest
from PIL import Image

from slsplay.adapters.local.edge_invalidations import SqliteEdgeInvalidations
from slsplay.bootstrap import EDGE_FILE
from tests.support.api import answer_link, bearer, new_meetup, sign_up_organizer
from tests.support.server import Server
from tests.support.waiting import eventually

pytestmark = pytest.mark.served

# schema.org's Event as Google's rich results require it, and what the product promises.
EVENT_PROPERTIES = {
    "name",
    "startDate",
    "endDate",
    "eventStatus",
    "eventAttendanceMode",
    "location",
    "organizer",
    "offers",
    "image",
    "description",
}


def published(api: httpx.Client, token: str, **values: Any) -> dict[str, Any]:
    """A published public meetup (unless told otherwise)."""
    meetup = new_meetup(api, token, **{"visibility": "public", **values})
    answer = api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(token))
    assert answer.status_code == 200, answer.text
    return meetup


def invalidations(server: Server) -> list[list[str]]:
    """Every invalidation the edge-cache function made, oldest first."""
    if server.aws_endpoint is None:
        feed = SqliteEdgeInvalidations(server.data_dir / EDGE_FILE)
        try:
            return feed.since(0)[0]
        finally:
            feed.close()
    cloudfront = boto3.client(
        "cloudfront",
        endpoint_url=server.aws_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    listed = cloudfront.list_distributions()["DistributionList"].get("Items", [])
    (distribution,) = [d for d in listed if d["Comment"].startswith(f"slsplay {server.stage}:")]
    found = cloudfront.list_invalidations(DistributionId=distribution["Id"])["InvalidationList"]
    return [
        cloudfront.get_invalidation(DistributionId=distribution["Id"], Id=item["Id"])[
            "Invalidation"
        ]["InvalidationBatch"]["Paths"]["Items"]
        for item in found.get("Items", [])
    ]


def test_a_public_meetup_shares_with_its_image_and_reads_as_a_schema_org_event(
    server: Server, api: httpx.Client
) -> None:
    host = sign_up_organizer(api, server, "Grace")
    meetup = published(api, host["access_token"], title="Natural wine & friends")

    answer = api.get(f"/m/{meetup['id']}")

    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    assert "s-maxage" in answer.headers["cache-control"]
    url = f"{server.url}/m/{meetup['id']}"
    data = extruct.extract(answer.text, base_url=url, syntaxes=["json-ld", "opengraph"])
    (tags,) = data["opengraph"]
    og = dict(tags["properties"])
    assert og["og:title"] == "Natural wine & friends"
    assert og["og:url"] == url
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
    (event,) = data["json-ld"]
    assert event["@type"] == "Event"
    assert EVENT_PROPERTIES - event.keys() == set()
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"]["@type"] == "VirtualLocation"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["offers"]["availability"] == "https://schema.org/InStock"
    assert event["organizer"]["name"] == "Grace"

    image = api.get(og["og:image"].removeprefix(server.url))
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(image.content)).size == (1200, 630)


def test_the_readable_address_redirects_to_the_page(server: Server, api: httpx.Client) -> None:
    host = sign_up_organizer(api, server)
    meetup = published(api, host["access_token"], title="Rust for Pythonistas")

    answer = api.get(f"/m/rust-for-pythonistas--{meetup['id']}")

    assert answer.status_code == 301
    assert answer.headers["location"] == f"/m/{meetup['id']}"


def test_a_private_or_draft_meetup_has_the_page_of_an_unknown_one(
    server: Server, api: httpx.Client
) -> None:
    host = sign_up_organizer(api, server)
    token = host["access_token"]
    private = published(api, token, visibility="private")
    draft = new_meetup(api, token, visibility="public")
    unknown = api.get("/m/01ARZ3NDEKTSV4RRFFQ69G5FAV")

    for meetup in (private, draft):
        answer = api.get(f"/m/{meetup['id']}")
        assert (answer.status_code, answer.text) == (404, unknown.text)
        assert api.get(f"/m/{meetup['id']}/share.png").status_code == 404
    assert unknown.status_code == 404


def test_a_cached_page_shows_a_new_title_within_ten_seconds(
    server: Server, api: httpx.Client
) -> None:
    host = sign_up_organizer(api, server)
    token = host["access_token"]
    meetup = published(api, token, title="Before the change")
    page = f"/m/{meetup['id']}"
    assert api.get(page).headers["x-cache"] == "Miss from cloudfront"
    again = api.get(page)
    assert again.headers["x-cache"] == "Hit from cloudfront"
    assert api.get(page, headers={"If-None-Match": again.headers["etag"]}).status_code == 304

    changed = api.patch(
        f"/api/meetups/{meetup['id']}",
        json={"title": "After the change"},
        headers=bearer(token),
    )
    assert changed.status_code == 200, changed.text

    def refreshed() -> bool:
        """the cached page shows the new title"""
        return "After the change" in api.get(page).text

    eventually(refreshed, seconds=10)


def test_a_burst_of_a_hundred_answers_makes_at_most_a_few_invalidations(
    server: Server, api: httpx.Client
) -> None:
    host = sign_up_organizer(api, server)
    token = host["access_token"]
    # 105 places: the burst crosses "50 or fewer left" and "10 or fewer left", no more.
    meetup = published(api, token, capacity=105)
    invitees = [{"email": f"guest{n}@example.com", "name": f"Guest {n}"} for n in range(100)]
    invited = api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        json={"invitees": invitees},
        headers=bearer(token),
    )
    assert invited.status_code in (200, 201), invited.text
    links = [answer_link(api, token, meetup["id"], invitee["email"]) for invitee in invitees]
    eventually(server.quiet)
    before = len(invalidations(server))

    for link in links:
        answered = api.post(f"/api/rsvp/{link}", json={"response": "attending"})
        assert answered.status_code == 200, answered.text
    eventually(server.quiet, seconds=60)

    made = invalidations(server)[before:]
    assert 1 <= len(made) <= 3, made
    assert all(paths == [f"/m/{meetup['id']}*"] for paths in made)
    assert "10 or fewer left" in api.get(f"/m/{meetup['id']}").text
