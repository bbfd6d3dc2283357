"""The JSON shape of an organizer's insights (``GET /api/meetups/{id}/insights``), beside
``models`` (which is near the size a module may have), loaded as lazily."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field


class FunnelOut(BaseModel):
    invited: int
    emailed: int = Field(description="Invitation emails sent.")
    opened: int = Field(description="Invitees who opened their answer link (first visits).")
    answered: int = Field(description="Invitees who answered at least once.")
    attending: int = Field(description="Answers as they stand now.")
    declined: int
    waiting: int
    joined: int = Field(description="Attendees who opened the join link.")


class AnswersInHourOut(BaseModel):
    hour: datetime = Field(description="The UTC hour the answers were given in.")
    attending: int
    declined: int
    waiting: int


class ReminderOut(BaseModel):
    lead_hours: int
    sent_at: datetime = Field(description="When its first email went out.")
    sent: int
    answered_after: int = Field(description="Answers from the reminder's time on.")
    joined_after: int = Field(description="Joins from the reminder's time on.")


class RevenueOfDayOut(BaseModel):
    day: date = Field(description="The UTC day of the sales (refunds subtract on theirs).")
    tickets: int
    amount_minor: int
    currency: str


class JoinLinkOut(BaseModel):
    url: str = Field(description="The meetup's online join link.")


class InsightsOut(BaseModel):
    funnel: FunnelOut
    answers_by_hour: list[AnswersInHourOut] = Field(description="Hours with answers, ascending.")
    reminders: list[ReminderOut]
    revenue_by_day: list[RevenueOfDayOut]
