"""The import API: `POST /api/v1/<plural>/imports` (generated per resource with import/export,
calling `import_start`) and the generic routes on a run, `router`, mounted by timba/api.py:

    GET    /api/v1/imports/{id}          the run: state, progress, counts, mapping, samples, errors
    POST   /api/v1/imports/{id}/confirm  {"skip_errors": false}: write the staged rows (202; 409 for a dry run)
    POST   /api/v1/imports/{id}/undo     revert an applied run (202)
    DELETE /api/v1/imports/{id}          cancel: a waiting or staged run at once, a job before its next batch (202)
    GET    /api/v1/imports/{id}/errors   the error file: the rows as read plus an Errors column

An upload with `dry_run=true` is read and staged the same (its preview and error file), but is
never confirmable: it checks a file without any chance of writing from it. Starting work
answers 202 with `Location: /api/v1/imports/{id}` and the run: small work is done by then
(timba.runtime.imports.jobs runs it in-line), larger work is a job whose progress the GET shows.
A bad file is the reading layer's status (400, 413, 415) as problem+json; a refusal (the rows
have errors: 422; already confirmed, stale, not undoable, nothing to cancel: 409) too.
Another tenant's run is a 404, like a missing one; every route needs the spec's `import`
permission on the run's resource."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpResponse
from django.urls import reverse
from ninja import Path, Router, Schema, Status
from pydantic import Field

from timba.import_runs.models import ImportRun
from timba.runtime import access
from timba.runtime.exports.responses import CSV, XLSX
from timba.runtime.imports import jobs
from timba.runtime.imports.context import model_named, require_import, require_run
from timba.runtime.imports.error_file import error_file
from timba.runtime.imports.errors import ImportFileError
from timba.runtime.imports.refusals import ImportRefused
from timba.runtime.imports.staging import preview
from timba.runtime.imports.undo import undoable
from timba.runtime.problems import Problem

RunId = Annotated[int, Path(ge=1, le=2**63 - 1)]
State = Literal[tuple(ImportRun.State.values)]  # type: ignore[valid-type]
PREVIEWED = {ImportRun.State.STAGED, ImportRun.State.APPLYING, ImportRun.State.APPLIED, ImportRun.State.REVERTING, ImportRun.State.REVERTED}


class ImportCounts(Schema):
    new: int
    updated: int
    unchanged: int
    errors: int


class ImportProgress(Schema):
    done: int = Field(description="Rows done so far")
    total: int | None = Field(description="Rows in all; null while a file is still being read")
    errors: int = Field(description="Error rows so far")
    percent: int = Field(ge=0, le=100)


class ImportColumn(Schema):
    index: int
    heading: str | None
    field: str | None
    unit: str | None


class IgnoredColumn(Schema):
    index: int
    heading: str | None


class ImportMapping(Schema):
    columns: list[ImportColumn] = []
    ignored: list[IgnoredColumn] = []
    missing: list[str] = []


class ImportSample(Schema):
    row: int = Field(description="The spreadsheet's row number")
    cells: list[Any]
    changes: dict[str, Any] = Field(description="field: [old, new] of an update")
    errors: list[str]


class ImportSamples(Schema):
    new: list[ImportSample] = []
    updated: list[ImportSample] = []
    unchanged: list[ImportSample] = []
    error: list[ImportSample] = []


class ImportErrorGroup(Schema):
    column: str | None
    kind: str | None
    count: int
    messages: list[str]


class ImportRunOut(Schema):
    id: int
    resource: str = Field(description="The model the rows go to")
    state: State = Field(description="queued/reading (a staging job), staged, applying, applied, reverting, reverted, failed, cancelled")
    file_name: str
    format: str
    message: str = Field(description="Why the run failed, was refused or cancelled")
    total: int
    counts: ImportCounts
    progress: ImportProgress
    skip_errors: bool
    dry_run: bool = Field(description="A preview only (uploaded with dry_run): it can never be confirmed")
    undoable: bool
    created_at: datetime
    staged_at: datetime | None
    finished_at: datetime | None
    reverted_at: datetime | None
    mapping: ImportMapping | None = Field(description="Which column went to which field; null until staged")
    samples: ImportSamples | None = Field(description="A few rows of each kind; null until staged")
    errors: list[ImportErrorGroup] = Field(description="The errors grouped by column and kind")


class ImportConfirm(Schema):
    skip_errors: bool = Field(False, description="Import the valid rows and leave the error rows out")


LOCATION = {"Location": {"description": "The run: GET it for its progress", "schema": {"type": "string"}}}


def started_openapi(what: str) -> dict:
    """`openapi_extra` of a route that starts work: its 202 answer's Location header."""
    return {"responses": {202: {"description": f"{what}; the run, whose progress GET Location shows", "headers": LOCATION}}}


def upload_openapi(label_plural: str) -> dict:
    """`openapi_extra` of an upload route: the 202 answer's header, and the file part's name as a
    CSV unless the client names it otherwise (the extension says the format)."""
    extra = started_openapi(f"The file was read and staged, or queued as a job, for {label_plural}")
    disposition = {"schema": {"type": "string", "example": 'form-data; name="file"; filename="rows.csv"'}}
    extra["requestBody"] = {"content": {"multipart/form-data": {"encoding": {"file": {"headers": {"Content-Disposition": disposition}}}}}}
    return extra


DRY_RUN = (
    "Only check the file: it is read, mapped and classified as for an import (the run's counts, mapping, samples, "
    "errors and error file), but the run can never be confirmed (a confirm is a 409): nothing is ever written from it"
)


