"""One cell → one field value, by the field's kind. Each parser takes what a spreadsheet or a
CSV gives (text, float, bool, date, datetime) and returns the value, None for an empty cell,
or raises CellError with the reason in a clerk's words.

- Numbers written as text: spaces (also non-breaking and thin) and a `'` are thousands
  separators. A number with both `.` and `,` takes the last of them as its decimal separator
  ("1.234,5" and "1,234.5" are 1234.5). With one kind only, several of them are thousands
  separators ("1,234,567"); a single one is the decimal separator, except in "1,234"-like
  text (1–3 digits, not a lone 0, then exactly 3), which the file's number convention decides:
  a comma convention (a European CSV: `;` separated with decimal commas) reads "1.234" as 1234
  and "1,234" as 1.234; the point convention the other way round.
- Dates written as text: ISO (2025-03-04, also with a time), and day, month, year with `/`,
  `.` or `-` between ("04/03/2025", "4.3.25"): day first unless IMPORT_DATE_ORDER is MDY. A
  value that cannot be a date in that order (month 13) is an error, never read the other way,
  so one column never mixes the two orders. A number in a date field is an Excel serial date
  (days since 1899-12-30, as Excel and LibreOffice count them).
- Booleans: yes/no, y/n, true/false, 1/0, x (ticked) and an empty cell (no value).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
LAST_SERIAL = 2958465  # 9999-12-31
SEPARATOR_SPACES = re.compile(r"[\s\u00a0\u202f']")
NUMBER_TEXT = re.compile(r"^[+-]?(\d+([.,]\d+)*([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")
DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
TRUE = {"yes", "y", "true", "t", "1", "x", "ja", "oui", "si", "sí", "on"}
FALSE = {"no", "n", "false", "f", "0", "nein", "non", "off"}


class CellError(ValueError):
    """Why a cell's value does not suit its field."""


def is_empty(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def text(cell) -> str:
    """A cell as text: a whole number without ".0" (a barcode stored as a number), dates ISO."""
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, (dt.date, dt.datetime, dt.time)):
        return cell.isoformat()
    return str(cell).strip()


def number(cell, convention: str = "point") -> Decimal:
    if isinstance(cell, bool):
        raise CellError("is yes/no, not a number")
    if isinstance(cell, int):
        return Decimal(cell)
    if isinstance(cell, float):
        if cell != cell or cell in {float("inf"), float("-inf")}:
            raise CellError("is not a number")
        return Decimal(repr(cell))
    if isinstance(cell, (dt.date, dt.time, dt.timedelta)):
        raise CellError("is a date or time, not a number")
    raw = str(cell).strip()
    if PLAIN.match(raw) and not (convention == "comma" and AMBIGUOUS.match(raw)):
        return Decimal(raw)  # the common case, without separators
    raw = SEPARATOR_SPACES.sub("", raw)
    if not NUMBER_TEXT.match(raw):
        raise CellError("is not a number")
    try:
        return Decimal(_point_decimal(raw, convention))
    except InvalidOperation:
        raise CellError("is not a number") from None


def _point_decimal(raw: str, convention: str) -> str:
    mantissa, _, exponent = raw.replace("E", "e").partition("e")
    exponent = f"e{exponent}" if exponent else ""
    dots, commas = mantissa.count("."), mantissa.count(",")
    if dots and commas:
        decimal_mark = "." if mantissa.rfind(".") > mantissa.rfind(",") else ","
    elif dots + commas == 0:
        return mantissa + exponent
    elif dots > 1 or commas > 1:
        decimal_mark = None  # only thousands separators
    elif AMBIGUOUS.match(mantissa):
        decimal_mark = "," if convention == "comma" else "."
    else:
        decimal_mark = "." if dots else ","
    thousands = {".", ","} - {decimal_mark}
    for mark in thousands:
        mantissa = mantissa.replace(mark, "")
    if decimal_mark == ",":
        mantissa = mantissa.replace(",", ".")
    return mantissa + exponent


def scaled(value: Decimal, factor: Decimal | None) -> Decimal:
    """The value times a unit's factor, without trailing zeros or an exponent (12.5 cm → 0.125)."""
    if factor is None:
        return value
    out = value * factor
    return out.quantize(Decimal(1)) if out == out.to_integral_value() else out.normalize()


def whole(value: Decimal) -> int:
    if value != value.to_integral_value():
        raise CellError("must be a whole number")
    return int(value)


def boolean(cell) -> bool:
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, (int, float)) and cell in {0, 1}:
        return bool(cell)
    word = text(cell).casefold()
    if word in TRUE:
        return True
    if word in FALSE:
        return False
    raise CellError("is not yes or no")


def date(cell, order: str = "DMY") -> dt.date:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    return _datetime(cell, order).date()


def datetime(cell, order: str = "DMY") -> dt.datetime:
    if isinstance(cell, dt.datetime):
        return cell
    if isinstance(cell, dt.date):
        return dt.datetime.combine(cell, dt.time())
    return _datetime(cell, order)


def _datetime(cell, order: str) -> dt.datetime:
    if isinstance(cell, bool) or isinstance(cell, (dt.time, dt.timedelta)):
        raise CellError("is not a date")
    if isinstance(cell, (int, float)):
        return _serial(cell)
    raw = str(cell).strip()
    if re.fullmatch(r"\d+(\.\d+)?", raw):
        return _serial(float(raw))
    try:
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        pass
    found = DAY_FIRST.match(raw)
    if not found:
        raise CellError(f"is not a date (write it as {_pattern(order)} or YYYY-MM-DD)")
    first, second, year, hour, minute, second_ = found.groups()
    day, month = (first, second) if order == "DMY" else (second, first)
    year_ = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return dt.datetime(year_, int(month), int(day), int(hour or 0), int(minute or 0), int(second_ or 0))
    except ValueError:
        raise CellError(f"is not a date (write it as {_pattern(order)} or YYYY-MM-DD)") from None


def _serial(value: float) -> dt.datetime:
    if not 1 <= value <= LAST_SERIAL:
        raise CellError("is not a date")
    return EXCEL_EPOCH + dt.timedelta(days=value)


def _pattern(order: str) -> str:
    return "DD/MM/YYYY" if order == "DMY" else "MM/DD/YYYY"
