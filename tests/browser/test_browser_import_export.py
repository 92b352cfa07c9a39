"""Import and export in a real browser, as a tenant admin does them: a messy spreadsheet (a
title row above the header, aliased headings with units, one bad row) uploaded through the
admin's import page, previewed (the header row, the column mapping, the counts, the error by its
spreadsheet row) and imported skipping the bad row; and the changelist's Export downloaded and
opened. Assertions are on what the pages show and on the rows stored.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import openpyxl
import pytest
from spec_rows import PROJECT, RESOURCES, model_of

from timba.generated import security as spec

TENANT_ADMIN_ROLES = {spec.CHANNELS["admin"], spec.ADMIN_ROLE}
IMPORTABLE = [
    pytest.param(res, id=res.name)
    for res in RESOURCES
    if res.import_export and TENANT_ADMIN_ROLES & set(spec.PERMISSIONS.get(res.name, {}).get("import", ()))
]
HAS_LOG = "Log" in {r.name for r in RESOURCES}  # the aliased sheet and the export are of logs
needs_log = pytest.mark.skipif(not HAS_LOG, reason="the spec has no Log resource")
TITLE = "Northwood sawmill: delivery of 1 December"


def admin_url(res, view: str = "") -> str:
    return f"/admin/timba/{res.name.lower()}/{view}"


def write_xlsx(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Delivery"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def headings(res) -> list[str]:
    """The headings a tenant's sheet has: every writable field but the tenant, by its label."""
    return [f.label for f in res.input_fields if f.name != res.tenant and not f.is_many]


def upload(page, res, path):
    page.goto(admin_url(res, "import/"))
    page.locator("input[type=file][name=import_file]").set_input_files(str(path))
    with page.expect_navigation():
        page.locator("form#import-upload button[type=submit]").click()


def rows_of(res, tenant):
    return model_of(res)._default_manager.filter(**{res.tenant: tenant})


def mapping_row(page, heading: str):
    return page.locator("table[data-mapping] tr").filter(has=page.get_by_role("cell", name=heading, exact=True))


@pytest.mark.parametrize("res", IMPORTABLE)
def test_a_title_row_above_the_header_is_found_and_mapped(res, admin_login, tenant_admin, page, shots, tmp_path):
    sheet = write_xlsx(tmp_path / f"{res.plural}.xlsx", [[TITLE], [], headings(res), ["x"] * len(headings(res))])
    before = model_of(res)._default_manager.count()
    admin_login(tenant_admin)
    page.goto(admin_url(res))
    with page.expect_navigation():
        page.locator(f'a[href^="{admin_url(res, "import/")}"]').first.click()
    shots("import page")
    upload(page, res, sheet)
    shots("preview")
    text = page.locator("body").inner_text()
    assert "Traceback" not in text
    assert "header on row 3" in text, text[:2000]
    for heading in headings(res):
        assert mapping_row(page, heading).count() == 1, f"{heading!r} is not in the mapping"
    assert model_of(res)._default_manager.count() == before, "a preview writes nothing"


