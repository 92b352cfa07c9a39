"""The patterns the document gives for comma-separated lists and decimal text
(timba.runtime.value_patterns) say exactly what the server takes: the integers of a range, real dates,
the digits of a column; checked against Python's own reading of the values."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated

import pytest
from pydantic import Field, TypeAdapter, ValidationError

from codegen.field_types import ID_RANGE, INTEGER_RANGE
from timba.runtime.value_patterns import (
    DATE_VALUE,
    choice_list_pattern,
    decimal_pattern,
    int_list_pattern,
    int_range_pattern,
    text_list_pattern,
)

RANGES = [ID_RANGE, INTEGER_RANGE, (0, 1000), (5, 37), (-50, -3), (1, 1), (0, 0), (-7, 12), (101, 1099)]


@pytest.mark.parametrize(("low", "high"), RANGES)
def test_an_integer_range_pattern_takes_exactly_the_range(low, high):
    pattern = re.compile(f"^{int_range_pattern(low, high)}$")
    rng = random.Random(f"{low}:{high}")
    samples = [*range(low - 40, low + 40), *range(high - 40, high + 40), 0, 1, -1, 10**19, -(10**19), 2**63, -(2**63) - 1]
    samples += [rng.randint(low - 10**6, high + 10**6) for _ in range(2000)] + [rng.randint(-(10**21), 10**21) for _ in range(500)]
    for n in samples:
        assert bool(pattern.match(str(n))) == (low <= n <= high), (low, high, n)
    assert bool(pattern.match(f"+{high}")) == bool(pattern.match(f"00{high}")) == (high >= 0)  # as int() reads them


def test_small_ranges_exhaustively():
    for low in range(-60, 60, 7):
        for high in range(low, 70, 11):
            pattern = re.compile(f"^{int_range_pattern(low, high)}$")
            for n in range(-150, 150):
                assert bool(pattern.match(str(n))) == (low <= n <= high), (low, high, n)


def _server_reads(pattern: str):
    """The pattern as the server matches it: pydantic's (Rust) engine, where `$` is the end."""
    adapter = TypeAdapter(Annotated[str, Field(pattern=pattern)])

    def matches(text: str) -> bool:
        try:
            adapter.validate_python(text)
        except ValidationError:
            return False
        return True

    return matches


def test_an_id_list_pattern():
    matches = _server_reads(int_list_pattern(*ID_RANGE))
    for text, ok in [("1", True), (" 1 , 2", True), ("1,,2", False), ("", False), ("0", False), ("1,", False),
                     (str(2**63 - 1), True), (str(2**63), False), ("²", False), ("1\n", False), ("٣", False)]:
        assert matches(text) == ok, text


def test_the_date_pattern_takes_real_dates_only():
    pattern = re.compile(f"^{DATE_VALUE}$")
    day = date(1, 1, 1)
    while day < date(9999, 12, 1):  # every 13th day of the calendar, and the ends
        assert pattern.match(day.isoformat()), day
        day += timedelta(days=13)
    assert pattern.match("9999-12-31") and pattern.match("2024-02-29") and pattern.match("2000-02-29")
    for year in (0, 1, 4, 100, 400, 1900, 2000, 2024, 2025, 9999):
        for month in (0, 1, 2, 4, 12, 13):
            for dd in (0, 1, 28, 29, 30, 31, 32):
                text = f"{year:04d}-{month:02d}-{dd:02d}"
                try:
                    date.fromisoformat(text)
                    real = True
                except ValueError:
                    real = False
                assert bool(pattern.match(text)) == real, text


@pytest.mark.parametrize(("digits", "places"), [(8, 3), (14, 6), (5, 0), (3, 3)])
def test_decimal_text_within_the_column(digits, places):
    pattern = re.compile(decimal_pattern(digits, places))
    whole = digits - places
    assert pattern.fullmatch("-" + "9" * whole + ("." + "9" * places if places else "")) or whole == 0
    for bad in ("", " 1", "1e3", "1.2.3", "+-1", "NaN", "9" * (whole + 1), "1." + "1" * (places + 1), "1\n"):
        assert not pattern.fullmatch(bad), bad
    for value in ("0.5" if places else "5", ".5" if places else "5."):
        assert pattern.fullmatch(value) and Decimal(value.rstrip(".") or "0") is not None


def test_choice_and_text_lists():
    pattern = re.compile(choice_list_pattern(["past_due", "a-b", "x.y"]))
    assert pattern.search("past_due, a-b") and pattern.search("x.y") and not pattern.search("xzy")
    assert not pattern.search("past_due,")
    text = re.compile(text_list_pattern())
    assert text.search("oak") and text.search(" , oak") and not text.search("") and not text.search(" , ,")
