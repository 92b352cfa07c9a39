"""The admin's import page (timba.runtime.admin_imports, on the engine): a bad file or header is
one clear message on the file field (no traceback, nothing imported, the file's name kept), a
header below title rows is found, and headings map as the mapping maps them, a declared unit
converted. Parametrised over every resource whose spec enables import/export."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.imports import admin_import_support, sheet_files
from tests.spec_rows import RESOURCES, model_of
from timba.import_runs.models import ImportRun
from timba.runtime.imports import descriptor_for

kept_dir = admin_import_support.kept_dir  # the fixture: refused uploads kept in the test's directory
pytestmark = pytest.mark.django_db
IMPORTED = [pytest.param(r, id=r.name) for r in RESOURCES if r.import_export]


def upload(staff_client, res, name: str, content: bytes, expect: int = 200):
    response = staff_client.post(reverse(f"admin:timba_{res.name.lower()}_import"), {"import_file": SimpleUploadedFile(name, content)})
    assert response.status_code == expect
    return response


def file_errors(response) -> list[str]:
    form = response.context["form"]
    assert b"Traceback" not in response.content
    assert response.context["kept_name"]  # the refused file is kept, its name shown
    return form.errors.get("import_file", [])


@pytest.mark.parametrize("res", IMPORTED)
def test_bad_files_are_one_message(res, staff_client, tmp_path):
    before = model_of(res)._default_manager.count()
    assert file_errors(upload(staff_client, res, "sheet.csv", b"\n \n")) == ["The file holds no rows: it is empty or blank."]
    locked = sheet_files.ole2(tmp_path / "x.xlsx", "EncryptionInfo").read_bytes()
    assert "password-protected" in file_errors(upload(staff_client, res, "sheet.xlsx", locked))[0]
    assert model_of(res)._default_manager.count() == before


@pytest.mark.parametrize("res", IMPORTED)
def test_header_problems_are_one_message(res, staff_client, tmp_path):
    descriptor = descriptor_for(res.name)
    required = [c for c in descriptor.columns if c.required]
    labels = [c.label for c in descriptor.columns]
    titled = sheet_files.xlsx(tmp_path / "t.xlsx", [["Our sheet"], [], labels, ["x"] * len(labels)]).read_bytes()
    staged = upload(staff_client, res, "sheet.xlsx", titled, expect=302)  # found below the title rows
    run = ImportRun.objects.get(pk=int(staged["Location"].rstrip("/").rsplit("/", 1)[1]))
    assert run.header_row == 3 and run.total == 1
    if required:
        rest = [c.label for c in descriptor.columns if c is not required[0]] + ["Remarks"]
        csv = (",".join(rest) + "\n" + ",".join("x" for _ in rest) + "\n").encode()
        [message] = file_errors(upload(staff_client, res, "sheet.csv", csv))
        assert message.startswith(f"Required column missing: {required[0].label}") and "'Remarks'" in message


@pytest.mark.parametrize("res", [p for p in IMPORTED if p.values[0].import_units])
def test_unit_headings_convert(res, builder):
    """A heading in a declared unit ("<label> (cm)") imports converted to the stored unit."""
    import tablib

    from tests.app.test_import_export import dataset, find, run_import, sheet_rows

    field, units = res.import_units[0]
    unit, factor = next((u, f) for u, f in units if f != 1)
    [row] = sheet_rows(res, builder, 1)
    data = dataset(res, [row])
    index = next(i for i, h in enumerate(data.headers) if generated_field(res, h) == field)
    converted = tablib.Dataset(headers=[f"{res.field(field).label} ({unit})" if i == index else h for i, h in enumerate(data.headers)])
    for values in data:
        values = list(values)
        values[index] = str(row[field] / factor)
        converted.append(values)
    run_import(res, converted)
    assert getattr(find(res, row), field) == row[field]


def generated_field(res, heading):
    from timba.runtime.imports.mapping import lookup_table, match

    column, _ = match(heading, lookup_table(descriptor_for(res.name)))
    return column.name if column else None

