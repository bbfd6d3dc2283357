"""Inviting people to a meetup by email; each gets a link to answer with."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from slsplay.graphql.context import Context
from slsplay.graphql.errors import UserError, attempt
from slsplay.graphql.relay import local_meetup_id
from slsplay.graphql.types.invitation import Invitation, to_invitation
from slsplay.services import meetups


@strawberry.input
class InviteeInput:
    email: str
    name: str | None = None


@strawberry.input
class InviteGuestsInput:
    meetup_id: strawberry.ID
    invitees: list[InviteeInput]


@strawberry.type
class InvitePayload:
    invitations: list[Invitation]
    user_errors: list[UserError]


@strawberry.type
class InvitationMutations:
    @strawberry.mutation
    def invite_guests(self, info: Info[Context, None], input: InviteGuestsInput) -> InvitePayload:
        context = info.context

        def invite() -> list[Invitation]:
            invited = meetups.invite_people(
                context.app,
                context.user_id,
                local_meetup_id(input.meetup_id),
                [{"email": i.email, "name": i.name} for i in input.invitees],
            )
            return [to_invitation(i) for i in invited]

        invitations, errors = attempt(invite)
        return InvitePayload(invitations=invitations or [], user_errors=errors)
