"""Cells → values: numbers with decimal commas or points and thousands separators (by the
file's convention where a value alone cannot tell), numbers and dates as text, Excel serial
dates, booleans, choices by value or label, declared units."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.imports.test_reading_files import BOARD
from timba.runtime.imports import convert, map_columns
from timba.runtime.imports.values import CellError, boolean, date, datetime, number, scaled, text


@pytest.mark.parametrize(("cell", "point", "comma"), [
    ("0,315", "0.315", "0.315"),
    ("0.315", "0.315", "0.315"),
    ("1.234,5", "1234.5", "1234.5"),
    ("1,234.5", "1234.5", "1234.5"),
    ("1,234", "1234", "1.234"),  # a thousands group or decimals: the file's convention decides
    ("1.234", "1.234", "1234"),
    ("1,234,567", "1234567", "1234567"),
    ("1.234.567", "1234567", "1234567"),
    ("12,5", "12.5", "12.5"),
    ("1 234,5", "1234.5", "1234.5"),
    ("1\u00a0234.5", "1234.5", "1234.5"),
    ("-0,5", "-0.5", "-0.5"),
    ("1e3", "1E+3", "1E+3"),
    (" 42 ", "42", "42"),
    (31.5, "31.5", "31.5"),
    (3.0, "3.0", "3.0"),
    (7, "7", "7"),
])
def test_numbers(cell, point, comma):
    assert number(cell, "point") == Decimal(point)
    assert number(cell, "comma") == Decimal(comma)


@pytest.mark.parametrize("cell", ["abc", "1,2,3.4.5", "--1", "1.2.3,4,5", True, dt.date(2025, 1, 1), "12 m", float("nan")])
def test_not_numbers(cell):
    with pytest.raises(CellError):
        number(cell)


def test_scaled_units():
    assert scaled(Decimal("31.5"), Decimal("0.01")) == Decimal("0.315")
    assert str(scaled(Decimal("1000"), Decimal("0.001"))) == "1"
    assert str(scaled(Decimal("12.50"), Decimal("0.01"))) == "0.125"
    assert scaled(Decimal("2"), None) == Decimal("2")


@pytest.mark.parametrize(("cell", "expected"), [
    ("2025-03-04", dt.date(2025, 3, 4)),
    ("04/03/2025", dt.date(2025, 3, 4)),
    ("4.3.2025", dt.date(2025, 3, 4)),
    ("4-3-25", dt.date(2025, 3, 4)),
    ("2025-03-04T10:30:00", dt.date(2025, 3, 4)),
    (45000, dt.date(2023, 3, 15)),
    (45000.75, dt.date(2023, 3, 15)),
    ("45000", dt.date(2023, 3, 15)),
    (dt.datetime(2025, 3, 4, 8, 0), dt.date(2025, 3, 4)),
    (dt.date(2025, 3, 4), dt.date(2025, 3, 4)),
])
def test_dates(cell, expected):
    assert date(cell) == expected


def test_date_order():
    assert date("03/04/2025", "DMY") == dt.date(2025, 4, 3)
    assert date("03/04/2025", "MDY") == dt.date(2025, 3, 4)
    with pytest.raises(CellError, match="DD/MM/YYYY"):
        date("03/13/2025", "DMY")  # never read month first to make it fit
    for bad in ("yesterday", "31/02/2025", 0, True, dt.time(8, 0)):
        with pytest.raises(CellError):
            date(bad)


def test_datetimes():
    assert datetime("04/03/2025 14:05") == dt.datetime(2025, 3, 4, 14, 5)
    assert datetime(45000.5) == dt.datetime(2023, 3, 15, 12, 0)
    assert datetime("2025-03-04T10:30:00Z").tzinfo is not None


@pytest.mark.parametrize(("cell", "expected"), [
    ("yes", True), ("No", False), ("TRUE", True), ("false", False), ("1", True), ("0", False), ("x", True), ("X", True),
    (True, True), (0, False), (1.0, True), ("y", True), ("n", False),
])
def test_booleans(cell, expected):
    assert boolean(cell) is expected


def test_not_a_boolean():
    with pytest.raises(CellError):
        boolean("maybe")


def test_text_of_cells():
    assert text(1001.0) == "1001"  # a barcode Excel stored as a number
    assert text(0.5) == "0.5"
    assert text(dt.date(2025, 3, 4)) == "2025-03-04"
    assert text("  a b  ") == "a b"


def test_convert_a_row():
    mapping = map_columns(["code", "Width (cm)", "pieces", "cut on", "dry", "grade"], BOARD)
    values, issues = convert(mapping, (7, [1001.0, "31,5", "2,5", "31/02/2025", "maybe", "Rubbish"]))
    assert values == {"code": "1001", "width": Decimal("0.315")}
    assert [str(i) for i in issues] == [
        "Row 7, column 'pieces': '2,5' must be a whole number.",
        "Row 7, column 'cut on': '31/02/2025' is not a date (write it as DD/MM/YYYY or YYYY-MM-DD).",
        "Row 7, column 'dry': 'maybe' is not yes or no.",
        "Row 7, column 'grade': 'Rubbish' is not one of Prime, Standard.",
    ]
    values, issues = convert(mapping, (8, ["", "1"]))  # short row: the rest is empty
    assert values == {"code": None, "width": Decimal("0.01"), "pieces": None, "cut_on": None, "dry": None, "grade": None}
    assert [str(i) for i in issues] == ["Row 8, column 'code': is empty; code is required."]
