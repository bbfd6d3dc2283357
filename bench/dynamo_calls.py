"""DynamoDB requests per call of every function of template.yaml, at a small and a large size.

Run: .venv/bin/python bench/dynamo_calls.py [--small 2,5] [--large 60,600]

Every route of the HTTP API and every background function (the stream function, the
consumers of the notifier, search and media queues, the media function's conversion events,
the scheduled jobs) is called at both sizes, on the aws backend against moto in this
process. For each call it prints the DynamoDB requests made, by operation, the items written
(a transaction's writes one by one, its checks not), and the other AWS calls (queue sends,
emails, files). A background function is fed its records and messages one per invocation
(its event source would batch them: the figures are per record or message); its row shows
the call that made the most requests, its writes, and how many calls there were.

A size is "meetups,invitees": the meetups of the organizer whose list is read (each with a
photo), the drafts of the guests who sign up (and so claim them), the public meetups
searched (and a page more); and the invitees of each meetup the meetup routes and jobs act
on (all attending where they answer). The large default, 600 invitees, is past the 500
items that bulk reads take per page. A page the client asks for (GET .../invitations: 100
invitations, GET /api/me/meetups: 50 meetups, a search: 20) is a fixed amount of data:
reading it should not grow. A call that acts on all of something (a guest's drafts, every
attendee, what a deletion removes) says how many pages it goes through, and its requests
are compared per page.

Each size runs in a moto of its own (a table, queues, buckets and secrets as template.yaml
and the stage's set-up make them), so a job that reads everything due sees only its size's
data. The functions run in this process with the template's environment (every function's
variables together, as the runtime's in-process mode gives them), called as API Gateway,
the event source mappings, EventBridge and the schedules would call them: nothing times out
and nothing runs behind the measured call. Requests are counted by a botocore hook on the
session the app's clients come from, once per API call (a retry counts again; moto never
throttles); the seeding's own requests are not counted.

A row says GROWS when a call at the large size made more requests (per page) than any at the
small one, SCAN when a call scanned, ERROR when a call failed or answered what it should
not; a route or function never called is MISSING. Then the bench exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import jwt
from PIL import Image

from slsplay.adapters.clock import SystemClock
from slsplay.domain.invitations import Answer
from slsplay.domain.media import Media, MediaKind, Rendition
from slsplay.domain.tickets import EntryKind, LedgerEntry
from slsplay.domain.users import User
from slsplay.ids import new_id
from slsplay.local.routes import http_api_routes
from slsplay.local.template import Stack
from slsplay.ports import MAX_TRANSACTION_OPS, ItemStore
from slsplay.services import answers, discovery, meetups, tickets
from slsplay.services.meetups import MAX_INVITEES_PER_REQUEST
from slsplay.store.repositories import (
    BULK_PAGE,
    MEETUPS_PER_TRANSACTION,
    PURGE_BATCHES_NOW,
    InvitationRepository,
    MediaRepository,
    MeetupRepository,
    UserRepository,
)
from slsplay.store.tickets import LedgerRepository

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.clock import FakeClock
from tests.support.meetups import signed_up
from tests.support.oidc_provider import OidcProvider
from tests.support.stripe_fake import StripeFake

from moto_functions import (
    HOST,
    PROVIDER,
    REGION,
    STAGE,
    STRIPE_KEYS,
    Cloud,
    Meter,
    Results,
    Row,
    Usage,
    aws,
    emailed,
    pages,
)

PASSWORD = "a long enough password"  # noqa: S105  (a made-up account's)
SEARCH_PAGE = 20  # what GET /api/meetups answers when the client names no limit
EVENTS = Path(__file__).resolve().parents[1] / "tests" / "events"


@dataclass(frozen=True)
class Size:
    """How much data the calls act on."""

    meetups: int
    invitees: int

    @classmethod
    def parse(cls, text: str) -> Size:
        """``"60,600"``: 60 meetups, 600 invitees."""
        meetups_count, invitees = (int(part) for part in text.split(","))
        return cls(meetups_count, invitees)

    def __str__(self) -> str:
        return f"{self.meetups} meetups, {self.invitees} invitees"


# -- the data of one size -------------------------------------------------------------------


def meetup_values(title: str, **more: Any) -> dict[str, Any]:
    """A meetup a month ahead (or when ``starts_at`` says), without capacity."""
    values = {
        "title": title,
        "starts_at": (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0),
        "timezone": "Europe/Berlin",
        "duration_minutes": 90,
        "join_url": "https://meet.example.com/bench",
    }
    return values | more


def photo(size: tuple[int, int] = (1200, 800)) -> bytes:
    """A JPEG, as a phone would send it."""
    buffer = BytesIO()
    Image.new("RGB", size, (200, 60, 20)).save(buffer, "JPEG")
    return buffer.getvalue()


@dataclass
class World:
    """The accounts, meetups and links one size's calls act on."""

    size: Size
    host: str = ""  # an organizer (access token), who can be paid
    host_id: str = ""
    main: str = ""  # published; every invitee attends
    answer_token: str = ""  # an invitee's of main
    to_publish: str = ""  # a draft with invitees
    to_cancel: str = ""  # published, with invitees
    to_delete: str = ""  # a draft with invitees
    full: str = ""  # published, one seat, every other invitee waiting
    public: str = ""  # public and published, with invitees, to join
    series: str = ""  # the first occurrence of a monthly series
    paid: str = ""  # published, a price, with invitees
    paid_token: str = ""  # an invitee's of paid
    planner: str = ""  # an organizer with size.meetups meetups, each with a photo
    planner_email: str = ""
    guest: str = ""  # a guest with size.meetups drafts
    social_guest: str = ""  # another one


