"""The markers that send each email once, on every store, under the keys stored data has."""

from __future__ import annotations

from datetime import timedelta

import pytest

from slsplay.ports import ConditionFailed, ItemStore, Key
from slsplay.store.mail_markers import (
    MailMarker,
    MailMarkerRepository,
    account_mail_key,
    meetup_mail_key,
)
from tests.support.clock import START

KEY = meetup_mail_key("m1", "invitation", "ann@example.com")


def test_markers_keep_the_keys_emails_were_marked_under() -> None:
    assert meetup_mail_key("m1", "invitation", "ann@example.com") == Key(
        "MEETUP#m1", "MAIL#invitation#ann@example.com"
    )
    assert account_mail_key("r1", "verify") == Key("ACCOUNTMAIL#r1", "MAIL#verify")


def test_an_email_is_claimed_once_and_then_marked_sent(store: ItemStore) -> None:
    markers = MailMarkerRepository(store)

    assert markers.claim(KEY, START)
    assert not markers.claim(KEY, START + timedelta(seconds=1))
    assert markers.get(KEY) == MailMarker(sent=False, at=START)

    markers.confirm(KEY, START + timedelta(seconds=2))
    assert markers.get(KEY) == MailMarker(sent=True, at=START + timedelta(seconds=2))


def test_a_released_claim_can_be_claimed_again(store: ItemStore) -> None:
    markers = MailMarkerRepository(store)
    markers.claim(KEY, START)

    markers.release(KEY)

    assert markers.get(KEY) is None
    assert markers.claim(KEY, START + timedelta(seconds=1))


def test_a_claim_is_taken_over_by_one_sender_only(store: ItemStore) -> None:
    markers = MailMarkerRepository(store)
    markers.claim(KEY, START)
    held = markers.get(KEY)
    assert held is not None

    markers.take_over(KEY, held, START + timedelta(minutes=2))

    with pytest.raises(ConditionFailed):  # a second sender read the same stale claim
        markers.take_over(KEY, held, START + timedelta(minutes=2, seconds=1))
    assert markers.get(KEY) == MailMarker(sent=False, at=START + timedelta(minutes=2))


def test_an_account_emails_marker_expires(store: ItemStore) -> None:
    key = account_mail_key("r1", "verify")

    MailMarkerRepository(store).claim(key, START, expires_at=START + timedelta(days=1))

    item = store.get(key)
    assert item is not None
    assert (item["type"], item["state"]) == ("mail_marker", "sending")
    assert item["ttl"] == int((START + timedelta(days=1)).timestamp())
