"""The organizer's use cases for meetups: plan, edit, publish, cancel, delete, invite.

Each function loads what it needs, lets the domain decide, and saves through a repository
whose conditional writes make the decision stick. Authorization beyond the domain's rules
(who may *see* what) belongs to the caller, which knows who is asking and how.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from slsplay.domain.errors import (
    FieldError,
    Forbidden,
    InvalidInput,
    PreconditionFailed,
)
from slsplay.domain.invitations import Answer, Invitation
from slsplay.domain.meetups import Meetup, MeetupCounts
from slsplay.domain.series import FOLLOWING, THIS
from slsplay.ids import new_id
from slsplay.services import series
from slsplay.services.bundles import StorePorts
from slsplay.services.views import MeetupView, media_of, series_of, visible_meetup
from slsplay.store.repositories import (
    InvitationRepository,
    MeetupRepository,
    UserRepository,
)
from slsplay.store.tickets import PayoutAccountRepository

MAX_INVITEES_PER_REQUEST = 1_000


def plan_meetup(ports: StorePorts, organizer_id: str, values: Mapping[str, object]) -> MeetupView:
    """Create a draft meetup; with ``recurrence``, the first occurrence of a monthly series."""
    rule = values.get("recurrence")
    fields = {name: value for name, value in values.items() if name != "recurrence"}
    meetup = Meetup.plan(
        meetup_id=new_id(), organizer_id=organizer_id, values=fields, now=ports.clock.now()
    )
    if rule is None:
        MeetupRepository(ports.store).add(meetup)
        return MeetupView(meetup, MeetupCounts())
    started, meetup = series.start_series(ports, meetup, rule)
    return MeetupView(meetup, MeetupCounts(), series=started)


def edit_meetup(
    ports: StorePorts,
    actor_id: str,
    meetup_id: str,
    changes: Mapping[str, object],
    *,
    expected_version: int | None = None,
    scope: str = THIS,
) -> MeetupView:
    """Change some fields; with ``expected_version``, ``PreconditionFailed`` if it moved on.

    For an occurrence of a series, scope ``following`` changes the occurrences to come too.
    """
    if scope not in (THIS, FOLLOWING):
        raise InvalidInput([FieldError("apply_to", f"must be {THIS} or {FOLLOWING}")])
    view = _change(
        ports,
        actor_id,
        meetup_id,
        expected_version,
        lambda meetup, counts: meetup.edit(actor_id, changes, ports.clock.now(), counts),
    )
    if scope == FOLLOWING:
        series.edit_following(ports, actor_id, view.meetup, changes)
        view = replace(view, series=series_of(ports, view.meetup))  # split, perhaps
    return view


def publish_meetup(ports: StorePorts, actor_id: str, meetup_id: str) -> MeetupView:
    """Publish a draft; the change feed then has the invitations sent."""
    publisher = UserRepository(ports.store).get(actor_id)

    def publish(meetup: Meetup, _: MeetupCounts) -> bool:
        can_be_paid = PayoutAccountRepository(ports.store).find(meetup.organizer_id) is not None
        meetup.publish(publisher, ports.clock.now(), organizer_can_be_paid=can_be_paid)
        return True

    view = _change(ports, actor_id, meetup_id, None, publish)
    series.published(ports, view.meetup)
    return view


def cancel_meetup(ports: StorePorts, actor_id: str, meetup_id: str) -> MeetupView:
    """Cancel a meetup; the change feed then tells everyone invited."""

    def cancel(meetup: Meetup, _: MeetupCounts) -> bool:
        meetup.cancel(actor_id, ports.clock.now())
        return True

    view = _change(ports, actor_id, meetup_id, None, cancel)
    series.cancelled(ports, view.meetup)
    return view


def _change(
    ports: StorePorts,
    actor_id: str,
    meetup_id: str,
    expected_version: int | None,
    action: Callable[[Meetup, MeetupCounts], bool],
) -> MeetupView:
    meetup, counts = visible_meetup(ports, meetup_id, actor_id)
    read_version = meetup.version
    if expected_version is not None and expected_version != read_version:
        raise PreconditionFailed
    if action(meetup, counts):
        MeetupRepository(ports.store).save(meetup, read_version)
    return MeetupView(
        meetup, counts, media=media_of(ports, meetup), series=series_of(ports, meetup)
    )


def delete_meetup(ports: StorePorts, actor_id: str, meetup_id: str) -> None:
    """Delete a draft (or a cancelled meetup) with its invitations."""
    meetup, _ = visible_meetup(ports, meetup_id, actor_id)
    meetup.ensure_deletable(actor_id)
    MeetupRepository(ports.store).delete(meetup, ports.clock.now())
    series.deleted(ports, meetup)


def invite_people(
    ports: StorePorts,
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
    meetup, _ = visible_meetup(ports, meetup_id, actor_id)
    now = ports.clock.now()
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
    InvitationRepository(ports.store).add_many(meetup, new)
    return new


def invitations_of(
    ports: StorePorts, actor_id: str, meetup_id: str, *, limit: int = 100, cursor: str | None = None
) -> tuple[list[Invitation], str | None]:
    """The organizer's view of who is invited and what each answered."""
    meetup, _ = visible_meetup(ports, meetup_id, actor_id)
    if not meetup.is_organizer(actor_id):
        raise Forbidden("not_organizer")
    return InvitationRepository(ports.store).of_meetup(meetup_id, limit=limit, cursor=cursor)


def attendees_of(ports: StorePorts, actor_id: str, meetup_id: str) -> list[Invitation]:
    """Everyone attending, by the time they answered (the organizer only)."""
    meetup, _ = visible_meetup(ports, meetup_id, actor_id)
    if not meetup.is_organizer(actor_id):
        raise Forbidden("not_organizer")
    attending = [
        invitation
        for invitation in InvitationRepository(ports.store).all_of_meetup(meetup_id)
        if invitation.response is Answer.ATTENDING
    ]
    return sorted(attending, key=lambda i: (i.responded_at, i.email))
