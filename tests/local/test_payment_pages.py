"""The local payment provider's pages send the browser only to the runtime's own origin."""

from __future__ import annotations

import pytest

from slsplay.local.payments_http import own_page

ORIGIN = "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("http://127.0.0.1:8000/balance", "/balance"),
        ("http://127.0.0.1:8000/rsvp/abc?checkout=paid#top", "/rsvp/abc?checkout=paid#top"),
        ("/balance?tab=payouts", "/balance?tab=payouts"),
    ],
)
def test_a_page_of_the_runtime_is_kept_as_its_path(url: str, page: str) -> None:
    assert own_page(url, ORIGIN) == page


@pytest.mark.parametrize(
    "url",
    [
        "////evil.example",
        "//evil.example/balance",
        "/\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "https://evil.example/balance",
        "http://127.0.0.1:8000@evil.example/balance",
        "https://127.0.0.1:8000/balance",  # another scheme: another origin
        "http://127.0.0.1:8001/balance",
        "javascript:alert(1)",
        "balance",
        "http://[::1/balance",
        "",
    ],
)
def test_anywhere_else_leads_to_the_start_page(url: str) -> None:
    assert own_page(url, ORIGIN) == "/"