@needs_log
def test_a_messy_log_sheet_previews_its_mapping_and_errors_then_imports(admin_login, tenant_admin, builder, page, shots, tmp_path):
    log = PROJECT.resource("Log")
    consignment = builder.create("Consignment", client=tenant_admin.client)
    sheet = write_xlsx(
        tmp_path / "logs.xlsx",
        [
            [TITLE],
            [],
            ["Consignment", "Log No", "L (m)", "B", "H"],
            [consignment.name, "NW-001", 2.5, 0.3, 0.4],
            [consignment.name, "NW-002", 1.5, 0.25, 0.4],
            [consignment.name, "NW-003", "long", 0.3, 0.4],
        ],
    )
    admin_login(tenant_admin)
    upload(page, log, sheet)
    shots("preview")
    text = page.locator("body").inner_text()
    assert "header on row 3" in text, text[:2000]
    for heading, field in [("Log No", "barcode"), ("L (m)", "length"), ("B", "breadth"), ("H", "height")]:
        line = mapping_row(page, heading)
        assert line.count() == 1, f"{heading!r} is not in the mapping"
        assert log.field(field).label.lower() in line.inner_text().lower()
    assert page.locator("[data-count=new]").inner_text().split()[-1] == "2"
    assert page.locator("[data-count=errors]").inner_text().split()[-1] == "1"
    error = page.locator("table[data-errors] tr[data-error-row]")
    assert error.count() == 1
    assert error.get_attribute("data-error-row") == "6", "the spreadsheet's own row number"
    assert "long" in error.inner_text()
    assert page.locator("[data-import-all]").is_disabled(), "all-or-nothing while a row is bad"
    assert not rows_of(log, tenant_admin.client).exists(), "a preview writes nothing"

    with page.expect_download() as info:
        page.locator("a[data-error-file]").click()
    saved = shots.directory / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.suffix == ".xlsx", "the error file is in the format uploaded"
    book = openpyxl.load_workbook(saved, read_only=True)
    cells = [str(v) for row in book.worksheets[0].iter_rows(values_only=True) for v in row if v is not None]
    book.close()
    assert "NW-003" in cells and any("long" in c and "number" in c for c in cells), cells

    with page.expect_navigation():
        page.get_by_role("button", name="Import the valid rows, skip the errors").click()
    result = page.locator("[data-result]")
    result.wait_for()
    shots("imported")
    assert result.locator("[data-count=new]").inner_text().endswith("2")
    stored = {row.barcode: row for row in rows_of(log, tenant_admin.client)}
    assert set(stored) == {"NW-001", "NW-002"}
    assert stored["NW-001"].length == Decimal("2.5") and stored["NW-001"].volume == Decimal("0.3")
    assert stored["NW-002"].consignment_id == consignment.pk

    page.goto(admin_url(log))
    shots("changelist")
    for barcode in stored:
        assert page.locator("#result_list, table").filter(has_text=barcode).count() >= 1


def downloaded_rows(path, fmt: str) -> list[dict]:
    if fmt == "csv":
        with open(path, newline="", encoding="utf-8-sig") as handle:
            return list(csv.DictReader(handle))
    book = openpyxl.load_workbook(path, read_only=True)
    sheet = book.worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    book.close()
    header = [str(v) for v in values[0]]
    return [dict(zip(header, row, strict=False)) for row in values[1:] if any(v is not None for v in row)]


@needs_log
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_from_the_changelist_downloads_the_filtered_rows(fmt, admin_login, tenant_admin, make_tenant, builder, page, shots):
    log = PROJECT.resource("Log")
    mine = builder.create("Consignment", client=tenant_admin.client)
    theirs = builder.create("Consignment", client=make_tenant())
    for barcode in ("KEEP-1", "KEEP-2", "OTHER-1"):
        builder.create(log, consignment=mine, client=mine.client, barcode=barcode)
    builder.create(log, consignment=theirs, client=theirs.client, barcode="KEEP-9")

    admin_login(tenant_admin)
    page.goto(admin_url(log))
    search = page.locator("input[name=q]")
    search.fill("KEEP")
    with page.expect_navigation():
        search.press("Enter")
    shots("changelist searched")
    assert "q=KEEP" in page.url
    with page.expect_navigation():
        page.locator(f'a[href^="{admin_url(log, "export/")}"]').first.click()
    assert "q=KEEP" in page.url, "the export keeps the changelist's search"
    page.locator("select[name=format]").select_option(label=fmt)
    shots("export form")
    with page.expect_download() as info:
        page.get_by_role("button", name="Submit").click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(f".{fmt}"), download.suggested_filename
    saved = shots.directory / download.suggested_filename  # kept beside the screenshots
    download.save_as(saved)
    rows = downloaded_rows(saved, fmt)
    assert sorted(str(r["barcode"]) for r in rows) == ["KEEP-1", "KEEP-2"], rows
    stored = {r.barcode: r for r in rows_of(log, tenant_admin.client)}
    for row in rows:
        assert Decimal(str(row["length"])) == stored[str(row["barcode"])].length
