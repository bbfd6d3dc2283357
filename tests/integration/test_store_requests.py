"""A page costs the same store requests whatever the data around it.

The handlers run in process on the local backend, given the events API Gateway would give
them, with their store wrapped to count requests (``tests/support/store_requests.py``: one
for each DynamoDB request of the aws backend). Requests are counted, not timed: the counts
are the same on every run.
"""

from __future__ import annotations

import importlib
import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt

from slsplay.handlers import graphql
from slsplay.handlers.context import container
from slsplay.local.apigateway import HttpRequest, granted_event
from slsplay.local.functions import lambda_functions
from slsplay.local.routes import http_api_routes
from slsplay.local.template import Stack
from slsplay.services import auth, meetups
from slsplay.store.repositories import MEETUPS_PER_TRANSACTION, UserRepository
from tests.integration.test_graphql_batching import organizer_with_meetups
from tests.support.meetups import meetup_values
from tests.support.store_requests import counted_store_requests

STACK = Stack.load()
ROUTES = http_api_routes(STACK)
HANDLERS = {name: function.config.handler for name, function in lambda_functions(STACK).items()}
PASSWORD = "a long enough password"


def call(
    method: str, path: str, token: str | None = None, body: object = None, query: str = ""
) -> tuple[int, Any, Counter[str]]:
    """Status, JSON answer and store requests of one request to the HTTP API."""
    matched = ROUTES.match(method, path)
    assert matched is not None, f"no route for {method} {path}"
    headers = [("host", "slsplay.example.com")]
    if token is not None:
        headers.append(("authorization", f"Bearer {token}"))
    data = b""
    if body is not None:
        headers.append(("content-type", "application/json"))
        data = json.dumps(body).encode()
    claims = None
    if matched.route.authorizer is not None:
        assert token is not None, f"{matched.route.key} needs a token"
        claims = jwt.decode(token, options={"verify_signature": False})
    request = HttpRequest(method, path, query=query, headers=headers, body=data)
    event = granted_event(STACK, request, matched, claims)
    module, _, name = HANDLERS[matched.route.function].rpartition(".")
    with counted_store_requests() as calls:
        answer = getattr(importlib.import_module(module), name)(event, None)
    text = answer.get("body") or ""
    return answer["statusCode"], json.loads(text) if text else None, calls


def test_a_page_of_my_meetups_costs_the_same_with_2_meetups_as_with_60(fresh_app: Path) -> None:
    few = organizer_with_meetups(2)
    many = organizer_with_meetups(60)

    status, small, small_calls = call("GET", "/api/me/meetups", few)
    assert status == 200
    status, large, large_calls = call("GET", "/api/me/meetups", many)
    assert status == 200

    assert len(small["meetups"]) == 2
    assert len(large["meetups"]) == 50
    # Each meetup of the page still shows its photo, as the meetup's own page does.
    listed = large["meetups"][49]
    assert [m["id"] for m in listed["media"]] == [f"p{49}"]
    status, alone, _ = call("GET", f"/api/meetups/{listed['id']}", many)
    assert status == 200
    assert [(m["id"], m["status"]) for m in alone["media"]] == [
        (m["id"], m["status"]) for m in listed["media"]
    ]
    # The page, then one batch each: the counts, the media lists, the photos they name.
    assert large_calls == small_calls
    assert large_calls == Counter(query=1, get_many=3)


MEDIA_QUERY = """
query($first: Int!) { myMeetups(first: $first) { nodes { id media { id status } } } }
"""


def test_the_media_of_a_page_of_meetups_cost_graphql_the_same_at_any_size(
    fresh_app: Path,
) -> None:
    def page(token: str, first: int) -> tuple[list[Any], Counter[str]]:
        event = {
            "requestContext": {"http": {"method": "POST"}},
            "headers": {"content-type": "application/json", "authorization": f"Bearer {token}"},
            "body": json.dumps({"query": MEDIA_QUERY, "variables": {"first": first}}),
        }
        with counted_store_requests() as calls:
            answer = json.loads(graphql.handler(event, None)["body"])
        assert "errors" not in answer, answer
        return answer["data"]["myMeetups"]["nodes"], calls

    few, few_calls = page(organizer_with_meetups(2), 2)
    many, many_calls = page(organizer_with_meetups(30), 30)

    assert [len(node["media"]) for node in few + many] == [1] * 32
    assert many_calls == few_calls


def guest_with_drafts(count: int) -> str:
    """A guest's access token, with ``count`` drafts."""
    app = container()
    guest = auth.start_as_guest(app.auth)
    for n in range(count):
        meetups.plan_meetup(app, guest.user.id, meetup_values(title=f"Draft {n}"))
    return guest.access_token


def test_signing_up_moves_a_guests_drafts_in_one_transaction_a_page(fresh_app: Path) -> None:
    def sign_up(drafts: int, email: str) -> Counter[str]:
        account = {"email": email, "password": PASSWORD, "name": "Ada"}
        status, session, calls = call(
            "POST", "/api/auth/signup", guest_with_drafts(drafts), account
        )
        assert status == 201
        token = session["access_token"]
        _, mine, _ = call("GET", "/api/me/meetups", token, query="limit=100")
        assert len(mine["meetups"]) == drafts  # every draft moved
        return calls

    two = sign_up(2, "two@example.com")
    one_page = sign_up(MEETUPS_PER_TRANSACTION, "page@example.com")
    more = sign_up(60, "sixty@example.com")

    assert one_page == two
    # Past a page: the next page's query and its one transaction, whatever its size.
    assert more - two == Counter(query=1, transact=1)


def invitee_of(count: int) -> str:
    """The access token of a person (address proved) invited to ``count`` published meetups."""
    app = container()
    host = auth.sign_up(app.auth, f"host{count}@example.com", PASSWORD, "Host").user
    users = UserRepository(app.store)
    host.verify_email(app.clock.now())
    users.save(host, host.version - 1)
    email = f"guest{count}@example.com"
    starts = datetime.now(UTC) + timedelta(days=10)
    for n in range(count):
        values = meetup_values(title=f"Meetup {n}", starts_at=starts + timedelta(hours=n))
        meetup = meetups.plan_meetup(app, host.id, values).meetup
        meetups.invite_people(app, host.id, meetup.id, [{"email": email}])
        meetups.publish_meetup(app, host.id, meetup.id)
    session = auth.sign_up(app.auth, email, PASSWORD, "Guest")
    guest = session.user
    guest.verify_email(app.clock.now())
    users.save(guest, guest.version - 1)
    return session.access_token


def test_a_page_of_my_invitations_costs_the_same_with_2_meetups_as_with_30(
    fresh_app: Path,
) -> None:
    status, small, small_calls = call("GET", "/api/me/invitations", invitee_of(2))
    assert status == 200
    status, large, large_calls = call("GET", "/api/me/invitations", invitee_of(30))
    assert status == 200

    assert [i["meetup"]["title"] for i in small["invitations"]] == ["Meetup 0", "Meetup 1"]
    assert len(large["invitations"]) == 20
    assert large["next_cursor"] is not None
    # The account, the unplaced invitations (none), the page; then one batch each: the
    # meetups, their counts, their media lists, their organizers.
    assert large_calls == small_calls
    assert large_calls == Counter(get=1, query=2, get_many=4)
