"""Following one request through the functions, as an operator would: the correlation id it
was sent with in every function's log entries on the way, in the email at the end, and
beside the product's metrics (EMF lines) its work counted."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
import pytest

from tests.support.api import answer_link, bearer, new_meetup, sign_up_organizer
from tests.support.server import Server, address
from tests.support.waiting import eventually

pytestmark = pytest.mark.served

HEADER = "X-Slsplay-Correlation-Id"


def _correlation_id() -> str:
    return f"test-{secrets.token_hex(8)}"


def _emails_with(server: Server, to: str, correlation_id: str) -> list[Any]:
    return [m for m in server.sent_mail() if m["To"] == to and m[HEADER] == correlation_id]


def _logged_with(server: Server, correlation_id: str) -> list[dict[str, Any]]:
    return [e for e in server.log_entries() if e.get("correlation_id") == correlation_id]


def _metric(entries: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The first EMF line among ``entries`` that counts metric ``name``."""
    for entry in entries:
        for directive in entry.get("_aws", {}).get("CloudWatchMetrics", []):
            if name in [metric["Name"] for metric in directive["Metrics"]]:
                return entry
    return None


def test_the_correlation_id_of_an_invitation_reaches_its_email_and_each_step_logs_it(
    api: httpx.Client, server: Server
) -> None:
    token = sign_up_organizer(api, server, "Observer")["access_token"]
    meetup = new_meetup(api, token)
    grace = address("grace")
    # The invitee is emailed on whichever comes to the notifier first: her invitation (if the
    # meetup is published by then) or the meetup's publication. Both requests say who asks.
    asking = {**bearer(token), "X-Correlation-Id": _correlation_id()}
    invited = api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        json={"invitees": [{"email": grace, "name": "Grace"}]},
        headers=asking,
    )
    assert invited.status_code == 201, invited.text

    published = api.post(f"/api/meetups/{meetup['id']}/publish", headers=asking)

    assert published.status_code == 200, published.text
    asked = asking["X-Correlation-Id"]
    [invitation] = eventually(lambda: _emails_with(server, grace, asked))
    assert "invited you" in invitation["Subject"]

    def counted() -> dict[str, Any] | None:
        """the invitation sent, counted with the requests' correlation id"""
        return _metric(_logged_with(server, asked), "InvitationsSent")

    emf = eventually(counted)
    [directive] = emf["_aws"]["CloudWatchMetrics"]
    assert directive["Namespace"] == "slsplay"
    assert emf["InvitationsSent"] == [1.0]
    assert emf["service"] == f"slsplay-{server.stage}"
    steps = {e.get("function_name") for e in _logged_with(server, asked)}
    assert {"MeetupsFunction", "StreamFunction", "NotifierFunction"} <= steps


def test_an_answer_is_counted_by_kind_and_its_confirmation_carries_the_answer_s_id(
    api: httpx.Client, server: Server
) -> None:
    token = sign_up_organizer(api, server, "Counter")["access_token"]
    meetup = new_meetup(api, token)
    alan = address("alan")
    api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        json={"invitees": [{"email": alan}]},
        headers=bearer(token),
    ).raise_for_status()
    api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(token)).raise_for_status()
    link = answer_link(api, token, meetup["id"], alan)
    answer_id = _correlation_id()

    answered = api.post(
        f"/api/rsvp/{link}", json={"response": "attending"}, headers={"X-Correlation-Id": answer_id}
    )

    assert answered.status_code == 200, answered.text
    assert eventually(lambda: _emails_with(server, alan, answer_id))

    def counted() -> dict[str, Any] | None:
        """the answer counted, by its kind, with the answer's correlation id"""
        return _metric(_logged_with(server, answer_id), "Answers")

    assert eventually(counted)["Answer"] == "attending"


def test_a_correlation_id_that_could_break_a_header_is_replaced_by_the_request_s_own(
    api: httpx.Client, server: Server
) -> None:
    token = sign_up_organizer(api, server, "Careful")["access_token"]
    meetup = new_meetup(api, token)
    ada = address("ada")
    api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        json={"invitees": [{"email": ada}]},
        headers=bearer(token),
    ).raise_for_status()

    published = api.post(
        f"/api/meetups/{meetup['id']}/publish",
        headers={**bearer(token), "X-Correlation-Id": "x Bcc: victim@example.com"},
    )

    assert published.status_code == 200, published.text

    def invitation() -> list[Any]:
        """the invitation sent"""
        return [m for m in server.sent_mail() if m["To"] == ada]

    [sent] = eventually(invitation)
    assert sent[HEADER] is not None
    assert " " not in sent[HEADER]
    assert sent["Bcc"] is None
