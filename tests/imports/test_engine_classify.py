"""The import engine's preview, for every resource with an import key in the spec: rows
classified new, updated (with old → new values) or unchanged against the stored rows matched on
the natural key; a key twice in one file makes both rows errors, naming each other; the spec's
`import` permission is needed; the clerk's rows go to their own tenant."""

from __future__ import annotations

import pytest
from django.test import override_settings
from spec_rows import model_of, resource, scalar_value

from tests.imports import engine_support as support
from tests.imports.engine_support import KEYED, cell_text, importer, make_user, sheet, stage_sheet
from timba.import_runs.models import ImportRow
from timba.runtime import access
from timba.runtime.imports.descriptors import descriptor_for
from timba.runtime.imports.engine import confirm, preview
from timba.runtime.problems import Problem

clerk, other_tenant, roles, tenant = support.clerk, support.other_tenant, support.roles, support.tenant  # the fixtures these tests use
pytestmark = pytest.mark.django_db


def _who(res, clerk, superuser, tenant):
    user = importer(res, clerk, superuser)
    fixed = access.tenant_path(model_of(res)) not in (None, "self")
    return user, (tenant if fixed and access.is_staff(user) else None), fixed


def _changeable(res, headings):
    """The index of a column that is neither part of the key nor a reference, and a new value."""
    descriptor = descriptor_for(model_of(res))
    for index, heading in enumerate(headings):
        column = next(c for c in descriptor.columns if c.label == heading)
        if column.name in descriptor.key or column.target:
            continue
        field = res.field(column.name)
        return index, field
    raise LookupError("no column to change")


@pytest.mark.parametrize("res", KEYED)
def test_new_then_unchanged_then_updated_with_old_and_new_values(res, builder, clerk, superuser, tenant):
    user, chosen, fixed = _who(res, clerk, superuser, tenant)
    model = model_of(res)
    headings, rows = sheet(res, builder, tenant, 3, fixed_tenant=fixed)
    run = stage_sheet(user, model, headings, rows, tenant=chosen)
    assert run.counts == {"new": 3, "updated": 0, "unchanged": 0, "errors": 0}, preview(run)["errors"]
    before = model.objects.count()
    confirm(run, user)
    assert model.objects.count() == before + 3

    again = stage_sheet(user, model, headings, rows, tenant=chosen)
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 3, "errors": 0}, preview(again)["errors"]

    index, field = _changeable(res, headings)
    old = rows[1][index]
    new = cell_text(scalar_value(field))
    if field.kind == "choice":
        new = next(v for v, _ in field.choices if v != old)
    rows[1][index] = new
    changed = stage_sheet(user, model, headings, rows, tenant=chosen)
    assert changed.counts == {"new": 0, "updated": 1, "unchanged": 2, "errors": 0}, preview(changed)["errors"]
    row = ImportRow.objects.get(run=changed, action="updated")
    assert row.number == 3  # the header is row 1
    assert row.changes[field.name] == [old, new]
    assert set(row.changes) <= {field.name, *getattr(model, "computed_fields", ())}
    confirm(changed, user)
    assert cell_text(getattr(model.objects.get(pk=row.target), field.name)) == new


@pytest.mark.parametrize("res", KEYED)
def test_a_key_twice_in_one_file_makes_both_rows_errors(res, builder, clerk, superuser, tenant):
    user, chosen, fixed = _who(res, clerk, superuser, tenant)
    model = model_of(res)
    headings, rows = sheet(res, builder, tenant, 3, fixed_tenant=fixed)
    duplicate = list(rows[2])
    for index, heading in enumerate(headings):  # the last row's values, the first row's key
        column = next(c for c in descriptor_for(model).columns if c.label == heading)
        if column.name in descriptor_for(model).key:
            duplicate[index] = rows[0][index]
    rows[2] = duplicate
    run = stage_sheet(user, model, headings, rows, tenant=chosen)
    assert run.counts == {"new": 1, "updated": 0, "unchanged": 0, "errors": 2}
    errors = {r.number: " ".join(e["message"] for e in r.errors) for r in ImportRow.objects.filter(run=run, action="error")}
    assert set(errors) == {2, 4}
    assert "row 4" in errors[2] and errors[2].startswith("Row 2")
    assert "row 2" in errors[4] and errors[4].startswith("Row 4")


@override_settings(IMPORT_CHUNK_ROWS=2)
def test_a_key_repeated_in_a_later_batch_makes_both_rows_errors(builder, clerk, tenant):
    res = resource("Log")
    headings, rows = sheet(res, builder, tenant, 5)
    key = headings.index("barcode")
    rows[4][key] = rows[0][key]
    run = stage_sheet(clerk, model_of(res), headings, rows)
    errors = {r.number: " ".join(e["message"] for e in r.errors) for r in ImportRow.objects.filter(run=run, action="error")}
    assert set(errors) == {2, 6}
    assert "row 6" in errors[2] and "row 2" in errors[6]
    assert run.counts == {"new": 3, "updated": 0, "unchanged": 0, "errors": 2}


@pytest.mark.parametrize("res", KEYED)
def test_the_import_permission_is_needed(res, builder, tenant, roles):
    model = model_of(res)
    outsider = make_user(builder, tenant, [r for r in roles if not access.allowed_roles(model, "import") or r not in access.allowed_roles(model, "import")][:1], roles)
    assert not access.allowed(outsider, model, "import")
    headings, rows = sheet(res, builder, tenant, 1)
    with pytest.raises(Problem) as refused:
        stage_sheet(outsider, model, headings, rows)
    assert refused.value.status == 403


def test_a_clerks_rows_go_to_their_own_tenant_whatever_the_sheet_says(builder, clerk, tenant, other_tenant):
    res = resource("Consignment")
    model = model_of(res)
    path = access.tenant_path(model)
    headings, rows = sheet(res, builder, tenant, 2)
    headings.append(path)
    for row in rows:
        row.append(str(getattr(other_tenant, descriptor_for(model_of(resource(res.field(path).target))).key[0])))
    run = stage_sheet(clerk, model, headings, rows)
    assert run.new == 2
    confirm(run, clerk)
    written = model.objects.filter(pk__in=ImportRow.objects.filter(run=run).values("target"))
    assert {getattr(r, f"{path}_id") for r in written} == {tenant.pk}


def test_errors_name_the_row_the_column_the_value_and_the_reason(builder, clerk, tenant):
    res = resource("Log")
    headings, rows = sheet(res, builder, tenant, 2)
    rows[1][headings.index("length")] = "-3"
    rows[0][headings.index("breadth")] = "wide"
    run = stage_sheet(clerk, model_of(res), headings, rows)
    messages = {r.number: [e["message"] for e in r.errors] for r in ImportRow.objects.filter(run=run, action="error")}
    assert messages[2][0].startswith("Row 2, column 'breadth': 'wide' "), messages
    assert messages[3][0].startswith("Row 3, column 'length', value '-3': "), messages
    groups = preview(run)["errors"]
    assert {g["column"] for g in groups} == {"breadth", "length"}
