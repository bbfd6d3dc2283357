"""Answering a meetup: an invitee by their link (no account needed), or anyone joining a
public meetup, which hands them an answer link of their own."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from slsplay.domain.invitations import Answer
from slsplay.domain.invitations import Invitation as DomainInvitation
from slsplay.domain.meetups import Meetup as DomainMeetup
from slsplay.graphql.context import Context
from slsplay.graphql.errors import UserError, attempt
from slsplay.graphql.relay import local_meetup_id
from slsplay.graphql.types.answers import AnswerChoice
from slsplay.graphql.types.invitation import Invitation, to_invitation
from slsplay.graphql.types.meetup import Meetup, to_meetup
from slsplay.services import answers, attending, discovery


@strawberry.type
class AnswerPayload:
    meetup: Meetup | None
    invitation: Invitation | None
    user_errors: list[UserError]


@strawberry.type
class JoinPayload:
    token: str | None = strawberry.field(description="Your answer link's token.")
    user_errors: list[UserError]


@strawberry.type
class AnswerMutations:
    @strawberry.mutation(
        description=(
            "An invitee's answer by their link (no account needed). On a paid meetup, "
            "attending goes through checkout (POST /api/rsvp/{token}/checkout), and "
            "declining with a paid ticket needs forfeitTicket: nothing is refunded."
        )
    )
    def respond_to_invitation(
        self,
        info: Info[Context, None],
        token: str,
        response: AnswerChoice,
        forfeit_ticket: bool = False,
        scope: Annotated[
            str,
            strawberry.argument(
                description="series: this and every later occurrence, those to come too."
            ),
        ] = "this",
    ) -> AnswerPayload:
        context = info.context

        def respond() -> tuple[DomainInvitation, DomainMeetup]:
            invitation, view = answers.answer_by_link(
                context.app,
                token,
                Answer(response.value),
                forfeit_ticket=forfeit_ticket,
                scope=scope,
            )
            return invitation, view.meetup

        answered, errors = attempt(respond)
        if answered is None:
            return AnswerPayload(meetup=None, invitation=None, user_errors=errors)
        invitation, meetup = answered
        return AnswerPayload(
            meetup=to_meetup(meetup, invitation),
            invitation=to_invitation(invitation),
            user_errors=[],
        )

    @strawberry.mutation(description="Join a public meetup: an answer link of your own.")
    def join_meetup(self, info: Info[Context, None], id: strawberry.ID) -> JoinPayload:
        context = info.context

        def join() -> str:
            app = context.app
            return discovery.join_public(app, context.user_id, local_meetup_id(id)).token

        token, errors = attempt(join)
        return JoinPayload(token=token, user_errors=errors)

    @strawberry.mutation(
        description="A new answer link of mine for a meetup in myInvitations (its token)."
    )
    def open_my_answer_page(self, info: Info[Context, None], id: strawberry.ID) -> JoinPayload:
        context = info.context

        def open_page() -> str:
            app = context.app
            return attending.answer_link_of(app, context.user_id, local_meetup_id(id))[0]

        token, errors = attempt(open_page)
        return JoinPayload(token=token, user_errors=errors)
