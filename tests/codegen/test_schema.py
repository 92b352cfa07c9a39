"""The JSON Schema of resources.yaml (`codegen.schema`, committed as resources.schema.json) says
what the loader says about a spec's structure, and describes every key for editors.

Two kinds of problem make codegen refuse a spec, and a schema can only see the first:

- structural: the pydantic models (`codegen.spec.model.SpecFile`) refuse the document: an
  unknown key, a missing key, a value of the wrong type, a value outside its literals or bounds;
- the rest: cross-references (`codegen.spec.check*`: unknown field names, undeclared targets,
  reserved words...) and YAML-level problems (duplicate keys, tags, merge keys), which need the
  whole document or the YAML source.

A case is structurally broken exactly when `SpecFile.model_validate` refuses its
`yaml.safe_load` data, the same data the schema validator gets; the loader's verdict
(`load_spec`) then only tells accepted specs from the others.
"""

from __future__ import annotations

import copy
import datetime
import json

import pytest
import yaml
from codegen_cases import CASES, REPO, REPO_SPEC, case_names
from pydantic import ValidationError

from codegen.field_types import TYPES
from codegen.schema import DIALECT, FIELD_TYPE_DEF, SCHEMA_FILE, schema_text, spec_schema, type_line
from codegen.spec import SpecError, load_spec
from codegen.spec.model import SpecFile

try:  # schemathesis (the dev extra) brings jsonschema_rs
    import jsonschema_rs

    Draft202012Validator = jsonschema_rs.Draft202012Validator
    check_schema = jsonschema_rs.meta.validate
except ImportError:  # pragma: no cover - the jsonschema package, where installed instead
    from jsonschema import Draft202012Validator

    check_schema = Draft202012Validator.check_schema

SCHEMA = spec_schema()
VALIDATOR = Draft202012Validator(SCHEMA)


def _as_json(value):
    """YAML data as a JSON Schema validator (and an editor) sees it: a YAML 1.1 timestamp, which
    PyYAML reads as a date (and the loader refuses), is a plain string in YAML 1.2."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"no JSON for {type(value).__name__}")


def _schema_errors(data) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(data)]


def _structural_problems(data) -> list[str]:
    """pydantic's errors for the document: what makes it structurally broken ([] when it is not)."""
    try:
        SpecFile.model_validate(data)
    except ValidationError as exc:
        return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    return []


def _loader_accepts(path) -> bool:
    try:
        load_spec(path)
    except SpecError:
        return False
    return True


# -- drift ---------------------------------------------------------------------------------------


def test_committed_schema_is_current():
    committed = (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), "resources.schema.json is stale: run `python -m codegen schema`"


