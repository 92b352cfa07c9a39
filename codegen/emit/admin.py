"""IR → timba/generated/admin.py: a django-unfold admin class per resource, with
import/export buttons where the spec enables them; each mixes in its hook module's AdminMixin.
List columns for aggregates, many-references and seats are timba.runtime.admin_columns' (their
values come in the page's query); the auth user's add form is one step (tenant, roles, password)."""

from __future__ import annotations

from codegen.emit.exports import table_name
from codegen.emit.source import Module, assign, indent, literal
from codegen.ir import Project, Resource


def _tuple(names) -> str:
    return literal(tuple(names))


def _roles_field(project: Project, res: Resource) -> str | None:
    """The auth user's field holding its roles: checkboxes with each role's label (few rows)."""
    return project.security.user_roles if res.auth_user else None


def _role_resource(project: Project) -> str | None:
    user, name = project.auth_user, project.security.user_roles
    if user is None or not name or not any(f.name == name for f in user.fields):
        return None
    return user.field(name).target


def _autocomplete(project: Project, res: Resource) -> tuple[str, ...]:
    """References whose target admin is searchable get an autocomplete widget, so a select
    never loads a whole table."""
    return tuple(
        f.name
        for f in res.fields
        if f.field_type.relation and f.writable and project.resource(f.target).admin_search
        and f.name != _roles_field(project, res)
    )


def _seats_field(project: Project, res: Resource) -> str | None:
    """The tenant's field limiting its seats, when seat holders are declared to count."""
    sub = dict(project.security.subscription)
    return sub.get("seats") if res.tenant == "self" and sub.get("seat_holders") else None


def _column(project: Project, res: Resource, name: str) -> tuple[str, str | None]:
    """(code of one list_display item, the timba.runtime.admin_columns factory it calls)."""
    aggregate = next((a for a in res.aggregates if a.name == name), None)
    if aggregate is not None:
        return f"aggregate_column({literal(name)}, {literal(name.replace('_', ' '))})", "aggregate_column"
    field = next((f for f in res.fields if f.name == name), None)
    if field is not None and field.is_many:
        return f"many_column({literal(name)}, {literal(field.label)})", "many_column"
    if field is not None and name == _seats_field(project, res):
        return f"seats_column({literal(name)}, {literal(field.label + ' used')})", "seats_column"
    return literal(name), None


def _list_display(project: Project, res: Resource) -> tuple[str, set[str]]:
    """`list_display`: the spec's names, aggregates and many-references as columns that bring
    their values in the page's query, the seats used against the tenant's seats, and a role's
    label and description on the roles' change list."""
    items, needs = [], set()
    for name in res.admin_list:
        code, factory = _column(project, res, name)
        items.append(code)
        needs |= {f"from timba.runtime.admin_columns import {factory}"} if factory else set()
    if res.name == _role_resource(project):
        items += ['role_column("label")', 'role_column("description")']
        needs.add("from timba.runtime.admin_roles import role_column")
    one_line = "list_display = (" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    if len(one_line) <= 96:
        return one_line, needs
    return "list_display = (\n" + "".join(f"    {item},\n" for item in items) + ")", needs


SEARCH_PREFIX = {"contains": "", "prefix": "^", "exact": "="}  # Django's search_fields prefixes


def _search_fields(res: Resource) -> str:
    return f"search_fields = {_tuple(SEARCH_PREFIX[mode] + name for name, mode in res.admin_search_modes)}"


def _reference_filters(project: Project, res: Resource) -> dict[str, str]:
    """The filter class of each reference filter: an autocomplete (ReferenceFilter) when the
    target's admin is searchable, so the sidebar never lists a whole table; otherwise the
    related rows the user's own rows point to. Neither shows another tenant's names."""
    return {
        f.name: "ReferenceFilter" if project.resource(f.target).admin_search else "RelatedOnlyFieldListFilter"
        for f in res.fields
        if f.field_type.relation and f.name in res.admin_filters
    }


def _list_filter(project: Project, res: Resource) -> str:
    classes = _reference_filters(project, res)
    items = [f"({literal(n)}, {classes[n]})" if n in classes else literal(n) for n in res.admin_filters]
    inner = ", ".join(items) + ("," if len(items) == 1 else "")
    return f"list_filter = ({inner})"


def _user_fieldsets(project: Project, res: Resource) -> list[str]:
    profile = [f.name for f in res.fields if f.name != "username" and f.writable]
    readonly = [f.name for f in res.fields if not f.writable]
    dates = ["last_login", "date_joined"] + (["created_at", "updated_at"] if res.timestamps else [])
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Profile", {"fields": tuple(profile + readonly)}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": tuple(dates)}),
    )
    # one step: the account, its tenant (a tenant admin's own is implied), its roles, a password
    tenant = [res.tenant] if res.tenant and res.tenant != "self" else []
    roles = [_roles_field(project, res)] if _roles_field(project, res) else []
    add = ((None, {"classes": ("wide",), "fields": ("username", *tenant, *roles, "password1", "password2")}),)
    return [assign("fieldsets", fieldsets), assign("add_fieldsets", add)]


def _admin_class(project: Project, res: Resource) -> str:
    list_display, _ = _list_display(project, res)
    lines = [
        f'"""Admin screens for {res.doc_label_plural}; tweak them in timba/hooks/{res.snake}.py (AdminMixin)."""',
        "",
        list_display,
        _search_fields(res),
        _list_filter(project, res),
        f"ordering = {_tuple(res.admin_ordering)}",
        assign("readonly_fields", res.readonly_names, width=96),
    ]
    auto = _autocomplete(project, res)
    if auto:
        lines.append(f"autocomplete_fields = {_tuple(auto)}")
    many = tuple(f.name for f in res.fields if f.is_many and f.name not in auto and f.name != _roles_field(project, res))
    if many:
        lines.append(f"filter_horizontal = {_tuple(many)}")
    if res.import_export:
        lines.append(f"resource_classes = [{res.name}Resource]")
        lines.append(f"export_table = {table_name(res)}  # the streamed CSV/XLSX export")
    if res.auth_user:
        lines += _user_fieldsets(project, res)
    decorator = f"@admin.register({res.name})\n"
    bases = ", ".join([f"{res.snake}_hooks.AdminMixin", *_bases(res)])
    return decorator + f"class {res.name}Admin({bases}):\n" + indent("\n".join(lines))


def _bases(res: Resource) -> list[str]:
    mixins = ["ImportExportMixin"] if res.import_export else []
    return mixins + ["EntityUserAdmin" if res.auth_user else "EntityAdmin"]


def emit_admin(project: Project) -> dict[str, str]:
    mod = Module("django-unfold admin classes for every resource, registered on the default site.")
    mod.need("from django.contrib import admin")
    classes = {c for r in project.resources for c in _reference_filters(project, r).values()}
    if "RelatedOnlyFieldListFilter" in classes:
        mod.need("from django.contrib.admin import RelatedOnlyFieldListFilter")
    if "ReferenceFilter" in classes:
        mod.need("from timba.runtime.admin_reference_filter import ReferenceFilter")
    for res in project.resources:
        mod.need(f"from timba.models import {res.name}", f"from timba.hooks import {res.snake} as {res.snake}_hooks")
        mod.need(*(f"from timba.runtime.admin import {base}" for base in _bases(res)))
        mod.need(*_list_display(project, res)[1])
        if res.import_export:
            mod.need(f"from timba.generated.resources import {res.name}Resource")
            mod.need(f"from timba.generated.exports import {table_name(res)}")
        mod.add(_admin_class(project, res))
    return {"timba/generated/admin.py": mod.render()}
