"""Staging an import (the preview): the rows of a file, as the reader yields them, are stored
in batches as ImportRow rows of a new ImportRun, each classified by `classify` (new, updated
with old → new values, unchanged, error); nothing else is written. `restage` classifies a run's
stored rows again, without the file, after the database changed under it.

    run = stage_file(user, Log, upload, upload.name)               # ImportFileError when bad
    preview(run)                                                    # counts, mapping, samples, errors
    confirm(run, user)                                              # timba.runtime.imports.apply

Queries are a constant number per batch (IMPORT_CHUNK_ROWS rows): one per reference field, a
few for the pipeline's checks, one to store the rows; never one per row. `on_progress(done,
total, errors)` is called after each batch (total: the rows the file holds at most, from its
line count or its sheet's last used row; None for rows of unknown length), and
`cancelled()`, when given, is asked before each one: a job runner drives a run with them.
"""

from __future__ import annotations

import itertools
from collections import Counter

from django.db.models import Count
from django.utils import timezone

from timba.import_runs.models import ImportRow, ImportRun
from timba.runtime.imports import codec
from timba.runtime.imports.classify import ERROR, Batch, Duplicates, first_duplicate
from timba.runtime.imports.context import Context, model_named, require_import, supplied, tenant_for
from timba.runtime.imports.descriptors import descriptor_for
from timba.runtime.imports.mapping import Mapping, map_columns
from timba.runtime.imports.reading import read_table
from timba.runtime.imports.refusals import ImportCancelled
from timba.runtime.imports.row_updates import insert_rows, set_columns

CLASSIFIED = ["action", "data", "errors", "changes", "previous", "target", "version"]
STAGED_COLUMNS = ["run", "number", "cells", *CLASSIFIED]


class StagedRow:
    """A row on its way into ImportRow: its attributes, without a model instance's cost."""

    __slots__ = ("run_id", "number", "cells", "action", "data", "errors", "changes", "previous", "target", "version")

    def __init__(self, run_id: int, number: int, cells: list):
        self.run_id, self.number, self.cells = run_id, number, cells


def model_of(model_or_name):
    return model_named(model_or_name) if isinstance(model_or_name, str) else model_or_name


def mapping_summary(mapping: Mapping) -> dict:
    return {
        "columns": [{"index": c.index, "heading": c.heading, "field": c.field, "unit": c.unit} for c in mapping.columns],
        "ignored": [{"index": i, "heading": h} for i, h in mapping.ignored],
        "missing": list(mapping.missing),
    }


def stage_file(user, model, file, name=None, *, tenant=None, sheet=None, on_progress=None, cancelled=None, run=None) -> ImportRun:
    """Read, map and stage a file. A bad file or a missing column is an ImportFileError, raised
    before anything is stored. `run`: an existing run without rows to stage into (a job's)."""
    model = model_of(model)
    require_import(user, model)
    descriptor = descriptor_for(model)
    tenant_id = tenant_for(user, model, tenant)
    with read_table(file, name, descriptor, sheet=sheet) as table:
        mapping = map_columns(table.header, descriptor, supplied=supplied(model, tenant_id)).check()
        return stage(
            user, model, table.rows, mapping=mapping, file_name=name or getattr(file, "name", "") or "", fmt=table.format,
            header_row=table.header_row, convention=table.number_convention, tenant=tenant_id,
            on_progress=on_progress, cancelled=cancelled, run=run, expected=table.expected_rows,
        )


def stage(
    user, model, rows, *, mapping: Mapping, file_name: str = "", fmt: str = "", header_row: int = 1, convention: str = "point",
    tenant=None, on_progress=None, cancelled=None, run=None, expected: int | None = None,
) -> ImportRun:
    """A new staged run of `rows` ((row number, cells), as timba.runtime.imports.read_table
    yields them) mapped by `mapping`; `expected`: how many there are at most (the progress's
    total while they are read, None when unknown)."""
    model = model_of(model)
    require_import(user, model)
    mapping.check()
    tenant_id = tenant_for(user, model, tenant)
    run = open_run(user, model, mapping, file_name=file_name, fmt=fmt, header_row=header_row, convention=convention, tenant_id=tenant_id, run=run)
    ctx = Context.of_run(run, user)
    duplicates = Duplicates()
    done = errors = 0
    total = expected
    rows = iter(rows)
    while batch := list(itertools.islice(rows, ctx.chunk)):
        _stop_if(cancelled, run)
        staged = [StagedRow(run.pk, number, codec.encode(list(cells))) for number, cells in batch]
        Batch(ctx, staged, duplicates).run()
        insert_rows(ImportRow, staged, STAGED_COLUMNS)
        done += len(staged)
        errors += sum(1 for r in staged if r.action == ERROR)
        total = max(expected, done) if expected is not None else None
        if on_progress:
            on_progress(done, total, errors)
    _late_duplicates(ctx, run, duplicates)
    run = finish(run)
    if on_progress and expected is not None and total != done:
        on_progress(done, done, run.errors)  # blank rows were counted as rows to come
    return run


