"""Import runs as jobs: the admin's and the API's way into the engine (timba.runtime.imports.engine).

    run = start_import(user, Log, upload, upload.name, tenant=None, sheet=None)   # staged, or a job
    progress(run)     # {state, done, total, errors, message, percent}
    run = start_confirm(run, user, skip_errors=False)                             # applied, or a job
    run = start_undo(run, user)                                                   # reverted, or a job
    cancel(run, user)

Small work runs in-line, in the caller's request: a file up to IMPORT_JOB_THRESHOLD_BYTES
(1 MB) is staged at once, a run of up to IMPORT_JOB_THRESHOLD_ROWS (5,000) rows is confirmed or
undone at once. Anything larger is a job: the run is saved in its waiting state (`queued`,
`applying`, `reverting`) with a `job_id`, and a runner takes it up:

- with CELERY_BROKER_URL set, the Celery task `timba.import_runs.tasks.run_import_job`
  (acks_late: a job whose worker dies is delivered again);
- without it, a daemon thread of this process (the embedded default for `make run`).

The uploaded file is kept in Django's default storage under `imports/` (`ImportRun.source`), so
a worker elsewhere reads the same bytes. A file is checked before it is queued (its format, its
header row, the required columns), so a bad file is an ImportFileError at once, nothing stored.

Progress: the runner reports rows done of total and errors so far after each batch, with a
heartbeat. Outside a transaction (staging) it is written to the run's row; a confirm or an undo
runs in one transaction, whose writes no one else sees until it ends, so there progress (and a
cancellation) also goes through Django's cache: a Celery deployment needs a shared cache
(REDIS_URL or CACHE_URL) for live progress of a confirm and for cancelling one.

A job that fails ends `failed` with its message; a cancelled one `cancelled` (nothing written:
staging writes only the run's own rows, confirm is one transaction). A job whose worker was
killed leaves its run in a running state with an old heartbeat: reading it (`progress`, the
API's GET) after IMPORT_JOB_STALE_SECONDS (300) without a sign of life marks it `failed`
("nothing was written"; a killed undo goes back to `applied`, nothing undone). A job is taken up
once: its runner claims it (`job_started_at`), so a redelivery of a claimed job (acks_late after
a lost worker) does nothing, and the clerk decides whether to upload or confirm again. A job no
worker has taken yet stays `queued` (or `applying`, `reverting`) however long the queue is.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from timba.import_runs.models import ImportRun
from timba.runtime.imports.apply import confirm
from timba.runtime.imports.context import (
    model_named,
    require_import,
    require_run,
    supplied,
    tenant_for,
)
from timba.runtime.imports.descriptors import descriptor_for
from timba.runtime.imports.errors import ImportFileError
from timba.runtime.imports.mapping import map_columns
from timba.runtime.imports.reading import read_table
from timba.runtime.imports.refusals import (
    ImportCancelled,
    ImportRefused,
    RowsHaveErrors,
    StaleImport,
    UndoRefused,
)
from timba.runtime.imports.staging import stage_file
from timba.runtime.imports.undo import undo, undoable
from timba.runtime.problems import Problem

log = logging.getLogger(__name__)

S = ImportRun.State
DEFAULT_THRESHOLD_BYTES = 1024 * 1024
DEFAULT_THRESHOLD_ROWS = 5000
DEFAULT_STALE_SECONDS = 300
RUNNING = (S.QUEUED, S.READING, S.APPLYING, S.REVERTING)
CANCELLABLE = (S.QUEUED, S.READING, S.STAGED, S.APPLYING)
STAGE, CONFIRM, UNDO = "stage", "confirm", "undo"


def threshold_bytes() -> int:
    return int(getattr(settings, "IMPORT_JOB_THRESHOLD_BYTES", DEFAULT_THRESHOLD_BYTES))


def threshold_rows() -> int:
    return int(getattr(settings, "IMPORT_JOB_THRESHOLD_ROWS", DEFAULT_THRESHOLD_ROWS))


def stale_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "IMPORT_JOB_STALE_SECONDS", DEFAULT_STALE_SECONDS)))


# -- starting -------------------------------------------------------------------------------


def start_import(user, model, upload, name=None, *, tenant=None, sheet=None, dry_run=False) -> ImportRun:
    """Store `upload` and stage it: in-line when it is small (the run comes back `staged`), else
    as a job (`queued`, then `reading`). A bad file is an ImportFileError, nothing stored. A
    `dry_run` is staged the same (its preview, its error file) but never confirmed."""
    model = model_named(model) if isinstance(model, str) else model
    require_import(user, model)
    tenant_id = tenant_for(user, model, tenant)
    name = str(name or getattr(upload, "name", "") or "upload")
    inline = _size(upload) <= threshold_bytes()
    if not inline:
        _check_file(model, upload, name, tenant_id, sheet)
    source = _store(upload, name)
    run = ImportRun.objects.create(
        resource=model.__name__, tenant_id=tenant_id, user=user if getattr(user, "pk", None) else None,
        file_name=name[:255], format=os.path.splitext(name)[1].lstrip(".").lower()[:10], source=source, sheet=sheet or "",
        state=S.READING if inline else S.QUEUED, job_kind=STAGE, heartbeat_at=timezone.now(), dry_run=bool(dry_run),
    )
    if inline:
        try:
            _seek(upload)
            return stage_file(user, model, upload, name, tenant=tenant_id, sheet=sheet or None, run=run)
        except BaseException:
            run.delete()
            raise
        finally:
            _discard(run)
    _queue(run)
    return run


def start_confirm(run: ImportRun, user, *, skip_errors: bool = False) -> ImportRun:
    """Confirm a staged run: in-line for a small one, else as a job (`applying` at once). The
    refusals that need no work are raised here: RowsHaveErrors, ImportRefused, a Problem."""
    run.refresh_from_db()
    require_run(run, user)
    require_import(user, model_named(run.resource))
    if run.state != S.STAGED:
        raise ImportRefused(f"This import is {run.state}, not waiting for a confirmation.", run=run)
    if run.dry_run:
        raise ImportRefused("This import was a dry run: a preview only, never written. Upload the file again without dry_run to import it.", run=run)
    if run.errors and not skip_errors:
        confirm(run, user, skip_errors=False)  # raises RowsHaveErrors with the engine's words
    total = run.new + run.updated + run.unchanged
    if total <= threshold_rows():
        return confirm(run, user, skip_errors=skip_errors)
    return _queue_step(run, S.STAGED, S.APPLYING, CONFIRM, total, skip_errors=skip_errors)


def start_undo(run: ImportRun, user) -> ImportRun:
    """Undo an applied run: in-line for a small one, else as a job (`reverting` at once)."""
    run.refresh_from_db()
    require_run(run, user)
    if run.state != S.APPLIED or not undoable(run):
        undo(run, user)  # raises UndoRefused with the engine's words
    total = run.new + run.updated
    if total <= threshold_rows():
        return undo(run, user)
    return _queue_step(run, S.APPLIED, S.REVERTING, UNDO, total)


def cancel(run: ImportRun, user) -> ImportRun:
    """Stop a run: a waiting or staged one at once, a running job before its next batch (nothing
    written). An applied, reverted, failed or cancelled run is refused (ImportRefused)."""
    run.refresh_from_db()
    require_run(run, user)
    _reconcile(run)
    if run.state not in CANCELLABLE:
        raise ImportRefused(f"This import is {run.state}; there is nothing to cancel.", run=run)
    if run.job_id:
        cache.set(_key("cancel", run), True, timeout=24 * 3600)
    if run.state == S.APPLYING and run.job_started_at is not None:
        # a running confirm is one transaction, which would not see the row change (and on
        # SQLite holds the write lock): it reads the cache flag before each batch
        return run
    waiting = ImportRun.objects.filter(pk=run.pk, state=run.state)
    if run.state != S.STAGED:  # a job no worker took yet
        waiting = waiting.filter(job_started_at__isnull=True)
    stopped = waiting.update(state=S.CANCELLED, message="Cancelled; nothing was written.", finished_at=timezone.now())
    if not stopped and run.state in (S.QUEUED, S.READING):  # a staging job: its next batch stops it
        ImportRun.objects.filter(pk=run.pk).update(cancel_requested=True)
    run.refresh_from_db()
    return run


# -- reading progress -------------------------------------------------------------------------


def progress(run: ImportRun) -> dict:
    """{state, done, total, errors, message, percent} of a run (a job's live figures), after
    reconciling a run whose job has stopped showing signs of life."""
    run.refresh_from_db()
    _reconcile(run)
    done, total, errors = run.progress_done, run.progress_total, run.progress_errors
    live = cache.get(_key("progress", run)) if run.state in RUNNING else None
    if live and live["job"] == run.job_id and live["done"] >= done:
        done, total, errors = live["done"], live["total"], live["errors"]
    if run.state in (S.STAGED, S.APPLIED, S.REVERTED):  # done: all of it, and its errors as counted
        done = total = total if run.job_id and run.job_kind != STAGE and total is not None else run.total
        errors, percent = run.errors, 100
    elif total:
        percent = min(100, int(done * 100 / total))
    else:
        percent = 0
    return {"state": run.state, "done": done, "total": total, "errors": errors, "message": run.message, "percent": percent}


def _reconcile(run: ImportRun) -> None:
    """A claimed job without a heartbeat for IMPORT_JOB_STALE_SECONDS lost its worker."""
    if run.state not in RUNNING or run.job_started_at is None:
        return
    live = cache.get(_key("progress", run))
    seen = max(t for t in (run.heartbeat_at, run.job_started_at, live and live["job"] == run.job_id and live["at"]) if t)
    if timezone.now() - seen <= stale_after():
        return
    if run.state == S.REVERTING:
        state, message = S.APPLIED, "The undo stopped before it finished (its job was lost); nothing was undone."
    else:
        state, message = S.FAILED, "The import job stopped before it finished (its worker was lost); nothing was written."
    ImportRun.objects.filter(pk=run.pk, state=run.state, job_id=run.job_id).update(state=state, message=message, finished_at=timezone.now())
    run.refresh_from_db()


# -- running --------------------------------------------------------------------------------


def run_job(run_id: int, job_id: str) -> str:
    """Take up and run a queued job (a runner calls it); returns what happened. A job runs once:
    one already claimed (a redelivery) or no longer wanted is skipped."""
    now = timezone.now()
    if not ImportRun.objects.filter(pk=run_id, job_id=job_id, job_started_at__isnull=True).update(job_started_at=now, heartbeat_at=now):
        return "skipped"
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    if run.state not in RUNNING:
        return "skipped"
    user = run.user
    report = _Reporter(run)
    try:
        if run.job_kind == STAGE:
            if not ImportRun.objects.filter(pk=run.pk, state=S.QUEUED).update(state=S.READING):
                return "skipped"  # cancelled meanwhile
            run.state = S.READING
            with default_storage.open(run.source, "rb") as file:
                stage_file(
                    user, run.resource, file, run.file_name, tenant=run.tenant_id, sheet=run.sheet or None,
                    on_progress=report, cancelled=report.cancelled, run=run,
                )
            _discard(run)
            if report.cancelled():
                _end(run, S.CANCELLED, "Cancelled; nothing was written.")
        elif run.job_kind == CONFIRM:
            confirm(run, user, skip_errors=run.skip_errors, on_progress=report, cancelled=report.cancelled, queued=True)
        elif run.job_kind == UNDO:
            undo(run, user, on_progress=report, queued=True)
        return ImportRun.objects.values_list("state", flat=True).get(pk=run.pk)
    except ImportCancelled:
        _end(run, S.CANCELLED, "Cancelled; nothing was written.")
        return S.CANCELLED
    except (StaleImport, RowsHaveErrors) as exc:  # staged (again), with the reason
        ImportRun.objects.filter(pk=run.pk, state__in=[S.APPLYING, S.STAGED]).update(state=S.STAGED, message=exc.message[:2000])
        return ImportRun.objects.values_list("state", flat=True).get(pk=run.pk)
    except UndoRefused as exc:  # nothing undone: applied still
        ImportRun.objects.filter(pk=run.pk, state=S.REVERTING).update(state=S.APPLIED, message=exc.message[:2000])
        return ImportRun.objects.values_list("state", flat=True).get(pk=run.pk)
    except (ImportFileError, ImportRefused) as exc:
        _end(run, S.FAILED, exc.message)
        return S.FAILED
    except Problem as exc:
        _end(run, S.FAILED, str(getattr(exc, "detail", "") or exc))
        return S.FAILED
    except Exception as exc:
        log.exception("import job %s of run %s failed", job_id, run_id)
        _end(run, S.FAILED, f"The import failed and nothing was written: {exc}")
        return S.FAILED
    finally:
        # the last figures of a confirm or an undo, whose transaction kept them from the row
        ImportRun.objects.filter(pk=run.pk).update(
            progress_done=run.progress_done, progress_total=run.progress_total, progress_errors=run.progress_errors, heartbeat_at=timezone.now()
        )
        if run.job_kind == STAGE:
            _discard(run)
        cache.delete_many([_key("cancel", run), _key("progress", run)])


class _Reporter:
    """The engine's `on_progress` and `cancelled` for one job."""

    def __init__(self, run: ImportRun):
        self.run = run

    def __call__(self, done, total, errors) -> None:
        run, now = self.run, timezone.now()
        run.progress_done, run.progress_total, run.progress_errors, run.heartbeat_at = done, total, errors, now
        cache.set(_key("progress", run), {"job": run.job_id, "done": done, "total": total, "errors": errors, "at": now}, timeout=24 * 3600)
        if not connection.in_atomic_block:  # inside a transaction no one would see it
            ImportRun.objects.filter(pk=run.pk).update(progress_done=done, progress_total=total, progress_errors=errors, heartbeat_at=now)

    def cancelled(self) -> bool:
        if cache.get(_key("cancel", self.run)):
            return True
        if connection.in_atomic_block:
            return False
        return ImportRun.objects.filter(pk=self.run.pk, cancel_requested=True).exists()


def _end(run: ImportRun, state, message: str) -> None:
    run.state, run.message, run.finished_at = state, message[:2000], timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(state=state, message=run.message, finished_at=run.finished_at)


def _queue_step(run: ImportRun, before, waiting, kind: str, total: int, *, skip_errors=None) -> ImportRun:
    fields = dict(
        state=waiting, job_id=uuid.uuid4().hex, job_kind=kind, job_started_at=None, heartbeat_at=timezone.now(),
        progress_done=0, progress_total=total, progress_errors=0, message="",
    )
    if skip_errors is not None:
        fields["skip_errors"] = skip_errors
    if not ImportRun.objects.filter(pk=run.pk, state=before).update(**fields):
        raise ImportRefused(f"This import is already being {'confirmed' if kind == CONFIRM else 'undone'}.", run=run)
    run.refresh_from_db()
    _dispatch(run)
    return run


def _queue(run: ImportRun) -> None:
    run.job_id = uuid.uuid4().hex
    ImportRun.objects.filter(pk=run.pk).update(job_id=run.job_id)
    _dispatch(run)


def _dispatch(run: ImportRun) -> None:
    run_id, job_id = run.pk, run.job_id
    if getattr(settings, "CELERY_BROKER_URL", ""):
        from timba.import_runs.tasks import run_import_job

        transaction.on_commit(lambda: run_import_job.apply_async(args=[run_id, job_id], task_id=job_id))
    else:
        transaction.on_commit(lambda: threading.Thread(target=_in_thread, args=(run_id, job_id), name=f"import-{run_id}", daemon=True).start())


def _in_thread(run_id: int, job_id: str) -> None:
    try:
        run_job(run_id, job_id)
    finally:
        connections.close_all()


# -- files ----------------------------------------------------------------------------------


def _check_file(model, upload, name, tenant_id, sheet) -> None:
    """The checks that need only the top of the file (format, header row, columns), before a
    job is queued for it."""
    descriptor = descriptor_for(model)
    _seek(upload)
    with read_table(upload, name, descriptor, sheet=sheet or None) as table:
        map_columns(table.header, descriptor, supplied=supplied(model, tenant_id)).check()
    _seek(upload)


def _store(upload, name: str) -> str:
    _seek(upload)
    safe = get_valid_filename(os.path.basename(name)) or "upload"
    return default_storage.save(f"imports/{uuid.uuid4().hex}-{safe[-150:]}", upload)


def _discard(run: ImportRun) -> None:
    """The stored file, once its rows are staged (or it could not be): the rows keep the cells."""
    if run.source:
        default_storage.delete(run.source)
        run.source = ""
        if run.pk:
            ImportRun.objects.filter(pk=run.pk).update(source="")


def _size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None and hasattr(upload, "seek"):
        upload.seek(0, os.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    return int(size or 0)


def _seek(upload) -> None:
    if hasattr(upload, "seek"):
        upload.seek(0)


def _key(kind: str, run: ImportRun) -> str:
    return f"timba-import-{kind}:{run.pk}:{run.job_id}"
