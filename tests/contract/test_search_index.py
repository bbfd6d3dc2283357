"""The SearchIndex contract: how people find public meetups, whichever adapter answers.

Every test builds its corpus through ``upsert`` and asks through ``search`` only, so the
cloud adapter can join the ``index`` fixture's params and be held to the same promises.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from slsplay.adapters.local.sqlite_search import SqliteSearchIndex
from slsplay.domain.search import SORTS, popularity
from slsplay.ports import (
    MAX_SEARCH_PAGE,
    IndexedMeetup,
    InvalidCursor,
    SearchIndex,
    SearchQuery,
    SearchSort,
)
from tests.support.clock import START

NOW = START
DAY = timedelta(days=1)


@pytest.fixture(params=["sqlite"])
def index(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchIndex]:
    """The adapter under test, empty."""
    sqlite = SqliteSearchIndex(tmp_path_factory.mktemp("data") / "search.db")
    yield sqlite
    sqlite.close()


def meetup(meetup_id: str, **fields: Any) -> IndexedMeetup:
    """A public meetup open for answers at ``NOW``, with some fields replaced."""
    values: dict[str, Any] = {
        "title": "Evening get-together",
        "description": "Come along.",
        "category": "community",
        "organizer_name": "Ada Lovelace",
        "starts_at": NOW + 7 * DAY,
        "created_at": NOW - DAY,
        "closes_at": NOW + 6 * DAY,
        "attending": 0,
    }
    return IndexedMeetup(meetup_id=meetup_id, **{**values, **fields})


def seed(index: SearchIndex, *meetups: IndexedMeetup) -> None:
    for each in meetups:
        index.upsert(each)


def found(index: SearchIndex, **query: Any) -> list[str]:
    """The ids of the one page a search at ``NOW`` gives on a small corpus."""
    page = index.search(SearchQuery(**{"now": NOW, "limit": MAX_SEARCH_PAGE, **query}))
    assert page.next_cursor is None
    return page.meetup_ids


def walk(index: SearchIndex, query: SearchQuery) -> list[str]:
    """The ids of every page of ``query``, following the cursors to the end."""
    ids: list[str] = []
    cursor = query.cursor
    while True:
        page = index.search(replace(query, cursor=cursor))
        ids += page.meetup_ids
        if page.next_cursor is None:
            return ids
        assert page.meetup_ids, "a page that says more follows is never empty"
        cursor = page.next_cursor


# -- words ----------------------------------------------------------------------------------


def test_an_exact_title_match_ranks_first(index: SearchIndex) -> None:
    seed(
        index,
        meetup("a-repeats", title="Porto wine: wine tasting in Porto, tasting in Porto"),
        meetup("b-mentions", description="Wine tasting in Porto. Wine tasting in Porto!"),
        meetup("c-longer", title="Wine tasting in Porto for beginners"),
        meetup("z-exact", title="Wine tasting in Porto"),
    )

    assert found(index, text="Wine tasting in Porto", sort="relevance")[0] == "z-exact"
    assert found(index, text="wine TASTING in porto", sort="relevance")[0] == "z-exact"


def test_relevance_puts_title_matches_above_description_matches_and_ties_by_id(
    index: SearchIndex,
) -> None:
    title = meetup("", title="Late jazz night sessions", description="Bring friends.")
    mention = meetup("", title="Open mic", description="A jazz night with open mic sessions.")
    seed(
        index,
        replace(mention, meetup_id="r3"),
        replace(title, meetup_id="r4"),
        meetup("r5", title="Jazz night", description="Bring friends."),
        replace(mention, meetup_id="r1"),
        replace(title, meetup_id="r2"),
        meetup("r6", title="Quiz night"),
    )

    assert found(index, text="jazz night", sort="relevance") == ["r5", "r2", "r4", "r1", "r3"]


def test_a_meetup_titled_with_the_one_word_searched_ranks_first(index: SearchIndex) -> None:
    # bm25 would put the repeats first: the title "Chess" goes with a long description.
    seed(
        index,
        meetup("a-repeats", title="Chess, chess, chess", description="Chess and more chess."),
        meetup("b-mentions", description="A chess evening."),
        meetup("z-exact", title="Chess", description="Come along. " * 40),
    )

    assert found(index, text="chess", sort="relevance") == ["z-exact", "a-repeats", "b-mentions"]
    assert found(index, text="CHESS", sort="relevance")[0] == "z-exact"


def test_a_word_that_starts_other_words_ranks_title_matches_first(index: SearchIndex) -> None:
    seed(
        index,
        meetup("d-mention", title="Open evening", description="Wines from the Douro."),
        meetup("c-title", title="Wine tasting", description="Come along."),
        meetup("b-other", title="Wineries of the Douro", description="Come along."),
        meetup("a-none", title="Cheese tasting", description="Come along."),
    )

    for text in ("wine", "win", "wi"):
        ranked = found(index, text=text, sort="relevance")
        assert sorted(ranked) == ["b-other", "c-title", "d-mention"], text
        assert ranked[-1] == "d-mention", text


def test_relevance_follows_an_edit_and_a_remove(index: SearchIndex) -> None:
    seed(
        index,
        meetup("a-title", title="Pottery workshop"),
        meetup("b-description", title="Open evening", description="Pottery for all."),
    )
    assert found(index, text="pottery", sort="relevance") == ["a-title", "b-description"]

    index.upsert(meetup("a-title", title="Open studio", description="Bring your pottery."))
    index.upsert(meetup("b-description", title="Pottery evening"))
    assert found(index, text="pottery", sort="relevance") == ["b-description", "a-title"]

    index.remove("b-description")
    assert found(index, text="pottery", sort="relevance") == ["a-title"]
    assert found(index, text="pott", sort="relevance") == ["a-title"]


def test_a_rewrite_leaves_every_search_as_it_was_and_takes_an_edit(index: SearchIndex) -> None:
    seed(
        index,
        meetup("a-title", title="Pottery workshop", attending=2),
        meetup("b-description", title="Open evening", description="Pottery for all."),
    )
    searches: list[dict[str, Any]] = [
        {"text": "pottery", "sort": "relevance"},
        {"text": "pott", "sort": "popular"},
        {"sort": "newest"},
    ]
    before = [found(index, **search) for search in searches]

    index.upsert(meetup("a-title", title="Pottery workshop", attending=2), rewrite=True)
    index.upsert(meetup("b-description", title="Open evening", description="Pottery for all."))
    assert [found(index, **search) for search in searches] == before

    index.upsert(meetup("b-description", title="Clay evening"), rewrite=True)
    assert found(index, text="pottery") == ["a-title"]
    assert found(index, text="clay") == ["b-description"]


def several_ways(n: int) -> IndexedMeetup:
    """One of a corpus where "pottery" is found in many places, as often, in texts of many
    lengths: relevance has long runs of ties, and a few meetups titled "Pottery"."""
    places = [
        {"title": "Pottery"},
        {"title": "Pottery club"},
        {"title": "Open studio", "description": "Pottery " + "and clay " * (n % 5)},
        {"title": "Open studio", "description": "Pottery, pottery. " + "More clay. " * (n % 3)},
        {"title": "Open studio", "organizer_name": "Ada Pottery"},
        {"title": "Pottery evening", "description": "Pottery " * (n % 4)},
        {"title": "Clay", "category": "pottery" if n % 2 else "arts"},
    ]
    return meetup(
        f"m{n:03}",
        **places[n % len(places)],
        closes_at=NOW + (-DAY if n % 11 == 0 else 6 * DAY),  # some closed already
    )


@pytest.mark.parametrize("filters", [{}, {"category": "community"}])
@pytest.mark.parametrize("text", ["pottery", "pott"])
def test_relevance_of_one_word_pages_alike_whatever_their_size(
    index: SearchIndex, filters: dict[str, Any], text: str
) -> None:
    seed(index, *(several_ways(n) for n in range(90)))
    seed(
        index, *(replace(several_ways(n), meetup_id=f"x{n:03}", category="arts") for n in range(9))
    )

    pages = [
        walk(index, SearchQuery(now=NOW, text=text, sort="relevance", limit=limit, **filters))
        for limit in (1, 4, 7, MAX_SEARCH_PAGE)
    ]

    assert pages[0] == pages[1] == pages[2] == pages[3]
    assert len(pages[0]) == len(set(pages[0])) > MAX_SEARCH_PAGE
    if text == "pottery":  # the meetups titled with the very word first
        titled = [m for m in pages[0] if several_ways(int(m[1:])).title == "Pottery"]
        assert pages[0][: len(titled)] == titled


def test_each_word_matches_as_a_prefix_of_a_word(index: SearchIndex) -> None:
    seed(index, meetup("douro", title="Wines of the Douro", description="Tasting at a quinta."))

    assert found(index, text="wine") == ["douro"]
    assert found(index, text="tast") == ["douro"]
    assert found(index, text="ines") == []


def test_case_and_accents_do_not_matter(index: SearchIndex) -> None:
    seed(
        index,
        meetup("accented", title="Café crème", description="Über Köln"),
        meetup("plain", title="cafe society"),
    )

    assert found(index, text="cafe creme") == ["accented"]
    assert found(index, text="CAFÉ") == ["accented", "plain"]
    assert found(index, text="uber koln") == ["accented"]
    assert found(index, text="Cafe\u0301") == ["accented", "plain"]  # é as e + combining accent


def test_every_word_must_match_somewhere(index: SearchIndex) -> None:
    seed(
        index,
        meetup("both", title="Wine evening", description="With a cheese board."),
        meetup("wine", title="Wine evening"),
        meetup("cheese", title="Cheese evening"),
    )

    assert found(index, text="wine cheese") == ["both"]
    assert found(index, text="cheese wine evening") == ["both"]


def test_words_match_the_category_and_the_organizers_name(index: SearchIndex) -> None:
    seed(
        index,
        meetup("tech", category="technology"),
        meetup("grace", organizer_name="Grace Hopper"),
    )

    assert found(index, text="technology") == ["tech"]
    assert found(index, text="hopper") == ["grace"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_blank_text_filters_nothing(index: SearchIndex, text: str) -> None:
    seed(index, meetup("a"), meetup("b", title="Chess club"))

    assert found(index, text=text) == ["a", "b"]
    assert found(index, text=text, sort="relevance") == found(index, sort="soonest")


HOSTILE = [
    '"',
    '"wine',
    'wine"',
    "*",
    "wine*",
    "-",
    "-wine",
    "(",
    ")",
    "NEAR(",
    "NEAR(wine cheese, 2)",
    "OR",
    "wine OR",
    "AND NOT",
    "title:wine",
    "{title description}: wine",
    "^wine",
    "wine + cheese",
    "'; DROP TABLE meetups; --",
    "\\",
    "\x00",
    "🍷",
    "🍷 wine 🧀",
    "x" * 5_000,
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("sort", SORTS)
def test_any_text_a_person_types_is_searched_without_error(
    index: SearchIndex, text: str, sort: SearchSort
) -> None:
    seed(index, meetup("wine", title="Wine and cheese", description="Near the river, or not."))

    index.search(SearchQuery(now=NOW, text=text, sort=sort))


BOTH = ["wine", "wine-or-cheese"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"wine"', BOTH),
        ("wine*", BOTH),
        ("-wine", BOTH),  # not a NOT
        ("(wine)", BOTH),
        ("🍷 wine", BOTH),
        ("wine OR cheese", ["wine-or-cheese"]),  # "or" is a word to find, not a union
        ("NEAR(wine cheese)", []),  # nothing mentions "near"
        ("wine AND NOT cheese", []),
    ],
)
def test_search_syntax_in_text_is_read_as_plain_words(
    index: SearchIndex, text: str, expected: list[str]
) -> None:
    seed(
        index,
        meetup("wine", title="Wine evening"),
        meetup("cheese", title="Cheese evening"),
        meetup("wine-or-cheese", title="Wine or cheese?"),
    )

    assert found(index, text=text) == expected


# -- filters --------------------------------------------------------------------------------


def test_the_category_filter_is_exact(index: SearchIndex) -> None:
    seed(index, meetup("tech", category="technology"), meetup("food", category="food"))

    assert found(index, category="technology") == ["tech"]
    assert found(index, category="tech") == []
    assert found(index, category="Technology") == []
    assert found(index, category="technology", text="technology") == ["tech"]


def test_starts_between_includes_both_ends(index: SearchIndex) -> None:
    seed(
        index,
        *(
            meetup(f"day-{d}", starts_at=NOW + d * DAY, closes_at=NOW + d * DAY)
            for d in (1, 2, 3, 4)
        ),
    )

    assert found(index, starts_after=NOW + 2 * DAY, starts_before=NOW + 3 * DAY) == [
        "day-2",
        "day-3",
    ]
    assert found(index, starts_after=NOW + 3 * DAY) == ["day-3", "day-4"]
    assert found(index, starts_before=NOW + DAY) == ["day-1"]
    assert found(index, starts_after=NOW + 2 * DAY + timedelta(microseconds=1)) == [
        "day-3",
        "day-4",
    ]


def test_created_between_includes_both_ends(index: SearchIndex) -> None:
    seed(index, *(meetup(f"ago-{d}", created_at=NOW - d * DAY) for d in (1, 2, 3, 4)))

    assert found(index, created_after=NOW - 3 * DAY, created_before=NOW - 2 * DAY) == [
        "ago-2",
        "ago-3",
    ]
    assert found(index, created_before=NOW - 4 * DAY) == ["ago-4"]


def test_closes_before_includes_its_bound(index: SearchIndex) -> None:
    seed(index, *(meetup(f"closes-{d}", closes_at=NOW + d * DAY) for d in (1, 2, 3)))

    assert found(index, closes_before=NOW + 2 * DAY) == ["closes-1", "closes-2"]


@pytest.mark.parametrize("sort", SORTS)
def test_meetups_whose_answers_closed_never_appear(index: SearchIndex, sort: SearchSort) -> None:
    seed(
        index,
        meetup("closed", title="Wine evening", closes_at=NOW - timedelta(microseconds=1)),
        meetup("closing-now", title="Wine evening", closes_at=NOW),
        meetup("long-closed", title="Wine evening", closes_at=NOW - 30 * DAY, attending=500),
    )

    assert found(index, sort=sort) == ["closing-now"]
    assert found(index, sort=sort, text="wine", closes_before=NOW + DAY) == ["closing-now"]


def test_words_filters_and_an_order_combine(index: SearchIndex) -> None:
    seed(
        index,
        meetup("old-wine", title="Wine evening", category="food", created_at=NOW - 9 * DAY),
        meetup("new-wine", title="Wine evening", category="food", created_at=NOW - DAY),
        meetup("wine-talk", title="Wine evening", category="science"),
        meetup("cheese", title="Cheese evening", category="food"),
    )

    assert found(index, text="wine", category="food", sort="newest") == ["new-wine", "old-wine"]


# -- writes ---------------------------------------------------------------------------------


def test_a_removed_meetup_disappears(index: SearchIndex) -> None:
    seed(index, meetup("kept", title="Chess club"), meetup("gone", title="Chess club"))

    index.remove("gone")

    assert found(index, text="chess") == ["kept"]
    assert found(index) == ["kept"]


def test_removing_twice_or_removing_an_unknown_meetup_does_nothing(index: SearchIndex) -> None:
    seed(index, meetup("kept"), meetup("gone"))

    index.remove("gone")
    index.remove("gone")
    index.remove("never-there")

    assert found(index) == ["kept"]


def test_an_upsert_replaces_what_the_index_kept(index: SearchIndex) -> None:
    seed(index, meetup("m", title="Chess club", category="gaming", attending=3))

    index.upsert(meetup("m", title="Go club", category="community", attending=3))
    index.upsert(meetup("m", title="Go club", category="community", attending=3))

    assert found(index, text="go") == ["m"]
    assert found(index, text="chess") == []
    assert found(index, category="gaming") == []
    assert found(index) == ["m"]


def test_upserts_from_many_threads_all_land(index: SearchIndex) -> None:
    def upsert_some(worker: int) -> None:
        for n in range(20):
            index.upsert(meetup(f"w{worker}-{n:02}", title=f"Board games {worker}"))

    threads = [threading.Thread(target=upsert_some, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    everything = walk(index, SearchQuery(now=NOW, text="board games", limit=MAX_SEARCH_PAGE))
    assert sorted(everything) == sorted(f"w{w}-{n:02}" for w in range(6) for n in range(20))


# -- orders ---------------------------------------------------------------------------------


def timed(
    meetup_id: str, starts_in: int, created_ago: int, closes_in: int, attending: int
) -> IndexedMeetup:
    """A meetup whose times are whole days from ``NOW``."""
    return meetup(
        meetup_id,
        starts_at=NOW + starts_in * DAY,
        created_at=NOW - created_ago * DAY,
        closes_at=NOW + closes_in * DAY,
        attending=attending,
    )


# Six meetups whose five orders all differ, each order with a tie broken by id.
ORDERED = [
    #     id  starts in  created ago  closes in  attending  (days)
    timed("f", 4, 2, 3, 10),
    timed("c", 3, 2, 2, 40),
    timed("a", 3, 10, 2, 10),
    timed("e", 1, 5, 5, 10),
    timed("d", 2, 30, 1, 0),
    timed("b", 1, 2, 1, 10),
]


def test_soonest_orders_by_start_then_id(index: SearchIndex) -> None:
    seed(index, *ORDERED)

    assert found(index, sort="soonest") == ["b", "e", "d", "a", "c", "f"]


def test_newest_orders_by_creation_latest_first_then_id(index: SearchIndex) -> None:
    seed(index, *ORDERED)

    assert found(index, sort="newest") == ["b", "c", "f", "e", "a", "d"]


def test_closing_orders_by_the_end_of_answers_then_id(index: SearchIndex) -> None:
    seed(index, *ORDERED)

    assert found(index, sort="closing") == ["b", "d", "a", "c", "f", "e"]


def test_popular_orders_by_decayed_attendance_then_id(index: SearchIndex) -> None:
    seed(index, *ORDERED)

    assert found(index, sort="popular") == ["c", "b", "f", "e", "a", "d"]


def test_relevance_without_text_orders_as_soonest(index: SearchIndex) -> None:
    seed(index, *ORDERED)

    assert found(index, sort="relevance") == ["b", "e", "d", "a", "c", "f"]


def test_popularity_decays_with_age(index: SearchIndex) -> None:
    seed(
        index,
        meetup("last-season", attending=40, created_at=NOW - 60 * DAY),
        meetup("this-week", attending=15, created_at=NOW - timedelta(hours=1)),
    )

    assert found(index, sort="popular") == ["this-week", "last-season"]


def test_popular_agrees_with_the_domains_popularity(index: SearchIndex) -> None:
    corpus = [
        meetup(
            f"m{n:02}",
            attending=(n * 37) % 101,
            created_at=NOW - timedelta(hours=(n * 53) % 2_000),
        )
        for n in range(40)
    ]
    seed(index, *corpus)

    expected = sorted(
        corpus, key=lambda m: (-popularity(m.attending, m.created_at, NOW), m.meetup_id)
    )
    assert found(index, sort="popular") == [m.meetup_id for m in expected]


def popular_corpus() -> list[IndexedMeetup]:
    """Meetups of every popularity: without attendees, long ago and just now, two created
    after the instant of the search (counted as new), and two runs of equals, written in
    their ids' order and in its reverse."""
    equals = [
        meetup(
            f"{run}{n:02}",
            attending=9 - 4 * (run == "u"),
            created_at=NOW - 3 * DAY,
            title="Chess club",
            category="games",
        )
        for run, ns in (("t", range(12)), ("u", reversed(range(12))))
        for n in ns
    ]
    return equals + [
        meetup(
            f"m{n:02}",
            attending=(n * 37) % 23 if n % 5 else 0,
            created_at=NOW + n * timedelta(hours=1)
            if n in (7, 8)
            else NOW - timedelta(hours=(n * 53) % 3_000),
            category=("games", "books")[n % 2],
            title=("Chess club", "Book club")[n % 3 == 0],
        )
        for n in range(48)
    ]


