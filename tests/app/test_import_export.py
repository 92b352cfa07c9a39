"""Spreadsheet import/export, parametrised over every resource with `import_export` in the spec.

Sheets are built from the spec: one column per writable field (derived fields left out — they
follow from their parent), headed by the spec's aliases. Imports go through
`timba.generated.resources.<Name>Resource` and through the admin's upload, preview and confirm
screens (timba.runtime.admin_imports, on the import engine);
re-importing a sheet updates rows matched on the natural key instead of duplicating them.
"""

from __future__ import annotations

import csv
import io

import pytest
import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from spec_rows import RESOURCES, model_of, resource, scalar_value

from timba.generated import resources as generated

pytestmark = pytest.mark.django_db
WITH_IE = [pytest.param(r, id=r.name) for r in RESOURCES if r.import_export]


def url(res, view: str) -> str:
    return reverse(f"admin:timba_{res.name.lower()}_{view}")


def resource_class(res):
    return getattr(generated, f"{res.name}Resource")


def columns(res) -> list:
    """The spec fields a sheet carries: writable ones the import resource knows."""
    known = resource_class(res)().fields
    return [f for f in res.input_fields if f.name in known]


def header(res, field) -> str:
    """The field's first alias in Title Case when the spec declares one, else its name."""
    aliases = dict(res.import_aliases).get(field.name)
    return aliases[0].title() if aliases else field.name


def sheet_rows(res, builder, count: int) -> list[dict]:
    """`count` rows as {field name: python value}; references are parent model instances."""
    rows = []
    for _ in range(count):
        row = {}
        for field in columns(res):
            if field.is_reference or field.is_many:
                row[field.name] = builder.create(field.target)
            else:
                row[field.name] = scalar_value(field)
        rows.append(row)
    return rows


def render(res, field, value) -> str:
    widget = resource_class(res)().fields[field.name].widget
    if field.is_many:
        return widget.render(model_of(resource(field.target)).objects.filter(pk=value.pk))
    if field.is_reference:
        return str(widget.render(value))
    return str(value)


def dataset(res, rows, headers=None) -> tablib.Dataset:
    fields = columns(res)
    heads = headers or [header(res, f) for f in fields]
    data = tablib.Dataset(headers=heads)
    for row in rows:
        data.append([render(res, f, row[f.name]) for f in fields])
    return data


def find(res, row):
    """The stored row matched on the spec's natural key (derived key parts via their parent)."""
    lookup = {}
    for name in res.import_key:
        field = res.field(name)
        if field.derived_from:
            parent, source = field.derived_from
            lookup[name] = getattr(row[parent], source)
        else:
            lookup[name] = row[name]
    return model_of(res)._default_manager.get(**lookup)


def run_import(res, data, **kwargs):
    result = resource_class(res)().import_data(data, dry_run=False, **kwargs)
    assert not result.has_errors(), [e.error for _, errs in result.row_errors() for e in errs] + [
        e.error for e in result.base_errors
    ]
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    return result


def assert_stored(res, row):
    stored = find(res, row)
    for field in columns(res):
        value = getattr(stored, field.name)
        if field.is_many:
            assert [r.pk for r in value.all()] == [row[field.name].pk]
        else:
            assert value == row[field.name], (field.name, value, row[field.name])
    return stored


@pytest.mark.parametrize("res", WITH_IE)
@pytest.mark.parametrize("view", ["import", "export"])
def test_import_and_export_pages_render(res, view, staff_client):
    assert staff_client.get(url(res, view)).status_code == 200


@pytest.mark.parametrize("res", WITH_IE)
def test_admin_export_is_csv_with_the_rows(res, staff_client, builder):
    rows = [builder.create(res) for _ in range(3)]
    formats = [f().get_title() for f in admin.site._registry[model_of(res)].get_export_formats()]
    response = staff_client.post(url(res, "export"), {"format": str(formats.index("csv")), "resource": "0"})
    assert response.status_code == 200, response.getvalue()[:300]
    assert response["Content-Type"].startswith("text/csv")
    records = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert {int(r["id"]) for r in records} >= {r.pk for r in rows}
    key = next(n for n in res.import_key if not res.field(n).is_reference)
    assert {r[key] for r in records} >= {str(getattr(row, key)) for row in rows}


