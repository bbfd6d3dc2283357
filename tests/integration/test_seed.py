"""``slsplay seed``: a demo organizer, vouched for, with a published meetup; once."""

from __future__ import annotations

from pathlib import Path

from slsplay import cli
from slsplay.handlers.context import container
from slsplay.services import views
from slsplay.store.repositories import UserRepository


def test_the_demo_organizer_is_vouched_for_and_publishes_once(fresh_app: Path) -> None:
    app = container()

    meetup_id = cli.seed(app)

    assert meetup_id is not None
    organizer = UserRepository(app.store).find_by_email(cli.DEMO_ORGANIZER)
    assert organizer is not None
    assert organizer.email_verified
    view = views.view_meetup(app, meetup_id, organizer.id)
    assert view.meetup.status.value == "published"
    assert (view.counts.invited, view.counts.attending) == (3, 1)
    assert cli.seed(app) is None
