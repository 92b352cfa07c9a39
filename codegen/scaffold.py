"""`python -m codegen new NAME [--tenant] [--fields code:string!,weight:decimal,owner:reference:User]`

Append a well-formed resource to resources.yaml, with the defaults a new entity usually wants:
every API operation, list filters on its references, ordering and search on its first text
field, admin columns, search and filters, and the permissions of an existing resource of the
same tenancy (a tenant-owned one with `--tenant`, else a shared one); no seed routes, no
import/export. `--tenant` adds the reference to the tenant resource and makes it the tenant path.

The file is edited as text, not re-dumped: the block is rendered with ruamel.yaml (a round-trip
YAML library, so it reads and writes YAML as a person writes it) and inserted after the last
resource, so every comment and the layout of the rest of the file stay as they were. The new
spec is validated before it is written: a bad name or field is a one-line error, a problem of
the result is reported as codegen reports any spec (`resources.yaml:LINE:COL: …`), and nothing
is written.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from codegen.field_types import ONE, TYPES
from codegen.naming import plural_of, snake_case
from codegen.spec import SpecError, load_spec_text
from codegen.spec.errors import did_you_mean

NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
FIELD = re.compile(r"^[a-z][a-z0-9_]*$")
OPERATIONS = ("list", "get", "create", "update", "delete")
ADMIN_COLUMNS = 6


class ScaffoldError(Exception):
    """A request that cannot become a resource; its message says what to change."""


def _flow(value):
    """A list or mapping written inline (`[a, b]`, `{type: string}`), as the spec's own style."""
    node = CommentedSeq(value) if isinstance(value, list) else CommentedMap(value)
    node.fa.set_flow_style()
    return node


def parse_fields(text: str, resources: dict) -> list[tuple[str, dict]]:
    """`code:string!,weight:decimal,owner:reference:User` → [(name, field spec)]; `!` marks a
    required field. Types come from codegen's table of field types."""
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        pieces = part.split(":")
        if len(pieces) < 2 or not pieces[0] or not pieces[1]:
            raise ScaffoldError(f"--fields: '{part}' is not name:type (e.g. weight:decimal)")
        name, kind = pieces[0], pieces[1].rstrip("!")
        required = pieces[1].endswith("!") or pieces[-1].endswith("!")
        if not FIELD.match(name) or "__" in name or name.endswith("_"):
            raise ScaffoldError(f"--fields: '{name}' must be snake_case (lowercase letters, digits, single underscores)")
        if kind not in TYPES:
            raise ScaffoldError(f"--fields: '{kind}' is not a field type{did_you_mean(kind, TYPES)}; the types are {', '.join(TYPES)}")
        spec: dict = {"type": kind}
        if TYPES[kind].relation:
            target = pieces[2].rstrip("!") if len(pieces) > 2 else ""
            if target not in resources:
                raise ScaffoldError(f"--fields: {name}:{kind} needs the resource it points to, e.g. {name}:{kind}:{next(iter(resources), 'Client')}"
                                    + (f" ('{target}' is not declared{did_you_mean(target, resources)})" if target else ""))
            spec["to"] = target
        elif len(pieces) > 2:
            raise ScaffoldError(f"--fields: '{part}': only references name a resource after their type")
        if "choices" in TYPES[kind].options:
            raise ScaffoldError(f"--fields: {name}:{kind} needs its choices; add the field to resources.yaml by hand")
        if required:
            spec["required"] = True
        if name in {n for n, _ in out}:
            raise ScaffoldError(f"--fields: '{name}' is given twice")
        out.append((name, spec))
    return out


def _mirror(resources: dict, *, tenant: bool) -> dict:
    """The permissions of the first resource of the same tenancy (tenant-owned, or shared; the
    auth user's are its own), without import/export (the new resource has none)."""
    for res in resources.values():
        if res.get("auth_user"):
            continue
        path = res.get("tenant")
        owned = bool(path) and path != "self"
        if owned == tenant and res.get("permissions"):
            return {op: list(roles) for op, roles in res["permissions"].items() if op in OPERATIONS}
    return {}


