"""Large exports as jobs, on the import jobs' mechanism (timba.runtime.imports.jobs): a Celery
task when CELERY_BROKER_URL is set, else a daemon thread of this process.

    if is_large(rows): run = start_export(user, table, rows, "xlsx", order)   # queued
    progress(run)          # {state, done, total, percent, message}
    cancel(run)            # a queued job at once, a running one before its next chunk
    open_file(run)         # the finished file, from the default storage

An export of more than EXPORT_JOB_THRESHOLD_ROWS (5,000) rows is a job; fewer stream at once
(timba.runtime.exports.responses). Counting is cheap: `LIMIT threshold + 1` inside the count,
so a million-row table costs no more than a small one to decide.

The job writes exactly the rows the caller could see when they asked: the queryset (tenant
scope, filters and search applied by the caller's code) is kept as Django's pickled `Query`
(ExportRun.query, written and read only by this server), the table as its columns. The worker
counts the rows, writes them chunk by chunk (timba.runtime.exports.chunks) to a temporary file,
reporting rows done of total and a heartbeat after each chunk, and stores the finished file in
Django's default storage under `exports/` (ExportRun.file). A cancellation is seen before the
next chunk; a failure ends `failed` with its message; either way no file is kept. A job whose
worker was lost (no heartbeat for IMPORT_JOB_STALE_SECONDS) reads as `failed`.

Files are kept EXPORT_RETENTION seconds (default 24 hours): `expire()` deletes older ones (their
runs read `expired`); it runs whenever an export starts. Who may see a run: `visible_to` (its tenant's users with the export permission, or
platform staff; anyone else gets a 404 like a missing run).
"""

from __future__ import annotations

import logging
import pickle
import tempfile
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from timba.import_runs.models import ExportRun
from timba.runtime import access
from timba.runtime.exports.chunks import chunks
from timba.runtime.exports.columns import Column, Table
from timba.runtime.exports.csv_writer import csv_bytes
from timba.runtime.exports.xlsx_writer import xlsx_bytes
from timba.runtime.imports.context import model_named

log = logging.getLogger(__name__)

S = ExportRun.State
DEFAULT_THRESHOLD_ROWS = 5000
DEFAULT_RETENTION = 24 * 3600
DEFAULT_STALE_SECONDS = 300
RUNNING = (S.QUEUED, S.RUNNING)
WRITERS = {"csv": csv_bytes, "xlsx": xlsx_bytes}


class ExportRefused(Exception):
    """Nothing to do for this run (finished already: nothing to cancel; no file to download)."""

    status = 409

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _Cancelled(Exception):
    pass


def threshold_rows() -> int:
    return int(getattr(settings, "EXPORT_JOB_THRESHOLD_ROWS", DEFAULT_THRESHOLD_ROWS))


def retention() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "EXPORT_RETENTION", DEFAULT_RETENTION)))


def stale_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "IMPORT_JOB_STALE_SECONDS", DEFAULT_STALE_SECONDS)))


def is_large(queryset) -> bool:
    """More than EXPORT_JOB_THRESHOLD_ROWS rows: one COUNT over at most threshold + 1 rows."""
    limit = threshold_rows()
    return queryset.order_by()[: limit + 1].count() > limit


# -- starting -------------------------------------------------------------------------------


def start_export(user, table: Table, queryset, fmt: str, order: list[str], file_name: str) -> ExportRun:
    """Queue the export of `queryset` (already narrowed to what `user` may see) as a job."""
    expire()
    tenant = None if access.is_staff(user) else access.tenant_id(user)
    run = ExportRun.objects.create(
        resource=table.model.__name__, tenant_id=tenant, user=user if getattr(user, "pk", None) else None, format=fmt,
        query=pickle.dumps(queryset.query), order=list(order), file_name=file_name[:255], job_id=uuid.uuid4().hex,
        table={"name": table.name, "columns": [_column(c) for c in table.columns]}, heartbeat_at=timezone.now(),
    )
    _dispatch(run)
    return run


def _column(column: Column) -> dict:
    return {"name": column.name, "cell": column.cell, "key": column.key, "places": column.places}


def _dispatch(run: ExportRun) -> None:
    run_id, job_id = run.pk, run.job_id
    if getattr(settings, "CELERY_BROKER_URL", ""):
        from timba.import_runs.tasks import run_export_job

        transaction.on_commit(lambda: run_export_job.apply_async(args=[run_id, job_id], task_id=job_id))
    else:
        transaction.on_commit(lambda: threading.Thread(target=_in_thread, args=(run_id, job_id), name=f"export-{run_id}", daemon=True).start())


def _in_thread(run_id: int, job_id: str) -> None:
    try:
        run_job(run_id, job_id)
    finally:
        connections.close_all()


# -- running --------------------------------------------------------------------------------