def build_world(c: Cloud, size: Size) -> World:
    """The data of one size: accounts through the API, the rest straight into the table."""
    r, w = c.runner, World(size)
    ports = c.ports()

    def meetup(organizer_id: str, title: str, invitees: int = 0, **more: Any) -> str:
        meetup_id = meetups.plan_meetup(ports, organizer_id, meetup_values(title, **more)).meetup.id
        emails = [{"email": f"{title}-{i}@example.com"} for i in range(invitees)]
        for start in range(0, invitees, MAX_INVITEES_PER_REQUEST):
            batch = emails[start : start + MAX_INVITEES_PER_REQUEST]
            meetups.invite_people(ports, organizer_id, meetup_id, batch)
        return meetup_id

    def publish(meetup_id: str) -> None:
        meetups.publish_meetup(ports, w.host_id, meetup_id)

    n = size.invitees
    host = r.http("POST", "/api/auth/signup", body=account("host"), expect=201).body
    w.host, w.host_id = host["access_token"], host["user"]["id"]
    signed_up(c.store, w.host_id)
    r.http("POST", "/api/me/payout-account", token=w.host)
    w.main = meetup(w.host_id, "main", n)
    publish(w.main)
    attend_all(c.store, w.main, [f"main-{i}@example.com" for i in range(n)])
    w.answer_token, _ = answers.answer_link(ports, w.host_id, w.main, "main-1@example.com")
    w.to_publish = meetup(w.host_id, "publish", n)
    w.to_cancel = meetup(w.host_id, "cancel", n)
    publish(w.to_cancel)
    w.to_delete = meetup(w.host_id, "delete", n)
    w.full = meetup(w.host_id, "full", n, capacity=1)
    publish(w.full)
    # The first takes the seat; the others wait in line.
    attend_all(c.store, w.full, [f"full-{i}@example.com" for i in range(n)])
    w.public = meetup(w.host_id, "open-0", n, visibility="public", category="food")
    publish(w.public)
    # A first page of search results that is full and has a next one, at any size.
    for i in range(1, size.meetups + SEARCH_PAGE):
        publish(meetup(w.host_id, f"open-{i}", visibility="public", category="food"))
    for found in MeetupRepository(c.store).of_organizer(w.host_id, limit=1000)[0]:
        discovery.index_meetup(ports, found.id)
    w.series = meetup(w.host_id, "series", n, recurrence={"frequency": "monthly"})
    price = {"amount_minor": 2500, "currency": "EUR"}
    w.paid = meetup(w.host_id, "paid", n, price=price)
    publish(w.paid)
    w.paid_token, _ = answers.answer_link(ports, w.host_id, w.paid, "paid-0@example.com")

    w.planner_email = "planner@example.com"
    planner = r.http("POST", "/api/auth/signup", body=account("planner"), expect=201).body
    w.planner = planner["access_token"]
    for i in range(size.meetups):
        with_photo(c.store, meetup(planner["user"]["id"], f"plan-{i}"))
    w.guest = r.http("POST", "/api/auth/guest", expect=201).body["access_token"]
    w.social_guest = r.http("POST", "/api/auth/guest", expect=201).body["access_token"]
    for token, title in ((w.guest, "draft"), (w.social_guest, "social")):
        guest_id = jwt.decode(token, options={"verify_signature": False})["sub"]
        for i in range(size.meetups):
            meetup(guest_id, f"{title}-{i}")
    return w


