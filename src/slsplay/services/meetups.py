"""The organizer's and the invitee's use cases for meetups and invitations.

Each function loads what it needs, lets the domain decide, and saves through a repository
whose conditional writes make the decision stick. Authorization beyond the domain's rules
(who may *see* what) belongs to the caller, which knows who is asking and how.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from slsplay.domain.errors import FieldError, Forbidden, InvalidInput, VersionConflict
from slsplay.domain.invitations import Invitation, Response, normalise_email
from slsplay.domain.meetups import Meetup, MeetupCounts
from slsplay.ids import new_id
from slsplay.ports import Clock, ItemStore
from slsplay.store.repositories import InvitationRepository, MeetupRepository

MAX_INVITEES_PER_REQUEST = 1_000


@dataclass(frozen=True)
class MeetupView:
    """A meetup with its counts, as readers see it."""

    meetup: Meetup
    counts: MeetupCounts


def plan_meetup(
    store: ItemStore, clock: Clock, organizer_id: str, values: Mapping[str, object]
) -> MeetupView:
    """Create a draft meetup."""
    meetup = Meetup.plan(
        meetup_id=new_id(), organizer_id=organizer_id, values=values, now=clock.now()
    )
    MeetupRepository(store).add(meetup)
    return MeetupView(meetup, MeetupCounts())


def view_meetup(store: ItemStore, meetup_id: str) -> MeetupView:
    """A meetup and its counts."""
    meetup, counts = MeetupRepository(store).get(meetup_id)
    return MeetupView(meetup, counts)


def edit_meetup(
    store: ItemStore,
    clock: Clock,
    actor_id: str,
    meetup_id: str,
    changes: Mapping[str, object],
    *,
    expected_version: int | None = None,
) -> MeetupView:
    """Change some fields; with ``expected_version``, refuse if the caller's copy is stale."""
    return _change(
        store,
        meetup_id,
        expected_version,
        lambda meetup, counts: meetup.edit(actor_id, changes, clock.now(), counts),
    )


def publish_meetup(store: ItemStore, clock: Clock, actor_id: str, meetup_id: str) -> MeetupView:
    """Publish a draft; the change feed then has the invitations sent."""

    def publish(meetup: Meetup, _: MeetupCounts) -> bool:
        meetup.publish(actor_id, clock.now())
        return True

    return _change(store, meetup_id, None, publish)


def cancel_meetup(store: ItemStore, clock: Clock, actor_id: str, meetup_id: str) -> MeetupView:
    """Cancel a meetup; the change feed then tells everyone invited."""

    def cancel(meetup: Meetup, _: MeetupCounts) -> bool:
        meetup.cancel(actor_id, clock.now())
        return True

    return _change(store, meetup_id, None, cancel)


def _change(
    store: ItemStore,
    meetup_id: str,
    expected_version: int | None,
    action: Callable[[Meetup, MeetupCounts], bool],
) -> MeetupView:
    repository = MeetupRepository(store)
    meetup, counts = repository.get(meetup_id)
    read_version = meetup.version
    if expected_version is not None and expected_version != read_version:
        raise VersionConflict
    if action(meetup, counts):
        repository.save(meetup, read_version)
    return MeetupView(meetup, counts)


def delete_meetup(store: ItemStore, actor_id: str, meetup_id: str) -> None:
    """Delete a draft (or a cancelled meetup) with its invitations."""
    meetup, _ = MeetupRepository(store).get(meetup_id)
    meetup.ensure_deletable(actor_id)
    invitations = list(InvitationRepository(store).all_of_meetup(meetup_id))
    MeetupRepository(store).delete(meetup, invitations)


def invite_people(
    store: ItemStore,
    clock: Clock,
    actor_id: str,
    meetup_id: str,
    invitees: Sequence[Mapping[str, object]],
) -> list[Invitation]:
    """Invite a list of people by email; nobody is invited twice.

    Every address is checked before anything is written; an address listed twice in one
    request is invited once. Addresses already invited are refused with ``already_invited``.
    """
    if not 1 <= len(invitees) <= MAX_INVITEES_PER_REQUEST:
        raise InvalidInput([FieldError("invitees", f"list 1 to {MAX_INVITEES_PER_REQUEST} people")])
    meetup, _ = MeetupRepository(store).get(meetup_id)
    now = clock.now()
    invitations: dict[str, Invitation] = {}
    errors: list[FieldError] = []
    for position, invitee in enumerate(invitees):
        try:
            invitation = meetup.invite(
                actor_id,
                invitation_id=new_id(),
                email=invitee.get("email"),
                name=invitee.get("name"),
                now=now,
            )
        except InvalidInput as e:
            errors += [FieldError(f"invitees[{position}].{f.field}", f.message) for f in e.errors]
            continue
        invitations.setdefault(invitation.email, invitation)
    if errors:
        raise InvalidInput(errors)
    new = list(invitations.values())
    InvitationRepository(store).add_many(meetup, new)
    return new


def invitations_of(
    store: ItemStore, actor_id: str, meetup_id: str, *, limit: int = 100, cursor: str | None = None
) -> tuple[list[Invitation], str | None]:
    """The organizer's view of who is invited and what each answered."""
    meetup, _ = MeetupRepository(store).get(meetup_id)
    if not meetup.is_organizer(actor_id):
        raise Forbidden("not_organizer")
    return InvitationRepository(store).of_meetup(meetup_id, limit=limit, cursor=cursor)


def attendees_of(store: ItemStore, actor_id: str, meetup_id: str) -> list[Invitation]:
    """Everyone attending, by the time they answered (the organizer only)."""
    meetup, _ = MeetupRepository(store).get(meetup_id)
    if not meetup.is_organizer(actor_id):
        raise Forbidden("not_organizer")
    attending = [
        invitation
        for invitation in InvitationRepository(store).all_of_meetup(meetup_id)
        if invitation.response is Response.ATTENDING
    ]
    return sorted(attending, key=lambda i: (i.responded_at, i.email))


def answer_invitation(
    store: ItemStore, clock: Clock, meetup_id: str, email: str, response: Response
) -> tuple[Invitation, MeetupView]:
    """Record an invitee's answer; answering the same again changes nothing."""
    meetup, counts = MeetupRepository(store).get(meetup_id)
    repository = InvitationRepository(store)
    invitation = repository.get(meetup_id, normalise_email(email))
    read_version = invitation.version
    after = meetup.answer(invitation, response, clock.now(), counts)
    if invitation.version != read_version:
        repository.save_answer(meetup, invitation, read_version, counts, after)
    return invitation, MeetupView(meetup, after)


def meetups_of_organizer(
    store: ItemStore, organizer_id: str, *, limit: int = 50, cursor: str | None = None
) -> tuple[list[Meetup], str | None]:
    """An organizer's meetups by start."""
    return MeetupRepository(store).of_organizer(organizer_id, limit=limit, cursor=cursor)
