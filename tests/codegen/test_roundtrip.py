"""Round trips in the spirit of Django's migration-writer tests: what codegen writes as Python
source must compile, and the values it serialises must read back equal to the IR's.

- every generated and scaffolded .py file of every golden case (and of the real spec) compiles;
- `literal()` output evaluates back to the value it was given, wrapped (`assign`) or not;
- the field options in generated models.py parse back (via `ast`) to the IR's values.

Known emitter bugs are pinned with strict xfails, so fixing one turns its test red until the
marker goes.
"""

from __future__ import annotations

import ast
from decimal import Decimal

import pytest
from codegen_cases import CASES, REPO_SPEC, render_all, success_cases

from codegen import ir
from codegen.emit import generated_files, scaffold_files
from codegen.emit.models import emit_models
from codegen.emit.source import assign, call, literal
from codegen.spec import load_spec, load_spec_text

SPECS = {case: CASES / case / "resources.yaml" for case in success_cases()} | {"repo": REPO_SPEC}


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_generated_module_compiles(name):
    files = render_all(SPECS[name])
    assert any(rel.endswith(".py") for rel in files)
    for rel, text in files.items():
        compile(text, rel, "exec")  # raises SyntaxError with the file and line


VALUES = [
    "plain",
    'say "hi"',
    "back\\slash and \\N{not an escape}",
    "tab\there",
    "unicode: length × breadth, café",
    "",
    True,
    False,
    None,
    0,
    -12,
    Decimal("0.001"),
    Decimal("-99999.99"),
    ("one",),
    (),
    ("a", 1, Decimal("2.5")),
    ["x", ["nested", ("t",)]],
    {"name": ["client", "client name"], "n": (1, 2)},
    [("hardwood", "Hardwood"), ("pinewood", "Pinewood")],
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_literal_evaluates_back_to_the_value(value):
    source = literal(value)
    back = eval(compile(source, "<literal>", "eval"), {"Decimal": Decimal})  # noqa: S307
    assert back == value
    assert type(back) is type(value)


@pytest.mark.parametrize("value", [v for v in VALUES if isinstance(v, (tuple, list, dict)) and v], ids=repr)
def test_wrapped_assignments_evaluate_back(value):
    for width in (10, 40, 100):
        namespace = {"Decimal": Decimal}
        exec(compile(assign("name", value, width=width), "<assign>", "exec"), namespace)  # noqa: S102
        assert namespace["name"] == value


def test_long_calls_wrap_and_still_parse():
    source = call("models.CharField", literal("label" * 10), max_length="255", help_text=literal("x" * 60))
    assert "\n" in source
    node = ast.parse(source, mode="eval").body
    assert isinstance(node, ast.Call)
    assert [k.arg for k in node.keywords] == ["max_length", "help_text"]


def _value(node: ast.expr):
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Decimal":
        return Decimal(ast.literal_eval(node.args[0]))
    return ast.literal_eval(node)


def _model_fields(models_py: str, res: ir.Resource) -> dict[str, ast.Call]:
    tree = ast.parse(models_py)
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == f"{res.name}Base")
    return {
        n.targets[0].id: n.value
        for n in cls.body
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call) and isinstance(n.targets[0], ast.Name)
    }


@pytest.mark.parametrize("name", sorted(SPECS))
def test_model_field_options_read_back_as_the_ir(name):
    project = ir.build(load_spec(SPECS[name]))
    models_py = emit_models(project)["timba/generated/models.py"]
    for res in project.resources:
        calls = _model_fields(models_py, res)
        assert [n for n in calls if n not in {"created_at", "updated_at"}] == [f.name for f in res.fields]
        for field in res.fields:
            node = calls[field.name]
            kw = {k.arg: k.value for k in node.keywords}
            first = _value(node.args[0])
            assert first == (f"timba.{field.target}" if field.target else field.label), field.name
            if field.target:
                assert _value(kw["verbose_name"]) == field.label
            if field.choices:
                assert _value(kw["choices"]) == list(field.choices)
            if field.max_length and field.kind != "text":
                assert _value(kw["max_length"]) == field.max_length
            if field.default is not None:
                assert _value(kw["default"]) == field.default
            if field.help:
                assert _value(kw["help_text"]) == field.help
            if field.kind == "decimal":
                assert (_value(kw["max_digits"]), _value(kw["decimal_places"])) == (field.max_digits, field.decimal_places)
            assert ("unique" in kw) == field.unique
            assert ("editable" in kw) == (not field.writable)


def _compiles(spec_text: str) -> None:
    project = ir.build(load_spec_text(spec_text))
    for rel, text in {**generated_files(project), **scaffold_files(project)}.items():
        compile(text, rel, "exec")


ONE_FIELD = "version: 1\nresources:\n  Thing:\n{extra}    fields:\n      a: {field}\n"


def test_quotes_and_unicode_in_spec_text_compile():
    _compiles(ONE_FIELD.format(extra="    label: 'the \"best\" thing ×'\n", field="{type: string, help: 'a \"quoted\" \\ help ×'}"))


def test_multi_line_help_compiles():
    _compiles(ONE_FIELD.format(extra="", field="{type: string, help: \"line one\\nline two\"}"))


def test_backslash_in_a_resource_label_compiles():
    _compiles(ONE_FIELD.format(extra="    label: 'C:\\New thing'\n", field="string"))
