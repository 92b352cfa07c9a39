"""IR → timba/generated/schemas.py: django-ninja schemas for output, create and partial update.

Input schemas forbid unknown keys and carry the spec's constraints, so a bad request is a 422
that names the field before any database work happens.
"""

from __future__ import annotations

from codegen.emit.source import Module, assign, call, indent, literal
from codegen.field_types import BLANK, FALSE, NO_LINKS, field_type
from codegen.ir import Field, ListFilter, Project, Resource


def _type(field: Field) -> str:
    if field.choices:
        return "Literal[" + ", ".join(literal(v) for v, _ in field.choices) + "]"
    return field.field_type.schema_type


def _constraints(field: Field) -> dict[str, str]:
    ftype = field.field_type
    kw: dict[str, str] = {}
    if field.max_length and ftype.takes("max_length"):  # a choice's is its Literal
        kw["max_length"] = literal(field.max_length)
    if field.min is not None:
        kw["ge"] = _number(field.min)
    if field.max is not None:
        kw["le"] = _number(field.max)
    if ftype.takes("max_digits"):
        kw["max_digits"] = literal(field.max_digits)
        kw["decimal_places"] = literal(field.decimal_places)
    if ftype.pattern:
        kw["pattern"] = literal(ftype.pattern)
    if ftype.required_nonempty and field.required:
        kw["min_length"] = "1"
    if field.help:
        kw["description"] = literal(field.help)
    return kw


def _number(value) -> str:
    """A bound as an int literal when whole, so the OpenAPI document shows a number."""
    return literal(int(value)) if value == int(value) else literal(value)


def _output_line(field: Field) -> str:
    py = _type(field)
    if field.nullable or field.computed:
        py += " | None"
    return f"{field.attname}: {py}"


def _input_line(field: Field, *, partial: bool, tenant: bool = False) -> str:
    """`name: type = Field(...)`. Optional keys default to None without validating the
    default, so leaving a key out is allowed while an explicit null is refused."""
    py = _type(field)
    kw = _constraints(field)
    if field.nullable:
        py += " | None"
    if tenant and not partial:  # filled from the caller's tenant; only staff choose it
        return f"{field.attname}: {py} | None = " + (call("Field", default="None", **kw) if kw else "None")
    empty = field.field_type.empty
    if partial or not field.required:
        if field.default is not None and not partial:
            kw = {"default": literal(field.default), **kw}
        elif empty == NO_LINKS and not partial:
            kw = {"default_factory": "list", **kw}
        elif empty == BLANK and not partial and not field.nullable:
            kw = {"default": '""', **kw}
        elif empty == FALSE and not partial:
            kw = {"default": "False", **kw}
        else:
            kw = {"default": "None", **kw}
    if not kw:
        return f"{field.attname}: {py}"
    if list(kw) == ["default"]:
        return f"{field.attname}: {py} = {kw['default']}"
    return f"{field.attname}: {py} = {call('Field', **kw)}"


def _schema(name: str, doc: str, lines: list[str], base: str = "Schema") -> str:
    body = [f'"""{doc}"""', ""] + lines
    return f"class {name}({base}):\n" + indent("\n".join(body))


