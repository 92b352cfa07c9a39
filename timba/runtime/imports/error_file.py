"""The error file of a run: its rows as they were read, under the header row, with an
"Errors" column saying what is wrong with each, in the format that was uploaded (CSV or TSV as
CSV text, a workbook as XLSX: XLS and ODS are written as XLSX). Fixed and uploaded again, it
imports: the mapping ignores the Errors column.

Every text cell that would start a formula (`=`, `+`, `-`, `@`, tab, carriage return) is
escaped as the exports escape it (timba.runtime.exports.cells), so that no spreadsheet runs
what a sheet brought in; numbers stay numbers, and so does text that is a plain number (`-5`).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile

from openpyxl import Workbook

from timba.import_runs.models import ImportRow, ImportRun
from timba.runtime.exports.cells import ILLEGAL_XML, escape
from timba.runtime.imports.classify import ERROR

HEADING = "Errors"
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
BATCH = 2000


def _safe(value):
    if isinstance(value, str) and not PLAIN_NUMBER.fullmatch(value.strip()):
        return escape(value)
    return value


def _rows(run: ImportRun, only_errors: bool):
    width = len(run.headings)
    last = -1
    rows = ImportRow.objects.filter(run=run)
    if only_errors:
        rows = rows.filter(action=ERROR)
    while True:
        batch = list(rows.filter(number__gt=last).order_by("number").values_list("number", "cells", "errors")[:BATCH])
        if not batch:
            return
        last = batch[-1][0]
        for _number, cells, errors in batch:
            cells = list(cells) + [None] * (width - len(cells))
            yield [*cells, " ".join(e["message"] for e in errors)]


def error_file(run: ImportRun, *, only_errors: bool | None = None) -> tuple[bytes, str, str]:
    """(content, content type, file name). By default every row (nothing was imported yet, so
    the fixed file imports them all), only the error rows once the valid ones were imported."""
    if only_errors is None:
        only_errors = run.state == ImportRun.State.APPLIED
    stem = (run.file_name.rsplit(".", 1)[0] if run.file_name else run.resource.lower()) + "-errors"
    header = [*run.headings, HEADING]
    if run.format in {"csv", "tsv"}:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="\t" if run.format == "tsv" else ",", lineterminator="\r\n")
        writer.writerow([_safe(h) for h in header])
        for row in _rows(run, only_errors):
            writer.writerow(["" if v is None else _safe(v) for v in row])
        return "\ufeff".encode() + buffer.getvalue().encode(), "text/csv; charset=utf-8", f"{stem}.{run.format}"
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([_xlsx(h) for h in header])
    for row in _rows(run, only_errors):
        sheet.append([_xlsx(v) for v in row])
    with tempfile.TemporaryFile() as fh:
        book.save(fh)
        fh.seek(0)
        content = fh.read()
    return content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"{stem}.xlsx"


def _xlsx(value):
    if isinstance(value, str):
        return _safe(ILLEGAL_XML.sub("", value))
    return value