def run_job(run_id: int, job_id: str) -> str:
    """Take up and run a queued export (a runner calls it); returns its final state. A job runs
    once: one already claimed (a redelivery) or cancelled meanwhile is skipped."""
    now = timezone.now()
    claimed = ExportRun.objects.filter(pk=run_id, job_id=job_id, state=S.QUEUED, job_started_at__isnull=True)
    if not claimed.update(job_started_at=now, heartbeat_at=now, state=S.RUNNING):
        return "skipped"
    run = ExportRun.objects.get(pk=run_id)
    try:
        table = _table(run)
        queryset = table.model._base_manager.all()
        queryset.query = pickle.loads(run.query)  # noqa: S301 - written by start_export, never by a client
        total = queryset.count()
        _report(run, 0, total)
        rows = _watched(run, chunks(queryset, run.order or ["pk"], table.selected), total)
        with tempfile.TemporaryFile() as out:
            for block in WRITERS[run.format](table, rows):
                out.write(block)
            size = out.tell()
            out.seek(0)
            if _cancel_asked(run):
                raise _Cancelled
            stem = get_valid_filename(run.file_name) or f"export.{run.format}"
            stored = default_storage.save(f"exports/{uuid.uuid4().hex}-{stem}", File(out, name=stem))
        finished = timezone.now()
        if not ExportRun.objects.filter(pk=run.pk, state=S.RUNNING).update(
            state=S.DONE, file=stored, size=size, progress_done=total, progress_total=total, heartbeat_at=finished,
            finished_at=finished, expires_at=finished + retention(), message="",
        ):
            default_storage.delete(stored)  # cancelled or marked lost meanwhile
        return _state(run)
    except _Cancelled:
        _end(run, S.CANCELLED, "Cancelled; no file was kept.")
        return S.CANCELLED
    except Exception as exc:
        log.exception("export job %s of run %s failed", job_id, run_id)
        _end(run, S.FAILED, f"The export failed and no file was kept: {exc}")
        return S.FAILED


def _table(run: ExportRun) -> Table:
    columns = tuple(Column(**column) for column in run.table["columns"])
    return Table(model_named(run.resource), columns, run.table["name"])


def _watched(run: ExportRun, rows, total: int):
    """The chunks of `rows`, reporting progress after each and stopping when asked to."""
    done = 0
    for chunk in rows:
        if _cancel_asked(run):
            raise _Cancelled
        yield chunk
        done += len(chunk)
        _report(run, done, max(total, done))


def _report(run: ExportRun, done: int, total: int) -> None:
    ExportRun.objects.filter(pk=run.pk).update(progress_done=done, progress_total=total, heartbeat_at=timezone.now())


def _cancel_asked(run: ExportRun) -> bool:
    return ExportRun.objects.filter(pk=run.pk).exclude(state=S.RUNNING, cancel_requested=False).exists()


def _end(run: ExportRun, state, message: str) -> None:
    ExportRun.objects.filter(pk=run.pk, state__in=RUNNING).update(state=state, message=message[:2000], finished_at=timezone.now())


def _state(run: ExportRun) -> str:
    return ExportRun.objects.values_list("state", flat=True).get(pk=run.pk)


# -- following ------------------------------------------------------------------------------


def progress(run: ExportRun) -> dict:
    """{state, done, total, percent, message} of a run, a lost job reconciled first."""
    run.refresh_from_db()
    _reconcile(run)
    done, total = run.progress_done, run.progress_total
    if run.state in (S.DONE, S.EXPIRED):
        percent = 100
    elif total:
        percent = min(100, int(done * 100 / total))
    else:
        percent = 0
    return {"state": run.state, "done": done, "total": total, "percent": percent, "message": run.message}


def _reconcile(run: ExportRun) -> None:
    """A claimed job without a heartbeat for IMPORT_JOB_STALE_SECONDS lost its worker."""
    if run.state != S.RUNNING:
        return
    seen = run.heartbeat_at or run.job_started_at
    if seen is None or timezone.now() - seen <= stale_after():
        return
    message = "The export job stopped before it finished (its worker was lost); no file was kept."
    ExportRun.objects.filter(pk=run.pk, state=S.RUNNING, job_id=run.job_id).update(state=S.FAILED, message=message, finished_at=timezone.now())
    run.refresh_from_db()


def cancel(run: ExportRun) -> ExportRun:
    """Stop a run: a queued one at once, a running one before its next chunk. A finished run
    (done, failed, cancelled, expired) is refused (ExportRefused)."""
    run.refresh_from_db()
    _reconcile(run)
    if run.state not in RUNNING:
        raise ExportRefused(f"This export is {run.state}; there is nothing to cancel.")
    now = timezone.now()
    if not ExportRun.objects.filter(pk=run.pk, state=S.QUEUED).update(state=S.CANCELLED, message="Cancelled; no file was kept.", finished_at=now):
        ExportRun.objects.filter(pk=run.pk).update(cancel_requested=True)
    run.refresh_from_db()
    return run


def open_file(run: ExportRun):
    """The finished file, opened from the default storage (ExportRefused unless done)."""
    run.refresh_from_db()
    if run.state != S.DONE or not run.file:
        raise ExportRefused(f"This export is {run.state}; it has no file to download.")
    return default_storage.open(run.file, "rb")


def expire(now=None) -> int:
    """Delete the files of runs past their `expires_at` (the runs read `expired`); how many."""
    now = now or timezone.now()
    count = 0
    for pk, name in ExportRun.objects.filter(state=S.DONE, expires_at__lte=now).values_list("pk", "file"):
        if name:
            default_storage.delete(name)
        count += ExportRun.objects.filter(pk=pk, state=S.DONE).update(state=S.EXPIRED, file="", message="The file was deleted after its retention period.")
    return count


# -- who sees a run -------------------------------------------------------------------------


def visible_to(run: ExportRun, user) -> bool:
    """Platform staff, or a user of the run's tenant (its own user) who may export its resource."""
    try:
        model = model_named(run.resource)
    except LookupError:
        return False
    if not access.allowed(user, model, "export"):
        return False
    if access.is_staff(user):
        return True
    if run.tenant_id is None:
        owner = getattr(run, ExportRun._meta.get_field("user").attname)
        return owner is not None and owner == getattr(user, "pk", None)
    return run.tenant_id == access.tenant_id(user)
