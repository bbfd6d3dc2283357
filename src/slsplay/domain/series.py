"""A monthly series: the meetup an organizer made "repeat monthly", and its occurrences.

The series keeps the rule (``recurrence``), the first occurrence's start, and the details
every new occurrence copies (its template). Each occurrence is an ordinary meetup with the
series' id and its number in the series (the first is 1): it is answered, edited, cancelled
and attended like any other. A daily job creates those of the next 60 days.

- **Edit one occurrence**: that meetup changes; the series does not.
- **Edit this and all future**: the series is split there, as calendar apps do: the old
  series ends before the occurrence, a new one starts with it (the edited details, the
  same rule from the new start), and the later occurrences already created move to it.
- **Cancel one occurrence**: its number is skipped; it never comes back, and the .ics
  lists it as an exception (EXDATE).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from slsplay.domain import recurrence
from slsplay.domain.errors import Conflict, Forbidden
from slsplay.domain.meetup_details import MeetupDetails
from slsplay.domain.meetups import Meetup, MeetupStatus
from slsplay.domain.recurrence import Recurrence

# The scopes of an edit or an answer of an occurrence.
THIS = "this"
FOLLOWING = "following"
SERIES = "series"


@dataclass
class Series:
    """A monthly rule, the details it copies, and which occurrences exist or were skipped."""

    id: str
    organizer_id: str
    rule: Recurrence
    details: MeetupDetails  # the template; ``starts_at`` is the first occurrence's start
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None = None
    generated: int = 1  # the highest occurrence number created so far
    skipped: frozenset[int] = frozenset()
    version: int = 1
    _changed: bool = field(default=False, repr=False, compare=False)

    @classmethod
    def start(
        cls, *, series_id: str, first: Meetup, values: object, now: datetime
    ) -> tuple[Series, Meetup]:
        """A series from a new draft and its ``recurrence`` values; the draft becomes
        occurrence 1 (``InvalidInput`` for a bad rule)."""
        # ``parse`` names a value that is not an object as the bad field.
        rule = Recurrence.parse(values, first.starts_at, first.details.timezone)  # type: ignore[arg-type]
        series = cls(
            id=series_id,
            organizer_id=first.organizer_id,
            rule=rule,
            details=first.details,
            created_at=now,
            updated_at=now,
        )
        return series, replace(first, series_id=series_id, occurrence=1)

    @property
    def first_start(self) -> datetime:
        return self.details.starts_at

    @property
    def timezone(self) -> str:
        return self.details.timezone

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def numbered_starts(self, before: datetime) -> list[tuple[int, datetime]]:
        """Every occurrence (number, UTC start) before ``before``, skipped ones included."""
        starts = recurrence.occurrences(
            self.first_start, self.timezone, self.rule, after=self.first_start, before=before
        )
        return list(enumerate(starts, start=1))

    def start_of(self, number: int) -> datetime | None:
        """The start of occurrence ``number`` by the rule, or None past the series' end."""
        for candidate, start in self.numbered_starts(self._far_enough(number)):
            if candidate == number:
                return start
        return None

    def due(self, now: datetime) -> list[tuple[int, datetime]]:
        """The occurrences to create now: not created yet, not skipped, starting between
        ``now`` and the horizon (60 days)."""
        return [
            (number, start)
            for number, start in self.numbered_starts(now + recurrence.HORIZON)
            if number > self.generated and number not in self.skipped and start > now
        ]

    def occurrence_details(self, start: datetime) -> MeetupDetails:
        """The template's details at ``start``; answers close as long before it as the
        template's do before its own."""
        closes = self.details.rsvp_closes_at
        lead = None if closes is None else self.details.starts_at - closes
        return replace(
            self.details, starts_at=start, rsvp_closes_at=None if lead is None else start - lead
        )

    def occurrence(self, *, meetup_id: str, number: int, start: datetime, now: datetime) -> Meetup:
        """A new occurrence: published when the series is, drafted otherwise."""
        return Meetup(
            id=meetup_id,
            organizer_id=self.organizer_id,
            details=self.occurrence_details(start),
            created_at=now,
            updated_at=now,
            status=MeetupStatus.PUBLISHED if self.is_published else MeetupStatus.DRAFT,
            published_at=now if self.is_published else None,
            series_id=self.id,
            occurrence=number,
        )

    def created(self, number: int, now: datetime) -> None:
        """Occurrence ``number`` now exists."""
        if number > self.generated:
            self.generated = number
            self._bump(now)

    def publish(self, now: datetime) -> None:
        """The first occurrence was published: so are the occurrences created from now on."""
        if self.published_at is None:
            self.published_at = now
            self._bump(now)

    def skip(self, number: int, now: datetime) -> None:
        """Occurrence ``number`` was cancelled: never create it again, list it in EXDATE."""
        if number not in self.skipped:
            self.skipped = self.skipped | {number}
            self._bump(now)

    def retemplate(self, actor_id: str, details: MeetupDetails, now: datetime) -> None:
        """An edit of the first occurrence "and all future": the template changes, and the
        rule is read again from the new start (its day may have moved)."""
        self._ensure_organizer(actor_id)
        self.rule = Recurrence.parse(self._rule_values(), details.starts_at, details.timezone)
        self.details = details
        self._bump(now)

    def split(
        self, actor_id: str, *, number: int, details: MeetupDetails, new_id: str, now: datetime
    ) -> Series:
        """End this series before occurrence ``number`` (> 1) and answer the series that
        goes on from it with ``details`` (an edit "this and all future")."""
        self._ensure_organizer(actor_id)
        if number <= 1:
            raise Conflict("series_split_at_first")
        values = self._rule_values()
        rest = dict(values)
        if self.rule.count is not None:
            values["count"] = number - 1
            rest["count"] = self.rule.count - (number - 1)
        else:
            previous = self.start_of(number - 1)
            assert previous is not None  # an earlier occurrence of a series that reached ``number``
            values.pop("until", None)
            local_day = previous.astimezone(ZoneInfo(self.timezone)).date()
            values["until"] = local_day.isoformat()
        following = Series(
            id=new_id,
            organizer_id=self.organizer_id,
            rule=Recurrence.parse(rest, details.starts_at, details.timezone),
            details=details,
            created_at=now,
            updated_at=now,
            published_at=self.published_at,
            generated=max(self.generated - number + 1, 1),
            skipped=frozenset(n - number + 1 for n in self.skipped if n >= number),
        )
        self.rule = Recurrence.parse(values, self.first_start, self.timezone)
        self.generated = min(self.generated, number - 1)
        self.skipped = frozenset(n for n in self.skipped if n < number)
        self._bump(now)
        return following

    def exception_starts(self) -> list[datetime]:
        """The starts of the skipped occurrences, for the .ics EXDATE."""
        if not self.skipped:
            return []
        wanted = self.numbered_starts(self._far_enough(max(self.skipped)))
        return [start for number, start in wanted if number in self.skipped]

    def _rule_values(self) -> dict[str, object]:
        values = self.rule.as_values()
        if self.rule.nth is not None and self.rule.nth != recurrence.LAST:
            values.pop("nth", None)  # read again from the new start: its week may differ
        return values

    def _far_enough(self, number: int) -> datetime:
        # Months are at most 31 days, and a skipped month (the 31st) is not skipped here.
        return self.first_start + timedelta(days=32 * number)

    def _ensure_organizer(self, actor_id: str) -> None:
        if actor_id != self.organizer_id:
            raise Forbidden("not_organizer")

    def _bump(self, now: datetime) -> None:
        self.version += 1
        self.updated_at = now
        self._changed = True
