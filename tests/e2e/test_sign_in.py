"""Signing in without typing the password, at phone size: at a social provider (a test
OpenID provider the module starts, which signs its chosen user in at once), with a new
password from the emailed reset link, and with a code from an email; and confirming the
address from the emailed link. A sign-in survives a reload through its HttpOnly refresh cookie
alone: nothing the page's scripts can read holds a token."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from slsplay.handlers import refresh_cookie
from tests.e2e import demo
from tests.e2e.conftest import phone_page
from tests.support.oidc_provider import OidcProvider
from tests.support.server import Server, running_server

CLIENT_ID, CLIENT_SECRET = "slsplay-web", "web-secret"
NEW_PASSWORD = "a brand new password"


@pytest.fixture(scope="module")
def provider() -> Iterator[OidcProvider]:
    with OidcProvider(client_id=CLIENT_ID, client_secret=CLIENT_SECRET) as running:
        yield running


@pytest.fixture(scope="module")
def social_server(
    tmp_path_factory: pytest.TempPathFactory, provider: OidcProvider
) -> Iterator[Server]:
    """``slsplay serve`` with the test provider configured as "test" ("Test ID")."""
    configured = {
        "test": {
            "discovery_url": provider.discovery_url,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "display_name": "Test ID",
        }
    }
    data_dir = tmp_path_factory.mktemp("social") / "data"
    with running_server(data_dir, sign_in_providers=configured) as running:
        yield running


@pytest.fixture
def social_page(
    browser: Browser, social_server: Server, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A fresh phone-size page on the server that offers the test provider."""
    with phone_page(browser, social_server.url, request) as opened:
        yield opened


def expect_signed_in_on_my_meetups(page: Page, name: str) -> None:
    expect(page).to_have_url(re.compile(r"/meetups$"))
    expect(page.get_by_role("heading", name="My meetups")).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_have_text(f"Signed in as {name}")
    expect(demo.main_menu(page).get_by_role("button", name="Log out")).to_be_visible()


def test_a_person_signs_in_with_their_social_account_and_lands_on_their_meetups(
    social_page: Page, provider: OidcProvider
) -> None:
    provider.add_user("sub-sofia", demo.unique_email("sofia"), name="Sofia Social")
    provider.choose("sub-sofia")

    social_page.goto("/login")
    social_page.get_by_role("button", name="Continue with Test ID").click()

    expect_signed_in_on_my_meetups(social_page, "Sofia Social")
    # The provider vouched for the address: nothing to confirm.
    expect(social_page.get_by_text("Please confirm your email address")).to_have_count(0)


def test_a_refused_social_sign_in_comes_back_to_log_in_and_says_why(
    social_page: Page, provider: OidcProvider
) -> None:
    provider.add_user("sub-unproved", demo.unique_email("una"), email_verified=False)
    provider.choose("sub-unproved")

    social_page.goto("/login")
    social_page.get_by_role("button", name="Continue with Test ID").click()

    expect(social_page).to_have_url(re.compile(r"/login\?error=email_not_verified$"))
    expect(social_page.get_by_role("alert")).to_contain_text(
        "That account has no confirmed email address"
    )


def test_a_forgotten_password_is_replaced_from_the_emailed_link(page: Page, server: Server) -> None:
    _, email = demo.sign_up(server, "Rita Reset")

    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Email me a reset link").click()
    expect(page.get_by_role("status")).to_contain_text("Check your inbox.")

    mail = demo.wait_for_mail(server, email, "Reset your slsplay password")
    link = re.search(r"\S+/reset/[\w-]+", mail["text"])
    assert link, mail["text"]
    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()

    expect_signed_in_on_my_meetups(page, "Rita Reset")
    # The link came to the address: it is confirmed too.
    expect(page.get_by_text("Please confirm your email address")).to_have_count(0)


