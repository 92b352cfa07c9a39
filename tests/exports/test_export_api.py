"""`GET /api/v1/<plural>/export?format=csv|xlsx` for every resource the spec exports: the
file's headers and cells (escaped text, numeric numbers, real dates, references by natural key),
the BOM setting, the list's filters, tenant scope and the `export` permission, and a round trip
through the import/export resource."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

import pytest
import tablib
from django.http import StreamingHttpResponse
from django.test import override_settings
from django.utils import timezone
from spec_rows import RESOURCES, assert_problem, model_of

from timba.generated import resources as generated_resources
from timba.generated import security as spec
from timba.runtime.exports import cells

from .export_support import (
    API_ROLE,
    DANGEROUS,
    FORMATS,
    WITH_IE,
    export_url,
    read_csv,
    roles_for,
    rows_by_id,
    table_of,
    tenant_client,
    text_field,
    value,
)

pytestmark = pytest.mark.django_db
EACH = [pytest.param(r, fmt, id=f"{r.name}-{fmt}") for r in RESOURCES if r.import_export for fmt in FORMATS]
WITH_TEXT = [pytest.param(r, id=r.name) for r in RESOURCES if r.import_export and text_field(r)]


def export(api, res, **params):
    response = api.get(export_url(res), **params)
    assert response.status_code == 200, response.getvalue()[:500]
    assert isinstance(response, StreamingHttpResponse)
    return response


@pytest.mark.parametrize("res,fmt", EACH)
def test_the_file_has_the_headers_the_import_accepts(api, builder, res, fmt):
    row = builder.create(res)
    response = export(api, res, format=fmt)
    expected = "text/csv" if fmt == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Type"].split(";")[0] == expected
    assert response["Content-Disposition"].startswith(f'attachment; filename="{res.plural}-')
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    rows = rows_by_id(res, fmt, response.getvalue())
    assert row.pk in rows
    assert list(rows[row.pk]) == table_of(res).headers
    resource = getattr(generated_resources, f"{res.name}Resource")()
    accepted = {f.column_name for f in resource.get_import_fields()} | {"id", *res.readonly_names}
    assert set(table_of(res).headers) <= accepted


@pytest.mark.parametrize("prefix", DANGEROUS, ids=repr)
@pytest.mark.parametrize("res", WITH_TEXT)
def test_formula_text_is_escaped_in_csv_and_xlsx(api, builder, res, prefix):
    field = text_field(res)
    text = f"{prefix}1+2"[: field.max_length or 50]
    row = builder.create(res, **{field.name: text})
    csv_row = rows_by_id(res, "csv", export(api, res, format="csv").getvalue())[row.pk]
    assert csv_row[field.name] == "'" + text
    cell = rows_by_id(res, "xlsx", export(api, res, format="xlsx").getvalue())[row.pk][field.name]
    assert cell.data_type == "s"
    assert cell.value.startswith("'")
    # a carriage return written raw reads back as a line feed (XML's line ends; lxml writes &#13;)
    assert cell.value in {"'" + text, "'" + text.replace("\r", "\n")}


@pytest.mark.parametrize("res", WITH_TEXT)
def test_xlsx_text_is_never_a_formula_or_an_error(api, builder, res):
    field = text_field(res)
    row = builder.create(res, **{field.name: "#N/A"})
    cell = rows_by_id(res, "xlsx", export(api, res, format="xlsx").getvalue())[row.pk][field.name]
    assert cell.data_type == "s" and cell.value == "#N/A"


@pytest.mark.parametrize("res", WITH_IE)
def test_numbers_are_numbers_and_dates_are_dates_in_xlsx(api, builder, res):
    row = builder.create(res)
    cells = rows_by_id(res, "xlsx", export(api, res, format="xlsx").getvalue())[row.pk]
    assert cells["id"].data_type == "n" and cells["id"].value == row.pk
    checked = 0
    for column in table_of(res).columns:
        cell, stored = cells[column.name], getattr(row, column.name, None)
        if stored is None:
            continue
        if column.cell in {"integer", "decimal"}:
            assert cell.data_type == "n", column.name
            assert Decimal(str(cell.value)) == Decimal(stored), column.name
            checked += 1
        elif column.cell in {"date", "datetime"}:
            assert cell.is_date, column.name
            assert isinstance(cell.value, datetime)  # openpyxl reads every date as a datetime
            if column.cell == "datetime":
                assert cell.value == timezone.localtime(stored).replace(microsecond=0, tzinfo=None)
                assert cell.value.microsecond == 0
            else:
                assert cell.value.date() == stored
            checked += 1
    assert checked, "no number or date to look at"


@pytest.mark.parametrize("res", [p for p in WITH_IE if any(c.cell == "decimal" for c in table_of(p.values[0]).columns)])
def test_decimals_are_plain_numbers_in_csv(api, builder, res):
    row = builder.create(res)
    records = rows_by_id(res, "csv", export(api, res).getvalue())
    for column in table_of(res).columns:
        if column.cell == "decimal" and getattr(row, column.name) is not None:
            assert Decimal(records[row.pk][column.name]) == getattr(row, column.name)


@pytest.mark.parametrize("res", WITH_IE)
def test_the_bom_setting(api, builder, res):
    builder.create(res)
    assert export(api, res).getvalue().startswith(b"\xef\xbb\xbf")
    with override_settings(EXPORT_CSV_BOM=False):
        body = export(api, res).getvalue()
    assert body.startswith(b"id,")
    assert body.splitlines()[0].decode().split(",") == table_of(res).headers


@pytest.mark.parametrize("res,fmt", EACH)
def test_references_are_written_by_natural_key(api, builder, res, fmt):
    references = [c for c in table_of(res).columns if c.cell in {"reference", "many"}]
    if not references:
        pytest.skip(f"{res.name} has no reference")
    row = builder.create(res)
    cells = rows_by_id(res, fmt, export(api, res, format=fmt).getvalue())[row.pk]
    for column in references:
        if column.cell == "many":
            related = getattr(row, column.name).all()
            expected = ", ".join(sorted(str(getattr(r, column.key)) for r in related)) or None
        else:
            target = getattr(row, column.name)
            expected = None if target is None else str(getattr(target, column.key))
        got = value(fmt, cells[column.name])
        assert (got or None) == expected, column.name


@pytest.mark.parametrize("res", [p for p in WITH_IE if p.values[0].list_search])
def test_the_lists_search_and_filters_apply(api, builder, res):
    name = res.list_search[0]
    wanted = builder.create(res)
    other = builder.create(res)
    text = str(getattr(wanted, name))
    rows = rows_by_id(res, "csv", export(api, res, search=text).getvalue())
    assert wanted.pk in rows and other.pk not in rows
    assert all(text.lower() in str(getattr(model_of(res)._default_manager.get(pk=pk), name)).lower() for pk in rows)
    assert_problem(api.get(export_url(res), nonsense="1"), 422)
    assert_problem(api.get(export_url(res), format="pdf"), 422)


@pytest.mark.parametrize("res", [p for p in WITH_IE if p.values[0].list_ordering])
def test_the_lists_order_applies(api, builder, res):
    name = res.list_ordering[0]
    for _ in range(3):
        builder.create(res)
    model = model_of(res)
    for order in (name, f"-{name}"):
        records = read_csv(export(api, res, order=order).getvalue())
        expected = list(model._default_manager.values_list("pk", flat=True))
        got = [int(r["id"]) for r in records]
        values = [getattr(model._default_manager.get(pk=pk), name) for pk in got]
        present = [v for v in values if v is not None]
        assert present == sorted(present, reverse=order.startswith("-")), order
        assert sorted(got) == sorted(expected)


TENANTED = [pytest.param(r, id=r.name) for r in RESOURCES if r.import_export and r.tenant]


@pytest.mark.parametrize("res", TENANTED)
def test_a_tenants_export_holds_only_its_rows(client, make_tenant, make_user, create_in, res):
    roles = roles_for("export", res)
    if not roles:
        pytest.skip(f"only platform staff export {res.plural}")
    mine, theirs = make_tenant(), make_tenant()
    user = make_user(mine, [API_ROLE, roles[0]])
    own = create_in(res, mine)
    foreign = create_in(res, theirs)
    caller = tenant_client(client, user)
    for fmt in FORMATS:
        rows = rows_by_id(res, fmt, export(caller, res, format=fmt).getvalue())
        assert own.pk in rows and foreign.pk not in rows
        path = res.tenant
        model = model_of(res)
        for pk in rows:
            stored = model._default_manager.get(pk=pk)
            assert (stored.pk if path == "self" else getattr(stored, f"{path}_id")) == mine.pk


@pytest.mark.parametrize("res", TENANTED)
def test_a_role_without_the_export_permission_gets_403(client, make_tenant, make_user, create_in, res):
    allowed = set(roles_for("export", res))
    denied = [r for r in spec.ROLES if r not in allowed]
    if API_ROLE not in denied:
        pytest.skip("the API's own role may export")
    tenant = make_tenant()
    create_in(res, tenant)
    caller = tenant_client(client, make_user(tenant, denied))
    body = assert_problem(caller.get(export_url(res)), 403)
    assert "export" in body["detail"]


@pytest.mark.parametrize("res", WITH_IE)
def test_an_export_re_imports(api, builder, res):
    """The headers map onto the import/export resource's fields; where the references are
    written by the key the resource's widgets read, the whole file re-imports unchanged (its
    escaped text read back as it was, as an importer does)."""
    rows = [builder.create(res) for _ in range(2)]
    body = export(api, res).getvalue()
    data = tablib.Dataset().load(io.StringIO(body.decode("utf-8-sig")), format="csv")
    resource = getattr(generated_resources, f"{res.name}Resource")()
    assert set(data.headers) <= set(resource.fields)
    widgets = {
        c.name: getattr(resource.fields[c.name].widget, "field", None)
        for c in table_of(res).columns
        if c.cell in {"reference", "many"}
    }
    if any(widgets[c.name] != c.key for c in table_of(res).columns if c.name in widgets):
        pytest.skip("a reference is written by a key the django-import-export widget does not read yet")
    # an importer reads an escaped text back as it was (`cells.unescape`: "'+1 555" is "+1 555")
    unescaped = tablib.Dataset(headers=data.headers)
    for record in data:
        unescaped.append([cells.unescape(v) if isinstance(v, str) else v for v in record])
    result = resource.import_data(unescaped, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert result.totals["new"] == 0
    assert model_of(res)._default_manager.count() >= len(rows)


def test_the_document_declares_the_export_routes(api):
    document = api.get("/api/v1/openapi.json").json()
    for res in RESOURCES:
        path = document["paths"].get(f"/api/v1/{res.plural}/export")
        if not res.import_export:
            assert path is None
            continue
        operation = path["get"]
        assert operation["operationId"] == f"{res.snake}_export"
        content = operation["responses"]["200"]["content"]
        assert set(content) == {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        assert {"401", "403", "422"} <= set(operation["responses"])
        names = {p["name"] for p in operation["parameters"]}
        assert "format" in names and not names & {"limit", "offset", "cursor", "fields"}
        assert names - {"format"} == set(res.list_query_params) - {"limit", "offset", "cursor", "fields"}

