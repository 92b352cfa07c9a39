"""Headings → fields, for every resource whose spec enables import/export (its generated
descriptor) and for the office cases: names, labels and aliases match ignoring case, spaces,
punctuation and a unit in brackets; a missing required column is one message listing the
columns expected and found; two columns for one field name both."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.imports.test_reading_files import BOARD
from tests.spec_rows import RESOURCES
from timba.runtime.imports import ImportFileError, descriptor_for, map_columns

IMPORTED = [r for r in RESOURCES if r.import_export]


def variants(word: str) -> list[str]:
    """How a sheet may spell a heading."""
    return [word, word.upper(), word.title(), word.replace(" ", "_"), f"  {word}. ", word.replace("_", " ").replace(" ", "-")]


@pytest.mark.parametrize("res", IMPORTED, ids=lambda r: r.name)
def test_every_name_label_and_alias_maps(res):
    descriptor = descriptor_for(res.name)
    assert [c.name for c in descriptor.columns] == [f.name for f in res.fields if f.writable]
    for column in descriptor.columns:
        words = [column.name, column.label, *column.aliases]
        for word in words:
            for heading in variants(word):
                mapping = map_columns([heading], descriptor)
                assert [c.field for c in mapping.columns] == [column.name], (heading, column.name)
            if not column.units:  # a unit in brackets is ignored where the field declares none
                assert map_columns([f"{word} (kg)"], descriptor).columns[0].field == column.name


@pytest.mark.parametrize("res", IMPORTED, ids=lambda r: r.name)
def test_a_missing_required_column_is_one_message(res):
    descriptor = descriptor_for(res.name)
    required = [c for c in descriptor.columns if c.required]
    if not required:
        pytest.skip(f"{res.name} has no required column")
    headings = [c.label for c in descriptor.columns if c is not required[0]] + ["Remarks"]
    mapping = map_columns(headings, descriptor)
    assert mapping.missing == (required[0].name,)
    assert mapping.ignored == ((len(headings) - 1, "Remarks"),)
    with pytest.raises(ImportFileError) as caught:
        mapping.check()
    message = caught.value.message
    assert message.startswith(f"Required column missing: {required[0].label}")
    assert "Expected columns: " + ", ".join(c.label for c in descriptor.columns) in message
    assert "'Remarks'" in message and all(f"'{h}'" in message for h in headings)
    # a column the caller fills itself (the tenant, for a tenant's user) is not asked for
    assert map_columns(headings, descriptor, supplied={required[0].name}).missing == ()


@pytest.mark.parametrize("res", IMPORTED, ids=lambda r: r.name)
def test_two_columns_for_one_field(res):
    descriptor = descriptor_for(res.name)
    column = descriptor.columns[0]
    second = column.aliases[0] if column.aliases else column.label.upper()
    mapping = map_columns([column.name, second], descriptor)
    assert f"Columns '{column.name}' and '{second}' are both {column.label}: keep one of them." in mapping.problems
    assert [c.heading for c in mapping.columns] == [column.name]
    with pytest.raises(ImportFileError):
        mapping.check()


def test_office_headings():
    mapping = map_columns(["Board No", "W (m)", "Width"], BOARD)
    assert [(c.heading, c.field) for c in mapping.columns] == [("Board No", "code"), ("W (m)", "width")]
    assert "Columns 'W (m)' and 'Width' are both width" in mapping.problems[0]


@pytest.mark.parametrize(("heading", "factor"), [
    ("Width", None), ("Width (m)", None), ("width [cm]", Decimal("0.01")), ("W (mm)", Decimal("0.001")), ("WIDTH ( CM )", Decimal("0.01")),
])
def test_units(heading, factor):
    mapping = map_columns(["code", heading], BOARD).check()
    assert mapping.fields["width"].factor == factor


def test_an_unknown_unit_is_refused():
    mapping = map_columns(["code", "Width (in)"], BOARD)
    assert mapping.problems == ("Column 'Width (in)': the unit is not one of m, cm, mm.",)


def test_missing_several():
    mapping = map_columns(["Pieces", "", None], BOARD)
    assert mapping.missing == ("code", "width")
    assert mapping.problems[0].startswith("Required columns missing: code (or board no, board id); width (or w).")
    assert mapping.problems[0].endswith("Found: 'Pieces'.")
