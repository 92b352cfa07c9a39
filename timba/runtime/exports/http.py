"""`GET /api/v1/<plural>/export?format=csv|xlsx`: the rows of the list, as a file, and
`POST /api/v1/<plural>/exports` (same parameters): the same rows written by a job.

The rows are the list's (`selectors.entity_queryset`, with the spec's `export` permission
instead of `list`: another tenant's rows are never there), filtered, searched and ordered by
the list's own code (timba.runtime.listing) from the list's parameters; any other parameter is a
422 naming it. The answer streams (timba.runtime.exports.responses), unless there are more than
EXPORT_JOB_THRESHOLD_ROWS rows: then the export runs as a job (timba.runtime.exports.jobs) and
the answer is 202 with `Location: /api/v1/exports/{id}`, the run to follow and download from
(timba.runtime.exports.runs_http). The POST always starts a job."""

from __future__ import annotations

from timba.runtime.exports import jobs
from timba.runtime.exports.columns import Table
from timba.runtime.exports.params import ExportParams
from timba.runtime.exports.responses import CSV, XLSX, filename, streamed
from timba.runtime.exports.runs_http import LOCATION, ExportRunOut, started
from timba.runtime.listing import apply_filters, apply_search, refuse_unknown
from timba.runtime.selectors import entity_queryset


def export_list(request, table: Table, params: ExportParams):
    """The file, streamed; more than EXPORT_JOB_THRESHOLD_ROWS rows are a job instead (202)."""
    rows, order = _rows(request, table, params)
    if jobs.is_large(rows):
        return _start(request, table, rows, params.format, order)
    return streamed(table, rows, params.format, order)


def export_start(request, table: Table, params: ExportParams):
    """`POST /api/v1/<plural>/exports`: the same rows as the export, always as a job (202)."""
    rows, order = _rows(request, table, params)
    return _start(request, table, rows, params.format, order)


def _rows(request, table: Table, params: ExportParams):
    refuse_unknown(request, params)
    rows = entity_queryset(request, model=table.model, op="export")
    rows = apply_search(apply_filters(rows, params), params)
    chosen = getattr(params, "order", None)
    return rows, [chosen] if chosen else list(table.model._meta.ordering or ["pk"])


def _start(request, table: Table, rows, fmt: str, order: list[str]):
    run = jobs.start_export(request.auth, table, rows, fmt, order, filename(table, fmt))
    return started(request, run)


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
            },
            202: JOB_STARTED,
        }
    }


# the 202 of an export that runs as a job (ExportRunOut is in the document: GET /exports/{id})
JOB_STARTED = {
    "description": "More rows than EXPORT_JOB_THRESHOLD_ROWS: the export runs as a job; the run, whose progress and download link GET Location shows",
    "headers": LOCATION,
    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ExportRunOut.__name__}"}}},
}


def start_openapi(label_plural: str) -> dict:
    """`openapi_extra` of `POST /<plural>/exports`: its 202 answer's Location header."""
    return {"responses": {202: {"description": f"The export of the {label_plural} was queued as a job; the run, whose progress and download link GET Location shows", "headers": LOCATION}}}
