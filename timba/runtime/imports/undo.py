"""Undoing a confirmed run as a unit, within IMPORT_UNDO_RETENTION seconds of its confirmation:
the rows it created are deleted and the rows it updated get their previous values back, through
the write pipeline (`write.delete`, `write.save` in batches), so the caller's permissions
(delete for the created rows, import for the restored ones) and tenant scope hold.

Nothing is undone when anything changed since: a row the run wrote whose version (the
fingerprint of its columns) is not the one the run left, a row deleted since, or a created row
that other rows now depend on (they would be deleted with it). `UndoRefused` names them.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from timba.import_runs.models import ImportRow, ImportRun
from timba.runtime import write
from timba.runtime.imports import codec
from timba.runtime.imports.classify import NEW, UPDATED
from timba.runtime.imports.context import Context, require_run
from timba.runtime.imports.refusals import UndoRefused
from timba.runtime.write import Item

DEFAULT_RETENTION = 7 * 24 * 3600
SHOWN = 10


def retention() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "IMPORT_UNDO_RETENTION", DEFAULT_RETENTION)))


def undoable(run: ImportRun) -> bool:
    return run.state == ImportRun.State.APPLIED and _in_time(run)


def _in_time(run: ImportRun) -> bool:
    return run.finished_at is not None and timezone.now() <= run.finished_at + retention()


def undo(run: ImportRun, user, *, on_progress=None, queued: bool = False) -> ImportRun:
    """`queued`: a job's run, taken already (timba.runtime.imports.jobs: `reverting` while it
    waited); a refusal leaves it so, for the job to put back."""
    run.refresh_from_db()
    require_run(run, user)
    expected = ImportRun.State.REVERTING if queued else ImportRun.State.APPLIED
    if run.state != expected:
        raise UndoRefused(f"Only a completed import can be undone; this one is {run.state}.", run=run)
    if not _in_time(run):
        raise UndoRefused(f"This import can no longer be undone: imports can be undone for {_period(retention())} after they were made.", run=run)
    ctx = Context.of_run(run, user)
    total = run.new + run.updated
    with transaction.atomic():
        if not ImportRun.objects.filter(pk=run.pk, state=expected).update(state=ImportRun.State.REVERTED):
            raise UndoRefused("This import is being undone already.", run=run)  # the row stays locked until the end
        changed = []
        for batch in _batches(ctx, run):
            changed += _changed_since(ctx, batch)
        if changed:
            shown = "; ".join(changed[:SHOWN]) + ("; …" if len(changed) > SHOWN else "")
            raise UndoRefused(f"The import cannot be undone: rows it wrote were changed since ({shown}). Nothing was undone.", run=run, rows=changed)
        done = 0
        for batch in _batches(ctx, run):
            _revert(ctx, batch)
            done += len(batch)
            if on_progress:
                on_progress(done, total, 0)
        run.state, run.reverted_at = ImportRun.State.REVERTED, timezone.now()
        run.save(update_fields=["state", "reverted_at"])
    return run


def _period(delta: timedelta) -> str:
    days, seconds = delta.days, delta.seconds
    return f"{days} day{'s' if days != 1 else ''}" if days and not seconds else f"{int(delta.total_seconds())} seconds"


def _batches(ctx: Context, run):
    last = -1
    while True:
        rows = ImportRow.objects.filter(run=run, number__gt=last).only("pk", "number", "action", "previous", "target", "version")
        batch = list(rows.order_by("number")[: ctx.chunk])  # by the (run, number) index alone
        if not batch:
            return
        last = batch[-1].number
        wanted = [row for row in batch if row.action in (NEW, UPDATED) and row.target is not None]
        if wanted:
            yield wanted


def _changed_since(ctx: Context, batch) -> list[str]:
    model = ctx.model
    noun = model._meta.verbose_name
    stored = {row.pk: row for row in model._default_manager.select_for_update().filter(pk__in=[r.target for r in batch]).order_by()}
    out = []
    for row in batch:
        current = stored.get(row.target)
        if current is None:
            out.append(f"row {row.number}: the {noun} was deleted")
        elif codec.fingerprint(write.snapshot(current)) != row.version:  # the same values as codec.snapshots
            out.append(f"row {row.number}: {noun} '{current}' was changed")
    created = {r.target: r for r in batch if r.action == NEW}
    for relation in _cascades(model):
        rows = relation.related_model._default_manager.filter(**{f"{relation.field.name}__in": list(created)}).order_by()
        for pk in set(rows.values_list(relation.field.attname, flat=True)):
            out.append(f"row {created[pk].number}: {noun} '{stored.get(pk, pk)}' now has {relation.related_model._meta.verbose_name_plural}")
    return out


def _cascades(model):
    return [r for r in model._meta.related_objects if r.one_to_many and r.on_delete is models.CASCADE]


def _revert(ctx: Context, batch) -> None:
    model, meta = ctx.model, ctx.model._meta
    created = [r for r in batch if r.action == NEW]
    if created:
        rows = model._default_manager.filter(pk__in=[r.target for r in created]).order_by()
        write.delete(ctx.user, model, [Item(instance=row) for row in rows])
    restored = [r for r in batch if r.action == UPDATED and r.previous]
    if restored:
        items = [Item.payload(model, codec.decode_data(meta, r.previous), pk=r.target) for r in restored]
        write.save(ctx.user, model, items, perms=("import",), batch=len(items) > 1)