def attend_all(store: ItemStore, meetup_id: str, emails: Sequence[str]) -> None:
    """Everyone answers "attending", in turn (past a capacity, they wait in line), recorded
    as the answer use case records each answer, with the meetup and its counts read once:
    moto goes through the whole table for every query."""
    meetup, counts = MeetupRepository(store).get(meetup_id)
    invitations = InvitationRepository(store)
    for address in emails:
        invitation = invitations.get(meetup_id, address)
        read_version = invitation.version
        after = meetup.answer(invitation, Answer.ATTENDING, datetime.now(UTC), counts)
        invitations.save_answer(meetup, invitation, read_version, counts, after)
        counts = after


def account(name: str) -> dict[str, str]:
    """What a new account signs up with."""
    return {"email": f"{name}@example.com", "password": PASSWORD, "name": name.title()}


def with_photo(store: ItemStore, meetup_id: str) -> None:
    """A ready photo for the meetup, its cover."""
    now = datetime.now(UTC)
    picture = Media.request(
        media_id=new_id(),
        meetup_id=meetup_id,
        kind=MediaKind.PHOTO,
        content_type="image/jpeg",
        size=1000,
        now=now,
    )
    picture.start_processing(now)
    picture.finish((Rendition("w320.webp", "image/webp", 320, 240),), now)
    MediaRepository(store).add(picture)
    MediaRepository(store).offer_cover(picture)


# -- the calls ------------------------------------------------------------------------------


