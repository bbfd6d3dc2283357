"""Uploads through the media use cases, on each store: who may upload, how processing ends,
and what a redelivered notification or a second completion event changes (nothing)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from slsplay.domain.errors import Conflict, Forbidden, NotFound
from slsplay.domain.media import Media, MediaKind, MediaRejected, MediaStatus, Rendition
from slsplay.domain.users import User
from slsplay.ports import ItemStore, Processed, UploadTicket
from slsplay.services import media, meetups
from slsplay.services.bundles import StoreAndClock
from slsplay.store.repositories import MediaRepository, UserRepository
from slsplay.store.schema import media_list_key
from tests.support.clock import START, FakeClock
from tests.support.meetups import signed_up
from tests.support.ports import GivenPorts

VARIANTS = Processed((Rendition("w320.webp", "image/webp", 320, 240),))


@dataclass
class Storage:
    """Only what the use cases ask of storage here: tickets."""

    tickets: list[tuple[str, str, int]] = field(default_factory=list)

    def upload_ticket(self, key: str, content_type: str, max_bytes: int) -> UploadTicket:
        self.tickets.append((key, content_type, max_bytes))
        return UploadTicket("http://storage/upload", {"key": key})


@dataclass
class Processor:
    """Answers what it is told to; counts its runs."""

    outcome: Processed | MediaRejected | RuntimeError | None = VARIANTS
    runs: int = 0

    def process(self, item: Media) -> Processed | None:
        self.runs += 1
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def meetup(store: ItemStore, clock: FakeClock) -> str:
    UserRepository(store).add(
        User.register(user_id="ada", email="ada@example.com", name="Ada", now=START)
    )
    values = {
        "title": "Dinner",
        "starts_at": clock.now() + timedelta(days=9),
        "timezone": "UTC",
        "duration_minutes": 60,
        "join_url": "https://meet.example.com/d",
    }
    return meetups.plan_meetup(StoreAndClock(store, clock), "ada", values).meetup.id


def request(store: ItemStore, clock: FakeClock, meetup: str, actor: str = "ada") -> Media:
    item, _ = media.request_upload(
        GivenPorts(store, clock, media=Storage()),
        actor,
        meetup,
        kind=MediaKind.PHOTO,
        content_type="image/JPEG",
        size=5000,
    )
    return item


def test_the_ticket_takes_exactly_the_declared_type_and_at_most_its_size(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    storage = Storage()
    item, _ = media.request_upload(
        GivenPorts(store, clock, media=storage), "ada", meetup,  # type: ignore[arg-type]
        kind=MediaKind.PHOTO, content_type="image/JPEG; charset=x", size=5000,
    )  # fmt: skip

    assert storage.tickets == [(f"meetups/{meetup}/media/{item.id}/original", "image/jpeg", 5000)]
    assert MediaRepository(store).get(meetup, item.id).status is MediaStatus.UPLOADING


def test_only_the_organizer_uploads_and_not_to_a_cancelled_meetup(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    with pytest.raises(NotFound):  # a private draft: others learn nothing of it
        request(store, clock, meetup, actor="eve")
    meetups.invite_people(StoreAndClock(store, clock), "ada", meetup, [{"email": "g@example.com"}])
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, "ada"), meetup)
    meetups.cancel_meetup(StoreAndClock(store, clock), "ada", meetup)
    with pytest.raises(Conflict, match="cancelled"):
        request(store, clock, meetup)
    assert MediaRepository(store).of_meetup(meetup) == []


def test_a_public_meetup_still_takes_uploads_from_its_organizer_only(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    meetups.edit_meetup(StoreAndClock(store, clock), "ada", meetup, {"visibility": "public"})
    meetups.publish_meetup(StoreAndClock(store, clock), signed_up(store, "ada"), meetup)

    with pytest.raises(Forbidden):
        request(store, clock, meetup, actor="eve")


def test_a_meetup_takes_twenty_uploads_at_most(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    for _ in range(20):
        request(store, clock, meetup)
    with pytest.raises(Conflict, match="20"):
        request(store, clock, meetup)


def test_an_arrived_upload_is_processed_once_even_if_announced_twice(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    item = request(store, clock, meetup)
    processor = Processor()

    first = media.upload_arrived(
        GivenPorts(store, clock, media_processor=processor), item.upload_key
    )
    again = media.upload_arrived(
        GivenPorts(store, clock, media_processor=processor), item.upload_key
    )

    assert first is not None
    assert again is not None
    assert (first.status, again.status, processor.runs) == (MediaStatus.READY, MediaStatus.READY, 1)
    assert MediaRepository(store).get(meetup, item.id).renditions == VARIANTS.renditions


def test_a_file_that_is_not_what_it_claims_ends_failed_and_is_not_retried(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    item = request(store, clock, meetup)
    processor = Processor(MediaRejected("The file is not a JPEG image.", "magic bytes: None"))

    ended = media.upload_arrived(
        GivenPorts(store, clock, media_processor=processor), item.upload_key
    )

    assert ended is not None
    assert (ended.status, ended.reason) == (MediaStatus.FAILED, "The file is not a JPEG image.")


def test_a_run_cut_short_leaves_it_processing_and_a_redelivery_finishes_it(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    item = request(store, clock, meetup)
    with pytest.raises(RuntimeError):
        media.upload_arrived(
            GivenPorts(store, clock, media_processor=Processor(RuntimeError("ffmpeg died"))),
            item.upload_key,
        )
    assert MediaRepository(store).get(meetup, item.id).status is MediaStatus.PROCESSING

    finished = media.upload_arrived(
        GivenPorts(store, clock, media_processor=Processor()), item.upload_key
    )

    assert finished is not None
    assert finished.status is MediaStatus.READY


def test_a_job_started_elsewhere_ends_with_its_completion_event_once(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    item = request(store, clock, meetup)
    waiting = media.upload_arrived(
        GivenPorts(store, clock, media_processor=Processor(None)), item.upload_key
    )
    assert waiting is not None
    assert waiting.status is MediaStatus.PROCESSING

    done = media.conversion_ended(
        StoreAndClock(store, clock), meetup, item.id, processed=VARIANTS, reason=None
    )
    late_error = media.conversion_ended(
        StoreAndClock(store, clock),
        meetup,
        item.id,
        processed=None,
        reason="The video could not be converted.",
    )

    assert done is not None
    assert late_error is not None
    assert (done.status, late_error.status) == (MediaStatus.READY, MediaStatus.READY)


def test_a_file_nobody_asked_for_or_for_removed_media_is_ignored(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    item = request(store, clock, meetup)
    media.remove_media(StoreAndClock(store, clock), "ada", meetup, item.id)
    processor = Processor()

    assert (
        media.upload_arrived(GivenPorts(store, clock, media_processor=processor), item.upload_key)
        is None
    )
    assert (
        media.upload_arrived(
            GivenPorts(store, clock, media_processor=processor), "meetups/x/media/y/w320.webp"
        )
        is None
    )
    assert (
        media.upload_arrived(
            GivenPorts(store, clock, media_processor=processor), "../../etc/original"
        )
        is None
    )
    assert processor.runs == 0


def test_a_converted_video_longer_than_ten_minutes_ends_failed(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    item = request(store, clock, meetup)
    media.upload_arrived(GivenPorts(store, clock, media_processor=Processor(None)), item.upload_key)
    long_one = Processed((Rendition("720p.mp4", "video/mp4", 1280, 720),), 601.0)

    ended = media.conversion_ended(
        StoreAndClock(store, clock), meetup, item.id, processed=long_one, reason=None
    )

    assert ended is not None
    assert (ended.status, ended.reason) == (
        MediaStatus.FAILED,
        "The video is longer than 10 minutes.",
    )


def test_a_page_of_meetups_gets_the_uploads_each_meetup_shows_in_the_same_order(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    values = {
        "title": "Lunch",
        "starts_at": clock.now() + timedelta(days=9),
        "timezone": "UTC",
        "duration_minutes": 60,
        "join_url": "https://meet.example.com/l",
    }
    other = meetups.plan_meetup(StoreAndClock(store, clock), "ada", values).meetup.id
    empty = meetups.plan_meetup(StoreAndClock(store, clock), "ada", values).meetup.id
    kept = []
    for _ in range(3):
        kept.append(request(store, clock, meetup))
        clock.advance(seconds=1)
    gone, ready = request(store, clock, other), request(store, clock, other)
    media.upload_arrived(GivenPorts(store, clock, media_processor=Processor()), ready.upload_key)
    media.remove_media(StoreAndClock(store, clock), "ada", other, gone.id)

    found = media.media_of_meetups(StoreAndClock(store, clock), [meetup, other, empty, "none"])

    assert [m.id for m in found[meetup]] == [m.id for m in kept]
    assert found[meetup] == tuple(MediaRepository(store).of_meetup(meetup))
    assert [(m.id, m.status) for m in found[other]] == [(ready.id, MediaStatus.READY)]
    assert found[empty] == found["none"] == ()


def test_a_meetup_stored_before_media_lists_gets_its_list_on_first_read(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    uploads = []
    for _ in range(2):
        uploads.append(request(store, clock, meetup))
        clock.advance(seconds=1)  # uploads are listed by time
    store.delete(media_list_key(meetup))  # as a meetup stored before meetups had a list

    first = media.media_of_meetups(StoreAndClock(store, clock), [meetup])

    assert [m.id for m in first[meetup]] == [m.id for m in uploads]
    assert store.get(media_list_key(meetup)) is not None  # kept for the next reads
    assert media.media_of_meetups(StoreAndClock(store, clock), [meetup]) == first


def test_media_processing_past_two_hours_is_failed_once_and_a_late_end_changes_nothing(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    # GIVEN a video whose conversion started elsewhere and never reported its end
    item = request(store, clock, meetup)
    media.upload_arrived(GivenPorts(store, clock, media_processor=Processor(None)), item.upload_key)
    ports = StoreAndClock(store, clock)

    # WHEN the sweep runs just before the limit, then just after it, then again
    clock.advance(hours=1, minutes=59)
    before = media.fail_stalled(ports)
    clock.advance(minutes=2)
    after = media.fail_stalled(ports)
    again = media.fail_stalled(ports)

    # THEN it is failed once, with a reason the organizer can act on
    assert (before, after, again) == (0, 1, 0)
    stuck = MediaRepository(store).get(meetup, item.id)
    assert (stuck.status, stuck.timed_out) == (MediaStatus.FAILED, True)
    assert stuck.reason == "Processing took too long. Upload the file again."
    # AND the conversion's end, if it ever comes, changes nothing
    late = media.conversion_ended(ports, meetup, item.id, processed=VARIANTS, reason=None)
    assert late is not None
    assert late.status is MediaStatus.FAILED


def test_the_sweep_leaves_ready_failed_and_recently_started_media_alone(
    store: ItemStore, clock: FakeClock, meetup: str
) -> None:
    ready, rejected, waiting = (request(store, clock, meetup) for _ in range(3))
    media.upload_arrived(GivenPorts(store, clock, media_processor=Processor()), ready.upload_key)
    refusal = Processor(MediaRejected("The file is not a photo."))
    media.upload_arrived(GivenPorts(store, clock, media_processor=refusal), rejected.upload_key)
    media.upload_arrived(
        GivenPorts(store, clock, media_processor=Processor(None)), waiting.upload_key
    )
    clock.advance(hours=1, minutes=30)
    # A redelivery starts it again: two hours count from then.
    media.upload_arrived(
        GivenPorts(store, clock, media_processor=Processor(None)), waiting.upload_key
    )

    clock.advance(hours=1)

    assert media.fail_stalled(StoreAndClock(store, clock)) == 0
    statuses = [MediaRepository(store).get(meetup, m.id).status for m in (ready, rejected, waiting)]
    assert statuses == [MediaStatus.READY, MediaStatus.FAILED, MediaStatus.PROCESSING]
