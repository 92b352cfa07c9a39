"""Cell values of an export: formula escaping, numbers, dates; and the generated tables agree
with the spec (every field type has a cell kind, references are written by a natural key, the
columns are the import/export resource's)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.test import override_settings
from spec_rows import PROJECT

from codegen.field_types import MANY, ONE, TYPES
from timba.generated import resources as generated_resources
from timba.runtime.exports import cells

from .export_support import DANGEROUS, WITH_IE, table_of


@pytest.mark.parametrize("prefix", DANGEROUS, ids=repr)
@pytest.mark.parametrize("kind", ["text", "reference"])
def test_text_starting_a_formula_is_escaped(kind, prefix):
    text = f"{prefix}HYPERLINK(\"http://x\")"
    assert cells.csv_text(kind, text) == "'" + text
    assert cells.xlsx_value(kind, text) == "'" + text
    assert cells.unescape(cells.csv_text(kind, text)) == text


@pytest.mark.parametrize("prefix", DANGEROUS, ids=repr)
def test_a_many_reference_starting_a_formula_is_escaped(prefix):
    assert cells.csv_text("many", [f"{prefix}a", "b"]) == f"'{prefix}a, b"


@pytest.mark.parametrize("text", ["plain", "a=b", "'quoted", " =spaced", "", "-", "'"])
def test_harmless_text_is_left_alone(text):
    expected = "'-" if text == "-" else text
    assert cells.csv_text("text", text) == expected
    assert cells.unescape(cells.csv_text("text", text)) == text


@pytest.mark.parametrize("text", ["'=1+2", "''-5", "'@x"])
def test_text_already_quoted_before_a_formula_reads_back_as_it_was(text):
    escaped = cells.escape(text)
    assert escaped == "'" + text
    assert cells.unescape(escaped) == text


def test_control_characters_xml_cannot_hold_are_dropped_before_escaping():
    assert cells.xlsx_value("text", "\x01=1+2") == "'=1+2"


@pytest.mark.parametrize("kind,value,expected", [
    ("integer", -5, "-5"),
    ("decimal", Decimal("-0.315000"), "-0.315000"),
    ("decimal", Decimal("0E-6"), "0.000000"),
    ("boolean", True, "TRUE"),
    ("date", date(2026, 1, 31), "2026-01-31"),
    ("text", None, ""),
])
def test_csv_numbers_and_dates(kind, value, expected):
    assert cells.csv_text(kind, value) == expected


@override_settings(TIME_ZONE="Europe/Berlin")
def test_datetimes_are_local_to_the_second():
    stored = datetime(2026, 1, 31, 8, 0, 5, 123456, tzinfo=UTC)
    assert cells.csv_text("datetime", stored) == "2026-01-31 09:00:05"
    assert cells.xlsx_value("datetime", stored) == datetime(2026, 1, 31, 9, 0, 5)


def test_numbers_stay_numbers_in_xlsx():
    assert cells.xlsx_value("integer", -5) == -5
    assert cells.xlsx_value("decimal", Decimal("-1.5")) == Decimal("-1.5")


@pytest.mark.parametrize("ftype", TYPES.values(), ids=list(TYPES))
def test_every_field_type_has_a_cell_kind(ftype):
    assert ftype.cell in cells.KINDS
    assert (ftype.cell == "reference") == (ftype.relation == ONE)
    assert (ftype.cell == "many") == (ftype.relation == MANY)
    assert (ftype.cell in {"integer", "decimal"}) == ftype.numeric


@pytest.mark.parametrize("res", WITH_IE)
def test_the_columns_are_the_import_export_resources(res):
    resource = getattr(generated_resources, f"{res.name}Resource")()
    exported = [f.column_name for f in resource.get_export_fields()]
    assert table_of(res).headers == exported
    importable = {f.column_name for f in resource.get_import_fields()}
    assert set(table_of(res).headers) - importable <= {"id", *res.readonly_names}


@pytest.mark.parametrize("res", WITH_IE)
def test_references_are_written_by_a_key_that_names_one_row(res):
    """A reference's key is unique on its target, or unique within the target's tenant."""
    for column in table_of(res).columns:
        if column.cell not in {"reference", "many"}:
            continue
        target = PROJECT.resource(res.field(column.name).target)
        unique = column.key == "id" or target.field(column.key).unique
        within_tenant = target.tenant not in (None, "self") and any(
            set(group) == {column.key, target.tenant} for group in target.unique_together
        )
        assert unique or within_tenant, (res.name, column)
        if target.import_key and column.key != "id":
            assert column.key in target.import_key, "the target's natural key names it"