def call_auth(c: Cloud, w: World) -> None:
    """Every route of the auth function."""
    r, m = c.runner, w.size.meetups
    # Claiming a guest's drafts moves them a transaction a page.
    claimed = pages(m, MEETUPS_PER_TRANSACTION)
    r.http("POST", "/api/auth/guest", "a new guest", expect=201)
    newcomer = r.http(
        "POST",
        "/api/auth/signup",
        f"a guest with {m} drafts signs up ({claimed} pages of {MEETUPS_PER_TRANSACTION})",
        token=w.guest,
        body=account("newcomer"),
        expect=201,
        pages=claimed,
    ).body
    r.settle()  # the notifier emails the link that confirms the address
    r.http(
        "POST",
        "/api/auth/verify/resend",
        "an account not confirmed yet",
        token=newcomer["access_token"],
        expect=202,
    )
    r.settle()
    token = emailed("newcomer@example.com", r"/verify/([A-Za-z0-9_-]+)")
    r.http("POST", "/api/auth/verify", "the link just emailed", body={"token": token})
    login = {"email": w.planner_email, "password": PASSWORD}
    session = r.http("POST", "/api/auth/login", f"organizer with {m} meetups", body=login).body
    refreshed = r.http(
        "POST",
        "/api/auth/refresh",
        "an unspent refresh token",
        body={"refresh_token": session["refresh_token"]},
    ).body
    r.http(
        "POST",
        "/api/auth/logout",
        "a refresh token",
        body={"refresh_token": refreshed["refresh_token"]},
        expect=204,
    )
    r.http("GET", "/api/me", f"organizer with {m} meetups", token=w.planner)
    asked = {"email": w.planner_email}
    r.http("POST", "/api/auth/password/forgot", "an account's address", body=asked, expect=202)
    r.settle()
    reset = {"token": emailed(w.planner_email, r"/reset/([A-Za-z0-9_-]+)"), "password": PASSWORD}
    r.http("POST", "/api/auth/password/reset", "the link just emailed", body=reset)
    r.http("POST", "/api/auth/code", "an account's address", body=asked, expect=202)
    r.settle()
    code = {**asked, "code": emailed(w.planner_email, r"sign-in code: (\d{6})")}
    r.http("POST", "/api/auth/code/verify", "the code just emailed", body=code)
    r.http("GET", "/api/auth/providers", "one provider")
    start = r.http(
        "GET",
        f"/api/auth/oidc/{PROVIDER}/start",
        f"a guest with {m} drafts",
        token=w.social_guest,
        query=urlencode({"next": "/meetups"}),
        headers={"accept": "application/json"},
    ).body
    # The browser at the provider, which answers with the code at once.
    authorize = httpx.get(start["authorize_url"], follow_redirects=False)
    back = urlsplit(authorize.headers["location"])
    landed = r.http(
        "GET",
        back.path,
        f"a new account, claiming {m} drafts ({claimed} pages)",
        query=back.query,
        expect=302,
        pages=claimed,
    )
    handoff = parse_qs(urlsplit(landed.location).query).get("code", [""])[0]
    if not handoff:  # sent back to log in: refused
        r.results.fail_last(("GET /api/auth/oidc/{provider}/callback", ""), landed.location)
    r.http("POST", "/api/auth/oidc/exchange", "the one-time code", body={"code": handoff})
    r.http("GET", "/.well-known/openid-configuration", "-")
    r.http("GET", "/.well-known/jwks.json", "-")