def import_start(request, response: HttpResponse, *, model, file, tenant=None, dry_run=False):
    """The generated upload route's body: store and stage `file` for `model` (tenant: the
    client staff chose); a `dry_run` is a preview that can never be confirmed."""
    user = request.auth
    if tenant is not None and access.is_staff(user):
        _require_tenant(model, tenant)
    try:
        run = jobs.start_import(user, model, file, file.name, tenant=tenant, dry_run=dry_run)
    except ImportFileError as exc:
        raise Problem(exc.status, exc.message) from None
    return _started(request, response, run)


router = Router(tags=["imports"])


@router.get("/imports/{id}", response=ImportRunOut, operation_id="import_get", url_name="import_get")
def import_get(request, id: RunId):
    """An import run: its state, progress (rows done of total, errors so far), counts, column mapping, sample rows and errors."""
    return run_out(_run(request, id))


@router.post("/imports/{id}/confirm", response={202: ImportRunOut}, operation_id="import_confirm", openapi_extra=started_openapi("Confirmed, or queued as a job"))
def import_confirm(request, id: RunId, payload: ImportConfirm, response: HttpResponse):
    """Write the staged rows, all or nothing unless skip_errors; 422 when rows have errors, 409 when the data changed since the preview (staged again: look at it), the run is not staged or was a dry run."""
    run = _run(request, id)
    with _refusals():
        run = jobs.start_confirm(run, request.auth, skip_errors=payload.skip_errors)
    return _started(request, response, run)


@router.post("/imports/{id}/undo", response={202: ImportRunOut}, operation_id="import_undo", openapi_extra=started_openapi("Undone, or queued as a job"))
def import_undo(request, id: RunId, response: HttpResponse):
    """Undo an applied import as a unit (within the retention period); 409 naming the rows when they changed since."""
    run = _run(request, id)
    with _refusals():
        run = jobs.start_undo(run, request.auth)
    return _started(request, response, run)


@router.delete("/imports/{id}", response={202: ImportRunOut}, operation_id="import_cancel", openapi_extra=started_openapi("Cancelled, or to stop before the job's next batch"))
def import_cancel(request, id: RunId, response: HttpResponse):
    """Cancel a run that is waiting, being read, staged or being confirmed; nothing is written. 409 for a finished run."""
    run = _run(request, id)
    with _refusals():
        run = jobs.cancel(run, request.auth)
    return _started(request, response, run)


ERRORS_OPENAPI = {
    "responses": {
        200: {
            "description": "The rows as read plus an Errors column (only the error rows once the valid ones were imported), in the uploaded format",
            "headers": {"Content-Disposition": {"description": 'attachment; filename="<name>-errors.<format>"', "schema": {"type": "string"}}},
            "content": {CSV: {"schema": {"type": "string"}}, XLSX: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get("/imports/{id}/errors", response={200: None}, operation_id="import_errors", openapi_extra=ERRORS_OPENAPI)
def import_errors(request, id: RunId):
    """Download the error file: fixed and uploaded again, it imports."""
    content, kind, name = error_file(_run(request, id))
    answer = HttpResponse(content, content_type=kind)
    answer["Content-Disposition"] = f'attachment; filename="{name}"'
    return answer


def run_out(run: ImportRun) -> dict:
    """The run as the API answers it (reconciled first: a lost job shows failed)."""
    shown = jobs.progress(run)
    out = {
        "id": run.pk, "resource": run.resource, "state": run.state, "file_name": run.file_name, "format": run.format,
        "message": run.message, "total": run.total, "counts": run.counts, "skip_errors": run.skip_errors, "dry_run": run.dry_run,
        "undoable": undoable(run), "created_at": run.created_at, "staged_at": run.staged_at, "finished_at": run.finished_at,
        "reverted_at": run.reverted_at, "mapping": None, "samples": None, "errors": [],
        "progress": {k: shown[k] for k in ("done", "total", "errors", "percent")},
    }
    if run.staged_at is not None and run.state in PREVIEWED:
        seen = preview(run)
        out |= {"mapping": seen["mapping"], "samples": seen["samples"], "errors": seen["errors"]}
    return out


def _run(request, pk: int) -> ImportRun:
    run = ImportRun.objects.filter(pk=pk).first()
    if run is None:
        raise Problem(404, f"No import with id {pk}.")
    require_run(run, request.auth)
    try:
        model = model_named(run.resource)
    except LookupError:
        raise Problem(404, f"No import with id {pk}.") from None
    require_import(request.auth, model)
    return run


def _started(request, response: HttpResponse, run: ImportRun):
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    response["Location"] = reverse(f"{namespace}:import_get" if namespace else "import_get", kwargs={"id": run.pk})
    return Status(202, run_out(run))


class _refusals:
    """An engine refusal as problem+json: its status (409, 422 for rows with errors) and message."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if isinstance(exc, ImportRefused):
            raise Problem(exc.status, exc.message) from None
        return False


def _require_tenant(model, tenant) -> None:
    """The client staff named exists (422 naming the field, as a body's reference is)."""
    path = access.tenant_path(model)
    if path in (None, "self") or "__" in path:
        return
    target = model._meta.get_field(path).related_model
    if not target._default_manager.filter(pk=tenant).exists():
        loc = ["body", model._meta.get_field(path).attname]
        raise Problem(422, f"No {target._meta.verbose_name} with id {tenant}.", errors=[{"loc": loc, "msg": "No such row", "type": "missing"}])
