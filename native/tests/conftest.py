"""Fixtures of the app's tests: a fake API, a session on it, a data directory of its own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from slsplay_app.api import Api
from slsplay_app.cache import MeetupCache
from slsplay_app.session import Session
from slsplay_app.tokens import TokenStore
from tests.fake_api import FakeApi

# Toga's stand-in backend for the tests that build the app's widgets (no display needed);
# the GTK journey runs the app in a process of its own, with toga-gtk.
os.environ["TOGA_BACKEND"] = "toga_dummy"
# The app's default server comes from here: the tests name theirs.
os.environ.pop("SLSPLAY_API_URL", None)
# Not the machine's secure storage: the tokens go to each test's own folder (a test that
# means the secure storage sets one of its own).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

API = "http://api.test"


@pytest.fixture
def fake_api() -> FakeApi:
    """The API stand-in, with nothing in it yet."""
    return FakeApi()


@pytest.fixture
def session(fake_api: FakeApi, tmp_path: Path) -> Session:
    """A session on the fake API, tokens kept in the data directory's file."""
    tokens = TokenStore(tmp_path, use_keyring=False)
    api = Api(API, tokens, fake_api.transport())
    return Session(api, MeetupCache(tmp_path / "cache.sqlite3"), tmp_path)
