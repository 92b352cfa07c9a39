"""An import without a preview (`import_file`, the CLI without --dry-run): checked and written in
one pass and one transaction, leaving the run that stage + confirm would leave (the same counts,
the same staged rows, undoable); all-or-nothing, and a key repeated across batches still makes
both rows errors, whatever the batch size. For every resource with an import key."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from spec_rows import model_of

from tests.imports import engine_support as support
from tests.imports.engine_support import KEYED, csv_upload, importer, sheet, stage_sheet
from timba.import_runs.models import ImportRow, ImportRun
from timba.runtime import access
from timba.runtime.imports.engine import ImportCancelled, confirm, import_file, undo

clerk, roles, tenant = support.clerk, support.roles, support.tenant
pytestmark = pytest.mark.django_db
COMPARED = ("number", "action", "data", "errors", "changes", "previous")


def _case(res, builder, clerk, superuser, tenant, count):
    model = model_of(res)
    user = importer(res, clerk, superuser)
    fixed = access.tenant_path(model) not in (None, "self")
    chosen = tenant if fixed and access.is_staff(user) else None
    headings, rows = sheet(res, builder, tenant, count, fixed_tenant=fixed)
    return model, user, chosen, headings, rows


def _direct(user, model, headings, rows, chosen, **kwargs):
    return import_file(user, model, csv_upload(headings, rows), "rows.csv", tenant=chosen, **kwargs)


def _bad(model, headings, rows):
    """Spoil the first required cell of the last row."""
    from timba.runtime.imports.descriptors import descriptor_for

    required = next(c for c in descriptor_for(model).columns if c.required and c.label in headings)
    rows[-1][headings.index(required.label)] = ""


@pytest.mark.parametrize("res", KEYED)
def test_it_leaves_the_run_stage_and_confirm_would(res, builder, clerk, superuser, tenant):
    model, user, chosen, headings, rows = _case(res, builder, clerk, superuser, tenant, 4)
    confirm(stage_sheet(user, model, headings, rows[:2], tenant=chosen), user)  # two of them are stored already
    before = model.objects.count()
    previewed = stage_sheet(user, model, headings, rows, tenant=chosen)  # what a preview says, never confirmed
    direct = _direct(user, model, headings, rows, chosen)
    assert direct.state == ImportRun.State.APPLIED
    assert direct.counts == previewed.counts
    assert model.objects.count() == before + previewed.new
    shown = [list(ImportRow.objects.filter(run=r).order_by("number").values_list(*COMPARED)) for r in (previewed, direct)]
    assert shown[0] == shown[1]
    undo(direct, user)  # what it kept for undo is right: the stored rows' versions as written
    assert model.objects.count() == before


@pytest.mark.parametrize("res", KEYED)
def test_a_row_with_an_error_writes_nothing_unless_the_valid_rows_are_chosen(res, builder, clerk, superuser, tenant):
    model, user, chosen, headings, rows = _case(res, builder, clerk, superuser, tenant, 3)
    _bad(model, headings, rows)
    before = model.objects.count()
    run = _direct(user, model, headings, rows, chosen)
    assert run.state == ImportRun.State.STAGED and run.errors == 1 and model.objects.count() == before
    run = _direct(user, model, headings, rows, chosen, skip_errors=True)
    assert run.state == ImportRun.State.APPLIED and run.new == 2 and run.errors == 1
    assert model.objects.count() == before + 2


@pytest.mark.parametrize("chunk", [1, 2, 100])
def test_a_key_repeated_in_a_later_batch_makes_both_rows_errors(chunk, builder, clerk, superuser, tenant, settings):
    from spec_rows import resource

    settings.IMPORT_CHUNK_ROWS = chunk
    res = resource("Log")
    model, user, chosen, headings, rows = _case(res, builder, clerk, superuser, tenant, 3)
    key = headings.index("barcode")
    rows[2][key] = rows[0][key]
    before = model.objects.count()
    run = _direct(user, model, headings, rows, chosen)
    assert run.state == ImportRun.State.STAGED and run.errors == 2 and model.objects.count() == before
    errors = dict(ImportRow.objects.filter(run=run, action="error").values_list("number", "errors"))
    assert set(errors) == {2, 4} and "row 4" in errors[2][0]["message"] and "row 2" in errors[4][0]["message"]
    run = _direct(user, model, headings, rows, chosen, skip_errors=True)
    assert run.state == ImportRun.State.APPLIED and run.new == 1 and model.objects.count() == before + 1


def test_a_cancelled_import_writes_nothing(builder, clerk, superuser, tenant, settings):
    from spec_rows import resource

    settings.IMPORT_CHUNK_ROWS = 2
    model, user, chosen, headings, rows = _case(resource("Log"), builder, clerk, superuser, tenant, 5)
    asked = []
    before = model.objects.count()
    with pytest.raises(ImportCancelled):
        _direct(user, model, headings, rows, chosen, cancelled=lambda: asked.append(1) or len(asked) > 2)
    assert model.objects.count() == before
    run = ImportRun.objects.latest("pk")
    assert run.state == ImportRun.State.CANCELLED and not ImportRow.objects.filter(run=run).exists()


def test_queries_do_not_grow_with_the_rows(builder, clerk, superuser, tenant):
    from spec_rows import resource

    res = resource("Log")
    counts = []
    for count in (3, 30):
        model, user, chosen, headings, rows = _case(res, builder, clerk, superuser, tenant, count)
        with CaptureQueriesContext(connection) as queries:
            assert _direct(user, model, headings, rows, chosen).state == ImportRun.State.APPLIED
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
