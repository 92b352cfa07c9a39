"""IR → timba/generated/imports.py: per resource whose spec enables import/export, what an
import maps and converts columns with (its importable fields' names, labels, aliases, kinds,
required, units, choices and referenced resources, its natural key and tenant path), registered
into timba.runtime.imports.descriptors when the app loads."""

from __future__ import annotations

from codegen.emit.resources import natural_lookup
from codegen.emit.source import Module, call, indent, literal
from codegen.ir import Field, Project, Resource


def _column(project: Project, res: Resource, field: Field) -> str:
    kw = {"name": literal(field.name), "label": literal(field.label), "kind": literal(field.kind)}
    if field.required:
        kw["required"] = "True"
    aliases = dict(res.import_aliases).get(field.name)
    if aliases:
        kw["aliases"] = literal(tuple(aliases))
    units = dict(res.import_units).get(field.name)
    if units:
        kw["units"] = literal(tuple((unit, str(factor)) for unit, factor in units))
    if field.choices:
        kw["choices"] = literal(field.choices)
    if field.target:
        kw["target"] = literal(field.target)
        kw["lookup"] = literal(natural_lookup(project, field))
    return call("Column", **kw)


def _register(project: Project, res: Resource) -> str:
    columns = [_column(project, res, f) for f in res.fields if f.writable]
    body = "(\n" + "".join(indent(c) + ",\n" for c in columns) + ")"
    return (
        "register(\n"
        + indent(
            f"{literal(res.name)},\n"
            f"label={literal(res.label)},\n"
            f"key={literal(res.import_key)},\n"
            f"tenant={literal(res.tenant)},\n"
            f"columns={body},"
        )
        + "\n)"
    )


def emit_imports(project: Project) -> dict[str, str]:
    mod = Module("What imports map and convert columns with, registered into timba.runtime.imports when the app loads.")
    for res in project.resources:
        if res.import_export:
            mod.need("from timba.runtime.imports.descriptors import Column, register")
            mod.add(_register(project, res))
    return {"timba/generated/imports.py": mod.render()}