@pytest.mark.parametrize(
    "filters", [{}, {"category": "books"}, {"text": "chess"}, {"text": "club", "category": "games"}]
)
@pytest.mark.parametrize("limit", [1, 5, MAX_SEARCH_PAGE])
def test_popular_pages_walk_in_the_domains_order(
    index: SearchIndex, filters: dict[str, Any], limit: int
) -> None:
    corpus = popular_corpus()
    seed(index, *corpus)
    matching = [
        m
        for m in corpus
        if filters.get("category", m.category) == m.category
        and filters.get("text", "club").lower() in m.title.lower()
    ]

    walked = walk(index, SearchQuery(now=NOW, sort="popular", limit=limit, **filters))

    expected = sorted(
        matching, key=lambda m: (-popularity(m.attending, m.created_at, NOW), m.meetup_id)
    )
    assert walked == [m.meetup_id for m in expected]


# -- pages ----------------------------------------------------------------------------------


def club(n: int) -> IndexedMeetup:
    """One of a corpus with ties in every order and text that matches most of it."""
    return meetup(
        f"club-{n:02}",
        title=("Chess club", "Book club night", "Running")[n % 3],
        description="Our club meets weekly." if n % 2 else "Come along.",
        category=("games", "books")[n % 2],
        starts_at=NOW + (1 + n % 4) * DAY,
        created_at=NOW - (n % 3) * 10 * DAY,
        closes_at=NOW + (1 + n % 2) * DAY,
        attending=(n * 7) % 5 * 10,
    )


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("text", [None, "club"])
def test_walking_every_page_gives_each_result_once_in_the_order_of_one_big_page(
    index: SearchIndex, sort: SearchSort, text: str | None
) -> None:
    seed(index, *(club(n) for n in range(13)))
    query = SearchQuery(now=NOW, text=text, sort=sort, limit=2)

    walked = walk(index, query)

    assert walked == found(index, text=text, sort=sort)
    assert len(walked) == len(set(walked)) > 2


