"""References in a sheet resolve by the target's natural key in the caller's tenant (a row
named by its name), or by id; another tenant's row is an error like a missing one, and its
message tells nothing about it."""

from __future__ import annotations

import pytest
from spec_rows import model_of, resource

from tests.imports import engine_support as support
from tests.imports.engine_support import parent, sheet, stage_sheet
from timba.import_runs.models import ImportRow
from timba.runtime import access
from timba.runtime.imports.descriptors import descriptor_for
from timba.runtime.imports.engine import confirm
from timba.runtime.imports.lookups import lookup_field

clerk, other_tenant, roles, tenant = support.clerk, support.other_tenant, support.roles, support.tenant  # the fixtures these tests use
pytestmark = pytest.mark.django_db


def _reference(res):
    """The first required reference column of `res` (and its target's model)."""
    model = model_of(res)
    field = next(f for f in res.fields if f.is_reference and f.required and f.writable)
    return field.name, model._meta.get_field(field.name).related_model


def _texts(column_name, target):
    column = next(c for c in descriptor_for(model_of(resource("Log"))).columns if c.name == column_name)
    return lambda row: str(getattr(row, lookup_field(column, target)))


def test_a_reference_resolves_by_its_natural_key_and_by_its_id(builder, clerk, tenant):
    res = resource("Log")
    name, target_model = _reference(res)
    headings, rows = sheet(res, builder, tenant, 2)
    by_name, by_id = parent(builder, target_model, tenant), parent(builder, target_model, tenant)
    column = headings.index(name)
    rows[0][column] = _texts(name, target_model)(by_name)
    rows[1][column] = str(by_id.pk)
    run = stage_sheet(clerk, model_of(res), headings, rows)
    assert run.new == 2 and run.errors == 0
    confirm(run, clerk)
    written = {r.number: model_of(res).objects.get(pk=r.target) for r in ImportRow.objects.filter(run=run)}
    assert getattr(written[2], f"{name}_id") == by_name.pk
    assert getattr(written[3], f"{name}_id") == by_id.pk


def test_a_name_in_other_case_still_resolves(builder, clerk, tenant):
    res = resource("Log")
    name, target_model = _reference(res)
    headings, rows = sheet(res, builder, tenant, 1)
    target = parent(builder, target_model, tenant)
    rows[0][headings.index(name)] = _texts(name, target_model)(target).upper()
    run = stage_sheet(clerk, model_of(res), headings, rows)
    assert run.new == 1, [r.errors for r in ImportRow.objects.filter(run=run)]


def test_another_tenants_row_is_not_found_by_name_nor_by_id(builder, clerk, tenant, other_tenant):
    res = resource("Log")
    name, target_model = _reference(res)
    headings, rows = sheet(res, builder, tenant, 3)
    theirs = parent(builder, target_model, other_tenant)
    column = headings.index(name)
    rows[0][column] = _texts(name, target_model)(theirs)
    rows[1][column] = str(theirs.pk)
    rows[2][column] = "no such row anywhere"
    run = stage_sheet(clerk, model_of(res), headings, rows)
    assert run.errors == 3 and run.new == 0
    errors = {r.number: r.errors for r in ImportRow.objects.filter(run=run)}
    assert errors[2][0]["message"].startswith(f"Row 2, column '{name}': '{rows[0][column]}'")
    assert errors[3][0]["message"].startswith(f"Row 3, column '{name}': '{theirs.pk}'")
    tenant_name = str(other_tenant)
    for found in errors.values():
        assert all(tenant_name not in e["message"] for e in found)
    # the message for another tenant's row is the one for a row that does not exist
    assert errors[2][0]["message"].split("'", 4)[-1] == errors[4][0]["message"].split("'", 4)[-1]


def test_staff_choosing_a_tenant_resolve_in_that_tenant(builder, superuser, tenant, other_tenant):
    res = resource("Log")
    name, target_model = _reference(res)
    headings, rows = sheet(res, builder, tenant, 1)
    twin = parent(builder, target_model, other_tenant)
    key = lookup_field(next(c for c in descriptor_for(model_of(res)).columns if c.name == name), target_model)
    ours = parent(builder, target_model, tenant)
    setattr(twin, key, getattr(ours, key))
    twin.save()
    rows[0][headings.index(name)] = str(getattr(ours, key))
    across = stage_sheet(superuser, model_of(res), headings, rows)
    assert across.errors == 1  # the name fits a row of each tenant
    assert "give its id" in ImportRow.objects.get(run=across).errors[0]["message"]
    chosen = stage_sheet(superuser, model_of(res), headings, rows, tenant=tenant)
    assert chosen.new == 1
    confirm(chosen, superuser)
    row = model_of(res).objects.get(pk=ImportRow.objects.get(run=chosen).target)
    assert getattr(row, f"{name}_id") == ours.pk
    assert getattr(row, f"{access.tenant_path(model_of(res))}_id") == tenant.pk
