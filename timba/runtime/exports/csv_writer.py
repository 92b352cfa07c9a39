"""CSV of an export, as an iterator of UTF-8 bytes: a BOM first unless the setting
`EXPORT_CSV_BOM` is off (Excel on Windows reads UTF-8 without one as its ANSI code page), the
header row, then one chunk of rows at a time."""

from __future__ import annotations

import csv
import io

from django.conf import settings

from timba.runtime.exports.cells import csv_cell
from timba.runtime.exports.columns import Table

BOM = "\ufeff".encode()


def csv_bytes(table: Table, chunks):
    """The file for `chunks` (from `timba.runtime.exports.chunks.chunks` over `table.selected`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> bytes:
        data = buffer.getvalue().encode()
        buffer.seek(0)
        buffer.truncate()
        return data

    writer.writerow(table.headers)
    head = flush()
    yield (BOM + head) if getattr(settings, "EXPORT_CSV_BOM", True) else head
    cells = [csv_cell(column.cell) for column in table.columns]
    for rows in chunks:
        writer.writerows([cell(value) for cell, value in zip(cells, row, strict=True)] for row in table.values(rows))
        yield flush()
