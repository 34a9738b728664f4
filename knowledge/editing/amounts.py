"""Reading the numbers people type in edits: CHF amounts, years, KPI values and dates.

Every reader raises InvalidValue(field, text, reason_key) with one of these reason keys:
"not_a_number", "negative", "too_large", "not_whole", "not_a_year", "year_out_of_range",
"not_a_date", "date_in_future", "date_too_early".
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from knowledge.errors import InvalidValue

MAX_AMOUNT_CHF = 10**11
YEAR_MIN = 2000
YEAR_MAX = 2100
EARLIEST_AS_OF = date(YEAR_MIN, 1, 1)

_SUFFIXES = {"": 1, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
# Thousands separators people write: comma, apostrophe (Swiss), spaces (also no-break/thin).
_SEPARATORS = re.compile(r"[,'\u2019\s\u00a0\u202f]")
_NUMBER = re.compile(r"^(?P<sign>[-+]?)(?P<digits>\d+(?:\.\d+)?|\.\d+)(?P<suffix>k|m|bn|b)?$")
_GROUPED = re.compile(r"^[-+]?\d{1,3}([,'\u2019 \u00a0\u202f]\d{3})+(\.\d+)?(k|m|bn|b)?$")


def _to_decimal(field: str, text: str) -> Decimal:
    """A number written with optional thousands separators and a k/m/bn suffix."""
    cleaned = text.strip().lower().removeprefix("chf").strip()
    if _SEPARATORS.search(cleaned) and not _GROUPED.match(cleaned):
        raise InvalidValue(field, text, "not_a_number")
    match = _NUMBER.match(_SEPARATORS.sub("", cleaned))
    if match is None:
        raise InvalidValue(field, text, "not_a_number")
    try:
        value = Decimal(match["digits"]) * _SUFFIXES[match["suffix"] or ""]
    except InvalidOperation as exc:
        raise InvalidValue(field, text, "not_a_number") from exc
    return -value if match["sign"] == "-" else value


def parse_amount(text: str, field: str = "amount") -> int:
    """A non-negative whole number of CHF: 520000, 520,000, 520'000, 520 000, 520k, 1.2m."""
    value = _to_decimal(field, text)
    if value < 0:
        raise InvalidValue(field, text, "negative")
    if value > MAX_AMOUNT_CHF:
        raise InvalidValue(field, text, "too_large")
    if value != value.to_integral_value():
        raise InvalidValue(field, text, "not_whole")
    return int(value)


def parse_number(text: str, field: str = "value") -> Decimal:
    """A KPI value or target: any finite number, separators and k/m allowed, `%` ignored."""
    value = _to_decimal(field, text.strip().removesuffix("%"))
    if abs(value) > MAX_AMOUNT_CHF:
        raise InvalidValue(field, text, "too_large")
    return value


def check_year(year: int, field: str = "year") -> int:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise InvalidValue(field, year, "year_out_of_range")
    return year


def parse_year(text: str, field: str = "year") -> int:
    """A four-digit year between YEAR_MIN and YEAR_MAX."""
    cleaned = text.strip()
    if not re.fullmatch(r"\d{1,4}", cleaned):
        raise InvalidValue(field, text, "not_a_year")
    return check_year(int(cleaned), field)


def check_as_of(as_of: date, today: date, field: str = "as_of") -> date:
    """A progress date: not in the future, not before EARLIEST_AS_OF."""
    if as_of > today:
        raise InvalidValue(field, as_of.isoformat(), "date_in_future")
    if as_of < EARLIEST_AS_OF:
        raise InvalidValue(field, as_of.isoformat(), "date_too_early")
    return as_of


def parse_date(text: str, today: date, field: str = "as_of") -> date:
    """An ISO date (2026-11-01) that check_as_of accepts."""
    try:
        parsed = date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InvalidValue(field, text, "not_a_date") from exc
    return check_as_of(parsed, today, field)
