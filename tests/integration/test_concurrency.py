"""Many organizers at once over HTTP: every answer is the caller's own, and what is stored is
what was last accepted.

On Lambda an execution environment serves one invocation at a time, so no request can see
another's state. Here twelve organizers act at once through twenty clients (REST, answer
links, GraphQL, and two clients racing to edit one meetup with If-Match) against a server
whose interpreter switches threads every 10 µs, so that state shared between invocations
would show. Every answer is checked for whose it is, its status and its data; afterwards
each meetup, its invitations and its counts are read back. Every discrepancy is collected
and they are reported together.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.support.api import bearer, differences, meetup_body, new_meetup, sign_up_organizer
from tests.support.server import Server, address, running_server

pytestmark = pytest.mark.served

ORGANIZERS = 12
CLIENTS = 20
RIVALRIES = 4  # organizers whose one meetup two clients edit at once
EDITS = 3  # edits of a meetup by each lane that edits
INVITEES = 3
SHOWN = 20  # discrepancies printed when the test fails


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, aws_endpoint: str | None) -> Iterator[Server]:
    """``slsplay serve`` switching threads every 10 µs (on moto's server with ``--backend
    aws``), so that invocations sharing state would interleave often enough to show it."""
    data_dir = tmp_path_factory.mktemp("serve") / "data"
    with running_server(data_dir, "--switch-interval", "1e-5") as running:
        yield running


@dataclass(frozen=True)
class Organizer:
    """An account whose address is proved (so it may publish), and a draft of theirs."""

    session: dict[str, Any]
    draft: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.session["user"]["id"])

    @property
    def email(self) -> str:
        return str(self.session["user"]["email"])

    @property
    def name(self) -> str:
        return str(self.session["user"]["name"])

    @property
    def auth(self) -> dict[str, str]:
        return bearer(self.session["access_token"])

    @property
    def as_organizer(self) -> dict[str, str]:
        """How a meetup of theirs names its organizer."""
        return {"organizer.id": self.id, "organizer.name": self.name}


class Run:
    """The concurrent part: a client per worker thread, the check of every answer, and what
    reading back must find afterwards."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.requests = 0
        self.discrepancies: list[str] = []
        # meetup id -> its organizer, and the fields it must have when read back
        self.stored: dict[str, tuple[Organizer, dict[str, Any]]] = {}
        # meetup id -> its organizer, and each invitee's last accepted answer
        self.answers: dict[str, tuple[Organizer, dict[str, str]]] = {}
        # contested meetup id -> (version, title) of every edit answered with 200
        self.accepted: dict[str, list[tuple[int, str]]] = {}
        self._lock = threading.Lock()
        self._local = threading.local()
        self._clients: list[httpx.Client] = []

    def client(self) -> httpx.Client:
        """This thread's own client (httpx clients are not shared between threads here)."""
        client: httpx.Client | None = getattr(self._local, "client", None)
        if client is None:
            client = httpx.Client(base_url=self.url, timeout=30)
            self._local.client = client
            with self._lock:
                self._clients.append(client)
        return client

    def close(self) -> None:
        for client in self._clients:
            client.close()

    def follow(self, lane: Callable[[Run, Organizer], None], who: Organizer) -> None:
        """Run one client's part; an answer too far off to go on from ends it, noted."""
        try:
            lane(self, who)
        except (KeyError, TypeError, AttributeError, ValueError) as e:
            self.note(f"{who.name}: {lane.__name__} stopped on {type(e).__name__}: {e}")

    def note(self, discrepancy: str) -> None:
        with self._lock:
            self.discrepancies.append(discrepancy)

    def accept(self, meetup_id: str, version: int, title: str) -> None:
        """Remember an edit of a contested meetup that was answered with 200."""
        with self._lock:
            self.accepted.setdefault(meetup_id, []).append((version, title))

    def check(self, label: str, expected: Mapping[str, Any], answer: Any) -> None:
        """Note every field of ``answer`` that is not as ``expected``."""
        for difference in differences(expected, answer):
            self.note(f"{label}: {difference}")

    def call(
        self,
        label: str,
        method: str,
        path: str,
        statuses: int | set[int],
        *,
        who: Organizer | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response | None:
        """One request; ``None`` (and a discrepancy) unless it answered one of ``statuses``
        with JSON."""
        with self._lock:
            self.requests += 1
        wanted = {statuses} if isinstance(statuses, int) else statuses
        sent = {**(who.auth if who else {}), **(headers or {})}
        label = f"{label}: {method} {path}"
        try:
            answer = self.client().request(method, path, json=json, headers=sent)
        except httpx.TransportError as e:
            self.note(f"{label}: no answer ({type(e).__name__}: {e})")
            return None
        if answer.status_code not in wanted:
            self.note(f"{label}: {answer.status_code}, not {sorted(wanted)}: {answer.text[:160]}")
            return None
        try:
            answer.json()
        except ValueError:
            self.note(f"{label}: {answer.status_code} without JSON: {answer.text[:160]}")
            return None
        return answer

    def me(self, who: Organizer) -> None:
        """``GET /api/me`` answers the caller."""
        answer = self.call(who.name, "GET", "/api/me", 200, who=who)
        if answer is not None:
            expected = {"id": who.id, "email": who.email, "name": who.name}
            self.check(f"{who.name}: GET /api/me", expected, answer.json())

    def graphql(
        self, who: Organizer, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any] | None:
        """The data of a GraphQL request that must succeed as a whole."""
        operation = query.split("(", maxsplit=1)[0].split("{", maxsplit=1)[0].strip() or "query"
        answer = self.call(
            f"{who.name} GraphQL {operation}",
            "POST",
            "/api/graphql",
            200,
            who=who,
            json={"query": query, "variables": variables or {}},
        )
        if answer is None:
            return None
        body = answer.json()
        if body.get("errors") or not isinstance(body.get("data"), dict):
            self.note(f"{who.name} GraphQL {operation}: {str(body)[:200]}")
            return None
        data: dict[str, Any] = body["data"]
        return data


# -- what each client does ---------------------------------------------------------------------


def plans_and_edits(run: Run, who: Organizer) -> None:
    """REST: who am I, plan a draft, edit it with If-Match, read it back and list mine."""
    run.me(who)
    sent = meetup_body(title=f"{who.name}'s plan", description=f"Planned by {who.email}")
    created = run.call(who.name, "POST", "/api/meetups", 201, who=who, json=sent)
    if created is None:
        return
    expected = {
        "title": sent["title"],
        "description": sent["description"],
        "status": "draft",
        "version": 1,
        **who.as_organizer,
    }
    run.check(f"{who.name}: POST /api/meetups", expected, created.json())
    meetup_id = created.json()["id"]
    path = f"/api/meetups/{meetup_id}"
    for n in range(2, EDITS + 2):
        run.me(who)
        change = {"title": f"{who.name}'s plan, take {n}", "description": f"{who.email}, {n}"}
        version = {"If-Match": f'"{expected["version"]}"'}
        edited = run.call(who.name, "PATCH", path, 200, who=who, json=change, headers=version)
        if edited is None:
            break  # the version is unknown now; reading back shows what was kept
        expected |= {**change, "version": expected["version"] + 1}
        run.check(f"{who.name}: PATCH {path}", {"id": meetup_id, **expected}, edited.json())
        etag = edited.headers.get("etag")
        if etag != f'"{expected["version"]}"':
            run.note(f"{who.name}: PATCH {path}: ETag {etag}, not {expected['version']}")
    run.stored[meetup_id] = (who, expected)
    seen = run.call(who.name, "GET", path, 200, who=who)
    if seen is not None:
        run.check(f"{who.name}: GET {path}", {"id": meetup_id, **expected}, seen.json())
    mine = run.call(who.name, "GET", "/api/me/meetups", 200, who=who)
    if mine is not None:
        listed = mine.json().get("meetups", [])
        if meetup_id not in {m.get("id") for m in listed}:
            run.note(f"{who.name}: GET /api/me/meetups: {meetup_id} is not listed")
        for meetup in listed:
            run.check(f"{who.name}: GET /api/me/meetups", who.as_organizer, meetup)


def invitations_and_answers(run: Run, who: Organizer) -> None:
    """REST: plan, invite, publish; then each invitee's answer link, opened and answered."""
    run.me(who)
    sent = meetup_body(title=f"{who.name}'s dinner", capacity=None)
    created = run.call(who.name, "POST", "/api/meetups", 201, who=who, json=sent)
    if created is None:
        return
    run.check(
        f"{who.name}: POST /api/meetups",
        {"title": sent["title"], **who.as_organizer},
        created.json(),
    )
    meetup_id = created.json()["id"]
    path = f"/api/meetups/{meetup_id}"
    invitees = [
        {"email": address(f"guest{n}.of.{who.id.lower()}"), "name": f"Guest {n} of {who.name}"}
        for n in range(INVITEES)
    ]
    invited = run.call(
        who.name, "POST", f"{path}/invitations", 201, who=who, json={"invitees": invitees}
    )
    if invited is None:
        return
    got = [{"email": i.get("email"), "name": i.get("name")} for i in invited.json()["invitations"]]
    if got != invitees:
        run.note(f"{who.name}: POST {path}/invitations: {got}, not {invitees}")
    published = run.call(who.name, "POST", f"{path}/publish", 200, who=who)
    if published is None:
        return
    expected = {"id": meetup_id, "title": sent["title"], "status": "published"}
    run.check(
        f"{who.name}: POST {path}/publish", {**expected, **who.as_organizer}, published.json()
    )
    answers = {invitee["email"]: "none" for invitee in invitees}
    for n, invitee in enumerate(invitees):
        email = invitee["email"]
        link = run.call(
            who.name, "POST", f"{path}/invitations/link", 200, who=who, json={"email": email}
        )
        if link is None:
            continue
        run.check(f"{who.name}: POST {path}/invitations/link", {"email": email}, link.json())
        rsvp = f"/api/rsvp/{link.json()['token']}"
        opened = run.call(email, "GET", rsvp, 200)
        as_invited = {"meetup.id": meetup_id, "meetup.title": sent["title"]}
        as_invited |= {"invitation.email": email, "invitation.name": invitee["name"]}
        if opened is not None:
            run.check(f"{email}: GET {rsvp}", as_invited, opened.json())
        response = "attending" if n % 2 == 0 else "declined"
        answered = run.call(email, "POST", rsvp, 200, json={"response": response})
        if answered is not None:
            answers[email] = response
            expected_answer = {**as_invited, "invitation.response": response}
            run.check(f"{email}: POST {rsvp}", expected_answer, answered.json())
    run.answers[meetup_id] = (who, answers)
    counts = {
        "counts.invited": INVITEES,
        "counts.attending": sum(1 for r in answers.values() if r == "attending"),
        "counts.declined": sum(1 for r in answers.values() if r == "declined"),
    }
    run.stored[meetup_id] = (who, {**expected, **counts})


MEETUP_FIELDS = "id meetupId title description version organizer { name }"


def through_graphql(run: Run, who: Organizer) -> None:
    """GraphQL: the viewer; a meetup planned, edited with its version and read back."""
    viewer = run.graphql(who, "query Viewer { viewer { id email name } }")
    if viewer is not None:
        user = viewer.get("viewer") or {}
        user_id = _local_id(user.get("id"))
        run.check(f"{who.name} GraphQL viewer", {"email": who.email, "name": who.name}, user)
        if user_id != who.id:
            run.note(f"{who.name} GraphQL viewer: id of {user_id}, not {who.id}")
    sent = meetup_body(title=f"{who.name}'s graph", description=f"Drawn by {who.email}")
    values = {
        "title": sent["title"],
        "description": sent["description"],
        "startsAt": sent["starts_at"],
        "timezone": sent["timezone"],
        "durationMinutes": sent["duration_minutes"],
        "joinUrl": sent["join_url"],
    }
    created = run.graphql(
        who,
        f"""mutation Create($input: CreateMeetupInput!) {{
              createMeetup(input: $input) {{ meetup {{ {MEETUP_FIELDS} }} userErrors {{ code }} }}
            }}""",
        {"input": values},
    )
    if created is None:
        return
    payload = created["createMeetup"]
    expected: dict[str, Any] = {
        "title": sent["title"],
        "description": sent["description"],
        "version": 1,
        "organizer.name": who.name,
    }
    run.check(f"{who.name} GraphQL createMeetup", {"userErrors": []}, payload)
    meetup = payload.get("meetup") or {}
    run.check(f"{who.name} GraphQL createMeetup", expected, meetup)
    global_id, meetup_id = meetup.get("id"), meetup.get("meetupId")
    if not global_id or not meetup_id:
        return
    for n in range(2, EDITS + 1):
        title = f"{who.name}'s graph, take {n}"
        edit = {"id": global_id, "expectedVersion": expected["version"], "title": title}
        edited = run.graphql(
            who,
            f"""mutation Update($input: UpdateMeetupInput!) {{
                  updateMeetup(input: $input) {{
                    meetup {{ {MEETUP_FIELDS} }} userErrors {{ code }}
                  }}
                }}""",
            {"input": edit},
        )
        if edited is None:
            break
        expected |= {"title": title, "version": expected["version"] + 1}
        payload = edited["updateMeetup"]
        run.check(f"{who.name} GraphQL updateMeetup", {"userErrors": []}, payload)
        run.check(f"{who.name} GraphQL updateMeetup", expected, payload.get("meetup") or {})
    seen = run.graphql(
        who,
        f"query Meetup($id: ID!) {{ meetup(id: $id) {{ {MEETUP_FIELDS} }} }}",
        {"id": global_id},
    )
    if seen is not None:
        run.check(f"{who.name} GraphQL meetup", expected, seen.get("meetup") or {})
    stored = {k: v for k, v in expected.items() if k != "organizer.name"}
    run.stored[meetup_id] = (who, {**stored, **who.as_organizer})


def rival(number: int) -> Callable[[Run, Organizer], None]:
    """One of two clients editing the organizer's draft at once, each edit with the version
    it just read: a refusal for a version gone stale is fair, a 200 must be its own change."""

    def rival_edits(run: Run, who: Organizer) -> None:
        meetup_id = who.draft["id"]
        path = f"/api/meetups/{meetup_id}"
        for n in range(EDITS):
            seen = run.call(who.name, "GET", path, 200, who=who)
            if seen is None:
                continue
            run.check(f"{who.name}: GET {path}", {"id": meetup_id, **who.as_organizer}, seen.json())
            version = seen.json().get("version")
            change = {"title": f"{who.name}'s draft, by client {number}, edit {n}"}
            edited = run.call(
                f"{who.name} (client {number})",
                "PATCH",
                path,
                {200, 409, 412},
                who=who,
                json=change,
                headers={"If-Match": f'"{version}"'},
            )
            if edited is None:
                continue
            if edited.status_code == 200 and isinstance(version, int):
                expected = {"id": meetup_id, **change, "version": version + 1, **who.as_organizer}
                run.check(f"{who.name} (client {number}): PATCH {path}", expected, edited.json())
                run.accept(meetup_id, version + 1, change["title"])
            elif edited.status_code != 200:
                refusal = {409: "version_conflict", 412: "precondition_failed"}[edited.status_code]
                run.check(
                    f"{who.name} (client {number}): PATCH {path}", {"code": refusal}, edited.json()
                )

    return rival_edits


def _local_id(global_id: object) -> str | None:
    try:
        return base64.b64decode(str(global_id)).decode().partition(":")[2]
    except ValueError:
        return None


# -- the test ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def organizers(api: httpx.Client, server: Server) -> list[Organizer]:
    """Organizers made one after another, before anything runs at once."""
    made = []
    for n in range(ORGANIZERS):
        session = sign_up_organizer(api, server, f"Racer{n}")
        draft = new_meetup(api, session["access_token"], title=f"Racer{n}'s draft")
        made.append(Organizer(session, draft))
    return made


def test_every_answer_is_the_callers_own_while_many_organizers_act_at_once(
    api: httpx.Client, server: Server, organizers: list[Organizer]
) -> None:
    # GIVEN twelve organizers, WHEN they plan, edit, invite, publish, are answered and use
    # GraphQL all at once (and two clients race to edit four of their drafts)
    lanes: list[tuple[Callable[[Run, Organizer], None], Organizer]] = [
        (rival(n), who) for who in organizers[:RIVALRIES] for n in (1, 2)
    ]
    for who in organizers:
        lanes += [(plans_and_edits, who), (invitations_and_answers, who), (through_graphql, who)]
    run = Run(server.url)
    try:
        with ThreadPoolExecutor(CLIENTS, thread_name_prefix="client") as pool:
            for done in [pool.submit(run.follow, lane, who) for lane, who in lanes]:
                done.result()
    finally:
        run.close()

    # THEN every answer was the caller's own (checked as they came), and reading back finds
    # what was last accepted
    for meetup_id, (who, expected) in run.stored.items():
        seen = api.get(f"/api/meetups/{meetup_id}", headers=who.auth)
        run.check(f"read back {meetup_id} ({seen.status_code})", expected, seen.json())
    for meetup_id, (who, answers) in run.answers.items():
        listed = api.get(f"/api/meetups/{meetup_id}/invitations", headers=who.auth).json()
        stored = {i["email"]: i["response"] for i in listed.get("invitations", [])}
        if stored != answers:
            run.note(f"read back invitations of {meetup_id}: {stored}, not {answers}")
    for who in organizers[:RIVALRIES]:
        accepted = sorted(run.accepted.get(who.draft["id"], []))
        versions = [version for version, _ in accepted]
        if not accepted or len(set(versions)) != len(versions):
            run.note(f"{who.name}'s draft: edits accepted as versions {versions}")
            continue
        last_version, last_title = accepted[-1]
        seen = api.get(f"/api/meetups/{who.draft['id']}", headers=who.auth).json()
        expected = {"title": last_title, "version": last_version}
        run.check(f"read back {who.name}'s contested draft", expected, seen)

    found = len(run.discrepancies)
    shown = "\n".join(run.discrepancies[:SHOWN])
    assert found == 0, f"{found} discrepancies in {run.requests} requests; the first:\n{shown}"
    assert run.requests >= 300  # the load this test means to put on the runtime
