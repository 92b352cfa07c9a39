"""The streamed answer of an export: CSV or XLSX bytes from the rows of a queryset, as an
attachment named for the resource and the moment (`logs-20260131-080000.csv`)."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.utils import timezone

from timba.runtime.exports.chunks import chunks, order_of
from timba.runtime.exports.columns import Table
from timba.runtime.exports.csv_writer import csv_bytes
from timba.runtime.exports.xlsx_writer import xlsx_bytes

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"csv": (f"{CSV}; charset=utf-8", csv_bytes), "xlsx": (XLSX, xlsx_bytes)}


def filename(table: Table, fmt: str) -> str:
    return f"{table.name}-{timezone.localtime():%Y%m%d-%H%M%S}.{fmt}"


def streamed(table: Table, queryset, fmt: str, order: list[str] | None = None) -> StreamingHttpResponse:
    """The export of `queryset` (already narrowed to what the caller may see) in `fmt` (csv or
    xlsx), its rows in `order` (default: the queryset's own, see `chunks.order_of`). Nothing is
    read before the response is iterated, and then one chunk at a time."""
    content_type, write = FORMATS[fmt]
    rows = chunks(queryset, order or order_of(queryset), table.selected)
    response = StreamingHttpResponse(write(table, rows), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(table, fmt)}"'
    return response
