"""What every resolver of one request shares: who is asking, the ports, and the loaders.

The loaders batch what a page of meetups asks for field by field (counts, organizers'
names, covers, media) into one request to the store each (two for media: the lists, then
the uploads they name), whatever the page's size. They live for one request, so nothing
read for one caller is ever served to another.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from strawberry.dataloader import DataLoader

from slsplay.domain.errors import Unauthorized
from slsplay.domain.media import Media
from slsplay.domain.meetups import MeetupCounts
from slsplay.ports import MAX_BATCH_GET
from slsplay.services import media, views
from slsplay.services.auth import Caller
from slsplay.services.media import StreamSigner

if TYPE_CHECKING:
    from slsplay.bootstrap import Container

V = TypeVar("V")


def _batched(load: Callable[[Sequence[str]], dict[str, V]], default: V) -> DataLoader[str, V]:
    async def load_fn(keys: list[str]) -> list[V]:
        found = load(keys)
        return [found.get(key, default) for key in keys]

    return DataLoader(load_fn=load_fn, max_batch_size=MAX_BATCH_GET)


@dataclass
class Context:
    """One GraphQL request's context (``info.context``)."""

    app: Container
    caller: Caller | None
    now: datetime
    # What signs video streams' paths, asked for only when a video has a stream.
    signer: Callable[[], StreamSigner]
    # A guest's own token, as signing up or in takes it to move the guest's drafts.
    guest_token: str | None = None
    # The web app asks: a session's refresh token goes to a cookie the answer sets
    # (``issued_refresh_token``), never into the data its scripts read.
    refresh_cookie: bool = False
    issued_refresh_token: str | None = None
    counts: DataLoader[str, MeetupCounts] = field(init=False)
    names: DataLoader[str, str | None] = field(init=False)
    covers: DataLoader[str, Media | None] = field(init=False)
    media: DataLoader[str, tuple[Media, ...]] = field(init=False)

    def __post_init__(self) -> None:
        app = self.app
        self.counts = _batched(lambda ids: views.counts_of(app, ids), MeetupCounts())
        self.names = _batched(lambda ids: views.names_of(app, ids), None)
        self.covers = _batched(lambda ids: dict(media.covers_of(app, ids)), None)
        self.media = _batched(lambda ids: media.media_of_meetups(app, ids), ())

    @property
    def user_id(self) -> str:
        """The signed-in caller's id; ``Unauthorized`` for an anonymous request."""
        if self.caller is None:
            raise Unauthorized("sign_in_required")
        return self.caller.user_id
