"""People who sign up or try the product as guests, and the prices they pay."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slsplay.domain.errors import InvalidInput
from slsplay.domain.money import CURRENCIES, MAX_AMOUNT_MINOR, Price, minor_digits
from slsplay.domain.users import GUEST_NAME, PASSWORD_MAX, PASSWORD_MIN, User, password_problems
from tests.support.clock import START

# -- users ----------------------------------------------------------------------------------


def register(email: object = "ana@example.com", name: object = "Ana López") -> User:
    return User.register(user_id="u-1", email=email, name=name, now=START)


def refused_fields(email: object, name: object) -> list[str]:
    with pytest.raises(InvalidInput) as refused:
        register(email, name)
    return [problem.field for problem in refused.value.errors]


def test_a_registered_user_has_a_normalised_email_and_a_trimmed_name() -> None:
    user = register(email="  Ana.Lopez@Example.COM ", name="  Ana   López ")

    assert user.email == "ana.lopez@example.com"
    assert user.name == "Ana López"
    assert not user.is_guest
    assert user.created_at == START
    assert user.version == 1


@pytest.mark.parametrize("name", [None, "", "   "])
def test_registering_without_a_name_is_refused(name: object) -> None:
    assert refused_fields("ana@example.com", name) == ["name"]


@pytest.mark.parametrize("name", ["x" * 101, 7])
def test_registering_with_an_overlong_or_non_text_name_is_refused(name: object) -> None:
    assert refused_fields("ana@example.com", name) == ["name"]


@pytest.mark.parametrize("email", [None, "", "ana", "ana@localhost"])
def test_registering_without_a_valid_email_is_refused(email: object) -> None:
    assert refused_fields(email, "Ana") == ["email"]


@pytest.mark.parametrize("name", ["", "x" * 101])
def test_registering_reports_a_bad_email_and_a_bad_name_at_once(name: str) -> None:
    assert refused_fields("not-an-address", name) == ["email", "name"]


def test_a_guest_has_no_email_and_is_marked_as_a_guest() -> None:
    guest = User.guest(user_id="g-1", now=START)

    assert guest.is_guest
    assert guest.email is None
    assert guest.name == GUEST_NAME
    assert guest.created_at == START


@pytest.mark.parametrize("length", [PASSWORD_MIN, PASSWORD_MAX])
def test_a_password_of_10_to_256_characters_is_accepted(length: int) -> None:
    assert password_problems("p" * length) == []


@pytest.mark.parametrize("password", ["p" * (PASSWORD_MIN - 1), "p" * (PASSWORD_MAX + 1), "", 12])
def test_a_short_long_or_non_text_password_is_refused(password: object) -> None:
    assert [problem.field for problem in password_problems(password)] == ["password"]


def test_registering_with_a_password_reports_it_with_the_other_bad_fields() -> None:
    with pytest.raises(InvalidInput) as refused:
        User.register(user_id="u-1", email="nope", name=" ", now=START, password="short")

    assert sorted(problem.field for problem in refused.value.errors) == [
        "email",
        "name",
        "password",
    ]


def test_registering_with_a_good_password_leaves_hashing_to_the_caller() -> None:
    user = User.register(
        user_id="u-1", email="ana@example.com", name="Ana", now=START, password="long enough pw"
    )

    assert user.password_hash is None


# -- prices ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency"), [(1, "EUR"), (1250, "USD"), (500, "JPY"), (MAX_AMOUNT_MINOR, "KWD")]
)
def test_a_positive_whole_amount_in_an_iso_currency_is_a_price(amount: int, currency: str) -> None:
    assert Price.problems(amount, currency) == []


@pytest.mark.parametrize("amount", [0, -1, MAX_AMOUNT_MINOR + 1, 12.5, "1250", True, None])
def test_an_amount_that_is_not_a_positive_whole_number_is_refused(amount: object) -> None:
    assert [problem.field for problem in Price.problems(amount, "EUR")] == ["price.amount_minor"]


@pytest.mark.parametrize("currency", ["eur", "EURO", "XYZ", "", None, 978])
def test_a_currency_that_is_not_an_iso_4217_code_is_refused(currency: object) -> None:
    assert [problem.field for problem in Price.problems(1250, currency)] == ["price.currency"]


def test_every_problem_of_a_price_is_reported_at_once_under_the_given_field() -> None:
    problems = Price.problems(0, "ZZZ", field="tiers[1].price")

    assert [problem.field for problem in problems] == [
        "tiers[1].price.amount_minor",
        "tiers[1].price.currency",
    ]


@pytest.mark.parametrize(
    ("currency", "digits"),
    [("EUR", 2), ("USD", 2), ("GBP", 2), ("JPY", 0), ("KRW", 0), ("KWD", 3), ("BHD", 3)],
)
def test_each_currency_knows_its_minor_unit(currency: str, digits: int) -> None:
    assert minor_digits(currency) == digits


@pytest.mark.parametrize(
    ("price", "shown"),
    [
        (Price(1250, "EUR"), "12.50 EUR"),
        (Price(5, "EUR"), "0.05 EUR"),
        (Price(100, "USD"), "1.00 USD"),
        (Price(1500, "JPY"), "1500 JPY"),
        (Price(1234, "KWD"), "1.234 KWD"),
        (Price(7, "KWD"), "0.007 KWD"),
    ],
)
def test_a_price_is_shown_in_major_units_with_its_currency(price: Price, shown: str) -> None:
    assert price.formatted() == shown


@given(
    amount=st.integers(min_value=1, max_value=MAX_AMOUNT_MINOR),
    currency=st.sampled_from(sorted(CURRENCIES)),
)
def test_a_shown_price_reads_back_as_the_same_amount(amount: int, currency: str) -> None:
    figure, code = Price(amount, currency).formatted().split(" ")

    assert code == currency
    assert Decimal(figure).scaleb(minor_digits(currency)) == amount
    assert len(figure.partition(".")[2]) == minor_digits(currency)
