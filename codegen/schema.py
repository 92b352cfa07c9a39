"""The JSON Schema of resources.yaml, generated from the pydantic models that validate it
(`codegen.spec.model.SpecFile`), so the two never differ. `python -m codegen schema` writes it
to resources.schema.json; resources.yaml names it on its first line for editors.

Descriptions are the models' docstrings and their attribute docstrings; the field types are
described from their entries in `codegen.field_types` (`enum` with `enumDescriptions` and
`markdownEnumDescriptions`, which yaml-language-server and VS Code show per value on completion).

The schema accepts what the models accept, also where pydantic's lax mode converts a value:

- the `fields` shorthand (`contact: phone`): `ResourceSpec._type_shorthand` declares it
  (`json_schema_input_type`), so a field is a type name or a mapping;
- booleans: besides true/false, 0/1 and pydantic's words (yes/no, on/off, t/f, y/n, 1/0, in
  any case), which also covers `required: yes`, a YAML 1.1 boolean that a YAML 1.2 editor reads
  as the string "yes";
- decimals (min, max): a YAML number, or a string pydantic reads as one ("1.5", " 2 ", "1_000").

pydantic's lax mode also reads integers from numeric strings and booleans (`max_length: "50"`,
`max_length: true`, and `version: true` as 1). The schema leaves these out on purpose: nobody
means them, and an editor that flags them helps. (`max_items: 10_000`, an integer to PyYAML's
YAML 1.1, is such a string to a YAML 1.2 editor: write 10000.) tests/codegen/test_schema.py
holds the schema to the models value by value and allows these differences only.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema

from codegen.field_types import TYPE_OPTIONS, TYPES, FieldType
from codegen.spec.model import SpecFile

SCHEMA_FILE = "resources.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "timba resources.yaml"
FIELD_TYPE_DEF = "FieldType"

# The strings pydantic's lax mode reads as booleans, in any case
# (https://docs.pydantic.dev/latest/api/standard_library_types/#booleans).
BOOL_WORDS = ("1", "on", "t", "true", "y", "yes", "0", "off", "f", "false", "n", "no")

# A string pydantic reads as a finite Decimal: surrounding whitespace, and underscores anywhere
# in the number, are ignored.
_DIGITS = "[0-9][0-9_]*"
DECIMAL_STRING = (
    rf"^\s*_*[+-]?_*(?:{_DIGITS}(?:\._*(?:{_DIGITS})?)?|\._*{_DIGITS})(?:[eE]_*[+-]?_*{_DIGITS})?\s*$"
)


def _any_case(word: str) -> str:
    """A regex matching `word` in any case (JSON Schema regexes have no case-insensitive flag)."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


def _bool_words_pattern() -> str:
    words = sorted(BOOL_WORDS, key=lambda w: (-len(w), w))
    return "^(?:" + "|".join(_any_case(w) for w in words) + ")$"


def type_line(ftype: FieldType, *, markdown: bool = False) -> str:
    """One line about a field type, from its entry: its description, options and defaults."""
    code = (lambda s: f"`{s}`") if markdown else (lambda s: s)
    parts = [ftype.description]
    options = [o for o in TYPE_OPTIONS if ftype.takes(o)]
    if options:
        defaults = {}
        if ftype.default_max_length is not None:
            defaults["max_length"] = ftype.default_max_length
        if ftype.default_digits is not None:
            defaults["max_digits"], defaults["decimal_places"] = ftype.default_digits
        shown = [code(o) + (f" (default {defaults[o]})" if o in defaults else "") for o in options]
        parts.append(f"Options: {', '.join(shown)}.")
    return " ".join(parts)


def field_types_text(*, markdown: bool = False) -> str:
    """The field types, one line each, in table order."""
    if markdown:
        return "\n".join(f"- `{t.name}`: {type_line(t, markdown=True)}" for t in TYPES.values())
    return "\n".join(f"{t.name}: {type_line(t)}" for t in TYPES.values())


def field_type_schema() -> dict[str, Any]:
    """`$defs/FieldType`: the names of codegen.field_types, each with its line."""
    intro = "A field type (codegen/field_types.py):"
    return {
        "title": FIELD_TYPE_DEF,
        "description": f"{intro}\n{field_types_text()}",
        "markdownDescription": f"{intro}\n\n{field_types_text(markdown=True)}",
        "type": "string",
        "enum": list(TYPES),
        "enumDescriptions": [type_line(t) for t in TYPES.values()],
        "markdownEnumDescriptions": [type_line(t, markdown=True) for t in TYPES.values()],
    }


def _unwrap(text: str) -> str:
    """A docstring's paragraphs as single lines: editors wrap descriptions themselves."""
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()))


VALUE_KEYWORDS = {"const", "default", "enum", "examples"}  # their contents are data, not schemas
NAMED_SCHEMAS = {"properties", "$defs", "patternProperties"}  # keys are names, values schemas


def _walk(node, visit) -> Any:
    """`node` with `visit` applied to every schema in it, innermost first."""
    if isinstance(node, dict):
        node = {
            k: v if k in VALUE_KEYWORDS
            else {name: _walk(s, visit) for name, s in v.items()} if k in NAMED_SCHEMAS
            else _walk(v, visit)
            for k, v in node.items()
        }
        return visit(node)
    if isinstance(node, list):
        return [_walk(v, visit) for v in node]
    return node


class SpecJsonSchema(GenerateJsonSchema):
    """pydantic's generator, with lax booleans and decimal strings as the models take them, no
    titles made from key names ("Max Length" says nothing the key does not), and the field
    types as one described definition."""

    def field_title_should_be_set(self, schema) -> bool:
        return False

    def bool_schema(self, schema: core_schema.BoolSchema) -> dict[str, Any]:
        if schema.get("strict"):  # StrictBool: `default: true`, never `default: "yes"`
            return {"type": "boolean"}
        return {
            "anyOf": [
                {"type": "boolean"},
                {"type": "integer", "minimum": 0, "maximum": 1},
                {"type": "string", "pattern": _bool_words_pattern()},
            ]
        }

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> dict[str, Any]:
        out = super().decimal_schema(schema)  # a number, or a string
        for branch in out.get("anyOf", [out]):
            if branch.get("type") == "string":
                branch["pattern"] = DECIMAL_STRING
        return out

    def generate(self, schema, mode="validation"):
        out = super().generate(schema, mode)
        names = list(TYPES)
        lines = field_types_text()
        markdown_lines = field_types_text(markdown=True)

        def visit(node: dict) -> dict:
            if isinstance(node.get("description"), str):
                node["description"] = _unwrap(node["description"])
            if node.get("enum") == names and node.get("type") == "string":
                ref = {"$ref": f"#/$defs/{FIELD_TYPE_DEF}"}
                if "description" in node:  # the `type:` key: its own words, then every type
                    ref["description"] = f"{node['description']}\n{lines}"
                    ref["markdownDescription"] = f"{node['description']}\n\n{markdown_lines}"
                return ref
            return node

        out = _walk(out, visit)
        out["$defs"][FIELD_TYPE_DEF] = field_type_schema()
        return {"$schema": DIALECT, **out, "title": TITLE}


def spec_schema() -> dict:
    return SpecFile.model_json_schema(schema_generator=SpecJsonSchema)


def schema_text() -> str:
    return json.dumps(spec_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
