"""An organizer's insights on the HTTP API (routes of the meetups function): the funnel,
answers by hour, reminders and revenue, as JSON or CSV; and the join link's redirect, through
which an attendee's join is counted."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from slsplay.domain.analytics import CURRENT_ANSWERS, FUNNEL_FIELDS, InsightCounts
from slsplay.handlers.context import container
from slsplay.handlers.http import SECURED, TEXT_BODY, caller, problems
from slsplay.handlers.lazy import LazyModule
from slsplay.services import insights

if TYPE_CHECKING:
    from slsplay.handlers import insight_models
else:  # pydantic, loaded by the first request (see handlers/lazy.py)
    insight_models = LazyModule("slsplay.handlers.insight_models")

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
TAGS = ["insights"]
CSV = "text/csv"
CSV_COLUMNS = ("series", "key", "measure", "value")
CSV_DESCRIPTION = (
    "One row per figure: series (funnel, answers_by_hour, reminders, revenue_by_day), key "
    "(the hour, the reminder's lead hours, the day and currency; empty for the funnel), "
    "measure (the figure's name as in the JSON) and value."
)


def insights_out(counts: InsightCounts) -> insight_models.InsightsOut:
    """The insights' JSON answer."""
    return insight_models.InsightsOut.model_validate(insights_data(counts))


def insights_data(counts: InsightCounts) -> dict[str, object]:
    """The insights as the JSON answer's fields."""
    return {
        "funnel": counts.funnel,
        "answers_by_hour": [{"hour": hour, **answers} for hour, answers in counts.answers_by_hour],
        "reminders": [
            {
                "lead_hours": r.lead_hours,
                "sent_at": r.sent_at,
                "sent": r.sent,
                "answered_after": r.answered_after,
                "joined_after": r.joined_after,
            }
            for r in counts.reminders
        ],
        "revenue_by_day": [
            {"day": day, "tickets": tickets, "amount_minor": amount, "currency": currency}
            for day, currency, tickets, amount in counts.revenue_by_day
        ],
    }


def insights_csv(counts: InsightCounts) -> str:
    """The insights as CSV, one row per figure (``CSV_DESCRIPTION``)."""
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\r\n")
    rows.writerow(CSV_COLUMNS)
    rows.writerows(("funnel", "", name, counts.funnel[name]) for name in FUNNEL_FIELDS)
    for hour, answers in counts.answers_by_hour:
        rows.writerows(("answers_by_hour", hour, a, answers[a]) for a in CURRENT_ANSWERS)
    for r in counts.reminders:
        key = f"{r.lead_hours}h"
        rows.writerow(("reminders", key, "sent_at", r.sent_at.isoformat()))
        for measure in ("sent", "answered_after", "joined_after"):
            rows.writerow(("reminders", key, measure, getattr(r, measure)))
    for day, currency, tickets, amount in counts.revenue_by_day:
        rows.writerow(("revenue_by_day", f"{day} {currency}", "tickets", tickets))
        rows.writerow(("revenue_by_day", f"{day} {currency}", "amount_minor", amount))
    return out.getvalue()


@router.get(
    "/api/meetups/<id>/insights",
    responses=problems(404, secured=True),
    tags=TAGS,
    security=SECURED,
    summary="The organizer's insights: funnel, answers by hour, reminders, revenue by day",
)
def get_insights(id: str) -> insight_models.InsightsOut:
    return insights_out(insights.insights_of(container(), caller(router).user_id, id))


@router.get(
    "/api/meetups/<id>/insights.csv",
    responses={
        **problems(404, secured=True),
        200: {"description": CSV_DESCRIPTION, "content": {CSV: TEXT_BODY}},
    },
    tags=TAGS,
    security=SECURED,
    summary="The organizer's insights as CSV, one row per figure",
)
def get_insights_csv(id: str) -> Response[str]:
    counts = insights.insights_of(container(), caller(router).user_id, id)
    disposition = {"Content-Disposition": 'attachment; filename="insights.csv"'}
    return Response(200, f"{CSV}; charset=utf-8", insights_csv(counts), headers=disposition)


@router.post(
    "/api/me/invitations/<id>/join",
    responses=problems(404, secured=True),
    tags=["answers"],
    security=SECURED,
    summary="My way into a meetup I attend: its join link (the first use counts as joined)",
)
def my_join_link(id: str) -> insight_models.JoinLinkOut:
    url = insights.open_join_link_of(container(), caller(router).user_id, id)
    return insight_models.JoinLinkOut(url=url)


@router.get(
    "/api/rsvp/<token>/join",
    responses={**problems(404), 302: {"description": "To the meetup's online join link"}},
    tags=["answers"],
    summary="An attendee's way in: to the join link (its first use counts as joined)",
)
def join_by_link(token: str) -> Response[Any]:
    url = insights.open_join_link(container(), token)
    return Response(302, headers={"Location": url, "Cache-Control": "no-store"})
