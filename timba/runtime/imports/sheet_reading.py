"""XLSX, XLS and ODS through python-calamine: the first sheet (or a named one), row by row,
numbered as the spreadsheet program numbers them (calamine yields every row from the sheet's
first, blank ones included, so the n-th row is row n).

Cells come as calamine gives them: str, float (whole numbers too), bool, date, datetime, time,
timedelta; an empty cell is "". A formula cell gives the value the spreadsheet program saved
with it (its cached result); a formula never calculated (a file written by a program that does
not calculate, as openpyxl does) has no saved value and reads as an empty cell, so a required
field there is reported missing on its row. Formulas are never evaluated here.

Memory: calamine loads the sheet's cells into its own compact (Rust) range when the sheet is
opened, and rows become Python lists only as they are iterated; a CSV is streamed throughout.
The file-size and unpacked-size limits bound what a workbook can cost.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import python_calamine

from timba.runtime.imports.errors import ImportFileError

DAMAGED = (
    "The workbook is damaged and cannot be opened (it may be incomplete). Open it in your "
    "spreadsheet program, save it again and upload the new copy."
)


def open_sheet(fh: BinaryIO, sheet: str | None = None):
    fh.seek(0)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(fh)
    except python_calamine.PasswordError:
        raise ImportFileError("The workbook is password-protected. Remove the password and upload it again.", code="password_protected") from None
    except (python_calamine.CalamineError, python_calamine.ZipError, python_calamine.XmlError, ValueError, OSError):
        raise ImportFileError(DAMAGED, code="corrupt") from None
    try:
        if sheet is None:
            visible = [m.name for m in book.sheets_metadata if m.visible == python_calamine.SheetVisibleEnum.Visible]
            if not book.sheet_names:
                raise ImportFileError("The workbook has no sheets.", code="empty")
            return book.get_sheet_by_name(visible[0] if visible else book.sheet_names[0])
        if sheet not in book.sheet_names:
            names = ", ".join(book.sheet_names)
            raise ImportFileError(f"The workbook has no sheet named '{sheet}' (its sheets: {names}).", code="no_sheet")
        return book.get_sheet_by_name(sheet)
    except (python_calamine.CalamineError, python_calamine.ZipError, python_calamine.XmlError, ValueError):
        raise ImportFileError(DAMAGED, code="corrupt") from None


def sheet_rows(worksheet) -> Iterator[tuple[int, list]]:
    """(row number, cells) for every row of the sheet, 1 for the first."""
    try:
        yield from enumerate(worksheet.iter_rows(), start=1)
    except (python_calamine.CalamineError, python_calamine.XmlError, ValueError):
        raise ImportFileError(DAMAGED, code="corrupt") from None


def used_rows(worksheet) -> int:
    """The number of the last row holding a value; 0 for an empty sheet."""
    end = worksheet.end
    return 0 if end is None else end[0] + 1
