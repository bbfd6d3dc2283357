"""Monthly series in the web app, at phone size: an organizer makes a meetup repeat, and an
invitee answers for every later date at once."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Page, expect

from tests.e2e import demo
from tests.e2e.test_layout import assert_fits
from tests.support.server import Server
from tests.support.waiting import eventually

SHORTEST_MONTH = 28
# The dates of the next 60 days are created on publishing: a start ten days or so ahead
# puts the next month's date within them.
DAYS_AHEAD = 10


def ordinal(n: int) -> str:
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n, 'th') }"


def start_date(today: date) -> date:
    """About ten days ahead, on a day every month has (so "the nth weekday" is offered)."""
    day = today + timedelta(days=DAYS_AHEAD)
    while day.day > SHORTEST_MONTH:
        day += timedelta(days=1)
    return day


def nth_weekday(day: date) -> str:
    """ "the 2nd Tuesday": how the form words the weekday a series keeps."""
    return f"the {ordinal((day.day - 1) // 7 + 1)} {day:%A}"


def sign_in(page: Page, server: Server) -> demo.GraphQL:
    """A new organizer, signed in on ``page``; answers their API client."""
    api, email = demo.sign_up(server, "Serena Series")
    demo.sign_in_browser(page, server.url, email)
    return api


def rest(server: Server, api: demo.GraphQL, path: str) -> Any:
    answer = httpx.get(
        f"{server.url}{path}", headers={"Authorization": f"Bearer {api.token}"}, timeout=30
    )
    answer.raise_for_status()
    return answer.json()


def test_organizer_makes_a_meetup_repeat_monthly_and_publishes_it(
    page: Page, server: Server, tmp_path: Path
) -> None:
    sign_in(page, server)
    first = start_date(datetime.now(UTC).date())
    on = nth_weekday(first)
    invitee = demo.unique_email("rita")

    page.goto("/meetups/new")
    page.get_by_label("Title").fill("Monthly founders' circle")
    page.get_by_label("Date", exact=True).fill(first.isoformat())
    page.get_by_label("Join link").fill("https://meet.example.com/circle")
    page.get_by_role("checkbox", name="Repeats monthly").check()
    page.get_by_role("group", name="On").get_by_role("radio", name=on).check()
    page.get_by_role("group", name="Ends").get_by_role(
        "radio", name="After a number of occurrences"
    ).check()
    page.get_by_label("Number of occurrences", exact=True).fill("6")
    expect(page.get_by_text(f"Monthly on {on}, 6 times.")).to_be_visible()
    assert_fits(page, "the meetup form, repeating")
    page.get_by_role("button", name="Create draft").click()

    expect(page.get_by_role("heading", name="Monthly founders' circle")).to_be_visible()
    series = page.get_by_role("region", name="Monthly series")
    expect(series.get_by_text(f"Monthly on {on}, 6 times")).to_be_visible()
    expect(series.get_by_text("Occurrence 1")).to_be_visible()
    dates = series.get_by_role("list", name="Dates of the series")
    expect(dates.get_by_role("listitem")).to_have_count(1)

    page.get_by_role("link", name="Invite people").click()
    page.get_by_label("Email addresses").fill(f"Rita Regular <{invitee}>")
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.get_by_text("1 person invited.")).to_be_visible()
    page.get_by_role("link", name="Monthly founders' circle").click()
    page.get_by_role("button", name="Publish and send invitations").click()
    expect(page.get_by_text("Published!")).to_be_visible()

    # Publishing created the next month's date too.
    expect(dates.get_by_role("listitem")).to_have_count(2)
    expect(dates.get_by_role("link").first).to_have_attribute("aria-current", "page")
    assert_fits(page, "an occurrence's page")

    with page.expect_download() as download:
        series.get_by_role("button", name="Add the series to your calendar").click()
    assert download.value.suggested_filename == "monthly-founders-circle-series.ics"
    saved = tmp_path / "series.ics"
    download.value.save_as(saved)
    calendar = saved.read_text()
    rule = next(line for line in calendar.splitlines() if line.startswith("RRULE:"))
    week, weekday_code = (first.day - 1) // 7 + 1, f"{first:%a}"[:2].upper()
    assert set(rule.removeprefix("RRULE:").split(";")) == {
        "FREQ=MONTHLY",
        f"BYDAY={week}{weekday_code}",
        "COUNT=6",
    }

    # The second date is a meetup of its own; an edit of it may go on to those after it.
    dates.get_by_role("link").nth(1).click()
    expect(series.get_by_text("Occurrence 2")).to_be_visible()
    page.get_by_role("link", name="Edit details").click()
    apply_to = page.get_by_role("group", name="Apply to")
    expect(apply_to).to_contain_text("This is occurrence 2 of a series")
    apply_to.get_by_role("radio", name="This and all future occurrences").check()
    page.get_by_label("Title").fill("Monthly founders' circle, new season")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name="Monthly founders' circle, new season")).to_be_visible()
    expect(page.get_by_role("region", name="Monthly series")).to_be_visible()


def test_invitee_answers_for_every_later_date_of_a_series(page: Page, server: Server) -> None:
    api, _ = demo.sign_up(server)
    first = start_date(datetime.now(UTC).date())
    meetup = demo.create_meetup(
        api,
        title="Book club, monthly",
        startsAt=f"{first.isoformat()}T17:00:00+00:00",
        recurrence={"frequency": "monthly", "by": "weekday"},
    )
    invitee = demo.unique_email("bea")
    demo.invite(api, meetup["id"], (invitee, "Bea Reader"))
    demo.publish(api, meetup["id"])
    # The invitee is invited to each date, by an email of its own: this is the first date's link.
    link = httpx.post(
        f"{server.url}/api/meetups/{meetup['meetupId']}/invitations/link",
        json={"email": invitee},
        headers={"Authorization": f"Bearer {api.token}"},
        timeout=30,
    )
    link.raise_for_status()

    page.goto(f"/rsvp/{link.json()['token']}")
    expect(page.get_by_role("heading", name="Book club, monthly")).to_be_visible()
    every_date = page.get_by_role(
        "checkbox", name="Apply my answer to every later date of this series"
    )
    expect(every_date).to_have_accessible_description(
        re.compile(r"^This is date 1 of a (monthly )?series")
    )
    every_date.check()
    assert_fits(page, "an occurrence's answer page")
    page.get_by_role("button", name="I'm attending").click()
    saved = page.get_by_text("Your answer is saved for every later date of this series.")
    expect(saved).to_be_visible()
    expect(page.get_by_role("button", name="I'm attending")).to_have_attribute(
        "aria-pressed", "true"
    )

    occurrences = rest(server, api, f"/api/meetups/{meetup['meetupId']}/series")["occurrences"]
    second = occurrences[1]["meetup_id"]

    def second_date_answered() -> bool:
        """the next date holds the invitee's answer"""
        invitations = rest(server, api, f"/api/meetups/{second}/invitations")["invitations"]
        return any(i["email"] == invitee and i["response"] == "attending" for i in invitations)

    eventually(second_date_answered)
