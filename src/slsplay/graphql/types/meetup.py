"""A meetup as its viewer may see it: details, state, organizer, answers, media and people."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from slsplay.domain.invitations import Invitation as DomainInvitation
from slsplay.domain.meetup_details import CATEGORIES
from slsplay.domain.meetups import Meetup as DomainMeetup
from slsplay.graphql.context import Context
from slsplay.graphql.relay import Node, PageInfo, page_size, to_global_id
from slsplay.graphql.types.insights import MeetupInsights, to_insights
from slsplay.graphql.types.invitation import Invitation, InvitationConnection, to_invitation
from slsplay.graphql.types.media import Media, shown_media
from slsplay.graphql.types.money import Price, to_price
from slsplay.services import answers, insights, media, meetups

MAX_INVITATIONS_PAGE = 500


# The domain's categories, each named as the REST API and the web app's links spell it
# ("food"), so that a category is one word everywhere.
Category = Enum("Category", [(c, c) for c in CATEGORIES])  # type: ignore[misc]  # members from the domain's list
strawberry.enum(Category, description="What a meetup is about.")


@strawberry.enum
class Visibility(Enum):
    PRIVATE = "private"
    PUBLIC = "public"


@strawberry.enum
class MeetupStatus(Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


@strawberry.enum
class Phase(Enum):
    DRAFT = "draft"
    UPCOMING = "upcoming"
    LIVE = "live"
    ENDED = "ended"
    CANCELLED = "cancelled"


@strawberry.enum
class SearchOrder(Enum):
    SOONEST = "soonest"
    NEWEST = "newest"
    CLOSING = "closing"
    POPULAR = "popular"
    RELEVANCE = "relevance"


@strawberry.type
class Organizer:
    id: strawberry.ID
    name: str


@strawberry.type
class Counts:
    invited: int
    attending: int
    declined: int
    waitlisted: int


@strawberry.type
class Meetup(Node):
    """A meetup as its viewer may see it."""

    domain: strawberry.Private[DomainMeetup]
    invitation: strawberry.Private[DomainInvitation | None] = None

    @strawberry.field(description="The meetup's own id, as REST routes take it.")
    def meetup_id(self) -> str:
        return self.domain.id

    @strawberry.field
    def title(self) -> str:
        return self.domain.details.title

    @strawberry.field
    def description(self) -> str:
        return self.domain.details.description

    @strawberry.field
    def category(self) -> Category:
        return Category(self.domain.details.category)

    @strawberry.field
    def starts_at(self) -> datetime:
        return self.domain.starts_at

    @strawberry.field
    def ends_at(self) -> datetime:
        return self.domain.ends_at

    @strawberry.field
    def timezone(self) -> str:
        return self.domain.details.timezone

    @strawberry.field
    def duration_minutes(self) -> int:
        return self.domain.details.duration_minutes

    @strawberry.field
    def visibility(self) -> Visibility:
        return Visibility(self.domain.details.visibility.value)

    @strawberry.field(description="As set by the organizer (null: none).")
    def rsvp_closes_at(self) -> datetime | None:
        return self.domain.details.rsvp_closes_at

    @strawberry.field(description="When answers stop being taken: the start by default.")
    def answers_close_at(self) -> datetime:
        return self.domain.answers_close_at

    @strawberry.field(
        description="The monthly series this meetup is an occurrence of (REST: /series)."
    )
    def series_id(self) -> strawberry.ID | None:
        return None if self.domain.series_id is None else strawberry.ID(self.domain.series_id)

    @strawberry.field(description="Its number in the series (the first is 1).")
    def occurrence(self) -> int | None:
        return self.domain.occurrence

    @strawberry.field
    def status(self) -> MeetupStatus:
        return MeetupStatus(self.domain.status.value)

    @strawberry.field
    def phase(self, info: Info[Context, None]) -> Phase:
        return Phase(self.domain.phase(info.context.now).value)

    @strawberry.field
    def version(self) -> int:
        return self.domain.version

    @strawberry.field
    def capacity(self) -> int | None:
        return self.domain.details.capacity

    @strawberry.field
    def price(self) -> Price | None:
        price = self.domain.details.price
        return None if price is None else to_price(price.amount_minor, price.currency)

    @strawberry.field(description="Only for the organizer and for attendees.")
    def join_url(self, info: Info[Context, None]) -> str | None:
        viewer = info.context.caller.user_id if info.context.caller else None
        if self.domain.reveals_join_url(viewer, self.invitation):
            return self.domain.details.join_url
        return None

    @strawberry.field
    async def organizer(self, info: Info[Context, None]) -> Organizer:
        name = await info.context.names.load(self.domain.organizer_id)
        return Organizer(
            id=to_global_id("User", self.domain.organizer_id), name=name or "Organizer"
        )

    @strawberry.field
    async def counts(self, info: Info[Context, None]) -> Counts:
        counts = await info.context.counts.load(self.domain.id)
        return Counts(
            invited=counts.invited,
            attending=counts.attending,
            declined=counts.declined,
            waitlisted=counts.waitlisted,
        )

    @strawberry.field(description="The first ready photo, for lists and previews.")
    async def cover_image(self, info: Info[Context, None]) -> Media | None:
        cover = await info.context.covers.load(self.domain.id)
        return None if cover is None else shown_media(info.context, (cover,))[0]

    @strawberry.field(description="The organizer sees every upload; others, what is ready.")
    async def media(self, info: Info[Context, None]) -> list[Media]:
        context = info.context
        items = await context.media.load(self.domain.id)
        organizer = context.caller is not None and self.domain.is_organizer(context.caller.user_id)
        return shown_media(context, media.shown_to(items, organizer=organizer, now=context.now))

    @strawberry.field(description="Who is invited and each answer (the organizer only).")
    def invitations(
        self, info: Info[Context, None], first: int = 100, after: str | None = None
    ) -> InvitationConnection:
        limit = page_size(first, MAX_INVITATIONS_PAGE)
        page, following = meetups.invitations_of(
            info.context.app, info.context.user_id, self.domain.id, limit=limit, cursor=after
        )
        return InvitationConnection(
            nodes=[to_invitation(i) for i in page],
            page_info=PageInfo(has_next_page=following is not None, end_cursor=following),
        )

    @strawberry.field(description="Everyone attending, in the order they answered (organizer).")
    def attendees(self, info: Info[Context, None]) -> list[Invitation]:
        people = meetups.attendees_of(info.context.app, info.context.user_id, self.domain.id)
        return [to_invitation(p) for p in people]

    @strawberry.field(description="Who waits for a seat, first in line first (organizer).")
    def waitlist(self, info: Info[Context, None]) -> list[Invitation]:
        people = answers.waiting_list_of(info.context.app, info.context.user_id, self.domain.id)
        return [to_invitation(p) for p in people]

    @strawberry.field(description="The funnel, answers by hour, reminders, revenue (organizer).")
    def insights(self, info: Info[Context, None]) -> MeetupInsights | None:
        caller = info.context.caller
        viewer = None if caller is None else caller.user_id
        if viewer is None or not self.domain.is_organizer(viewer):
            return None
        return to_insights(insights.insights_of(info.context.app, viewer, self.domain.id))

    @strawberry.field
    def created_at(self) -> datetime:
        return self.domain.created_at

    @strawberry.field
    def updated_at(self) -> datetime:
        return self.domain.updated_at


def to_meetup(meetup: DomainMeetup, invitation: DomainInvitation | None = None) -> Meetup:
    """A meetup as the schema shows it; ``invitation`` is the viewer's, when they have one."""
    return Meetup(id=to_global_id("Meetup", meetup.id), domain=meetup, invitation=invitation)
