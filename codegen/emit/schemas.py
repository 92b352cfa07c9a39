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
        return "Literal[" + ", ".join(literal(v) for v in _choice_values(field)) + "]"
    return field.field_type.schema_type


def _choice_values(field: Field) -> list[str]:
    """The values a choice field holds: its choices, and "" when it may be left empty and the
    column keeps empty as "" (as Django's blank choice), so the row reads back and "" clears it."""
    values = [v for v, _ in field.choices]
    if field.blank and not field.nullable and field.field_type.empty == BLANK:
        values.insert(0, "")
    return values


def _input_type(field: Field) -> str:
    """The type of the field in API input: as strict as the document (field_types'
    `input_type`), a decimal as DecimalText of its column, each id of a many-reference within
    the target's ids."""
    ftype = field.field_type
    if field.choices:
        return _type(field)
    if ftype.column_range:  # the bounds on the integer, where pydantic applies (and documents) them
        low, high = field.bounds
        check = f", {ftype.input_check}" if ftype.input_check else ""
        one = f"Annotated[int, Field(ge={_number(low)}, le={_number(high)}){check}]"
        return f"list[{one}]" if field.is_many else one
    py = ftype.input_type or ftype.schema_type
    if ftype.takes("max_digits"):
        py = f"Annotated[{py}, {_decimal_text((field.max_digits, field.decimal_places), field.bounds)}]"
    return py


def _decimal_text(digits: tuple[int, int], bounds=(None, None), *, text_only: bool = False) -> str:
    """`DecimalText(8, 3, ge=0)`: a decimal column's digits and the value's bounds."""
    kw = {}
    if bounds[0] is not None:
        kw["ge"] = _number(bounds[0])
    if bounds[1] is not None:
        kw["le"] = _number(bounds[1])
    if text_only:
        kw["text_only"] = "True"
    return call("DecimalText", *(literal(d) for d in digits), **kw)


# The auth user's username, as Django's UnicodeUsernameValidator (on the model) takes it, kept to
# ASCII: letters, digits and @ . + - _ (ECMA-262's `\w` is ASCII, Python's is not).
USERNAME_PATTERN = r"^[A-Za-z0-9_.@+-]+$"


def _constraints(field: Field, *, username: bool = False) -> dict[str, str]:
    ftype = field.field_type
    kw: dict[str, str] = {}
    if field.max_length and ftype.takes("max_length"):  # a choice's is its Literal
        kw["max_length"] = literal(field.max_length)
    low, high = field.bounds
    if not (ftype.column_range or ftype.takes("max_digits")):  # those carry them in their type
        if low is not None:
            kw["ge"] = _number(low)
        if high is not None:
            kw["le"] = _number(high)
    if ftype.pattern or username:
        kw["pattern"] = literal(USERNAME_PATTERN if username else ftype.pattern)
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


def _input_line(field: Field, *, partial: bool, tenant: bool = False, username: bool = False) -> str:
    """`name: type = Field(...)`. Optional keys default to None without validating the
    default, so leaving a key out is allowed while an explicit null is refused."""
    py = _input_type(field)
    kw = _constraints(field, username=username)
    if field.nullable:
        py += " | None"
    if tenant and not partial:  # filled from the caller's tenant; only staff choose it
        py += "" if field.nullable else " | None"
        return f"{field.attname}: {py} = " + (call("Field", default="None", **kw) if kw else "None")
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
    login = {f.name: res.auth_user and f.name == "username" for f in res.input_fields}
    create = [_input_line(f, partial=False, tenant=f.name == res.tenant, username=login[f.name]) for f in res.input_fields]
    patch = [_input_line(f, partial=True, username=login[f.name]) for f in res.input_fields]
    if res.auth_user:
        create.append('password: Annotated[str, Password()] = Field(default="", max_length=128)')  # Password() describes it
        patch.append("password: Annotated[str, Password()] = Field(default=None, max_length=128)")
        active = "An inactive account cannot log in and holds no seat; its tokens stop working"
        create.append(f"is_active: StrictBool = {call('Field', default='True', description=literal(active))}")
        patch.append(f"is_active: StrictBool = {call('Field', default='None', description=literal(active))}")
    blocks.append(_schema(f"{res.name}Create", f"Fields accepted when creating {res.a_label}.", create or ["pass"], "InputSchema"))
    blocks.append(_schema(f"{res.name}Patch", f"Fields accepted by a partial update of {res.a_label}; all optional.", patch or ["pass"], "InputSchema"))
    # an item cut by ?fields= has some of the keys of <Name>Out
    blocks.append(f"{res.name}Fields = partial_schema({res.name}Out, {literal(res.name + 'Fields')})")
    page = [
        f"items: list[{res.name}Out | {res.name}Fields]",
        'count: int | None = Field(description="Rows matching the query; null on cursor pages")',
        "limit: int",
        'offset: int | None = Field(description="Rows skipped; null on cursor pages")',
        'next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")',
    ]
    blocks.append(_schema(f"{res.name}Page", f"One page of {res.doc_label_plural}.", page))
    if res.bulk_key:
        # the same item twice repeats its key, which the upsert refuses
        unique = '{"uniqueItems": True}'
        items = f"items: list[{res.name}Create] = {call('Field', max_length=str(res.bulk_max_items), json_schema_extra=unique)}"
        blocks.append(_schema(f"{res.name}Bulk", f"The body of a bulk upsert of {res.doc_label_plural}, matched on {', '.join(res.bulk_key)}.", [items], "InputSchema"))
        result = [
            'created: int = Field(description="Rows created")',
            'updated: int = Field(description="Existing rows updated")',
            f'items: list[{res.name}Out] = Field(description="Every row sent, in request order")',
        ]
        blocks.append(_schema(f"{res.name}BulkResult", f"The answer of a bulk upsert of {res.doc_label_plural}.", result))
    if "list" in res.operations:
        blocks.append(_list_query(res))
    if res.import_export:
        blocks.append(_export_query(res))
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
    ftype = field_type(flt.kind)
    if ftype.takes("max_digits") and flt.digits:  # text in a query string, always
        return f"Annotated[{ftype.filter_type}, {_decimal_text(flt.digits, text_only=True)}]"
    return ftype.filter_type