def call_meetups(c: Cloud, w: World) -> None:
    """Every route of the meetups function but its media's."""
    r, m, n = c.runner, w.size.meetups, w.size.invitees
    host, main = w.host, w.main
    r.http(
        "POST",
        "/api/meetups",
        "a new draft",
        token=host,
        body=meetup_values("one more"),
        expect=201,
    )
    r.http(
        "GET",
        "/api/meetups",
        f"first page ({SEARCH_PAGE}) of {m + SEARCH_PAGE} public meetups",
        query=urlencode({"q": "open", "sort": "soonest"}),
    )
    r.http("POST", f"/api/meetups/{w.public}/join", f"public, {n} invitees", token=w.planner)
    r.http("GET", f"/api/meetups/{main}", f"{n} invitees", token=host)
    r.http("GET", f"/api/meetups/{w.series}/series", f"a series, {n} invitees", token=host)
    r.http(
        "GET",
        f"/api/meetups/{w.series}/series.ics",
        f"a series, {n} invitees",
        token=host,
        headers={"accept": "text/calendar"},
    )
    r.http(
        "PATCH",
        f"/api/meetups/{main}",
        f"{n} invitees, a new title",
        token=host,
        body={"title": "Renamed"},
    )
    r.http(
        "GET", f"/api/meetups/{main}/invitations", f"first page (100) of {n} invitees", token=host
    )
    late = {"invitees": [{"email": "late@example.com"}]}
    r.http(
        "POST",
        f"/api/meetups/{main}/invitations",
        f"1 more to {n} invitees",
        token=host,
        body=late,
        expect=201,
    )
    r.settle()  # the invitation goes out
    r.http(
        "POST",
        f"/api/meetups/{main}/invitations/link",
        f"1 of {n} invitees",
        token=host,
        body={"email": "main-0@example.com"},
    )
    # Everyone attending, in one answer: read a bulk page at a time.
    read = pages(n, BULK_PAGE)
    r.http(
        "GET",
        f"/api/meetups/{main}/attendees",
        f"{n} attending ({read} pages of {BULK_PAGE})",
        token=host,
        pages=read,
    )
    r.http(
        "GET",
        "/api/me/meetups",
        f"first page (50) of {m} meetups, each with a photo",
        token=w.planner,
    )
    link = {"token": w.answer_token}
    r.http("GET", f"/api/rsvp/{w.answer_token}", f"meetup with {n} invitees")
    r.http(
        "POST",
        f"/api/rsvp/{w.answer_token}",
        f"meetup with {n} invitees",
        body={"response": "declined"},
    )
    r.settle()  # the answer is confirmed by email
    r.http("GET", f"/api/unsubscribe/{link['token']}", f"meetup with {n} invitees")
    r.http(
        "POST",
        f"/api/unsubscribe/{link['token']}",
        f"meetup with {n} invitees",
        headers={"accept": "application/json"},
    )
    r.http("POST", f"/api/meetups/{w.to_publish}/publish", f"a draft, {n} invitees", token=host)
    r.settle()  # the invitations go out
    r.http("POST", f"/api/meetups/{w.to_cancel}/cancel", f"published, {n} invitees", token=host)
    r.settle()  # everyone invited is told
    # What is kept under the draft (its invitations and counts) goes a transaction a batch.
    purged = pages(n + 1, MAX_TRANSACTION_OPS, PURGE_BATCHES_NOW)
    r.http(
        "DELETE",
        f"/api/meetups/{w.to_delete}",
        f"a draft, {n} invitees ({purged} batches of {MAX_TRANSACTION_OPS}, at most "
        f"{PURGE_BATCHES_NOW}: the clean-up job takes the rest)",
        token=host,
        expect=204,
        pages=purged,
    )
    r.settle()
    # A second seat: the first in line gets it (and an email).
    r.http("PATCH", f"/api/meetups/{w.full}", token=host, body={"capacity": 2})
    r.settle()
    # A new time: everyone invited is told.
    later = (datetime.now(UTC) + timedelta(days=31)).replace(microsecond=0)
    r.http("PATCH", f"/api/meetups/{main}", token=host, body={"starts_at": later})
    r.settle()