def test_the_last_page_has_no_cursor(index: SearchIndex) -> None:
    seed(index, meetup("a"), meetup("b"))

    first = index.search(SearchQuery(now=NOW, limit=1))
    last = index.search(SearchQuery(now=NOW, limit=1, cursor=first.next_cursor))
    exactly_full = index.search(SearchQuery(now=NOW, limit=2))

    assert (first.meetup_ids, last.meetup_ids) == (["a"], ["b"])
    assert last.next_cursor is None
    assert exactly_full.next_cursor is None


def test_a_popular_search_paged_later_keeps_its_first_pages_order(index: SearchIndex) -> None:
    # The API searches with the time of each request: page 2 comes days after page 1.
    seed(
        index,
        *(
            meetup(
                f"m{n}", attending=10 * n, created_at=NOW - 20 * n * DAY, closes_at=NOW + 60 * DAY
            )
            for n in range(1, 7)
        ),
    )
    first = index.search(SearchQuery(now=NOW, sort="popular", limit=3))

    later = index.search(
        SearchQuery(now=NOW + 10 * DAY, sort="popular", limit=3, cursor=first.next_cursor)
    )

    assert first.meetup_ids + later.meetup_ids == found(index, sort="popular")


def test_a_cursor_works_with_another_page_size(index: SearchIndex) -> None:
    seed(index, *(club(n) for n in range(6)))
    first = index.search(SearchQuery(now=NOW, limit=2))

    rest = walk(index, SearchQuery(now=NOW, limit=3, cursor=first.next_cursor))

    assert first.meetup_ids + rest == found(index)


