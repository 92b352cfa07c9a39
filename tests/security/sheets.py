"""Spreadsheets for the import/export part of the security matrix, built from the spec.

A sheet row names client B as the tenant (the import must not believe it), A's rows as the
other tenant-owned parents, and fresh values elsewhere; values are rendered by the generated
resource's own widgets, so the sheet reads exactly like an export.
"""

from __future__ import annotations

import tablib
from spec_rows import RESOURCES, model_of, scalar_value

from timba.generated import resources as generated_resources

from .tenancy import World

WITH_IE = [res for res in RESOURCES if res.import_export]


def resource_class(res):
    return getattr(generated_resources, f"{res.name}Resource")


def columns(res) -> list:
    """Writable fields the import resource knows, plus the tenant field even when it is
    derived (a sheet may name a log's client)."""
    known = resource_class(res)().fields
    return [f for f in res.fields if f.name in known and (f.writable or f.name == res.tenant)]


def sheet_row(world: World, res, **overrides) -> dict:
    """One row as {field name: python value}; many-references are lists of rows."""
    row = {}
    for f in columns(res):
        if f.name in overrides:
            row[f.name] = overrides[f.name]
        elif f.name == res.tenant:
            row[f.name] = world.b
        elif f.is_reference or f.is_many:
            parent = world.parent(f.target)
            row[f.name] = [parent] if f.is_many else parent
        else:
            row[f.name] = scalar_value(f)
    return row


def dataset(res, rows: list[dict]) -> tablib.Dataset:
    """The rows as a sheet headed by field names, values rendered by the resource's widgets."""
    widgets = {name: f.widget for name, f in resource_class(res)().fields.items()}
    fields = columns(res)
    data = tablib.Dataset(headers=[f.name for f in fields])
    for row in rows:
        values = []
        for f in fields:
            value, widget = row[f.name], widgets[f.name]
            if f.is_many:
                values.append(
                    widget.render(
                        type(value[0])._default_manager.filter(pk__in=[v.pk for v in value])
                    )
                )
            elif f.is_reference:
                values.append(str(widget.render(value)))
            else:
                values.append(str(value))
        data.append(values)
    return data


def import_sheet(res, data, user):
    """Import as `user`, the way the admin calls it; row errors are collected, not raised."""
    return resource_class(res)().import_data(data, dry_run=False, user=user)


def plain_key(res, row: dict) -> dict:
    """The natural key's plain (non-reference) parts of a sheet row, as a lookup."""
    return {name: row[name] for name in res.import_key if not res.field(name).is_reference}


def find_imported(res, row: dict):
    """The one stored row with the sheet row's plain natural key values."""
    return model_of(res)._default_manager.get(**plain_key(res, row))


def errors_of(result) -> list:
    return [e.error for _, errs in result.row_errors() for e in errs] + [
        r.error_dict for r in result.invalid_rows
    ]