def call_media(c: Cloud, w: World) -> None:
    """The media routes, and the media function: uploads, a conversion, a removal."""
    r, n, main = c.runner, w.size.invitees, w.main
    prefix = f"/api/meetups/{main}/media"

    def upload(kind: str, content_type: str, content: bytes, what: str | None) -> str:
        body = {"kind": kind, "content_type": content_type, "size": len(content)}
        answer = r.http("POST", prefix, what, token=w.host, body=body, expect=201).body
        # The browser's POST: moto's S3 then announces the upload on the media queue.
        c.seeding.media.put(answer["upload"]["fields"]["key"], content, content_type)
        r.settle()
        return str(answer["media"]["id"])

    picture = upload("photo", "image/jpeg", photo(), f"a photo of a meetup with {n} invitees")
    video = upload("video", "video/mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(4000), None)
    # What the conversion writes, then the end EventBridge reports.
    c.seeding.media.put(
        f"meetups/{main}/media/{video}/hls/index.m3u8",
        b"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=5000000\nindex_720p.m3u8\n",
        "application/vnd.apple.mpegurl",
    )
    ended = completion_event(c.runner.stack, main, video)
    r.invoke("MediaFunction", ended, ("MediaFunction", "a conversion ended"), "a video")
    r.http("GET", f"{prefix}/{picture}", "a ready photo", token=w.host)
    shown = r.http("GET", f"/api/meetups/{main}", token=w.host).body["media"]
    stream_url = next(m["stream_url"] for m in shown if m["stream_url"])
    public_url = c.runner.stack.parameters["PublicUrl"]
    r.http("GET", stream_url.removeprefix(public_url), "a video's playlist")
    r.http("DELETE", f"{prefix}/{picture}", "a ready photo", token=w.host, expect=204)
    r.settle()  # the media function deletes its files


def completion_event(stack: Stack, meetup_id: str, media_id: str) -> dict[str, Any]:
    """The sample COMPLETE event of MediaConvert, for this video in this stack's bucket."""
    text = json.dumps(
        json.loads((EVENTS / "mediaConvertJobStateChange.json").read_text())["COMPLETE"]
    )
    text = text.replace("slsplay-prod-media-111122223333", stack.physical_name("MediaBucket"))
    text = text.replace("01JP3M8Z6Q4R7T2V9X1C5B8N0D", meetup_id)
    event: dict[str, Any] = json.loads(text.replace("01JP3MB2K7H5F9W3Y6A1E4G8J2", media_id))
    return event


def call_payments(c: Cloud, w: World) -> None:
    """Every route of the payments function; the paid meetup's cancellation refunds."""
    r, n = c.runner, w.size.invitees
    r.http("POST", "/api/me/payout-account", "an organizer with one", token=w.host)
    started = r.http(
        "POST", f"/api/rsvp/{w.paid_token}/checkout", f"a paid meetup, {n} invitees", expect=201
    ).body
    session = c.stripe.complete(started["ticket"]["checkout_url"].rsplit("/", 1)[-1])
    body, headers = c.stripe.webhook(
        "checkout.session.completed", session["id"], STRIPE_KEYS["webhook_secret"]
    )
    r.http("POST", "/api/payments/webhook", "a checkout completed", raw=body, headers=headers)
    r.settle()
    r.http("GET", "/api/me/balance", "an organizer with a sale", token=w.host)
    available_sale(c, w.host_id, "sale-route")
    r.http("POST", "/api/me/payouts", "one sale available", token=w.host)
    r.http("POST", f"/api/meetups/{w.paid}/cancel", token=w.host)
    r.settle()  # the paid ticket is refunded


def available_sale(c: Cloud, organizer_id: str, entry_id: str) -> None:
    """A sale whose money became available for payout a moment ago."""
    moment = datetime.now(UTC) - timedelta(minutes=5)
    LedgerRepository(c.store).record(
        [
            LedgerEntry(
                id=entry_id,
                organizer_id=organizer_id,
                kind=EntryKind.SALE,
                amount_minor=2500,
                currency="EUR",
                recorded_at=moment,
                available_at=moment,
            )
        ]
    )


MY_MEETUPS = """query($first: Int!) { myMeetups(first: $first) { nodes { id title
  organizer { name } counts { invited attending } coverImage { id } media { id status } } } }"""


def call_graphql_and_docs(c: Cloud, w: World) -> None:
    """The GraphQL routes, and the documentation's."""
    r, m = c.runner, w.size.meetups
    asked = {"query": MY_MEETUPS, "variables": {"first": 20}}
    answer = r.http(
        "POST",
        "/api/graphql",
        f"first page (20) of {m} meetups, with their media",
        token=w.planner,
        body=asked,
    ).body
    if answer and "errors" in answer:
        r.results.fail_last(("POST /api/graphql", ""), str(answer["errors"])[:120])
    r.http(
        "GET",
        "/api/graphql",
        "who is asking",
        token=w.planner,
        query=urlencode({"query": "{ viewer { name } }"}),
    )
    r.http("GET", "/api/openapi.json", "-")
    r.http("GET", "/api/docs", "-", headers={"accept": "text/html"})


def call_jobs(c: Cloud, w: World) -> None:
    """Each scheduled job, with one thing due among the size's data."""
    r, n = c.runner, w.size.invitees
    clock = SystemClock()
    ports = c.ports()
    soon = meetups.plan_meetup(
        ports, w.host_id, meetup_values("soon", starts_at=clock.now() + timedelta(minutes=50))
    ).meetup.id
    emails = [f"soon-{i}@example.com" for i in range(n)]
    for start in range(0, n, MAX_INVITEES_PER_REQUEST):
        batch = [{"email": e} for e in emails[start : start + MAX_INVITEES_PER_REQUEST]]
        meetups.invite_people(ports, w.host_id, soon, batch)
    meetups.publish_meetup(ports, w.host_id, soon)
    attend_all(c.store, soon, emails)
    # An old guest's draft untouched for 31 days, for the clean-up.
    then = FakeClock(clock.now() - timedelta(days=31))
    guest = User.guest(user_id=new_id(), now=then.now())
    UserRepository(c.store).add(guest)
    meetups.plan_meetup(c.ports(then), guest.id, meetup_values("forgotten"))
    # A seat held at checkout 20 minutes ago, past its 15.
    lapsing(c, w)
    available_sale(c, w.host_id, "sale-job")
    # A published monthly series whose next occurrence came within 60 days.
    earlier = FakeClock(clock.now() - timedelta(days=40))
    monthly = meetups.plan_meetup(
        c.ports(earlier),
        w.host_id,
        meetup_values(
            "monthly",
            starts_at=clock.now() + timedelta(days=1),
            recurrence={"frequency": "monthly"},
        ),
    ).meetup.id
    meetups.publish_meetup(c.ports(earlier), w.host_id, monthly)
    assert r.tier is not None
    r.tier.skip()  # the jobs' data is not news for the notifier
    read = pages(n, BULK_PAGE)
    r.job(
        "AttendeeListJob",
        f"1 meetup within the hour, {n} attending ({read} pages of {BULK_PAGE})",
        read,
    )
    r.job("RemindersJob", f"1 meetup within the hour, {n} attending")
    r.job("CleanupJob", "1 abandoned draft")
    r.job("CheckoutsJob", "1 lapsed hold")
    r.job("PayoutsJob", "1 sale available")
    r.job("SeriesJob", "1 series due")
    r.settle()


def lapsing(c: Cloud, w: World) -> None:
    """A paid meetup's seat held at checkout 20 minutes ago, past its 15."""
    past = FakeClock(datetime.now(UTC) - timedelta(minutes=20))
    seller = tickets.PaymentPorts(c.store, past, c.seeding.payments, "https://" + HOST)
    price = {"amount_minor": 2500, "currency": "EUR"}
    held = meetups.plan_meetup(seller, w.host_id, meetup_values("held", price=price)).meetup.id
    meetups.invite_people(seller, w.host_id, held, [{"email": "held@example.com"}])
    meetups.publish_meetup(seller, w.host_id, held)
    meetup, _ = MeetupRepository(c.store).get(held)
    invitation = InvitationRepository(c.store).get(held, "held@example.com")
    tickets.start_checkout(seller, answers.mint_answer_token(seller, meetup, invitation))


# -- the table ------------------------------------------------------------------------------


def summary(usages: list[Usage]) -> str:
    """The call with the most requests: ``"3 req 1 w  Query 2, GetItem 1"`` (and ``x N``)."""
    most = max(usages, key=lambda u: (u.total, u.writes))
    writes = max(u.writes for u in usages)
    parts = ", ".join(f"{_short(name)} {count}" for name, count in sorted(most.requests.items()))
    times = f" x{len(usages)}" if len(usages) > 1 else ""
    return f"{most.total:>3} req {writes:>4} w{times:<6} {parts or '-'}"


def _short(operation: str) -> str:
    """``GetItem``: ``Get``; ``TransactWriteItems``: ``TransactWrite``."""
    return operation.removesuffix("Items").removesuffix("Item")


def others(usages: list[Usage]) -> str:
    """The other AWS calls of the call with the most of them."""
    most = max(usages, key=lambda u: u.other.total())
    return ", ".join(f"{name} {count}" for name, count in sorted(most.other.items()))


def rows_in_order(stack: Stack, results: Sequence[Results]) -> list[Row]:
    """The routes as the template lists them, then each background function's kinds of calls
    (a function called by no kind at all: one row, to show it missing)."""
    routes = [(route.key, "") for route in http_api_routes(stack).all()]
    functions = list(stack.resources("AWS::Serverless::Function"))
    background = [
        logical_id
        for logical_id in functions
        if any(
            source["Type"] != "HttpApi"
            for source in (stack.properties(logical_id).get("Events") or {}).values()
        )
    ]
    seen = {row for result in results for row in result.calls if row not in routes}
    rows = list(routes)
    for logical_id in background:
        kinds = sorted(row for row in seen if row[0] == logical_id)
        rows += kinds or [(logical_id, "")]
    return rows


def flags(runs: Sequence[list[Usage] | None]) -> list[str]:
    """What fails the bench in a row's calls at the two sizes."""
    small, large = runs
    if small is None or large is None:
        return ["MISSING"]
    found = []
    if max(u.per_page for u in large) > max(u.per_page for u in small):
        found.append("GROWS")
    if any(u.requests["Scan"] for u in small + large):
        found.append("SCAN")
    if any(u.error for u in small + large):
        found.append("ERROR")
    return found


def report(stack: Stack, small: tuple[Size, Results], large: tuple[Size, Results]) -> list[str]:
    """Print the table; answers what fails the bench."""
    rows = rows_in_order(stack, [small[1], large[1]])
    sizes = (small, large)
    print("DynamoDB requests per call, aws backend on moto (in process)")
    print(f"small: {small[0]}; large: {large[0]}")
    print("req: requests (of the call with the most, by operation); w: items written (most);")
    print("xN: calls of that kind (a background function gets a record or message a call)\n")
    texts = {
        row: [summary(r.calls[row]) if row in r.calls else "(not called)" for _, r in sizes]
        for row in rows
    }
    width = max(len(text) for pair in texts.values() for text in pair)
    names = {row: " ".join(row).strip() for row in rows}
    name_width = max(len(name) for name in names.values())
    heading = f"{'small':<{width}}  {'large':<{width}}  {'':<6} the large call; other AWS calls"
    print(f"{'':<{name_width}}  {heading}")
    failures: list[str] = []
    for row in rows:
        runs = [r.calls.get(row) for _, r in sizes]
        found = flags(runs)
        what, extra = large[1].what.get(row, ""), others(runs[1] or [])
        print(
            f"{names[row]:<{name_width}}  {texts[row][0]:<{width}}  {texts[row][1]:<{width}}  "
            f"{' '.join(found):<6} {'; '.join(part for part in (what, extra) if part)}"
        )
        for error in dict.fromkeys(u.error for run in runs for u in run or [] if u.error):
            print(f"{'':<{name_width}}    ERROR: {error}")
        failures += [f"{names[row]}: {flag}" for flag in found]
    return failures


def measure(stack: Stack, size: Size, stripe: StripeFake, provider: OidcProvider) -> Results:
    """Every call at one size, in a moto of its own."""
    meter = Meter()
    with aws(stack, meter, stripe, provider) as c:
        world = build_world(c, size)
        assert c.runner.tier is not None
        c.runner.tier.skip()
        for calls in (
            call_auth,
            call_meetups,
            call_media,
            call_payments,
            call_graphql_and_docs,
            call_jobs,
        ):
            calls(c, world)
        return c.runner.results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=Size.parse, default=Size(2, 5), help="meetups,invitees")
    parser.add_argument("--large", type=Size.parse, default=Size(60, 600), help="meetups,invitees")
    args = parser.parse_args()
    started = time.perf_counter()
    stack = Stack.load(parameters={"Stage": STAGE}, region=REGION)
    with StripeFake() as stripe, OidcProvider() as provider:
        provider.add_user("social-1", "social@example.com", name="Sol")
        small = measure(stack, args.small, stripe, provider)
        large = measure(stack, args.large, stripe, provider)
    failures = report(stack, (args.small, small), (args.large, large))
    print(f"\n({time.perf_counter() - started:.0f} s in all)")
    if failures:
        print(f"\nFAILED: {len(failures)}: " + "; ".join(failures))
        sys.exit(1)
    print("\nevery route and function called; none grows, scans or fails")


if __name__ == "__main__":
    main()
