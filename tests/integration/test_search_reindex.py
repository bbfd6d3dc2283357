"""`slsplay search reindex` against slsplay serve's own index (SQLite FTS5 locally, the
table's index on the AWS backend): a dropped or garbled index is rebuilt from the table with
every public meetup, a run stopped after a page resumes from the position it printed, and a
second run changes nothing that a search shows."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from slsplay import cli
from slsplay.adapters.table_search.keys import doc_key, keys_key
from slsplay.bootstrap import SEARCH_FILE, Container
from slsplay.config import Settings
from slsplay.ports import Key
from tests.integration.test_search_journey import publish, until_found, word
from tests.support.api import sign_up_organizer
from tests.support.server import Server
from tests.support.waiting import eventually

pytestmark = pytest.mark.served

RESUME = re.compile(r"resume with: slsplay search reindex --from '(\S+)'")


@pytest.fixture
def index(server: Server, monkeypatch: pytest.MonkeyPatch) -> Iterator[Container]:
    """The server's table and search index, as its functions have them."""
    if server.aws_endpoint is not None:  # moto's server, and credentials it takes
        monkeypatch.setenv("AWS_ENDPOINT_URL", server.aws_endpoint)
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    backend = "local" if server.aws_endpoint is None else "aws"
    settings = Settings(
        backend=backend,
        data_dir=server.data_dir,
        aws_endpoint=server.aws_endpoint,
        table_name=f"slsplay-{server.stage}",
        stage=server.stage,
    )
    container = Container(settings)
    with closing(container.store):
        yield container


def reindex(
    server: Server, capsys: pytest.CaptureFixture[str], *options: str, deployed: bool = False
) -> str:
    """Run the command on the server's backend; answers what it printed. ``deployed``: as
    on a deployed stage, without --aws-endpoint (the SDK's own setting, from the ``index``
    fixture, points at moto's server here)."""
    capsys.readouterr()
    backend = ["--backend", "local"]
    if server.aws_endpoint is not None:
        backend = ["--backend", "aws"]
        backend += [] if deployed else ["--aws-endpoint", server.aws_endpoint]
    arguments = ["--data-dir", str(server.data_dir), "search", "reindex", *options]
    code = cli.main([*arguments, *backend, "--stage", server.stage])
    printed = capsys.readouterr().out
    assert code == 0, printed
    return printed


def quiet_then(server: Server) -> None:
    """Wait until the change feed has delivered all it had: nothing indexes behind the test."""
    eventually(server.quiet)


def public_meetups(api: httpx.Client, server: Server, tag: str, *starts: datetime) -> list[str]:
    """Public meetups carrying ``tag`` (one at each start, in that order), once indexed."""
    token = sign_up_organizer(api, server)["access_token"]
    ids = [
        publish(api, token, title=f"Tasting {tag} {n}", starts_at=start.isoformat())["id"]
        for n, start in enumerate(starts)
    ]
    until_found(api, len(ids), q=tag)
    quiet_then(server)
    return ids


# The meetups the index finds now, asked through GraphQL, the web app's way: REST's public
# search is kept at the edge for a few seconds by its query string, and these tests change
# the index behind the change feed's back.
FIND = """
  query Find($q: String, $sort: SearchOrder) {
    publicMeetups(q: $q, sort: $sort, first: 50) { nodes { meetupId } }
  }
"""


def found_ids(api: httpx.Client, q: str, sort: str | None = None) -> list[str]:
    """The ids of the public meetups a search finds, in its order (the first 50)."""
    variables = {"q": q, "sort": None if sort is None else sort.upper()}
    answer = api.post("/api/graphql", json={"query": FIND, "variables": variables}).json()
    assert "errors" not in answer, answer
    return [node["meetupId"] for node in answer["data"]["publicMeetups"]["nodes"]]


