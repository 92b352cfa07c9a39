"""IR → a Mermaid entity-relationship diagram of the spec (`python -m codegen diagram`, and the
README's `diagram` region).

The text is Mermaid `erDiagram` in the subset every Mermaid since 9.x parses (GitHub included):

    erDiagram
        Log {
            integer id PK
            reference consignment FK
            reference client FK "tenant; derived from consignment.client; natural key (client, barcode)"
        }
        Log }o--|| Consignment : "consignment"

- one block per resource, in spec order: `id` (PK), the fields in spec order, the timestamps, then
  the aggregates (not columns: their comment says "not stored");
- attribute types are the spec's type names as Mermaid words (`many_references`); a decimal's
  digits go in the comment ("8 digits, 3 places");
- keys: `PK` on id, `FK` on references, `UK` on unique fields; a natural key (import_export key,
  bulk key) and a composite unique group are comments that name the whole group;
- the tenant: the tenant resource's id says "tenant", a tenant-owned resource's tenant reference
  says "tenant", a resource without one (when the project has a tenant) says "shared" on its id;
- derived, computed, auto-set and aggregate fields say where their value comes from;
- then the relationships, in spec order of the resource and field that declare them, labelled with
  the field name: a required reference `}o--||`, an optional one `}o--o|` (a unique reference
  `|o--||` / `|o--o|`), a many-references `}o--o{`.

Names and comments are made safe for Mermaid's lexer rather than trusted: an attribute word that
Mermaid reads as a key (`pk`, `fk`, `uk`) gets a trailing underscore (spec names never end with
one), an entity name that is a Mermaid keyword (`End`, `One`, `Class`, …) is quoted, and comment
and label text loses the characters that could end or disturb it (quotes become apostrophes).
"""

from __future__ import annotations

import re

from codegen.ir import Aggregate, Field, Project, Resource

INDENT = "    "
# Words Mermaid's erDiagram lexer (erDiagram.jison, case-insensitive) reads as keywords, or as
# the start of one, outside an entity block: an entity so named is quoted.
ENTITY_KEYWORDS = frozenset({
    "erdiagram", "style", "classdef", "class", "subgraph", "end", "one", "many", "only", "to",
    "optionally", "zero", "or", "more", "u", "direction", "title", "acctitle", "accdescr",
})
# Inside a block `PK`, `FK` and `UK` (any case, as whole words) are attribute keys.
ATTRIBUTE_KEYWORDS = frozenset({"pk", "fk", "uk"})
ENTITY_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
ATTRIBUTE_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
# Dropped from comments and labels: `~` (Mermaid's generics), `%` (`%%` comments and directives),
# `#` (`#name;` entity codes), `<>&` (HTML), backquote and backslash.
UNSAFE_TEXT = re.compile(r"[~%#<>&`\\]")
MAX_CHOICES = 8

AUTO = {"creator": "set to the creator", "editor": "set to the last editor"}


def diagram(project: Project) -> str:
    lines = ["erDiagram"]
    for res in project.resources:
        lines.append(f"{INDENT}{entity_name(res.name)} {{")
        lines += [INDENT * 2 + line for line in _attributes(project, res)]
        lines.append(f"{INDENT}}}")
    for res in project.resources:
        lines += [INDENT + line for line in _relationships(res)]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def readme_region(project: Project) -> str:
    return "```mermaid\n" + diagram(project) + "```"


# --- entities ---------------------------------------------------------------------------------


def _attributes(project: Project, res: Resource) -> list[str]:
    out = [_attribute("integer", "id", ["PK"], _id_notes(project, res))]
    for field in res.fields:
        keys = (["FK"] if field.is_reference else []) + (["UK"] if field.unique else [])
        out.append(_attribute(field.kind, field.name, keys, _field_notes(project, res, field)))
    if res.timestamps:
        out.append(_attribute("datetime", "created_at", [], ["set on create"]))
        out.append(_attribute("datetime", "updated_at", [], ["set on save"]))
    for agg in res.aggregates:
        out.append(_attribute(agg.kind, agg.name, [], [_aggregate_note(agg), "not stored"]))
    return out


def _attribute(kind: str, name: str, keys: list[str], notes: list[str]) -> str:
    line = f"{attribute_word(kind)} {attribute_word(name)}"
    if keys:
        line += " " + ", ".join(keys)
    text = comment_text("; ".join(n for n in notes if n))
    return f'{line} "{text}"' if text else line


def _id_notes(project: Project, res: Resource) -> list[str]:
    notes = []
    if res.auth_user:
        notes.append("auth user")
    if res.tenant == "self":
        notes.append("tenant")
    elif res.tenant is None and project.security.tenant:
        notes.append("shared")
    return notes