@pytest.mark.parametrize(
    "change",
    [
        {"text": "chess"},
        {"category": "books"},
        {"sort": "newest"},
        {"sort": "relevance"},
        {"starts_after": NOW},
        {"starts_before": NOW + 9 * DAY},
        {"created_after": NOW - 90 * DAY},
        {"created_before": NOW},
        {"closes_before": NOW + 9 * DAY},
    ],
    ids=lambda change: "-".join(f"{k}={v}" for k, v in change.items()),
)
def test_a_cursor_from_another_search_is_refused(
    index: SearchIndex, change: dict[str, Any]
) -> None:
    seed(index, *(club(n) for n in range(6)))
    query = SearchQuery(now=NOW, text="club", limit=1)
    cursor = index.search(query).next_cursor
    assert cursor is not None

    with pytest.raises(InvalidCursor):
        index.search(replace(query, cursor=cursor, **change))


def tampered(cursor: str) -> str:
    """The cursor with one character a third of the way in changed."""
    at = len(cursor) // 3
    return cursor[:at] + ("B" if cursor[at] == "A" else "A") + cursor[at + 1 :]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda cursor: "garbage",
        lambda cursor: "",
        lambda cursor: "...",
        lambda cursor: "é🍷",
        lambda cursor: cursor[:-1],
        lambda cursor: cursor + "A",
        lambda cursor: cursor[: len(cursor) // 2],
        tampered,
    ],
    ids=["garbage", "empty", "dots", "unicode", "shortened", "lengthened", "halved", "tampered"],
)
def test_a_cursor_the_index_did_not_hand_out_is_refused(index: SearchIndex, spoil: Any) -> None:
    seed(index, *(club(n) for n in range(6)))
    query = SearchQuery(now=NOW, sort="popular", limit=1)
    cursor = index.search(query).next_cursor
    assert cursor is not None

    with pytest.raises(InvalidCursor):
        index.search(replace(query, cursor=spoil(cursor)))


@pytest.mark.parametrize("limit", [0, -1, MAX_SEARCH_PAGE + 1])
def test_a_page_size_out_of_range_is_refused(index: SearchIndex, limit: int) -> None:
    with pytest.raises(ValueError, match="limit"):
        index.search(SearchQuery(now=NOW, limit=limit))


def test_the_largest_page_size_is_allowed(index: SearchIndex) -> None:
    seed(index, *(meetup(f"m{n:02}") for n in range(MAX_SEARCH_PAGE + 1)))

    page = index.search(SearchQuery(now=NOW, limit=MAX_SEARCH_PAGE))

    assert len(page.meetup_ids) == MAX_SEARCH_PAGE
    assert page.next_cursor is not None


def test_instants_compare_as_instants_whatever_their_time_zone(index: SearchIndex) -> None:
    later_zone = datetime.fromisoformat("2030-03-06T11:00:00+02:00")  # NOW + 2 days, in UTC+2
    seed(index, meetup("day-2", starts_at=NOW + 2 * DAY), meetup("day-3", starts_at=NOW + 3 * DAY))

    assert found(index, starts_before=later_zone) == ["day-2"]
