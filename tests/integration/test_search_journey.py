"""Public meetups through slsplay serve: the search function indexes what the change feed
says, anyone searches (REST and GraphQL), a member joins and answers.

Each test's meetups carry a word of their own, so the tests of one server do not see each
other's meetups."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.support.api import bearer, new_meetup, sign_up, sign_up_organizer
from tests.support.server import Server
from tests.support.waiting import eventually

pytestmark = pytest.mark.served

# The index follows a change within 2 seconds, locally.


def word() -> str:
    """A word no other meetup has."""
    return "zq" + secrets.token_hex(4)


def publish(api: httpx.Client, token: str, **values: Any) -> dict[str, Any]:
    """A published meetup (public unless told)."""
    meetup = new_meetup(api, token, **{"visibility": "public", **values})
    answer = api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(token))
    assert answer.status_code == 200, answer.text
    return meetup


def search(api: httpx.Client, **params: str) -> dict[str, Any]:
    answer = api.get("/api/meetups", params=params)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    found: dict[str, Any] = answer.json()
    return found


def found_ids(api: httpx.Client, **params: str) -> list[str]:
    return [m["id"] for m in search(api, **params)["meetups"]]


def until_found(api: httpx.Client, count: int, **params: str) -> list[str]:
    """Wait for the index to hold ``count`` meetups for this search; answers their ids."""

    def indexed() -> list[str] | None:
        """the search function indexed the meetups"""
        ids = found_ids(api, **params)
        return ids if len(ids) == count else None

    ids: list[str] = eventually(indexed)
    return ids


def test_an_exact_title_ranks_first_and_private_and_draft_meetups_never_appear(
    server: Server,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    tag = word()
    exact = publish(api, token, title=f"Natural wine {tag}", description="Bring a glass.")
    publish(
        api,
        token,
        title=f"Cheese and wine evening {tag}",
        description=f"Natural wine, natural cheese, natural {tag}.",
    )
    publish(api, token, title=f"Natural wine {tag} for insiders", visibility="private")
    new_meetup(api, token, title=f"Natural wine {tag} draft", visibility="public")

    ids = until_found(api, 2, q=tag)
    ranked = found_ids(api, q=f"natural wine {tag}", sort="relevance")
    assert ranked[0] == exact["id"]
    assert len(ranked) == 2 == len(ids)
    first = search(api, q=f"Natural Wine {tag}")["meetups"][0]  # relevance by default
    assert first["title"] == f"Natural wine {tag}"
    assert first["visibility"] == "public"
    assert first["organizer"]["name"] == "Host"
    assert "join_url" not in first or first["join_url"] is None  # for those who answered


def test_the_category_filter_is_exact_and_pages_follow_the_cursor(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    tag = word()
    food = [publish(api, token, title=f"Supper {tag} {n}", category="food")["id"] for n in range(3)]
    publish(api, token, title=f"Supper {tag} talk", category="education")
    until_found(api, 4, q=tag)

    assert sorted(found_ids(api, q=tag, category="food")) == sorted(food)
    first = search(api, q=tag, category="food", sort="soonest", limit="2")
    assert len(first["meetups"]) == 2
    assert first["next_cursor"]
    rest = search(
        api, q=tag, category="food", sort="soonest", limit="2", cursor=first["next_cursor"]
    )
    assert rest["next_cursor"] is None
    assert [m["id"] for m in first["meetups"] + rest["meetups"]] == food  # planned in order


def test_each_order_orders_as_it_says(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    tag = word()
    now = datetime.now(UTC).replace(microsecond=0)

    def at(days: float) -> str:
        return (now + timedelta(days=days)).isoformat()

    # Planned in this order; starting in another; answers closing in a third.
    late = publish(api, token, title=f"Late {tag}", starts_at=at(30), rsvp_closes_at=at(2))
    early = publish(api, token, title=f"Early {tag}", starts_at=at(5), rsvp_closes_at=at(4))
    middle = publish(api, token, title=f"Middle {tag}", starts_at=at(12), rsvp_closes_at=at(3))
    until_found(api, 3, q=tag)

    assert found_ids(api, q=tag, sort="soonest") == [early["id"], middle["id"], late["id"]]
    assert found_ids(api, q=tag, sort="newest") == [middle["id"], early["id"], late["id"]]
    assert found_ids(api, q=tag, sort="closing") == [late["id"], middle["id"], early["id"]]
    window = found_ids(api, q=tag, starts_after=at(6), starts_before=at(20))
    assert window == [middle["id"]]
    assert found_ids(api, q=tag, closes_before=at(2.5)) == [late["id"]]

    # Popular: the meetup with attendees first.
    guest = sign_up(api, "Fan")["access_token"]
    joined = api.post(f"/api/meetups/{late['id']}/join", headers=bearer(guest))
    assert joined.status_code == 200, joined.text
    answered = api.post(f"/api/rsvp/{joined.json()['token']}", json={"response": "attending"})
    assert answered.status_code == 200, answered.text

    def popular_first() -> bool:
        """the attendee counted in popularity"""
        return found_ids(api, q=tag, sort="popular")[0] == late["id"]

    eventually(popular_first)


def test_a_cancelled_meetup_disappears_from_search(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    tag = word()
    meetup = publish(api, token, title=f"Soon gone {tag}")
    until_found(api, 1, q=tag)

    cancelled = api.post(f"/api/meetups/{meetup['id']}/cancel", headers=bearer(token))
    assert cancelled.status_code == 200, cancelled.text

    def gone() -> bool:
        """Whether the cancelled meetup is no longer found."""
        return not found_ids(api, q=tag)

    eventually(gone)


def test_a_member_joins_a_public_meetup_and_answers(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    tag = word()
    meetup = publish(api, token, title=f"Open studio {tag}", capacity=1)
    private = publish(api, token, title=f"Closed studio {tag}", visibility="private")

    guest = api.post("/api/auth/guest").json()["access_token"]
    refused = api.post(f"/api/meetups/{meetup['id']}/join", headers=bearer(guest))
    assert refused.status_code == 409
    assert refused.json()["code"] == "signup_required"
    assert api.post(f"/api/meetups/{meetup['id']}/join").status_code == 401

    member = sign_up(api, "Member")["access_token"]
    hidden = api.post(f"/api/meetups/{private['id']}/join", headers=bearer(member))
    assert hidden.status_code == 404
    assert hidden.headers["content-type"] == "application/problem+json"
    joined = api.post(f"/api/meetups/{meetup['id']}/join", headers=bearer(member)).json()
    assert joined["url"].endswith(f"/rsvp/{joined['token']}")
    again = api.post(f"/api/meetups/{meetup['id']}/join", headers=bearer(member)).json()
    page = api.get(f"/api/rsvp/{again['token']}").json()
    assert page["invitation"]["response"] == "none"
    answered = api.post(f"/api/rsvp/{joined['token']}", json={"response": "attending"})
    assert answered.json()["invitation"]["response"] == "attending"

    # The only seat is taken: the next member is waitlisted, as an invitee would be.
    other = sign_up(api, "Other")["access_token"]
    second = api.post(f"/api/meetups/{meetup['id']}/join", headers=bearer(other)).json()
    waiting = api.post(f"/api/rsvp/{second['token']}", json={"response": "attending"})
    assert waiting.json()["invitation"]["response"] == "waitlisted"
    listed = api.get(f"/api/meetups/{meetup['id']}/invitations", headers=bearer(token)).json()
    assert len(listed["invitations"]) == 2


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"sort": "loudest"}, "sort"),
        ({"category": "Food"}, "category"),
        ({"starts_after": "tomorrow"}, "starts_after"),
        ({"starts_after": "2026-12-01T10:00:00"}, "starts_after"),  # no offset
        ({"limit": "0"}, "limit"),
        ({"limit": "51"}, "limit"),
        ({"q": "x" * 201}, "q"),
        ({"visibility": "private"}, "visibility"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ],
)
def test_a_bad_search_is_a_problem_naming_the_field(
    api: httpx.Client, params: dict[str, str], field: str
) -> None:
    answer = api.get("/api/meetups", params=params)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["code"] == "invalid_input"
    assert field in [e["field"] for e in problem["errors"]]


def test_graphql_finds_public_meetups_and_joins_one(server: Server) -> None:
    api = httpx.Client(base_url=server.url, timeout=30)
    token = sign_up_organizer(api, server)["access_token"]
    tag = word()
    meetup = publish(api, token, title=f"Graph supper {tag}", category="food")
    until_found(api, 1, q=tag)

    query = """
      query Find($q: String, $category: Category) {
        publicMeetups(q: $q, category: $category, sort: SOONEST, first: 5) {
          nodes { id meetupId title category }
          pageInfo { hasNextPage endCursor }
        }
      }
    """
    answer = api.post(
        "/api/graphql", json={"query": query, "variables": {"q": tag, "category": "food"}}
    ).json()
    assert "errors" not in answer, answer
    found = answer["data"]["publicMeetups"]
    (node,) = found["nodes"]
    assert {k: node[k] for k in ("meetupId", "title", "category")} == {
        "meetupId": meetup["id"],
        "title": f"Graph supper {tag}",
        "category": "food",
    }
    assert found["pageInfo"]["hasNextPage"] is False

    member = sign_up(api, "Member")["access_token"]
    join = "mutation J($id: ID!) { joinMeetup(id: $id) { token userErrors { code } } }"
    joined = api.post(
        "/api/graphql",
        json={"query": join, "variables": {"id": node["id"]}},
        headers=bearer(member),
    ).json()
    assert "errors" not in joined, joined
    assert joined["data"]["joinMeetup"]["userErrors"] == []
    link = joined["data"]["joinMeetup"]["token"]
    assert api.get(f"/api/rsvp/{link}").json()["meetup"]["id"] == meetup["id"]
