"""A file → its rows, streamed: `read_rows` detects the format (timba.runtime.imports.formats),
checks the limits (size, a workbook's unpacked size), and yields each non-blank row with its
spreadsheet row number, trailing blank cells dropped; `find_header` then finds the header row
below any title rows, and `read_table` does both.

Row numbers are the spreadsheet's own: a CSV's first record is row 1, a sheet's top row is row
1 whatever is above the header, so an error names the row a clerk sees. Blank rows are skipped
(their numbers too), anywhere in the file.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from timba.runtime.imports import archives, csv_reading, formats, sheet_reading
from timba.runtime.imports.descriptors import Descriptor
from timba.runtime.imports.errors import ImportFileError
from timba.runtime.imports.limits import Limits
from timba.runtime.imports.mapping import lookup_table, match

Row = tuple[int, list]  # (spreadsheet row number, cells)


@dataclass
class Rows:
    """The rows of one file as they are read, with what was learnt about it."""

    format: str  # csv, tsv, xlsx, xls, ods
    number_convention: str  # "comma" (0,315) or "point" (0.315): how numbers written as text read
    rows: Iterator[Row]
    limits: Limits
    _closers: list = field(default_factory=list, repr=False)
    last_row: int | None = None  # the number of the file's last row, blank or not (progress: rows to come at most)

    def __iter__(self):
        return self.rows

    def close(self) -> None:
        self.rows.close()  # the generators first, while their file is open
        for closer in self._closers:
            closer()
        self._closers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@dataclass
class Table:
    """A file's header row and the data rows below it (an iterator, read once)."""

    format: str
    number_convention: str
    header_row: int  # the header's row number
    header: list[str]
    rows: Iterator[Row]
    source: Rows = field(repr=False)

    @property
    def expected_rows(self) -> int | None:
        """The data rows below the header at most (blank ones are skipped), for progress."""
        last = self.source.last_row
        return None if last is None else max(0, last - self.header_row)

    def close(self) -> None:
        self.source.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def read_rows(file, name: str | None = None, *, limits: Limits | None = None, sheet: str | None = None) -> Rows:
    limits = limits or Limits.from_settings()
    fh, closers = _open(file)
    name = name or getattr(file, "name", None) or str(file)
    try:
        size = formats.file_size(fh)
        if size > limits.max_file_bytes:
            raise ImportFileError(
                f"The file is {_megabytes(size)}, over the limit of {_megabytes(limits.max_file_bytes)}. Split it into smaller files.",
                status=413,
                code="too_large",
            )
        fmt = formats.detect(fh, os.path.basename(name))
        if fmt in {"csv", "tsv"}:
            last = _line_count(fh)
            text = csv_reading.sniff(fh, fmt)
            raw, convention = csv_reading.csv_rows(fh, text), text.number_convention
        else:
            if fmt in archives.REQUIRED_PARTS:
                archives.check_archive(fh, fmt, limits)
            worksheet = sheet_reading.open_sheet(fh, sheet)
            if worksheet.width > limits.max_columns:  # every row would be that long: refuse before reading
                raise ImportFileError(
                    f"The sheet has values in {worksheet.width} columns, over the limit of {limits.max_columns}. "
                    "Delete the unused columns and upload it again.",
                    code="too_many_columns",
                )
            raw, convention, last = sheet_reading.sheet_rows(worksheet), "point", sheet_reading.used_rows(worksheet)
    except BaseException:
        for closer in closers:
            closer()
        raise
    return Rows(format=fmt, number_convention=convention, rows=_non_blank(raw, limits), limits=limits, _closers=[raw.close, *closers], last_row=last)


def _line_count(fh) -> int:
    """A text file's lines (a record's quoted line breaks counted too: at least its records)."""
    start, lines, last = fh.tell(), 0, b""
    for chunk in iter(lambda: fh.read(1024 * 1024), b""):
        lines += chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
        last = chunk[-1:]
    fh.seek(start)
    return lines + (1 if last and last not in b"\r\n" else 0)


def _open(file):
    """A seekable binary file and what closes it: a path is opened, a file object used as it
    is (copied to a temporary file first when it cannot seek)."""
    if isinstance(file, (str, os.PathLike)):
        fh = open(file, "rb")  # noqa: SIM115 (closed by Rows.close)
        return fh, [fh.close]
    if hasattr(file, "open") and getattr(file, "closed", False):
        file.open("rb")
    if getattr(file, "seekable", lambda: False)():
        file.seek(0)
        return file, []
    copy = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        copy.write(chunk)
    copy.seek(0)
    return copy, [copy.close]


def _non_blank(raw: Iterator[Row], limits: Limits) -> Iterator[Row]:
    for number, cells in raw:
        end = len(cells)
        while end and _blank(cells[end - 1]):
            end -= 1
        if not end:
            continue
        if end > limits.max_columns:
            raise ImportFileError(
                f"Row {number} has {end} columns, over the limit of {limits.max_columns}. Delete the unused columns and upload it again.",
                code="too_many_columns",
            )
        yield number, cells[:end] if end < len(cells) else cells


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def find_header(rows: Rows, descriptor: Descriptor | None = None) -> Table:
    """The header is the first of the first `header_search_rows` non-blank rows in which at
    least two cells (one, for a resource of one column) name known columns; without a
    descriptor, the first non-blank row. Rows above it (titles, notes) are skipped."""
    limits = rows.limits
    seen: list[Row] = []
    table = lookup_table(descriptor) if descriptor else {}
    enough = min(2, len(descriptor.columns)) if descriptor else 0
    for number, cells in itertools.islice(rows.rows, limits.header_search_rows):
        seen.append((number, cells))
        known = {match(cell, table)[0] for cell in cells} - {None}
        if len(known) >= max(enough, 0) and (descriptor is None or known):
            header = ["" if c is None else str(c).strip() for c in cells]
            return Table(rows.format, rows.number_convention, number, header, _limited(rows.rows, limits), rows)
    rows.close()
    if not seen:
        raise ImportFileError("The file has no rows: it is empty or blank.", code="empty")
    expected = ", ".join(c.label for c in descriptor.columns) if descriptor else ""
    first = ", ".join(f"'{c}'" for c in seen[0][1] if not _blank(c))
    raise ImportFileError(
        f"No header row found in the first {len(seen)} rows: the header names the columns, e.g. {expected}. "
        f"Row {seen[0][0]} holds {first}.",
        code="no_header",
    )


def _limited(rows: Iterator[Row], limits: Limits) -> Iterator[Row]:
    for count, row in enumerate(rows, start=1):
        if count > limits.max_rows:
            raise ImportFileError(
                f"The file has more than {limits.max_rows:,} rows, the most one import takes. Split it into smaller files.",
                code="too_many_rows",
            )
        yield row


def read_table(file, name: str | None = None, descriptor: Descriptor | None = None, *, limits: Limits | None = None, sheet: str | None = None) -> Table:
    return find_header(read_rows(file, name, limits=limits, sheet=sheet), descriptor)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