def _filter_constraints(flt: ListFilter, op: str) -> dict[str, str]:
    """An `in` list's pattern (its values within the column: ids, choices, digits); an integer
    filter's bounds (the column's: a value beyond them could match nothing)."""
    ftype = field_type(flt.kind)
    if op == "in" and ftype.list_pattern:
        low, high = flt.column_range or (None, None)
        digits, places = flt.digits or (None, None)
        source = ftype.list_pattern.format(low=low, high=high, max_digits=digits, decimal_places=places,
                                           choices=literal(list(flt.choices)))
        return {"pattern": source}
    if op in {"exact", "gte", "lte"} and flt.column_range and not flt.choices:
        return {"ge": literal(flt.column_range[0]), "le": literal(flt.column_range[1])}
    return {}


def _query_lines(res: Resource) -> list[str]:
    """The list's filters, `order` and `search`: the parameters of its list and its export."""
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
            kw = {**_filter_constraints(flt, op), "description": literal(help_)}
            lines.append(f"{param}: {_filter_type(flt, op)} | None = {call('Field', 'None', **kw)}")
    if res.list_ordering:
        values = [v for name in res.list_ordering for v in (name, f"-{name}")]
        help_ = "One field to sort by, '-' first for descending; ties go by id, empty values last"
        lines.append("order: Literal[" + ", ".join(literal(v) for v in values) + "] | None = " + call("Field", "None", description=literal(help_)))
    if res.list_search:
        help_ = "Rows whose " + ", ".join(res.list_search) + " contain this text (case-insensitive)"
        lines.append(f"search: str | None = {call('Field', 'None', description=literal(help_))}")
    return lines


def _list_query(res: Resource) -> str:
    """`<Name>ListQuery`: the query parameters of the list route (OpenAPI documents each one)."""
    lines = _query_lines(res)
    help_ = "Comma-separated fields each item keeps, e.g. `id,name`"
    # checked by the page (timba.runtime.pagination), which names the fields in its problem
    pattern = f'{{"pattern": choice_list_pattern({literal(list(res.output_names))})}}'
    fields = call("Field", "None", json_schema_extra=pattern, description=literal(help_))
    lines.append(f"fields: str | None = {fields}")
    doc = f"Query parameters of the {res.doc_label} list: paging, ?fields= and the filters the spec declares."
    return _schema(f"{res.name}ListQuery", doc, lines or ["pass"], "PageParams")


def _export_query(res: Resource) -> str:
    """`<Name>ExportQuery`: the query parameters of the export route, the list's without paging."""
    doc = f"Query parameters of the {res.doc_label} export: the format and the list's filters, order and search."
    return _schema(f"{res.name}ExportQuery", doc, _query_lines(res) or ["pass"], "ExportParams")


def emit_schemas(project: Project) -> dict[str, str]:
    mod = Module("django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page, <Name>ListQuery, <Name>ExportQuery.")
    mod.need(
        "from ninja import Field, Schema",
        "from timba.runtime.schemas import InputSchema",
        "from timba.runtime.pagination import PageParams",
    )
    listed = [r for r in project.resources if "list" in r.operations or r.import_export]  # their filters
    if any(r.import_export for r in project.resources):
        mod.need("from timba.runtime.exports.params import ExportParams")
    if any(r.list_filters or r.list_search for r in listed):
        mod.need("from typing import ClassVar")
    if any(r.aggregates for r in project.resources):
        mod.need("from timba.runtime.aggregates import aggregate_value")
    mod.need("from datetime import datetime")  # created_at, updated_at
    kinds = {f.kind for r in project.resources for f in r.fields} | {flt.kind for r in listed for flt in r.list_filters}
    for kind in kinds:
        mod.need(*field_type(kind).schema_imports)
    ordered = any(r.list_ordering for r in listed)
    if ordered or any(f.choices for r in project.resources for f in r.fields):
        mod.need("from typing import Literal")
    for res in project.resources:
        for block in _resource_schemas(res):
            mod.add(block)
    body = "\n".join(mod.blocks)
    if "Annotated[" in body:
        mod.need("from typing import Annotated")
    if "StrictBool" in body:  # the auth user's is_active, whatever fields the spec declares
        mod.need("from pydantic import StrictBool")
    for helper, module in RUNTIME_HELPERS.items():  # the runtime's value types and `in` patterns
        if f"{helper}(" in body:
            mod.need(f"from timba.runtime.{module} import {helper}")
    return {"timba/generated/schemas.py": mod.render()}


RUNTIME_HELPERS = {
    **dict.fromkeys(("DecimalText", "Password", "partial_schema"), "schemas"),
    **dict.fromkeys(
        ("int_list_pattern", "text_list_pattern", "decimal_list_pattern", "choice_list_pattern", "date_list_pattern"),
        "value_patterns",
    ),
}