def test_a_person_signs_in_with_a_code_from_an_email(page: Page, server: Server) -> None:
    _, email = demo.sign_up(server, "Cody Code")

    page.goto("/login")
    page.get_by_role("button", name="Email me a sign-in code").click()
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Send me a code").click()
    code_box = page.get_by_label("Sign-in code")
    expect(code_box).to_be_focused()

    subject = demo.wait_for_mail(server, email, "sign-in code")["subject"]
    found = re.search(r"Your slsplay sign-in code: (\d{6})$", subject)
    assert found, subject
    code = found.group(1)
    code_box.fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_text("That code is not right")).to_be_visible()

    code_box.fill(code)
    page.get_by_role("button", name="Sign in", exact=True).click()

    expect_signed_in_on_my_meetups(page, "Cody Code")


def test_a_new_account_confirms_its_address_from_the_emailed_link(
    page: Page, server: Server
) -> None:
    _, email = demo.sign_up(server, "Vera Verify", proved=False)
    demo.sign_in_browser(page, server.url, email)
    page.goto("/meetups")
    reminder = page.locator(".verify-reminder")
    expect(reminder).to_contain_text("Please confirm your email address")
    reminder.get_by_role("button", name="Resend the confirmation email").click()
    expect(reminder.get_by_role("status")).to_have_text("Sent: check your inbox for the new link.")

    mail = demo.wait_for_mail(server, email, "Confirm your email address")
    link = re.search(r"\S+/verify/[\w-]+", mail["text"])
    assert link, mail["text"]
    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Your email address is confirmed")).to_be_visible()
    page.get_by_role("link", name="Go to My meetups").click()

    expect(page.get_by_role("heading", name="My meetups")).to_be_visible()
    expect(page.get_by_text("Please confirm your email address")).to_have_count(0)


def test_a_sign_in_survives_a_reload_through_its_cookie_and_no_token_is_stored(
    page: Page, server: Server
) -> None:
    _, email = demo.sign_up(server, "Rhea Reload")
    blocked: list[str] = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )

    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(demo.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect_signed_in_on_my_meetups(page, "Rhea Reload")
    stored = page.evaluate("({...localStorage, ...sessionStorage})")
    page.reload()

    expect_signed_in_on_my_meetups(page, "Rhea Reload")
    cookies = {c["path"]: c for c in page.context.cookies() if c["name"] == refresh_cookie.NAME}
    assert sorted(cookies) == ["/api/auth/logout", "/api/auth/refresh"]
    refresh = cookies["/api/auth/refresh"]
    assert (refresh["httpOnly"], refresh["secure"], refresh["sameSite"]) == (True, True, "Strict")
    # The page's scripts hold no token anywhere they could be read from later.
    # Only the sign-in mark and the person's offline copy of My meetups (data, no token).
    assert set(stored) <= {"slsplay.signedIn", "slsplay.offline"}
    assert stored["slsplay.signedIn"] == "1"
    assert not re.search(r"eyJ[\w-]+\.[\w-]+\.", json.dumps(stored))  # no JWT anywhere
    assert page.evaluate("document.cookie") == ""
    assert blocked == []

    demo.main_menu(page).get_by_role("button", name="Log out").click()
    expect(demo.main_menu(page).get_by_role("link", name="Log in")).to_be_visible()
    page.goto("/meetups")

    expect(page).to_have_url(re.compile(r"/login\?next=%2Fmeetups$"))
    assert [c for c in page.context.cookies() if c["name"] == refresh_cookie.NAME] == []
    assert page.evaluate("JSON.stringify({...localStorage})") == "{}"


def test_a_guest_stays_a_guest_after_a_reload(page: Page) -> None:
    page.goto("/")
    page.get_by_role("button", name="Continue as guest").click()
    expect(page).to_have_url(re.compile(r"/meetups/new$"))

    page.reload()

    expect(page.get_by_role("note")).to_contain_text("You are a guest")
    expect(page).to_have_url(re.compile(r"/meetups/new$"))
