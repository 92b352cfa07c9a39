"""Confirming a staged run: exactly what the preview showed is written, from the staged rows
(the file is not read again), in ONE transaction, through the write pipeline's batch form in
batches of IMPORT_CHUNK_ROWS rows (bulk statements, a constant number of queries per batch).

All-or-nothing by default: a run with error rows writes nothing (`RowsHaveErrors`) unless
`skip_errors` says to import the valid rows and leave the others. Before each batch is written
the pipeline checks it again; if the database changed since the preview so that the result would
differ (a matched row was changed or deleted, a row with a new row's key was added, a reference
vanished or a rule now refuses a row), nothing is written, the run is staged again and
`StaleImport` tells the caller to show the new preview.

What undo needs is kept on the rows: the id of each row written, and its version (a fingerprint
of its columns) as the run left it.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from timba.import_runs.models import ImportRow, ImportRun
from timba.runtime import write
from timba.runtime.imports import codec
from timba.runtime.imports.classify import NEW, UNCHANGED, UPDATED
from timba.runtime.imports.context import Context, require_import, require_run
from timba.runtime.imports.refusals import (
    ImportCancelled,
    ImportRefused,
    RowsHaveErrors,
    StaleImport,
)
from timba.runtime.imports.row_updates import set_columns
from timba.runtime.problems import Problem
from timba.runtime.write import Item

SHOWN = 10


class _Changed(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def confirm(run: ImportRun, user, *, skip_errors: bool = False, on_progress=None, cancelled=None, queued: bool = False) -> ImportRun:
    """Write a staged run; returns it applied. Raises RowsHaveErrors, StaleImport (the run is
    staged again), ImportCancelled, or the pipeline's Problem (a permission). `queued`: a job's
    run, taken already (timba.runtime.imports.jobs: `applying` while it waited)."""
    run.refresh_from_db()
    require_run(run, user)
    if run.dry_run:  # whoever calls: a dry run's preview is never written
        raise ImportRefused("This import was a dry run: a preview only, never written. Upload the file again without dry_run to import it.", run=run)
    expected = ImportRun.State.APPLYING if queued else ImportRun.State.STAGED
    if run.state != expected:
        raise RowsHaveErrors(f"This import is {run.state}, not waiting for a confirmation.", run=run)
    ctx = Context.of_run(run, user)
    require_import(user, ctx.model)
    if run.errors and not skip_errors:
        raise RowsHaveErrors(
            f"{run.errors} of {run.total} rows have errors, so nothing was imported: fix them and upload the file again, "
            "or choose to import the valid rows and skip the errors.",
            run=run,
        )
    taken = queued or ImportRun.objects.filter(pk=run.pk, state=ImportRun.State.STAGED).update(state=ImportRun.State.APPLYING, skip_errors=skip_errors)
    if not taken:  # another confirm of the same run got there first
        raise ImportRefused("This import is already being confirmed.", run=run)
    run.state, run.skip_errors = ImportRun.State.APPLYING, skip_errors
    total = run.new + run.updated + run.unchanged
    try:
        with transaction.atomic():
            done = 0
            for batch in _batches(ctx, run):
                if cancelled is not None and cancelled():
                    raise ImportCancelled("The import was cancelled; nothing was written.", run=run)
                _apply(ctx, batch)
                done += len(batch)
                if on_progress:
                    on_progress(done, total, 0)
            run.state, run.finished_at, run.message = ImportRun.State.APPLIED, timezone.now(), ""
            run.save(update_fields=["state", "finished_at", "message"])
    except _Changed as exc:
        from timba.runtime.imports.staging import restage

        restage(run, user)
        shown = "; ".join(exc.reasons[:SHOWN]) + ("; …" if len(exc.reasons) > SHOWN else "")
        raise StaleImport(f"The data changed since the preview, so nothing was imported; check the new preview and confirm again ({shown}).", run=run) from None
    except ImportCancelled:
        _end(run, ImportRun.State.CANCELLED, "Cancelled; nothing was written.")
        raise
    except BaseException as exc:
        _end(run, ImportRun.State.FAILED, f"The import failed and nothing was written: {exc}")
        raise
    return run


def _end(run, state, message) -> None:
    run.state, run.message, run.finished_at = state, message[:2000], timezone.now()
    run.save(update_fields=["state", "message", "finished_at"])


def _batches(ctx: Context, run):
    last = -1
    while True:
        # by the (run, number) index alone: a filter on the action would make the database sort
        # the run's rows for every batch
        rows = ImportRow.objects.filter(run=run, number__gt=last).only("pk", "number", "action", "data", "target", "version")
        batch = list(rows.order_by("number")[: ctx.chunk])
        if not batch:
            return
        last = batch[-1].number
        wanted = [row for row in batch if row.action in (NEW, UPDATED, UNCHANGED)]
        if wanted:
            yield wanted


def _apply(ctx: Context, batch: list[ImportRow]) -> None:
    model, meta = ctx.model, ctx.model._meta
    noun = meta.verbose_name
    reasons = []
    unchanged = {r.target: r for r in batch if r.action == UNCHANGED}
    if unchanged:
        stored = codec.snapshots(model, unchanged, lock=True)
        for pk, row in unchanged.items():
            if pk not in stored:
                reasons.append(f"row {row.number}: the {noun} was deleted")
            elif codec.fingerprint(stored[pk]) != row.version:
                reasons.append(f"row {row.number}: the {noun} was changed")
    rows = [r for r in batch if r.action != UNCHANGED]
    if not rows:
        if reasons:
            raise _Changed(reasons)
        return
    items = [Item.payload(model, codec.decode_data(meta, r.data)) for r in rows]
    try:
        # the values passed every rule in the preview; the rules that read the database run again
        plan = write.prepare(ctx.user, model, items, perms=("import",), key=ctx.key, batch=True, check_stored=True, values_checked=True)
    except Problem:
        if not any(i.errors for i in items):
            raise
        plan = None
    for row, item in zip(rows, items, strict=True):
        if item.errors:
            reasons.append(f"row {row.number}: {item.errors[0]['msg'].rstrip('.')}")
        elif row.action == NEW and item.stored:
            reasons.append(f"row {row.number}: a {noun} with its key was added")
        elif row.action == UPDATED and (not item.stored or item.instance.pk != row.target):
            reasons.append(f"row {row.number}: the {noun} was deleted")
        elif row.action == UPDATED and codec.fingerprint(item.before) != row.version:
            reasons.append(f"row {row.number}: the {noun} was changed")
    if reasons or plan is None:
        raise _Changed(reasons or ["the rows no longer pass their checks"])
    try:
        with transaction.atomic():
            plan.write()
    except IntegrityError as exc:  # a unique value taken by a write at the same time
        raise _Changed([f"a {noun} was written at the same time ({exc})"]) from None
    mark_written(rows, items)
    set_columns(ImportRow, rows, ["target", "version"])


def mark_written(rows, items) -> None:
    """What undo needs of each row just written: the stored row's id, and its version (the
    fingerprint undo compares with) as written."""
    for row, item in zip(rows, items, strict=True):
        row.target = item.instance.pk
        row.version = codec.fingerprint(write.stored_snapshot(item.instance))