@pytest.mark.parametrize("res", WITH_IE)
def test_import_creates_rows_using_aliases(res, builder):
    rows = sheet_rows(res, builder, 3)
    model = model_of(res)
    before = model._default_manager.count()
    result = run_import(res, dataset(res, rows))
    assert result.totals["new"] == 3
    assert model._default_manager.count() == before + 3
    for row in rows:
        assert_stored(res, row)


ALIASES = [
    pytest.param(r, name, alias, id=f"{r.name}-{alias}")
    for r in RESOURCES
    if r.import_export
    for name, aliases in r.import_aliases
    for alias in aliases
]


@pytest.mark.parametrize("res,name,alias", ALIASES)
def test_every_alias_maps_to_its_field(res, name, alias, builder):
    (row,) = sheet_rows(res, builder, 1)
    fields = columns(res)
    headers = [(alias.upper() if f.name == name else f.name) for f in fields]
    run_import(res, dataset(res, [row], headers))
    assert_stored(res, row)


@pytest.mark.parametrize("res", WITH_IE)
def test_reimport_updates_instead_of_duplicating(res, builder):
    rows = sheet_rows(res, builder, 2)
    run_import(res, dataset(res, rows))
    model = model_of(res)
    count = model._default_manager.count()
    again = run_import(res, dataset(res, rows))
    assert again.totals["new"] == 0 and model._default_manager.count() == count
    changeable = [f for f in columns(res) if f.name not in res.import_key and not (f.is_reference or f.is_many)]
    if not changeable:
        pytest.skip(f"{res.name} has no column outside its natural key")
    field = changeable[0]
    for row in rows:
        row[field.name] = scalar_value(field)
    changed = run_import(res, dataset(res, rows))
    assert changed.totals["update"] == 2 and changed.totals["new"] == 0
    assert model._default_manager.count() == count
    for row in rows:
        assert_stored(res, row)


@pytest.mark.parametrize("res", WITH_IE)
def test_export_contains_the_rows(res, builder):
    rows = [builder.create(res) for _ in range(2)]
    text = resource_class(res)().export().csv
    for row in rows:
        for name in res.import_key:
            if not res.field(name).is_reference:
                assert str(getattr(row, name)) in text


@pytest.mark.parametrize("res", WITH_IE)
def test_export_then_import_round_trips(res, builder):
    rows = [builder.create(res) for _ in range(2)]
    exported = resource_class(res)().export()
    result = run_import(res, exported)
    assert result.totals["new"] == 0
    assert model_of(res)._default_manager.count() >= len(rows)


@pytest.mark.parametrize("res", WITH_IE)
def test_admin_upload_and_confirm_imports(res, staff_client, superuser, builder):
    """The admin's import (timba.runtime.admin_imports on the engine): upload, preview, confirm."""
    rows = sheet_rows(res, builder, 2)
    content = dataset(res, rows).export("csv").encode()
    upload = SimpleUploadedFile("sheet.csv", content, content_type="text/csv")
    response = staff_client.post(url(res, "import"), {"import_file": upload})
    assert response.status_code == 302, response.context and response.context["form"].errors
    preview = staff_client.get(response["Location"])
    assert preview.status_code == 200 and b"Traceback" not in preview.content
    assert preview.context["counts"]["errors"] == 0, preview.context["error_list"]
    assert preview.context["counts"]["new"] == 2
    run = preview.context["run"]
    response = staff_client.post(reverse(f"admin:timba_{res.name.lower()}_import_confirm", args=[run.pk]))
    assert response.status_code == 302, response.content[:500]
    for row in rows:
        stored = assert_stored(res, row)
        for field in res.fields:
            if field.auto == "creator":
                assert getattr(stored, field.name) == superuser


@pytest.mark.skipif(not any(r.name == "Log" and r.import_export for r in RESOURCES), reason="no Log import")
def test_log_sheet_needs_no_client_column(builder):
    consignment = builder.create("Consignment")

    def sheet(length: str) -> tablib.Dataset:
        data = tablib.Dataset(headers=["Consignment", "Log ID", "Length (m)", "Width", "thickness"])
        data.append([str(consignment.pk), "LOG-0001", length, "0.4", "0.3"])
        return data

    run_import(resource("Log"), sheet("2.5"))
    log = model_of(resource("Log")).objects.get(barcode="LOG-0001")
    assert log.client_id == consignment.client_id
    assert str(log.volume) == "0.300000"
    result = run_import(resource("Log"), sheet("3"))
    assert result.totals["update"] == 1
    log.refresh_from_db()
    assert str(log.volume) == "0.360000"
