"""Monthly series through the ItemStore port: the series, its numbered occurrences, and the
answers given for a whole series.

An occurrence is created in one transaction with its number's marker (``attribute_not_
exists``): two runs of the daily job, or a job racing a publish, create it once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from slsplay.domain.errors import NotFound, VersionConflict
from slsplay.domain.invitations import Answer
from slsplay.domain.meetups import Meetup, MeetupCounts
from slsplay.domain.series import Series
from slsplay.ports import (
    PK,
    SK,
    ConditionFailed,
    Delete,
    ItemStore,
    Key,
    NotExists,
    Put,
    TransactionOp,
    versioned,
)
from slsplay.store import records, schema
from slsplay.store.repositories import every


class SeriesRepository:
    """Series, the markers of their occurrences, and series-wide answers."""

    def __init__(self, store: ItemStore) -> None:
        self.store = store

    def add(self, series: Series, first: Meetup) -> None:
        """A new series with its first occurrence (a new draft), in one transaction."""
        self.store.transact(
            [
                self.new_op(series),
                *self._new_occurrence(series.id, first),
            ]
        )

    def delete(self, series_id: str) -> None:
        """A series with its markers and answers, gone (a draft's: nothing else points at it)."""
        for item in list(every(self.store, schema.series_key(series_id).pk)):
            self.store.delete(Key(item[PK], item[SK]))

    def get(self, series_id: str) -> Series:
        """One series; ``NotFound`` if there is none."""
        item = self.store.get(schema.series_key(series_id))
        if item is None:
            raise NotFound("series_not_found")
        return records.series_from_item(item)

    def save(self, series: Series, expected_version: int) -> None:
        """Store a changed series read at ``expected_version``."""
        try:
            self.store.transact([self.save_op(series, expected_version)])
        except ConditionFailed as e:
            raise VersionConflict from e

    @staticmethod
    def new_op(series: Series) -> Put:
        return Put(records.series_item(series), NotExists())

    @staticmethod
    def save_op(series: Series, expected_version: int) -> Put:
        return Put(records.series_item(series), versioned(expected_version))

    def add_occurrence(self, series: Series, read_version: int, meetup: Meetup) -> bool:
        """Create an occurrence and record it in the series; answers False when that number
        exists already (another run created it)."""
        assert meetup.occurrence is not None
        try:
            self.store.transact(
                [*self._new_occurrence(series.id, meetup), self.save_op(series, read_version)]
            )
        except ConditionFailed:
            return False
        return True

    @staticmethod
    def _new_occurrence(series_id: str, meetup: Meetup) -> list[TransactionOp]:
        assert meetup.occurrence is not None
        return [
            Put(records.meetup_item(meetup), NotExists()),
            Put(records.counts_item(meetup.id, MeetupCounts()), NotExists()),
            Put(records.media_list_item(meetup.id), NotExists()),
            Put(records.occurrence_item(series_id, meetup.occurrence, meetup.id), NotExists()),
        ]

    def occurrence_ids(self, series_id: str) -> dict[int, str]:
        """The meetup id of each occurrence created, by number."""
        found: dict[int, str] = {}
        partition = schema.series_key(series_id).pk
        for item in every(self.store, partition, schema.OCCURRENCE_PREFIX):
            found[int(item["number"])] = item["meetup_id"]
        return found

    def move_ops(
        self, old: Series, new_id: str, moved: dict[int, str], first_number: int
    ) -> list[TransactionOp]:
        """The markers of occurrences ``moved`` (old number: meetup id, from ``first_number``
        on) going from series ``old`` to series ``new_id``, renumbered from 1."""
        ops: list[TransactionOp] = []
        for number, meetup_id in moved.items():
            ops.append(Delete(schema.occurrence_key(old.id, number)))
            renumbered = number - first_number + 1
            ops.append(Put(records.occurrence_item(new_id, renumbered, meetup_id), NotExists()))
        return ops

    def active(self) -> Iterator[Series]:
        """Every published series (the daily job extends each)."""
        for item in every(self.store, schema.ACTIVE_SERIES_PARTITION, index="gsi2"):
            yield records.series_from_item(item)

    def record_answer(self, series_id: str, email: str, response: Answer, at: datetime) -> None:
        """An invitee's answer for the whole series, applied to occurrences yet to come."""
        self.store.put(records.series_answer_item(series_id, email, response, at))

    def answers(self, series_id: str) -> dict[str, Answer]:
        """The series-wide answers, by email."""
        return {
            item["email"]: Answer(item["response"])
            for item in every(
                self.store, schema.series_key(series_id).pk, schema.SERIES_ANSWER_PREFIX
            )
        }
