"""What the web app reads: the viewer, meetups by id or page, public search, an answer page
by its link's token, and an organizer's money."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from slsplay.domain.errors import NotFound
from slsplay.graphql.context import Context
from slsplay.graphql.relay import (
    MAX_PAGE,
    Connection,
    Node,
    PageInfo,
    connection,
    from_global_id,
    local_meetup_id,
    page_size,
    read_edge_cursor,
)
from slsplay.graphql.types.answers import AnswerPage, AnswerPageConnection
from slsplay.graphql.types.invitation import to_invitation
from slsplay.graphql.types.meetup import Category, Meetup, SearchOrder, to_meetup
from slsplay.graphql.types.money import Statement, to_statement
from slsplay.graphql.types.tickets import to_quote, to_ticket
from slsplay.graphql.types.user import User, to_user
from slsplay.services import answers, attending, auth, discovery, insights, tickets, views


def _viewer(context: Context) -> User | None:
    if context.caller is None:
        return None
    return to_user(auth.who_is(context.app.auth, context.caller))


def _visible_meetup(context: Context, global_id: str) -> Meetup | None:
    """A meetup its viewer may see; ``None`` for any other (nothing tells them apart)."""
    viewer = context.caller.user_id if context.caller else None
    try:
        view = views.view_meetup(context.app, local_meetup_id(global_id), viewer)
    except NotFound:
        return None
    return to_meetup(view.meetup)


@strawberry.type
class Query:
    @strawberry.field(description="Who is signed in (null: nobody).")
    def viewer(self, info: Info[Context, None]) -> User | None:
        return _viewer(info.context)

    @strawberry.field(description="Any object by its global id (Relay).")
    def node(self, info: Info[Context, None], id: strawberry.ID) -> Node | None:
        type_name, _ = from_global_id(id)
        if type_name == "Meetup":
            return _visible_meetup(info.context, id)
        if type_name == "User":
            viewer = _viewer(info.context)
            return viewer if viewer is not None and viewer.id == id else None
        return None

    @strawberry.field
    def meetup(self, info: Info[Context, None], id: strawberry.ID) -> Meetup | None:
        return _visible_meetup(info.context, id)

    @strawberry.field(description="My meetups by start, a page at a time.")
    def my_meetups(
        self, info: Info[Context, None], first: int = 20, after: str | None = None
    ) -> Connection[Meetup]:
        context = info.context
        limit = page_size(first, MAX_PAGE)
        start, skip = read_edge_cursor(after)
        page, following = views.meetups_of_organizer(
            context.app, context.user_id, limit=limit + skip, cursor=start
        )
        return connection(page, to_meetup, start=start, skip=skip, following=following, after=after)

    @strawberry.field(
        description="The meetups I am invited to or joined, with my answers: those not ended "
        "soonest first (past: those ended, latest first)."
    )
    def my_invitations(
        self,
        info: Info[Context, None],
        past: bool = False,
        first: int = 20,
        after: str | None = None,
    ) -> AnswerPageConnection:
        context = info.context
        page, following = attending.meetups_attended(
            context.app, context.user_id, past=past, limit=page_size(first, MAX_PAGE), cursor=after
        )
        return AnswerPageConnection(
            nodes=[
                AnswerPage(
                    meetup=to_meetup(a.view.meetup, a.invitation),
                    invitation=to_invitation(a.invitation),
                    quote=to_quote(a.view.meetup),
                    ticket=None,
                )
                for a in page
            ],
            page_info=PageInfo(has_next_page=following is not None, end_cursor=following),
        )

    @strawberry.field(description="Public meetups anyone can find: words, filters, an order.")
    def public_meetups(
        self,
        info: Info[Context, None],
        *,
        q: str | None = None,
        category: Category | None = None,
        starts_after: datetime | None = None,
        starts_before: datetime | None = None,
        sort: SearchOrder | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[Meetup]:
        context = info.context
        limit = page_size(first, MAX_PAGE)
        start, skip = read_edge_cursor(after)
        query = discovery.search_query(
            {
                "q": q,
                "category": None if category is None else category.value,
                "starts_after": None if starts_after is None else starts_after.isoformat(),
                "starts_before": None if starts_before is None else starts_before.isoformat(),
                "sort": None if sort is None else sort.value,
                "limit": str(min(limit + skip, MAX_PAGE)),
                "cursor": start,
            },
            context.now,
        )
        views, following = discovery.search_public(context.app, query)
        return connection(
            [v.meetup for v in views],
            to_meetup,
            start=start,
            skip=skip,
            following=following,
            after=after,
        )

    @strawberry.field(description="The answer page an email's link opens (no account needed).")
    def invitation(self, info: Info[Context, None], token: str) -> AnswerPage | None:
        context = info.context
        try:
            # The answer page's first visit counts as the invitation opened, as over REST.
            invitation, view = insights.visit_answer_link(context.app, token)
        except NotFound:
            return None
        return AnswerPage(
            meetup=to_meetup(view.meetup, invitation),
            invitation=to_invitation(invitation),
            quote=to_quote(view.meetup),
            ticket=to_ticket(answers.ticket_of(context.app, invitation)),
        )

    @strawberry.field(description="My money as an organizer: balances and latest entries.")
    def my_balance(self, info: Info[Context, None]) -> Statement:
        context = info.context
        statement = tickets.statement_of(context.app, context.user_id)
        return to_statement(statement)
