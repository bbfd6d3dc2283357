"""The meetups function: meetups, invitations, attendee lists, and invitees' answers by link."""

from __future__ import annotations

import functools
from http import HTTPStatus
from typing import TYPE_CHECKING, Annotated, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from slsplay.domain.errors import NotFound, PreconditionFailed
from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.meetup_details import CATEGORIES
from slsplay.domain.meetups import MeetupStatus
from slsplay.domain.search import SORTS
from slsplay.domain.tickets import Ticket
from slsplay.handlers import attending, insights, meetup_media, pages
from slsplay.handlers.context import container
from slsplay.handlers.http import (
    SECURED,
    TEXT_BODY,
    build_resolver,
    caller,
    lambda_handler,
    model_content,
    problems,
)
from slsplay.handlers.lazy import Header, LazyModule, Query, models
from slsplay.handlers.presenters import (
    answer_page_url,
    attendees_out,
    invitation_out,
    meetup_out,
    rsvp_out,
    series_out,
)
from slsplay.ports.search import MAX_SEARCH_PAGE
from slsplay.services import answers, discovery, meetups, series, views
from slsplay.services import insights as insights_service
from slsplay.services.views import MeetupView

if TYPE_CHECKING:
    from slsplay.mail import calendar
else:  # icalendar, for one route
    calendar = LazyModule("slsplay.mail.calendar")

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
TAGS = ["meetups"]
ANSWERS = ["answers"]
ICS = "text/calendar"


def _meetup(view: MeetupView, status: int = 200) -> Response[models.MeetupOut]:
    """A meetup for the signed-in caller, with its version as the ETag."""
    who = caller(router)
    claims = router.current_event.request_context.authorizer.jwt_claim or {}
    organizer = view.meetup.is_organizer(who.user_id)
    body = meetup_out(
        view,
        container().clock.now(),
        viewer_id=who.user_id,
        organizer_name=claims.get("name") if organizer else None,
        media=meetup_media.shown_media(view, organizer=organizer),
    )
    etag = f'"{view.meetup.version}"'
    return Response(status, "application/json", body, headers={"ETag": etag})


def _answer(invitation: Invitation, view: MeetupView, ticket: Ticket | None) -> models.RsvpOut:
    """What an invitee sees from their answer link, with the meetup's media signed for them."""
    media = meetup_media.shown_media(view, organizer=False)
    return rsvp_out(invitation, view, container().clock.now(), ticket=ticket, media=media)


# The search's parameters are text, checked by the service; the document says what it takes.
INSTANT = {"format": "date-time"}


def _whole_number_up_to(high: int) -> str:
    """A pattern for the digits of a whole number from 1 to ``high`` (leading zeros too)."""
    return "^0*(" + "|".join(str(n) for n in range(high, 0, -1)) + ")$"


def _version_of(if_match: str | None) -> int | None:
    """The version an ``If-Match`` header asks for; ``None`` for none or ``*``."""
    if if_match is None or if_match.strip() == "*":
        return None
    tag = if_match.strip().removeprefix("W/").strip('"')
    if not tag.isdigit():
        raise PreconditionFailed
    return int(tag)


@router.post(
    "/api/meetups",
    responses=problems(secured=True, success=201),
    tags=TAGS,
    security=SECURED,
    status_code=201,
    summary="Plan a meetup (a draft)",
)
def create_meetup(body: models.MeetupCreate) -> Response[models.MeetupOut]:
    deps = container()
    view = meetups.plan_meetup(deps, caller(router).user_id, body.model_dump())
    return _meetup(view, 201)


