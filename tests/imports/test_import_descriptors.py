"""The generated descriptors carry the spec (fields, labels, aliases, units, key, tenant), and
for every resource whose spec enables import/export a sheet headed by its labels reads back
the values written into it: as XLSX with native cells, as CSV text, as a European CSV."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from tests.imports import sheet_files
from tests.spec_rows import RESOURCES, scalar_value
from timba.runtime.imports import convert, descriptor_for, map_columns, read_table
from timba.runtime.imports.descriptors import registered

IMPORTED = [r for r in RESOURCES if r.import_export]


def test_exactly_the_imported_resources_are_registered():
    assert set(registered()) == {r.name for r in IMPORTED}


@pytest.mark.parametrize("res", IMPORTED, ids=lambda r: r.name)
def test_descriptor_follows_the_spec(res):
    descriptor = descriptor_for(res.name)
    assert (descriptor.key, descriptor.tenant, descriptor.label) == (res.import_key, res.tenant, res.label)
    aliases, units = dict(res.import_aliases), dict(res.import_units)
    for column in descriptor.columns:
        field = res.field(column.name)
        assert (column.label, column.kind, column.required) == (field.label, field.kind, field.required)
        assert column.aliases == tuple(aliases.get(field.name, ()))
        assert column.units == tuple(units.get(field.name, ()))
        assert column.target == field.target


def expected_values(res):
    """(column, value written, value expected back) for each importable column."""
    out = []
    for column in descriptor_for(res.name).columns:
        if column.kind == "reference":
            out.append((column, "ref-1", "ref-1"))
        elif column.kind == "many-references":
            out.append((column, "a, b", ["a", "b"]))
        else:
            value = scalar_value(res.field(column.name))
            out.append((column, value, value))
    return out


def _csv_text(value, european: bool) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return str(value).replace(".", ",") if european else str(value)
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M") if european else value.isoformat()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y") if european else value.isoformat()
    return str(value)


def _check(res, table, cases):
    mapping = map_columns(table.header, descriptor_for(res.name)).check()
    number, cells = next(table.rows)
    values, issues = convert(mapping, (number, cells), convention=table.number_convention)
    assert issues == []
    for column, _, expected in cases:
        got = values[column.name]
        if isinstance(expected, datetime):
            assert got.replace(tzinfo=None) == expected.replace(tzinfo=None), column.name
        else:
            assert got == expected, column.name


@pytest.mark.parametrize("res", IMPORTED, ids=lambda r: r.name)
def test_xlsx_round_trip(res, tmp_path):
    cases = expected_values(res)
    cells = [v.replace(tzinfo=None) if isinstance(v, datetime) else v for _, v, _ in cases]
    path = sheet_files.xlsx(tmp_path / "rows.xlsx", [[f"{res.label_plural} to import"], [], [c.label for c, _, _ in cases], cells])
    with read_table(path, descriptor=descriptor_for(res.name)) as table:
        assert table.header_row == 3
        _check(res, table, cases)


@pytest.mark.parametrize("european", [False, True], ids=["csv", "european-csv"])
@pytest.mark.parametrize("res", IMPORTED, ids=lambda r: r.name)
def test_csv_round_trip(res, tmp_path, european):
    cases = expected_values(res)
    sep = ";" if european else ","
    quote = lambda text: '"' + text.replace('"', '""') + '"'  # noqa: E731
    lines = [sep.join(quote(c.label.upper()) for c, _, _ in cases), sep.join(quote(_csv_text(v, european)) for _, v, _ in cases)]
    path = sheet_files.text_file(tmp_path / "rows.csv", "\r\n".join(lines) + "\r\n", bom=european)
    with read_table(path, descriptor=descriptor_for(res.name)) as table:
        _check(res, table, cases)
