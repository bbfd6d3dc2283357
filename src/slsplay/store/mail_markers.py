"""Mail markers on the one table: one item per email that is to go out once, whatever the
number of deliveries of the domain event that calls for it.

A marker is claimed (``sending``) before the email is sent and confirmed (``sent``) after;
a send that failed releases it. An email about a meetup is marked under the meetup (and
goes with it); an account's email under its request, and expires a while after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from slsplay.ports import PK, SK, ConditionFailed, Equals, Item, ItemStore, Key, Update

MARKER_TYPE = "mail_marker"


def meetup_mail_key(meetup_id: str, purpose: str, recipient: str) -> Key:
    """The marker of one email about a meetup, to one recipient."""
    return Key(f"MEETUP#{meetup_id}", f"MAIL#{purpose}#{recipient}")


def account_mail_key(request_id: str, purpose: str) -> Key:
    """The marker of the email of one request of an account (a link, a code)."""
    return Key(f"ACCOUNTMAIL#{request_id}", f"MAIL#{purpose}")


@dataclass(frozen=True)
class MailMarker:
    """Whether an email went out, or since when someone has been sending it."""

    sent: bool
    at: datetime


class MailMarkerRepository:
    """Claims on emails, so that each goes out once."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def claim(self, key: Key, now: datetime, expires_at: datetime | None = None) -> bool:
        """Claim the email for sending; ``False`` when a marker is there already."""
        try:
            self.store.put_new(self._claim_item(key, now, expires_at))
        except ConditionFailed:
            return False
        return True

    def get(self, key: Key) -> MailMarker | None:
        """The marker at ``key``, if any."""
        item = self.store.get(key)
        if item is None:
            return None
        return MailMarker(sent=item["state"] == "sent", at=datetime.fromisoformat(item["at"]))

    def take_over(
        self, key: Key, held: MailMarker, now: datetime, expires_at: datetime | None = None
    ) -> None:
        """Claim the email from a sender that stopped; ``ConditionFailed`` if another did
        meanwhile."""
        self.store.put(self._claim_item(key, now, expires_at), Equals("at", held.at.isoformat()))

    def confirm(self, key: Key, now: datetime) -> None:
        """Mark the email sent."""
        self.store.write(Update(key, set={"state": "sent", "at": now.isoformat()}))

    def release(self, key: Key) -> None:
        """Give the claim up (the email did not go out): the next delivery claims it again."""
        self.store.delete(key)

    @staticmethod
    def _claim_item(key: Key, now: datetime, expires_at: datetime | None) -> Item:
        item: Item = {
            PK: key.pk,
            SK: key.sk,
            "type": MARKER_TYPE,
            "state": "sending",
            "at": now.isoformat(),
        }
        if expires_at is not None:
            item["ttl"] = int(expires_at.timestamp())
        return item
