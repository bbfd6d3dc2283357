"""The markers that send each email once, on every store, under the keys stored data has."""

from __future__ import annotations

from datetime import timedelta

import pytest

from slsplay.domain.invitations import Invitation
from slsplay.ports import ConditionFailed, ItemStore, Key
from slsplay.store import records
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


def invited(store: ItemStore, email: str, *, version: int = 1) -> Invitation:
    """An invitation to m1, stored as it is."""
    invitation = Invitation("i-" + email, "m1", email, None, START, version=version)
    store.put(records.invitation_item(invitation))
    return invitation


def test_invitations_are_read_with_the_markers_of_their_emails(store: ItemStore) -> None:
    markers = MailMarkerRepository(store)
    invited(store, "ann@example.com")
    invited(store, "bob@example.com")
    markers.claim(KEY, START)

    found = markers.invitations_with_markers(
        "m1", "invitation", ["ann@example.com", "nobody@example.com", "bob@example.com"]
    )

    assert [(i.email, marker) for i, marker in found] == [
        ("ann@example.com", MailMarker(sent=False, at=START)),
        ("bob@example.com", None),
    ]


def test_emails_claimed_together_leave_out_those_another_sender_claimed(store: ItemStore) -> None:
    markers = MailMarkerRepository(store)
    bob = meetup_mail_key("m1", "invitation", "bob@example.com")
    cy = meetup_mail_key("m1", "invitation", "cy@example.com")
    markers.claim(KEY, START)
    markers.claim(cy, START)
    stale = markers.get(cy)

    claimed = markers.claim_many(
        [(KEY, None), (bob, None), (cy, stale)], START + timedelta(minutes=2)
    )

    assert claimed == [bob, cy]  # ann's is held; cy's stale claim is taken over
    assert markers.claim_many([(cy, stale)], START + timedelta(minutes=3)) == []
    assert markers.get(cy) == MailMarker(sent=False, at=START + timedelta(minutes=2))


def test_emails_confirmed_together_flag_their_invitations_unless_changed_meanwhile(
    store: ItemStore,
) -> None:
    markers = MailMarkerRepository(store)
    ann, bob = invited(store, "ann@example.com"), invited(store, "bob@example.com", version=2)
    bob_key = meetup_mail_key("m1", "invitation", "bob@example.com")
    markers.claim_many([(KEY, None), (bob_key, None)], START)
    later = START + timedelta(seconds=1)
    ann.mark_sent(later)
    bob.mark_sent(later)

    markers.confirm_many([KEY, bob_key], later, [(ann, 1), (bob, 1)])  # bob's read is old

    assert markers.get(KEY) == markers.get(bob_key) == MailMarker(sent=True, at=later)
    stored = {
        i.email: i
        for i, _ in markers.invitations_with_markers(
            "m1", "invitation", ["ann@example.com", "bob@example.com"]
        )
    }
    assert stored["ann@example.com"].sent
    assert not stored["bob@example.com"].sent


def test_claims_given_up_together_can_be_claimed_again(store: ItemStore) -> None:
    markers = MailMarkerRepository(store)
    bob = meetup_mail_key("m1", "invitation", "bob@example.com")
    markers.claim_many([(KEY, None), (bob, None)], START)

    markers.release_many([KEY, bob])

    assert markers.get(KEY) is markers.get(bob) is None
    assert markers.claim_many([(KEY, None), (bob, None)], START) == [KEY, bob]
