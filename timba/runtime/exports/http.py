"""`GET /api/v1/<plural>/export?format=csv|xlsx`: the rows of the list, as a file.

The rows are the list's (`selectors.entity_queryset`, with the spec's `export` permission
instead of `list`: another tenant's rows are never there), filtered, searched and ordered by
the list's own code (timba.runtime.listing) from the list's parameters; any other parameter is a
422 naming it. The answer streams (timba.runtime.exports.responses)."""

from __future__ import annotations

from timba.runtime.exports.columns import Table
from timba.runtime.exports.params import ExportParams
from timba.runtime.exports.responses import CSV, XLSX, streamed
from timba.runtime.listing import apply_filters, apply_search, refuse_unknown
from timba.runtime.selectors import entity_queryset


def export_list(request, table: Table, params: ExportParams):
    refuse_unknown(request, params)
    rows = entity_queryset(request, model=table.model, op="export")
    rows = apply_search(apply_filters(rows, params), params)
    chosen = getattr(params, "order", None)
    order = [chosen] if chosen else list(table.model._meta.ordering or ["pk"])
    return streamed(table, rows, params.format, order)


def export_openapi(label_plural: str) -> dict:
    """`openapi_extra` of an export route: its 200 answer's two media types and its header."""
    return {
        "responses": {
            200: {
                "description": f"The {label_plural} as a file (an attachment), the header row first",
                "headers": {
                    "Content-Disposition": {
                        "description": 'attachment; filename="<plural>-<YYYYMMDD-HHMMSS>.<format>"',
                        "schema": {"type": "string"},
                    }
                },
                "content": {
                    CSV: {"schema": {"type": "string"}},
                    XLSX: {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    }
