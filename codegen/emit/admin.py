"""IR → timba/generated/admin.py: a django-unfold admin class per resource, with
import/export buttons where the spec enables them; each mixes in its hook module's AdminMixin."""

from __future__ import annotations

from codegen.emit.exports import table_name
from codegen.emit.source import Module, assign, indent, literal
from codegen.ir import Project, Resource


def _tuple(names) -> str:
    return literal(tuple(names))


def _autocomplete(project: Project, res: Resource) -> tuple[str, ...]:
    """References whose target admin is searchable get an autocomplete widget, so a select
    never loads a whole table."""
    return tuple(
        f.name
        for f in res.fields
        if f.field_type.relation and f.writable and project.resource(f.target).admin_search
    )


def _list_filter(res: Resource) -> str:
    """Filters on references offer only the related rows the user's own rows point to, so a
    filter never lists another tenant's names."""
    names = {f.name for f in res.fields if f.field_type.relation}
    items = [f"({literal(n)}, RelatedOnlyFieldListFilter)" if n in names else literal(n) for n in res.admin_filters]
    inner = ", ".join(items) + ("," if len(items) == 1 else "")
    return f"list_filter = ({inner})"


def _user_fieldsets(res: Resource) -> list[str]:
    profile = [f.name for f in res.fields if f.name != "username" and f.writable]
    readonly = [f.name for f in res.fields if not f.writable]
    dates = ["last_login", "date_joined"] + (["created_at", "updated_at"] if res.timestamps else [])
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Profile", {"fields": tuple(profile + readonly)}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": tuple(dates)}),
    )
    add = ((None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),)
    return [assign("fieldsets", fieldsets), assign("add_fieldsets", add)]


def _admin_class(project: Project, res: Resource) -> str:
    lines = [
        f'"""Admin screens for {res.doc_label_plural}; tweak them in timba/hooks/{res.snake}.py (AdminMixin)."""',
        "",
        assign("list_display", res.admin_list, width=96),
        f"search_fields = {_tuple(res.admin_search)}",
        _list_filter(res),
        f"ordering = {_tuple(res.admin_ordering)}",
        assign("readonly_fields", res.readonly_names, width=96),
    ]
    auto = _autocomplete(project, res)
    if auto:
        lines.append(f"autocomplete_fields = {_tuple(auto)}")
    many = tuple(f.name for f in res.fields if f.is_many and f.name not in auto)
    if many:
        lines.append(f"filter_horizontal = {_tuple(many)}")
    if res.import_export:
        lines.append(f"resource_classes = [{res.name}Resource]")
        lines.append(f"export_table = {table_name(res)}  # the streamed CSV/XLSX export")
    if res.auth_user:
        lines += _user_fieldsets(res)
    decorator = f"@admin.register({res.name})\n"
    bases = ", ".join([f"{res.snake}_hooks.AdminMixin", *_bases(res)])
    return decorator + f"class {res.name}Admin({bases}):\n" + indent("\n".join(lines))


def _bases(res: Resource) -> list[str]:
    mixins = ["ImportExportMixin"] if res.import_export else []
    return mixins + ["EntityUserAdmin" if res.auth_user else "EntityAdmin"]


def emit_admin(project: Project) -> dict[str, str]:
    mod = Module("django-unfold admin classes for every resource, registered on the default site.")
    mod.need("from django.contrib import admin")
    if any(f.field_type.relation and f.name in r.admin_filters for r in project.resources for f in r.fields):
        mod.need("from django.contrib.admin import RelatedOnlyFieldListFilter")
    for res in project.resources:
        mod.need(f"from timba.models import {res.name}", f"from timba.hooks import {res.snake} as {res.snake}_hooks")
        mod.need(*(f"from timba.runtime.admin import {base}" for base in _bases(res)))
        if res.import_export:
            mod.need(f"from timba.generated.resources import {res.name}Resource")
            mod.need(f"from timba.generated.exports import {table_name(res)}")
        mod.add(_admin_class(project, res))
    return {"timba/generated/admin.py": mod.render()}
