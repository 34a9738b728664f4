"""Reading amounts, years, KPI values and dates as admins type them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from knowledge.editing.amounts import parse_amount, parse_date, parse_number, parse_year
from knowledge.errors import InvalidValue

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    "text",
    [
        "520000",
        "520,000",
        "520'000",
        "520 000",
        "520k",
        "520K",
        "0.52m",
        "CHF 520,000",
        "520\u2019000",
    ],
)
def test_amount_accepts_the_usual_ways_of_writing_it(text: str) -> None:
    assert parse_amount(text) == 520_000


def test_amount_reads_millions_and_zero() -> None:
    assert parse_amount("1.2m") == 1_200_000
    assert parse_amount("0") == 0


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-5", "negative"),
        ("-5k", "negative"),
        ("abc", "not_a_number"),
        ("", "not_a_number"),
        ("12,34", "not_a_number"),
        ("5e3", "not_a_number"),
        ("1.5", "not_whole"),
        ("1.2345k", "not_whole"),
        ("100000000001", "too_large"),
        ("101bn", "too_large"),
    ],
)
def test_amount_refuses_bad_input_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_amount(text)
    assert caught.value.reason_key == reason
    assert caught.value.field == "amount"


def test_year_range() -> None:
    assert parse_year("2024") == 2024
    for text, reason in [
        ("1999", "year_out_of_range"),
        ("2101", "year_out_of_range"),
        ("twenty", "not_a_year"),
        ("20245", "not_a_year"),
    ]:
        with pytest.raises(InvalidValue) as caught:
            parse_year(text)
        assert caught.value.reason_key == reason


def test_kpi_values_may_be_decimal_or_percent() -> None:
    assert parse_number("12.5") == Decimal("12.5")
    assert parse_number("45%") == Decimal(45)
    assert parse_number("1,200") == Decimal(1200)
    with pytest.raises(InvalidValue):
        parse_number("lots")


def test_dates_not_in_the_future_nor_before_2000() -> None:
    assert parse_date("2026-11-01", TODAY) == date(2026, 11, 1)
    for text, reason in [
        ("2026-11-23", "date_in_future"),
        ("1999-12-31", "date_too_early"),
        ("1/11/2026", "not_a_date"),
    ]:
        with pytest.raises(InvalidValue) as caught:
            parse_date(text, TODAY)
        assert caught.value.reason_key == reason
