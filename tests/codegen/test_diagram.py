"""The entity-relationship diagram (`codegen.emit.diagram`, `python -m codegen diagram`).

- Golden diagrams: tests/codegen/diagrams/<case>.mmd for a few cases of tests/codegen/cases (and
  `edge_cases.mmd` for tests/codegen/diagrams/edge_cases.yaml, the escaping and notation corner
  cases). `TIMBA_REFRESH_GOLDEN=1` rewrites them from what codegen produces now, as in
  test_golden.py; read the diff before committing.
- A grammar check: Mermaid's CLI needs a headless Chromium, so instead every diagram (each valid
  case, the edge cases, the repository's spec) is read by `parse_er` below, which accepts only the
  line shapes codegen emits, with the token rules of Mermaid's erDiagram lexer
  (packages/mermaid/src/diagrams/er/parser/erDiagram.jison) for the subset that every Mermaid
  since 9.x (and GitHub's) parses: entity words and quoted entity names, attribute words that are
  not keys, key lists, quoted comments and labels without the characters that end or disturb them.
- Notation assertions derived from the IR, so they hold for any spec: cardinalities, keys, the
  tenant path, natural keys, derived/computed/auto/aggregate notes, order.

Where Mermaid itself is at hand, `TIMBA_MERMAID_MODULES=<folder>` (a folder whose node_modules
holds `mermaid` and `jsdom`, e.g. after `npm install mermaid jsdom` there) also has Mermaid's own
parser read every diagram; without it that test is skipped.

The repository's own diagram is the README's `diagram` region; `python -m codegen check` fails
when it is stale, and `test_readme_region_is_current` does the same here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from codegen_cases import CASES, REFRESH, REPO, REPO_SPEC, success_cases

from codegen import ir
from codegen.emit.diagram import (
    ATTRIBUTE_KEYWORDS,
    ENTITY_KEYWORDS,
    attribute_word,
    comment_text,
    diagram,
    entity_name,
    natural_keys,
    readme_region,
)
from codegen.spec import load_spec

DIAGRAMS = Path(__file__).resolve().parent / "diagrams"
EDGE_SPEC = DIAGRAMS / "edge_cases.yaml"
GOLDEN_CASES = ("all_types", "bulk", "nested")


def _spec_of(name: str) -> Path:
    return {"repo": REPO_SPEC, "edge_cases": EDGE_SPEC}.get(name) or CASES / name / "resources.yaml"


def _project(name: str) -> ir.Project:
    return ir.build(load_spec(_spec_of(name)))


ALL_SPECS = [*success_cases(), "edge_cases", "repo"]


# --- the grammar check ----------------------------------------------------------------------

WORD = r"[A-Za-z][A-Za-z0-9_]*"
QUOTED_ENTITY = r'"[^"%\r\n\v\b\\]+"'  # ENTITY_NAME
ENTITY = rf"(?P<{{}}>{WORD}|{QUOTED_ENTITY})"
TEXT = r'[^"~%#<>&`\\\x00-\x1f\x7f]*'  # inside "…": what comment_text leaves
ENTITY_OPEN = re.compile(rf"^    {ENTITY.format('name')} \{{$")
ENTITY_CLOSE = re.compile(r"^    \}$")
ATTRIBUTE = re.compile(
    rf'^        (?P<type>{WORD}) (?P<name>{WORD})(?: (?P<keys>(?:PK|FK|UK)(?:, (?:PK|FK|UK))*))?(?: "(?P<comment>{TEXT})")?$'
)
RELATIONSHIP = re.compile(
    rf'^    {ENTITY.format("left")} (?P<card>(?:\|o|\|\||\}}o|\}}\|)--(?:o\||\|\||o\{{|\|\{{)) '
    rf'{ENTITY.format("right")} : "(?P<label>{TEXT})"$'
)


@dataclass
class Attribute:
    type: str
    name: str
    keys: tuple[str, ...]
    comment: str

    @property
    def notes(self) -> list[str]:
        return self.comment.split("; ") if self.comment else []


@dataclass
class ER:
    entities: dict[str, list[Attribute]] = field(default_factory=dict)
    relationships: list[tuple[str, str, str, str]] = field(default_factory=list)  # (left, card, right, label)

    def attribute(self, entity: str, name: str) -> Attribute:
        return next(a for a in self.entities[entity] if a.name == name)


def _entity(token: str, lineno: int) -> str:
    if token.startswith('"'):
        return token[1:-1]
    assert token.lower() not in ENTITY_KEYWORDS, f"line {lineno}: entity {token!r} is a Mermaid keyword; quote it"
    return token


def parse_er(text: str) -> ER:
    """Read a diagram line by line, accepting only the shapes codegen emits; fails naming the line."""
    assert text.endswith("\n") and not text.endswith("\n\n"), "ends with exactly one newline"
    lines = text[:-1].split("\n")
    assert lines[0] == "erDiagram", "the first line is `erDiagram`"
    er, block = ER(), None
    for lineno, line in enumerate(lines[1:], 2):
        assert line == line.rstrip(), f"line {lineno}: trailing whitespace"
        assert "\t" not in line and "\r" not in line, f"line {lineno}: tab or carriage return"
        if block is not None:
            if ENTITY_CLOSE.match(line):
                assert er.entities[block], f"line {lineno}: an empty entity block"
                block = None
                continue
            match = ATTRIBUTE.match(line)
            assert match, f"line {lineno}: not an attribute `type name [PK|FK|UK, …] [\"comment\"]`: {line!r}"
            for word in (match["type"], match["name"]):
                assert word.lower() not in ATTRIBUTE_KEYWORDS, f"line {lineno}: {word!r} reads as a key"
            keys = tuple(match["keys"].split(", ")) if match["keys"] else ()
            assert len(set(keys)) == len(keys), f"line {lineno}: a key repeated"
            er.entities[block].append(Attribute(match["type"], match["name"], keys, match["comment"] or ""))
            continue
        if match := ENTITY_OPEN.match(line):
            name = _entity(match["name"], lineno)
            assert name not in er.entities, f"line {lineno}: entity {name} declared twice"
            assert not er.relationships, f"line {lineno}: entities come before relationships"
            er.entities[name], block = [], name
            continue
        match = RELATIONSHIP.match(line)
        assert match, f"line {lineno}: not an entity block or a relationship `A }}o--|| B : \"label\"`: {line!r}"
        left, right = _entity(match["left"], lineno), _entity(match["right"], lineno)
        assert left in er.entities and right in er.entities, f"line {lineno}: relationship of an undeclared entity"
        er.relationships.append((left, match["card"], right, match["label"]))
    assert block is None, f"entity {block} is never closed"
    return er


@pytest.mark.parametrize("name", ALL_SPECS)
def test_diagram_parses(name):
    er = parse_er(diagram(_project(name)))
    assert list(er.entities) == [r.name for r in _project(name).resources]


@pytest.mark.parametrize(
    "bad",
    [
        "erDiagram\n    Log {\n        string barcode \n    }\n",  # trailing space
        "erDiagram\n    Log {\n        string uk\n    }\n",  # reads as a key
        'erDiagram\n    Log {\n        string a "say "hi""\n    }\n',  # a quote in a comment
        'erDiagram\n    Log {\n        string a "a~b~"\n    }\n',  # Mermaid's generics
        "erDiagram\n    End {\n        integer id PK\n    }\n",  # a keyword entity
        "erDiagram\n    Log {\n        integer id PK\n",  # never closed
        'erDiagram\n    Log {\n        integer id PK\n    }\n    Log }o--|| Nope : "x"\n',  # undeclared
        'erDiagram\n    Log {\n        integer id PK\n    }\n    Log }o--|| Log : x\n',  # unquoted label
        "erDiagram\n    Log {\n        decimal(8,3) length\n    }\n",  # not a word every Mermaid reads
    ],
)
def test_the_grammar_check_refuses(bad):
    with pytest.raises(AssertionError):
        parse_er(bad)


MERMAID_PARSE = """
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><body></body>");
globalThis.window = dom.window; globalThis.document = dom.window.document;
(async () => {
  const { default: mermaid } = await import("mermaid");
  mermaid.initialize({ startOnLoad: false });
  const failures = [];
  for (const [name, text] of Object.entries(JSON.parse(require("fs").readFileSync(0, "utf8")))) {
    try { await mermaid.parse(text); } catch (e) { failures.push(name + ": " + String(e.message || e)); }
  }
  console.log(JSON.stringify(failures));
})();
"""


@pytest.mark.skipif(not os.environ.get("TIMBA_MERMAID_MODULES") or not shutil.which("node"),
                    reason="set TIMBA_MERMAID_MODULES to a folder with node_modules/mermaid and jsdom")
def test_mermaid_itself_parses_every_diagram():
    diagrams = {name: diagram(_project(name)) for name in ALL_SPECS}
    done = subprocess.run(
        ["node", "-e", MERMAID_PARSE], input=json.dumps(diagrams), capture_output=True, text=True,
        cwd=os.environ["TIMBA_MERMAID_MODULES"], timeout=120, check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


# --- golden diagrams ------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*GOLDEN_CASES, "edge_cases"])
def test_golden_diagram(name):
    text = diagram(_project(name))
    golden = DIAGRAMS / f"{name}.mmd"
    if REFRESH:
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden diagram {golden.name}; run with TIMBA_REFRESH_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8"), f"{name}: the diagram differs from {golden.name}"


def test_readme_region_is_current():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    region = readme_region(_project("repo"))
    assert f"<!-- generated: diagram -->\n{region}\n<!-- /generated: diagram -->" in readme, "run `make generate`"


def test_diagram_is_deterministic():
    for name in ALL_SPECS:
        assert diagram(_project(name)) == diagram(_project(name))


# --- notation, derived from the IR ----------------------------------------------------------


def _expected_card(f: ir.Field) -> str:
    if f.is_many:
        return "}o--o{"
    return ("|o" if f.unique else "}o") + ("--||" if f.required else "--o|")


@pytest.mark.parametrize("name", ALL_SPECS)
def test_relationships_follow_the_references(name):
    project = _project(name)
    er = parse_er(diagram(project))
    expected = [
        (res.name, _expected_card(f), f.target, f.name)
        for res in project.resources
        for f in res.fields
        if f.is_reference or f.is_many
    ]
    assert er.relationships == expected
    for res in project.resources:
        for f in res.fields:
            if f.is_reference and f.required and not f.unique:
                assert (res.name, "}o--||", f.target, f.name) in er.relationships
            if f.is_many:
                assert (res.name, "}o--o{", f.target, f.name) in er.relationships


@pytest.mark.parametrize("name", ALL_SPECS)
def test_attributes_keys_and_order(name):
    project = _project(name)
    er = parse_er(diagram(project))
    for res in project.resources:
        attrs = er.entities[res.name]
        names = ["id", *(attribute_word(f.name) for f in res.fields)]
        names += ["created_at", "updated_at"] if res.timestamps else []
        names += [a.name for a in res.aggregates]
        assert [a.name for a in attrs] == names, res.name
        assert attrs[0].keys == ("PK",) and attrs[0].type == "integer"
        for f in res.fields:
            attr = er.attribute(res.name, attribute_word(f.name))
            assert attr.type == f.kind.replace("-", "_")
            assert ("FK" in attr.keys) == f.is_reference, f"{res.name}.{f.name}"
            assert ("UK" in attr.keys) == f.unique, f"{res.name}.{f.name}"
            if f.derived_from:
                assert f"derived from {'.'.join(f.derived_from)}" in attr.notes
            if f.computed:
                assert any(n.startswith("computed") for n in attr.notes)
                if f.computed_from:
                    assert f"computed from {', '.join(f.computed_from)}" in attr.notes
            if f.auto:
                assert any(n.startswith("set to the") for n in attr.notes)
            if f.max_digits is not None:
                assert f"{f.max_digits} digits, {f.decimal_places} places" in attr.notes
        for agg in res.aggregates:
            attr = er.attribute(res.name, agg.name)
            assert attr.type == agg.kind and "not stored" in attr.notes and attr.keys == ()
            assert (f"count of {agg.relation}" if agg.op == "count" else f"sum of {agg.path}") in attr.notes


@pytest.mark.parametrize("name", ALL_SPECS)
def test_tenant_path_is_marked(name):
    project = _project(name)
    er = parse_er(diagram(project))
    for res in project.resources:
        id_notes = er.entities[res.name][0].notes
        if res.tenant == "self":
            assert "tenant" in id_notes
        elif res.tenant:
            assert er.attribute(res.name, res.tenant).notes[0] == "tenant"
            assert "tenant" not in id_notes and "shared" not in id_notes
        else:
            assert ("shared" in id_notes) == bool(project.security.tenant)
        tenant_marked = [a.name for a in er.entities[res.name][1:] if "tenant" in a.notes]
        assert tenant_marked == ([res.tenant] if res.tenant not in (None, "self") else [])


def test_the_repository_tenant_path():
    er = parse_er(diagram(_project("repo")))
    assert "tenant" in er.attribute("Client", "id").notes
    assert "shared" in er.attribute("Role", "id").notes
    for entity in ("User", "Consignment", "Log"):
        assert er.attribute(entity, "client").notes[0] == "tenant"
    assert er.attribute("Log", "client").notes[:2] == ["tenant", "derived from consignment.client"]
    assert ("Log", "}o--||", "Consignment", "consignment") in er.relationships
    assert ("User", "}o--o|", "Client", "client") in er.relationships
    assert ("User", "}o--o{", "Role", "roles") in er.relationships


@pytest.mark.parametrize("name", ALL_SPECS)
def test_natural_keys_are_marked(name):
    project = _project(name)
    er = parse_er(diagram(project))
    for res in project.resources:
        keys = natural_keys(res)
        declared = [k for k in (res.import_key if res.import_export else (), res.bulk_key) if k]
        assert {frozenset(k) for _, k in keys} == {frozenset(k) for k in declared}
        for label, key in keys:
            note = label if len(key) == 1 else f"{label} ({', '.join(key)})"
            for fname in key:
                assert note in er.attribute(res.name, attribute_word(fname)).notes, f"{res.name}.{fname}"
        for group in res.unique_together:
            if frozenset(group) not in {frozenset(k) for _, k in keys}:
                for fname in group:
                    assert f"unique ({', '.join(group)})" in er.attribute(res.name, attribute_word(fname)).notes


def test_composite_natural_key_is_visible():
    er = parse_er(diagram(_project("repo")))
    for fname in ("client", "barcode"):
        assert "natural key (client, barcode)" in er.attribute("Log", fname).notes
    assert er.attribute("Client", "name").keys == ("UK",)
    assert "natural key" in er.attribute("Client", "name").notes


# --- Mermaid-safe words and text ------------------------------------------------------------


def test_edge_cases_are_escaped():
    er = parse_er(diagram(_project("edge_cases")))
    assert {"End", "One"} <= set(er.entities)  # quoted in the text, since they are keywords
    assert '"End" {' in diagram(_project("edge_cases"))
    assert er.attribute("End", "uk_").type == "string"  # `uk` would read as a key
    assert er.attribute("End", "badge").keys == ("FK", "UK")
    assert ("End", "|o--o|", "One", "badge") in er.relationships
    assert ("End", "}o--o|", "End", "parent") in er.relationships
    notes = er.attribute("End", "org").notes
    assert notes == ["tenant", "import key (org, uk)", "bulk key (org, code)"]
    state = er.attribute("Org", "state").comment
    assert "say 'no'" in state and "abc" in state and "%" not in state


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ('say "hi"', "say 'hi'"),
        ("a~b~c", "abc"),
        ("%%{init: {}}%%", "{init: {}}"),
        ("#quot; <b>x</b> & `y` \\z", "quot; bx/b y z"),
        ("line\nbreak\ttab", "line break tab"),
        ("  ×  metres ", "× metres"),
    ],
)
def test_comment_text(raw, safe):
    assert comment_text(raw) == safe


def test_words_and_entity_names():
    assert attribute_word("uk") == "uk_" and attribute_word("PK") == "PK_" and attribute_word("fk") == "fk_"
    assert attribute_word("many-references") == "many_references"
    assert attribute_word("9lives") == "x9lives"
    assert entity_name("Log") == "Log"
    assert entity_name("End") == '"End"' and entity_name("ONE") == '"ONE"' and entity_name("Class") == '"Class"'
    assert entity_name("Endpoint") == "Endpoint"  # Mermaid's keywords are whole words
    assert entity_name('a "b"\\%') == '"a b"'
