"""Every adapter carries the bound correlation id across its hop, so that a request's id
reaches the email at its end: the table's writes (its change feed shows the id to the
stream function) and the queues' messages (as an attribute), on SQLite and AWS alike. The
mailers' side is in test_mailers.py."""

from __future__ import annotations

from slsplay.ports import (
    CORRELATION_ATTRIBUTE,
    ItemStore,
    Key,
    Put,
    Queue,
    Update,
    correlation,
)

MEETUP = Key("MEETUP#m1", "META")
INVITATION = Key("MEETUP#m1", "INVITE#ann@example.com")


def _new_images(store: ItemStore) -> list[dict[str, object] | None]:
    return [change.new_image for change in store.changes(limit=100).changes]


def test_writes_under_a_correlation_id_carry_it_into_the_change_feed(store: ItemStore) -> None:
    with correlation("publish-1"):
        store.put({"pk": MEETUP.pk, "sk": MEETUP.sk, "status": "draft"})
        store.transact(
            [
                Update(MEETUP, set={"status": "published"}),
                Put({"pk": INVITATION.pk, "sk": INVITATION.sk, "email": "ann@example.com"}),
            ]
        )

    ids = [None if image is None else image[CORRELATION_ATTRIBUTE] for image in _new_images(store)]
    assert ids == ["publish-1"] * 3
    assert store.get(MEETUP) == {
        "pk": MEETUP.pk,
        "sk": MEETUP.sk,
        "status": "published",
        CORRELATION_ATTRIBUTE: "publish-1",
    }


def test_a_write_under_no_correlation_id_writes_the_item_as_given(store: ItemStore) -> None:
    store.put({"pk": MEETUP.pk, "sk": MEETUP.sk, "status": "draft"})

    assert store.get(MEETUP) == {"pk": MEETUP.pk, "sk": MEETUP.sk, "status": "draft"}


def test_messages_sent_under_a_correlation_id_carry_it_as_an_attribute(queue: Queue) -> None:
    with correlation("publish-1"):
        queue.send("one", {"event": "meetup_published"})
        queue.send_batch([("two", {"event": "invitations_due"}), ("three", {})])
    queue.send("four", {"event": "meetup_published"})

    received = {message.body: dict(message.attributes) for message in queue.receive(10)}

    assert received == {
        "one": {"event": "meetup_published", CORRELATION_ATTRIBUTE: "publish-1"},
        "two": {"event": "invitations_due", CORRELATION_ATTRIBUTE: "publish-1"},
        "three": {CORRELATION_ATTRIBUTE: "publish-1"},
        "four": {"event": "meetup_published"},
    }
