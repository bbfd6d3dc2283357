"""Prices: an amount in the currency's minor unit (cents, pence, yen) and an ISO 4217 code."""

from __future__ import annotations

from dataclasses import dataclass

from slsplay.domain.errors import FieldError

# Active ISO 4217 codes (list one, 2025 edition) and, where it is not 2, the number of
# digits after the decimal point. Kept here rather than read from a data package so the
# domain stays free of file access.
_THREE_DIGITS = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}
_ZERO_DIGITS = {
    "BIF",
    "CLP",
    "DJF",
    "GNF",
    "ISK",
    "JPY",
    "KMF",
    "KRW",
    "PYG",
    "RWF",
    "UGX",
    "UYI",
    "VND",
    "VUV",
    "XAF",
    "XOF",
    "XPF",
}
_TWO_DIGITS = {
    "AED",
    "AFN",
    "ALL",
    "AMD",
    "ANG",
    "AOA",
    "ARS",
    "AUD",
    "AWG",
    "AZN",
    "BAM",
    "BBD",
    "BDT",
    "BGN",
    "BMD",
    "BND",
    "BOB",
    "BRL",
    "BSD",
    "BTN",
    "BWP",
    "BYN",
    "BZD",
    "CAD",
    "CDF",
    "CHF",
    "CNY",
    "COP",
    "CRC",
    "CUP",
    "CVE",
    "CZK",
    "DKK",
    "DOP",
    "DZD",
    "EGP",
    "ERN",
    "ETB",
    "EUR",
    "FJD",
    "FKP",
    "GBP",
    "GEL",
    "GHS",
    "GIP",
    "GMD",
    "GTQ",
    "GYD",
    "HKD",
    "HNL",
    "HTG",
    "HUF",
    "IDR",
    "ILS",
    "INR",
    "IRR",
    "JMD",
    "KES",
    "KGS",
    "KHR",
    "KPW",
    "KYD",
    "KZT",
    "LAK",
    "LBP",
    "LKR",
    "LRD",
    "LSL",
    "MAD",
    "MDL",
    "MGA",
    "MKD",
    "MMK",
    "MNT",
    "MOP",
    "MRU",
    "MUR",
    "MVR",
    "MWK",
    "MXN",
    "MYR",
    "MZN",
    "NAD",
    "NGN",
    "NIO",
    "NOK",
    "NPR",
    "NZD",
    "PAB",
    "PEN",
    "PGK",
    "PHP",
    "PKR",
    "PLN",
    "QAR",
    "RON",
    "RSD",
    "RUB",
    "SAR",
    "SBD",
    "SCR",
    "SDG",
    "SEK",
    "SGD",
    "SHP",
    "SLE",
    "SOS",
    "SRD",
    "SSP",
    "STN",
    "SVC",
    "SYP",
    "SZL",
    "THB",
    "TJS",
    "TMT",
    "TOP",
    "TRY",
    "TTD",
    "TWD",
    "TZS",
    "UAH",
    "USD",
    "UYU",
    "UZS",
    "VES",
    "WST",
    "XCD",
    "XCG",
    "YER",
    "ZAR",
    "ZMW",
    "ZWG",
}
CURRENCIES: frozenset[str] = frozenset(_TWO_DIGITS | _ZERO_DIGITS | _THREE_DIGITS)

# A ceiling that catches a price typed in major units by mistake (e.g. 10,000,000.00).
MAX_AMOUNT_MINOR = 1_000_000_00


def minor_digits(currency: str) -> int:
    """How many digits the currency's minor unit has (2 for EUR, 0 for JPY, 3 for KWD)."""
    if currency in _ZERO_DIGITS:
        return 0
    if currency in _THREE_DIGITS:
        return 3
    return 2


@dataclass(frozen=True)
class Price:
    """What one ticket costs. A free meetup has no price at all, never a price of 0."""

    amount_minor: int
    currency: str

    @staticmethod
    def problems(amount_minor: object, currency: object, field: str = "price") -> list[FieldError]:
        """Every reason the two values do not make a price; empty when they do."""
        errors = []
        if type(amount_minor) is not int or not 1 <= amount_minor <= MAX_AMOUNT_MINOR:
            errors.append(
                FieldError(
                    f"{field}.amount_minor", f"must be a whole number from 1 to {MAX_AMOUNT_MINOR}"
                )
            )
        if not isinstance(currency, str) or currency not in CURRENCIES:
            errors.append(FieldError(f"{field}.currency", "must be an ISO 4217 code such as EUR"))
        return errors

    def formatted(self) -> str:
        """The price as a person reads it, e.g. ``12.50 EUR``."""
        return display(self.amount_minor, self.currency)


def display(amount_minor: int, currency: str) -> str:
    """Any amount as a person reads it, signed: ``-1.00 EUR``, ``0.00 EUR``, ``1050 JPY``."""
    digits = minor_digits(currency)
    major, minor = divmod(abs(amount_minor), 10**digits)
    number = f"{major}.{minor:0{digits}d}" if digits else f"{major}"
    return f"{'-' if amount_minor < 0 else ''}{number} {currency}"
