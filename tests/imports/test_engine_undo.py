"""Undoing a confirmed import as a unit: the rows it created are deleted and the rows it
updated get their previous values back; refused, naming the rows, when something changed them
since, and after IMPORT_UNDO_RETENTION."""

from __future__ import annotations

from datetime import timedelta

import pytest
from spec_rows import model_of, resource

from tests.imports import engine_support as support
from tests.imports.engine_support import KEYED, importer, sheet, stage_sheet
from timba.import_runs.models import ImportRow, ImportRun
from timba.runtime.imports.engine import UndoRefused, confirm, undo, undoable
from timba.runtime.imports.undo import retention

clerk, roles, tenant = support.clerk, support.roles, support.tenant  # the fixtures these tests use
pytestmark = pytest.mark.django_db


def _imported(builder, clerk, tenant, count=3):
    res = resource("Log")
    model = model_of(res)
    headings, rows = sheet(res, builder, tenant, count)
    confirm(stage_sheet(clerk, model, headings, rows[:1]), clerk)  # the first row exists before
    length = headings.index("length")
    original = rows[0][length]
    rows[0][length] = "8.125"
    run = confirm(stage_sheet(clerk, model, headings, rows), clerk)
    assert run.counts == {"new": count - 1, "updated": 1, "unchanged": 0, "errors": 0}
    return model, run, original


def test_undo_deletes_the_created_rows_and_restores_the_updated_ones(builder, clerk, tenant):
    model, run, original = _imported(builder, clerk, tenant)
    created = list(ImportRow.objects.filter(run=run, action="new").values_list("target", flat=True))
    updated = ImportRow.objects.get(run=run, action="updated").target
    assert str(model.objects.get(pk=updated).length) == "8.125"
    undo(run, clerk)
    assert not model.objects.filter(pk__in=created).exists()
    restored = model.objects.get(pk=updated)
    assert str(restored.length) == original
    if "volume" in {f.name for f in model._meta.fields}:  # a computed column follows its inputs back
        assert restored.volume == restored.compute_volume()
    run.refresh_from_db()
    assert run.state == ImportRun.State.REVERTED
    with pytest.raises(UndoRefused):
        undo(run, clerk)


def test_undo_is_refused_when_a_row_was_edited_since_and_names_it(builder, clerk, tenant):
    model, run, _ = _imported(builder, clerk, tenant)
    row = ImportRow.objects.get(run=run, number=3)
    edited = model.objects.get(pk=row.target)
    edited.height = "1.5"
    edited.save()
    count = model.objects.count()
    with pytest.raises(UndoRefused) as refused:
        undo(run, clerk)
    assert "row 3" in refused.value.message and str(edited) in refused.value.message
    assert model.objects.count() == count  # nothing undone
    run.refresh_from_db()
    assert run.state == ImportRun.State.APPLIED


def test_undo_is_refused_after_the_retention_period(builder, clerk, tenant, settings):
    model, run, _ = _imported(builder, clerk, tenant)
    settings.IMPORT_UNDO_RETENTION = 3600
    assert undoable(run)
    ImportRun.objects.filter(pk=run.pk).update(finished_at=run.finished_at - retention() - timedelta(seconds=1))
    run.refresh_from_db()
    assert not undoable(run)
    with pytest.raises(UndoRefused) as refused:
        undo(run, clerk)
    assert "no longer" in refused.value.message


def test_a_staged_run_cannot_be_undone(builder, clerk, tenant):
    res = resource("Log")
    headings, rows = sheet(res, builder, tenant, 1)
    with pytest.raises(UndoRefused):
        undo(stage_sheet(clerk, model_of(res), headings, rows), clerk)


@pytest.mark.parametrize("res", KEYED)
def test_every_resource_undoes_what_it_created(res, builder, clerk, superuser, tenant):
    from timba.runtime import access

    user = importer(res, clerk, superuser)
    fixed = access.tenant_path(model_of(res)) not in (None, "self")
    chosen = tenant if fixed and access.is_staff(user) else None
    model = model_of(res)
    headings, rows = sheet(res, builder, tenant, 2, fixed_tenant=fixed)
    before = model.objects.count()
    run = confirm(stage_sheet(user, model, headings, rows, tenant=chosen), user)
    assert model.objects.count() == before + 2
    undo(run, user)
    assert model.objects.count() == before


def test_undo_is_refused_when_other_rows_now_depend_on_a_created_row(builder, clerk, tenant):
    res = resource("Consignment")
    model = model_of(res)
    headings, rows = sheet(res, builder, tenant, 2)
    run = confirm(stage_sheet(clerk, model, headings, rows), clerk)
    created = model.objects.get(pk=ImportRow.objects.get(run=run, number=2).target)
    relation = next(r for r in model._meta.related_objects if r.one_to_many and r.related_model.__name__ == "Log")
    builder.create("Log", **{relation.field.name: created})
    with pytest.raises(UndoRefused) as refused:
        undo(run, clerk)
    assert "row 2" in refused.value.message
    assert model.objects.filter(pk=created.pk).exists()


@pytest.mark.parametrize("res", KEYED)
def test_the_version_a_confirm_keeps_is_the_stored_rows(res, builder, clerk, superuser, tenant):
    """Confirm fingerprints what it wrote from the instances (no read back): the fingerprint
    must be the stored row's, as undo reads it, or every undo would be refused."""
    from timba.runtime import access, write
    from timba.runtime.imports import codec

    user = importer(res, clerk, superuser)
    fixed = access.tenant_path(model_of(res)) not in (None, "self")
    chosen = tenant if fixed and access.is_staff(user) else None
    model = model_of(res)
    headings, rows = sheet(res, builder, tenant, 3, fixed_tenant=fixed)
    confirm(stage_sheet(user, model, headings, rows[:1], tenant=chosen), user)  # an update among the rows
    run = confirm(stage_sheet(user, model, headings, rows, tenant=chosen), user)
    written = ImportRow.objects.filter(run=run).exclude(target=None)
    assert written.count() == 3
    for row in written:
        stored = write.snapshot(model.objects.get(pk=row.target))
        assert row.version == codec.fingerprint(stored), row.number
