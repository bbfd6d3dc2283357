"""Mail markers on the one table: one item per email that is to go out once, whatever the
number of deliveries of the domain event that calls for it.

A marker is claimed (``sending``) before the email is sent and confirmed (``sent``) after;
a send that failed releases it. An email about a meetup is marked under the meetup (and
goes with it); an account's email under its request, and expires a while after.

A published meetup's invitations go out in groups: the group's invitations are read with
their markers, and its markers claimed, confirmed (with the invitations' sent flags) and
released together, in as few requests as the store's limits allow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from slsplay.domain.invitations import Invitation
from slsplay.ports import (
    MAX_BATCH_GET,
    MAX_TRANSACTION_OPS,
    PK,
    SK,
    ConditionFailed,
    Delete,
    Equals,
    Item,
    ItemStore,
    Key,
    NotExists,
    Put,
    TransactionOp,
    Update,
    key_of,
    versioned,
)
from slsplay.store import records, schema

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
        return _marker(self.store.get(key))

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

    def invitations_with_markers(
        self, meetup_id: str, purpose: str, emails: Sequence[str]
    ) -> list[tuple[Invitation, MailMarker | None]]:
        """The invitations of ``emails`` still invited, each with the marker of its email
        about ``purpose``: one batch read per ``MAX_BATCH_GET // 2`` addresses."""
        found = []
        per_read = MAX_BATCH_GET // 2  # two keys each
        for start in range(0, len(emails), per_read):
            pairs = [
                (
                    schema.invitation_key(meetup_id, email),
                    meetup_mail_key(meetup_id, purpose, email),
                )
                for email in emails[start : start + per_read]
            ]
            items = self.store.get_many([key for pair in pairs for key in pair])
            for invitation_key, marker_key in pairs:
                invitation = items.get(invitation_key)
                if invitation is not None:
                    found.append(
                        (records.invitation_from_item(invitation), _marker(items.get(marker_key)))
                    )
        return found

    def claim_many(
        self, claims: Sequence[tuple[Key, MailMarker | None]], now: datetime
    ) -> list[Key]:
        """Claim several emails in as few transactions as the store allows: each one unmarked
        (``None``), or held by a sender that stopped (its marker as read, taken over).

        Answers the keys claimed: an email another sender claimed since it was read is left
        to that sender.
        """
        ops: list[TransactionOp] = [
            Put(
                self._claim_item(key, now, None),
                NotExists() if held is None else Equals("at", held.at.isoformat()),
            )
            for key, held in claims
        ]
        return [key_of(op) for op in _write_those_that_hold(self.store, ops)]

    def confirm_many(
        self,
        keys: Sequence[Key],
        now: datetime,
        invited: Sequence[tuple[Invitation, int]] = (),
    ) -> None:
        """Mark several emails sent and save the invitations in ``invited`` (each with the
        version it was read at) that now record their invitation as sent.

        An invitation changed meanwhile (answered) keeps its flag behind: the marker, not
        the flag, keeps its email from going out twice.
        """
        ops: list[TransactionOp] = [
            *(Update(key, set={"state": "sent", "at": now.isoformat()}) for key in keys),
            *(Put(records.invitation_item(i), versioned(read)) for i, read in invited),
        ]
        _write_those_that_hold(self.store, ops)

    def release_many(self, keys: Sequence[Key]) -> None:
        """Give several claims up (their emails did not go out)."""
        _write_those_that_hold(self.store, [Delete(key) for key in keys])

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


def _marker(item: Item | None) -> MailMarker | None:
    if item is None:
        return None
    return MailMarker(sent=item["state"] == "sent", at=datetime.fromisoformat(item["at"]))


def _write_those_that_hold(store: ItemStore, ops: Sequence[TransactionOp]) -> list[TransactionOp]:
    """Write ``ops`` in transactions of up to ``MAX_TRANSACTION_OPS``, each without those of
    its writes whose condition failed; answers the writes made."""
    written: list[TransactionOp] = []
    for start in range(0, len(ops), MAX_TRANSACTION_OPS):
        batch = list(ops[start : start + MAX_TRANSACTION_OPS])
        while batch:
            try:
                store.transact(batch)
            except ConditionFailed as e:
                held = [op for i, op in enumerate(batch) if i not in e.failed]
                if len(held) == len(batch):  # no write named: nothing to leave out
                    raise
                batch = held
            else:
                written += batch
                break
    return written
