"""An organizer's insights of a meetup, as GraphQL shows them (the REST answer's figures)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from slsplay.domain.analytics import InsightCounts


@strawberry.type
class InsightsFunnel:
    invited: int
    emailed: int
    opened: int
    answered: int
    attending: int
    declined: int
    waiting: int
    joined: int


@strawberry.type
class AnswersInHour:
    hour: datetime
    attending: int
    declined: int
    waiting: int


@strawberry.type
class ReminderInsight:
    lead_hours: int
    sent_at: datetime
    sent: int
    answered_after: int
    joined_after: int


@strawberry.type
class RevenueOfDay:
    day: str
    tickets: int
    amount_minor: int
    currency: str


@strawberry.type(description="What the organizer's insights show: the numbers of the REST API.")
class MeetupInsights:
    funnel: InsightsFunnel
    answers_by_hour: list[AnswersInHour]
    reminders: list[ReminderInsight]
    revenue_by_day: list[RevenueOfDay]


def to_insights(counts: InsightCounts) -> MeetupInsights:
    """The insights as the schema shows them."""
    return MeetupInsights(
        funnel=InsightsFunnel(**counts.funnel),
        answers_by_hour=[
            AnswersInHour(hour=datetime.fromisoformat(hour), **answers)
            for hour, answers in counts.answers_by_hour
        ],
        reminders=[
            ReminderInsight(
                lead_hours=r.lead_hours,
                sent_at=r.sent_at,
                sent=r.sent,
                answered_after=r.answered_after,
                joined_after=r.joined_after,
            )
            for r in counts.reminders
        ],
        revenue_by_day=[
            RevenueOfDay(
                day=date.fromisoformat(day).isoformat(),
                tickets=tickets,
                amount_minor=amount,
                currency=currency,
            )
            for day, currency, tickets, amount in counts.revenue_by_day
        ],
    )
