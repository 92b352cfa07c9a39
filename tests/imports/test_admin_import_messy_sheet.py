"""A messy spreadsheet through the admin's import, as an office writes one: a title row above
the header, aliased headings with units, a duplicate key and one bad row. The preview names
each error by the spreadsheet's own row number, column, value and reason; the error file holds
them; skipping the errors imports the rest."""

from __future__ import annotations

import io

import openpyxl
import pytest
from spec_rows import RESOURCES

from tests.imports import admin_import_support, sheet_files
from tests.imports import engine_support as support
from tests.imports.admin_import_support import logged_in, run_of, upload, url

clerk, roles, tenant = support.clerk, support.roles, support.tenant  # the fixtures
kept_dir = admin_import_support.kept_dir  # the fixture
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not any(r.name == "Log" and r.import_export for r in RESOURCES), reason="no Log import"),
]


def log_res():
    return next(r for r in RESOURCES if r.name == "Log")


def messy(tmp_path, consignment) -> bytes:
    rows = [
        ["Logs received, week 48"],  # row 1: a title
        [],  # row 2: blank
        ["Consignment", "Log No", "L (cm)", "Width", "Thickness", "Remarks"],  # row 3: the header
        [consignment.pk, "A-1", 250, 0.4, 0.3, "ok"],  # row 4
        [consignment.pk, "A-2", 300, 0.5, 0.3, ""],  # row 5
        [consignment.pk, "A-1", 260, 0.4, 0.3, "again"],  # row 6: A-1 twice
        [consignment.pk, "A-3", "long", 0.4, 0.3, ""],  # row 7: not a number
        [consignment.pk, "A-4", 180, 0.45, 0.25, ""],  # row 8
    ]
    return sheet_files.xlsx(tmp_path / "messy.xlsx", rows).read_bytes()


def test_the_messy_sheet_previews_with_the_right_row_numbers(client, clerk, tenant, builder, tmp_path):
    res = log_res()
    consignment = support.parent(builder, support.model_of_name("Consignment"), tenant)
    client = logged_in(client, clerk)
    run = run_of(upload(client, res, messy(tmp_path, consignment), "messy.xlsx"))
    assert run.header_row == 3
    page = client.get(url(res, "import_run", run.pk))
    assert page.context["counts"] == {"new": 2, "updated": 0, "unchanged": 0, "errors": 3}
    fields = {c["heading"]: c["field"] for c in page.context["mapping_columns"]}
    assert fields == {"Consignment": "consignment", "Log No": "barcode", "L (cm)": "length", "Width": "breadth", "Thickness": "height"}
    assert [c["heading"] for c in page.context["ignored"]] == ["Remarks"]
    errors = {(e["row"], e["column"]) for e in page.context["error_list"]}
    assert {(4, "Log No"), (6, "Log No"), (7, "L (cm)")} <= errors
    by_row = {e["row"]: e for e in page.context["error_list"]}
    assert "row 6" in by_row[4]["reason"] and "row 4" in by_row[6]["reason"] and by_row[7]["message"].startswith("Row 7")
    assert by_row[7]["value"] == "long" and "long" in by_row[7]["reason"]
    html = page.content.decode()
    assert 'data-error-row="7"' in html and "Traceback" not in html

    errors_file = client.get(url(res, "import_errors", run.pk))
    book = openpyxl.load_workbook(io.BytesIO(errors_file.content))
    values = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    assert values[0][-1] == "Errors"
    assert sum(1 for row in values[1:] if row[-1]) == 3

    client.post(url(res, "import_confirm", run.pk), {"skip_errors": "1"})
    model = support.model_of_name("Log")
    stored = {log.barcode: log for log in model.objects.filter(consignment=consignment)}
    assert set(stored) == {"A-2", "A-4"}
    assert str(stored["A-2"].length) == "3.000"


def test_many_errors_are_grouped_by_kind(client, clerk, tenant, builder, tmp_path):
    res = log_res()
    consignment = support.parent(builder, support.model_of_name("Consignment"), tenant)
    rows = [["Consignment", "Barcode", "Length", "Breadth", "Height"]]
    rows += [[consignment.pk, f"B-{n}", "long", 0.4, 0.3] for n in range(12)]
    rows += [[consignment.pk, "B-ok", 2, 0.4, 0.3]]
    client = logged_in(client, clerk)
    run = run_of(upload(client, res, sheet_files.xlsx(tmp_path / "many.xlsx", rows).read_bytes(), "many.xlsx"))
    page = client.get(url(res, "import_run", run.pk))
    [group] = page.context["error_groups"]
    assert group["column"] == "Length" and group["count"] == 12
    assert b"data-error-groups" in page.content
    assert page.context["counts"]["new"] == 1 and len(page.context["error_list"]) == 12