@router.get(
    "/api/meetups/<id>",
    responses=problems(404, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="A meetup",
)
def get_meetup(id: str) -> Response[models.MeetupOut]:
    return _meetup(views.view_meetup(container(), id, caller(router).user_id))


@router.patch(
    "/api/meetups/<id>",
    responses=problems(403, 404, 409, 412, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="Change some fields (If-Match: the version you saw, or 412)",
)
def update_meetup(
    id: str,
    body: models.MeetupUpdate,
    if_match: Annotated[
        str | None,
        Header(
            alias="if-match",
            description="The ETag of the version you saw, or *: 409 if it changed since.",
            json_schema_extra={"pattern": '^(\\*|(W/)?"[0-9]+")$'},
        ),
    ] = None,
    apply_to: Annotated[
        Literal["this", "following"],
        Query(description="An occurrence of a series: this one, or this and all future."),
    ] = "this",
) -> Response[models.MeetupOut]:
    deps = container()
    view = meetups.edit_meetup(
        deps,
        caller(router).user_id,
        id,
        body.model_dump(exclude_unset=True),
        expected_version=_version_of(if_match),
        scope=apply_to,
    )
    return _meetup(view)


@router.delete(
    "/api/meetups/<id>",
    responses=problems(403, 404, 409, secured=True, empty_success=204),
    tags=TAGS,
    security=SECURED,
    status_code=204,
    summary="Delete a draft",
)
def delete_meetup(id: str) -> Response[None]:
    deps = container()
    meetups.delete_meetup(deps, caller(router).user_id, id)
    return Response(204)


@router.post(
    "/api/meetups/<id>/publish",
    responses=problems(403, 404, 409, secured=True),
    tags=TAGS,
    security=SECURED,
    summary=(
        "Publish (guests are asked to sign up: 403 signup_required; an account whose email"
        " is not confirmed yet: 403 verification_required)"
    ),
)
def publish_meetup(id: str) -> Response[models.MeetupOut]:
    deps = container()
    view = meetups.publish_meetup(deps, caller(router).user_id, id)
    return _meetup(view)


@router.post(
    "/api/meetups/<id>/cancel",
    responses=problems(403, 404, 409, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="Cancel; everyone is told",
)
def cancel_meetup(id: str) -> Response[models.MeetupOut]:
    deps = container()
    view = meetups.cancel_meetup(deps, caller(router).user_id, id)
    return _meetup(view)


@router.post(
    "/api/meetups/<id>/invitations",
    responses=problems(403, 404, 409, secured=True, success=201),
    tags=TAGS,
    security=SECURED,
    status_code=201,
    summary="Invite people by email (nobody twice)",
)
def invite_people(id: str, body: models.InviteRequest) -> models.InvitationsOut:
    deps = container()
    invited = meetups.invite_people(
        deps,
        caller(router).user_id,
        id,
        [invitee.model_dump() for invitee in body.invitees],
    )
    return models.InvitationsOut(invitations=[invitation_out(i) for i in invited])


@router.get(
    "/api/meetups/<id>/series",
    responses=problems(404, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="The monthly series of an occurrence: its rule and the occurrences created",
)
def get_series(id: str) -> models.SeriesOut:
    found, occurrences = series.series_with_occurrences(container(), id, caller(router).user_id)
    return series_out(found, occurrences)


@router.get(
    "/api/meetups/<id>/series.ics",
    responses={
        **problems(404, secured=True),
        200: {"description": "The series as one repeating event", "content": {ICS: TEXT_BODY}},
    },
    tags=TAGS,
    security=SECURED,
    summary="The series for a calendar app: RRULE, and EXDATE for each cancelled occurrence",
)
def get_series_calendar(id: str) -> Response[bytes]:
    found, _ = series.series_with_occurrences(container(), id, caller(router).user_id)
    return _calendar_file(calendar.series_calendar(found), "series.ics")


def _calendar_file(content: bytes, filename: str) -> Response[bytes]:
    disposition = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(200, ICS, content, headers=disposition)


@router.get(
    "/api/meetups/<id>/calendar.ics",
    responses={
        **problems(404, secured=True),
        200: {"description": "The meetup as one event", "content": {ICS: TEXT_BODY}},
    },
    tags=TAGS,
    security=SECURED,
    summary="The meetup for a calendar app (with the join link for its organizer)",
)
def get_meetup_calendar(id: str) -> Response[bytes]:
    deps, who = container(), caller(router).user_id
    view = views.view_meetup(deps, id, who)
    content = calendar.page_calendar(
        view.meetup,
        viewer_id=who,
        organizer_name=view.organizer_name or "Organizer",
        mail_from=deps.settings.mail_from,
        page_url=f"{deps.settings.public_url}/meetups/{view.meetup.id}",
    )
    return _calendar_file(content, "meetup.ics")


@router.get(
    "/api/meetups/<id>/invitations",
    responses=problems(403, 404, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="Who is invited and what each answered",
)
def list_invitations(
    id: str,
    cursor: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> models.InvitationsOut:
    page, next_cursor = meetups.invitations_of(
        container(), caller(router).user_id, id, limit=limit, cursor=cursor
    )
    return models.InvitationsOut(
        invitations=[invitation_out(i) for i in page], next_cursor=next_cursor
    )


@router.post(
    "/api/meetups/<id>/invitations/link",
    responses=problems(403, 404, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="A fresh personal answer link for one invitee, to share by other means",
)
def answer_link(id: str, body: models.AnswerLinkIn) -> models.AnswerLinkOut:
    deps = container()
    token, invitation = answers.answer_link(deps, caller(router).user_id, id, body.email)
    url = answer_page_url(deps.settings.public_url, token)
    return models.AnswerLinkOut(email=invitation.email, token=token, url=url)


@router.get(
    "/api/meetups/<id>/attendees",
    responses=problems(403, 404, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="Everyone attending, in the order they answered, and the waiting list",
)
def attendees(id: str) -> models.AttendeesOut:
    deps, who = container(), caller(router).user_id
    people = meetups.attendees_of(deps, who, id)
    waiting = answers.waiting_list_of(deps, who, id)
    return attendees_out(people, waiting)


@router.get(
    "/api/me/meetups",
    responses=problems(secured=True),
    tags=TAGS,
    security=SECURED,
    summary="My meetups, by start",
)
def my_meetups(
    cursor: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> models.MeetupsPage:
    deps, who = container(), caller(router)
    claims = router.current_event.request_context.authorizer.jwt_claim or {}
    page, next_cursor = views.meetups_of_organizer(deps, who.user_id, limit=limit, cursor=cursor)
    shown = views.views_of(deps, page)
    now = deps.clock.now()
    return models.MeetupsPage(
        meetups=[
            meetup_out(
                v,
                now,
                viewer_id=who.user_id,
                organizer_name=claims.get("name"),
                media=meetup_media.shown_media(v, organizer=True),
            )
            for v in shown
        ],
        next_cursor=next_cursor,
    )


@router.get(
    "/api/meetups",
    responses=problems(),
    tags=["discovery"],
    summary="Search public meetups (anyone): words, category, time windows, an order, pages",
)
def search_meetups(  # the query string's parameters, each by name
    *,
    visibility: Annotated[
        Literal["public"], Query(description="Only public meetups are listed here.")
    ] = "public",
    q: Annotated[
        str | None,
        Query(
            description="Words; each also matches as a prefix.",
            json_schema_extra={"maxLength": discovery.QUERY_TEXT_MAX},
        ),
    ] = None,
    category: Annotated[str | None, Query(json_schema_extra={"enum": [*CATEGORIES]})] = None,
    starts_after: Annotated[
        str | None, Query(description="ISO 8601 with an offset.", json_schema_extra=INSTANT)
    ] = None,
    starts_before: Annotated[str | None, Query(json_schema_extra=INSTANT)] = None,
    created_after: Annotated[str | None, Query(json_schema_extra=INSTANT)] = None,
    created_before: Annotated[str | None, Query(json_schema_extra=INSTANT)] = None,
    closes_before: Annotated[
        str | None, Query(description="Answers close by then.", json_schema_extra=INSTANT)
    ] = None,
    sort: Annotated[
        str | None,
        Query(
            description="soonest, newest, closing, popular or relevance (with words)",
            json_schema_extra={"enum": [*SORTS]},
        ),
    ] = None,
    limit: Annotated[
        str | None,
        Query(
            description=f"1 to {MAX_SEARCH_PAGE} (default 20)",
            json_schema_extra={"pattern": _whole_number_up_to(MAX_SEARCH_PAGE)},
        ),
    ] = None,
    cursor: Annotated[str | None, Query()] = None,
) -> models.MeetupsPage:
    deps = container()
    now = deps.clock.now()
    query = discovery.search_query(
        {
            "q": q,
            "category": category,
            "starts_after": starts_after,
            "starts_before": starts_before,
            "created_after": created_after,
            "created_before": created_before,
            "closes_before": closes_before,
            "sort": sort,
            "limit": limit,
            "cursor": cursor,
        },
        now,
    )
    found, next_cursor = discovery.search_public(deps, query)
    return models.MeetupsPage(
        meetups=[
            meetup_out(v, now, viewer_id=None, media=meetup_media.shown_media(v, organizer=False))
            for v in found
        ],
        next_cursor=next_cursor,
    )


@router.post(
    "/api/meetups/<id>/join",
    responses=problems(404, 409, secured=True),
    tags=["discovery"],
    security=SECURED,
    summary="Join a public meetup: an answer link of your own (then answer, or check out)",
)
def join_meetup(id: str) -> models.JoinedOut:
    deps = container()
    joined = discovery.join_public(deps, caller(router).user_id, id)
    url = answer_page_url(deps.settings.public_url, joined.token)
    return models.JoinedOut(token=joined.token, url=url)


@router.get(
    "/api/rsvp/<token>/calendar.ics",
    responses={
        **problems(404),
        200: {"description": "The meetup as one event", "content": {ICS: TEXT_BODY}},
    },
    tags=ANSWERS,
    summary="An invitee's calendar file: their answer, and the join link once they attend",
)
def invitation_calendar(token: str) -> Response[bytes]:
    deps = container()
    invitation, view = answers.open_answer_link(deps, token)
    meetup = view.meetup
    content = calendar.meetup_calendar(
        meetup,
        invitation,
        organizer_name=view.organizer_name or "Organizer",
        mail_from=deps.settings.mail_from,
        answer_url=answer_page_url(deps.settings.public_url, token),
        sequence=meetup.version,
        method="CANCEL" if meetup.status is MeetupStatus.CANCELLED else "REQUEST",
    )
    return _calendar_file(content, "meetup.ics")


@router.get(
    "/api/rsvp/<token>",
    responses=problems(404),
    tags=ANSWERS,
    summary="What an invitee sees from their answer link",
)
def view_invitation(token: str) -> models.RsvpOut:
    deps = container()
    invitation, view = insights_service.visit_answer_link(deps, token)
    ticket = answers.ticket_of(deps, invitation)
    return _answer(invitation, view, ticket)


@router.post(
    "/api/rsvp/<token>",
    responses=problems(404, 409),
    tags=ANSWERS,
    summary="Answer: attending or declined (until the start; a paid meetup: checkout)",
)
def answer_invitation(token: str, body: models.RsvpIn) -> models.RsvpOut:
    deps = container()
    invitation, view = answers.answer_by_link(
        deps,
        token,
        Answer(body.response),
        forfeit_ticket=body.forfeit_ticket,
        scope=body.scope,
    )
    ticket = answers.ticket_of(deps, invitation)
    return _answer(invitation, view, ticket)


UNSUBSCRIBE_PAGE: dict[int, OpenAPIResponse] = {
    **problems(404),
    200: {
        "description": "A page that asks before unsubscribing (a GET never changes anything)",
        "content": {pages.HTML: TEXT_BODY},
    },
}
# An unknown link gets a page; a path that is no token at all, the API's problem document.
UNSUBSCRIBE_PAGE[404]["content"][pages.HTML] = TEXT_BODY


@router.get(
    "/api/unsubscribe/<token>",
    responses=UNSUBSCRIBE_PAGE,
    tags=ANSWERS,
    summary="The page an email's Unsubscribe link opens",
)
def unsubscribe_page(token: str) -> Response[str]:
    try:
        invitation, meetup = answers.unsubscribe_link(container(), token)
    except NotFound:
        return pages.page("not_found", HTTPStatus.NOT_FOUND, title="Unknown link")
    return pages.page(
        "unsubscribe",
        title="Unsubscribe",
        done=not invitation.wants_email,
        email=invitation.email,
        meetup_title=meetup.details.title,
    )


@router.post(
    "/api/unsubscribe/<token>",
    responses={
        **problems(404),
        200: {
            "description": "Unsubscribed (again, if already): JSON, or a page for a browser",
            "content": {
                "application/json": model_content("UnsubscribedOut"),
                pages.HTML: TEXT_BODY,
            },
        },
    },
    tags=ANSWERS,
    summary="Unsubscribe from a meetup's emails (RFC 8058 one-click, or the page's button)",
)
def unsubscribe(token: str) -> Response[str]:
    deps = container()
    invitation, meetup = answers.unsubscribe_by_link(deps, token)
    accept = router.current_event.headers.get("accept") or ""
    if "text/html" in accept:  # the page's form, in a browser
        title, email = meetup.details.title, invitation.email
        return pages.page(
            "unsubscribe", title="Unsubscribed", done=True, email=email, meetup_title=title
        )
    assert invitation.unsubscribed_at is not None
    out = models.UnsubscribedOut(
        email=invitation.email,
        meetup_id=meetup.id,
        meetup_title=meetup.details.title,
        unsubscribed_at=invitation.unsubscribed_at,
    )
    return Response(HTTPStatus.OK, "application/json", out.model_dump_json())


ROUTERS = (router, meetup_media.router, attending.router, insights.router)
# RFC 8058: a mail app's one-click unsubscribe POSTs "List-Unsubscribe=One-Click" as a form.
handler = lambda_handler(
    functools.partial(build_resolver, *ROUTERS), form_bodies_under="/api/unsubscribe/"
)
