"""Fixtures and sheet builders for the import engine's tests (tests/imports/test_engine_*.py):
tenants, a tenant clerk allowed to import, and sheets built from the spec's import descriptors
(one column per importable field, headed by its label; references by their natural key)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from spec_rows import RESOURCES, RowBuilder, model_of, scalar_value

from timba.generated import security as spec
from timba.runtime import access
from timba.runtime.imports.descriptors import descriptor_for
from timba.runtime.imports.engine import stage_file
from timba.runtime.imports.lookups import lookup_field

KEYED = [pytest.param(r, id=r.name) for r in RESOURCES if r.import_export and r.import_key]


@pytest.fixture
def roles(db) -> dict:
    from timba.models import Role

    return {name: Role.objects.get_or_create(name=name)[0] for name in spec.ROLES}


def make_tenant(builder: RowBuilder, **overrides):
    return builder.create(spec.TENANT, **({"status": "active", "paid_until": None, "seats": 1000} | overrides))


def make_user(builder: RowBuilder, tenant, role_names, roles):
    path = access.tenant_path(model_of_name("User"))
    return builder.create("User", **{path: tenant, "roles": [roles[n] for n in role_names]})


def model_of_name(name: str):
    return next(model_of(r) for r in RESOURCES if r.name == name)


@pytest.fixture
def tenant(builder):
    return make_tenant(builder)


@pytest.fixture
def other_tenant(builder):
    return make_tenant(builder)


@pytest.fixture
def clerk(builder, tenant, roles):
    """A tenant user holding every role the spec's import permissions name."""
    return make_user(builder, tenant, spec.ROLES, roles)


def importer(res, clerk, superuser):
    """Who imports `res` in a generic test: the clerk when their roles may, else staff."""
    return clerk if access.allowed(clerk, model_of(res), "import") else superuser


def cell_text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def parent(builder, target_model, tenant):
    """A row of `target_model` in `tenant` (when it has one), made for a sheet to name."""
    path = access.tenant_path(target_model)
    overrides = {path: tenant} if path not in (None, "self") and path not in getattr(target_model, "derived_fields", {}) else {}
    if path not in (None, "self") and path in getattr(target_model, "derived_fields", {}):
        source_parent, _ = target_model.derived_fields[path]
        overrides[source_parent] = parent(builder, target_model._meta.get_field(source_parent).related_model, tenant)
    if path == "self":
        return tenant
    return builder.create(target_model.__name__, **overrides)


def sheet(res, builder, tenant, count: int, *, fixed_tenant: bool = True) -> tuple[list[str], list[list]]:
    """(headings, rows): `count` valid rows for `res` whose references are rows of `tenant`."""
    model = model_of(res)
    descriptor = descriptor_for(model)
    path = access.tenant_path(model)
    columns = [c for c in descriptor.columns if not (fixed_tenant and c.name == path)]
    headings = [c.label for c in columns]
    rows = []
    for _ in range(count):
        row = []
        for column in columns:
            field = model._meta.get_field(column.name)
            if column.target:
                target = parent(builder, field.related_model, tenant)
                lookup = lookup_field(column, field.related_model)
                row.append(str(target.pk if lookup == "pk" else getattr(target, lookup)))
            else:
                row.append(cell_text(scalar_value(next(f for f in res.fields if f.name == column.name))))
        rows.append(row)
    return headings, rows


def csv_upload(headings, rows, name: str = "rows.csv") -> io.BytesIO:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings)
    writer.writerows(rows)
    upload = io.BytesIO(buffer.getvalue().encode())
    upload.name = name
    return upload


def stage_sheet(user, model, headings, rows, *, tenant=None, name: str = "rows.csv"):
    return stage_file(user, model, csv_upload(headings, rows, name), name, tenant=tenant)
