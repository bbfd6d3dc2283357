"""The product's journeys through GraphQL over HTTP against ``slsplay serve``.

The organizer's (sign up, plan, invite, publish, see who comes), the invitee's by the token
of their email's link (no account), the guest's who signs up to publish (the draft is
kept); then what a GraphQL client must be able to count on: refusals as userErrors with
REST's codes, a bad token refused like REST's, limits, and no internals in an error.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.support.api import PASSWORD, answer_link, bearer, link_token, mail_to
from tests.support.server import Server

pytestmark = pytest.mark.served

MEETUP_FIELDS = """
  id meetupId title status version startsAt timezone joinUrl
  organizer { name }
  counts { invited attending declined }
"""


def gql(
    api: httpx.Client,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    """The data of a request that must succeed as a whole (no errors)."""
    answer = api.post(
        "/api/graphql",
        json={"query": query, "variables": variables or {}},
        headers=bearer(token) if token else {},
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


def sign_up(api: httpx.Client, name: str, token: str | None = None) -> dict[str, Any]:
    email = f"{name.lower()}.{datetime.now(UTC).timestamp()}@example.com"
    data = gql(
        api,
        """mutation($input: SignUpInput!) {
             signUp(input: $input) {
               session { accessToken refreshToken user { id email name isGuest } }
               userErrors { field message code }
             }
           }""",
        {"input": {"email": email, "password": PASSWORD, "name": name}},
        token,
    )["signUp"]
    assert data["userErrors"] == []
    session: dict[str, Any] = data["session"]
    return session


def prove_address(api: httpx.Client, server: Server, session: dict[str, Any]) -> None:
    """Open the link emailed at sign-up, as an organizer must before publishing."""
    message = mail_to(server, session["user"]["email"], "Confirm your email address")
    proved = gql(
        api,
        "mutation($t: String!) { verifyEmail(token: $t) { user { emailVerified } } }",
        {"t": link_token(message, "verify")},
    )
    assert proved["verifyEmail"]["user"] == {"emailVerified": True}


def create_meetup(api: httpx.Client, token: str, **changes: Any) -> dict[str, Any]:
    starts = (datetime.now(UTC) + timedelta(days=10)).replace(microsecond=0)
    values = {
        "title": "Board dinner",
        "startsAt": starts.isoformat(),
        "timezone": "Europe/Berlin",
        "durationMinutes": 90,
        "joinUrl": "https://meet.example.com/board",
        "capacity": 20,
        **changes,
    }
    data = gql(
        api,
        f"""mutation($input: CreateMeetupInput!) {{
              createMeetup(input: $input) {{
                meetup {{ {MEETUP_FIELDS} }}
                userErrors {{ field message code }}
              }}
            }}""",
        {"input": values},
        token,
    )["createMeetup"]
    assert data["userErrors"] == []
    meetup: dict[str, Any] = data["meetup"]
    return meetup


def invite(api: httpx.Client, token: str, meetup_id: str, *emails: str) -> None:
    data = gql(
        api,
        """mutation($input: InviteGuestsInput!) {
             inviteGuests(input: $input) { invitations { email } userErrors { code } }
           }""",
        {"input": {"meetupId": meetup_id, "invitees": [{"email": e} for e in emails]}},
        token,
    )["inviteGuests"]
    assert data["userErrors"] == []


def publish(api: httpx.Client, token: str, meetup_id: str) -> dict[str, Any]:
    payload: dict[str, Any] = gql(
        api,
        """mutation($id: ID!) {
             publishMeetup(id: $id) { meetup { status } userErrors { field message code } }
           }""",
        {"id": meetup_id},
        token,
    )["publishMeetup"]
    return payload


def test_the_organizers_journey(api: httpx.Client, server: Server) -> None:
    session = sign_up(api, "Ada")
    prove_address(api, server, session)
    token = session["accessToken"]
    assert gql(api, "{ viewer { name isGuest } }", token=token)["viewer"] == {
        "name": "Ada",
        "isGuest": False,
    }
    meetup = create_meetup(api, token)
    assert (meetup["status"], meetup["organizer"]["name"]) == ("DRAFT", "Ada")
    invite(api, token, meetup["id"], "grace@example.com", "Alan@Example.com")

    assert publish(api, token, meetup["id"]) == {
        "meetup": {"status": "PUBLISHED"},
        "userErrors": [],
    }

    link = answer_link(api, token, meetup["meetupId"], "grace@example.com")
    gql(
        api,
        """mutation($token: String!) {
             respondToInvitation(token: $token, response: ATTENDING) { userErrors { code } }
           }""",
        {"token": link},
    )
    seen = gql(
        api,
        """query($id: ID!) {
             node(id: $id) {
               ... on Meetup {
                 counts { invited attending declined }
                 attendees { email }
                 invitations(first: 10) { nodes { email response } }
               }
             }
           }""",
        {"id": meetup["id"]},
        token,
    )["node"]
    assert seen["counts"] == {"invited": 2, "attending": 1, "declined": 0}
    assert seen["attendees"] == [{"email": "grace@example.com"}]
    assert {(i["email"], i["response"]) for i in seen["invitations"]["nodes"]} == {
        ("grace@example.com", "ATTENDING"),
        ("alan@example.com", "NONE"),
    }


def test_the_invitees_journey_by_the_link_in_their_email(api: httpx.Client, server: Server) -> None:
    session = sign_up(api, "Ada")
    prove_address(api, server, session)
    token = session["accessToken"]
    meetup = create_meetup(api, token)
    invite(api, token, meetup["id"], "grace@example.com")
    publish(api, token, meetup["id"])
    link = answer_link(api, token, meetup["meetupId"], "grace@example.com")
    page = """query($token: String!) {
                invitation(token: $token) {
                  invitation { email response joined }
                  meetup { title joinUrl organizer { name } }
                }
              }"""

    before = gql(api, page, {"token": link})["invitation"]
    answered = gql(
        api,
        """mutation($token: String!) {
             respondToInvitation(token: $token, response: ATTENDING) {
               invitation { response } meetup { joinUrl } userErrors { code }
             }
           }""",
        {"token": link},
    )["respondToInvitation"]

    assert before["invitation"] == {
        "email": "grace@example.com",
        "response": "NONE",
        "joined": False,  # invited by the organizer
    }
    assert before["meetup"]["joinUrl"] is None  # only once attending
    assert answered == {
        "invitation": {"response": "ATTENDING"},
        "meetup": {"joinUrl": "https://meet.example.com/board"},
        "userErrors": [],
    }
    assert gql(api, page, {"token": "not-a-real-token"})["invitation"] is None


def test_a_member_who_joins_a_public_meetup_is_told_they_joined(
    api: httpx.Client, server: Server
) -> None:
    host = sign_up(api, "Hal")
    prove_address(api, server, host)
    meetup = create_meetup(api, host["accessToken"], visibility="PUBLIC")
    publish(api, host["accessToken"], meetup["id"])
    member = sign_up(api, "Mia")

    joined = gql(
        api,
        "mutation($id: ID!) { joinMeetup(id: $id) { token userErrors { code } } }",
        {"id": meetup["id"]},
        member["accessToken"],
    )["joinMeetup"]
    page = gql(
        api,
        "query($t: String!) { invitation(token: $t) { invitation { joined response } } }",
        {"t": joined["token"]},
    )["invitation"]

    assert joined["userErrors"] == []
    assert page["invitation"] == {"joined": True, "response": "NONE"}


def test_a_guest_signs_up_and_proves_the_address_to_publish_and_keeps_the_draft(
    api: httpx.Client, server: Server
) -> None:
    guest = gql(
        api,
        "mutation { continueAsGuest { session { accessToken user { isGuest } } } }",
    )["continueAsGuest"]["session"]
    assert guest["user"]["isGuest"] is True
    draft = create_meetup(api, guest["accessToken"], title="Guest's draft")

    refused = publish(api, guest["accessToken"], draft["id"])
    account = sign_up(api, "Grace", token=guest["accessToken"])
    unproved = publish(api, account["accessToken"], draft["id"])
    prove_address(api, server, account)
    published = publish(api, account["accessToken"], draft["id"])

    assert refused["meetup"] is None
    assert [e["code"] for e in refused["userErrors"]] == ["signup_required"]
    assert [e["code"] for e in unproved["userErrors"]] == ["verification_required"]
    assert published == {"meetup": {"status": "PUBLISHED"}, "userErrors": []}
    mine = gql(api, "{ myMeetups(first: 10) { nodes { title } } }", token=account["accessToken"])
    assert mine["myMeetups"]["nodes"] == [{"title": "Guest's draft"}]


def test_my_meetups_pages_by_cursor_from_any_edge(api: httpx.Client) -> None:
    token = sign_up(api, "Ada")["accessToken"]
    titles = [create_meetup(api, token, title=f"Meetup {n}")["title"] for n in range(5)]
    query = """query($after: String) {
                 myMeetups(first: 2, after: $after) {
                   edges { cursor node { title } }
                   pageInfo { hasNextPage endCursor }
                 }
               }"""

    seen, after = [], None
    while True:
        page = gql(api, query, {"after": after}, token)["myMeetups"]
        seen += [edge["node"]["title"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    first_page = gql(api, query, {"after": None}, token)["myMeetups"]
    from_first_edge = gql(api, query, {"after": first_page["edges"][0]["cursor"]}, token)

    assert sorted(seen) == sorted(titles)
    assert [e["node"]["title"] for e in from_first_edge["myMeetups"]["edges"]] == seen[1:3]


def test_invalid_input_comes_back_as_user_errors_with_rests_codes(api: httpx.Client) -> None:
    token = sign_up(api, "Ada")["accessToken"]
    answer = gql(
        api,
        """mutation($input: CreateMeetupInput!) {
             createMeetup(input: $input) { meetup { id } userErrors { field message code } }
           }""",
        {
            "input": {
                "title": "",
                "startsAt": "2020-01-01T10:00:00+00:00",
                "timezone": "Mars/Olympus",
                "durationMinutes": 90,
                "joinUrl": "http://insecure.example.com",
            }
        },
        token,
    )["createMeetup"]
    rest = api.post(
        "/api/meetups",
        json={
            "title": "",
            "starts_at": "2020-01-01T10:00:00+00:00",
            "timezone": "Mars/Olympus",
            "duration_minutes": 90,
            "join_url": "http://insecure.example.com",
        },
        headers=bearer(token),
    ).json()

    assert answer["meetup"] is None
    assert {e["code"] for e in answer["userErrors"]} == {rest["code"]} == {"invalid_input"}
    fields = {e["field"] for e in answer["userErrors"]}
    assert fields == {"title", "timezone", "joinUrl"} | ({"startsAt"} & fields)
    assert len(answer["userErrors"]) == len(rest["errors"])


def test_a_bad_token_is_refused_as_rest_refuses_it(api: httpx.Client) -> None:
    answer = api.post(
        "/api/graphql",
        json={"query": "{ viewer { name } }"},
        headers={"Authorization": "Bearer not.a.token"},
    )

    assert answer.status_code == 401
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "invalid_token"


def test_without_a_token_only_the_public_operations_work(api: httpx.Client) -> None:
    body = api.post("/api/graphql", json={"query": "{ myMeetups { nodes { id } } }"}).json()

    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["sign_in_required"]
    assert gql(api, "{ viewer { id } }") == {"viewer": None}


def test_a_query_too_costly_is_refused_before_it_runs(api: httpx.Client) -> None:
    token = sign_up(api, "Ada")["accessToken"]
    costly = api.post(
        "/api/graphql",
        json={
            "query": "{ myMeetups(first: 50) { nodes { invitations(first: 500) {"
            " nodes { email name response sent respondedAt } } } } }"
        },
        headers=bearer(token),
    ).json()

    assert costly["data"] is None
    assert [e["extensions"]["code"] for e in costly["errors"]] == ["query_too_costly"]


def test_mutations_over_get_are_refused_and_queries_work(api: httpx.Client) -> None:
    query = api.get("/api/graphql", params={"query": "{ viewer { id } }"})
    mutation = api.get(
        "/api/graphql", params={"query": "mutation { continueAsGuest { userErrors { code } } }"}
    )

    assert (query.status_code, query.json()) == (200, {"data": {"viewer": None}})
    assert mutation.status_code == 405


def test_an_error_shows_no_internals(api: httpx.Client) -> None:
    token = sign_up(api, "Ada")["accessToken"]
    query = '{ myMeetups(first: 2, after: "garbage!") { nodes { id } } }'
    body = api.post("/api/graphql", json={"query": query}, headers=bearer(token)).json()

    assert [e["extensions"]["code"] for e in body["errors"]] == ["invalid_input"]
    text = str(body)
    assert "Traceback" not in text
    assert "sqlite" not in text.lower()
    assert "botocore" not in text.lower()


def test_signing_up_with_a_taken_address_answers_as_any_sign_up(api: httpx.Client) -> None:
    taken = sign_up(api, "Ada")["user"]["email"]
    answer = gql(
        api,
        """mutation($input: SignUpInput!) {
             signUp(input: $input) {
               session { user { email isGuest } } userErrors { field code }
             }
           }""",
        {"input": {"email": taken, "password": PASSWORD, "name": "Ada"}},
    )["signUp"]

    assert answer == {"session": {"user": {"email": taken, "isGuest": False}}, "userErrors": []}