def resource_block(spec: dict, name: str, *, tenant: bool, fields: list[tuple[str, dict]]) -> dict:
    """The new resource as data, in the order a person would write it."""
    resources = spec.get("resources") or {}
    security = spec.get("security") or {}
    fields = list(fields)
    tenant_field = None
    if tenant:
        owner = security.get("tenant")
        if not owner:
            raise ScaffoldError("--tenant needs a top-level security section naming the tenant resource")
        tenant_field = snake_case(owner)
        if tenant_field in dict(fields):
            raise ScaffoldError(f"--tenant adds the field '{tenant_field}'; leave it out of --fields")
        fields.append((tenant_field, {"type": "reference", "to": owner, "required": True, "on_delete": "cascade",
                                      "related_name": plural_of(snake_case(name))}))
    if not fields:
        raise ScaffoldError("give the resource at least one field: --fields name:string")
    texts = [n for n, f in fields if TYPES[f["type"]].searchable]
    references = [n for n, f in fields if TYPES[f["type"]].relation == ONE]
    columns = [n for n, f in fields if TYPES[f["type"]].column]
    block: dict = {}
    if tenant_field:
        block["tenant"] = tenant_field
    block["fields"] = {n: _flow(f) for n, f in fields}
    first = texts[0] if texts else None
    if first:
        block["ordering"] = _flow([first])
    api: dict = {"operations": _flow(list(OPERATIONS))}
    if references:
        api["filters"] = _flow({n: _flow(["exact", "in"]) for n in references})
    api["ordering"] = _flow(([first] if first else []) + ["created_at"])
    if texts:
        api["search"] = _flow(texts)
    block["api"] = api
    admin: dict = {"list_display": _flow(columns[:ADMIN_COLUMNS])}
    admin_search = [n for n, f in fields if TYPES[f["type"]].textual and TYPES[f["type"]].column]
    if admin_search:
        admin["search"] = _flow(admin_search)
    if references:
        admin["filters"] = _flow(references)
    if first:
        admin["ordering"] = _flow([first])
    block["admin"] = admin
    permissions = _mirror(resources, tenant=tenant)
    if permissions:
        block["permissions"] = {op: _flow(roles) for op, roles in permissions.items()}
    return block


def render(name: str, block: dict, indent: int) -> str:
    """The resource as YAML text, indented to sit under `resources:`."""
    writer = YAML()
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.width = 120
    out = io.StringIO()
    writer.dump(CommentedMap({name: CommentedMap(block)}), out)
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in out.getvalue().splitlines(keepends=True))


def _insertion(text: str) -> tuple[int, int]:
    """(character offset after the last resource, the indentation of resource names)."""
    root = yaml.compose(text)
    resources = next((v for k, v in root.value if k.value == "resources"), None) if root is not None else None
    if resources is None or not isinstance(resources, yaml.MappingNode) or not resources.value:
        raise ScaffoldError("resources.yaml has no resources mapping to add to")
    end = resources.end_mark.index
    line_end = text.find("\n", end - 1 if end and text[end - 1] == "\n" else end)
    offset = len(text) if line_end == -1 else line_end + 1
    return offset, resources.value[0][0].start_mark.column


def add_resource(text: str, name: str, *, tenant: bool = False, fields: str = "") -> str:
    """The spec text with the new resource appended to its resources; raises ScaffoldError for
    a request that cannot work and SpecError when the result would not validate."""
    spec = YAML(typ="rt").load(text) or {}
    resources = spec.get("resources") or {}
    if not name or not NAME.match(name):
        raise ScaffoldError(f"the resource name '{name or ''}' must be CamelCase letters and digits (e.g. 'Pallet')")
    if name in resources:
        raise ScaffoldError(f"resource '{name}' is already declared in resources.yaml")
    block = resource_block(spec, name, tenant=tenant, fields=parse_fields(fields, resources))
    offset, indent = _insertion(text)
    head = text[:offset] if text[:offset].endswith("\n") else text[:offset] + "\n"
    new = head + "\n" + render(name, block, indent) + text[offset:]
    load_spec_text(new)  # the result must validate; SpecError says where it would not
    return new


def main(spec_path: Path, name: str | None, *, tenant: bool, fields: str) -> int:
    try:
        text = spec_path.read_text(encoding="utf-8")
    except OSError as exc:
        print(f"{spec_path}: cannot read the spec: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        load_spec_text(text)
    except SpecError as exc:
        print(f"{exc}\nfix these problems in {spec_path} first; nothing was written.", file=sys.stderr)
        return 2
    try:
        new = add_resource(text, name or "", tenant=tenant, fields=fields)
    except ScaffoldError as exc:
        print(f"{spec_path}: {exc}; nothing was written.", file=sys.stderr)
        return 2
    except SpecError as exc:
        print(f"{exc}\nthe new resource would not validate; nothing was written.", file=sys.stderr)
        return 2
    spec_path.write_text(new, encoding="utf-8")
    print(f"added {name} to {spec_path}; run `make generate` (codegen generate + makemigrations)")
    return 0
