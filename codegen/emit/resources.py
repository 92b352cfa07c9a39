"""IR → timba/generated/resources.py: django-import-export resources for the resources whose
spec enables import/export, keyed on the spec's natural key, with its column aliases."""

from __future__ import annotations

from codegen.emit.source import Module, assign, call, indent, literal
from codegen.ir import Field, Project, Resource


def natural_lookup(project: Project, field: Field) -> str:
    """The column of the referenced row that a sheet names it by: its single-field natural key
    when it has one, else its id."""
    target = project.resource(field.target)
    if len(target.import_key) == 1 and target.field(target.import_key[0]).unique:
        return target.import_key[0]
    unique = [f.name for f in target.fields if f.unique and f.field_type.display]
    return unique[0] if unique else "pk"


def _declared(project: Project, res: Resource) -> list[str]:
    lines = []
    for name in _readonly(res):
        kw = {"attribute": literal(name), "column_name": literal(name), "readonly": "True"}
        field = res.field(name) if name not in {"created_at", "updated_at"} else None
        if field is not None and field.field_type.relation:
            kw["widget"] = call(field.field_type.import_widget, field.target, field=literal(natural_lookup(project, field)))
        lines.append(f"{name} = " + call("fields.Field", **kw))
    for field in res.fields:
        if not field.field_type.relation or field.name in _readonly(res):
            continue
        target_key = natural_lookup(project, field)
        widget_call = call(field.field_type.import_widget, field.target, field=literal(target_key))
        lines.append(
            f"{field.name} = "
            + call(
                "fields.Field",
                attribute=literal(field.name),
                column_name=literal(field.name),
                widget=widget_call,
            )
        )
    return lines


def _readonly(res: Resource) -> tuple[str, ...]:
    """Exported but never imported: computed values, auto-set users, timestamps. Derived
    fields stay importable so that the natural key can use them; the runtime re-derives them."""
    return tuple(n for n in res.readonly_names if n in {"created_at", "updated_at"} or not res.field(n).derived_from)


def _resource(project: Project, res: Resource) -> str:
    columns = ["id"] + [f.name for f in res.fields] + (["created_at", "updated_at"] if res.timestamps else [])
    meta = [
        f"model = {res.name}",
        f"import_id_fields = {literal(res.import_key)}",
        assign("fields", tuple(columns), width=92),
        assign("export_order", tuple(columns), width=92),
        "clean_model_instances = True",
        "skip_unchanged = True",
        "report_skipped = True",
    ]
    matched = f"matched on {', '.join(res.import_key)}" if res.import_key else "each one created (no natural key to match on)"
    body = [f'"""Spreadsheet rows of {res.doc_label_plural}, {matched}."""', ""]
    body += _declared(project, res)
    body.append(assign("column_aliases", {k: list(v) for k, v in res.import_aliases}, width=96))
    body += ["", "class Meta:", indent("\n".join(meta))]
    return f"class {res.name}Resource(EntityResource):\n" + indent("\n".join(body))


def emit_resources(project: Project) -> dict[str, str]:
    mod = Module("django-import-export resources for the resources that enable import/export.")
    for res in project.resources:
        if not res.import_export:
            continue
        mod.need("from timba.runtime.resources import EntityResource")
        mod.need(f"from timba.models import {res.name}", "from import_export import fields")
        for field in res.fields:
            widget = field.field_type.import_widget
            if widget:
                mod.need(f"from import_export.widgets import {widget}", f"from timba.models import {field.target}")
        mod.add(_resource(project, res))
    return {"timba/generated/resources.py": mod.render()}
