"""An attendee's home on the HTTP API (routes of the meetups function): the meetups the
signed-in person is invited to or joined, with their answers, and an answer link for each."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from slsplay.handlers import meetup_media
from slsplay.handlers.context import container
from slsplay.handlers.http import SECURED, caller, problems
from slsplay.handlers.lazy import Query, models
from slsplay.handlers.presenters import answer_page_url, rsvp_out
from slsplay.services import attending

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
TAGS = ["answers"]


@router.get(
    "/api/me/invitations",
    responses=problems(secured=True),
    tags=TAGS,
    security=SECURED,
    summary="The meetups I am invited to or joined, with my answers: upcoming soonest first",
)
def my_invitations(
    when: Annotated[
        Literal["upcoming", "past"],
        Query(description="upcoming: not ended yet, soonest first; past: ended, latest first."),
    ] = "upcoming",
    cursor: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> models.AttendingPage:
    deps = container()
    page, next_cursor = attending.meetups_attended(
        deps, caller(router).user_id, past=when == "past", limit=limit, cursor=cursor
    )
    now = deps.clock.now()
    return models.AttendingPage(
        invitations=[
            rsvp_out(
                a.invitation,
                a.view,
                now,
                media=meetup_media.shown_media(a.view, organizer=False),
            )
            for a in page
        ],
        next_cursor=next_cursor,
    )


@router.post(
    "/api/me/invitations/<id>/answer-link",
    responses=problems(404, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="A new answer link of mine for a meetup in my list (the answer page's token)",
)
def my_answer_link(id: str) -> models.JoinedOut:
    deps = container()
    token, _ = attending.answer_link_of(deps, caller(router).user_id, id)
    return models.JoinedOut(token=token, url=answer_page_url(deps.settings.public_url, token))