def _field_notes(project: Project, res: Resource, field: Field) -> list[str]:
    notes = []
    if res.tenant is not None and res.tenant == field.name:
        notes.append("tenant")
    if field.derived_from:
        notes.append("derived from " + ".".join(field.derived_from))
    if field.computed:
        notes.append("computed from " + ", ".join(field.computed_from) if field.computed_from else "computed")
    if field.auto:
        notes.append(AUTO.get(field.auto, f"set to the {field.auto}"))
    notes += _key_notes(res, field)
    notes += _security_notes(project, res, field)
    if field.max_digits is not None:
        notes.append(f"{field.max_digits} digits, {field.decimal_places} places")
    if field.choices:
        values = [value for value, _ in field.choices]
        shown = ", ".join(values[:MAX_CHOICES])
        notes.append(f"one of {shown}" + (f", ... ({len(values)} values)" if len(values) > MAX_CHOICES else ""))
    if field.is_many:
        notes.append("link table")
    return notes


def natural_keys(res: Resource) -> list[tuple[str, tuple[str, ...]]]:
    """(label, fields) of each natural key: "natural key" when the import_export key and the bulk
    key agree (or only one is declared), else "import key" and "bulk key"."""
    keys = [key for key in (res.import_key if res.import_export else (), res.bulk_key) if key]
    if len(keys) == 2 and set(keys[0]) != set(keys[1]):
        return [("import key", keys[0]), ("bulk key", keys[1])]
    return [("natural key", keys[0])] if keys else []


def _key_notes(res: Resource, field: Field) -> list[str]:
    notes, named = [], []
    for label, key in natural_keys(res):
        named.append(set(key))
        if field.name in key:
            notes.append(label if len(key) == 1 else f"{label} ({', '.join(key)})")
    for group in res.unique_together:
        if field.name in group and set(group) not in named:
            notes.append(f"unique ({', '.join(group)})")
    return notes


def _security_notes(project: Project, res: Resource, field: Field) -> list[str]:
    sec = project.security
    notes = []
    if res.auth_user and field.name == sec.user_roles:
        notes.append("the user's roles")
    user = project.auth_user
    roles = next((f for f in user.fields if f.name == sec.user_roles), None) if user else None
    if roles is not None and roles.target == res.name and field.name == sec.role_name:
        notes.append("role name")
    if res.name == sec.tenant:
        sub = dict(sec.subscription)
        labels = {"status": "subscription status", "paid_until": "subscription end", "seats": "seat limit"}
        notes += [label for key, label in labels.items() if sub.get(key) == field.name]
    return notes


def _aggregate_note(agg: Aggregate) -> str:
    return f"count of {agg.relation}" if agg.op == "count" else f"{agg.op} of {agg.path}"


# --- relationships ----------------------------------------------------------------------------


def relationship(field: Field) -> str:
    """The crow's-foot pair from the declaring resource (left) to the target (right)."""
    if field.is_many:
        return "}o--o{"
    child = "|o" if field.unique else "}o"
    return child + ("--||" if field.required else "--o|")


def _relationships(res: Resource) -> list[str]:
    return [
        f'{entity_name(res.name)} {relationship(f)} {entity_name(f.target)} : "{label_text(f.name)}"'
        for f in res.fields
        if (f.is_reference or f.is_many) and f.target
    ]


# --- Mermaid-safe words and text ---------------------------------------------------------------


def entity_name(name: str) -> str:
    """A resource name as Mermaid reads it: bare, or quoted when it is a keyword or not a word."""
    if ENTITY_WORD.match(name) and name.lower() not in ENTITY_KEYWORDS:
        return name
    text = re.sub(r'["%\\\s]+', " ", name).strip() or "entity"
    return f'"{text}"'


def attribute_word(word: str) -> str:
    """A type or attribute name as one Mermaid attribute word (letters, digits, underscores, a
    letter first), never one Mermaid reads as a key."""
    word = re.sub(r"[^A-Za-z0-9_]", "_", word)
    if not ATTRIBUTE_WORD.match(word):
        word = "x" + word
    return word + "_" if word.lower() in ATTRIBUTE_KEYWORDS else word


def comment_text(text: str) -> str:
    """Text safe between the double quotes of an attribute comment or relationship label: one
    line, printable, no double quote (an apostrophe instead), none of UNSAFE_TEXT."""
    text = text.replace('"', "'")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = UNSAFE_TEXT.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


label_text = comment_text