def test_schema_is_a_2020_12_schema_without_an_id():
    assert SCHEMA["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["title"]
    assert "$id" not in SCHEMA
    assert REPO_SPEC.read_text(encoding="utf-8").startswith(f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n")
    check_schema(SCHEMA)  # against the 2020-12 metaschema


# -- the specs: the project's and every golden case's --------------------------------------------


def test_project_spec_validates():
    data = _as_json(yaml.safe_load(REPO_SPEC.read_text(encoding="utf-8")))
    assert _loader_accepts(REPO_SPEC)
    assert _schema_errors(data) == []


def _verdict(case: str) -> tuple[str, object, list[str]]:
    """(kind, the document as JSON, pydantic's errors for it). kind: `unparsed` (not YAML to
    yaml.safe_load), `accepted` (codegen compiles it), `structural` (the models refuse the
    document), or `other` (refused for cross-reference or YAML-level problems only)."""
    path = CASES / case / "resources.yaml"
    try:
        data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    except yaml.YAMLError as exc:
        return "unparsed", type(exc).__name__, []
    structural = _structural_problems(data)
    kind = "accepted" if _loader_accepts(path) else "structural" if structural else "other"
    return kind, data, structural


@pytest.mark.parametrize("case", case_names())
def test_case_against_schema(case):
    """An accepted spec validates; a structurally broken one does not; one refused only for
    cross-reference or YAML-level problems validates (its structure is fine)."""
    kind, data, structural = _verdict(case)
    if kind == "unparsed":
        pytest.skip(f"yaml.safe_load refuses it ({data}): no document for a schema to see")
    errors = _schema_errors(data)
    if kind == "accepted":
        assert not structural, f"codegen accepts {case}, but its models refuse the document: {structural}"
        assert errors == [], f"codegen accepts {case}, but the schema refuses it"
    elif kind == "structural":
        assert errors, f"{case} is structurally broken ({structural[0]}), but the schema accepts it"
    else:
        assert errors == [], f"{case} is refused for cross-reference or YAML problems only, but the schema refuses it"


def test_the_cases_cover_every_verdict():
    """So that test_case_against_schema cannot pass by finding nothing to check."""
    verdicts: dict[str, list[str]] = {}
    for case in case_names():
        verdicts.setdefault(_verdict(case)[0], []).append(case)
    assert all(verdicts.get(kind) for kind in ("accepted", "structural", "other")), verdicts
    structural = {"error_unknown_key", "error_missing_keys", "error_value_types", "error_unknown_field_type"}
    assert structural <= set(verdicts["structural"])
    assert {"error_references", "error_duplicate_key"} <= set(verdicts["other"])


# -- value by value: the schema takes what the models take --------------------------------------

BASE = {
    "version": 1,
    "security": {"tenant": "Thing", "roles": ["web"]},
    "resources": {"Thing": {"fields": {"f": {"type": "string"}}}},
}
FIELD = ("resources", "Thing", "fields", "f")
RESOURCE = ("resources", "Thing")
PLACES = {
    "version": ("version",),
    "required": (*FIELD, "required"),
    "timestamps": (*RESOURCE, "timestamps"),
    "import_export.enabled": (*RESOURCE, "import_export", "enabled"),
    "max_length": (*FIELD, "max_length"),
    "max_digits": (*FIELD, "max_digits"),
    "decimal_places": (*FIELD, "decimal_places"),
    "bulk.max_items": (*RESOURCE, "api", "bulk", "max_items"),
    "min": (*FIELD, "min"),
    "default": (*FIELD, "default"),
    "type": (*FIELD, "type"),
    "a field": FIELD,
    "fields": (*RESOURCE, "fields"),
    "label": (*FIELD, "label"),
    "help": (*FIELD, "help"),
    "choices": (*FIELD, "choices"),
    "computed_from": (*FIELD, "computed_from"),
    "on_delete": (*FIELD, "on_delete"),
    "auto": (*FIELD, "auto"),
    "api": (*RESOURCE, "api"),
    "api.operations": (*RESOURCE, "api", "operations"),
    "api.filters": (*RESOURCE, "api", "filters"),
    "permissions": (*RESOURCE, "permissions"),
    "aggregates": (*RESOURCE, "aggregates"),
    "legacy.messages": (*RESOURCE, "legacy", "messages"),
    "security": ("security",),
    "security.roles": ("security", "roles"),
    "security.channels": ("security", "channels"),
    "resources": ("resources",),
}
VALUES = [
    True, False, 0, 1, 2, -1, 0.0, 1.0, 1.5, 30, 31, 65, 66, 10000, 10001, None,
    "", " ", "x", "0", "1", "50", " 5 ", "5.0", "1_000", "-3", "1.5", "1e3", ".5", "abc",
    "yes", "No", "ON", "t", "maybe", "string", "phone", "many-references", "strng", "cascade", "creator",
    [], ["a"], [""], [1], ["list", "get"], ["lst"],
    {}, {"a": "b"}, {"": "b"}, {"a": 1}, {"list": ["web"]}, {"lst": ["web"]}, {"api": "web"},
    {"app": "web"}, {"create": "ok"}, {"n": {"count": "logs"}}, {"n": {"cnt": "logs"}},
    {"f": ["exact"]}, {"f": ["like"]}, {"g": "phone"}, {"g": {"type": "text"}}, {"g": "bogus"},
    {"g": None}, {"g": ["text"]}, {"Other": {"fields": {}}}, {"Other": {}},
]
INTEGER_KEYS = {"max_length", "max_digits", "decimal_places", "bulk.max_items"}


def _with(place: tuple, value) -> dict:
    spec = copy.deepcopy(BASE)
    node = spec
    for part in place[:-1]:
        node = node.setdefault(part, {})
    node[place[-1]] = value
    if "bulk" in place:
        node.setdefault("key", ["f"])
    if "legacy" in place:
        spec["resources"]["Thing"]["legacy"].setdefault("path", "thing")
    return spec


def _known_difference(place: str, value) -> bool:
    """pydantic's lax mode also reads integers from booleans (true is 1) and from numeric
    strings ("50", " 5 ", "1_000", "5.0"), and `version: true` as 1. The schema leaves these
    out on purpose (see codegen.schema): nobody means them, and an editor that flags them helps."""
    if place in INTEGER_KEYS:
        return isinstance(value, (bool, str))
    return place == "version" and value is True


def test_the_schema_takes_exactly_what_the_models_take():
    assert SpecFile.model_validate(BASE) and VALIDATOR.is_valid(BASE)
    wrong, known = [], []
    for place, path in PLACES.items():
        for value in VALUES:
            spec = _with(path, value)
            models = not _structural_problems(spec)
            schema = VALIDATOR.is_valid(spec)
            if models == schema:
                continue
            if models and not schema and _known_difference(place, value):
                known.append((place, value))
                continue
            wrong.append(f"{place}: {json.dumps(value)}: models {'accept' if models else 'refuse'} it, "
                         f"the schema {'accepts' if schema else 'refuses'} it")
    assert wrong == []
    assert ("max_length", "50") in known  # so the documented difference stays true


def test_root_must_be_a_spec_mapping():
    for document in (None, [], [BASE], "version: 1", 1, {}, {"version": 1}, {"resources": {}}):
        assert _structural_problems(document) and not VALIDATOR.is_valid(document), document


# -- descriptions --------------------------------------------------------------------------------


def _objects(node, where="#"):
    """Every object schema with properties, with its JSON pointer."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield where, node
        for key, value in node.items():
            yield from _objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _objects(value, f"{where}/{i}")


def test_every_key_has_a_description():
    """No exceptions: each key of every mapping of the spec, and each mapping (model) itself."""
    missing = [
        f"{where}/properties/{key}"
        for where, obj in _objects(SCHEMA)
        for key, prop in obj["properties"].items()
        if not prop.get("description", "").strip()
    ]
    assert missing == []
    undescribed = [name for name, definition in SCHEMA["$defs"].items() if not definition.get("description")]
    assert undescribed == []
    assert SCHEMA["description"]


def test_descriptions_are_unwrapped_docstrings():
    """Editors wrap text themselves: a docstring's line breaks inside a paragraph are spaces."""
    for where, obj in _objects(SCHEMA):
        for key, prop in obj["properties"].items():
            if key != "type":
                assert "\n" not in prop["description"], f"{where}/properties/{key}"


def test_field_types_are_the_table_with_a_line_each():
    definition = SCHEMA["$defs"][FIELD_TYPE_DEF]
    assert definition["enum"] == list(TYPES)
    assert definition["enumDescriptions"] == [type_line(t) for t in TYPES.values()]
    assert len(definition["markdownEnumDescriptions"]) == len(TYPES)
    for ftype, line, markdown in zip(
        TYPES.values(), definition["enumDescriptions"], definition["markdownEnumDescriptions"], strict=True
    ):
        assert ftype.description and "\n" not in ftype.description, ftype.name
        assert line.startswith(ftype.description) and markdown.startswith(ftype.description)
    type_key = SCHEMA["$defs"]["FieldSpec"]["properties"]["type"]
    assert type_key["$ref"] == f"#/$defs/{FIELD_TYPE_DEF}"
    for ftype in TYPES.values():
        for text in (definition["description"], type_key["description"]):
            assert f"\n{ftype.name}: {type_line(ftype)}" in text, ftype.name


def test_a_field_is_a_type_name_or_a_mapping():
    """`ResourceSpec._type_shorthand` takes `contact: phone` for `contact: {type: phone}`."""
    value = SCHEMA["$defs"]["ResourceSpec"]["properties"]["fields"]["additionalProperties"]
    assert value == {"anyOf": [{"$ref": f"#/$defs/{FIELD_TYPE_DEF}"}, {"$ref": "#/$defs/FieldSpec"}]}
    for name in TYPES:
        assert VALIDATOR.is_valid(_with(FIELD, name)) and VALIDATOR.is_valid(_with(FIELD, {"type": name}))
