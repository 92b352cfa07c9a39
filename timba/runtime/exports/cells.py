"""One value as a spreadsheet cell, for CSV (text) and XLSX (a typed value).

Cell kinds (a field type's `cell` in codegen.field_types): text, integer, decimal, boolean,
date, datetime, reference (the target's natural key, text) and many (natural keys, comma-separated).

Formula injection: a text cell (references included) beginning with `=`, `+`, `-`, `@`, a tab or
a carriage return gets a leading single quote (`'=1+2`), OWASP's advice, so that no spreadsheet
runs it (and one more before text already quoted so, `'=x`, so the two read back apart);
numbers are numbers and never escaped (`-5` stays a number). `unescape` undoes it for an import. In XLSX every text is a string cell (never a formula, nor an error value like `#N/A`).

Dates and datetimes are real spreadsheet dates: datetimes in the site's time zone (TIME_ZONE),
without microseconds, with a date-and-time number format. Decimals are numbers (in CSV their
plain decimal text, `0.315000`; in XLSX numeric cells formatted to the column's places).
"""

from __future__ import annotations

import re
from datetime import datetime

from django.utils import timezone

KINDS = ("text", "integer", "decimal", "boolean", "date", "datetime", "reference", "many")
TEXTUAL = {"text", "reference", "many"}
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
MANY_SEPARATOR = ", "
# characters XML 1.0 cannot hold (openpyxl refuses them): dropped from XLSX text
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def _quoted(text: str) -> bool:
    """Starts a formula, after any single quotes (so that a text that was `'=x` itself comes
    back from `unescape` as it was)."""
    return text.lstrip("'").startswith(DANGEROUS)


def escape(text: str) -> str:
    """`text` made safe for a spreadsheet: a leading `'` when it would start a formula."""
    return "'" + text if _quoted(text) else text


def unescape(text: str) -> str:
    """The text `escape` was given (an import reading an exported sheet)."""
    return text[1:] if text.startswith("'") and _quoted(text) else text


def local(value: datetime, zone=None) -> datetime:
    """A stored datetime in the site's time zone (or `zone`), naive, to the second."""
    if timezone.is_aware(value):
        value = value.astimezone(zone or timezone.get_current_timezone())
    return value.replace(microsecond=0, tzinfo=None)


def many_text(keys) -> str:
    return MANY_SEPARATOR.join(str(key) for key in keys)


def csv_cell(kind: str, zone=None):
    """The function writing a value of `kind` as CSV text ("" for none); `zone` the site's time
    zone, looked up once per export."""
    zone = zone or timezone.get_current_timezone()
    if kind in TEXTUAL:
        text = many_text if kind == "many" else str
        return lambda value: "" if value is None else escape(text(value))
    if kind == "decimal":
        return lambda value: "" if value is None else format(value, "f")  # never an exponent (0E-6)
    if kind == "boolean":
        return lambda value: "" if value is None else ("TRUE" if value else "FALSE")
    if kind == "datetime":
        return lambda value: "" if value is None else local(value, zone).isoformat(sep=" ")
    if kind == "date":
        return lambda value: "" if value is None else value.isoformat()
    return lambda value: "" if value is None else str(value)


def xlsx_cell(kind: str, zone=None):
    """The function turning a value of `kind` into what an XLSX cell holds: text (XML-safe, then
    escaped) for textual kinds, else the number, boolean, date or naive local datetime itself;
    None for none."""
    zone = zone or timezone.get_current_timezone()
    if kind in TEXTUAL:
        text = many_text if kind == "many" else str
        return lambda value: None if value is None else escape(ILLEGAL_XML.sub("", text(value)))
    if kind == "datetime":
        return lambda value: None if value is None else local(value, zone)
    return lambda value: value


def csv_text(kind: str, value) -> str:
    """One value as CSV text (`csv_cell`, for a single value)."""
    return csv_cell(kind)(value)


def xlsx_value(kind: str, value):
    """One value as an XLSX cell's (`xlsx_cell`, for a single value)."""
    return xlsx_cell(kind)(value)


def decimal_format(places: int | None) -> str:
    """The number format of a decimal column: its places shown (`0.000`)."""
    return "0." + "0" * places if places else "0"
