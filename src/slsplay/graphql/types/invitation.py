"""The people a meetup's organizer invites, and each one's answer."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from slsplay.domain.invitations import Invitation as DomainInvitation
from slsplay.graphql.relay import PageInfo, to_global_id


@strawberry.enum
class InvitationResponse(Enum):
    NONE = "none"
    ATTENDING = "attending"
    DECLINED = "declined"
    WAITLISTED = "waitlisted"


@strawberry.type
class Invitation:
    id: strawberry.ID
    email: str
    name: str | None
    sent: bool
    response: InvitationResponse
    responded_at: datetime | None
    joined: bool = strawberry.field(
        description="They joined a public meetup themselves: nobody invited them by email."
    )


def to_invitation(invitation: DomainInvitation) -> Invitation:
    """An invitation and its answer, as the schema shows it."""
    return Invitation(
        id=to_global_id("Invitation", f"{invitation.meetup_id}/{invitation.email}"),
        email=invitation.email,
        name=invitation.name,
        sent=invitation.sent,
        response=InvitationResponse(invitation.response.value),
        responded_at=invitation.responded_at,
        joined=invitation.joined,
    )


# Paged by the store's own cursor, without Relay's edges.
@strawberry.type
class InvitationConnection:
    nodes: list[Invitation]
    page_info: PageInfo
