"""The analytics history's one schema, its pseudonymous invitees, and the facts the change
feed yields for the organizers' insights."""

from __future__ import annotations

from datetime import UTC, datetime

from slsplay.adapters.aws.athena_queries import database_name, workgroup_name
from slsplay.domain import analytics
from slsplay.domain.analytics import COLUMNS, PARTITION_COLUMN, pseudonym, record_of
from slsplay.domain.events import ActivityNoted
from slsplay.domain.invitations import Answer, Invitation
from slsplay.local.template import Stack, load_template
from slsplay.ports import Change, Key
from slsplay.store import activity, records
from slsplay.store.mail_markers import MARKER_TYPE

AT = datetime(2030, 3, 4, 18, 30, tzinfo=UTC)


def test_the_glue_table_declares_the_one_schema() -> None:
    table = load_template()["Resources"]["AnalyticsEventsTable"]["Properties"]["TableInput"]
    declared = [(c["Name"], c["Type"]) for c in table["StorageDescriptor"]["Columns"]]
    partitions = [(c["Name"], c["Type"]) for c in table["PartitionKeys"]]

    assert declared == list(COLUMNS)
    assert partitions == [PARTITION_COLUMN]


def test_an_invitee_is_named_by_a_keyed_pseudonym_never_by_the_address() -> None:
    one = pseudonym("Ann@Example.com", b"stage secret")

    assert one == pseudonym("ann@example.com", b"stage secret")
    assert one != pseudonym("ann@example.com", b"another stage")
    assert "ann" not in one
    fact = ActivityNoted("f1", analytics.ANSWERED, AT, "m1", email="ann@example.com")
    record = record_of(fact, "u1", b"stage secret")
    assert record.invitee == one
    assert "ann@example.com" not in repr(record)
    assert record.dt == "2030-03-04"


def _invitation(**changes: object) -> Invitation:
    fields: dict[str, object] = {
        "id": "i1",
        "meetup_id": "m1",
        "email": "ann@example.com",
        "name": None,
        "invited_at": AT,
        **changes,
    }
    return Invitation(**fields)  # type: ignore[arg-type]


def _change(old: dict[str, object] | None, new: dict[str, object] | None, sk: str) -> Change:
    kind = "INSERT" if old is None else "MODIFY"
    return Change("1", kind, Key("MEETUP#m1", sk), old, new, AT)


def test_a_first_answer_and_a_changed_one_move_the_current_counts() -> None:
    none = records.invitation_item(_invitation())
    declined = records.invitation_item(
        _invitation(response=Answer.DECLINED, responded_at=AT, version=2)
    )
    attending = records.invitation_item(
        _invitation(response=Answer.WAITLISTED, responded_at=AT, version=3)
    )

    (first,) = activity.facts_of(_change(none, declined, "INVITATION#ann@example.com"))
    (second,) = activity.facts_of(_change(declined, attending, "INVITATION#ann@example.com"))

    assert (first.kind, first.detail, first.previous, first.first) == (
        "answered",
        "declined",
        None,
        True,
    )
    assert (second.detail, second.previous, second.first) == ("waiting", "declined", False)
    assert (
        first.id == activity.facts_of(_change(none, declined, "INVITATION#ann@example.com"))[0].id
    )


def test_a_confirmed_mail_marker_is_an_email_or_a_reminder_sent() -> None:
    sending = {"type": MARKER_TYPE, "state": "sending", "at": AT.isoformat()}
    sent = {**sending, "state": "sent"}

    (email,) = activity.facts_of(_change(sending, sent, "MAIL#invitation#ann@example.com"))
    (reminder,) = activity.facts_of(_change(sending, sent, "MAIL#reminder-24h#ann@example.com"))

    assert (email.kind, email.detail, email.email) == (
        "email_sent",
        "invitation",
        "ann@example.com",
    )
    assert (reminder.kind, reminder.detail) == ("reminder_sent", "24")
    assert activity.facts_of(_change(None, sending, "MAIL#invitation#ann@example.com")) == []
    assert activity.facts_of(_change(sent, sent, "MAIL#invitation#ann@example.com")) == []


def test_only_the_first_visit_marker_reaches_the_feed_as_a_fact() -> None:
    opened = {"type": activity.OPENED_TYPE, "at": AT.isoformat()}

    (fact,) = activity.facts_of(_change(None, opened, "OPENED#ann@example.com"))

    assert (fact.kind, fact.email, fact.occurred_at) == (
        "invitation_opened",
        "ann@example.com",
        AT,
    )


def test_the_cli_queries_the_database_and_workgroup_the_template_makes() -> None:
    stack = Stack.load(parameters={"Stage": "prod-eu"})

    database = stack.properties("AnalyticsDatabase")["DatabaseInput"]["Name"]
    workgroup = stack.properties("AnalyticsWorkGroup")["Name"]

    assert (database, workgroup) == (database_name("prod-eu"), workgroup_name("prod-eu"))