def open_run(user, model, mapping: Mapping, *, file_name, fmt, header_row, convention, tenant_id, run=None) -> ImportRun:
    """The ImportRun of a file about to be staged: a new one, or a job's (created when it was
    queued), described by the file's mapping."""
    fields = dict(
        resource=model.__name__, tenant_id=tenant_id, user=user if getattr(user, "pk", None) else None,
        file_name=str(file_name)[:255], format=fmt, headings=list(mapping.headings), header_row=header_row,
        number_convention=convention, mapping=mapping_summary(mapping),
    )
    if run is None:
        return ImportRun.objects.create(**fields)
    for key, value in fields.items():
        setattr(run, key, value)
    run.save(update_fields=[*fields])
    return run


def restage(run: ImportRun, user, *, on_progress=None, cancelled=None) -> ImportRun:
    """Classify a run's stored rows again (the data changed since its preview)."""
    ctx = Context.of_run(run, user)
    duplicates = Duplicates()
    done = errors = 0
    total = run.total or ImportRow.objects.filter(run=run).count()
    last = -1
    while True:
        _stop_if(cancelled, run)
        batch = list(ImportRow.objects.filter(run=run, number__gt=last).order_by("number")[: ctx.chunk])
        if not batch:
            break
        Batch(ctx, batch, duplicates).run()
        set_columns(ImportRow, batch, CLASSIFIED)
        last = batch[-1].number
        done += len(batch)
        errors += sum(1 for r in batch if r.action == ERROR)
        if on_progress:
            on_progress(done, total, errors)
    _late_duplicates(ctx, run, duplicates)
    run.state = ImportRun.State.STAGED
    return finish(run)


def _stop_if(cancelled, run) -> None:
    if cancelled is not None and cancelled():
        run.state, run.finished_at = ImportRun.State.CANCELLED, timezone.now()
        run.save(update_fields=["state", "finished_at"])
        raise ImportCancelled("The import was cancelled; nothing was written.", run=run)


def _late_duplicates(ctx: Context, run, duplicates: Duplicates) -> None:
    """Rows of earlier batches that later rows repeat: errors too, naming those rows."""
    if not duplicates.late:
        return
    numbers = list(duplicates.late)
    for start in range(0, len(numbers), ctx.chunk):
        part = numbers[start : start + ctx.chunk]
        rows = list(ImportRow.objects.filter(run=run, number__in=part))
        for row in rows:
            row.errors = [*row.errors, first_duplicate(ctx, row.number, duplicates.late[row.number], duplicates)]
            row.action, row.changes, row.previous = ERROR, {}, {}
        set_columns(ImportRow, rows, ["errors", "action", "changes", "previous"])


def finish(run: ImportRun) -> ImportRun:
    """The run's counts from its stored rows; staged."""
    counts = Counter(dict(ImportRow.objects.filter(run=run).order_by().values_list("action").annotate(n=Count("pk"))))
    run.new, run.updated = counts["new"], counts["updated"]
    run.unchanged, run.errors = counts["unchanged"], counts[ERROR]
    run.total = sum(counts.values())
    run.state, run.staged_at = ImportRun.State.STAGED, timezone.now()
    run.save()
    return run


def preview(run: ImportRun, *, samples: int = 5) -> dict:
    """What a preview shows: the counts, the mapping, a few rows of each kind (updates with their
    old → new values), and the errors grouped by kind (column and reason)."""
    out = {"run": run.pk, "state": run.state, "counts": run.counts, "total": run.total, "mapping": run.mapping, "samples": {}}
    for action in ("new", "updated", "unchanged", ERROR):
        rows = ImportRow.objects.filter(run=run, action=action).order_by("number")[:samples]
        out["samples"][action] = [{"row": r.number, "cells": r.cells, "changes": r.changes, "errors": [e["message"] for e in r.errors]} for r in rows]
    out["errors"] = error_groups(run)
    return out


def error_groups(run: ImportRun, *, shown: int = 5) -> list[dict]:
    """The errors grouped by column and kind, most frequent first, a few messages each (read
    from the error rows in batches)."""
    groups: dict = {}
    last = -1
    while True:
        rows = list(ImportRow.objects.filter(run=run, action=ERROR, number__gt=last).order_by("number").values_list("number", "errors")[:2000])
        if not rows:
            break
        last = rows[-1][0]
        for _number, errors in rows:
            for e in errors:
                group = groups.setdefault((e.get("column"), e.get("kind")), {"column": e.get("column"), "kind": e.get("kind"), "count": 0, "messages": []})
                group["count"] += 1
                if len(group["messages"]) < shown:
                    group["messages"].append(e["message"])
    return sorted(groups.values(), key=lambda g: -g["count"])

