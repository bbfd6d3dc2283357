"""An invitee's answer page, opened from their email's link with no account."""

from __future__ import annotations

from enum import Enum

import strawberry

from slsplay.graphql.relay import PageInfo
from slsplay.graphql.types.invitation import Invitation
from slsplay.graphql.types.meetup import Meetup
from slsplay.graphql.types.tickets import Quote, Ticket


@strawberry.enum
class AnswerChoice(Enum):
    ATTENDING = "attending"
    DECLINED = "declined"


@strawberry.type
class AnswerPage:
    """What an invitee sees from their answer link."""

    meetup: Meetup
    invitation: Invitation
    quote: Quote | None = strawberry.field(description="A paid meetup's price, fee and total.")
    ticket: Ticket | None = strawberry.field(description="Their ticket, for a paid meetup.")


# Paged by the store's own cursor, without Relay's edges (as a meetup's invitations are).
@strawberry.type
class AnswerPageConnection:
    """The meetups a person is invited to or joined, each as its answer page shows it."""

    nodes: list[AnswerPage]
    page_info: PageInfo
