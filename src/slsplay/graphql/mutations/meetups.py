"""An organizer's meetups: plan one (or a monthly series), edit, publish, cancel, delete."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from slsplay.graphql.context import Context
from slsplay.graphql.errors import UserError, attempt
from slsplay.graphql.mutations.payloads import DeletePayload
from slsplay.graphql.relay import local_meetup_id
from slsplay.graphql.types.meetup import Category, Meetup, Visibility, to_meetup
from slsplay.graphql.types.money import Currency
from slsplay.services import meetups


@strawberry.input
class PriceInput:
    amount_minor: int = strawberry.field(description="In the currency's minor unit (cents).")
    currency: Currency = strawberry.field(description="ISO 4217, e.g. EUR.")


@strawberry.input(
    description='Repeats monthly: on the same day, or the same nth weekday ("2nd Tuesday").'
)
class RecurrenceInput:
    frequency: str = "monthly"
    by: str = strawberry.field(default="day_of_month", description="day_of_month or weekday")
    nth: int | None = strawberry.field(default=None, description="1 to 4, or -1: the last.")
    count: int | None = None
    until: date | None = strawberry.field(
        default=None, description="The last day, in the meetup's time zone."
    )


@strawberry.input
class CreateMeetupInput:
    title: str
    starts_at: datetime = strawberry.field(description="ISO 8601 with an offset.")
    timezone: str = strawberry.field(description="IANA, e.g. Europe/Berlin.")
    duration_minutes: int
    join_url: str
    description: str = ""
    category: Category = Category("other")
    capacity: int | None = None
    price: PriceInput | None = None
    visibility: Visibility = Visibility.PRIVATE
    rsvp_closes_at: datetime | None = strawberry.field(
        default=None, description="Answers are taken until then (at or before the start)."
    )
    recurrence: RecurrenceInput | None = strawberry.field(
        default=None, description="Makes it the first occurrence of a monthly series."
    )


@strawberry.input(description="Only the fields given change; null clears capacity or price.")
class UpdateMeetupInput:
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="The version you saw; a newer one refuses the change."
    )
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    category: Category | None = strawberry.UNSET
    starts_at: datetime | None = strawberry.UNSET
    timezone: str | None = strawberry.UNSET
    duration_minutes: int | None = strawberry.UNSET
    join_url: str | None = strawberry.UNSET
    capacity: int | None = strawberry.UNSET
    price: PriceInput | None = strawberry.UNSET
    visibility: Visibility | None = strawberry.UNSET
    rsvp_closes_at: datetime | None = strawberry.UNSET
    apply_to: str = strawberry.field(
        default="this", description="An occurrence: this, or following (this and all future)."
    )


def _values(data: Any, skip: tuple[str, ...] = ()) -> dict[str, object]:
    """An input's fields that were given, as the services take them (REST's JSON names)."""
    values: dict[str, object] = {}
    for name, given in vars(data).items():
        if name in skip or given is strawberry.UNSET:
            continue
        if isinstance(given, Enum):
            values[name] = given.value
        elif isinstance(given, PriceInput):
            values[name] = {"amount_minor": given.amount_minor, "currency": given.currency.value}
        elif isinstance(given, RecurrenceInput):
            values[name] = {k: v for k, v in vars(given).items() if v is not None}
        else:
            values[name] = given
    return values


@strawberry.type
class MeetupPayload:
    meetup: Meetup | None
    user_errors: list[UserError]


@strawberry.type
class MeetupMutations:
    @strawberry.mutation
    def create_meetup(self, info: Info[Context, None], input: CreateMeetupInput) -> MeetupPayload:
        context = info.context

        def create() -> Meetup:
            view = meetups.plan_meetup(context.app, context.user_id, _values(input))
            return to_meetup(view.meetup)

        meetup, errors = attempt(create)
        return MeetupPayload(meetup=meetup, user_errors=errors)

    @strawberry.mutation
    def update_meetup(self, info: Info[Context, None], input: UpdateMeetupInput) -> MeetupPayload:
        context = info.context

        def update() -> Meetup:
            view = meetups.edit_meetup(
                context.app,
                context.user_id,
                local_meetup_id(input.id),
                _values(input, skip=("id", "expected_version", "apply_to")),
                expected_version=input.expected_version,
                scope=input.apply_to,
            )
            return to_meetup(view.meetup)

        meetup, errors = attempt(update)
        return MeetupPayload(meetup=meetup, user_errors=errors)

    @strawberry.mutation(
        description=(
            "Guests are refused with signup_required, accounts whose email is not confirmed"
            " with verification_required; drafts are kept."
        )
    )
    def publish_meetup(self, info: Info[Context, None], id: strawberry.ID) -> MeetupPayload:
        context = info.context

        def publish() -> Meetup:
            view = meetups.publish_meetup(context.app, context.user_id, local_meetup_id(id))
            return to_meetup(view.meetup)

        meetup, errors = attempt(publish)
        return MeetupPayload(meetup=meetup, user_errors=errors)

    @strawberry.mutation
    def cancel_meetup(self, info: Info[Context, None], id: strawberry.ID) -> MeetupPayload:
        context = info.context

        def cancel() -> Meetup:
            view = meetups.cancel_meetup(context.app, context.user_id, local_meetup_id(id))
            return to_meetup(view.meetup)

        meetup, errors = attempt(cancel)
        return MeetupPayload(meetup=meetup, user_errors=errors)

    @strawberry.mutation(description="A draft (or a cancelled meetup) and all under it.")
    def delete_meetup(self, info: Info[Context, None], id: strawberry.ID) -> DeletePayload:
        context = info.context

        def delete() -> strawberry.ID:
            meetups.delete_meetup(context.app, context.user_id, local_meetup_id(id))
            return id

        deleted, errors = attempt(delete)
        return DeletePayload(deleted_id=deleted, user_errors=errors)
