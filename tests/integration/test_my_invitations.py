"""An attendee's home through ``slsplay serve``: someone invited by email signs up with that
address (written otherwise) and finds the invitation in their own list, answers it from
there; a member joins a public meetup and finds it too (REST and GraphQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.support.api import bearer, link_token, mail_to, new_meetup, sign_up, sign_up_organizer
from tests.support.server import Server, address
from tests.support.waiting import eventually

pytestmark = pytest.mark.served


def my_invitations(api: httpx.Client, token: str, **params: str) -> dict[str, Any]:
    answer = api.get("/api/me/invitations", params=params, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    page: dict[str, Any] = answer.json()
    return page


def published(api: httpx.Client, token: str, **values: Any) -> dict[str, Any]:
    meetup = new_meetup(api, token, **values)
    answer = api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(token))
    assert answer.status_code == 200, answer.text
    return meetup


def test_an_invitee_who_signs_up_with_the_address_finds_the_invitation_and_answers_it(
    api: httpx.Client, server: Server
) -> None:
    host = sign_up_organizer(api, server)["access_token"]
    email = address("zoe")
    meetup = new_meetup(api, host, title="Board dinner")
    invited = api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        json={"invitees": [{"email": email.upper(), "name": "Zoe"}]},
        headers=bearer(host),
    )
    assert invited.status_code == 201, invited.text
    session = sign_up(api, "Zoe", email=email)
    token = session["access_token"]
    assert my_invitations(api, token)["invitations"] == []  # a draft: nobody is told yet
    assert api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(host)).is_success

    # Until the address is proved the account's, what others sent to it stays theirs.
    assert my_invitations(api, token)["invitations"] == []
    message = mail_to(server, email, "Confirm your email address")
    proved = api.post("/api/auth/verify", json={"token": link_token(message, "verify")})
    assert proved.status_code == 200, proved.text

    page = my_invitations(api, token)
    assert [(i["meetup"]["id"], i["invitation"]["response"]) for i in page["invitations"]] == [
        (meetup["id"], "none")
    ]
    assert page["invitations"][0]["meetup"]["organizer"]["name"] == "Host"
    assert page["next_cursor"] is None
    link = api.post(f"/api/me/invitations/{meetup['id']}/answer-link", headers=bearer(token))
    assert link.status_code == 200, link.text
    answered = api.post(f"/api/rsvp/{link.json()['token']}", json={"response": "attending"})
    assert answered.status_code == 200, answered.text
    assert my_invitations(api, token)["invitations"][0]["invitation"]["response"] == "attending"
    assert my_invitations(api, token, when="past")["invitations"] == []


def test_a_member_finds_a_public_meetup_they_joined_soonest_first(
    api: httpx.Client, server: Server
) -> None:
    host = sign_up_organizer(api, server)["access_token"]
    later = published(api, host, title="Later", visibility="public")
    in_five_days = (datetime.now(UTC) + timedelta(days=5)).replace(microsecond=0)
    sooner = published(
        api, host, title="Sooner", visibility="public", starts_at=in_five_days.isoformat()
    )
    member = sign_up(api, "Max")["access_token"]
    for meetup in (later, sooner):
        joined = api.post(f"/api/meetups/{meetup['id']}/join", headers=bearer(member))
        assert joined.status_code == 200, joined.text

    page = my_invitations(api, member, limit="1")
    assert [i["meetup"]["title"] for i in page["invitations"]] == ["Sooner"]
    assert page["invitations"][0]["invitation"]["joined"] is True
    rest = my_invitations(api, member, limit="1", cursor=page["next_cursor"])
    assert [i["meetup"]["title"] for i in rest["invitations"]] == ["Later"]

    answer = api.post(
        "/api/graphql",
        json={
            "query": "{ myInvitations { nodes { meetup { title } invitation { joined response } }"
            " pageInfo { hasNextPage } } }"
        },
        headers=bearer(member),
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"]["myInvitations"] == {
        "nodes": [
            {"meetup": {"title": t}, "invitation": {"joined": True, "response": "NONE"}}
            for t in ("Sooner", "Later")
        ],
        "pageInfo": {"hasNextPage": False},
    }


def test_a_meetup_moved_earlier_comes_first_in_the_list_of_everyone_invited(
    api: httpx.Client, server: Server
) -> None:
    host = sign_up_organizer(api, server)["access_token"]
    soon = (datetime.now(UTC) + timedelta(days=5)).replace(microsecond=0)
    first = published(api, host, title="First", visibility="public", starts_at=soon.isoformat())
    moved = new_meetup(api, host, title="Moved", visibility="public")
    witness = address("wes")
    invited = api.post(
        f"/api/meetups/{moved['id']}/invitations",
        json={"invitees": [{"email": witness}]},
        headers=bearer(host),
    )
    assert invited.status_code == 201, invited.text
    assert api.post(f"/api/meetups/{moved['id']}/publish", headers=bearer(host)).is_success
    mail_to(server, witness, "")  # the reaction to publishing has run
    member = sign_up(api, "Moe")["access_token"]
    for meetup in (first, moved):
        joined = api.post(f"/api/meetups/{meetup['id']}/join", headers=bearer(member))
        assert joined.status_code == 200, joined.text

    earlier = (soon - timedelta(days=2)).isoformat()
    changed = api.patch(
        f"/api/meetups/{moved['id']}", json={"starts_at": earlier}, headers=bearer(host)
    )
    assert changed.status_code == 200, changed.text

    def moved_first() -> bool:
        """the move reached the member's list through the change feed"""
        page = my_invitations(api, member, limit="1")
        return [i["meetup"]["title"] for i in page["invitations"]] == ["Moved"]

    eventually(moved_first)
