"""Confirming a preview: all-or-nothing unless the valid rows are chosen explicitly; exactly
the staged rows are written, and when the database changed in between so that the result would
differ, nothing is written and the run is staged again; the error file; and a number of queries
that does not grow with the rows."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from spec_rows import model_of, resource

from tests.imports import engine_support as support
from tests.imports.engine_support import parent, sheet, stage_sheet
from timba.import_runs.models import ImportRow, ImportRun
from timba.runtime.imports.engine import RowsHaveErrors, StaleImport, confirm, error_file, preview

clerk, roles, tenant, other_tenant = support.clerk, support.roles, support.tenant, support.other_tenant  # the fixtures
pytestmark = pytest.mark.django_db
LOG = "Log"


def _log_sheet(builder, tenant, count):
    res = resource(LOG)
    headings, rows = sheet(res, builder, tenant, count)
    return model_of(res), headings, rows


def _stored(model, run):
    return model.objects.filter(pk__in=ImportRow.objects.filter(run=run).exclude(target=None).values("target"))


def test_one_bad_row_writes_nothing_unless_the_valid_rows_are_chosen(builder, clerk, tenant):
    model, headings, rows = _log_sheet(builder, tenant, 4)
    rows[2][headings.index("length")] = "long"
    run = stage_sheet(clerk, model, headings, rows)
    before = model.objects.count()
    with pytest.raises(RowsHaveErrors) as refused:
        confirm(run, clerk)
    assert "nothing was imported" in refused.value.message
    assert model.objects.count() == before
    run.refresh_from_db()
    assert run.state == ImportRun.State.STAGED
    confirm(run, clerk, skip_errors=True)
    assert model.objects.count() == before + 3
    assert run.state == ImportRun.State.APPLIED
    assert ImportRow.objects.get(run=run, number=4).target is None


def test_confirm_writes_the_staged_rows_without_the_file(builder, clerk, tenant):
    model, headings, rows = _log_sheet(builder, tenant, 2)
    run = stage_sheet(clerk, model, headings, rows)
    confirm(run, clerk)
    barcodes = {str(r.barcode) for r in _stored(model, run)} if hasattr(model, "barcode") else set()
    assert barcodes == {row[headings.index("barcode")] for row in rows}


def test_a_row_changed_since_the_preview_writes_nothing_and_stages_again(builder, clerk, tenant):
    model, headings, rows = _log_sheet(builder, tenant, 3)
    confirm(stage_sheet(clerk, model, headings, rows), clerk)
    rows[0][headings.index("length")] = "9.5"
    rows.append(sheet(resource(LOG), builder, tenant, 1)[1][0])
    run = stage_sheet(clerk, model, headings, rows)
    assert run.counts == {"new": 1, "updated": 1, "unchanged": 2, "errors": 0}
    target = ImportRow.objects.get(run=run, action="updated").target
    model.objects.filter(pk=target).update(length="7.25")  # someone else's edit
    count = model.objects.count()
    with pytest.raises(StaleImport) as stale:
        confirm(run, clerk)
    assert "row 2" in stale.value.message and "preview" in stale.value.message
    assert model.objects.count() == count  # the new row was not written either
    assert str(model.objects.get(pk=target).length) == "7.250"
    run.refresh_from_db()
    assert run.state == ImportRun.State.STAGED
    row = ImportRow.objects.get(run=run, number=2)
    assert row.action == "updated" and row.changes["length"][0] == "7.250"
    confirm(run, clerk)  # the new preview confirms
    assert str(model.objects.get(pk=target).length) == "9.500"


def test_a_row_added_with_a_new_rows_key_since_the_preview_writes_nothing(builder, clerk, tenant):
    model, headings, rows = _log_sheet(builder, tenant, 2)
    run = stage_sheet(clerk, model, headings, rows)
    confirm(stage_sheet(clerk, model, headings, rows[1:]), clerk)  # the second row, imported meanwhile
    with pytest.raises(StaleImport):
        confirm(run, clerk)
    run.refresh_from_db()
    assert run.counts == {"new": 1, "updated": 0, "unchanged": 1, "errors": 0}


def test_a_reference_that_vanished_since_the_preview_writes_nothing(builder, clerk, tenant):
    model, headings, rows = _log_sheet(builder, tenant, 2)
    field = model._meta.get_field(headings[0])
    gone = parent(builder, field.related_model, tenant)
    rows[1][0] = str(gone.pk)
    run = stage_sheet(clerk, model, headings, rows)
    assert run.new == 2
    gone.delete()
    count = model.objects.count()
    with pytest.raises(StaleImport):
        confirm(run, clerk)
    assert model.objects.count() == count
    run.refresh_from_db()
    assert run.errors == 1


def test_the_error_file_has_an_errors_column_and_imports_once_fixed(builder, clerk, tenant):
    model, headings, rows = _log_sheet(builder, tenant, 3)
    rows[1][headings.index("length")] = "=1+2"
    run = stage_sheet(clerk, model, headings, rows)
    content, content_type, name = error_file(run)
    assert content_type.startswith("text/csv") and name.endswith(".csv")
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert table[0] == [*headings, "Errors"]
    assert table[2][headings.index("length")] == "'=1+2"  # never a live formula
    assert table[2][-1].startswith("Row 3, column 'length'")
    assert table[1][-1] == table[3][-1] == ""
    fixed = [row[:-1] for row in table[1:]]
    fixed[1][headings.index("length")] = "2.5"
    again = stage_sheet(clerk, model, table[0], [[*row, ""] for row in fixed])
    assert again.counts == {"new": 3, "updated": 0, "unchanged": 0, "errors": 0}, preview(again)["errors"]


def test_the_error_file_of_a_workbook_is_a_workbook(builder, clerk, tenant, tmp_path):
    model, headings, rows = _log_sheet(builder, tenant, 2)
    rows[0][headings.index("height")] = "@SUM(A1)"
    book = openpyxl.Workbook()
    book.active.append(headings)
    for row in rows:
        book.active.append(row)
    path = tmp_path / "logs.xlsx"
    book.save(path)
    from timba.runtime.imports.engine import stage_file

    run = stage_file(clerk, model, str(path), "logs.xlsx")
    assert run.errors == 1
    content, _, name = error_file(run)
    assert name == "logs-errors.xlsx"
    sheet_ = openpyxl.load_workbook(io.BytesIO(content)).active
    values = [[c.value for c in r] for r in sheet_.iter_rows()]
    assert values[0][-1] == "Errors" and values[1][headings.index("height")] == "'@SUM(A1)"
    assert values[1][-1].startswith("Row 2")


def _queries(builder, clerk, tenant, count) -> tuple[int, int]:
    model, headings, rows = _log_sheet(builder, tenant, count)
    with CaptureQueriesContext(connection) as staging:
        run = stage_sheet(clerk, model, headings, rows)
    with CaptureQueriesContext(connection) as writing:
        confirm(run, clerk)
    assert run.new == count
    return len(staging), len(writing)


def test_queries_do_not_grow_with_the_rows(builder, clerk, tenant):
    """The same queries for 10 rows as for 80 (SQLite splits a bulk INSERT of more rows than
    its 999 parameters hold, so the test stays below that; MariaDB does not split)."""
    _queries(builder, clerk, tenant, 1)  # the clerk's roles are read once, then remembered
    assert _queries(builder, clerk, tenant, 10) == _queries(builder, clerk, tenant, 80)


def test_queries_grow_with_the_batches_only(builder, clerk, tenant, settings):
    settings.IMPORT_CHUNK_ROWS = 20
    _queries(builder, clerk, tenant, 1)
    one = _queries(builder, clerk, tenant, 20)
    four = _queries(builder, clerk, tenant, 80)
    per_batch = (one[0] - 1, one[1] - 1)  # less the run's own statements, at most
    assert four[0] <= one[0] + 3 * per_batch[0] and four[1] <= one[1] + 3 * per_batch[1], (one, four)
    assert four[0] < 80 and four[1] < 80


def test_another_tenants_user_cannot_confirm_a_run(builder, clerk, tenant, other_tenant, roles):
    from timba.generated import security as spec
    from timba.runtime.problems import Problem

    model, headings, rows = _log_sheet(builder, tenant, 1)
    run = stage_sheet(clerk, model, headings, rows)
    stranger = support.make_user(builder, other_tenant, spec.ROLES, roles)
    with pytest.raises(Problem) as refused:
        confirm(run, stranger)
    assert refused.value.status == 404
    run.refresh_from_db()
    assert run.state == ImportRun.State.STAGED


def test_progress_is_reported_and_a_cancelled_confirm_writes_nothing(builder, clerk, tenant, settings):
    from timba.runtime.imports.engine import ImportCancelled

    settings.IMPORT_CHUNK_ROWS = 2
    model, headings, rows = _log_sheet(builder, tenant, 5)
    seen = []
    run = support.stage_file(clerk, model, support.csv_upload(headings, rows), "rows.csv", on_progress=lambda *a: seen.append(a))
    assert seen == [(2, 5, 0), (4, 5, 0), (5, 5, 0)]  # the total from the file's line count
    before = model.objects.count()
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 1  # after the first batch was written

    with pytest.raises(ImportCancelled):
        confirm(run, clerk, cancelled=cancelled)
    assert model.objects.count() == before  # the written batch was rolled back
    run.refresh_from_db()
    assert run.state == ImportRun.State.CANCELLED


@pytest.mark.parametrize("blank", [0, 3])
def test_the_progress_of_a_workbook_counts_to_its_last_row(blank, builder, clerk, tenant, settings, tmp_path):
    """While a file is read, the total is the rows it holds at most (blank rows are skipped, so
    it may shrink to the rows read at the end), never unknown."""
    settings.IMPORT_CHUNK_ROWS = 2
    model, headings, rows = _log_sheet(builder, tenant, 5)
    book = openpyxl.Workbook()
    book.active.append(["Logs of the week"])  # a title row above the header
    book.active.append(headings)
    for row in rows:
        book.active.append(row)
        for _ in range(blank):
            book.active.append([])
    book.active.append(["", "", " "])  # blank to the last used row
    path = tmp_path / "rows.xlsx"
    book.save(path)
    seen = []
    support.stage_file(clerk, model, str(path), "rows.xlsx", on_progress=lambda *a: seen.append(a))
    totals = [total for _done, total, _errors in seen]
    assert all(total is not None and total >= done for done, total, _errors in seen), seen
    assert seen[-1][:2] == (5, 5) and totals[0] >= 5 + 5 * blank


def test_a_cancelled_preview_stops_and_says_so(builder, clerk, tenant, settings):
    from timba.runtime.imports.engine import ImportCancelled

    settings.IMPORT_CHUNK_ROWS = 2
    model, headings, rows = _log_sheet(builder, tenant, 5)
    with pytest.raises(ImportCancelled) as cancelled:
        support.stage_file(clerk, model, support.csv_upload(headings, rows), "rows.csv", cancelled=lambda: True)
    assert cancelled.value.run.state == ImportRun.State.CANCELLED


def test_a_row_previewed_unchanged_but_edited_since_writes_nothing(builder, clerk, tenant):
    model, headings, rows = _log_sheet(builder, tenant, 2)
    confirm(stage_sheet(clerk, model, headings, rows), clerk)
    run = stage_sheet(clerk, model, headings, rows)
    assert run.unchanged == 2
    target = ImportRow.objects.get(run=run, number=3).target
    model.objects.filter(pk=target).update(height="4.5")
    with pytest.raises(StaleImport) as stale:
        confirm(run, clerk)
    assert "row 3" in stale.value.message
    run.refresh_from_db()
    assert run.counts == {"new": 0, "updated": 1, "unchanged": 1, "errors": 0}
