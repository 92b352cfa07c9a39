"""The export jobs' API, `router`, mounted by timba/api.py:

    GET    /api/v1/exports/{id}        the run: state, progress (rows done of total), the download link when done
    GET    /api/v1/exports/{id}/file   the finished file (an attachment)
    DELETE /api/v1/exports/{id}        cancel: a queued job at once, a running one before its next chunk (202)

A run is started by `POST /api/v1/<plural>/exports`, or by `GET /api/v1/<plural>/export` when
the rows are more than EXPORT_JOB_THRESHOLD_ROWS (timba.runtime.exports.http): both answer 202
with `Location: /api/v1/exports/{id}`. Another tenant's run is a 404, like a missing one; so is
a run of a resource the caller may not export. A file not ready, or expired, is a 409.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.http import FileResponse, HttpResponse, JsonResponse
from django.urls import reverse
from ninja import Path, Router, Schema, Status
from pydantic import Field

from timba.import_runs.models import ExportRun
from timba.runtime.exports import jobs
from timba.runtime.exports.responses import CSV, FORMATS, XLSX
from timba.runtime.problems import CONTENT_TYPE as PROBLEM
from timba.runtime.problems import Problem

RunId = Annotated[int, Path(ge=1, le=2**63 - 1)]
State = Literal[tuple(ExportRun.State.values)]  # type: ignore[valid-type]


class ExportProgress(Schema):
    done: int = Field(description="Rows written so far")
    total: int | None = Field(description="Rows in all; null until the job has counted them")
    percent: int = Field(ge=0, le=100)


class ExportRunOut(Schema):
    id: int
    resource: str = Field(description="The model the rows are of")
    state: State = Field(description="queued, running, done, failed, cancelled, expired (done, its file deleted after EXPORT_RETENTION)")
    format: str
    file_name: str = Field(description="The name the file downloads as")
    message: str = Field(description="Why the export failed or was cancelled")
    progress: ExportProgress
    size: int = Field(description="The file's bytes, once done")
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime | None = Field(description="When the file is deleted")
    download: str | None = Field(description="The file's URL once done, else null")


LOCATION = {"Location": {"description": "The export run: GET it for its progress and, when done, its download link", "schema": {"type": "string"}}}


def started_openapi(what: str) -> dict:
    return {"responses": {202: {"description": what, "headers": LOCATION}}}


router = Router(tags=["exports"])


@router.get("/exports/{id}", response=ExportRunOut, operation_id="export_get", url_name="export_get")
def export_get(request, id: RunId):
    """An export run: its state, progress (rows written of total) and, once done, the link to download the file."""
    return run_out(request, _run(request, id))


FILE_OPENAPI = {
    "responses": {
        200: {
            "description": "The exported file (an attachment)",
            "headers": {"Content-Disposition": {"description": 'attachment; filename="<plural>-<YYYYMMDD-HHMMSS>.<format>"', "schema": {"type": "string"}}},
            "content": {CSV: {"schema": {"type": "string"}}, XLSX: {"schema": {"type": "string", "format": "binary"}}},
        },
        409: {
            "description": "No file (yet): the job is queued or running, or failed, was cancelled or expired",
            "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        },
    }
}


@router.get("/exports/{id}/file", response={200: None}, operation_id="export_file", url_name="export_file", openapi_extra=FILE_OPENAPI)
def export_file(request, id: RunId):
    """Download the finished file; 409 while the job runs, or once it failed, was cancelled or expired."""
    run = _run(request, id)
    try:
        return download(run)
    except jobs.ExportRefused as refused:
        raise Problem(refused.status, refused.message) from None


@router.delete("/exports/{id}", response={202: ExportRunOut}, operation_id="export_cancel", openapi_extra=started_openapi("Cancelled, or to stop before the job's next chunk"))
def export_cancel(request, id: RunId, response: HttpResponse):
    """Cancel an export that is queued or running; no file is kept. 409 for a finished one."""
    run = _run(request, id)
    try:
        run = jobs.cancel(run)
    except jobs.ExportRefused as refused:
        raise Problem(refused.status, refused.message) from None
    response["Location"] = _url(request, "export_get", run)
    return Status(202, run_out(request, run))


def download(run: ExportRun) -> FileResponse:
    """The finished file as an attachment (ExportRefused unless it is done)."""
    handle = jobs.open_file(run)
    return FileResponse(handle, as_attachment=True, filename=run.file_name, content_type=FORMATS[run.format][0])


def started(request, run: ExportRun) -> JsonResponse:
    """The 202 answer of a route that started an export job: the run, and Location."""
    body = ExportRunOut(**run_out(request, run)).model_dump(mode="json")
    answer = JsonResponse(body, status=202)
    answer["Location"] = _url(request, "export_get", run)
    return answer


def run_out(request, run: ExportRun) -> dict:
    shown = jobs.progress(run)
    return {
        "id": run.pk, "resource": run.resource, "state": run.state, "format": run.format, "file_name": run.file_name,
        "message": run.message, "progress": {k: shown[k] for k in ("done", "total", "percent")}, "size": run.size,
        "created_at": run.created_at, "finished_at": run.finished_at, "expires_at": run.expires_at,
        "download": _url(request, "export_file", run) if run.state == ExportRun.State.DONE else None,
    }


def _run(request, pk: int) -> ExportRun:
    run = ExportRun.objects.filter(pk=pk).first()
    if run is None or not jobs.visible_to(run, request.auth):
        raise Problem(404, f"No export with id {pk}.")
    return run


def _url(request, name: str, run: ExportRun) -> str:
    namespace = request.resolver_match.namespace if getattr(request, "resolver_match", None) else ""
    return reverse(f"{namespace}:{name}" if namespace else name, kwargs={"id": run.pk})
