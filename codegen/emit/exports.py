"""IR → timba/generated/exports.py: the spreadsheet export of each resource whose spec enables
import/export (timba.runtime.exports): its columns, the cell kind of each (its field type's
`cell`), and the natural key a reference is written by, so that an export re-imports."""

from __future__ import annotations

from codegen.emit.source import Module, call, indent, literal
from codegen.ir import Field, Project, Resource


def table_name(res: Resource) -> str:
    """The module-level name of a resource's export table: `LOG_EXPORT`."""
    return f"{res.snake.upper()}_EXPORT"


def reference_key(project: Project, field: Field) -> str:
    """The field of the referenced row that names it in a sheet: the target's import key
    without its tenant (a row's tenant is its own column, or the importer's) when one field is
    left, else its first unique text field, else its id."""
    target = project.resource(field.target)
    tenant = target.tenant if target.tenant != "self" else None
    key = [name for name in target.import_key if name != tenant]
    if len(key) == 1 and not target.field(key[0]).field_type.relation:
        return key[0]
    unique = [f.name for f in target.fields if f.unique and f.field_type.display]
    return unique[0] if unique else "id"


def _column(project: Project, field: Field) -> str:
    kw = {}
    if field.field_type.relation:
        kw["key"] = literal(reference_key(project, field))
    if field.decimal_places is not None and field.field_type.cell == "decimal":
        kw["places"] = literal(field.decimal_places)
    return call("Column", literal(field.name), literal(field.field_type.cell), **kw)


def columns(project: Project, res: Resource) -> list[str]:
    """The columns of the django-import-export resource (timba/generated/resources.py), in its
    order: the id, every field, the timestamps."""
    out = ['Column("id", "integer")', *(_column(project, f) for f in res.fields)]
    if res.timestamps:
        out += ['Column("created_at", "datetime")', 'Column("updated_at", "datetime")']
    return out


def _table(project: Project, res: Resource) -> str:
    body = indent("(\n" + indent("".join(f"{c},\n" for c in columns(project, res))) + ")")
    return (
        f"{table_name(res)} = Table(\n    {res.name},\n{body},\n    {literal(res.plural)},\n)"
    )


def emit_exports(project: Project) -> dict[str, str]:
    mod = Module("Spreadsheet exports (CSV, XLSX) of the resources that enable import/export: their columns.")
    for res in project.resources:
        if not res.import_export:
            continue
        mod.need(f"from timba.models import {res.name}", "from timba.runtime.exports.columns import Column, Table")
        mod.add(_table(project, res))
    return {"timba/generated/exports.py": mod.render()}


def export_route(res: Resource) -> str:
    """`GET /<plural>/export` and `POST /<plural>/exports` (a job) of timba/generated/api.py
    (timba.runtime.exports.http)."""
    r, func = f"{res.snake}_router", f"{res.snake}_export"
    return (
        f'@{r}.get("/{res.plural}/export", response={{200: None}}, operation_id="{func}", '
        f"openapi_extra=export_openapi({literal(res.doc_label_plural)}))\n"
        f"def {func}(request, params: Query[{res.name}ExportQuery]):\n"
        f'    """Download the {res.doc_label_plural} as CSV or XLSX (?format=), filtered, searched and ordered as the list; needs the export permission. References are written by their natural key, so the file re-imports."""\n'
        f"    return export_list(request, {table_name(res)}, params)\n\n\n"
        f'@{r}.post("/{res.plural}/exports", response={{202: ExportRunOut}}, operation_id="{res.snake}_export_start", '
        f"openapi_extra=start_openapi({literal(res.doc_label_plural)}))\n"
        f"def {res.snake}_export_start(request, params: Query[{res.name}ExportQuery]):\n"
        f'    """Export the {res.doc_label_plural} as a job, whatever their number (same parameters as GET /{res.plural}/export): 202 with Location, the run whose GET shows the progress and, when done, the download link; DELETE it to cancel."""\n'
        f"    return export_start(request, {table_name(res)}, params)"
    )


def export_imports(res: Resource) -> tuple[str, ...]:
    """What `export_route` needs imported in timba/generated/api.py."""
    if not res.import_export:
        return ()
    return (
        "from ninja import Query",
        f"from timba.generated.exports import {table_name(res)}",
        f"from timba.generated.schemas import {res.name}ExportQuery",
        "from timba.runtime.exports.http import export_list, export_openapi, export_start, start_openapi",
        "from timba.runtime.exports.runs_http import ExportRunOut",
    )
