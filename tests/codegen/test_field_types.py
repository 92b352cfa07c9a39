"""The table of field types (codegen.field_types) is complete for every target.

A type missing from a target fails here, by name: an entry lacking a value an emitter or check
needs, a type the all_types golden spec does not declare (so no golden output shows it), a type
with no value rule in tests/spec_rows.py (so the API tests could not build rows for it), or a
filter operator the spec language does not know.
"""

from __future__ import annotations

import builtins
import re

import pytest
from codegen_cases import CASES
from spec_rows import invalid_values, scalar_value, to_json

from codegen import ir
from codegen.field_types import EMPTY_VALUES, MANY, ONE, TYPE_OPTIONS, TYPES, FieldType
from codegen.spec import SpecError, load_spec, load_spec_text
from codegen.spec.model import FIELD_TYPES, FILTER_OPERATORS

ALL_TYPES = CASES / "all_types" / "resources.yaml"
PROJECT = ir.build(load_spec(ALL_TYPES))
# The first field of each type in the all_types spec.
DECLARED: dict[str, ir.Field] = {}
for _res in PROJECT.resources:
    for _field in _res.fields:
        DECLARED.setdefault(_field.kind, _field)

each_type = pytest.mark.parametrize("ftype", TYPES.values(), ids=list(TYPES))


def test_the_spec_language_is_the_table():
    assert FIELD_TYPES == tuple(TYPES)
    assert all(name == entry.name for name, entry in TYPES.items())


@each_type
def test_entry_has_what_the_emitters_need(ftype: FieldType):
    """models.py, schemas.py, admin.py, resources.py and the IR read these; a value an emitter
    needs is never None or empty."""
    assert re.fullmatch(r"models\.[A-Z]\w*", ftype.model_field), ftype.model_field
    for type_source in filter(None, (ftype.schema_type, ftype.filter_type, ftype.input_type, ftype.input_check)):
        compile(type_source, "<schema type>", "eval")
        imported = {n for line in ftype.schema_imports for n in re.findall(r"\w+", line.partition(" import ")[2])}
        for name in re.findall(r"[A-Za-z_]\w*", type_source):
            assert hasattr(builtins, name) or name in imported, (
                f"{ftype.name}: schema type {type_source!r} needs an import of {name} in schema_imports"
            )
    assert ftype.empty in EMPTY_VALUES
    assert ftype.options <= set(TYPE_OPTIONS), ftype.options - set(TYPE_OPTIONS)
    if ftype.takes("max_length"):
        assert isinstance(ftype.default_max_length, int) and ftype.default_max_length > 0, (
            f"{ftype.name} takes max_length: it needs a default_max_length"
        )
    assert ftype.takes("max_digits") == ftype.takes("decimal_places") == (ftype.default_digits is not None)
    if ftype.default_digits:
        digits, places = ftype.default_digits
        assert 0 <= places <= digits
    assert ftype.takes("min") == ftype.takes("max")
    if ftype.takes("min"):
        assert ftype.numeric, f"{ftype.name} takes min/max but is not numeric"
    # every integer the API accepts is held to its column: whole numbers and ids have a range
    if ftype.whole_number or ftype.relation:
        low, high = ftype.column_range or (None, None)
        assert isinstance(low, int) and isinstance(high, int) and low < high, f"{ftype.name} needs a column_range"
        assert ftype.input_check, f"{ftype.name}: a JSON integer, never `true` or text, needs an input_check"
    else:
        assert ftype.column_range is None, f"{ftype.name} is no integer: no column_range"
    if "in" in ftype.filters:  # the document says which comma-separated lists the filter takes
        assert ftype.list_pattern and "_pattern(" in ftype.list_pattern, f"{ftype.name}: an `in` filter needs a list_pattern"
    assert ftype.relation in {None, ONE, MANY}
    assert bool(ftype.relation) == ftype.takes("to") == bool(ftype.import_widget)
    assert ftype.takes("on_delete") == (ftype.relation == ONE)
    assert ftype.column or ftype.relation == MANY, "only a many-to-many relation lives outside the row"
    if ftype.pattern is not None:
        re.compile(ftype.pattern)
    for source, needs in ftype.validators:
        assert source and re.fullmatch(rf"from [\w.]+ import .*\b{re.escape(source.split('(')[0])}\b.*", needs)
    textual_only = {
        "empty blank": ftype.empty == "blank",
        "searchable": ftype.searchable,
        "contains": "contains" in ftype.filters,
        "display": ftype.display,
        "required_nonempty": ftype.required_nonempty,
    }
    for what, holds in textual_only.items():
        assert ftype.textual or not holds, f"{ftype.name}: {what} needs a textual type"
    assert ftype.accepts_default is None or callable(ftype.accepts_default)


@each_type
def test_filter_operators_are_the_spec_languages(ftype: FieldType):
    assert ftype.filters, f"{ftype.name} supports no filter"
    assert set(ftype.filters) <= set(FILTER_OPERATORS), set(ftype.filters) - set(FILTER_OPERATORS)
    assert list(ftype.filters) == [op for op in FILTER_OPERATORS if op in ftype.filters], "in FILTER_OPERATORS order"


@each_type
def test_the_checks_accept_exactly_the_operators_of_the_table(ftype: FieldType):
    extra = {"choice": ", choices: [a, b]", "reference": ", to: Other", "many-references": ", to: Other"}

    def spec(ops):
        return (
            "version: 1\nresources:\n  Other:\n    fields:\n      name: string\n  Thing:\n    fields:\n"
            f"      f: {{type: {ftype.name}{extra.get(ftype.name, '')}}}\n"
            f"    api:\n      filters: {{f: [{', '.join(ops)}]}}\n"
        )
    load_spec_text(spec(ftype.filters))
    for op in set(FILTER_OPERATORS) - set(ftype.filters):
        with pytest.raises(SpecError, match=f"filter '{op}' does not suit"):
            load_spec_text(spec([op]))


@each_type
def test_every_type_is_in_the_all_types_golden_spec(ftype: FieldType):
    assert ftype.name in DECLARED, f"declare a {ftype.name} field in {ALL_TYPES.relative_to(CASES.parent)}"


@each_type
def test_every_type_has_a_value_rule_in_spec_rows(ftype: FieldType):
    """RowBuilder builds relations itself (is_reference, is_many); every other type needs
    scalar_value, and its values must pass the schema's pattern and length."""
    if ftype.name not in DECLARED:
        pytest.fail(f"no {ftype.name} field in the all_types spec to build values for")
    field = DECLARED[ftype.name]
    if ftype.relation:
        assert field.is_reference or field.is_many
        return
    values = {to_json(scalar_value(field, n)) for n in range(1, 6)}
    assert len(values) > 1 or ftype.name in {"boolean", "choice"}, "values vary with the counter"
    for value in values:
        if ftype.pattern:
            assert re.fullmatch(ftype.pattern, value), (ftype.name, value)
        if field.max_length and isinstance(value, str):
            assert len(value) <= field.max_length
    for label, value in invalid_values(field):
        assert label and value is not None
