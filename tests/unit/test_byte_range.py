"""Which bytes of a media file a ``Range`` header asks for (video seeking, local runtime)."""

from __future__ import annotations

import pytest

from slsplay.adapters.local.file_media import RangeNotSatisfiable, byte_range

SIZE = 1000


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-499", (0, 499)),
        ("bytes=500-999", (500, 999)),
        ("bytes=0-0", (0, 0)),
        ("bytes=999-999", (999, 999)),
        ("bytes=500-", (500, 999)),  # open end: to the last byte
        ("bytes=900-5000", (900, 999)),  # a last byte past the end is the end
        ("bytes=-100", (900, 999)),  # suffix: the last 100 bytes
        ("bytes=-5000", (0, 999)),  # a suffix longer than the file is the whole file
        ("BYTES=1-2", (1, 2)),  # the unit is case-insensitive
        (" bytes = 1 - 2 ", (1, 2)),
    ],
)
def test_a_satisfiable_range_names_its_first_and_last_byte(
    header: str, expected: tuple[int, int]
) -> None:
    assert byte_range(header, SIZE) == expected


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "bytes=",
        "bytes=-",
        "bytes=abc-def",
        "bytes=5-1",  # last before first: invalid, so ignored
        "bytes=1-2-3",
        "bytes=0x10-20",
        "bytes=²-3",  # digits, but not ASCII ones
        "items=0-10",  # a unit other than bytes
        "0-10",
        "bytes=0-1,5-6",  # several ranges: the whole file, as S3 answers
    ],
)
def test_no_header_or_one_that_cannot_be_served_as_one_range_means_the_whole_file(
    header: str | None,
) -> None:
    assert byte_range(header, SIZE) is None


@pytest.mark.parametrize(
    "header", ["bytes=1000-", "bytes=1000-1001", "bytes=5000-6000", "bytes=-0"]
)
def test_a_range_beyond_the_file_is_not_satisfiable(header: str) -> None:
    with pytest.raises(RangeNotSatisfiable) as refused:
        byte_range(header, SIZE)

    assert refused.value.content_range == "bytes */1000"


def test_an_empty_file_satisfies_no_first_byte_and_serves_whole_for_a_suffix() -> None:
    with pytest.raises(RangeNotSatisfiable):
        byte_range("bytes=0-", 0)
    assert byte_range("bytes=-10", 0) is None