def days_ahead(days: int, hour: int = 18) -> datetime:
    return (datetime.now(UTC) + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def test_a_dropped_index_is_rebuilt_with_every_public_meetup_and_no_private_one(
    server: Server, api: httpx.Client, index: Container, capsys: pytest.CaptureFixture[str]
) -> None:
    tag = word()
    ids = public_meetups(api, server, tag, days_ahead(5), days_ahead(12), days_ahead(400))
    token = sign_up_organizer(api, server)["access_token"]
    private = publish(api, token, title=f"Tasting {tag} inner circle", visibility="private")
    for meetup_id in [*ids, private["id"]]:
        index.search.remove(meetup_id)
    assert found_ids(api, q=tag) == []

    # From now to three years ahead, a query a day; on moto (some 30 ms a query) to the last
    # meetup's day, so that the suite keeps its pace.
    extent = [] if server.aws_endpoint is None else ["--until", f"{days_ahead(400):%Y-%m-%d}"]
    printed = reindex(server, capsys, *extent)

    assert found_ids(api, q=tag, sort="soonest") == ids
    assert found_ids(api, q=f"tasting {tag}", sort="newest") == ids[::-1]
    assert re.search(r"^done: \d+ meetups read, \d+ public ones indexed", printed, re.M)
    assert re.search(r"^page \d+: .* at \S+$", printed, re.M)  # progress, page by page

    # Once more, as an operator runs it on a deployed stage.
    reindex(server, capsys, "--until", f"{days_ahead(400):%Y-%m-%d}", deployed=True)

    assert found_ids(api, q=tag, sort="soonest") == ids


def test_a_garbled_index_is_written_whole_again(
    server: Server, api: httpx.Client, index: Container, capsys: pytest.CaptureFixture[str]
) -> None:
    tag = word()
    ids = public_meetups(api, server, tag, days_ahead(6), days_ahead(7))
    garble(server, index, ids)
    assert found_ids(api, q=tag) == []

    reindex(server, capsys, "--until", f"{days_ahead(7):%Y-%m-%d}")

    assert found_ids(api, q=tag, sort="soonest") == ids
    assert found_ids(api, q=tag, sort="closing") == ids


def garble(server: Server, index: Container, meetup_ids: list[str]) -> None:
    """Damage what the index keeps of the meetups so that no search finds them, in a way
    that an upsert writing only what changed would not repair."""
    if server.aws_endpoint is None:
        # The words and listing fields replaced (FTS5 follows them), the postings gone.
        with closing(sqlite3.connect(server.data_dir / SEARCH_FILE)) as conn, conn:
            for meetup_id in meetup_ids:
                conn.execute(
                    "DELETE FROM search_postings WHERE seq ="
                    " (SELECT seq FROM search_meetups WHERE meetup_id = ?)",
                    [meetup_id],
                )
                conn.execute(
                    "UPDATE search_meetups SET title = 'x', description = 'x',"
                    " organizer_name = 'x', title_key = 'x' WHERE meetup_id = ?",
                    [meetup_id],
                )
        return
    # Every posting and listing item deleted, the record of them (doc, keys) left as it was.
    store = index.store
    for meetup_id in meetup_ids:
        doc, keys = store.get(doc_key(meetup_id)), store.get(keys_key(meetup_id))
        assert doc is not None
        assert keys is not None
        for pk, sk, _ in doc["listings"]:
            store.delete(Key(pk, sk))
        for pk in keys["postings"]:
            store.delete(Key(pk, meetup_id))


def test_a_reindex_stopped_after_a_page_resumes_from_the_position_it_printed(
    server: Server, api: httpx.Client, index: Container, capsys: pytest.CaptureFixture[str]
) -> None:
    tag = word()
    day = days_ahead(40)
    starts = [day.replace(hour=hour) for hour in (9, 10, 11)]
    ids = public_meetups(api, server, tag, *starts)
    for meetup_id in ids:
        index.search.remove(meetup_id)
    one_day = ["--until", f"{day:%Y-%m-%d}", "--page-size", "2"]

    printed = reindex(
        server, capsys, "--from", f"{day:%Y-%m-%d}T00:00:00Z", *one_day, "--pages", "1"
    )

    assert sorted(found_ids(api, q=tag)) == sorted(ids[:2])
    resume = RESUME.search(printed)
    assert resume is not None, printed

    reindex(server, capsys, "--from", resume.group(1), *one_day)

    assert found_ids(api, q=tag, sort="soonest") == ids


def test_a_position_the_command_never_printed_is_refused(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["--data-dir", str(server.data_dir), "search", "reindex", "--from", "soon"])

    assert code == 2
    assert "--from takes a position a reindex printed" in capsys.readouterr().err
