"""Monthly series: their occurrences created ahead, invitees carried over, edits of one
occurrence or of all those to come, and answers for a whole series.

The meetup services call in here when the meetup they act on is an occurrence; the daily
job calls ``extend_all``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from slsplay.domain.errors import Conflict, NotFound, VersionConflict
from slsplay.domain.invitations import Invitation
from slsplay.domain.meetup_details import MeetupDetails
from slsplay.domain.meetups import Meetup, MeetupCounts, MeetupStatus
from slsplay.domain.series import Series
from slsplay.ids import new_id
from slsplay.ports import (
    ConditionFailed,
    TransactionOp,
)
from slsplay.services.answers import answer_quietly
from slsplay.services.bundles import StorePorts
from slsplay.services.views import Occurrence, occurrences_of, view_meetup
from slsplay.store.repositories import InvitationRepository, MeetupRepository
from slsplay.store.series import SeriesRepository

# A series changed by two at once is read again and the change tried again.
ATTEMPTS = 3
# Occurrences one run creates at most (60 days hold 3; the rest is room for lost races).
MAX_PER_RUN = 30


def start_series(ports: StorePorts, first: Meetup, rule_values: object) -> tuple[Series, Meetup]:
    """A new series whose first occurrence is the new draft ``first``."""
    series, meetup = Series.start(
        series_id=new_id(), first=first, values=rule_values, now=ports.clock.now()
    )
    SeriesRepository(ports.store).add(series, meetup)
    return series, meetup


def series_with_occurrences(
    ports: StorePorts, meetup_id: str, viewer_id: str | None
) -> tuple[Series, list[Occurrence]]:
    """The series of an occurrence its viewer may see, with the occurrences they may see."""
    view = view_meetup(ports, meetup_id, viewer_id)
    if view.series is None:
        raise NotFound("series_not_found")
    shown = [o for o in occurrences_of(ports, view.series) if o.meetup.visible_to(viewer_id)]
    return view.series, shown


def published(ports: StorePorts, meetup: Meetup) -> int:
    """The first occurrence was published: so is the series, whose next 60 days are
    created at once. Answers how many occurrences were created."""
    if meetup.series_id is None or meetup.occurrence != 1:
        return 0

    def publish(series: Series) -> None:
        series.publish(ports.clock.now())

    _change(ports, meetup.series_id, publish)
    return extend(ports, meetup.series_id)


def cancelled(ports: StorePorts, meetup: Meetup) -> None:
    """An occurrence was cancelled: the series skips it from now on."""
    if meetup.series_id is None or meetup.occurrence is None:
        return
    number = meetup.occurrence
    _change(ports, meetup.series_id, lambda series: series.skip(number, ports.clock.now()))


def deleted(ports: StorePorts, meetup: Meetup) -> None:
    """A draft first occurrence was deleted: its series (never published) goes with it."""
    if meetup.series_id is None:
        return
    SeriesRepository(ports.store).delete(meetup.series_id)


def extend_all(ports: StorePorts) -> int:
    """The daily job: every published series gets its occurrences of the next 60 days."""
    return sum(extend(ports, series.id) for series in SeriesRepository(ports.store).active())


def extend(ports: StorePorts, series_id: str) -> int:
    """Create the occurrences of one series due by now (safe to repeat, and to race)."""
    repository = SeriesRepository(ports.store)
    created = 0
    for _ in range(MAX_PER_RUN):
        series = repository.get(series_id)
        if not series.is_published:
            return created
        due = series.due(ports.clock.now())
        if not due:
            return created
        number, start = due[0]
        read_version = series.version
        meetup = series.occurrence(
            meetup_id=new_id(), number=number, start=start, now=ports.clock.now()
        )
        series.created(number, ports.clock.now())
        if repository.add_occurrence(series, read_version, meetup):
            _carry_over(ports, series, meetup)
            created += 1
    return created


def _carry_over(ports: StorePorts, series: Series, meetup: Meetup) -> None:
    """Invite to a new occurrence everyone invited to the one before it, then apply the
    answers given for the whole series (capacity and price apply as for any answer)."""
    ids = SeriesRepository(ports.store).occurrence_ids(series.id)
    earlier = [n for n in ids if n < (meetup.occurrence or 0)]
    if not earlier:
        return
    now = ports.clock.now()
    invitations = [
        Invitation(
            id=new_id(),
            meetup_id=meetup.id,
            email=previous.email,
            name=previous.name,
            invited_at=now,
            unsubscribed_at=previous.unsubscribed_at,
            joined=previous.joined,
            meetup_starts_at=meetup.starts_at,
        )
        for previous in InvitationRepository(ports.store).all_of_meetup(ids[max(earlier)])
    ]
    if invitations:
        InvitationRepository(ports.store).add_many(meetup, invitations)
    invited = {i.email for i in invitations}
    for email, response in SeriesRepository(ports.store).answers(series.id).items():
        if email in invited:
            answer_quietly(ports, meetup.id, email, response)


def edit_following(
    ports: StorePorts,
    actor_id: str,
    edited: Meetup,
    changes: Mapping[str, object],
) -> None:
    """After an edit of occurrence ``edited`` "and all future": the series goes on with its
    details from there, and the later occurrences created so far change with it."""
    if edited.series_id is None or edited.occurrence is None:
        raise Conflict("not_a_series")
    repository = SeriesRepository(ports.store)
    series = repository.get(edited.series_id)
    read_version = series.version
    now = ports.clock.now()
    number = edited.occurrence
    later = [o for o in occurrences_of(ports, series) if o.number > number]
    template = edited.details
    if number == 1:
        series.retemplate(actor_id, template, now)
        target, first_number = series, 1
        ops: list[TransactionOp] = [repository.save_op(series, read_version)]
    else:
        target = series.split(actor_id, number=number, details=template, new_id=new_id(), now=now)
        first_number = number
        moved = {o.number: o.meetup.id for o in later}
        moved[number] = edited.id
        ops = [
            repository.save_op(series, read_version),
            repository.new_op(target),
            *repository.move_ops(series, target.id, moved, number),
        ]
    # Every change is decided before anything is written: one refused, none is made.
    kept = {k: v for k, v in changes.items() if k not in ("starts_at", "rsvp_closes_at")}
    changed: list[tuple[Meetup, int]] = []
    for occurrence in later:
        renumbered = occurrence.number - first_number + 1
        start = target.start_of(renumbered)
        meetup, counts = MeetupRepository(ports.store).get(occurrence.meetup.id)
        read = meetup.version
        own: Mapping[str, object] = {}
        if meetup.status is not MeetupStatus.CANCELLED and start is not None:
            own = {**kept, **_timing(target.occurrence_details(start))}
        meetup.follow_series(
            actor_id,
            series_id=target.id,
            occurrence=renumbered,
            changes=own,
            now=now,
            counts=counts,
        )
        changed.append((meetup, read))
    if number > 1:
        read = edited.version
        edited.follow_series(
            actor_id,
            series_id=target.id,
            occurrence=1,
            changes={},
            now=now,
            counts=MeetupCounts(),
        )
        changed.append((edited, read))
    try:
        ports.store.transact(ops)
    except ConditionFailed as e:  # the series changed meanwhile
        raise VersionConflict from e
    for meetup, read in changed:
        MeetupRepository(ports.store).save(meetup, read)


def _timing(details: MeetupDetails) -> dict[str, object]:
    return {"starts_at": details.starts_at, "rsvp_closes_at": details.rsvp_closes_at}


def _change(ports: StorePorts, series_id: str, action: Callable[[Series], None]) -> None:
    repository = SeriesRepository(ports.store)
    for attempt in range(1, ATTEMPTS + 1):
        series = repository.get(series_id)
        read_version = series.version
        action(series)
        if series.version == read_version:
            return
        try:
            repository.save(series, read_version)
        except VersionConflict:
            if attempt == ATTEMPTS:
                raise
            continue
        return