def _resource_schemas(res: Resource) -> list[str]:
    out = ["id: int"] + [_output_line(f) for f in res.fields]
    if res.auth_user:
        out += ["is_active: bool", "is_staff: bool"]
    if res.timestamps:
        out += ["created_at: datetime", "updated_at: datetime"]
    for agg in res.aggregates:
        out.append(f"{agg.name}: {field_type(agg.kind).schema_type} = {call('Field', description=literal(agg.description))}")
    for field in res.fields:
        if field.is_many:
            out += ["", "@staticmethod", f"def resolve_{field.name}(obj):", f"    return [row.pk for row in obj.{field.name}.all()]"]
    for agg in res.aggregates:  # annotated by the selectors; computed here only for a bare instance
        out += ["", "@staticmethod", f"def resolve_{agg.name}(obj):", f"    return aggregate_value(obj, {literal(agg.name)})"]
    blocks = [_schema(f"{res.name}Out", f"{res.a_label[0].upper()}{res.a_label[1:]} as the API returns it.", out)]
    create = [_input_line(f, partial=False, tenant=f.name == res.tenant) for f in res.input_fields]
    patch = [_input_line(f, partial=True) for f in res.input_fields]
    if res.auth_user:
        create.append('password: str = Field(default="", max_length=128, description="Leave empty for no login")')
        patch.append("password: str = Field(default=None, max_length=128)")
        active = "An inactive account cannot log in and holds no seat; its tokens stop working"
        create.append(f"is_active: bool = {call('Field', default='True', description=literal(active))}")
        patch.append(f"is_active: bool = {call('Field', default='None', description=literal(active))}")
    blocks.append(_schema(f"{res.name}Create", f"Fields accepted when creating {res.a_label}.", create or ["pass"], "InputSchema"))
    blocks.append(_schema(f"{res.name}Patch", f"Fields accepted by a partial update of {res.a_label}; all optional.", patch or ["pass"], "InputSchema"))
    page = [
        f"items: list[{res.name}Out]",
        'count: int | None = Field(description="Rows matching the query; null on cursor pages")',
        "limit: int",
        'offset: int | None = Field(description="Rows skipped; null on cursor pages")',
        'next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")',
    ]
    blocks.append(_schema(f"{res.name}Page", f"One page of {res.doc_label_plural}.", page))
    if res.bulk_key:
        items = f"items: list[{res.name}Create] = {call('Field', max_length=str(res.bulk_max_items))}"
        blocks.append(_schema(f"{res.name}Bulk", f"The body of a bulk upsert of {res.doc_label_plural}, matched on {', '.join(res.bulk_key)}.", [items], "InputSchema"))
        result = [
            'created: int = Field(description="Rows created")',
            'updated: int = Field(description="Existing rows updated")',
            f'items: list[{res.name}Out] = Field(description="Every row sent, in request order")',
        ]
        blocks.append(_schema(f"{res.name}BulkResult", f"The answer of a bulk upsert of {res.doc_label_plural}.", result))
    if "list" in res.operations:
        blocks.append(_list_query(res))
    return blocks


OPERATOR_HELP = {
    "exact": "{name} equals",
    "in": "{name} is one of these comma-separated values",
    "gte": "{name} at least (inclusive)",
    "lte": "{name} at most (inclusive)",
    "contains": "{name} contains this text (case-insensitive)",
}


def _filter_type(flt: ListFilter, op: str) -> str:
    if op in {"in", "contains"}:
        return "str"
    if flt.choices:
        return "Literal[" + ", ".join(literal(v) for v in flt.choices) + "]"
    return field_type(flt.kind).filter_type


def _list_query(res: Resource) -> str:
    """`<Name>ListQuery`: the query parameters of the list route (OpenAPI documents each one)."""
    lines = []
    if res.list_filters:
        filters = {f.name: f.operators for f in res.list_filters}
        lines.append(assign("FILTERS: ClassVar[dict[str, tuple[str, ...]]]", filters))
    if res.list_search:
        lines.append(assign("SEARCH: ClassVar[tuple[str, ...]]", res.list_search))
    if lines:
        lines.append("")
    for flt in res.list_filters:
        for param, op in flt.params:
            help_ = OPERATOR_HELP[op].format(name=flt.name)
            lines.append(f"{param}: {_filter_type(flt, op)} | None = {call('Field', 'None', description=literal(help_))}")
    if res.list_ordering:
        values = [v for name in res.list_ordering for v in (name, f"-{name}")]
        help_ = "One field to sort by, '-' first for descending; ties go by id, empty values last"
        lines.append("order: Literal[" + ", ".join(literal(v) for v in values) + "] | None = " + call("Field", "None", description=literal(help_)))
    if res.list_search:
        help_ = "Rows whose " + ", ".join(res.list_search) + " contain this text (case-insensitive)"
        lines.append(f"search: str | None = {call('Field', 'None', description=literal(help_))}")
    doc = f"Query parameters of the {res.doc_label} list: paging, ?fields= and the filters the spec declares."
    return _schema(f"{res.name}ListQuery", doc, lines or ["pass"], "PageParams")


def emit_schemas(project: Project) -> dict[str, str]:
    mod = Module("django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page, <Name>ListQuery.")
    mod.need(
        "from ninja import Field, Schema",
        "from timba.runtime.schemas import InputSchema",
        "from timba.runtime.pagination import PageParams",
    )
    listed = [r for r in project.resources if "list" in r.operations]
    if any(r.list_filters or r.list_search for r in listed):
        mod.need("from typing import ClassVar")
    if any(r.aggregates for r in project.resources):
        mod.need("from timba.runtime.aggregates import aggregate_value")
    mod.need("from datetime import datetime")  # created_at, updated_at
    for kind in {f.kind for r in project.resources for f in r.fields}:
        mod.need(*field_type(kind).schema_imports)
    ordered = any(r.list_ordering for r in listed)
    if ordered or any(f.choices for r in project.resources for f in r.fields):
        mod.need("from typing import Literal")
    for res in project.resources:
        for block in _resource_schemas(res):
            mod.add(block)
    return {"timba/generated/schemas.py": mod.render()}
