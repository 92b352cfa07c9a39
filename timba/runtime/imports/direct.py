"""An import without a preview (the CLI without --dry-run): each batch is checked and written in
the same pass, in ONE transaction, so the rows it matched stay locked from their check to their
write and nothing can change in between. The rows are staged as a previewed run's are (ImportRow:
the error file, undo), so the outcome is the run `stage` and `confirm` would leave, written
without reading the staged rows back or checking them a second time.

All-or-nothing as confirm is: a row with an error (without `skip_errors`), or a key repeated
across batches whose first row was written already, rolls the pass back, and the file is staged
the usual way (`stage_file`), then confirmed when `skip_errors` says to import the valid rows.

    run = import_file(user, model, "rows.xlsx", skip_errors=False)
    run.state  # "applied", or "staged" with run.errors rows to fix
"""

from __future__ import annotations

import itertools

from django.db import IntegrityError, transaction
from django.utils import timezone

from timba.import_runs.models import ImportRow, ImportRun
from timba.runtime import write
from timba.runtime.imports import codec
from timba.runtime.imports.apply import confirm, mark_written
from timba.runtime.imports.classify import ERROR, NEW, UPDATED, Batch, Duplicates
from timba.runtime.imports.context import Context, require_import, supplied, tenant_for
from timba.runtime.imports.descriptors import descriptor_for
from timba.runtime.imports.mapping import map_columns
from timba.runtime.imports.reading import read_table
from timba.runtime.imports.refusals import ImportCancelled
from timba.runtime.imports.row_updates import insert_rows
from timba.runtime.imports.staging import (
    STAGED_COLUMNS,
    StagedRow,
    finish,
    model_of,
    open_run,
    stage_file,
)
from timba.runtime.problems import Problem


class _Preview(Exception):
    """The pass cannot decide alone: the file is staged for a preview instead."""


def import_file(user, model, file, name=None, *, tenant=None, sheet=None, skip_errors: bool = False, on_progress=None, cancelled=None) -> ImportRun:
    """Read, check and write a file in one pass; returns the run, applied, or staged with its
    errors when all-or-nothing refused it. A bad file is an ImportFileError, as for stage_file."""
    model = model_of(model)
    require_import(user, model)
    descriptor = descriptor_for(model)
    tenant_id = tenant_for(user, model, tenant)
    file_name = name or getattr(file, "name", "") or ""
    with read_table(file, name, descriptor, sheet=sheet) as table:
        mapping = map_columns(table.header, descriptor, supplied=supplied(model, tenant_id)).check()
        run = open_run(
            user, model, mapping, file_name=file_name, fmt=table.format, header_row=table.header_row,
            convention=table.number_convention, tenant_id=tenant_id,
        )
        try:
            with transaction.atomic():
                _write(run, user, table.rows, skip_errors=skip_errors, on_progress=on_progress, cancelled=cancelled, expected=table.expected_rows)
                run = finish(run)
                run.state, run.skip_errors, run.finished_at = ImportRun.State.APPLIED, skip_errors, timezone.now()
                run.save(update_fields=["state", "skip_errors", "finished_at"])
                return run
        except ImportCancelled:
            run.state, run.message, run.finished_at = ImportRun.State.CANCELLED, "Cancelled; nothing was written.", timezone.now()
            run.save(update_fields=["state", "message", "finished_at"])
            raise
        except (_Preview, IntegrityError):  # rolled back: nothing of this pass is left
            pass
    if hasattr(file, "seek"):
        file.seek(0)
    run = stage_file(user, model, file, name, tenant=tenant_id, sheet=sheet, on_progress=on_progress, cancelled=cancelled, run=run)
    if run.errors and not skip_errors:
        return run
    return confirm(run, user, skip_errors=skip_errors, on_progress=on_progress, cancelled=cancelled)


def _write(run: ImportRun, user, rows, *, skip_errors: bool, on_progress, cancelled, expected: int | None) -> None:
    ctx = Context.of_run(run, user)
    duplicates = Duplicates()
    done = errors = 0
    rows = iter(rows)
    while batch := list(itertools.islice(rows, ctx.chunk)):
        if cancelled is not None and cancelled():
            raise ImportCancelled("The import was cancelled; nothing was written.", run=run)
        staged = [StagedRow(run.pk, number, codec.encode(list(cells))) for number, cells in batch]
        checked = Batch(ctx, staged, duplicates)
        checked.run()
        failed = sum(1 for r in staged if r.action == ERROR)
        if duplicates.late or (failed and not skip_errors):
            raise _Preview  # a written row turned out to be a duplicate, or all-or-nothing refuses
        _apply(ctx, checked, staged, failed=bool(failed))
        insert_rows(ImportRow, staged, STAGED_COLUMNS)
        done += len(staged)
        errors += failed
        if on_progress:
            on_progress(done, max(expected, done) if expected is not None else None, errors)


def _apply(ctx: Context, checked: Batch, staged: list[StagedRow], *, failed: bool) -> None:
    """Write the batch's new and updated rows with the plan its check prepared (prepared again,
    for the valid rows only, when some failed), and keep what undo needs on each row."""
    written = [(row, item) for row, item in zip(staged, checked.items, strict=True) if row.action in (NEW, UPDATED)]
    if not written:
        return
    plan = None if failed else checked.prepared
    items = [item for _row, item in written]
    if plan is None:  # error rows in the batch (skip_errors): the others, checked alone
        items = [write.Item.payload(ctx.model, codec.decode_data(ctx.model._meta, row.data)) for row, _item in written]
        try:
            plan = write.prepare(ctx.user, ctx.model, items, perms=("import",), key=ctx.key, batch=True, check_stored=True, values_checked=True)
        except Problem:
            raise _Preview from None  # they pass only with the rows beside them: the preview says why
    elif len(items) != len(plan.items):  # unchanged rows are not written
        plan = write.Plan(ctx.user, ctx.model, items, trusted=plan.trusted, batch=True)
    plan.write()
    mark_written([row for row, _item in written], items)

