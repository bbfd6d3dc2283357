"""How readers see meetups: a meetup with its counts, organizer, media and series, pages of
them, and the occurrences of a series. Reads only; every use case that shows a meetup
builds its view here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from slsplay.domain.errors import NotFound
from slsplay.domain.media import Media
from slsplay.domain.meetups import Meetup, MeetupCounts
from slsplay.domain.series import Series
from slsplay.ports import MAX_BATCH_GET
from slsplay.services.bundles import StorePorts
from slsplay.store.repositories import MediaRepository, MeetupRepository, UserRepository
from slsplay.store.series import SeriesRepository


@dataclass(frozen=True)
class MeetupView:
    """A meetup with its counts, as readers see it."""

    meetup: Meetup
    counts: MeetupCounts
    organizer_name: str | None = None
    media: tuple[Media, ...] = ()
    series: Series | None = None  # an occurrence's series, where a reader shows it


def view_meetup(ports: StorePorts, meetup_id: str, viewer_id: str | None) -> MeetupView:
    """A meetup and its counts, for someone allowed to see it (others: ``NotFound``)."""
    meetup, counts = visible_meetup(ports, meetup_id, viewer_id)
    return MeetupView(
        meetup,
        counts,
        organizer_name(ports, meetup),
        media_of(ports, meetup),
        series_of(ports, meetup),
    )


def media_of(ports: StorePorts, meetup: Meetup) -> tuple[Media, ...]:
    """The meetup's photos and videos, in order."""
    return tuple(MediaRepository(ports.store).of_meetup(meetup.id))


def organizer_name(ports: StorePorts, meetup: Meetup) -> str | None:
    """The organizer's name (``None``: unnamed, or the account is gone)."""
    try:
        return UserRepository(ports.store).get(meetup.organizer_id).name
    except NotFound:
        return None


def visible_meetup(
    ports: StorePorts, meetup_id: str, viewer_id: str | None
) -> tuple[Meetup, MeetupCounts]:
    """The meetup and its counts, if ``viewer_id`` may see it (others: ``NotFound``)."""
    # A stranger learns nothing about a private meetup, not even that it exists: the
    # answer is the same as for a meetup that does not exist.
    meetup, counts = MeetupRepository(ports.store).get(meetup_id)
    if not meetup.visible_to(viewer_id):
        raise NotFound("meetup_not_found")
    return meetup, counts


def counts_of(ports: StorePorts, meetup_ids: Sequence[str]) -> dict[str, MeetupCounts]:
    """The answer counts of up to 100 meetups, in one request (for a page of them)."""
    return MeetupRepository(ports.store).counts_of(meetup_ids)


def names_of(ports: StorePorts, user_ids: Sequence[str]) -> dict[str, str | None]:
    """The names of up to 100 organizers, in one request (``None``: unnamed or gone)."""
    found = UserRepository(ports.store).find_many(user_ids)
    return {user_id: found[user_id].name if user_id in found else None for user_id in user_ids}


def views_of(ports: StorePorts, page: Sequence[Meetup]) -> list[MeetupView]:
    """A page of meetups (at most 100) with their counts and media, in batch reads: as many
    requests for a page of 100 as for a page of 1 (more only past 100 uploads in all)."""
    ids = [meetup.id for meetup in page]
    counts = MeetupRepository(ports.store).counts_of(ids)
    media = MediaRepository(ports.store).of_meetups(ids)
    return [MeetupView(meetup, counts[meetup.id], media=tuple(media[meetup.id])) for meetup in page]


def meetups_of_organizer(
    ports: StorePorts, organizer_id: str, *, limit: int = 50, cursor: str | None = None
) -> tuple[list[Meetup], str | None]:
    """An organizer's meetups by start."""
    return MeetupRepository(ports.store).of_organizer(organizer_id, limit=limit, cursor=cursor)


@dataclass(frozen=True)
class Occurrence:
    """One occurrence as a series lists it: its number and the meetup, if created."""

    number: int
    meetup: Meetup


def series_of(ports: StorePorts, meetup: Meetup) -> Series | None:
    """The series an occurrence belongs to (None for a meetup that does not repeat)."""
    if meetup.series_id is None:
        return None
    try:
        return SeriesRepository(ports.store).get(meetup.series_id)
    except NotFound:
        return None


def occurrences_of(ports: StorePorts, series: Series) -> list[Occurrence]:
    """The occurrences created so far, in order."""
    ids = SeriesRepository(ports.store).occurrence_ids(series.id)
    wanted = list(ids.values())
    found: dict[str, Meetup] = {}
    for start in range(0, len(wanted), MAX_BATCH_GET):
        found |= MeetupRepository(ports.store).get_many(wanted[start : start + MAX_BATCH_GET])
    return [
        Occurrence(number, found[meetup_id])
        for number, meetup_id in sorted(ids.items())
        if meetup_id in found
    ]
