"""Whole journeys over HTTP against ``slsplay serve``, and who may do what on every route."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from slsplay.adapters.tokens import JwtAccessTokens, new_signing_key
from slsplay.local.template import load_template
from tests.support.api import (
    answer_link,
    bearer,
    link_token,
    mail_to,
    new_meetup,
    sign_up,
    sign_up_organizer,
)
from tests.support.server import Server

pytestmark = pytest.mark.served


def test_organizer_journey_from_sign_up_to_the_attendee_list(
    api: httpx.Client, server: Server
) -> None:
    ada = sign_up_organizer(api, server, "Ada")
    token = ada["access_token"]
    assert api.get("/api/me", headers=bearer(token)).json()["email"] == ada["user"]["email"]

    meetup = new_meetup(api, token)
    invited = api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        json={
            "invitees": [
                {"email": "Grace@Example.com", "name": "Grace"},
                {"email": "alan@example.com"},
            ]
        },
        headers=bearer(token),
    )
    assert invited.status_code == 201
    assert [i["email"] for i in invited.json()["invitations"]] == [
        "grace@example.com",
        "alan@example.com",
    ]
    published = api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(token))
    assert published.json()["status"] == "published"

    link = answer_link(api, token, meetup["id"], "grace@example.com")
    seen = api.get(f"/api/rsvp/{link}").json()
    assert seen["invitation"] == {
        "email": "grace@example.com",
        "name": "Grace",
        "response": "none",
        "joined": False,  # invited, not joined from the public page
    }
    assert seen["meetup"]["join_url"] is None
    attending = api.post(f"/api/rsvp/{link}", json={"response": "attending"}).json()
    assert attending["meetup"]["join_url"] == "https://meet.example.com/board"

    attendees = api.get(f"/api/meetups/{meetup['id']}/attendees", headers=bearer(token)).json()
    assert [(a["name"], a["email"]) for a in attendees["attendees"]] == [
        ("Grace", "grace@example.com")
    ]
    counts = api.get(f"/api/meetups/{meetup['id']}", headers=bearer(token)).json()["counts"]
    assert counts == {"invited": 2, "attending": 1, "declined": 0, "waitlisted": 0}


def test_guest_journey_keeps_the_draft_through_sign_up_and_proving_the_address(
    api: httpx.Client, server: Server
) -> None:
    guest = api.post("/api/auth/guest").json()
    assert guest["user"]["is_guest"] is True
    draft = new_meetup(api, guest["access_token"], title="Guest's launch party")
    api.post(
        f"/api/meetups/{draft['id']}/invitations",
        json={"invitees": [{"email": "friend@example.com"}]},
        headers=bearer(guest["access_token"]),
    )

    refused = api.post(f"/api/meetups/{draft['id']}/publish", headers=bearer(guest["access_token"]))
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "signup_required"

    account = sign_up(api, "Grace", headers=bearer(guest["access_token"]))
    token = account["access_token"]
    mine = api.get("/api/me/meetups", headers=bearer(token)).json()["meetups"]
    assert [m["title"] for m in mine] == ["Guest's launch party"]
    unproved = api.post(f"/api/meetups/{draft['id']}/publish", headers=bearer(token))
    assert unproved.status_code == 403
    assert unproved.json()["code"] == "verification_required"
    assert api.get(f"/api/meetups/{draft['id']}", headers=bearer(token)).json()["status"] == "draft"

    message = mail_to(server, account["user"]["email"], "Confirm your email address")
    api.post("/api/auth/verify", json={"token": link_token(message, "verify")}).raise_for_status()
    published = api.post(f"/api/meetups/{draft['id']}/publish", headers=bearer(token))
    assert published.status_code == 200
    assert published.json()["counts"]["invited"] == 1


def test_a_stale_if_match_gets_412_and_a_fresh_one_passes(api: httpx.Client) -> None:
    token = sign_up(api)["access_token"]
    meetup = new_meetup(api, token)
    path = f"/api/meetups/{meetup['id']}"
    first = api.patch(path, json={"title": "Renamed"}, headers={**bearer(token), "If-Match": '"1"'})
    assert first.status_code == 200
    assert first.headers["etag"] == '"2"'

    stale = api.patch(path, json={"title": "Again"}, headers={**bearer(token), "If-Match": '"1"'})

    assert stale.status_code == 412
    assert api.get(path, headers=bearer(token)).json()["title"] == "Renamed"


# -- who may do what -----------------------------------------------------------------------


@dataclass
class World:
    organizer: str
    stranger: str
    guest: str
    meetup_id: str
    draft_id: str
    spare_id: str
    link: str


@pytest.fixture(scope="module")
def world(api: httpx.Client, server: Server) -> World:
    owner = sign_up_organizer(api, server, "Owner")["access_token"]
    meetup = new_meetup(api, owner)
    api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        json={"invitees": [{"email": "vip@example.com"}]},
        headers=bearer(owner),
    )
    api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(owner))
    return World(
        organizer=owner,
        stranger=sign_up(api, "Stranger")["access_token"],
        guest=api.post("/api/auth/guest").json()["access_token"],
        meetup_id=meetup["id"],
        draft_id=new_meetup(api, owner, title="To publish")["id"],
        spare_id=new_meetup(api, owner, title="To delete")["id"],
        link=answer_link(api, owner, meetup["id"], "vip@example.com"),
    )


# (method, path, body); {m} is the published meetup, {d} and {x} drafts of the same organizer.
ROUTES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/meetups/{m}", None),
    ("PATCH", "/api/meetups/{m}", {"description": "Updated"}),
    ("POST", "/api/meetups/{m}/invitations", {"invitees": [{"email": "new@example.com"}]}),
    ("GET", "/api/meetups/{m}/invitations", None),
    ("POST", "/api/meetups/{m}/invitations/link", {"email": "vip@example.com"}),
    ("GET", "/api/meetups/{m}/attendees", None),
    ("POST", "/api/meetups/{d}/publish", None),
    ("POST", "/api/meetups/{m}/cancel", None),
    ("DELETE", "/api/meetups/{x}", None),
]

# Who gets what: the organizer may do everything; everyone else must not even learn that
# a private meetup exists (404); without a valid token, API Gateway answers 401.
EXPECTED = {"stranger": 404, "guest": 404, "anonymous": 401, "answer link as token": 401}


@pytest.mark.parametrize("who", sorted(EXPECTED))
@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
def test_only_the_organizer_reaches_a_private_meetup(
    api: httpx.Client, world: World, who: str, method: str, path: str, body: dict[str, Any] | None
) -> None:
    token = {
        "stranger": world.stranger,
        "guest": world.guest,
        "answer link as token": world.link,
    }.get(who)
    headers = bearer(token) if token else {}

    answer = api.request(
        method,
        path.format(m=world.meetup_id, d=world.draft_id, x=world.spare_id),
        json=body,
        headers=headers,
    )

    assert answer.status_code == EXPECTED[who], answer.text


def test_the_organizer_reaches_every_route_of_their_meetup(
    api: httpx.Client, server: Server
) -> None:
    host = sign_up_organizer(api, server)["access_token"]
    meetup = new_meetup(api, host)
    api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        json={"invitees": [{"email": "vip@example.com"}]},
        headers=bearer(host),
    )
    draft = new_meetup(api, host, title="To publish")
    spare = new_meetup(api, host, title="To delete")

    statuses = [
        api.request(
            method,
            path.format(m=meetup["id"], d=draft["id"], x=spare["id"]),
            json=body,
            headers=bearer(host),
        ).status_code
        for method, path, body in ROUTES
    ]

    assert statuses == [200, 200, 201, 200, 200, 200, 200, 200, 204]


def test_an_answer_link_opens_only_its_own_invitation(api: httpx.Client, world: World) -> None:
    assert api.get(f"/api/rsvp/{world.link}").status_code == 200
    assert api.get(f"/api/rsvp/{world.link[:-1]}x").status_code == 404
    assert api.post(f"/api/rsvp/{world.link}x", json={"response": "attending"}).status_code == 404


def test_my_meetups_lists_only_my_own(api: httpx.Client, world: World) -> None:
    theirs = api.get("/api/me/meetups", headers=bearer(world.stranger)).json()["meetups"]

    assert all(m["id"] != world.meetup_id for m in theirs)


# -- tokens the authorizer must refuse, on every protected route ----------------------------


def _protected_routes() -> list[tuple[str, str]]:
    routes = []
    for resource in load_template()["Resources"].values():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        for event in resource["Properties"].get("Events", {}).values():
            props = event["Properties"]
            if event["Type"] == "HttpApi" and props.get("Auth", {}).get("Authorizer") != "NONE":
                routes.append((props["Method"], props["Path"].replace("{id}", "some-id")))
    return sorted(routes)


def _bad_tokens(server: Server, good: str) -> dict[str, str]:
    own_key = server.signing_key()
    header, payload, signature = good.split(".")
    return {
        "tampered": f"{header}.{payload}x.{signature}",
        "expired": JwtAccessTokens(
            own_key, issuer=server.url, audience="slsplay", lifetime_seconds=-60
        ).sign({"sub": "someone", "guest": False}),
        "wrongly issued": JwtAccessTokens(
            new_signing_key(), issuer=server.url, audience="slsplay"
        ).sign({"sub": "someone", "guest": False}),
        "other issuer": JwtAccessTokens(
            own_key, issuer="https://evil.example.com", audience="slsplay"
        ).sign({"sub": "someone", "guest": False}),
        "other audience": JwtAccessTokens(own_key, issuer=server.url, audience="another-app").sign(
            {"sub": "someone", "guest": False}
        ),
    }


@pytest.mark.parametrize(("method", "path"), _protected_routes())
def test_a_bad_token_gets_401_on_every_protected_route(
    api: httpx.Client, server: Server, world: World, method: str, path: str
) -> None:
    for kind, token in _bad_tokens(server, world.organizer).items():
        answer = api.request(method, path, headers=bearer(token), json={})
        assert answer.status_code == 401, f"{kind}: {answer.status_code} {answer.text}"
        assert answer.json() == {"message": "Unauthorized"}


def test_answers_are_refused_once_the_organizer_closed_them(
    api: httpx.Client, server: Server
) -> None:
    token = sign_up_organizer(api, server)["access_token"]
    auth = bearer(token)
    meetup = new_meetup(api, token)
    assert meetup["rsvp_closes_at"] is None
    assert meetup["answers_close_at"] == meetup["starts_at"]
    api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        json={"invitees": [{"email": "late@example.com"}]},
        headers=auth,
    )
    api.post(f"/api/meetups/{meetup['id']}/publish", headers=auth)
    link = answer_link(api, token, meetup["id"], "late@example.com")
    after_start = api.patch(
        f"/api/meetups/{meetup['id']}",
        json={"rsvp_closes_at": "2999-01-01T00:00:00+00:00"},
        headers=auth,
    )
    assert after_start.status_code == 422
    assert after_start.json()["errors"][0]["field"] == "rsvp_closes_at"

    closed = api.patch(
        f"/api/meetups/{meetup['id']}",
        json={"rsvp_closes_at": "2020-01-01T00:00:00+00:00"},  # closed now
        headers=auth,
    )
    answer = api.post(f"/api/rsvp/{link}", json={"response": "attending"})

    assert closed.status_code == 200, closed.text
    assert closed.json()["answers_close_at"].startswith("2020-01-01")
    assert answer.status_code == 409
    assert answer.json()["code"] == "answers_closed"
