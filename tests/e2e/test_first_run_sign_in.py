"""A newcomer's first run, as ``make run`` starts it (the demo data seeded, no social sign-in
provider configured): the login page offers the runtime's own test provider, and signing in
through it as the demo organizer lands on their meetups."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.support.server import Server, running_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``slsplay seed`` then ``slsplay serve``, as ``make run`` does."""
    data_dir = tmp_path_factory.mktemp("first-run") / "data"
    subprocess.run(  # noqa: S603  (our own interpreter and command)
        [sys.executable, "-m", "slsplay.cli", "--data-dir", str(data_dir), "seed"],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        check=True,
        capture_output=True,
        timeout=120,
    )
    with running_server(data_dir) as running:
        yield running


def test_a_newcomer_signs_in_through_the_test_provider(page: Page) -> None:
    page.goto("/login")
    page.get_by_role("button", name="Continue with Test provider").click()

    expect(page.get_by_role("heading", name="Sign in with Test provider")).to_be_visible()
    page.get_by_role("button", name="Ada Organizer").click()

    expect(page).to_have_url(re.compile(r"/meetups$"))
    expect(page.get_by_role("heading", name="My meetups")).to_be_visible()
    # The provider vouched for the seeded organizer's address: the same account, its meetup.
    expect(page.get_by_text("Founders' fireside chat").first).to_be_visible()
