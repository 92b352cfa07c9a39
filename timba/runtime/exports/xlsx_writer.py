"""XLSX of an export, as an iterator of bytes, in constant memory: openpyxl's write-only
workbook streams the rows to a temporary file as they come, one chunk at a time, and the
finished workbook (itself a temporary file) is read out in blocks. A spreadsheet file is a zip
whose directory comes last, so its first byte exists only once the last row is written.

Text is always a string cell (escaped by timba.runtime.exports.cells, never a formula or an
error value), numbers are numeric cells (decimals formatted to their places), dates and
datetimes are dates with a date number format, booleans are booleans.
"""

from __future__ import annotations

import tempfile

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES

from timba.runtime.exports.cells import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    TEXTUAL,
    decimal_format,
    xlsx_cell,
)
from timba.runtime.exports.columns import Table

BLOCK = 64 * 1024


def _cells(sheet, table: Table):
    """Per column, the function turning a value into what the sheet's `append` takes."""
    zone = timezone.get_current_timezone()

    def text(kind):
        value_of = xlsx_cell(kind, zone)

        def cell(value):
            value = value_of(value)
            if value not in ERROR_CODES:  # escaped: it cannot start a formula
                return value
            out = WriteOnlyCell(sheet, value)
            out.data_type = "s"  # text, not the error value it spells
            return out
        return cell

    def formatted(kind, number_format):
        value_of = xlsx_cell(kind, zone)

        def cell(value):
            if value is None:
                return None
            out = WriteOnlyCell(sheet, value_of(value))
            out.number_format = number_format
            return out
        return cell

    formats = {"datetime": DATETIME_FORMAT, "date": DATE_FORMAT}
    out = []
    for column in table.columns:
        if column.cell in TEXTUAL:
            out.append(text(column.cell))
        elif column.cell == "decimal":
            out.append(formatted(column.cell, decimal_format(column.places)))
        elif column.cell in formats:
            out.append(formatted(column.cell, formats[column.cell]))
        else:
            out.append(xlsx_cell(column.cell, zone))
    return out


def xlsx_bytes(table: Table, chunks, title: str | None = None):
    """The workbook for `chunks` (from `timba.runtime.exports.chunks.chunks` over `table.selected`)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=(title or table.name)[:31])
    sheet.append(table.headers)
    cells = _cells(sheet, table)
    try:
        for rows in chunks:
            for row in table.values(rows):
                sheet.append([make(value) for make, value in zip(cells, row, strict=True)])
    except BaseException:
        _abandon(sheet)
        raise
    with tempfile.TemporaryFile() as out:
        book.save(out)
        out.seek(0)
        while block := out.read(BLOCK):
            yield block


def _abandon(sheet) -> None:
    """Close the half-written sheet's temporary file when its rows fail or are cancelled (left
    to the garbage collector, openpyxl's writer complains on stderr)."""
    try:
        sheet.close()
    except Exception:  # noqa: BLE001 - the rows' own error is the one to raise
        pass
